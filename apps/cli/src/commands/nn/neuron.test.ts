// `nn neuron` (essay 5.1): outputs against max(0, w·x + b) computed here in float64.
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../main';
import { captureIo } from '../../testing/capture-io';
import type { NnNeuronReport } from './neuron';

async function run(argv: string[], cwd?: string) {
  const io = captureIo(cwd === undefined ? {} : { cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe('chatgpt-explained nn neuron', () => {
  it('--json gives ReLU(w1·x₁ + w2·x₂ + b) at every grid point, for each setting', async () => {
    const weights = [
      [1, 0, 0],
      [-1, 2, 0.5],
    ] as const;
    const { code, out, err } = await run([
      'nn',
      'neuron',
      '--backend',
      'cpu',
      '--weights',
      '1,0,0; -1,2,0.5',
      '--grid',
      '5',
      '--extent',
      '2',
      '--json',
    ]);
    expect(code, err).toBe(EXIT.ok);
    expect(err).toMatch(/^backend: cpu /);
    const report = JSON.parse(out) as NnNeuronReport;
    expect(report.axis).toEqual([-2, -1, 0, 1, 2]);
    report.maps.forEach((m, k) => {
      const [w1, w2, b] = weights[k]!;
      expect(m.weights).toEqual({ w1, w2, b });
      m.values.forEach((row, r) =>
        row.forEach((v, c) => expect(v).toBeCloseTo(Math.max(0, w1 * report.axis[c]! + w2 * report.axis[r]! + b), 6)),
      );
    });
  });

  it('prints one line per setting; a leading minus is a value, not an option', async () => {
    const { code, out } = await run(['nn', 'neuron', '--backend', 'cpu', '--weights', '-1,0,0', '--grid', '4']);
    expect(code).toBe(EXIT.ok);
    // ReLU(−x₁) on 4 points −1, −1/3, 1/3, 1: 1 at x₁ = −1, 0 on half of the grid.
    expect(out.split('\n')[0]).toBe('ReLU(−1·x₁ + 0·x₂) on [-1, 1]²: 0 … 1, 0 on 50% of the square');
  });

  it('--out writes one heatmap, or one per setting numbered beside it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nn-neuron-'));
    expect(
      (await run(['nn', 'neuron', '--backend', 'cpu', '--grid', '8', '--weights', '1,1,0', '--out', 'n.svg'], dir))
        .code,
    ).toBe(EXIT.ok);
    expect(existsSync(join(dir, 'n.svg'))).toBe(true);
    const two = await run(
      ['nn', 'neuron', '--backend', 'cpu', '--grid', '8', '--weights', '1,1,0;0,1,0', '--out', 'm.svg'],
      dir,
    );
    expect(two.err).toContain(`heatmaps written to ${join(dir, 'm-1.svg')}, ${join(dir, 'm-2.svg')}`);
    expect(existsSync(join(dir, 'm-2.svg'))).toBe(true);
  });

  it('refuses malformed weights and grid sizes with exit 2', async () => {
    const bad = await run(['nn', 'neuron', '--weights', '1,2']);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toContain('Expected "w1,w2,b" (three numbers) for each setting; got "1,2".');
    expect((await run(['nn', 'neuron', '--weights', '1,x,0'])).code).toBe(EXIT.usage);
    expect((await run(['nn', 'neuron', '--grid', '1'])).code).toBe(EXIT.usage);
    expect((await run(['nn', 'neuron', '--grid', '513'])).code).toBe(EXIT.usage);
  });
});
