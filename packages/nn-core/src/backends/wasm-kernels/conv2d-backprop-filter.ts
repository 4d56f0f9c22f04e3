/**
 * `Conv2DBackpropFilter` for tfjs-backend-wasm, which does not ship it: the gradient of `conv2d`
 * with respect to its filter, dW[kh, kw, ci, co] = Σ_{b, oh, ow} x[b, ih, iw, ci] · dy[b, oh, ow, co]
 * with ih = oh·strideH + kh − padTop and iw = ow·strideW + kw − padLeft. NHWC only.
 */
import {
  backend_util,
  Conv2DBackpropFilter,
  type Conv2DBackpropFilterAttrs,
  type KernelConfig,
  type KernelFunc,
} from '@tensorflow/tfjs-core';
import { NnCoreError } from '../../errors';
import {
  expectNhwc,
  expectRank4,
  expectShapeEquals,
  float32Output,
  float32Values,
  inputOf,
  wasmBackendOf,
} from './kernel-io';

const KERNEL = Conv2DBackpropFilter;

/**
 * Sums of x·dy into dW ([fh, fw, ci, co], float64). For each filter tap (kh, kw) and input channel,
 * four output channels at a time are summed in registers over every output position (b, oh, ow)
 * whose tap falls inside the input (bounds computed per tap, so the inner loop has no branch): one
 * x value against four adjacent dy values per step, then one store per dW element. In Node this
 * ran 2–3× faster than accumulating outer products into dW position by position.
 */
export function conv2dFilterGradient(x: Float32Array, dy: Float32Array, info: backend_util.Conv2DInfo): Float64Array {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, dilationHeight, dilationWidth } = info;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  const dW = new Float64Array(filterHeight * filterWidth * inChannels * outChannels);
  const xStep = strideWidth * inChannels; // x moves this far when ow moves by one
  for (let kh = 0; kh < filterHeight; kh++) {
    const rowShift = kh * dilationHeight - top; // ih = oh·strideH + rowShift
    const ohFrom = Math.max(0, Math.ceil(-rowShift / strideHeight));
    const ohTo = Math.min(outHeight, Math.floor((inHeight - 1 - rowShift) / strideHeight) + 1);
    for (let kw = 0; kw < filterWidth; kw++) {
      const colShift = kw * dilationWidth - left; // iw = ow·strideW + colShift
      const owFrom = Math.max(0, Math.ceil(-colShift / strideWidth));
      const owTo = Math.min(outWidth, Math.floor((inWidth - 1 - colShift) / strideWidth) + 1);
      if (ohFrom >= ohTo || owFrom >= owTo) continue;
      for (let ci = 0; ci < inChannels; ci++) {
        const wBase = ((kh * filterWidth + kw) * inChannels + ci) * outChannels;
        let co = 0;
        for (; co + 4 <= outChannels; co += 4) {
          let s0 = 0;
          let s1 = 0;
          let s2 = 0;
          let s3 = 0;
          for (let b = 0; b < batchSize; b++) {
            for (let oh = ohFrom; oh < ohTo; oh++) {
              const ih = oh * strideHeight + rowShift;
              let xi = ((b * inHeight + ih) * inWidth + owFrom * strideWidth + colShift) * inChannels + ci;
              let di = ((b * outHeight + oh) * outWidth + owFrom) * outChannels + co;
              for (let ow = owFrom; ow < owTo; ow++) {
                const xv = x[xi]!;
                s0 += xv * dy[di]!;
                s1 += xv * dy[di + 1]!;
                s2 += xv * dy[di + 2]!;
                s3 += xv * dy[di + 3]!;
                xi += xStep;
                di += outChannels;
              }
            }
          }
          dW[wBase + co] = s0;
          dW[wBase + co + 1] = s1;
          dW[wBase + co + 2] = s2;
          dW[wBase + co + 3] = s3;
        }
        for (; co < outChannels; co++) {
          let s = 0;
          for (let b = 0; b < batchSize; b++) {
            for (let oh = ohFrom; oh < ohTo; oh++) {
              const ih = oh * strideHeight + rowShift;
              let xi = ((b * inHeight + ih) * inWidth + owFrom * strideWidth + colShift) * inChannels + ci;
              let di = ((b * outHeight + oh) * outWidth + owFrom) * outChannels + co;
              for (let ow = owFrom; ow < owTo; ow++) {
                s += x[xi]! * dy[di]!;
                xi += xStep;
                di += outChannels;
              }
            }
          }
          dW[wBase + co] = s;
        }
      }
    }
  }
  return dW;
}

type Rounding = 'floor' | 'round' | 'ceil';

/**
 * The convolution's geometry. tfjs-core's conv2d gradient does not pass `dimRoundingMode` on (4.22),
 * so with a numeric pad and rounding `ceil` or `round` dy is larger than `floor` gives; when the
 * given mode does not produce dy's shape, the mode that does is used (the padding is the same).
 */
function convInfoFor(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  strides: Conv2DBackpropFilterAttrs['strides'],
  pad: Conv2DBackpropFilterAttrs['pad'],
  dimRoundingMode: Rounding | undefined,
  dyShape: readonly number[],
): backend_util.Conv2DInfo {
  const make = (mode: Rounding | undefined) =>
    backend_util.computeConv2DInfo(xShape, filterShape, strides, 1, pad, mode, false, 'channelsLast');
  const given = make(dimRoundingMode);
  const matches = (info: backend_util.Conv2DInfo) => info.outShape.every((d, i) => d === dyShape[i]);
  if (matches(given) || typeof pad === 'string') return given;
  for (const mode of ['floor', 'round', 'ceil'] as const) {
    const other = make(mode);
    if (matches(other)) return other;
  }
  return given;
}

/** The kernel function: checks attrs and shapes, then {@link conv2dFilterGradient}. */
export const conv2dBackpropFilter: KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = wasmBackendOf(KERNEL, backend);
  const x = inputOf(KERNEL, inputs, 'x');
  const dy = inputOf(KERNEL, inputs, 'dy');
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = (attrs ??
    {}) as unknown as Conv2DBackpropFilterAttrs;
  expectNhwc(KERNEL, dataFormat);
  const xShape = expectRank4(KERNEL, 'x', x);
  expectRank4(KERNEL, 'dy', dy);
  if (!Array.isArray(filterShape) || filterShape.length !== 4 || filterShape[2] !== xShape[3]) {
    throw new NnCoreError(
      'SHAPE_MISMATCH',
      `${KERNEL} (wasm): filterShape must be [fh, fw, ${xShape[3]}, outChannels] for x of shape [${xShape.join(', ')}], got ${JSON.stringify(filterShape)}`,
      { argument: 'filterShape', value: filterShape, expected: `[fh, fw, ${xShape[3]}, outChannels]` },
    );
  }
  const info = convInfoFor(xShape, filterShape, strides, pad, dimRoundingMode, dy.shape);
  expectShapeEquals(
    KERNEL,
    'dy',
    dy,
    info.outShape,
    `x [${xShape.join(', ')}] and filterShape [${filterShape.join(', ')}]`,
  );
  const sums = conv2dFilterGradient(float32Values(KERNEL, 'x', wasm, x), float32Values(KERNEL, 'dy', wasm, dy), info);
  return float32Output(wasm, [...info.filterShape], sums);
};

/** Registration record of {@link conv2dBackpropFilter} for the `wasm` backend. */
export const conv2dBackpropFilterConfig: KernelConfig = {
  kernelName: KERNEL,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter,
};
