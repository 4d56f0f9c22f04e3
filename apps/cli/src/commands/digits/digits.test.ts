// `digits train|eval|blur|embed` through the CLI harness, on wasm, with the shipped net and data.
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../main';
import { captureIo } from '../../testing/capture-io';
import type { DigitsBlurReport } from './blur';
import type { DigitsEmbedReport } from './embed';
import type { DigitsEvalReport } from './eval';
import type { DigitsTrainReport } from './train';

async function run(argv: string[], cwd?: string) {
  const io = captureIo(cwd === undefined ? {} : { cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const wasm = ['--backend', 'wasm'];

describe('chatgpt-explained digits', () => {
  it('eval --json: the shipped net reads ≥ 98.5% of the 10,000 test images', { timeout: 60_000 }, async () => {
    const { code, out, err } = await run(['digits', 'eval', '--json', ...wasm]);
    expect(code, err).toBe(EXIT.ok);
    expect(err).toMatch(/digits eval \[#+\] 100%/);
    const report = JSON.parse(out) as DigitsEvalReport;
    expect(Object.keys(report)[0]).toBe('accuracy');
    expect(report.count).toBe(10_000);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.985);
    expect(report.correct).toBe(Math.round(report.accuracy * 10_000));
    expect(report.confusion.flat().reduce((a, b) => a + b, 0)).toBe(10_000);
  });

  it(
    'train writes a net that eval --model reads; a progress bar with the loss on stderr',
    { timeout: 120_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'digits-train-'));
      const trained = await run(
        [
          'digits',
          'train',
          '--steps',
          '30',
          '--batch-size',
          '32',
          '--seed',
          '2',
          '--out',
          'net.safetensors',
          '--json',
          ...wasm,
        ],
        dir,
      );
      expect(trained.code, trained.err).toBe(EXIT.ok);
      expect(trained.err).toMatch(/digits train \[#+-*\] +\d+% step \d+\/30 epoch 1, loss \d/);
      const report = JSON.parse(trained.out) as DigitsTrainReport;
      expect(report).toMatchObject({ steps: 30, seed: 2, batchSize: 32, out: join(dir, 'net.safetensors') });
      expect(report.accuracy).toBeGreaterThan(0.3); // 30 steps are far better than chance (0.1)
      expect(readdir(dir)).toEqual(['net.safetensors']); // no temporary file left behind
      const evaluated = await run(['digits', 'eval', '--model', 'net.safetensors', '--json', ...wasm], dir);
      expect(evaluated.code, evaluated.err).toBe(EXIT.ok);
      expect((JSON.parse(evaluated.out) as DigitsEvalReport).accuracy).toBe(report.accuracy);
    },
  );

  it('refuses bad command lines with exit 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digits-usage-'));
    const cases: Array<[string[], RegExp]> = [
      [['digits', 'train'], /required option '--out <file>'/],
      [['digits', 'train', '--out', 'x.bin'], /must end in \.safetensors/],
      [['digits', 'train', '--out', 'x.safetensors', '--epochs', '1', '--steps', '3'], /--epochs or --steps, not both/],
      [
        ['digits', 'eval', '--model', 'missing.safetensors', ...wasm],
        /--model: cannot read 'missing.safetensors' \(ENOENT\)/,
      ],
      [['digits', 'blur', '--sigmas', '2,1'], /ascending/],
      [['digits', 'blur', '--out', 'x.txt'], /must end in .svg or .png/],
      [['digits', 'embed', '--method', 'tsne'], /Allowed choices are pca, umap, both/],
    ];
    for (const [argv, message] of cases) {
      const { code, err } = await run(argv, dir);
      expect(code, argv.join(' ')).toBe(EXIT.usage);
      expect(err, argv.join(' ')).toMatch(message);
    }
  });

  it(
    'blur --json: the 2 is read as a 2 unblurred, less surely as σ grows; --out writes two figures',
    { timeout: 60_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'digits-blur-'));
      const { code, out, err } = await run(['digits', 'blur', '--json', '--out', 'b.svg', ...wasm], dir);
      expect(code, err).toBe(EXIT.ok);
      const report = JSON.parse(out) as DigitsBlurReport;
      expect(report).toMatchObject({ index: 1, label: 2 }); // test image 1 is the first 2
      expect(report.steps.map((s) => s.sigma)).toEqual([0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5]);
      expect(report.steps[0]).toMatchObject({ predicted: 2 });
      expect(report.steps[0]!.probabilityOfLabel).toBeGreaterThan(0.9);
      expect(report.steps.at(-1)!.probabilityOfLabel).toBeLessThan(report.steps[0]!.probabilityOfLabel);
      expect(readFileSync(join(dir, 'b.svg'), 'utf8')).toMatch(/^<svg/);
      expect(existsSync(join(dir, 'b-probability.svg'))).toBe(true);
      const text = await run(['digits', 'blur', '--index', '1', '--sigmas', '0,3', ...wasm]);
      expect(text.out).toMatch(/^MNIST test image 1, a 2, blurred:\nσ {4}0: reads 2 \(/);
    },
  );

  it(
    'embed --json: near-certain outputs for the 4 and PCA layouts of the penultimate vectors',
    { timeout: 60_000 },
    async () => {
      const { code, out, err } = await run(['digits', 'embed', '--method', 'pca', '--count', '200', '--json', ...wasm]);
      expect(code, err).toBe(EXIT.ok);
      const report = JSON.parse(out) as DigitsEmbedReport;
      expect(report.outputs).toMatchObject({ index: 4, label: 4, predicted: 4 });
      expect(report.outputs.probabilities[4]).toBeGreaterThan(0.99);
      expect(report.outputs.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(report.embedding.count).toBe(200);
      expect(report.embedding.layouts.map((l) => [l.method, l.dimensions, l.points.length])).toEqual([
        ['pca', 2, 400],
        ['pca', 3, 600],
      ]);
    },
  );

  it('embed --out with UMAP writes the 2-D and 3-D layouts and the outputs', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digits-embed-'));
    const { code, err } = await run(
      ['digits', 'embed', '--count', '100', '--umap-epochs', '20', '--out', 'e.svg', ...wasm],
      dir,
    );
    expect(code, err).toBe(EXIT.ok);
    expect(readdir(dir)).toEqual([
      'e-logits.svg',
      'e-pca-3d.svg',
      'e-probabilities.svg',
      'e-umap-2d.svg',
      'e-umap-3d.svg',
      'e.svg',
    ]);
  });
});

function readdir(dir: string): string[] {
  return readdirSync(dir).sort();
}
