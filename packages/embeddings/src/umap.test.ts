import { describe, expect, it } from 'vitest';
import { seededRandom } from './random';
import { umap } from './umap';
import type { VectorSet } from './vector-set';

/** Three Gaussian-ish blobs of 30 points in 10-D, centres 10 apart, spread 0.5. */
function blobs(): { vectors: VectorSet; labels: number[] } {
  const random = seededRandom(7);
  const rows = 90;
  const cols = 10;
  const data = new Float32Array(rows * cols);
  const labels: number[] = [];
  for (let r = 0; r < rows; r++) {
    const label = r % 3;
    labels.push(label);
    for (let c = 0; c < cols; c++) data[r * cols + c] = (c === label ? 10 : 0) + (random() - 0.5);
  }
  return { vectors: { data, rows, cols }, labels };
}

describe('umap', () => {
  it('keeps separated clusters separated: every point is nearer its own cluster centroid', async () => {
    const { vectors, labels } = blobs();
    const { points } = await umap(vectors, { seed: 3, epochs: 200 });
    expect(points.rows).toBe(90);
    expect(points.cols).toBe(2);
    const centroids = [0, 1, 2].map((label) => {
      const members = labels.flatMap((l, r) => (l === label ? [r] : []));
      return [0, 1].map((c) => members.reduce((s, r) => s + points.data[r * 2 + c]!, 0) / members.length);
    });
    labels.forEach((label, r) => {
      const d = centroids.map(([x, y]) => Math.hypot(points.data[r * 2]! - x!, points.data[r * 2 + 1]! - y!));
      expect(d.indexOf(Math.min(...d))).toBe(label);
    });
  });

  it('gives the same layout for the same seed and a different one for another seed', async () => {
    const { vectors } = blobs();
    const a = await umap(vectors, { seed: 5, epochs: 50 });
    const b = await umap(vectors, { seed: 5, epochs: 50 });
    const c = await umap(vectors, { seed: 6, epochs: 50 });
    expect(Array.from(a.points.data)).toEqual(Array.from(b.points.data));
    expect(Array.from(a.points.data)).not.toEqual(Array.from(c.points.data));
  });

  it('reports progress up to 1 and stops on abort', async () => {
    const { vectors } = blobs();
    const fractions: number[] = [];
    await umap(vectors, { epochs: 20, onProgress: (f) => fractions.push(f) });
    expect(fractions).toHaveLength(20);
    expect(fractions.at(-1)).toBe(1);
    const controller = new AbortController();
    const run = umap(vectors, {
      epochs: 500,
      signal: controller.signal,
      onProgress: (f) => f > 0.1 && controller.abort(new Error('stop')),
    });
    await expect(run).rejects.toThrow('stop');
  });

  it('refuses bad options by name', async () => {
    const { vectors } = blobs();
    await expect(umap(vectors, { minDist: 2 })).rejects.toThrow(/minDist must be a number >= 0 and <= 1; got 2/);
    await expect(umap({ data: new Float32Array(4), rows: 2, cols: 2 })).rejects.toThrow(/at least 3/);
  });
});
