// The Kneser–Ney baseline over token ids against interpolated Kneser–Ney worked out by hand for a
// bigram on a nine-token text, and its blindness beyond n − 1 tokens.
import { createEncoding, trainBpe, type Encoding } from '@chatgpt-explained/tokenizer';
import { beforeAll, describe, expect, it } from 'vitest';
import { kneserNeyTokenScorer } from './ngram-scorer';

let encoding: Encoding;
beforeAll(async () => {
  encoding = createEncoding(await trainBpe('', { vocabSize: 257 }));
});

describe('kneserNeyTokenScorer', () => {
  it('matches interpolated Kneser–Ney computed by hand (bigram, D = 0.75)', () => {
    const id = (c: string) => encoding.encode(c)[0]!;
    const E = encoding.eotToken;
    const scorer = kneserNeyTokenScorer(encoding, ['abab', 'abc'], { order: 2 });
    // Training tokens: E a b a b E a b c. Bigrams: Ea ×2, ab ×3, ba, bE, bc; 5 distinct.
    // Continuation counts N1+(•w): a 2 (after E, b), b 1, E 1, c 1; |V| = 4 + <unk> = 5.
    // P1(w) = max(N1+(•w) − .75, 0)/5 + .75·4/5 · 1/5: a .37, b .17, c .17, E .17, <unk> .12.
    // P(b | a) = (3 − .75)/3 + .75·1/3 · .17 = .7925; P(c | a) = .75/3 · .17 = .0425;
    // P(z | a) = .75/3 · .12 = .03; P(c | b) = (1 − .75)/3 + .75·3/3 · .17 = .2108333…;
    // P(a | E) = (2 − .75)/2 + .75·1/2 · .37 = .76375.
    const got = scorer.logProbs(
      [E, id('a')],
      [[id('b')], [id('c')], [id('z')], [id('b'), id('c')], [id('b'), id('a')]],
    );
    const want = [0.7925, 0.0425, 0.03, 0.7925 * (0.25 / 3 + 0.1275), 0.7925 * (0.25 / 3 + 0.75 * 0.37)];
    got.forEach((g, i) => expect(g).toBeCloseTo(Math.log(want[i]!), 12));
    expect(scorer.logProbs([E], [[id('a')]])[0]).toBeCloseTo(Math.log(0.76375), 12);
    expect(scorer.name).toBe('Kneser–Ney 2-gram');
  });

  it('a 3-gram cannot tell contexts apart that differ only three or more tokens back', () => {
    const scorer = kneserNeyTokenScorer(encoding, ['the man was. the men were. the man with the dog was.']);
    const ids = (s: string) => [encoding.eotToken, ...encoding.encode(s)];
    const verbs = [encoding.encode(' was'), encoding.encode(' were')];
    const one = scorer.logProbs(ids('the man with the dog'), verbs);
    expect(scorer.logProbs(ids('the men with the dog'), verbs)).toEqual(one);
    expect(scorer.logProbs(ids('the man'), verbs)).not.toEqual(scorer.logProbs(ids('the men'), verbs));
    expect(scorer.order).toBe(3);
  });

  it('refuses an order outside 2–6', () => {
    expect(() => kneserNeyTokenScorer(encoding, ['ab'], { order: 1 })).toThrow(/order must be an integer from 2 to 6/);
  });
});
