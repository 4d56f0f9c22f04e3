/**
 * Perplexity and bits per byte of a model on held-out text: the unit every model of the project
 * is compared in.
 */
import { requireString } from './check';
import { NgramError } from './errors';
import { requireModel, type PerplexityModel } from './models';

/** What {@link perplexity} measures. */
export interface PerplexityResult {
  /** Tokens of the held-out text, each predicted once. */
  readonly tokens: number;
  /** How many of them the model's vocabulary lacks (predicted as its unknown token). */
  readonly unknownTokens: number;
  /** Σ −log2 P(token | context) over the tokens: the bits a coder driven by the model would need. */
  readonly bits: number;
  /** bits ÷ tokens: the cross-entropy per token. */
  readonly bitsPerToken: number;
  /** 2^(bits per token): the perplexity per token. A uniform model over V tokens has perplexity V. */
  readonly perplexity: number;
  /** UTF-8 bytes of the whole held-out text (what lies between tokens included). */
  readonly bytes: number;
  /** bits ÷ bytes. */
  readonly bitsPerByte: number;
}

/** The number of UTF-8 bytes of `text` (a lone surrogate counts 3, as U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * How well `model` predicts `text`, a text it was not trained on. Every token t_i of the text (as
 * the model tokenizes it) is predicted from the t_{i−n+1} … t_{i−1} before it (fewer at the start),
 * and bits = Σ −log2 P(t_i | context). A token not in the model's vocabulary is predicted as the
 * unknown token, with the probability the smoothing leaves it: its spelling costs nothing more, and
 * so a model with many unknown tokens looks better than it is (`unknownTokens` says how many).
 *
 * bits per byte = bits ÷ the UTF-8 bytes of the whole text. For character models every code point
 * is a token, so this is the true code length; a word model predicts only the words, not the
 * spaces, case and punctuation between them, so its bits per byte leave those out (a lower bound on
 * what coding the text would take).
 *
 * @example
 * const model = new KneserNeyModel(countWordNgrams(train, 3));
 * perplexity(model, heldOut); // { tokens, perplexity, bitsPerToken, bitsPerByte, … }
 */
export function perplexity(model: PerplexityModel, text: string): PerplexityResult {
  const checked = requireModel('perplexity', model);
  requireString('perplexity', 'text', text);
  const ids = checked.encode(text);
  if (ids.length === 0) {
    throw new NgramError('INVALID_ARGUMENT', 'perplexity: text has no tokens to predict', {
      argument: 'text',
      value: text,
      expected: 'a text with at least one token',
    });
  }
  const unknownId = (model as { unknownId?: number }).unknownId;
  let bits = 0;
  let unknownTokens = 0;
  const context = Math.max(checked.order - 1, 0);
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    if (id === unknownId) unknownTokens++;
    bits -= Math.log2(checked.probabilityOfIds(id, ids, Math.max(0, i - context), i));
  }
  const bytes = utf8Length(text);
  const bitsPerToken = bits / ids.length;
  return {
    tokens: ids.length,
    unknownTokens,
    bits,
    bitsPerToken,
    perplexity: 2 ** bitsPerToken,
    bytes,
    bitsPerByte: bits / bytes,
  };
}
