/**
 * The README's "Layers and models" example is the code between the markers below (imports
 * rewritten to the package's names), and it runs: the capture returns the hidden layer, the weights
 * round-trip through safetensors, and nothing leaks.
 */
import * as tf from '@tensorflow/tfjs-core';
import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
// README imports start
import {
  createBackendRegistry,
  dense,
  initBackend,
  loadWeights,
  relu,
  runWithCapture,
  saveWeights,
  sequential,
} from './index';
import { wasmBackend } from './backends/wasm.node';
// README imports end

async function readmeExample(): Promise<void> {
  // README body start
  const { tf } = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');

  // The essay's nearest-point net: 2 inputs → 16 → 16 → 3 classes, ReLU ("Ramp") between.
  const model = sequential({
    hidden1: dense({ inputs: 2, units: 16 }),
    ramp1: relu(),
    hidden2: dense({ inputs: 16, units: 16, activation: 'relu' }),
    out: dense({ inputs: 16, units: 3 }),
  }).initialize({ seed: 1 });
  console.log(model.parameterCount()); // 371
  console.log(model.namedWeights().map((w) => w.name)); // ['hidden1.weight', 'hidden1.bias', …]

  // Run it, and intercept what the first layer computes (essay 5.2, 8.x).
  const x = tf.tensor2d([[0.5, -1]]); // [B=1, 2]
  const { output, activations } = runWithCapture(model, x, { capture: ['ramp1'] });
  console.log(output.shape, activations['ramp1']!.shape); // [1, 3] [1, 16]
  tf.dispose([x, output, ...Object.values(activations)]);

  // Weights by name, saved and loaded as safetensors (the format of Hugging Face checkpoints).
  const bytes = await saveWeights(model, { note: 'nearest-point net' });
  const copy = sequential({
    hidden1: dense({ inputs: 2, units: 16 }),
    ramp1: relu(),
    hidden2: dense({ inputs: 16, units: 16, activation: 'relu' }),
    out: dense({ inputs: 16, units: 3 }),
  }).initialize({ seed: 2 });
  console.log(loadWeights(copy, bytes)); // { note: 'nearest-point net' }
  model.dispose();
  copy.dispose();
  // README body end
}

/** The lines between `// <name> start` and `// <name> end` in this file, each with a newline. */
function region(source: string, name: string): string {
  const lines = source.split('\n');
  const from = lines.findIndex((l) => l.trim() === `// ${name} start`);
  const to = lines.findIndex((l) => l.trim() === `// ${name} end`);
  return lines
    .slice(from + 1, to)
    .map((l) => `${l}\n`)
    .join('');
}

describe('README', () => {
  it('shows the example this test runs, and the example prints what its comments say', async () => {
    tf.env().set('PROD', true);
    const source = await readFile(new URL(import.meta.url), 'utf8');
    const imports = region(source, 'README imports')
      .replace("from './index'", "from '@chatgpt-explained/nn-core'")
      .replace("from './backends/wasm.node'", "from '@chatgpt-explained/nn-core/backends/wasm'");
    const body = region(source, 'README body').replace(/^ {2}/gm, '');
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('```ts\n' + imports + '\n' + body + '```\n');

    const out: unknown[][] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args));
    await initBackend(createBackendRegistry([wasmBackend()]), 'wasm'); // so the count below has an engine
    const before = tf.memory().numTensors;
    try {
      await readmeExample();
    } finally {
      log.mockRestore();
    }
    // 2·16 + 16 + 16·16 + 16 + 16·3 + 3 = 371, counted by hand.
    expect(out[0]).toEqual([371]);
    expect((out[1]![0] as string[]).slice(0, 2)).toEqual(['hidden1.weight', 'hidden1.bias']);
    expect(out[2]).toEqual([
      [1, 3],
      [1, 16],
    ]);
    expect(out[3]).toEqual([{ note: 'nearest-point net' }]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
