import * as tf from '@tensorflow/tfjs-core';
import type { Gpt2 } from '../gpt2';
import { Gpt2Error } from '../errors';
import type { KvCache } from '../model/kv-cache';

/**
 * Token ids of `text`. A special token written in the text (`<|endoftext|>`) is refused with
 * `Gpt2Error` INVALID_ARGUMENT naming `argument`, as tiktoken refuses it, unless `allowSpecial`: then
 * it becomes its one id (a document boundary), not the characters `<`, `|`, ….
 */
export function encodeText(gpt: Gpt2, fn: string, argument: string, text: string, allowSpecial = false): number[] {
  if (allowSpecial) return gpt.encoding.encode(text, { allowedSpecial: 'all' });
  try {
    return gpt.encoding.encode(text);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'SPECIAL_TOKEN_NOT_ALLOWED') throw error;
    const found = Object.keys(gpt.encoding.specialTokens).find((t) => text.includes(t)) ?? 'a special token';
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `${fn}: ${argument} contains the special token ${found}; pass allowSpecial: true to read it as one token`,
      { argument, value: found, expected: 'text without special tokens, or allowSpecial: true', cause: error },
    );
  }
}

/**
 * Token ids of a prompt (see {@link encodeText} for special tokens); an empty prompt becomes
 * GPT-2's start, the `<|endoftext|>` id.
 */
export function promptIds(gpt: Gpt2, prompt: string, fn: string, allowSpecial = false, argument = 'prompt'): number[] {
  if (typeof prompt !== 'string') {
    throw new Gpt2Error('INVALID_ARGUMENT', `${fn}: ${argument} must be a string; got ${typeof prompt}`, {
      argument,
      value: prompt,
      expected: 'a string',
    });
  }
  const ids = encodeText(gpt, fn, argument, prompt, allowSpecial);
  return ids.length === 0 ? [gpt.config.bosTokenId] : ids;
}

/**
 * Runs `ids` (continuing `cache` if given) and returns the last position's logits, [V], read back
 * asynchronously: on GPU backends a synchronous read stalls the thread and, in browsers' WebGPU,
 * goes through canvases (tfjs's `readSync`), after which the worker's later buffer uploads fail.
 */
export async function lastLogitsAsync(gpt: Gpt2, ids: readonly number[], cache?: KvCache): Promise<Float32Array> {
  const logits = lastLogitsTensor(gpt, ids, cache); // [1, 1, V]
  try {
    return (await logits.data()) as Float32Array;
  } finally {
    logits.dispose();
  }
}

function lastLogitsTensor(gpt: Gpt2, ids: readonly number[], cache: KvCache | undefined): tf.Tensor {
  return tf.tidy(() => {
    const input = tf.tensor2d([ids as number[]], [1, ids.length], 'int32'); // [1, T]
    return gpt.model.forward(input, { cache, lastOnly: true }).logits; // [1, 1, V]
  });
}

/** The text of one token (bytes that are not whole UTF-8 characters show as U+FFFD). */
export function tokenText(gpt: Gpt2, id: number): string {
  return gpt.encoding.decode([id]);
}
