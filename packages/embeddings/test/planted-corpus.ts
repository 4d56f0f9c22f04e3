import { seededRandom } from '../src/random';

/**
 * A corpus with planted structure: two groups of ten words ("a0" … are spelled as letters only, since
 * digits split words) that never share a paragraph. Each paragraph is 50 words drawn from one group.
 */
export function plantedCorpus(paragraphs = 400, seed = 11): { documents: string[]; groups: string[][] } {
  const letters = 'abcdefghij';
  const groups = [[...letters].map((l) => `cat${l}`), [...letters].map((l) => `tool${l}`)];
  const random = seededRandom(seed);
  const documents: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const group = groups[p % 2]!;
    documents.push(Array.from({ length: 50 }, () => group[Math.floor(random() * group.length)]!).join(' '));
  }
  return { documents, groups };
}
