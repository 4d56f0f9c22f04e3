/**
 * `DepthwiseConv2dNativeBackpropFilter` for tfjs-backend-wasm, which does not ship it: the gradient of
 * `depthwiseConv2d` (and of `separableConv2d`'s depthwise half) with respect to its filter,
 * dW[kh, kw, ci, q] = Σ_{b, oh, ow} x[b, ih, iw, ci] · dy[b, oh, ow, ci·m + q] for channel
 * multiplier m, with ih = oh·strideH + kh·dilationH − padTop (iw likewise). NHWC only.
 */
import {
  backend_util,
  DepthwiseConv2dNativeBackpropFilter,
  type DepthwiseConv2dNativeBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
} from '@tensorflow/tfjs-core';
import { NnCoreError } from '../../errors';
import { expectRank4, expectShapeEquals, float32Output, float32Values, inputOf, wasmBackendOf } from './kernel-io';

const KERNEL = DepthwiseConv2dNativeBackpropFilter;

/**
 * Sums of x·dy into dW ([fh, fw, ci, m], float64), walking one output position at a time; under
 * each filter tap the index of dW and of dy's channel is the same `ci·m + q`, both contiguous.
 */
export function depthwiseFilterGradient(
  x: Float32Array,
  dy: Float32Array,
  info: backend_util.Conv2DInfo,
): Float64Array {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const multiplier = outChannels / inChannels;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const dW = new Float64Array(filterHeight * filterWidth * outChannels);
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
              const xv = x[xOffset + ci]!;
              if (xv === 0) continue;
              const c0 = ci * multiplier;
              for (let q = 0; q < multiplier; q++) dW[wOffset + c0 + q]! += xv * dy[dyOffset + c0 + q]!;
            }
          }
        }
      }
    }
  }
  return dW;
}

/** The kernel function: checks shapes, then {@link depthwiseFilterGradient}. */
export const depthwiseConv2dBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = wasmBackendOf(KERNEL, backend);
  const x = inputOf(KERNEL, inputs, 'x');
  const dy = inputOf(KERNEL, inputs, 'dy');
  const { strides, dilations, pad, dimRoundingMode, filterShape } = (attrs ??
    {}) as unknown as DepthwiseConv2dNativeBackpropFilterAttrs;
  const xShape = expectRank4(KERNEL, 'x', x);
  expectRank4(KERNEL, 'dy', dy);
  if (!Array.isArray(filterShape) || filterShape.length !== 4 || filterShape[2] !== xShape[3]) {
    throw new NnCoreError(
      'SHAPE_MISMATCH',
      `${KERNEL} (wasm): filterShape must be [fh, fw, ${xShape[3]}, multiplier] for x of shape [${xShape.join(', ')}], got ${JSON.stringify(filterShape)}`,
      { argument: 'filterShape', value: filterShape, expected: `[fh, fw, ${xShape[3]}, multiplier]` },
    );
  }
  const info = backend_util.computeConv2DInfo(xShape, filterShape, strides, dilations, pad, dimRoundingMode, true);
  expectShapeEquals(
    KERNEL,
    'dy',
    dy,
    info.outShape,
    `x [${xShape.join(', ')}] and filterShape [${filterShape.join(', ')}]`,
  );
  const sums = depthwiseFilterGradient(
    float32Values(KERNEL, 'x', wasm, x),
    float32Values(KERNEL, 'dy', wasm, dy),
    info,
  );
  return float32Output(wasm, [...filterShape], sums);
};

/** Registration record of {@link depthwiseConv2dBackpropFilter} for the `wasm` backend. */
export const depthwiseConv2dBackpropFilterConfig: KernelConfig = {
  kernelName: KERNEL,
  backendName: 'wasm',
  kernelFunc: depthwiseConv2dBackpropFilter,
};
