// `parens train|next` through the CLI harness, on wasm, with the shipped models.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../main';
import { captureIo } from '../../testing/capture-io';
import type { ParensNextReport } from './next';
import type { ParensTrainReport } from './train';

async function run(argv: string[], cwd?: string) {
  const io = captureIo(cwd === undefined ? {} : { cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const wasm = ['--backend', 'wasm'];

describe('chatgpt-explained parens', () => {
  it('next --json: the shipped 2-block model after a balanced and an unbalanced prefix', async () => {
    const balanced = await run(['parens', 'next', '--json', '(()())', ...wasm]);
    expect(balanced.code, balanced.err).toBe(EXIT.ok);
    const report = JSON.parse(balanced.out) as ParensNextReport;
    expect(Object.keys(report)[0]).toBe('tokens');
    expect(report.tokens.map((t) => t.text)).toEqual(['(', ')', 'End']);
    expect(report.tokens.reduce((s, t) => s + t.probability, 0)).toBeCloseTo(1, 5);
    expect(report).toMatchObject({ prefix: '(()())', balanced: true, model: 'parens-2block' });
    // After a balanced prefix the language allows End or "(", never ")".
    expect(report.tokens[2]!.probability).toBeGreaterThan(0.5);
    expect(report.tokens[1]!.probability).toBeLessThan(0.05);

    const empty = JSON.parse((await run(['parens', 'next', '--json', '', ...wasm])).out) as ParensNextReport;
    expect(empty.balanced).toBe(false); // every string has at least one pair: after nothing, "(" is the only answer
    expect(empty.tokens[0]!.probability).toBeGreaterThan(0.95);
    const open = JSON.parse((await run(['parens', 'next', '--json', '((()()(', ...wasm])).out) as ParensNextReport;
    expect(open.balanced).toBe(false);
    expect(open.tokens[2]!.probability).toBeLessThan(0.05);
  });

  it('next prints a table; --model takes the 1-block model; bad prefixes are usage errors', async () => {
    const text = await run(['parens', 'next', '(()', '--model', 'parens-1block', ...wasm]);
    expect(text.code, text.err).toBe(EXIT.ok);
    expect(text.out).toMatch(
      /^after "\(\(\)" \(not balanced: End is wrong\), model parens-1block:\n {2}\( +\d+\.\d\d%\n {2}\) +\d+\.\d\d%\n {2}End +\d+\.\d\d%\n$/,
    );

    const bad = await run(['parens', 'next', '(x)', ...wasm]);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toContain(`PREFIX may hold only '(' and ')'; got "(x)" with "x" at position 2`);
    const long = await run(['parens', 'next', '('.repeat(40), ...wasm]);
    expect(long.code).toBe(EXIT.usage);
    expect(long.err).toContain('PREFIX has 40 characters; this model reads at most 32');
    const missing = await run(['parens', 'next', '()', '--model', 'no-such-folder', ...wasm]);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.err).toContain("--model: 'no-such-folder' is not parens-2block or parens-1block");
  });

  it(
    'train writes a model that next --model reads, with a progress bar and held-out scores',
    { timeout: 120_000 },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'parens-train-'));
      const trained = await run(
        [
          'parens',
          'train',
          '--blocks',
          '1',
          '--heads',
          '2',
          '--dim',
          '16',
          '--steps',
          '20',
          '--seed',
          '3',
          '--out',
          'm',
          '--json',
          ...wasm,
        ],
        dir,
      );
      expect(trained.code, trained.err).toBe(EXIT.ok);
      expect(trained.err).toMatch(/parens train \[#+-*\] +\d+% step \d+\/20, loss \d/);
      const report = JSON.parse(trained.out) as ParensTrainReport;
      expect(report).toMatchObject({ out: join(dir, 'm'), blocks: 1, heads: 2, dim: 16, seed: 3, steps: 20 });
      expect(report.heldOutShort.prefixes).toBeGreaterThan(100);
      expect(existsSync(join(dir, 'm', 'config.json'))).toBe(true);
      expect(existsSync(join(dir, 'm', 'model.safetensors'))).toBe(true);

      const next = await run(['parens', 'next', '--json', '()', '--model', 'm', ...wasm], dir);
      expect(next.code, next.err).toBe(EXIT.ok);
      expect((JSON.parse(next.out) as ParensNextReport).model).toBe('m');

      const bad = await run(['parens', 'train', '--dim', '30', '--heads', '8', ...wasm], dir);
      expect(bad.code).toBe(EXIT.usage);
      expect(bad.err).toContain('--heads 8 must divide --dim 30');
    },
  );
});
