// `nn extrapolate` (essay 6.4): a small run on cpu, the spreads recomputed here, and usage errors.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../main';
import { captureIo } from '../../testing/capture-io';
import type { NnExtrapolateReport } from './extrapolate';

async function run(argv: string[], cwd?: string) {
  const io = captureIo(cwd === undefined ? {} : { cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const small = [
  'nn',
  'extrapolate',
  '--backend',
  'cpu',
  '--nets',
  '2',
  '--steps',
  '30',
  '--examples',
  '64',
  '--hidden',
  '8',
];

describe('chatgpt-explained nn extrapolate', () => {
  it('--json: every net over the shown range, with the spreads inside and outside', async () => {
    const { code, out, err } = await run([...small, '--train-range', '-0.5,0.5', '--show-range', '-2,2', '--json']);
    expect(code, err).toBe(EXIT.ok);
    expect(err).toMatch(/nn extrapolate \[#+-*\] +\d+% step \d+\/30, loss per net \d/);
    const report = JSON.parse(out) as NnExtrapolateReport;
    expect(report.trainRange).toEqual([-0.5, 0.5]);
    expect(report.xs[0]).toBe(-2);
    expect(report.xs.at(-1)).toBe(2);
    expect(report.nets).toHaveLength(2);
    expect(report.losses).toHaveLength(30);
    const gap = (i: number) => Math.abs(report.nets[0]!.values[i]! - report.nets[1]!.values[i]!);
    const inside = report.xs.flatMap((x, i) => (Math.abs(x) <= 0.5 ? [gap(i)] : []));
    const outside = report.xs.flatMap((x, i) => (Math.abs(x) > 0.5 ? [gap(i)] : []));
    expect(report.inside.max).toBeCloseTo(Math.max(...inside), 12);
    expect(report.outside.max).toBeCloseTo(Math.max(...outside), 12);
  });

  it('prints the losses and the spreads; --out writes the figure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-extrapolate-'));
    const { code, out, err } = await run([...small, '--seed', '2', '--out', 'e.svg'], dir);
    expect(code, err).toBe(EXIT.ok);
    const lines = out.trim().split('\n');
    expect(lines[0]).toMatch(/^2 nets trained 30 steps on \[-1, 1\]: training losses [\d.e-]+, [\d.e-]+$/);
    expect(lines[1]).toMatch(
      /^largest disagreement inside \[-1, 1\]: [\d.e-]+; outside, over \[-3, 3\]: [\d.e-]+ \([\d.e-]+× more\)$/,
    );
    expect(existsSync(join(dir, 'e.svg'))).toBe(true);
  });

  it('refuses bad ranges and sizes with exit 2', async () => {
    const inside = await run(['nn', 'extrapolate', '--show-range', '-0.5,3']);
    expect(inside.code).toBe(EXIT.usage);
    expect(inside.err).toContain('--show-range -0.5,3 must contain --train-range -1,1 and reach beyond it');
    for (const argv of [
      ['--nets', '1'],
      ['--nets', '9'],
      ['--train-range', '1,-1'],
      ['--steps', '0'],
      ['--hidden', '300'],
      ['--seed', '-2'],
    ]) {
      expect((await run(['nn', 'extrapolate', ...argv])).code, argv.join(' ')).toBe(EXIT.usage);
    }
  });
});
