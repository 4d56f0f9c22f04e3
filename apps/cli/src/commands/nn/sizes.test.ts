// `nn sizes` (essay 7.1): small runs on cpu, the perceptron checked against least squares computed here.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../main';
import { captureIo } from '../../testing/capture-io';
import type { NnSizesReport } from './sizes';

async function run(argv: string[], cwd?: string) {
  const io = captureIo(cwd === undefined ? {} : { cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const small = ['nn', 'sizes', '--backend', 'cpu', '--sizes', '1,16', '--steps', '200', '--points', '32'];

describe('chatgpt-explained nn sizes', () => {
  it('--json: one unit per layer stays above 0.3, sixteen fit below 0.15; the perceptron reaches the best line', async () => {
    const { code, out, err } = await run([...small, '--json']);
    expect(code, err).toBe(EXIT.ok);
    expect(err).toMatch(/^backend: cpu /);
    // The progress bar shows the live loss.
    expect(err).toMatch(/nn sizes \[#+-*\] +\d+% 16 hidden units: loss \d/);
    const report = JSON.parse(out) as NnSizesReport;
    expect(report.nets.map((n) => n.hidden)).toEqual([1, 16]);
    expect(report.nets[0]!.loss).toBeGreaterThan(0.3);
    expect(report.nets[1]!.loss).toBeLessThan(0.15);
    // Least squares in closed form over the reported points.
    const { x, y } = report;
    const mx = x.reduce((a, b) => a + b, 0) / x.length;
    const my = y.reduce((a, b) => a + b, 0) / y.length;
    const slope = x.reduce((a, v, i) => a + (v - mx) * (y[i]! - my), 0) / x.reduce((a, v) => a + (v - mx) ** 2, 0);
    const best = x.reduce((a, v, i) => a + (my + slope * (v - mx) - y[i]!) ** 2, 0) / x.length;
    expect(report.perceptron.wiggly.loss).toBeGreaterThan(best - 1e-5);
    expect(report.perceptron.wiggly.loss).toBeLessThan(best + 1e-4);
    expect(report.perceptron.linear.loss).toBeLessThan(1e-6);
  });

  it('prints a line per size; --out writes the loss chart, the fits and the perceptron', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-sizes-'));
    const { code, out, err } = await run([...small, '--sizes', '2', '--steps', '20', '--out', 's.svg'], dir);
    expect(code, err).toBe(EXIT.ok);
    expect(out.split('\n')[1]).toMatch(/^ {2}2 units per layer \(13 weights\): loss \d/);
    for (const file of ['s.svg', 's-fits.svg', 's-perceptron.svg']) expect(existsSync(join(dir, file))).toBe(true);
    expect(err).toContain(`figures written to ${join(dir, 's.svg')}, ${join(dir, 's-fits.svg')}`);
  });

  it('refuses bad sizes, layers, steps and seeds with exit 2', async () => {
    const bad = await run(['nn', 'sizes', '--sizes', '4,0']);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toContain('Expected 1 to 12 comma-separated integers from 1 to 256; got "4,0".');
    for (const argv of [
      ['--sizes', 'a'],
      ['--sizes', '1,2,3,4,5,6,7,8,9,10,11,12,13'],
      ['--layers', '4'],
      ['--steps', '0'],
      ['--seed', '-1'],
      ['--backend', 'gpu'],
    ]) {
      expect((await run(['nn', 'sizes', ...argv])).code, argv.join(' ')).toBe(EXIT.usage);
    }
  });
});
