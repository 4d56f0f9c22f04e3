/**
 * The held-out split of a text: its last part, cut at a line end, so that training never sees the
 * text it is measured on.
 */
import { Gpt2Error } from '../errors';

/** Options of {@link holdOutTail}. */
export interface HoldOutOptions {
  /** The share of the text held out, in (0, 1). Default 0.05 (the last 5 %). */
  readonly fraction?: number;
}

/** A text split into a training part and a held-out part. */
export interface HoldOutSplit {
  /** The start of the text, up to and including the line end where it was cut. */
  readonly train: string;
  /** The rest: the last `fraction` of the text, give or take part of a line. */
  readonly heldOut: string;
}

/**
 * Splits `text` into its start (training) and its last `fraction` (held out), cut just after the
 * first line end (`\n`) at or after the code unit `⌊length · (1 − fraction)⌋`, so no line is split;
 * a text with no line end there is cut at that code unit. `train + heldOut === text`.
 *
 * @example
 * holdOutTail('a\nb\nc\nd\n', { fraction: 0.5 }); // { train: 'a\nb\nc\n', heldOut: 'd\n' }
 */
export function holdOutTail(text: string, options: HoldOutOptions = {}): HoldOutSplit {
  if (typeof text !== 'string') {
    throw new Gpt2Error('INVALID_ARGUMENT', `holdOutTail: text must be a string, got ${typeof text}`, {
      argument: 'text',
      value: text,
      expected: 'a string',
    });
  }
  const fraction = options.fraction ?? 0.05;
  if (typeof fraction !== 'number' || !(fraction > 0 && fraction < 1)) {
    throw new Gpt2Error('INVALID_ARGUMENT', `holdOutTail: fraction must be in (0, 1), got ${String(fraction)}`, {
      argument: 'fraction',
      value: fraction,
      expected: 'a number in (0, 1)',
    });
  }
  const at = Math.floor(text.length * (1 - fraction));
  const lineEnd = text.indexOf('\n', at);
  let cut = lineEnd < 0 ? at : lineEnd + 1;
  // Never between the two halves of a surrogate pair (a character outside the BMP, an emoji).
  const before = text.charCodeAt(cut - 1);
  if (cut > 0 && cut < text.length && before >= 0xd800 && before <= 0xdbff) cut -= 1;
  return { train: text.slice(0, cut), heldOut: text.slice(cut) };
}
