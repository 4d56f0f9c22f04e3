// `nn nearest` (essay 5.2): the --json report, the text lines, figures, and usage errors.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../main';
import { captureIo } from '../../testing/capture-io';
import type { NnNearestReport } from './nearest';

async function run(argv: string[], cwd?: string) {
  const io = captureIo(cwd === undefined ? {} : { cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const NEAREST = ['nn', 'nearest', '--backend', 'wasm'];

describe('chatgpt-explained nn nearest', () => {
  it('--json reports the agreement first, then the net, the padded box and a few losses', async () => {
    const { code, out, err } = await run([...NEAREST, '--points', '0,0;4,1;1,3', '--steps', '100', '--json']);
    expect(code, err).toBe(EXIT.ok);
    expect(err).toMatch(/^backend: wasm /);
    expect(err).toMatch(/nn nearest \[#+\] 100% loss \d\.\d{4}\n$/);
    const report = JSON.parse(out) as NnNearestReport;
    expect(Object.keys(report)[0]).toBe('agreement');
    expect(report.agreement).toBeGreaterThanOrEqual(0.95);
    expect(report.agreement).toBeLessThanOrEqual(1);
    expect(report).toMatchObject({
      points: [
        { x: 0, y: 0 },
        { x: 4, y: 1 },
        { x: 1, y: 3 },
      ],
      // Bounding box [0, 4] × [0, 3], padded by half of 4 on every side.
      box: { x: [-2, 6], y: [-2, 5], center: { x: 2, y: 1.5 }, side: 4 },
      hidden: [16, 16],
      layers: [2, 16, 16, 3],
      parameters: 3 * 16 + 17 * 16 + 17 * 3,
      steps: 100,
      seed: 0,
      grid: 200,
      samples: 2048,
    });
    expect(report.losses).toHaveLength(10);
    expect(report.losses.at(-1)!.step).toBe(100);
    expect(report.losses.at(-1)!.loss).toBeLessThan(report.losses[0]!.loss / 10);
    expect('figures' in report).toBe(false);
  });

  it('prints the net and its agreement; --hidden none trains a net with no hidden layer; --out draws both figures', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-nearest-'));
    const { code, out, err } = await run(
      [
        ...NEAREST,
        '--points',
        '-1,0; 1,0; 0,2.5',
        '--hidden',
        'none',
        '--steps',
        '20',
        '--seed',
        '4',
        '--out',
        'n.svg',
      ],
      dir,
    );
    expect(code, err).toBe(EXIT.ok);
    const lines = out.split('\n');
    expect(lines[0]).toBe('points (-1, 0), (1, 0), (0, 2.5); padded box [-2.25, 2.25] × [-1.25, 3.75]');
    expect(lines[1]).toMatch(/^net 2→3 \(9 weights\), 20 Adam steps on 2048 points, seed 4: final loss \d\.\d{4}$/);
    expect(lines[2]).toMatch(
      /^agreement with the true nearest point: \d+\.\d\d% of a 200×200 grid \(\d+\.\d\d% of the training points\)$/,
    );
    expect(err).toContain(`figures written to ${join(dir, 'n.svg')}, ${join(dir, 'n-voronoi.svg')}`);
    expect(existsSync(join(dir, 'n-voronoi.svg'))).toBe(true);
  });

  it.each([
    ['0,0;1,1', 'Expected three points "x,y;x,y;x,y", got 2.'],
    ['0,0;1,1;2,2;3,3', 'Expected three points "x,y;x,y;x,y", got 4.'],
    ['0,0;1,x;2,2', 'Expected "x,y" (two numbers of magnitude ≤ 1e9) for each point; got "1,x".'],
    ['0,0;1;2,2', 'Expected "x,y" (two numbers of magnitude ≤ 1e9) for each point; got "1".'],
    ['0,0;1,1;0,0', 'Expected three distinct points; (0, 0) appears twice.'],
  ])('refuses --points "%s" with exit 2, naming the option and the value', async (points, why) => {
    const { code, err } = await run(['nn', 'nearest', '--points', points]);
    expect(code).toBe(EXIT.usage);
    expect(err).toContain(`option '--points <list>' argument '${points}' is invalid. ${why}`);
  });

  it('refuses a missing --points, bad --hidden, --steps and --out with exit 2', async () => {
    const missing = await run(['nn', 'nearest']);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.err).toContain("required option '--points <list>' not specified");
    const hidden = await run(['nn', 'nearest', '--points', '0,0;4,1;1,3', '--hidden', '16,0']);
    expect(hidden.code).toBe(EXIT.usage);
    expect(hidden.err).toContain(`argument '16,0' is invalid. Expected "none" or 1 to 4 comma-separated layer widths`);
    expect((await run(['nn', 'nearest', '--points', '0,0;4,1;1,3', '--hidden', '1,1,1,1,1'])).code).toBe(EXIT.usage);
    expect((await run(['nn', 'nearest', '--points', '0,0;4,1;1,3', '--steps', '0'])).code).toBe(EXIT.usage);
    expect((await run(['nn', 'nearest', '--points', '0,0;4,1;1,3', '--seed', '-1'])).code).toBe(EXIT.usage);
    const out = await run(['nn', 'nearest', '--points', '0,0;4,1;1,3', '--out', 'x.txt']);
    expect(out.code).toBe(EXIT.usage);
    expect(out.err).toContain("option '--out <file>' argument 'x.txt' must end in .svg or .png");
  });
});
