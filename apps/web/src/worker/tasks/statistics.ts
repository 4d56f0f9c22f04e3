/** Tasks of essay section 2: letter counts and n-grams over text. */
import { letterCountsExperiment, plainLetters, type LetterFrequencyTable } from '@chatgpt-explained/essay';
import {
  CharacterNgramCounter,
  countWordNgrams,
  generate,
  randomWords,
  type NgramCounts,
} from '@chatgpt-explained/ngram';
import { renderSvg } from '@chatgpt-explained/viz';
import { task, type TaskContext } from '../task';
import { integerIn, oneOf } from '../task-input';

/** Most characters the letter-count widget reads (about 2 MB of text); the rest is left out, and it says so. */
export const MAX_LETTER_TEXT = 2_000_000;

/** The book the n-gram widget counts: shipped with the site (see app-data.ts). */
export const NGRAM_CORPUS = 'data/corpus/pg84-frankenstein.txt';

/** The n-gram units and their largest orders (letters: up to 6-grams; words: up to 4-grams). */
export const NGRAM_MAX_ORDER = { letters: 6, words: 4 } as const;

/** Whether the n-grams are of letters (a–z and the space between words) or of words. */
export type NgramUnit = keyof typeof NGRAM_MAX_ORDER;

/** Input of the `ngrams.generate` task. */
export interface NgramInput {
  readonly unit: NgramUnit;
  /** The n of the n-grams, 1 … {@link NGRAM_MAX_ORDER}[unit]. */
  readonly order: number;
  /** Seed of the draws: the same seed gives the same text. */
  readonly seed: number;
}

/** Result of the `ngrams.generate` task. */
export interface NgramOutput {
  readonly unit: NgramUnit;
  readonly order: number;
  readonly seed: number;
  /** The generated words (letters) or words (words), in order. */
  readonly tokens: readonly string[];
  /** Distinct n-grams of this order in the book. */
  readonly distinct: number;
  /** Bar chart of the book's most frequent n-grams of this order, as SVG. */
  readonly svg: string;
}

/** Words generated from letter n-grams, and words generated from word n-grams. */
const LETTER_WORDS = 14;
const WORD_COUNT = 30;

function checkInput(input: NgramInput): void {
  const unit = oneOf('ngrams.generate', 'unit', input.unit, ['letters', 'words'] as const);
  integerIn('ngrams.generate', `order (${unit})`, input.order, 1, NGRAM_MAX_ORDER[unit]);
  integerIn('ngrams.generate', 'seed', input.seed, 0);
}

/** The book's n-gram counts of one unit and order, counted once per worker. */
function countsOf(ctx: TaskContext, unit: NgramUnit, order: number): Promise<NgramCounts> {
  return ctx.memo(`ngrams:${unit}:${order}`, async () => {
    const book = await ctx.files.text(NGRAM_CORPUS);
    return unit === 'letters'
      ? new CharacterNgramCounter(order, { words: true }).add(plainLetters(book)).end()
      : countWordNgrams(book, order);
  });
}

/** Runs `ngrams.generate`: see {@link NgramInput}. */
export async function generateNgramText(input: NgramInput, ctx: TaskContext): Promise<NgramOutput> {
  checkInput(input);
  const { unit, order, seed } = input;
  const counts = await countsOf(ctx, unit, order);
  ctx.signal.throwIfAborted();
  const tokens =
    unit === 'letters'
      ? randomWords(counts, { words: LETTER_WORDS, order, seed })
      : generate(counts, { length: WORD_COUNT, order, seed });
  const top = counts.top(12);
  const show = (gram: readonly string[]): string =>
    unit === 'letters' ? `“${gram.join('').replaceAll(' ', '␣')}”` : gram.join(' ');
  const svg = await renderSvg({
    kind: 'bar',
    title: `The book’s most common ${unit === 'letters' ? 'letter' : 'word'} ${order}-grams`,
    subtitle: unit === 'letters' ? 'in Frankenstein; ␣ marks the space between words' : 'in Frankenstein',
    categories: top.map((t) => show(t.gram)),
    series: [{ name: 'count', values: top.map((t) => t.count) }],
    categoryLabel: `${order}-gram`,
    valueLabel: 'times in the book',
    horizontal: true,
    width: 300,
    height: 220,
  });
  return { unit, order, seed, tokens, distinct: counts.distinct(order), svg };
}

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
  /** Essay 2.2–2.6: random text from the book's letter or word n-grams of the order the reader picks. */
  'ngrams.generate': task<NgramInput, NgramOutput>(generateNgramText),
};
