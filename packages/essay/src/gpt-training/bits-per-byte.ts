/**
 * The unit of essay 10.1: bits per UTF-8 byte of held-out text, so that models with different
 * tokens (bytes, BPE, characters, words) are measured on the same scale.
 */
import { EssayError } from '../errors';

/**
 * Converts a code length to bits per byte: `nats` (Σ −ln P over the predicted tokens) ÷ ln 2 ÷ the
 * text's UTF-8 bytes. A mean loss of `L` nats per token over `n` tokens is `bitsPerByte(L · n, bytes)`.
 * Throws `INVALID_ARGUMENT` for a negative or non-finite `nats` or a `bytes` that is not a positive integer.
 */
export function natsToBitsPerByte(nats: number, bytes: number): number {
  if (!Number.isFinite(nats) || nats < 0) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `natsToBitsPerByte: nats must be a finite number ≥ 0, got ${String(nats)}`,
      {
        argument: 'nats',
        value: nats,
        expected: 'a finite number ≥ 0',
      },
    );
  }
  if (!Number.isSafeInteger(bytes) || bytes < 1) {
    throw new EssayError('INVALID_ARGUMENT', `natsToBitsPerByte: bytes must be an integer ≥ 1, got ${String(bytes)}`, {
      argument: 'bytes',
      value: bytes,
      expected: 'an integer ≥ 1',
    });
  }
  return nats / Math.LN2 / bytes;
}

/** UTF-8 byte count of a text. */
export function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length;
}
