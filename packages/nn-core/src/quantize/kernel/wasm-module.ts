/**
 * The compiled quantised-matmul WebAssembly module: decoded from the committed base64 of
 * `quant-kernel-wasm.ts` (built from `quant-kernel.wat`) and compiled, synchronously or not.
 *
 * Synchronous compilation (`new WebAssembly.Module`) is refused by Chromium on the main thread for
 * modules over 4 KiB; this one is smaller (a test keeps it so), so {@link compileQuantKernelModule}
 * works everywhere. {@link compileQuantKernelModuleAsync} is the async path for hosts that refuse
 * synchronous compilation altogether.
 */
import { NnCoreError } from '../../errors';
import { QUANT_KERNEL_WASM_BASE64, QUANT_KERNEL_WASM_BYTES } from './quant-kernel-wasm';

/** The largest module Chromium compiles synchronously on the main thread (bytes). */
export const SYNC_COMPILE_LIMIT_BYTES = 4096;

/** The functions the module exports (see `quant-kernel.wat` for their contracts). */
export interface QuantKernelExports {
  quantize_blocks(src: number, count: number, codes: number, scales: number, sums: number): number;
  matmul_q8(
    w: number,
    codes: number,
    scales: number,
    out: number,
    bias: number,
    m: number,
    n: number,
    blocks: number,
  ): void;
  matmul_q4(
    w: number,
    codes: number,
    scales: number,
    sums: number,
    out: number,
    bias: number,
    m: number,
    n: number,
    blocks: number,
  ): void;
}

/** The module's bytes (a fresh copy). */
export function quantKernelBytes(): Uint8Array<ArrayBuffer> {
  const text = atob(QUANT_KERNEL_WASM_BASE64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  if (bytes.length !== QUANT_KERNEL_WASM_BYTES) {
    throw new NnCoreError(
      'FORMAT_INVALID',
      `quant kernel: the embedded module holds ${bytes.length} bytes, ${QUANT_KERNEL_WASM_BYTES} expected (regenerate it with packages/nn-core/scripts/build-quant-kernel.mjs)`,
    );
  }
  return bytes;
}

function unavailable(cause: unknown): NnCoreError {
  return new NnCoreError(
    'BACKEND_UNAVAILABLE',
    `quant kernel: this JavaScript engine cannot compile the kernel's WebAssembly (it needs WebAssembly SIMD128: Chrome 91, Firefox 89, Safari 16.4, Node 16.4 or later): ${cause instanceof Error ? cause.message : String(cause)}`,
    { cause },
  );
}

/**
 * Compiles the module synchronously. Throws `BACKEND_UNAVAILABLE` (with the engine's error as
 * `cause`) where WebAssembly or its SIMD128 extension is missing or synchronous compilation is
 * refused.
 */
export function compileQuantKernelModule(): WebAssembly.Module {
  if (typeof WebAssembly === 'undefined') throw unavailable(new Error('WebAssembly is not defined'));
  try {
    return new WebAssembly.Module(quantKernelBytes());
  } catch (error) {
    throw unavailable(error);
  }
}

/** Compiles the module asynchronously (`WebAssembly.compile`); errors as {@link compileQuantKernelModule}. */
export async function compileQuantKernelModuleAsync(): Promise<WebAssembly.Module> {
  if (typeof WebAssembly === 'undefined') throw unavailable(new Error('WebAssembly is not defined'));
  try {
    return await WebAssembly.compile(quantKernelBytes());
  } catch (error) {
    throw unavailable(error);
  }
}
