// Renders one example PNG of each figure kind into packages/viz/examples/ (600 px wide), from the
// repository's own data where the essay has some (letter counts of the Wikipedia "cat" and "dog"
// articles, letter pairs of Frankenstein) and seeded synthetic data elsewhere. From the repo root:
//   node scripts/run-ts.mjs packages/viz/scripts/render-examples.ts
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FigureSpec } from '../src/index';
import { renderPng } from '../src/png';

/** The repository root: the nearest folder above the working directory with pnpm-workspace.yaml. */
function repoRoot(): string {
  for (let dir = process.cwd(); ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml'))) return dir;
    if (dirname(dir) === dir) throw new Error('run this from inside the repository');
  }
}

/** A seeded PRNG (mulberry32), so the examples are the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sample (Box–Muller). */
function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

const root = repoRoot();
const read = (path: string) => readFileSync(join(root, path), 'utf8');
const LETTERS = [...'abcdefghijklmnopqrstuvwxyz'];

/** Counts of a–z in a text, case folded. */
function letterCounts(text: string): Map<string, number> {
  const counts = new Map(LETTERS.map((l) => [l, 0]));
  for (const ch of text.toLowerCase()) if (counts.has(ch)) counts.set(ch, counts.get(ch)! + 1);
  return counts;
}

function barExample(): FigureSpec {
  const cats = letterCounts(read('data/wikipedia/cat.txt'));
  const dogs = letterCounts(read('data/wikipedia/dog.txt'));
  const top = [...cats.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([l]) => l);
  return {
    kind: 'bar',
    title: 'Letter counts in two Wikipedia articles',
    subtitle: 'the 12 commonest letters of "Cat", side by side with "Dog"',
    categories: top,
    series: [
      { name: 'Cat', values: top.map((l) => cats.get(l)!) },
      { name: 'Dog', values: top.map((l) => dogs.get(l)!) },
    ],
    categoryLabel: 'letter',
    valueLabel: 'count',
    legendTitle: 'article',
  };
}

function letterPairsExample(): FigureSpec {
  const text = read('data/corpus/pg84-frankenstein.txt').toLowerCase();
  const index = new Map(LETTERS.map((l, i) => [l, i]));
  const counts = LETTERS.map(() => new Array<number>(26).fill(0));
  for (let i = 0; i + 1 < text.length; i++) {
    const a = index.get(text[i]!);
    const b = index.get(text[i + 1]!);
    if (a !== undefined && b !== undefined) counts[a]![b]! += 1;
  }
  return {
    kind: 'heatmap',
    title: 'Letter pairs in Frankenstein',
    subtitle: 'probability of the second letter given the first: after "q" comes only "u"',
    values: counts.map((row) => {
      const total = row.reduce((s, c) => s + c, 0);
      return row.map((c) => c / total);
    }),
    rowLabels: LETTERS,
    columnLabels: LETTERS,
    yLabel: 'first letter',
    xLabel: 'second letter',
    color: { scheme: 'magma', type: 'sqrt', label: 'probability', reverse: true },
  };
}

function weightMatrixExample(): FigureSpec {
  // A 768×768 matrix with random-walk structure along rows and columns, like GPT-2's weights.
  const n = 768;
  const random = rng(768);
  const rows = Array.from({ length: n }, () => normal(random));
  const columns = Array.from({ length: n }, () => normal(random));
  for (let i = 1; i < n; i++) {
    rows[i] = 0.97 * rows[i - 1]! + 0.25 * rows[i]!;
    columns[i] = 0.97 * columns[i - 1]! + 0.25 * columns[i]!;
  }
  return {
    kind: 'heatmap',
    title: 'A 768 × 768 weight matrix',
    subtitle: 'one PNG image inside the SVG, not 589,824 rectangles',
    values: rows.map((r) => columns.map((c) => 0.02 * (r * c + 0.3 * normal(random)))),
    xLabel: 'input feature',
    yLabel: 'output feature',
    color: { scheme: 'blueorange', label: 'weight' },
  };
}

function lossLandscapeExample(): FigureSpec {
  const n = 160;
  const loss = (w1: number, w2: number) =>
    (w1 * w1 + 2 * w2 * w2) / 4 + 1.2 * Math.exp(-((w1 - 1) ** 2 + (w2 + 0.5) ** 2)) + 0.3 * Math.sin(2 * w1);
  const grid = (i: number) => -3 + (6 * (i + 0.5)) / n;
  const path: [number, number][] = [[-2.6, 2.2]];
  for (let step = 0; step < 40; step++) {
    const [w1, w2] = path.at(-1)!;
    const h = 1e-4;
    const g1 = (loss(w1 + h, w2) - loss(w1 - h, w2)) / (2 * h);
    const g2 = (loss(w1, w2 + h) - loss(w1, w2 - h)) / (2 * h);
    path.push([w1 - 0.25 * g1, w2 - 0.25 * g2]);
  }
  return {
    kind: 'heatmap',
    title: 'Gradient descent on a loss landscape',
    values: Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => loss(grid(c), grid(r)))),
    extent: { x: [-3, 3], y: [-3, 3] },
    xLabel: 'w₁',
    yLabel: 'w₂',
    color: { scheme: 'viridis', label: 'loss' },
    paths: [{ label: 'descent', points: path }],
  };
}

function logLogExample(): FigureSpec {
  const random = rng(14);
  const n = 5000;
  const raw = Array.from({ length: n }, (_, i) => (1 / (i + 1) ** 1.05) * Math.exp(0.35 * normal(random)));
  const total = raw.reduce((s, v) => s + v, 0);
  const probabilities = raw.map((v) => v / total).sort((a, b) => b - a);
  const ranks = probabilities.map((_, i) => i + 1);
  return {
    kind: 'line',
    title: 'Next-token probabilities by rank',
    subtitle: 'close to a straight line on log-log axes: a power law',
    series: [
      { name: 'model', x: ranks, y: probabilities },
      { name: 'rank⁻¹·⁰⁵', x: [1, n], y: [probabilities[0]!, probabilities[0]! / n ** 1.05] },
    ],
    xLabel: 'rank',
    yLabel: 'probability',
    xScale: 'log',
    yScale: 'log',
    legendTitle: 'curve',
  };
}

/** Least-squares coefficients of `y ≈ Σ c_k f_k(x)` (normal equations, Gaussian elimination). */
function leastSquares(xs: number[], ys: number[], basis: ((x: number) => number)[]): number[] {
  const k = basis.length;
  const a = basis.map((f) => basis.map((g) => xs.reduce((s, x) => s + f(x) * g(x), 0)));
  const b = basis.map((f) => xs.reduce((s, x, i) => s + f(x) * ys[i]!, 0));
  for (let col = 0; col < k; col++) {
    for (let row = col + 1; row < k; row++) {
      const factor = a[row]![col]! / a[col]![col]!;
      for (let j = col; j < k; j++) a[row]![j]! -= factor * a[col]![j]!;
      b[row]! -= factor * b[col]!;
    }
  }
  const c = new Array<number>(k).fill(0);
  for (let row = k - 1; row >= 0; row--) {
    let s = b[row]!;
    for (let j = row + 1; j < k; j++) s -= a[row]![j]! * c[j]!;
    c[row] = s / a[row]![row]!;
  }
  return c;
}

function fitsExample(): FigureSpec {
  // Time to fall from each floor of a tower (3 m a floor), and three models fitted by least squares.
  const floors = Array.from({ length: 12 }, (_, i) => i + 1);
  const time = floors.map((f) => Math.sqrt((2 * 3 * f) / 9.81));
  const xs = Array.from({ length: 116 }, (_, i) => 0.5 + i * 0.1);
  const models: [string, ((x: number) => number)[]][] = [
    ['a + b x', [() => 1, (x) => x]],
    ['a + b x + c x²', [() => 1, (x) => x, (x) => x * x]],
    ['a + b/x + c sin x', [() => 1, (x) => 1 / x, (x) => Math.sin(x)]],
  ];
  return {
    kind: 'line',
    title: 'Fitting fall times',
    subtitle: 'seconds to fall from each floor, and three models fitted by least squares',
    series: [
      { name: 'measured', x: floors, y: time, style: 'points' },
      ...models.map(([name, basis]) => {
        const c = leastSquares(floors, time, basis);
        return { name, x: xs, y: xs.map((x) => basis.reduce((s, f, k) => s + c[k]! * f(x), 0)) };
      }),
    ],
    xLabel: 'floor',
    yLabel: 'time to fall (s)',
    legendTitle: 'model',
  };
}

function scatterExample(): FigureSpec {
  const words: [string, number, number, string][] = [
    ['alligator', -2.1, 1.2, 'animal'],
    ['crocodile', -1.9, 1.0, 'animal'],
    ['eagle', -1.2, 2.0, 'animal'],
    ['hawk', -1.0, 2.2, 'animal'],
    ['cat', -2.4, -0.1, 'animal'],
    ['dog', -2.2, -0.3, 'animal'],
    ['turnip', 1.8, -1.4, 'food'],
    ['carrot', 2.0, -1.1, 'food'],
    ['apple', 1.3, -0.4, 'food'],
    ['banana', 1.5, -0.2, 'food'],
    ['car', 0.6, 2.0, 'thing'],
    ['truck', 0.8, 2.3, 'thing'],
    ['chair', 0.2, 1.1, 'thing'],
  ];
  return {
    kind: 'scatter',
    title: 'Words laid out by an embedding',
    subtitle: 'near in meaning, near on the page',
    points: words.map(([label, x, y, group]) => ({ x, y, label, group })),
    xLabel: 'dimension 1',
    yLabel: 'dimension 2',
    legendTitle: 'kind of word',
  };
}

function decisionRegionsExample(): FigureSpec {
  const centres: [number, number][] = [
    [-0.5, -0.4],
    [0.55, -0.1],
    [-0.05, 0.6],
  ];
  const n = 200;
  const at = (i: number) => -1 + (2 * (i + 0.5)) / n;
  const regions: number[][] = [];
  const confidence: number[][] = [];
  for (let r = 0; r < n; r++) {
    regions.push([]);
    confidence.push([]);
    for (let c = 0; c < n; c++) {
      // A soft nearest-point classifier: softmax of minus 6 × the distance to each centre.
      const scores = centres.map(([x, y]) => Math.exp(-6 * Math.hypot(at(c) - x, at(r) - y)));
      const total = scores.reduce((s, v) => s + v, 0);
      const best = scores.indexOf(Math.max(...scores));
      regions[r]!.push(best);
      confidence[r]!.push(scores[best]! / total);
    }
  }
  const random = rng(5);
  const points = Array.from({ length: 30 }, () => {
    const k = Math.floor(random() * 3);
    const [x, y] = centres[k]!;
    return { x: x + 0.25 * normal(random), y: y + 0.25 * normal(random), class: k };
  });
  return {
    kind: 'decision-regions',
    title: 'Which point is nearest?',
    subtitle: 'a classifier’s answer over the plane; paler where it is less sure',
    extent: { x: [-1, 1], y: [-1, 1] },
    classes: ['point A', 'point B', 'point C'],
    regions,
    confidence,
    points,
    xLabel: 'x',
    yLabel: 'y',
    legendTitle: 'nearest',
  };
}

function histogramExample(): FigureSpec {
  const random = rng(9);
  const gaussian = Array.from({ length: 40_000 }, () => 0.12 * normal(random));
  const laplace = Array.from({ length: 40_000 }, () => {
    const u = random() - 0.5;
    return -0.09 * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
  });
  return {
    kind: 'histogram',
    title: 'Distribution of weight values',
    subtitle: 'two blocks of a network: not always Gaussian',
    series: [
      { name: 'block 1', values: gaussian },
      { name: 'block 12', values: laplace },
    ],
    bins: 60,
    domain: [-0.6, 0.6],
    normalize: 'density',
    xLabel: 'weight',
    legendTitle: 'block',
  };
}

const examples: Record<string, FigureSpec> = {
  'bar.png': barExample(),
  'heatmap-letter-pairs.png': letterPairsExample(),
  'heatmap-768.png': weightMatrixExample(),
  'heatmap-loss-landscape.png': lossLandscapeExample(),
  'line-log-log.png': logLogExample(),
  'line-fits.png': fitsExample(),
  'scatter.png': scatterExample(),
  'decision-regions.png': decisionRegionsExample(),
  'histogram.png': histogramExample(),
};

const out = join(root, 'packages/viz/examples');
mkdirSync(out, { recursive: true });
for (const [name, spec] of Object.entries(examples)) {
  const png = await renderPng(spec, { width: 600 });
  writeFileSync(join(out, name), png);
  process.stdout.write(`${join('packages/viz/examples', name)} (${(png.length / 1024).toFixed(0)} KiB)\n`);
}
