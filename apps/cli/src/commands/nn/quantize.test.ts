// `nn quantize` (essay 7.3): a small net on cpu; the bytes counted here from the net's shapes.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../main';
import { captureIo } from '../../testing/capture-io';
import type { NnQuantizeReport } from './quantize';

async function run(argv: string[], cwd?: string) {
  const io = captureIo(cwd === undefined ? {} : { cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

const small = ['nn', 'quantize', '--backend', 'cpu', '--hidden', '16', '--steps', '200'];

describe('chatgpt-explained nn quantize', () => {
  it('--json: 8 bits keep the loss within 0.002 of float32, 4 bits lose more; bytes per model', async () => {
    const { code, out, err } = await run([...small, '--json']);
    expect(code, err).toBe(EXIT.ok);
    expect(err).toMatch(/nn quantize \[#+-*\] +\d+% 2×16 net: loss \d/);
    const report = JSON.parse(out) as NnQuantizeReport;
    const [f32, q8, q4] = report.rows;
    expect(report.rows.map((r) => r.precision)).toEqual(['float32', '8-bit', '4-bit']);
    expect(Math.abs(q8!.loss - f32!.loss)).toBeLessThan(0.002);
    expect(Math.abs(q4!.loss - f32!.loss)).toBeGreaterThan(Math.abs(q8!.loss - f32!.loss));
    // 1 → 16 → 16 → 1: matrices [1,16], [16,16], [16,1]; biases 16 + 16 + 1; a float32 scale per output unit.
    const weights = 16 + 256 + 16;
    const biases = 33;
    const scales = 4 * (16 + 16 + 1);
    expect(report.parameters).toBe(weights + biases);
    expect(report.rows.map((r) => r.bytes)).toEqual([
      4 * (weights + biases),
      weights + scales + 4 * biases,
      8 + 128 + 8 + scales + 4 * biases,
    ]);
  });

  it('prints loss and bytes per precision; --out writes the loss bars and the fits', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-quantize-'));
    const { code, out, err } = await run(
      ['nn', 'quantize', '--backend', 'cpu', '--hidden', '4', '--layers', '1', '--steps', '10', '--out', 'q.svg'],
      dir,
    );
    expect(code, err).toBe(EXIT.ok);
    const lines = out.trim().split('\n');
    expect(lines[0]).toBe('a 1×4-unit ReLU net (13 weights) fitted to sin(2πx) + ½·sin(5πx)');
    expect(lines[1]).toMatch(/^float32: loss \d\.\d+, 52 bytes$/);
    expect(existsSync(join(dir, 'q.svg'))).toBe(true);
    expect(existsSync(join(dir, 'q-fits.svg'))).toBe(true);
  });

  it('refuses bad sizes and steps with exit 2', async () => {
    for (const argv of [
      ['--hidden', '0'],
      ['--layers', '9'],
      ['--steps', 'many'],
      ['--seed', '1.5'],
    ]) {
      expect((await run(['nn', 'quantize', ...argv])).code, argv.join(' ')).toBe(EXIT.usage);
    }
  });
});
