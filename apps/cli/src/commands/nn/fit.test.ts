// `nn fit` (essay 3.1) against fall times and a straight-line fit computed here in closed form.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../main';
import { captureIo } from '../../testing/capture-io';
import type { NnFitReport } from './fit';

async function run(argv: string[], cwd?: string) {
  const io = captureIo(cwd === undefined ? {} : { cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('chatgpt-explained nn fit', () => {
  it('--json gives the fall times and the three fits; the line matches the closed-form fit', async () => {
    const { code, out } = await run(['nn', 'fit', '--json', '--floors', '6', '--storey-height', '4', '--g', '10']);
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(out) as NnFitReport;
    // Floor k at 4k m: t = √(8k/10).
    const xs = [1, 2, 3, 4, 5, 6];
    const ts = xs.map((k) => Math.sqrt((8 * k) / 10));
    expect(report.data.map((d) => d.time)).toEqual(ts);
    // Least-squares line: b = Σ(x−x̄)(t−t̄) / Σ(x−x̄)², a = t̄ − b x̄.
    const mx = xs.reduce((s, x) => s + x, 0) / xs.length;
    const mt = ts.reduce((s, t) => s + t, 0) / ts.length;
    const b = xs.reduce((s, x, i) => s + (x - mx) * (ts[i]! - mt), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
    const line = report.fits.find((f) => f.name === 'line')!;
    expect(line.coefficients['b']).toBeCloseTo(b, 12);
    expect(line.coefficients['a']).toBeCloseTo(mt - b * mx, 12);
    const rms = Object.fromEntries(report.fits.map((f) => [f.name, f.rmsError]));
    expect(rms['quadratic']).toBeLessThan(rms['line']!);
    expect(rms['poor']).toBeGreaterThan(rms['line']!);
  });

  it('prints a table of the data and each fit, then coefficients and errors', async () => {
    const { code, out } = await run(['nn', 'fit']);
    expect(code).toBe(EXIT.ok);
    const lines = out.trimEnd().split('\n');
    expect(lines[1]).toMatch(/^floor +height \(m\) +time \(s\) +a \+ b x +a \+ b x \+ c x² +a \+ b\/x \+ c sin x$/);
    // Floor 1 of 3 m: √(6/9.81) = 0.782 s.
    expect(lines[2]).toMatch(/^ +1 +3\.0 +0\.782 /);
    expect(lines.at(-2)).toMatch(/^a \+ b x \+ c x²: a = .*RMS error 0\.\d{4} s, max 0\.\d{4} s$/);
  });

  it('--out draws the fits and, beside them, the errors; a bad extension or floor count is a usage error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-fit-'));
    const ok = await run(['nn', 'fit', '--out', 'fit.svg'], dir);
    expect(ok.code).toBe(EXIT.ok);
    expect(readFileSync(join(dir, 'fit.svg'), 'utf8')).toContain('<svg');
    expect(existsSync(join(dir, 'fit-errors.svg'))).toBe(true);
    expect((await run(['nn', 'fit', '--out', 'fit.gif'], dir)).err).toContain("'fit.gif' must end in .svg or .png");
    const few = await run(['nn', 'fit', '--floors', '3']);
    expect(few.code).toBe(EXIT.usage);
    expect(few.err).toContain('Expected an integer from 4 to 1000.');
    expect((await run(['nn', 'fit', '--g', '0'])).code).toBe(EXIT.usage);
  });
});
