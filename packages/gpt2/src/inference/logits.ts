import * as tf from '@tensorflow/tfjs-core';
import type { Gpt2 } from '../gpt2';
import { Gpt2Error } from '../errors';
import type { KvCache } from '../model/kv-cache';

/** Token ids of a prompt; an empty prompt becomes GPT-2's start, the `<|endoftext|>` id. */
export function promptIds(gpt: Gpt2, prompt: string, argument = 'prompt'): number[] {
  if (typeof prompt !== 'string') {
    throw new Gpt2Error('INVALID_ARGUMENT', `gpt2: ${argument} must be a string; got ${typeof prompt}`, {
      argument,
      value: prompt,
      expected: 'a string',
    });
  }
  const ids = gpt.encoding.encode(prompt, { allowedSpecial: 'all' });
  return ids.length === 0 ? [gpt.config.bosTokenId] : ids;
}

/** Runs `ids` (continuing `cache` if given) and returns the last position's logits, [V]. */
export function lastLogits(gpt: Gpt2, ids: readonly number[], cache?: KvCache): Float32Array {
  const logits = tf.tidy(() => {
    const input = tf.tensor2d([ids as number[]], [1, ids.length], 'int32'); // [1, T]
    return gpt.model.forward(input, { cache, lastOnly: true }).logits; // [1, 1, V]
  });
  const values = logits.dataSync() as Float32Array;
  logits.dispose();
  return values;
}

/** The text of one token (bytes that are not whole UTF-8 characters show as U+FFFD). */
export function tokenText(gpt: Gpt2, id: number): string {
  return gpt.encoding.decode([id]);
}
