import type { CorpusText } from '../data';
import { EssayError } from '../errors';
import type { SenseLabelSet } from './sense-labels';

/** One occurrence of a word in the corpus (see {@link findWordOccurrences}). */
export interface WordOccurrence {
  /** The book's name (`CorpusText.name`). */
  readonly book: string;
  /** Which occurrence of the word in that book, from 0 in text order. */
  readonly index: number;
  /** Offset of the word's first character in the book's text (UTF-16 code units). */
  readonly start: number;
  /** Up to six words of text ending with the word, white space collapsed (as in the label files). */
  readonly context: string;
}

/** A labelled occurrence: an occurrence with its sense. */
export interface LabelledOccurrence extends WordOccurrence {
  readonly sense: string;
}

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The white-space-collapsed text of `text[from, to)`. */
const collapsed = (text: string, from: number, to: number): string =>
  text.slice(Math.max(0, from), to).split(/\s+/).filter(Boolean).join(' ');

/**
 * Every occurrence of `word` in the corpus that the shipped model reads as the same token: the word
 * exactly (case-sensitive), preceded by a space or a line break, and not followed by a letter, digit
 * or underscore. So `ball-room` has one (its `ball`), `tennis-ball`, `Ball` and `balls` none.
 * Throws `INVALID_ARGUMENT` for a word that is empty or not all letters.
 */
export function findWordOccurrences(corpus: readonly CorpusText[], word: string): WordOccurrence[] {
  if (typeof word !== 'string' || !/^\p{L}+$/u.test(word)) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `findWordOccurrences: word must be one or more letters, got ${JSON.stringify(word)}`,
      {
        argument: 'word',
        value: word,
        expected: 'a word of letters, such as "ball"',
      },
    );
  }
  const pattern = new RegExp(`(?<=[ \\n\\r])${escape(word)}(?![\\p{L}\\p{N}_])`, 'gu');
  const found: WordOccurrence[] = [];
  for (const { name, text } of corpus) {
    let index = 0;
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + word.length;
      const words = collapsed(text, start - 200, end).split(' ');
      found.push({ book: name, index: index++, start, context: words.slice(-6).join(' ') });
    }
  }
  return found;
}

/**
 * The corpus's occurrences of `labels.word`, each with its hand label. Throws `INVALID_ARGUMENT`
 * (argument `labels`) unless the labels cover exactly the occurrences found, each label's context
 * still ends the text before its occurrence, and each sense is one of `labels.senses`: a changed
 * corpus must not be silently mislabelled.
 */
export function labelledOccurrences(corpus: readonly CorpusText[], labels: SenseLabelSet): LabelledOccurrence[] {
  const op = 'labelledOccurrences';
  const fail = (message: string, value: unknown): never => {
    throw new EssayError('INVALID_ARGUMENT', `${op}: ${message}`, {
      argument: 'labels',
      value,
      expected: `a label for each occurrence of "${labels.word}" in the corpus`,
    });
  };
  const senses = new Set(labels.senses.map((s) => s.id));
  const byKey = new Map(labels.labels.map((l) => [`${l[0]}#${l[1]}`, l]));
  if (byKey.size !== labels.labels.length) fail(`two labels for the same occurrence of "${labels.word}"`, labels.word);
  const texts = new Map(corpus.map((c) => [c.name, c.text]));
  const occurrences = findWordOccurrences(corpus, labels.word);
  const result = occurrences.map((o) => {
    const label = byKey.get(`${o.book}#${o.index}`);
    if (label === undefined)
      return fail(`occurrence ${o.index} of "${labels.word}" in ${o.book} ("${o.context}") has no label`, o);
    const [, , sense, context] = label;
    if (!senses.has(sense))
      fail(`sense "${sense}" of ${o.book} #${o.index} is not one of ${[...senses].join(', ')}`, sense);
    const before = collapsed(texts.get(o.book)!, o.start - 400, o.start + labels.word.length);
    if (!before.endsWith(context)) {
      fail(`the label of ${o.book} #${o.index} expects "${context}", the corpus has "${o.context}"`, context);
    }
    return { ...o, sense };
  });
  if (result.length !== labels.labels.length) {
    const extra = labels.labels.find((l) => !occurrences.some((o) => o.book === l[0] && o.index === l[1]))!;
    fail(`the label ${JSON.stringify(extra)} matches no occurrence of "${labels.word}" in the corpus`, extra);
  }
  return result;
}
