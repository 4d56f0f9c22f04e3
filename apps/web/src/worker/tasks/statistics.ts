/** Tasks of essay section 2: letter counts and n-grams over text. */
import { letterCountsExperiment, type LetterFrequencyTable } from '@chatgpt-explained/essay';
import { renderSvg } from '@chatgpt-explained/viz';
import { task } from '../task';

/** Most characters the letter-count widget reads (about 2 MB of text); the rest is left out, and it says so. */
export const MAX_LETTER_TEXT = 2_000_000;

export const statisticsTasks = {
  /** Letter counts of the reader's text beside English's (essay 2.1), with the bar chart as SVG. */
  'letters.count': task(async (input: { readonly text: string }, ctx) => {
    const english = JSON.parse(await ctx.files.text('data/letter-frequencies/english.json')) as LetterFrequencyTable;
    const text = input.text.slice(0, MAX_LETTER_TEXT);
    const result = letterCountsExperiment([{ name: 'your text', text }], english);
    const letters = result.texts[0]!.letters;
    return {
      letters: letters.map((l) => ({ letter: l.letter, count: l.count })),
      total: letters.reduce((sum, l) => sum + l.count, 0),
      truncated: input.text.length > MAX_LETTER_TEXT,
      svg: await renderSvg(result.figures[0]!.spec),
    };
  }),
};
