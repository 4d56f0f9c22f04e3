/**
 * `MaxPoolGrad` for tfjs-backend-wasm, replacing the one it ships: tfjs-backend-wasm 4.22's C++
 * kernel starts each window's running maximum at `numeric_limits<float>::min()` (the smallest
 * positive float, not the lowest), so a window whose values are all ≤ 0 sends its gradient to the
 * wrong element (to x[0], or nowhere); max-pooling anything that can be negative trains wrongly.
 * This one routes dy[b, oh, ow, c] to the first maximum of its window in row-major order, as
 * tfjs-backend-cpu does; a window of only NaN passes no gradient. NHWC.
 */
import {
  backend_util,
  type KernelConfig,
  type KernelFunc,
  MaxPoolGrad,
  type MaxPoolGradAttrs,
} from '@tensorflow/tfjs-core';
import { expectRank4, expectShapeEquals, float32Output, float32Values, inputOf, wasmBackendOf } from './kernel-io';

const KERNEL = MaxPoolGrad;

/**
 * dx ([b, h, w, c], float64): each output position's dy added at its window's first maximum. The
 * window is scanned tap by tap with the channels innermost, keeping one running maximum per channel.
 */
export function maxPoolInputGradient(x: Float32Array, dy: Float32Array, info: backend_util.Conv2DInfo): Float64Array {
  const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth } = info;
  const { strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const { effectiveFilterHeight, effectiveFilterWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const dx = new Float64Array(batchSize * inHeight * inWidth * channels);
  const best = new Float64Array(channels);
  const at = new Int32Array(channels);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        best.fill(-Infinity);
        at.fill(-1);
        for (let kh = 0; kh < effectiveFilterHeight; kh += dilationHeight) {
          const ih = oh * strideHeight + kh - top;
          if (ih < 0 || ih >= inHeight) continue;
          for (let kw = 0; kw < effectiveFilterWidth; kw += dilationWidth) {
            const iw = ow * strideWidth + kw - left;
            if (iw < 0 || iw >= inWidth) continue;
            const xOffset = ((b * inHeight + ih) * inWidth + iw) * channels;
            for (let c = 0; c < channels; c++) {
              const v = x[xOffset + c]!;
              if (v > best[c]!) {
                best[c] = v;
                at[c] = xOffset + c;
              }
            }
          }
        }
        const dyOffset = ((b * outHeight + oh) * outWidth + ow) * channels;
        for (let c = 0; c < channels; c++) {
          const i = at[c]!;
          if (i >= 0) dx[i]! += dy[dyOffset + c]!;
        }
      }
    }
  }
  return dx;
}

/** The kernel function: checks shapes, then {@link maxPoolInputGradient}. */
export const maxPoolGrad: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = wasmBackendOf(KERNEL, backend);
  const dy = inputOf(KERNEL, inputs, 'dy');
  const x = inputOf(KERNEL, inputs, 'input');
  const { filterSize, strides, pad, dimRoundingMode } = (attrs ?? {}) as unknown as MaxPoolGradAttrs;
  const xShape = expectRank4(KERNEL, 'input', x);
  expectRank4(KERNEL, 'dy', dy);
  const info = backend_util.computePool2DInfo(xShape, filterSize, strides, 1, pad, dimRoundingMode);
  expectShapeEquals(KERNEL, 'dy', dy, info.outShape, `input [${xShape.join(', ')}] and the pooling attrs`);
  const sums = maxPoolInputGradient(
    float32Values(KERNEL, 'input', wasm, x),
    float32Values(KERNEL, 'dy', wasm, dy),
    info,
  );
  return float32Output(wasm, [...xShape], sums);
};

/** Registration record of {@link maxPoolGrad} for the `wasm` backend. */
export const maxPoolGradConfig: KernelConfig = {
  kernelName: KERNEL,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad,
};
