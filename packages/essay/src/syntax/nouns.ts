import { splitWords } from '@chatgpt-explained/tokenizer';

/** A count noun in its two numbers, lower-case: `{ singular: 'man', plural: 'men' }`. */
export interface NounPair {
  readonly singular: string;
  readonly plural: string;
}

/** A {@link NounPair} with how often each form occurs in a text, as a whole lower-cased word. */
export interface NounCount extends NounPair {
  readonly singularCount: number;
  readonly pluralCount: number;
}

const pair = (singular: string, plural: string): NounPair => ({ singular, plural });

/**
 * Candidate subjects of the agreement prompts: people (so "who" fits a relative clause), with
 * regular and irregular plurals. The experiment keeps those frequent enough in the training text.
 */
export const AGREEMENT_SUBJECTS: readonly NounPair[] = [
  pair('man', 'men'),
  pair('woman', 'women'),
  pair('girl', 'girls'),
  pair('boy', 'boys'),
  pair('child', 'children'),
  pair('friend', 'friends'),
  pair('sister', 'sisters'),
  pair('brother', 'brothers'),
  pair('lady', 'ladies'),
  pair('gentleman', 'gentlemen'),
  pair('daughter', 'daughters'),
  pair('son', 'sons'),
  pair('servant', 'servants'),
  pair('mother', 'mothers'),
  pair('father', 'fathers'),
  pair('king', 'kings'),
  pair('lord', 'lords'),
  pair('sailor', 'sailors'),
];

/** Candidate attractors: things and animals, never people, placed between the subject and the verb. */
export const AGREEMENT_ATTRACTORS: readonly NounPair[] = [
  pair('letter', 'letters'),
  pair('book', 'books'),
  pair('boat', 'boats'),
  pair('ship', 'ships'),
  pair('horse', 'horses'),
  pair('whale', 'whales'),
  pair('house', 'houses'),
  pair('door', 'doors'),
  pair('room', 'rooms'),
  pair('tree', 'trees'),
  pair('dog', 'dogs'),
];

/**
 * How often each form of each noun occurs in `texts` as a whole word (the tokenizer's
 * `splitWords`, lower-cased: "Men" counts for "men", "manly" for nothing). In the order given.
 */
export function countNouns(texts: readonly string[], nouns: readonly NounPair[]): NounCount[] {
  const wanted = new Map<string, number>();
  for (const n of nouns) {
    wanted.set(n.singular, 0);
    wanted.set(n.plural, 0);
  }
  for (const text of texts) {
    for (const word of splitWords(text)) {
      const seen = wanted.get(word);
      if (seen !== undefined) wanted.set(word, seen + 1);
    }
  }
  return nouns.map((n) => ({ ...n, singularCount: wanted.get(n.singular)!, pluralCount: wanted.get(n.plural)! }));
}

/**
 * The nouns whose rarer form occurs at least `minCount` times, most frequent (by the rarer form)
 * first, at most `limit` of them.
 */
export function frequentNouns(counts: readonly NounCount[], minCount: number, limit: number): NounCount[] {
  return counts
    .filter((c) => Math.min(c.singularCount, c.pluralCount) >= minCount)
    .sort((a, b) => Math.min(b.singularCount, b.pluralCount) - Math.min(a.singularCount, a.pluralCount))
    .slice(0, limit);
}
