/**
 * Fast `y = x · W` for weights kept as 8-bit or 4-bit codes, on the CPU, with our own WebAssembly
 * SIMD128 module (`quant-kernel.wat`), independent of the tfjs backend.
 *
 * The weights are quantised per block of 32 along K (one float32 scale per block and output
 * column; `weight-layout.ts`) and stay in the kernel's WebAssembly memory as codes: 8-bit weights
 * take a little over a quarter of their float32 size, 4-bit ones a little over an eighth. For each
 * product the activations x are quantised the same way, per row and block of 32, to int8 codes
 * with `d = f32(max|x| / 127)` and `code = round_ties_even(f32(x / d))` (a block with d = 0 gets
 * codes 0), so every block's dot product is an exact int32 sum; it is then multiplied by the two
 * scales in float32 and the blocks are summed in float32:
 *
 *   y[r, c] = Σ_b  f32(xscale[r, b] · wscale[c, b]) · Σ_j xcode[r, b, j] · wcode[c, b, j]   (+ bias[c])
 *
 * At batch 1 (decoding) the product reads each weight byte once, so it is bound by memory
 * bandwidth: 8-bit codes are a quarter of the bytes tfjs's float32 matMul reads.
 */
import { NnCoreError } from '../../errors';
import { checkBits, type QuantizationBits } from '../quantized-tensor';
import { createAllocator, type KernelAllocator } from './allocator';
import { compileQuantKernelModule, compileQuantKernelModuleAsync, type QuantKernelExports } from './wasm-module';
import {
  BLOCK_SIZE,
  readDequantizedWeights,
  weightLayout,
  writeQuantizedWeights,
  type WeightLayout,
} from './weight-layout';

/** Options of {@link QuantKernel.quantize}. */
export interface QuantMatrixOptions {
  /** 8 (codes in [-127, 127]) or 4 (codes in [-7, 7], two per byte). */
  readonly bits: QuantizationBits;
  /** Values per block along K, each block with its own scale. Only 32 is implemented. Default 32. */
  readonly blockSize?: number;
  /**
   * `weights` is laid out [n, k] (each output's K weights together, like a tied embedding matrix
   * [vocab, embed] used as the output head) instead of [k, n]. Default false.
   */
  readonly transposed?: boolean;
}

/** A weight matrix W [k, n] held quantised in a {@link QuantKernel}'s memory. */
export interface QuantMatrix {
  /** Rows of W: the input size K. */
  readonly k: number;
  /** Columns of W: the output size N. */
  readonly n: number;
  /** Bits per weight code. */
  readonly bits: QuantizationBits;
  /** Values per block along K (32). */
  readonly blockSize: number;
  /** Bytes of kernel memory the codes and scales take, padding included (0 once freed). */
  readonly bytes: number;
  /** False once {@link QuantMatrix.free} has run. */
  readonly live: boolean;
  /** The kernel that holds it; only that kernel multiplies by it. */
  readonly kernel: QuantKernel;
  /** The float32 values W ≈ code · scale, row-major [k, n]. */
  dequantize(): Float32Array;
  /** Returns its memory to the kernel for reuse. Calling it again does nothing; using the matrix after throws. */
  free(): void;
}

/**
 * A WebAssembly instance with its own growable memory, holding quantised matrices. Kernels share
 * nothing: a matrix belongs to the kernel that made it. Not safe to use from two threads (there is
 * one per JavaScript realm anyway).
 */
export interface QuantKernel {
  /**
   * Quantises `weights` (row-major [k, n], or [n, k] with `transposed`) to a matrix held in this
   * kernel. K need not be a multiple of 32 (the last block is padded with zeros), nor N of 4.
   * Throws `NnCoreError`: `INVALID_ARGUMENT` for bits other than 8 or 4, a block size other than
   * 32, k or n not positive integers, a weight that is NaN or infinite (naming its index);
   * `SHAPE_MISMATCH` when `weights.length` is not k × n.
   */
  quantize(weights: Float32Array, k: number, n: number, options: QuantMatrixOptions): QuantMatrix;
  /**
   * `x · W (+ bias)` for x row-major [m, k] (m ≥ 0; 1 when decoding). Returns `out` (row-major
   * [m, n]) when given, else a new array. `bias` has n values. Throws `NnCoreError`:
   * `INVALID_ARGUMENT` for an m that is not a non-negative integer, a matrix freed or of another
   * kernel, a NaN or infinite x (naming its row and column); `SHAPE_MISMATCH` when x, out or bias
   * has the wrong length.
   */
  matmul(x: Float32Array, m: number, q: QuantMatrix, out?: Float32Array, bias?: Float32Array): Float32Array;
  /** Bytes of WebAssembly memory reserved by this kernel (it grows as needed and never shrinks). */
  readonly memoryBytes: number;
  /** Bytes held by live matrices (padding and alignment included). */
  readonly allocatedBytes: number;
}

/** Options of {@link createQuantKernel}. */
export interface QuantKernelOptions {
  /**
   * A compiled kernel module, from {@link loadQuantKernelModule}; default: compile the embedded one
   * synchronously (about 2 KB, under Chromium's 4 KB main-thread limit for synchronous compilation).
   */
  readonly module?: WebAssembly.Module;
}

/** The compiled kernel module, compiled asynchronously: for hosts that refuse synchronous compilation. */
export function loadQuantKernelModule(): Promise<WebAssembly.Module> {
  return compileQuantKernelModuleAsync();
}

/** {@link createQuantKernel} after compiling the module asynchronously. */
export async function loadQuantKernel(): Promise<QuantKernel> {
  return createQuantKernel({ module: await loadQuantKernelModule() });
}

const OP = 'quantKernel';

function positiveInteger(op: string, argument: string, value: unknown): number {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  throw new NnCoreError('INVALID_ARGUMENT', `${op}: ${argument} must be a positive integer, got ${String(value)}`, {
    argument,
    value,
    expected: 'a positive integer',
  });
}

function checkFloat32(op: string, argument: string, value: unknown, length: number, what: string): Float32Array {
  if (value instanceof Float32Array && value.length === length) return value;
  const seen = value instanceof Float32Array ? `Float32Array(${value.length})` : describe(value);
  throw new NnCoreError(
    value instanceof Float32Array ? 'SHAPE_MISMATCH' : 'INVALID_ARGUMENT',
    `${op}: ${argument} must be a Float32Array of ${what} = ${length} values; got ${seen}`,
    { argument, value: seen, expected: `Float32Array(${length})` },
  );
}

function describe(value: unknown): string {
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length})`;
  return value === null ? 'null' : typeof value;
}

const align16 = (v: number) => (v + 15) & ~15;

/**
 * A new kernel: instantiates the quantised-matmul WebAssembly module with a memory of its own.
 * Throws `BACKEND_UNAVAILABLE` where the engine lacks WebAssembly SIMD128.
 */
export function createQuantKernel(options: QuantKernelOptions = {}): QuantKernel {
  const module = options.module ?? compileQuantKernelModule();
  const memory = new WebAssembly.Memory({ initial: 1 });
  const wasm = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as QuantKernelExports;
  const allocator: KernelAllocator = createAllocator(memory);
  const records = new Map<QuantMatrix, { address: number; layout: WeightLayout }>();

  const region = (address: number, bytes: number) => new Uint8Array(memory.buffer, address, bytes);

  class KernelMatrix implements QuantMatrix {
    readonly k: number;
    readonly n: number;
    readonly bits: QuantizationBits;
    readonly blockSize = BLOCK_SIZE;
    readonly kernel: QuantKernel = kernel;

    constructor(layout: WeightLayout) {
      this.k = layout.k;
      this.n = layout.n;
      this.bits = layout.bits;
    }

    get bytes(): number {
      return records.get(this)?.layout.bytes ?? 0;
    }

    get live(): boolean {
      return records.has(this);
    }

    dequantize(): Float32Array {
      const record = liveRecord('dequantize', this);
      return readDequantizedWeights(region(record.address, record.layout.bytes), record.layout);
    }

    free(): void {
      const record = records.get(this);
      if (record === undefined) return;
      records.delete(this);
      allocator.free(record.address);
    }
  }

  function liveRecord(op: string, q: unknown): { address: number; layout: WeightLayout } {
    const record = records.get(q as QuantMatrix);
    if (record !== undefined) return record;
    const why =
      q instanceof KernelMatrix
        ? 'was freed'
        : typeof q === 'object' && q !== null && 'kernel' in q
          ? 'belongs to another kernel'
          : `is not a QuantMatrix (got ${describe(q)})`;
    throw new NnCoreError('INVALID_ARGUMENT', `${OP}.${op}: the matrix q ${why}`, {
      argument: 'q',
      value: q instanceof KernelMatrix ? `QuantMatrix [${q.k}, ${q.n}]` : describe(q),
      expected: 'a live QuantMatrix made by this kernel',
    });
  }

  const quantize = (weights: Float32Array, k: number, n: number, opts: QuantMatrixOptions): QuantMatrix => {
    const op = `${OP}.quantize`;
    positiveInteger(op, 'k', k);
    positiveInteger(op, 'n', n);
    const bits = checkBits(op, opts?.bits);
    if (opts.blockSize !== undefined && opts.blockSize !== BLOCK_SIZE) {
      throw new NnCoreError(
        'INVALID_ARGUMENT',
        `${op}: blockSize must be ${BLOCK_SIZE} (the only block size the kernel implements), got ${String(opts.blockSize)}`,
        { argument: 'blockSize', value: opts.blockSize, expected: String(BLOCK_SIZE) },
      );
    }
    if (opts.transposed !== undefined && typeof opts.transposed !== 'boolean') {
      throw new NnCoreError('INVALID_ARGUMENT', `${op}: transposed must be a boolean, got ${String(opts.transposed)}`, {
        argument: 'transposed',
        value: opts.transposed,
        expected: 'a boolean',
      });
    }
    const transposed = opts.transposed ?? false;
    checkFloat32(op, 'weights', weights, k * n, transposed ? `n × k = ${n} × ${k}` : `k × n = ${k} × ${n}`);
    const layout = weightLayout(k, n, bits);
    const address = allocator.allocate(layout.bytes);
    try {
      writeQuantizedWeights(op, region(address, layout.bytes), weights, layout, transposed);
    } catch (error) {
      allocator.free(address);
      throw error;
    }
    const q = new KernelMatrix(layout);
    records.set(q, { address, layout });
    return q;
  };

  const matmul = (x: Float32Array, m: number, q: QuantMatrix, out?: Float32Array, bias?: Float32Array) => {
    const op = `${OP}.matmul`;
    if (typeof m !== 'number' || !Number.isSafeInteger(m) || m < 0) {
      throw new NnCoreError('INVALID_ARGUMENT', `${op}: m must be a non-negative integer, got ${String(m)}`, {
        argument: 'm',
        value: m,
        expected: 'a non-negative integer',
      });
    }
    const { address: weights, layout } = liveRecord('matmul', q);
    const { k, n, blocks, groups } = layout;
    checkFloat32(op, 'x', x, m * k, `m × k = ${m} × ${k}`);
    const result =
      out === undefined ? new Float32Array(m * n) : checkFloat32(op, 'out', out, m * n, `m × n = ${m} × ${n}`);
    if (bias !== undefined) checkFloat32(op, 'bias', bias, n, 'n');
    if (m === 0) return result;

    // Scratch: x as f32 [m, blocks·32] (rows padded with zeros), its codes (i16), scales, code
    // sums, the output [m, n] and the bias padded to groups·4.
    const kPadded = blocks * BLOCK_SIZE;
    const srcBytes = align16(m * kPadded * 4);
    const codesBytes = align16(m * kPadded * 2);
    const perBlockBytes = align16(m * blocks * 4);
    const outBytes = align16(m * n * 4);
    const biasBytes = bias === undefined ? 0 : groups * 16;
    const scratch = allocator.allocate(srcBytes + codesBytes + 2 * perBlockBytes + outBytes + biasBytes);
    try {
      const src = scratch;
      const codes = src + srcBytes;
      const scales = codes + codesBytes;
      const sums = scales + perBlockBytes;
      const outAddress = sums + perBlockBytes;
      const biasAddress = bias === undefined ? 0 : outAddress + outBytes;
      const f32 = new Float32Array(memory.buffer);
      if (kPadded === k) f32.set(x, src >> 2);
      else {
        for (let r = 0; r < m; r++) {
          const at = (src >> 2) + r * kPadded;
          f32.set(x.subarray(r * k, (r + 1) * k), at);
          f32.fill(0, at + k, at + kPadded);
        }
      }
      if (bias !== undefined) {
        f32.set(bias, biasAddress >> 2);
        f32.fill(0, (biasAddress >> 2) + n, (biasAddress >> 2) + groups * 4);
      }
      const bad = wasm.quantize_blocks(src, m * blocks, codes, scales, sums);
      if (bad >= 0) throw nonFinite(op, x, m, k, Math.floor(bad / blocks), (bad % blocks) * BLOCK_SIZE);
      if (layout.bits === 8) wasm.matmul_q8(weights, codes, scales, outAddress, biasAddress, m, n, blocks);
      else wasm.matmul_q4(weights, codes, scales, sums, outAddress, biasAddress, m, n, blocks);
      result.set(new Float32Array(memory.buffer, outAddress, m * n));
      return result;
    } finally {
      allocator.free(scratch);
    }
  };

  const kernel: QuantKernel = {
    quantize,
    matmul,
    get memoryBytes() {
      return memory.buffer.byteLength;
    },
    get allocatedBytes() {
      return allocator.allocatedBytes;
    },
  };
  return kernel;
}

/** The error for a non-finite x, naming the first such value in the block where the kernel stopped. */
function nonFinite(op: string, x: Float32Array, m: number, k: number, row: number, k0: number): NnCoreError {
  let column = k0;
  while (column < Math.min(k, k0 + BLOCK_SIZE) && Number.isFinite(x[row * k + column]!)) column++;
  const v = x[row * k + column];
  return new NnCoreError(
    'INVALID_ARGUMENT',
    `${op}: x must be finite; found ${String(v)} at row ${row}, column ${column} of x [m, k] = [${m}, ${k}]`,
    { argument: 'x', value: v, expected: 'finite numbers' },
  );
}
