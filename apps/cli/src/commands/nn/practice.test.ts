// `nn practice` (essay 7.2): the cheap parts on cpu, the L2 line against least squares computed here.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../main';
import { captureIo } from '../../testing/capture-io';
import { parsePracticeParts, type NnPracticeReport } from './practice';

async function run(argv: string[], cwd?: string) {
  const io = captureIo(cwd === undefined ? {} : { cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('chatgpt-explained nn practice', () => {
  it('--only loss --json: the L2 line is the least-squares line; the L1 line is closer to the clean points', async () => {
    const { code, out, err } = await run(['nn', 'practice', '--backend', 'cpu', '--only', 'loss', '--json']);
    expect(code, err).toBe(EXIT.ok);
    expect(err).toMatch(/nn practice \[#+-*\] +\d+% L2 vs L1: L1 fit: loss \d/);
    const report = JSON.parse(out) as NnPracticeReport;
    expect(Object.keys(report).sort()).toEqual(['backend', 'loss']);
    const { x, y, l1, l2 } = report.loss!;
    const mx = x.reduce((a, b) => a + b, 0) / x.length;
    const my = y.reduce((a, b) => a + b, 0) / y.length;
    const slope = x.reduce((a, v, i) => a + (v - mx) * (y[i]! - my), 0) / x.reduce((a, v) => a + (v - mx) ** 2, 0);
    expect(l2.slope).toBeCloseTo(slope, 3);
    expect(l2.intercept).toBeCloseTo(my - slope * mx, 3);
    expect(l1.cleanRmsError).toBeLessThan(l2.cleanRmsError / 4);
  });

  it('prints a line per part; --out writes one figure per part, or <file> for one part', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-practice-'));
    const two = await run(['nn', 'practice', '--backend', 'cpu', '--only', 'epochs,loss', '--out', 'p.svg'], dir);
    expect(two.code, two.err).toBe(EXIT.ok);
    const lines = two.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^epochs \(32 points of sin\(2πx\), batch 4\): 1 → loss 0\.\d+, 5 → loss 0\.\d+, 20 → loss 0\.\d+$/,
    );
    expect(lines[1]).toMatch(/^L2 vs L1 \(points around 0\.6x \+ 0\.2, 4 outliers\): L2 line/);
    expect(existsSync(join(dir, 'p-epochs.svg'))).toBe(true);
    expect(existsSync(join(dir, 'p-loss.svg'))).toBe(true);
    const one = await run(['nn', 'practice', '--backend', 'cpu', '--only', 'loss', '--out', 'q.png'], dir);
    expect(one.code, one.err).toBe(EXIT.ok);
    expect(existsSync(join(dir, 'q.png'))).toBe(true);
  });

  it('parses --only as a comma-separated list of parts, each once', () => {
    expect(parsePracticeParts('augment, batch')).toEqual(['augment', 'batch']);
    expect(() => parsePracticeParts('loss,loss')).toThrow('Expected each part once; got "loss,loss".');
  });

  it('refuses unknown parts and seeds with exit 2', async () => {
    const bad = await run(['nn', 'practice', '--only', 'epochs,size']);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toContain('Expected some of epochs, batch, loss, augment (comma-separated); got "size".');
    expect((await run(['nn', 'practice', '--seed', 'x'])).code).toBe(EXIT.usage);
    expect((await run(['nn', 'practice', '--out', 'p.pdf'])).code).not.toBe(EXIT.ok);
  });
});
