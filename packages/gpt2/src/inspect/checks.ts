/**
 * Argument checks shared by the inspection functions: each throws `Gpt2Error` (INVALID_ARGUMENT)
 * naming the function, the argument and what was seen.
 */
import { encodeText } from '../inference/logits';
import { show } from '../show';
import { Gpt2Error } from '../errors';
import type { Gpt2 } from '../gpt2';

/** One token of an inspected text: its id and its text. */
export interface InspectedToken {
  readonly id: number;
  /** The token's text (bytes that are not whole UTF-8 characters show as U+FFFD). */
  readonly text: string;
}

/** Throws unless `value` is an integer in [min, max]; returns it. */
export function integerIn(fn: string, argument: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `${fn}: ${argument} must be an integer in [${min}, ${max}]; got ${show(value)}`,
      {
        argument,
        value,
        expected: `an integer in [${min}, ${max}]`,
      },
    );
  }
  return value;
}

/**
 * The token ids of `text`, which must be non-empty and fit the model's context; special tokens such
 * as `<|endoftext|>` are refused unless `allowSpecial` (see `encodeText`).
 */
export function textIds(fn: string, gpt: Gpt2, text: unknown, allowSpecial = false, argument = 'text'): number[] {
  if (typeof text !== 'string' || text.length === 0) {
    throw new Gpt2Error('INVALID_ARGUMENT', `${fn}: ${argument} must be a non-empty string; got ${show(text)}`, {
      argument,
      value: text,
      expected: 'a non-empty string',
    });
  }
  const ids = encodeText(gpt, fn, argument, text, allowSpecial);
  const limit = gpt.config.contextLength;
  if (ids.length > limit) {
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `${fn}: ${argument} is ${ids.length} tokens, more than the model's context of ${limit}`,
      { argument, value: ids.length, expected: `at most ${limit} tokens` },
    );
  }
  return ids;
}

/** Each id with its text. */
export function tokensOf(gpt: Gpt2, ids: readonly number[]): InspectedToken[] {
  return ids.map((id) => ({ id, text: gpt.encoding.decode([id]) }));
}
