// The WebAssembly SIMD kernel against the same float64 SGNS reference as the JavaScript kernel
// (sgns-kernel.test.ts), and the committed module against its .wat source.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sgnsTrainSentences, sigmoidTables } from './sgns-kernel';
import { SGNS_KERNEL_WASM_BASE64 } from './sgns-kernel-wasm';

const sigma = (x: number): number => 1 / (1 + Math.exp(-x));

type Train = (...args: number[]) => void;

function instantiate(): { memory: WebAssembly.Memory; train: Train } {
  const memory = new WebAssembly.Memory({ initial: 2, maximum: 2, shared: true });
  const instance = new WebAssembly.Instance(new WebAssembly.Module(Buffer.from(SGNS_KERNEL_WASM_BASE64, 'base64')), {
    env: { memory, log1pexp: (x: number) => Math.log1p(Math.exp(x)) },
  });
  return { memory, train: instance.exports['train'] as Train };
}

describe('WebAssembly SGNS kernel', () => {
  it('matches the float64 SGNS update and the JavaScript kernel on a sentence of two words', () => {
    const dim = 8;
    const words = 3;
    const start0 = Array.from({ length: words * dim }, (_, i) => Math.fround(Math.sin(1 + i * 0.7) * 0.8));
    const start1 = Array.from({ length: words * dim }, (_, i) => Math.fround(Math.cos(2 + i * 0.3) * 0.7));
    const alpha = 0.5;
    const { sigmoid, logSigmoid } = sigmoidTables();
    const { memory, train } = instantiate();
    // Layout: syn0 @16, syn1 @256, ids @512, starts @528, keep @544, table @576, sigmoid @1024,
    // logSigmoid @(1024 + 8·cells), buffer, work, state after.
    const at = { syn0: 16, syn1: 256, ids: 512, starts: 528, keep: 544, table: 576, sig: 1024 };
    const logsig = at.sig + 8 * sigmoid.length;
    const buffer = logsig + 8 * sigmoid.length;
    const work = buffer + 64;
    const state = work + 64;
    new Float32Array(memory.buffer, at.syn0, words * dim).set(start0);
    new Float32Array(memory.buffer, at.syn1, words * dim).set(start1);
    new Int32Array(memory.buffer, at.ids, 2).set([0, 1]);
    new Int32Array(memory.buffer, at.starts, 2).set([0, 2]);
    new Float64Array(memory.buffer, at.keep, 3).fill(2 ** 32);
    new Int32Array(memory.buffer, at.table, 16).fill(2); // every negative is word 2
    new Float64Array(memory.buffer, at.sig, sigmoid.length).set(sigmoid);
    new Float64Array(memory.buffer, logsig, sigmoid.length).set(logSigmoid);
    new Int32Array(memory.buffer, state, 1)[0] = 99;
    // prettier-ignore
    train(at.syn0, at.syn1, dim, at.ids, at.starts, 0, 1, at.keep, at.table, 15, 1, 2, alpha, at.sig, logsig,
      sigmoid.length / 12, buffer, work, state);

    // float64 reference: pairs (context 1, centre 0) then (context 0, centre 1), negatives word 2 twice.
    const syn0 = [0, 1, 2].map((w) => start0.slice(w * dim, (w + 1) * dim));
    const syn1 = [0, 1, 2].map((w) => start1.slice(w * dim, (w + 1) * dim));
    let loss = 0;
    for (const [context, centre] of [
      [1, 0],
      [0, 1],
    ] as const) {
      const input = [...syn0[context]!];
      const e = new Array<number>(dim).fill(0);
      for (const [target, label] of [
        [centre, 1],
        [2, 0],
        [2, 0],
      ] as const) {
        const f = input.reduce((s, x, k) => s + x * syn1[target]![k]!, 0);
        loss += label === 1 ? -Math.log(sigma(f)) : -Math.log(sigma(-f));
        const g = (label - sigma(f)) * alpha;
        for (let k = 0; k < dim; k++) e[k]! += g * syn1[target]![k]!;
        for (let k = 0; k < dim; k++) syn1[target]![k]! += g * input[k]!;
      }
      for (let k = 0; k < dim; k++) syn0[context]![k]! += e[k]!;
    }
    const ours0 = new Float32Array(memory.buffer, at.syn0, words * dim);
    const ours1 = new Float32Array(memory.buffer, at.syn1, words * dim);
    syn0.flat().forEach((x, i) => expect(Math.abs(ours0[i]! - x)).toBeLessThan(3e-4));
    syn1.flat().forEach((x, i) => expect(Math.abs(ours1[i]! - x)).toBeLessThan(3e-4));
    const st = new Float64Array(memory.buffer, state, 4);
    expect(Math.abs(st[1]! - loss)).toBeLessThan(3e-3);
    expect(st[2]).toBe(2);
    expect(st[3]).toBe(2);

    // The JavaScript kernel on the same input: the same pairs, the same generator, float32 apart.
    const js0 = Float32Array.from(start0);
    const js1 = Float32Array.from(start1);
    const jsState = Float64Array.of(99, 0, 0, 0);
    // prettier-ignore
    sgnsTrainSentences(js0, js1, dim, Int32Array.of(0, 1), Int32Array.of(0, 2), 0, 1, new Float64Array(3).fill(2 ** 32),
      new Int32Array(16).fill(2), 1, 2, alpha, sigmoid, logSigmoid, new Int32Array(2), new Float64Array(dim), jsState);
    js0.forEach((x, i) => expect(Math.abs(ours0[i]! - x)).toBeLessThan(1e-5));
    expect(new Int32Array(memory.buffer, state, 1)[0]! >>> 0).toBe(jsState[0]);
  });

  it('is the committed build of sgns-kernel.wat', () => {
    const script = fileURLToPath(new URL('../scripts/build-sgns-kernel.mjs', import.meta.url));
    const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  });
});
