import { holdOutTail } from '@chatgpt-explained/gpt2';
import { countCharacterNgrams, KneserNeyModel } from '@chatgpt-explained/ngram';
import type { Encoding } from '@chatgpt-explained/tokenizer';
import type { CorpusText } from '../data';
import { EssayError } from '../errors';
import { integerIn } from '../models/checks';
import { checkContinuations, type ContinuationScorer } from './continuation-scorer';

/** Options of {@link kneserNeyTokenScorer}, with their defaults. */
export interface KneserNeyTokenScorerOptions {
  /** The n of the n-gram: it sees the last n − 1 tokens. 2 to 6; default 3. */
  readonly order?: number;
  /** Kneser–Ney's absolute discount, in (0, 1]. Default 0.75 (as the shipped model's baselines). */
  readonly discount?: number;
}

/** First code point of Unicode's Private Use Area: token id i is counted as the character U+E000 + i. */
const PRIVATE_USE = 0xe000;

/** Token ids as one character each, so the character n-gram counter counts token n-grams. */
export function tokenChars(ids: readonly number[]): string {
  return ids.map((id) => String.fromCharCode(PRIVATE_USE + id)).join('');
}

/**
 * An interpolated Kneser–Ney n-gram over the tokens of `encoding` (`@chatgpt-explained/ngram`),
 * trained on `texts`, each encoded after `<|endoftext|>` and joined: how the shipped model's
 * baselines were built (`apps/cli/scripts/train-default-gpt.ts`). It sees only the last n − 1
 * tokens of a context, so it cannot know a subject further back. Token ids above 6,399 do not fit
 * the Private Use Area and are refused.
 */
export function kneserNeyTokenScorer(
  encoding: Encoding,
  texts: readonly string[],
  options: KneserNeyTokenScorerOptions = {},
): ContinuationScorer & { readonly order: number } {
  const order = integerIn('kneserNeyTokenScorer', 'order', options.order ?? 3, 2, 6);
  integerIn('kneserNeyTokenScorer', 'encoding.vocabSize', encoding.vocabSize, 1, 0xf8ff - PRIVATE_USE + 1);
  const eot = tokenChars([encoding.eotToken]);
  const training = texts.map((t) => eot + tokenChars(encoding.encode(t))).join('');
  const model = new KneserNeyModel(
    countCharacterNgrams(training, order),
    options.discount === undefined ? {} : { discount: options.discount },
  );
  return {
    name: `Kneser–Ney ${order}-gram`,
    order,
    logProbs(context, continuations) {
      checkContinuations('kneserNeyTokenScorer', context, continuations);
      return continuations.map((c) => {
        const ids = model.encode(tokenChars([...context, ...c]));
        let sum = 0;
        for (let j = context.length; j < ids.length; j++) sum += Math.log(model.probabilityOfIds(ids[j]!, ids, 0, j));
        return sum;
      });
    },
  };
}

/**
 * The training text of each book: all but its last `heldOutFraction` (default 0.05), cut at a line
 * end (`holdOutTail`), as the shipped model and its baselines were trained.
 */
export function trainingTexts(corpus: readonly CorpusText[], heldOutFraction = 0.05): string[] {
  return corpus.map((c) => holdOutTail(c.text, { fraction: heldOutFraction }).train);
}

/**
 * An experiment's baseline: `given` when the caller passed one (then `order` must be absent: it would
 * be silently ignored, so `INVALID_ARGUMENT` naming `ngramOrder`), else a Kneser–Ney `order`-gram
 * (default 3) trained on `training()`.
 */
export function experimentBaseline(
  op: string,
  encoding: Encoding,
  training: () => readonly string[],
  given: ContinuationScorer | undefined,
  order: number | undefined,
): ContinuationScorer {
  if (given === undefined) return kneserNeyTokenScorer(encoding, training(), { order: order ?? 3 });
  if (order !== undefined) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: ngramOrder cannot be set together with a ready ngram`, {
      argument: 'ngramOrder',
      value: order,
      expected: 'undefined when ngram is given',
    });
  }
  return given;
}
