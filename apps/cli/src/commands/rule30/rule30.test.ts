// `rule30` through the CLI harness: rows as text and JSON against rows worked out by hand, pictures, usage errors.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../main';
import { captureIo } from '../../testing/capture-io';
import type { Rule30Report } from './index';

async function run(argv: string[], cwd?: string) {
  const io = captureIo(cwd === undefined ? {} : { cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('chatgpt-explained rule30', () => {
  it('prints rule 30 from one black cell as text: the rows worked out by hand', async () => {
    const { code, out, err } = await run(['rule30', '--steps', '3']);
    expect(code, err).toBe(EXIT.ok);
    // 111 → 0, 110 → 0, 101 → 0, 100 → 1, 011 → 1, 010 → 1, 001 → 1, 000 → 0 (left XOR (centre OR right)).
    expect(out).toBe(['   █', '  ███', ' ██  █', '██ ████', ''].join('\n'));
    expect(err).toBe('');
  });

  it('--json: rows of 0s and 1s and the centre column (OEIS A051023); --rule 90 is Sierpinski', async () => {
    const { code, out } = await run(['rule30', '--steps', '9', '--json']);
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(out) as Rule30Report;
    expect(report).toMatchObject({ rule: 30, steps: 9, width: 19, boundary: 'zero' });
    expect(report.rows.slice(0, 3)).toEqual(['0000000001000000000', '0000000011100000000', '0000000110010000000']);
    expect(report.centreColumn).toEqual([1, 1, 0, 1, 1, 1, 0, 0, 1, 1]);

    const sierpinski = JSON.parse(
      (await run(['rule30', '--rule', '90', '--steps', '3', '--json'])).out,
    ) as Rule30Report;
    expect(sierpinski.rows).toEqual(['0001000', '0010100', '0100010', '1010101']);
  });

  it('random starts are seeded; a periodic boundary wraps around', async () => {
    const a = JSON.parse(
      (await run(['rule30', '--start', 'random', '--seed', '4', '--steps', '2', '--json'])).out,
    ) as Rule30Report;
    const b = JSON.parse(
      (await run(['rule30', '--start', 'random', '--seed', '4', '--steps', '2', '--json'])).out,
    ) as Rule30Report;
    expect(a.width).toBe(64);
    expect(a.rows).toEqual(b.rows);
    // Rule 170 (new = right) on a wrapped row turns it one cell to the left: the first cell comes round to the end.
    const wrapped = JSON.parse(
      (
        await run([
          'rule30',
          ...[
            '--rule',
            '170',
            '--start',
            'random',
            '--width',
            '12',
            '--steps',
            '1',
            '--boundary',
            'periodic',
            '--json',
          ],
        ])
      ).out,
    ) as Rule30Report;
    const [first, second] = wrapped.rows as [string, string];
    expect(first).toMatch(/^[01]{12}$/);
    expect(second).toBe(first.slice(1) + first[0]);
  });

  it('--out draws the picture to an SVG', { timeout: 30_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rule30-'));
    const { code, err } = await run(['rule30', '--steps', '20', '--out', 'r30.svg', '--json'], dir);
    expect(code, err).toBe(EXIT.ok);
    expect(err).toBe(`picture written to ${join(dir, 'r30.svg')}\n`);
    const svg = readFileSync(join(dir, 'r30.svg'), 'utf8');
    expect(svg).toContain('Rule 30: 20 steps');
    expect(svg.match(/<image\b/g)).toHaveLength(1);
  });

  it('refuses bad options with a usage error', async () => {
    for (const [argv, message] of [
      [['--rule', '256'], /--rule <n>.*Expected an integer from 0 to 255/],
      [['--steps', '-1'], /--steps <n>/],
      [['--start', 'middle'], /--start <how>.*single, random/],
      [['--boundary', 'wrap'], /--boundary <kind>.*zero, periodic/],
      [['--out', 'r30.jpg'], /must end in \.svg or \.png/],
    ] as const) {
      const { code, err } = await run(['rule30', ...argv]);
      expect(code, argv.join(' ')).toBe(EXIT.usage);
      expect(err).toMatch(message);
    }
  });
});
