/**
 * `DepthwiseConv2dNativeBackpropInput` for tfjs-backend-wasm, which does not ship it: the gradient of
 * `depthwiseConv2d` with respect to its input, dx[b, ih, iw, ci] = Σ dy[b, oh, ow, ci·m + q] ·
 * w[kh, kw, ci, q] over the (oh, ow, kh, kw) with ih = oh·strideH + kh·dilationH − padTop (iw
 * likewise) and q < m, the channel multiplier. NHWC only.
 */
import {
  backend_util,
  DepthwiseConv2dNativeBackpropInput,
  type DepthwiseConv2dNativeBackpropInputAttrs,
  type KernelConfig,
  type KernelFunc,
} from '@tensorflow/tfjs-core';
import { NnCoreError } from '../../errors';
import { expectRank4, expectShapeEquals, float32Output, float32Values, inputOf, wasmBackendOf } from './kernel-io';

const KERNEL = DepthwiseConv2dNativeBackpropInput;

/**
 * dx ([b, h, w, ci], float64) by scattering each output position's dy back through the filter taps
 * that produced it; dy, the filter and dx are all read in channel order.
 */
export function depthwiseInputGradient(
  dy: Float32Array,
  filter: Float32Array,
  info: backend_util.Conv2DInfo,
): Float64Array {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const multiplier = outChannels / inChannels;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const dx = new Float64Array(batchSize * inHeight * inWidth * inChannels);
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let kh = 0; kh < filterHeight; kh++) {
        const ih = oh * strideHeight + kh * dilationHeight - top;
        if (ih < 0 || ih >= inHeight) continue;
        const xRow = (b * inHeight + ih) * inWidth;
        for (let ow = 0; ow < outWidth; ow++) {
          const dyOffset = ((b * outHeight + oh) * outWidth + ow) * outChannels;
          for (let kw = 0; kw < filterWidth; kw++) {
            const iw = ow * strideWidth + kw * dilationWidth - left;
            if (iw < 0 || iw >= inWidth) continue;
            const xOffset = (xRow + iw) * inChannels;
            const wOffset = (kh * filterWidth + kw) * outChannels;
            for (let ci = 0; ci < inChannels; ci++) {
              const c0 = ci * multiplier;
              let sum = 0;
              for (let q = 0; q < multiplier; q++) sum += dy[dyOffset + c0 + q]! * filter[wOffset + c0 + q]!;
              dx[xOffset + ci]! += sum;
            }
          }
        }
      }
    }
  }
  return dx;
}

/** The kernel function: checks shapes, then {@link depthwiseInputGradient}. */
export const depthwiseConv2dBackpropInput: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = wasmBackendOf(KERNEL, backend);
  const dy = inputOf(KERNEL, inputs, 'dy');
  const filter = inputOf(KERNEL, inputs, 'filter');
  const { strides, dilations, pad, dimRoundingMode, inputShape } = (attrs ??
    {}) as unknown as DepthwiseConv2dNativeBackpropInputAttrs;
  expectRank4(KERNEL, 'dy', dy);
  const filterShape = expectRank4(KERNEL, 'filter', filter);
  if (!Array.isArray(inputShape) || inputShape.length !== 4 || inputShape[3] !== filterShape[2]) {
    throw new NnCoreError(
      'SHAPE_MISMATCH',
      `${KERNEL} (wasm): inputShape must be [b, h, w, ${filterShape[2]}] for a filter of shape [${filterShape.join(', ')}], got ${JSON.stringify(inputShape)}`,
      { argument: 'inputShape', value: inputShape, expected: `[b, h, w, ${filterShape[2]}]` },
    );
  }
  const info = backend_util.computeConv2DInfo(inputShape, filterShape, strides, dilations, pad, dimRoundingMode, true);
  expectShapeEquals(
    KERNEL,
    'dy',
    dy,
    info.outShape,
    `inputShape [${inputShape.join(', ')}] and filter [${filterShape.join(', ')}]`,
  );
  const sums = depthwiseInputGradient(
    float32Values(KERNEL, 'dy', wasm, dy),
    float32Values(KERNEL, 'filter', wasm, filter),
    info,
  );
  return float32Output(wasm, [...inputShape], sums);
};

/** Registration record of {@link depthwiseConv2dBackpropInput} for the `wasm` backend. */
export const depthwiseConv2dBackpropInputConfig: KernelConfig = {
  kernelName: KERNEL,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dBackpropInput,
};
