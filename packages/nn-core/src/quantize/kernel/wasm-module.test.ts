import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';
import { describe, expect, it } from 'vitest';
import { SYNC_COMPILE_LIMIT_BYTES, compileQuantKernelModule, quantKernelBytes } from './wasm-module';

describe('quant kernel module', () => {
  it('is the compiled quant-kernel.wat (regenerate with scripts/build-quant-kernel.mjs)', async () => {
    const text = readFileSync(fileURLToPath(new URL('./quant-kernel.wat', import.meta.url)), 'utf8');
    const wabt = await wabtInit();
    const module = wabt.parseWat('quant-kernel.wat', text, { simd: true, sat_float_to_int: true });
    module.resolveNames();
    module.validate();
    const bytes = module.toBinary({ canonicalize_lebs: true, write_debug_names: false }).buffer;
    module.destroy();
    expect(Array.from(quantKernelBytes())).toEqual(Array.from(bytes));
  });

  it('is small enough for synchronous compilation on a browser main thread', () => {
    expect(quantKernelBytes().length).toBeLessThan(SYNC_COMPILE_LIMIT_BYTES);
    const exports = WebAssembly.Module.exports(compileQuantKernelModule()).map((e) => e.name);
    expect(exports.sort()).toEqual(['matmul_q4', 'matmul_q8', 'quantize_blocks']);
  });
});
