// `nn learn` (essay 6.1–6.2): small runs on cpu; the target checked against float64 here, learning
// itself in packages/essay (cpu and wasm).
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../main';
import { captureIo } from '../../testing/capture-io';
import type { NnLearnReport } from './learn';

async function run(argv: string[], cwd?: string) {
  const io = captureIo(cwd === undefined ? {} : { cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const small = [
  'nn',
  'learn',
  '--backend',
  'cpu',
  '--steps',
  '40',
  '--examples',
  '64',
  '--hidden',
  '8',
  '--random-nets',
  '2',
];

describe('chatgpt-explained nn learn', () => {
  it('--json: the curves, a loss per step, snapshots where asked and at the end', async () => {
    const { code, out, err } = await run([...small, '--snapshots', '0,20', '--seed', '3', '--json']);
    expect(code, err).toBe(EXIT.ok);
    expect(err).toMatch(/^backend: cpu /);
    expect(err).toMatch(/nn learn \[#+-*\] +\d+% step \d+\/40, loss \d/);
    const report = JSON.parse(out) as NnLearnReport;
    expect(report.hidden).toEqual([8]);
    expect(report.examples).toBe(64);
    report.xs.forEach((x, i) =>
      expect(report.targetValues[i]).toBeCloseTo(0.8 * Math.sin(2 * Math.PI * x) + 0.3 * x, 12),
    );
    expect(report.randomNets.map((n) => n.seed)).toEqual([3, 4]);
    expect(report.snapshots.map((s) => [s.step, s.examplesSeen])).toEqual([
      [0, 0],
      [20, 640],
      [40, 1280],
    ]);
    expect(report.losses).toHaveLength(40);
    expect(report.finalLoss).toBeLessThan(report.initialLoss);
  });

  it('prints the set-up, the loss after each snapshot and the learning curve; --out writes three figures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-learn-'));
    const { code, out, err } = await run([...small, '--out', 'l.svg'], dir);
    expect(code, err).toBe(EXIT.ok);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe(
      'target f(x) = 0.8·sin(2πx) + 0.3·x on [-1, 1], 64 examples; net 1 → 8 → 1 (ReLU), Adam 0.01, batch 32',
    );
    expect(lines[1]).toMatch(/^untrained nets: loss [\d.]+ \(seed 1\), [\d.]+ \(seed 2\)$/);
    expect(lines.slice(2, 5).map((l) => l.split(' (')[0])).toEqual([
      'after 0 steps',
      'after 30 steps',
      'after 40 steps',
    ]);
    expect(lines[5]).toMatch(
      /^L2 loss on all 64 examples: [\d.]+ before training, [\d.e-]+ after 40 steps \([\d.]+× lower\)$/,
    );
    expect(lines[6]).toMatch(/^batch loss: [\d.]+ at step 1, mean [\d.e-]+ over the last 2 steps$/);
    for (const file of ['l.svg', 'l-random.svg', 'l-curve.svg']) expect(existsSync(join(dir, file))).toBe(true);
    expect(err).toContain(
      `figures written to ${join(dir, 'l.svg')}, ${join(dir, 'l-random.svg')}, ${join(dir, 'l-curve.svg')}`,
    );
  });

  it('refuses bad options with exit 2', async () => {
    const late = await run([...small, '--snapshots', '10,50']);
    expect(late.code).toBe(EXIT.usage);
    expect(late.err).toContain('--snapshots: step 50 is beyond --steps 40');
    for (const argv of [
      ['--steps', '0'],
      ['--hidden', '0'],
      ['--hidden', '8,8,8,8,8'],
      ['--examples', '8'],
      ['--learning-rate', '-1'],
      ['--random-nets', '9'],
      ['--seed', 'x'],
    ]) {
      expect((await run(['nn', 'learn', ...argv])).code, argv.join(' ')).toBe(EXIT.usage);
    }
  });
});
