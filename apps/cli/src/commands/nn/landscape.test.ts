// `nn landscape` (essay 6.3): the loss on a small grid against float64 here, starts and usage errors.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../main';
import { captureIo } from '../../testing/capture-io';
import type { NnLandscapeReport } from './landscape';

async function run(argv: string[], cwd?: string) {
  const io = captureIo(cwd === undefined ? {} : { cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

// y = tanh(w1·x) − tanh(w2·x + 1), data from (2, 1) on 41 points of [-2, 2], in float64.
const XS = Array.from({ length: 41 }, (_, i) => -2 + i / 10);
const net = (w1: number, w2: number, x: number) => Math.tanh(w1 * x) - Math.tanh(w2 * x + 1);
const loss = (w1: number, w2: number) => XS.reduce((a, x) => a + (net(w1, w2, x) - net(2, 1, x)) ** 2, 0) / XS.length;

describe('chatgpt-explained nn landscape', () => {
  it('--json: the loss over the grid, and the path from a given start', async () => {
    const { code, out, err } = await run([
      'nn',
      'landscape',
      '--backend',
      'cpu',
      '--grid',
      '9',
      '--steps',
      '20',
      '--start',
      '-1,2',
      '--json',
    ]);
    expect(code, err).toBe(EXIT.ok);
    expect(err).toMatch(/nn landscape \[#+-*\] +\d+% step \d+\/20, loss \d/);
    const report = JSON.parse(out) as NnLandscapeReport;
    expect(report.w1Axis).toEqual([-4, -3, -2, -1, 0, 1, 2, 3, 4]);
    expect(report.w2Axis).toEqual([-3, -2.25, -1.5, -0.75, 0, 0.75, 1.5, 2.25, 3]);
    report.loss.forEach((row, r) =>
      row.forEach((v, c) => expect(v).toBeCloseTo(loss(report.w1Axis[c]!, report.w2Axis[r]!), 5)),
    );
    expect(report.paths).toHaveLength(1);
    expect(report.paths[0]!.points).toHaveLength(21);
    expect(report.paths[0]!.end.loss).toBeLessThan(report.paths[0]!.losses[0]!);
  });

  it('--random-starts draws starts from --seed; prints a line per path; --out writes the heatmap', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-landscape-'));
    const argv = [
      'nn',
      'landscape',
      '--backend',
      'cpu',
      '--grid',
      '8',
      '--steps',
      '3',
      '--random-starts',
      '2',
      '--seed',
      '5',
    ];
    const a = await run([...argv, '--out', 'land.svg'], dir);
    const b = await run(argv);
    expect(a.code, a.err).toBe(EXIT.ok);
    expect(a.out).toBe(b.out);
    const lines = a.out.trim().split('\n');
    expect(lines[0]).toMatch(/^y = tanh\(w1·x\) − tanh\(w2·x \+ 1\): L2 loss over \(w1, w2\) on a 8×8 grid, smallest /);
    expect(lines.slice(1).map((l) => /^gradient descent from \(/.test(l))).toEqual([true, true]);
    expect(existsSync(join(dir, 'land.svg'))).toBe(true);
  });

  it('refuses contradictory or malformed options with exit 2', async () => {
    const seedAlone = await run(['nn', 'landscape', '--seed', '3']);
    expect(seedAlone.code).toBe(EXIT.usage);
    expect(seedAlone.err).toContain('--seed only seeds --random-starts');
    const both = await run(['nn', 'landscape', '--start', '0,0', '--random-starts', '2']);
    expect(both.code).toBe(EXIT.usage);
    expect(both.err).toContain('--start and --random-starts cannot be used together');
    const start = await run(['nn', 'landscape', '--start', '1']);
    expect(start.code).toBe(EXIT.usage);
    expect(start.err).toContain('Expected "w1,w2" (two numbers) for each point; got "1".');
    for (const argv of [
      ['--w1-range', '2,1'],
      ['--w2-range', 'a,b'],
      ['--grid', '7'],
      ['--steps', '0'],
      ['--learning-rate', '0'],
      ['--random-starts', '9'],
    ]) {
      expect((await run(['nn', 'landscape', ...argv])).code, argv.join(' ')).toBe(EXIT.usage);
    }
  });
});
