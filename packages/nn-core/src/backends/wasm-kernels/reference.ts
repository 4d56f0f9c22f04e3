/**
 * Float64 references for the wasm-kernel tests, written from the definitions (TensorFlow's padding
 * rules and the sums as stated), independently of tfjs's conv_util and of the kernels' loop orders.
 */
import { seededRandom } from '../../test/reference-ops';

/** Padding as tfjs's conv ops take it. */
export type PadSpec = 'same' | 'valid' | number;

/** Output size and leading padding of one spatial axis. */
export interface AxisGeometry {
  readonly out: number;
  readonly before: number;
}

/**
 * TensorFlow's rule for one axis: `valid` → ceil((in − effective + 1) / stride), no padding; `same` →
 * ceil(in / stride), total padding max((out − 1)·stride + effective − in, 0) with the smaller half
 * before; a number p → p on each side and round((in − effective + 2p) / stride + 1) (floor unless
 * `rounding` says otherwise). effective = (k − 1)·dilation + 1.
 */
export function axisGeometry(
  size: number,
  kernel: number,
  stride: number,
  dilation: number,
  pad: PadSpec,
  rounding: 'floor' | 'round' | 'ceil' = 'floor',
): AxisGeometry {
  const effective = (kernel - 1) * dilation + 1;
  if (pad === 'valid') return { out: Math.ceil((size - effective + 1) / stride), before: 0 };
  if (pad === 'same') {
    const out = Math.ceil(size / stride);
    const total = Math.max((out - 1) * stride + effective - size, 0);
    return { out, before: Math.floor(total / 2) };
  }
  return { out: Math[rounding]((size - effective + 2 * pad) / stride + 1), before: pad };
}

/** Geometry of a 2-D convolution over NHWC input. */
export interface ConvGeometry {
  readonly batch: number;
  readonly inH: number;
  readonly inW: number;
  readonly inC: number;
  readonly kH: number;
  readonly kW: number;
  readonly sH: number;
  readonly sW: number;
  readonly dH: number;
  readonly dW: number;
  readonly h: AxisGeometry;
  readonly w: AxisGeometry;
}

/** Builds a {@link ConvGeometry}. */
export function convGeometry(
  xShape: readonly [number, number, number, number],
  kernel: readonly [number, number],
  strides: readonly [number, number],
  pad: PadSpec,
  dilations: readonly [number, number] = [1, 1],
  rounding: 'floor' | 'round' | 'ceil' = 'floor',
): ConvGeometry {
  const [batch, inH, inW, inC] = xShape;
  const [kH, kW] = kernel;
  const [sH, sW] = strides;
  const [dH, dW] = dilations;
  return {
    batch,
    inH,
    inW,
    inC,
    kH,
    kW,
    sH,
    sW,
    dH,
    dW,
    h: axisGeometry(inH, kH, sH, dH, pad, rounding),
    w: axisGeometry(inW, kW, sW, dW, pad, rounding),
  };
}

/** Calls `visit(b, oh, ow, kh, kw, ih, iw)` for every output position and filter tap inside the input. */
function forEachTap(
  g: ConvGeometry,
  visit: (b: number, oh: number, ow: number, kh: number, kw: number, ih: number, iw: number) => void,
): void {
  for (let b = 0; b < g.batch; b++)
    for (let oh = 0; oh < g.h.out; oh++)
      for (let ow = 0; ow < g.w.out; ow++)
        for (let kh = 0; kh < g.kH; kh++)
          for (let kw = 0; kw < g.kW; kw++) {
            const ih = oh * g.sH + kh * g.dH - g.h.before;
            const iw = ow * g.sW + kw * g.dW - g.w.before;
            if (ih >= 0 && ih < g.inH && iw >= 0 && iw < g.inW) visit(b, oh, ow, kh, kw, ih, iw);
          }
}

/** conv2d forward: x [B, H, W, Ci] ⊛ f [kh, kw, Ci, Co] → [B, outH, outW, Co]. */
export function conv2dRef(x: ArrayLike<number>, f: ArrayLike<number>, g: ConvGeometry, outC: number): Float64Array {
  const y = new Float64Array(g.batch * g.h.out * g.w.out * outC);
  forEachTap(g, (b, oh, ow, kh, kw, ih, iw) => {
    for (let co = 0; co < outC; co++) {
      let s = 0;
      for (let ci = 0; ci < g.inC; ci++) {
        s += x[((b * g.inH + ih) * g.inW + iw) * g.inC + ci]! * f[((kh * g.kW + kw) * g.inC + ci) * outC + co]!;
      }
      y[((b * g.h.out + oh) * g.w.out + ow) * outC + co]! += s;
    }
  });
  return y;
}

/** conv2d's filter gradient from its definition: one sum per filter element. */
export function conv2dFilterGradRef(
  x: ArrayLike<number>,
  dy: ArrayLike<number>,
  g: ConvGeometry,
  outC: number,
): Float64Array {
  const dW = new Float64Array(g.kH * g.kW * g.inC * outC);
  for (let kh = 0; kh < g.kH; kh++)
    for (let kw = 0; kw < g.kW; kw++)
      for (let ci = 0; ci < g.inC; ci++)
        for (let co = 0; co < outC; co++) {
          let s = 0;
          for (let b = 0; b < g.batch; b++)
            for (let oh = 0; oh < g.h.out; oh++)
              for (let ow = 0; ow < g.w.out; ow++) {
                const ih = oh * g.sH + kh * g.dH - g.h.before;
                const iw = ow * g.sW + kw * g.dW - g.w.before;
                if (ih < 0 || ih >= g.inH || iw < 0 || iw >= g.inW) continue;
                s +=
                  x[((b * g.inH + ih) * g.inW + iw) * g.inC + ci]! *
                  dy[((b * g.h.out + oh) * g.w.out + ow) * outC + co]!;
              }
          dW[((kh * g.kW + kw) * g.inC + ci) * outC + co] = s;
        }
  return dW;
}

/** depthwiseConv2d forward: x [B, H, W, C] with f [kh, kw, C, m] → [B, outH, outW, C·m]. */
export function depthwiseRef(x: ArrayLike<number>, f: ArrayLike<number>, g: ConvGeometry, m: number): Float64Array {
  const outC = g.inC * m;
  const y = new Float64Array(g.batch * g.h.out * g.w.out * outC);
  forEachTap(g, (b, oh, ow, kh, kw, ih, iw) => {
    for (let c = 0; c < g.inC; c++)
      for (let q = 0; q < m; q++) {
        y[((b * g.h.out + oh) * g.w.out + ow) * outC + c * m + q]! +=
          x[((b * g.inH + ih) * g.inW + iw) * g.inC + c]! * f[((kh * g.kW + kw) * g.inC + c) * m + q]!;
      }
  });
  return y;
}

/** depthwiseConv2d's filter gradient from its definition. */
export function depthwiseFilterGradRef(
  x: ArrayLike<number>,
  dy: ArrayLike<number>,
  g: ConvGeometry,
  m: number,
): Float64Array {
  const outC = g.inC * m;
  const dW = new Float64Array(g.kH * g.kW * outC);
  for (let kh = 0; kh < g.kH; kh++)
    for (let kw = 0; kw < g.kW; kw++)
      for (let c = 0; c < g.inC; c++)
        for (let q = 0; q < m; q++) {
          let s = 0;
          for (let b = 0; b < g.batch; b++)
            for (let oh = 0; oh < g.h.out; oh++)
              for (let ow = 0; ow < g.w.out; ow++) {
                const ih = oh * g.sH + kh * g.dH - g.h.before;
                const iw = ow * g.sW + kw * g.dW - g.w.before;
                if (ih < 0 || ih >= g.inH || iw < 0 || iw >= g.inW) continue;
                s +=
                  x[((b * g.inH + ih) * g.inW + iw) * g.inC + c]! *
                  dy[((b * g.h.out + oh) * g.w.out + ow) * outC + c * m + q]!;
              }
          dW[((kh * g.kW + kw) * g.inC + c) * m + q] = s;
        }
  return dW;
}

/**
 * depthwiseConv2d's input gradient from its definition: for each input element, the sum over every
 * (output position, tap) that read it.
 */
export function depthwiseInputGradRef(
  dy: ArrayLike<number>,
  f: ArrayLike<number>,
  g: ConvGeometry,
  m: number,
): Float64Array {
  const outC = g.inC * m;
  const dx = new Float64Array(g.batch * g.inH * g.inW * g.inC);
  for (let b = 0; b < g.batch; b++)
    for (let ih = 0; ih < g.inH; ih++)
      for (let iw = 0; iw < g.inW; iw++)
        for (let c = 0; c < g.inC; c++) {
          let s = 0;
          for (let oh = 0; oh < g.h.out; oh++)
            for (let kh = 0; kh < g.kH; kh++) {
              if (oh * g.sH + kh * g.dH - g.h.before !== ih) continue;
              for (let ow = 0; ow < g.w.out; ow++)
                for (let kw = 0; kw < g.kW; kw++) {
                  if (ow * g.sW + kw * g.dW - g.w.before !== iw) continue;
                  for (let q = 0; q < m; q++) {
                    s +=
                      dy[((b * g.h.out + oh) * g.w.out + ow) * outC + c * m + q]! *
                      f[((kh * g.kW + kw) * g.inC + c) * m + q]!;
                  }
                }
            }
          dx[((b * g.inH + ih) * g.inW + iw) * g.inC + c] = s;
        }
  return dx;
}

/** Segment sums: rows of x ([n, inner]) added into the row their id names; other ids dropped. */
export function segmentSumRef(
  x: ArrayLike<number>,
  ids: ArrayLike<number>,
  segments: number,
  inner: number,
): Float64Array {
  const out = new Float64Array(segments * inner);
  for (let s = 0; s < segments; s++)
    for (let j = 0; j < inner; j++) {
      let sum = 0;
      for (let i = 0; i < ids.length; i++) if (ids[i] === s) sum += x[i * inner + j]!;
      out[s * inner + j] = sum;
    }
  return out;
}

/** max |got − want| / max |want| (want's scale; 1e-30 if all zero): the error relative to the tensor's size. */
export function scaledError(got: ArrayLike<number>, want: ArrayLike<number>): number {
  if (got.length !== want.length) throw new Error(`scaledError: length ${got.length} ≠ ${want.length}`);
  let worst = 0;
  let scale = 1e-30;
  for (let i = 0; i < want.length; i++) {
    const diff = Math.abs(got[i]! - want[i]!);
    worst = Number.isNaN(diff) ? Infinity : Math.max(worst, diff);
    scale = Math.max(scale, Math.abs(want[i]!));
  }
  return worst / scale;
}

/** `n` seeded values in [lo, hi), as float32 so that kernels and references see the same numbers. */
export function float32Values(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const next = seededRandom(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * next());
}
