import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { letterFrequencyJson, OUTPUT } from './generate-letter-frequencies';

it('data/letter-frequencies/english.json is what its generator writes from the word list', () => {
  expect(readFileSync(OUTPUT, 'utf8')).toBe(letterFrequencyJson());
});

it('the table is plausible English: 26 letters summing to 100%, e first, q and z rare', () => {
  const table = JSON.parse(readFileSync(OUTPUT, 'utf8')) as { letters: { letter: string; percent: number }[] };
  expect(table.letters).toHaveLength(26);
  expect(table.letters.reduce((s, l) => s + l.percent, 0)).toBeCloseTo(100, 1);
  expect(table.letters[0]!.letter).toBe('e');
  const rare = table.letters.slice(-4).map((l) => l.letter);
  expect(rare).toEqual(expect.arrayContaining(['q', 'z']));
});
