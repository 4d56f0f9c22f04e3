// pca against numpy's eigen-decomposition of np.cov (float64), on a fixed matrix with a clear
// spectrum; the sign rule (largest-|loading| entry positive) is applied to numpy's vectors too.
import { describe, expect, it } from 'vitest';
import { findPython, runPython } from '../test/python';
import { EmbeddingsError } from './errors';
import { pca } from './pca';
import type { VectorSet } from './vector-set';

const { python, unavailable } = findPython(['numpy']);
if (unavailable !== undefined) process.stderr.write(`pca numpy test skipped: ${unavailable}\n`);

/** 40 × 6 matrix with correlated columns, built from integer formulas (no RNG), so numpy sees the same data. */
function fixedMatrix(): VectorSet {
  const rows = 40;
  const cols = 6;
  const data = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    const a = Math.sin(r * 1.3) * 3;
    const b = Math.cos(r * 0.7) * 1.5;
    const c = ((r * 37) % 11) / 11 - 0.5;
    const row = [a + 0.1 * c, 2 * a - b, b + c, -a + 0.5 * b + 4, c * 0.3, a * 0.2 + b * 0.9 - c];
    row.forEach((x, j) => (data[r * cols + j] = x));
  }
  return { data, rows, cols };
}

const NUMPY = `
import sys, json, numpy as np
m = json.load(sys.stdin)
x = np.array(m["data"], dtype=np.float32).astype(np.float64).reshape(m["rows"], m["cols"])
w, v = np.linalg.eigh(np.cov(x, rowvar=False))
order = np.argsort(-w)
w, v = w[order], v[:, order]
for j in range(v.shape[1]):
    i = int(np.argmax(np.abs(v[:, j])))
    if v[i, j] < 0: v[:, j] = -v[:, j]
k = m["k"]
pts = (x - x.mean(axis=0)) @ v[:, :k]
print(json.dumps({"points": pts.ravel().tolist(), "explained": (w[:k] / w.sum()).tolist(), "axes": v[:, :k].T.ravel().tolist()}))
`;

describe('pca', () => {
  it.skipIf(unavailable !== undefined)('matches numpy (np.cov + eigh) to float32 precision, signs included', () => {
    const m = fixedMatrix();
    for (const k of [1, 2, 3]) {
      const ref = runPython<{ points: number[]; explained: number[]; axes: number[] }>(
        python,
        NUMPY,
        JSON.stringify({ data: Array.from(m.data), rows: m.rows, cols: m.cols, k }),
      );
      const ours = pca(m, { components: k });
      expect(ours.points.rows).toBe(40);
      expect(ours.points.cols).toBe(k);
      ours.explainedVariance.forEach((x, i) => expect(x).toBeCloseTo(ref.explained[i]!, 9));
      Array.from(ours.axes.data).forEach((x, i) => expect(Math.abs(x - ref.axes[i]!)).toBeLessThan(1e-6));
      Array.from(ours.points.data).forEach((x, i) => expect(Math.abs(x - ref.points[i]!)).toBeLessThan(1e-5));
    }
  });

  it('recovers the axis of a line and explains all variance with it', () => {
    // Points on the line t·(3, -4)/5 + (1, 1): one component carries all variance, axis (−0.6, 0.8) after the sign rule.
    const data = new Float32Array(20);
    for (let i = 0; i < 10; i++) {
      data[2 * i] = 1 + ((i - 4.5) * 3) / 5;
      data[2 * i + 1] = 1 - ((i - 4.5) * 4) / 5;
    }
    const { explainedVariance, axes, points } = pca({ data, rows: 10, cols: 2 }, { components: 2 });
    expect(explainedVariance[0]).toBeCloseTo(1, 6);
    expect(explainedVariance[1]).toBeCloseTo(0, 6);
    expect(axes.data[0]).toBeCloseTo(-0.6, 6);
    expect(axes.data[1]).toBeCloseTo(0.8, 6);
    expect(points.data[0]).toBeCloseTo(4.5, 5); // t = −4.5 projected on (−0.6, 0.8)
  });

  it('names the option and value it refuses', () => {
    const m = fixedMatrix();
    expect(() => pca(m, { components: 7 })).toThrow(/components must be an integer in \[1, 6\]; got 7/);
    expect(() => pca({ data: new Float32Array(5), rows: 2, cols: 3 })).toThrow(/vectors.data has 5 entries/);
    try {
      pca({ data: Float32Array.of(1, NaN), rows: 1, cols: 2 });
      expect.unreachable();
    } catch (e) {
      expect(EmbeddingsError.isInstance(e) && e.argument).toBe('vectors.data');
    }
  });
});
