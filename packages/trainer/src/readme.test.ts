/**
 * The README's usage example is the code between the markers below (imports rewritten to the
 * package's names), and it runs: it trains, prints progress and a final loss, and writes a
 * checkpoint a second run resumes from.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
// README imports start
import { createBackendRegistry, dense, initBackend, sequential } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { adam, cosineSchedule, tensorDataset, train } from './index';
import { fileCheckpointStore } from './node/index';
// README imports end

async function readmeExample(): Promise<void> {
  // README body start
  await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');

  // 200 points of y = sin(3x) on [−1, 1)
  const xs = Float32Array.from({ length: 200 }, (_, i) => -1 + i / 100);
  const ys = xs.map((x) => Math.sin(3 * x));
  const data = tensorDataset({ data: xs, shape: [200, 1] }, { data: ys, shape: [200, 1] });

  const model = sequential([dense({ inputs: 1, units: 32, activation: 'tanh' }), dense({ inputs: 32, units: 1 })]);
  const optimizer = adam({ learningRate: 0.05 });
  const result = await train(model, data, {
    loss: 'l2',
    optimizer,
    batchSize: 20,
    epochs: 40, // 10 steps per epoch
    seed: 1, // initial weights and shuffling
    learningRate: cosineSchedule({ warmupSteps: 20, totalSteps: 400, minLearningRate: 0.001 }),
    checkpoint: { store: fileCheckpointStore('checkpoints'), every: 100 },
    resume: 'auto', // continue from checkpoints/checkpoint.safetensors if an earlier run left one
    progressEvery: 20,
    onProgress: (e) => process.stdout.write(`\rstep ${e.step}/${e.totalSteps}  loss ${e.loss.toFixed(4)}`),
  });
  console.log(`\nloss ${result.losses[0]!.toFixed(3)} → ${result.losses.at(-1)!.toFixed(4)}`);
  optimizer.dispose();
  model.dispose();
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

const cwd = process.cwd();
afterAll(() => process.chdir(cwd));

describe('README', () => {
  it('shows the example this test runs, and the example trains and resumes', async () => {
    const source = await readFile(new URL(import.meta.url), 'utf8');
    const imports = region(source, 'README imports')
      .replace("from './index'", "from '@chatgpt-explained/trainer'")
      .replace("from './node/index'", "from '@chatgpt-explained/trainer/node'");
    const body = region(source, 'README body').replace(/^ {2}/gm, '');
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('```ts\n' + imports + '\n' + body + '```\n');

    const dir = await mkdtemp(join(tmpdir(), 'trainer-readme-'));
    process.chdir(dir);
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    const log = vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    try {
      await readmeExample();
      expect(out.filter((s) => s.startsWith('\rstep')).at(-1)).toMatch(/^\rstep 400\/400 {2}loss 0\.0\d\d\d$/);
      const [, first, last] = /loss (\d\.\d+) → (\d\.\d+)/.exec(out.at(-1)!)!;
      expect(Number(last)).toBeLessThan(Number(first) / 10);
      expect(await readdir(join(dir, 'checkpoints'))).toEqual(['checkpoint.safetensors']);
      out.length = 0;
      await readmeExample(); // resumes at step 400 of 400: nothing left to train
      expect(out.filter((s) => s.startsWith('\rstep'))).toEqual([]);
    } finally {
      write.mockRestore();
      log.mockRestore();
      process.chdir(cwd);
      await rm(dir, { recursive: true, force: true });
    }
  });
});
