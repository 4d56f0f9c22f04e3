// The GPT as a judge of continuations, checked against the gpt2 package's own `score` (a separate
// code path: full forward pass, tf.logSoftmax), on a tiny random GPT with byte tokens.
import { score, type Gpt2 } from '@chatgpt-explained/gpt2';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tinyByteGpt } from '../../test/tiny-gpt';
import { EssayError } from '../errors';
import { gptScorer } from './continuation-scorer';

tf.env().set('PROD', true);

let gpt: Gpt2;
beforeAll(async () => {
  ({ gpt } = await tinyByteGpt({ contextLength: 32, seed: 5, wteScale: 4 }));
});
afterAll(() => gpt.dispose());

/** log P(continuation | prompt) from `score`, which starts the text with <|endoftext|> as we do. */
function reference(prompt: string, continuation: string): number {
  const n = gpt.encoding.encode(prompt).length;
  return score(gpt, prompt + continuation)
    .tokens.slice(n)
    .reduce((s, t) => s + t.logProb, 0);
}

describe('gptScorer', () => {
  it("gives score's log-probabilities for one- and many-token continuations, leaving no tensors", () => {
    const scorer = gptScorer(gpt);
    const before = tf.memory().numTensors;
    const prompt = 'The men';
    const continuations = [' w', ' were', ' was', 'x'];
    const got = scorer.logProbs(
      [gpt.config.bosTokenId, ...gpt.encoding.encode(prompt)],
      continuations.map((c) => gpt.encoding.encode(c)),
    );
    expect(tf.memory().numTensors).toBe(before);
    continuations.forEach((c, i) => expect(got[i]).toBeCloseTo(reference(prompt, c), 4));
    // A longer continuation is the shorter one plus the log-probability of its last tokens: ≤ it.
    expect(got[1]!).toBeLessThan(got[0]!);
  });

  it('refuses an empty context or continuation and a text longer than the context', () => {
    const scorer = gptScorer(gpt);
    const argument = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return EssayError.isInstance(e) ? e.argument : 'not an EssayError';
      }
      return 'no error';
    };
    expect(argument(() => scorer.logProbs([], [[1]]))).toBe('context');
    expect(argument(() => scorer.logProbs([1], [[1], []]))).toBe('continuations');
    expect(argument(() => scorer.logProbs(new Array<number>(30).fill(1), [[1, 2, 3, 4]]))).toBe('context');
    expect(scorer.logProbs(new Array<number>(32).fill(1), [[1]])).toHaveLength(1);
  });
});
