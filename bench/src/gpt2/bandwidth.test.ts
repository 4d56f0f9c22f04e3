import { describe, expect, it } from 'vitest';
import { sumModuleBytes } from './bandwidth';

describe('bench gpt2 bandwidth probe', () => {
  it('the hand-written wasm module validates and sums float32s exactly like a float64 loop (small integers)', () => {
    const bytes = sumModuleBytes();
    expect(WebAssembly.validate(bytes)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const values = new Float32Array(memory.buffer, 0, 1024);
    for (let i = 0; i < values.length; i++) values[i] = (i % 7) - 3; // integers: every partial sum is exact
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { m: { memory } });
    const sum = instance.exports.sum as (start: number, end: number) => number;
    let expected = 0;
    for (let i = 0; i < 256; i++) expected += values[i]!; // float64 reference over the first 1 KB
    expect(sum(0, 1024)).toBe(expected);
    let all = 0;
    for (const v of values) all += v;
    expect(sum(0, 4096)).toBe(all);
    expect(sum(64, 128)).toBe(values.slice(16, 32).reduce((a, b) => a + b, 0));
  });
});
