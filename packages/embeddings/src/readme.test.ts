/**
 * The README's usage example is the code between the markers below (imports rewritten to the
 * package's names), and it runs: it trains on a small corpus with planted structure, and the
 * neighbours, similarity, file round trip and PCA it prints behave as the README says.
 */
import { readFile } from 'node:fs/promises';
import { describe, expect, it, vi } from 'vitest';
// README imports start
import { fromWord2VecBinary, pca, toWord2VecBinary, trainWord2Vec } from './index';
// README imports end

async function readmeExample(): Promise<void> {
  // README body start
  // A toy corpus: pets and tools never share a paragraph.
  const pets = ['cat', 'dog', 'rabbit', 'hamster'];
  const tools = ['hammer', 'saw', 'drill', 'wrench'];
  const pick = (words: string[], i: number) => words[(i * 7 + (i >> 2)) % words.length];
  const corpus = Array.from({ length: 200 }, (_, p) =>
    Array.from({ length: 30 }, (_, i) => pick(p % 2 ? pets : tools, i + p)).join(' '),
  );

  const vectors = await trainWord2Vec(corpus, { dimensions: 16, window: 3, minCount: 1, sample: 0, epochs: 5 });
  console.log(vectors.neighbors('cat', 3)); // [{ word, similarity }, …]: three pets, no tool
  console.log(vectors.similarity('cat', 'hammer') < vectors.similarity('cat', 'dog')); // true

  const bytes = toWord2VecBinary(vectors); // gensim: KeyedVectors.load_word2vec_format(path, binary=True)
  const again = fromWord2VecBinary(bytes);
  const { points, explainedVariance } = pca(again.subset([...pets, ...tools], { normalised: true }));
  console.log(points.rows, points.cols, explainedVariance[0]! > 0.5); // 8 2 true
  // README body end
}

/** The lines between `// <name> start` and `// <name> end` in this file, each with a newline. */
function region(source: string, name: string): string {
  const lines = source.split('\n');
  const from = lines.findIndex((l) => l.trim() === `// ${name} start`);
  const to = lines.findIndex((l) => l.trim() === `// ${name} end`);
  return lines
    .slice(from + 1, to)
    .map((l) => `${l}\n`)
    .join('');
}

describe('README', () => {
  it('shows the example this test runs, and the example does what its comments say', async () => {
    const source = await readFile(new URL(import.meta.url), 'utf8');
    const imports = region(source, 'README imports').replace("from './index'", "from '@chatgpt-explained/embeddings'");
    const body = region(source, 'README body').replace(/^ {2}/gm, '');
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('```ts\n' + imports + '\n' + body + '```\n');

    const out: unknown[][] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args));
    try {
      await readmeExample();
    } finally {
      log.mockRestore();
    }
    const neighbors = out[0]![0] as { word: string; similarity: number }[];
    expect(neighbors.map((n) => n.word).every((w) => ['dog', 'rabbit', 'hamster'].includes(w))).toBe(true);
    expect(out[1]).toEqual([true]);
    expect(out[2]).toEqual([8, 2, true]);
  });
});
