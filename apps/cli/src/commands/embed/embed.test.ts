// `embed train|neighbors|analogy|plot|vectors`: a small model trained by `embed train` on a corpus with
// planted structure, then queried through every subcommand; and the shipped embedding by default.
import { fromWord2VecBinary } from '@chatgpt-explained/embeddings';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataDir } from '../../data-dir';
import { EXIT, runCli } from '../../main';
import { captureIo } from '../../testing/capture-io';
import type { EmbedAnalogyReport } from './analogy';
import type { EmbedNeighborsReport } from './neighbors';
import type { EmbedPlotReport } from './plot';
import { DEFAULT_VECTORS_PATH } from './recipe';
import type { EmbedTrainReport } from './train';
import type { EmbedVectorsReport } from './vectors';

const dir = mkdtempSync(join(tmpdir(), 'embed-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]) {
  const io = captureIo({ cwd: dir });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** Two groups of words that never share a line: pets and tools. */
function plantedText(): string {
  const groups = [
    ['cat', 'dog', 'horse', 'rabbit', 'mouse', 'bird'],
    ['hammer', 'saw', 'drill', 'wrench', 'chisel', 'file'],
  ];
  let state = 12345;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  const lines: string[] = [];
  for (let i = 0; i < 300; i++) {
    const g = groups[i % 2]!;
    lines.push(Array.from({ length: 40 }, () => g[Math.floor(next() * g.length)]).join(' '));
  }
  return lines.join('\n\n');
}

const MODEL = join(dir, 'small.bin');
const SMALL = ['--model', MODEL];

describe('chatgpt-explained embed', () => {
  let trained: EmbedTrainReport;
  beforeAll(async () => {
    writeFileSync(join(dir, 'corpus.txt'), plantedText());
    const { code, out, err } = await run([
      'embed',
      'train',
      '--corpus',
      'corpus.txt',
      '--save',
      'small.bin',
      '--dimensions',
      '12',
      '--window',
      '3',
      '--min-count',
      '1',
      '--sample',
      '0',
      '--epochs',
      '5',
      '--out',
      'loss.svg',
      '--json',
    ]);
    expect(code, err).toBe(EXIT.ok);
    expect(err).toMatch(/embed train \[#+\] 100% loss \d\.\d{3}\n$/);
    trained = JSON.parse(out) as EmbedTrainReport;
  });

  it('train saves word2vec binary vectors atomically and reports the run', () => {
    expect(trained.vocabulary).toBe(12);
    expect(trained.corpusWords).toBe(300 * 40);
    expect(trained.settings).toMatchObject({ dimensions: 12, window: 3, epochs: 5, workers: 1 });
    expect(trained.loss.last).toBeLessThan(trained.loss.first);
    const vectors = fromWord2VecBinary(new Uint8Array(readFileSync(MODEL)));
    expect(vectors.size).toBe(12);
    expect(vectors.dimensions).toBe(12);
    expect(readFileSync(join(dir, 'loss.svg'), 'utf8')).toMatch(/^<svg/);
  });

  it('neighbors --json WORD prints {"neighbors":[{word, similarity}]}, nearest first, from its own group', async () => {
    const { code, out, err } = await run(['embed', 'neighbors', '--json', 'cat', '-k', '4', ...SMALL]);
    expect(code, err).toBe(EXIT.ok);
    const report = JSON.parse(out) as EmbedNeighborsReport;
    expect(Object.keys(report)).toEqual(['neighbors']);
    expect(report.neighbors).toHaveLength(4);
    for (const n of report.neighbors) {
      expect(['dog', 'horse', 'rabbit', 'mouse', 'bird']).toContain(n.word);
      expect(Object.keys(n)).toEqual(['word', 'similarity']);
    }
    const sims = report.neighbors.map((n) => n.similarity);
    expect([...sims].sort((a, b) => b - a)).toEqual(sims);
    const vectors = fromWord2VecBinary(new Uint8Array(readFileSync(MODEL)));
    expect(sims[0]).toBeCloseTo(vectors.similarity('cat', report.neighbors[0]!.word), 6);
  });

  it('neighbors of an unknown word fails naming it; text output lists words', async () => {
    const bad = await run(['embed', 'neighbors', 'turnip', ...SMALL]);
    expect(bad.code).toBe(EXIT.failure);
    expect(bad.err).toMatch(/"turnip" is not in the vocabulary/);
    const text = await run(['embed', 'neighbors', 'Hammer', '-k', '2', ...SMALL]);
    expect(text.code, text.err).toBe(EXIT.ok);
    expect(text.out.trim().split('\n')).toHaveLength(2);
  });

  it('analogy A B C answers A − B + C without the inputs', async () => {
    const { code, out, err } = await run(['embed', 'analogy', 'cat', 'hammer', 'saw', '--json', ...SMALL]);
    expect(code, err).toBe(EXIT.ok);
    const report = JSON.parse(out) as EmbedAnalogyReport;
    expect(report.query).toEqual({ plus: 'cat', minus: 'hammer', plus2: 'saw' });
    expect(report.answers).toHaveLength(5);
    expect(report.answers.map((a) => a.word)).not.toContain('cat');
    expect(report.answers.map((a) => a.word)).not.toContain('saw');
  });

  it('vectors --json prints the vectors of known words and omits the others', async () => {
    const { code, out, err } = await run(['embed', 'vectors', '--json', 'dog', 'turnip', 'drill', ...SMALL]);
    expect(code, err).toBe(EXIT.ok);
    expect(err).toMatch(/not in the vocabulary: turnip/);
    const report = JSON.parse(out) as EmbedVectorsReport;
    expect(Object.keys(report.vectors)).toEqual(['dog', 'drill']);
    const vectors = fromWord2VecBinary(new Uint8Array(readFileSync(MODEL)));
    expect(report.vectors['dog']).toEqual(Array.from(vectors.vector('dog')));
  });

  it('plot lays words out and draws them; PCA separates the two groups along its first axis', async () => {
    const words = ['cat', 'dog', 'horse', 'hammer', 'saw', 'drill'];
    const { code, out, err } = await run(['embed', 'plot', ...words, '--json', '--out', 'plot.png', ...SMALL]);
    expect(code, err).toBe(EXIT.ok);
    const report = JSON.parse(out) as EmbedPlotReport;
    expect(report.method).toBe('pca');
    expect(report.words.map((w) => w.word)).toEqual(words);
    const x = report.words.map((w) => w.x);
    const pets = x.slice(0, 3);
    const tools = x.slice(3);
    expect(Math.max(...pets) < Math.min(...tools) || Math.min(...pets) > Math.max(...tools)).toBe(true);
    expect(readFileSync(join(dir, 'plot.png')).subarray(1, 4).toString()).toBe('PNG');
    const umap = await run(['embed', 'plot', ...words, '--method', 'umap', '--json', ...SMALL]);
    expect(umap.code, umap.err).toBe(EXIT.ok);
    expect((JSON.parse(umap.out) as EmbedPlotReport).method).toBe('umap');
  });

  it('refuses bad command lines with usage errors', async () => {
    expect((await run(['embed', 'plot', 'cat', '--out', 'x.gif', ...SMALL])).code).toBe(EXIT.usage);
    expect((await run(['embed', 'plot', 'cat', 'dog', ...SMALL])).code).toBe(EXIT.usage);
    expect((await run(['embed', 'neighbors', 'cat', '-k', '0', ...SMALL])).code).toBe(EXIT.usage);
    expect((await run(['embed', 'neighbors', 'cat', '--model', 'missing.bin'])).code).toBe(EXIT.usage);
    expect((await run(['embed', 'train', '--save', 'x.bin', '--corpus', 'nope.txt'])).code).toBe(EXIT.usage);
    expect((await run(['embed', 'train', '--save', 'x.bin', '--epochs', '0'])).code).toBe(EXIT.usage);
  });

  it.skipIf(!existsSync(join(dataDir(), DEFAULT_VECTORS_PATH)))('uses the shipped embedding by default', async () => {
    const { code, out, err } = await run(['embed', 'neighbors', '--json', 'father', '-k', '10']);
    expect(code, err).toBe(EXIT.ok);
    const words = (JSON.parse(out) as EmbedNeighborsReport).neighbors.map((n) => n.word);
    expect(words).toHaveLength(10);
    expect(words.some((w) => ['mother', 'son', 'brother', 'uncle', 'sister', 'daughter', 'wife'].includes(w))).toBe(
      true,
    );
    const plot = await run(['embed', 'plot', '--json']);
    expect(plot.code, plot.err).toBe(EXIT.ok);
    const report = JSON.parse(plot.out) as EmbedPlotReport;
    expect(report.words).toHaveLength(30);
    expect(report.words.find((w) => w.word === 'whale')!.count).toBeGreaterThan(1000);
  });
});
