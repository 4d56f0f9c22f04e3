import * as tf from '@tensorflow/tfjs-core';
import { Gpt2Error } from '../errors';

/**
 * Keys and values of the positions a model has already seen, per block, so the next forward pass
 * computes only the new positions. Made by {@link createKvCache}; owned by the caller, who disposes it.
 * One cache belongs to one model and one batch size.
 */
export class KvCache {
  /** Number of blocks. */
  readonly layers: number;
  /** Longest sequence the model accepts (its position table). */
  readonly contextLength: number;
  private keys: Array<tf.Tensor | undefined>;
  private values: Array<tf.Tensor | undefined>;
  private positions = 0;
  private disposed = false;

  constructor(layers: number, contextLength: number) {
    this.layers = layers;
    this.contextLength = contextLength;
    this.keys = new Array<tf.Tensor | undefined>(layers).fill(undefined);
    this.values = new Array<tf.Tensor | undefined>(layers).fill(undefined);
  }

  /** Number of positions cached. */
  get length(): number {
    return this.positions;
  }

  /** Tensors the cache holds (for leak accounting). */
  get tensorCount(): number {
    return this.keys.filter(Boolean).length + this.values.filter(Boolean).length;
  }

  /** @internal Past keys and values of block `layer` ([B, nh, Tpast, hs] each), if any. */
  past(layer: number): { keys: tf.Tensor; values: tf.Tensor } | undefined {
    this.checkLive();
    const keys = this.keys[layer];
    const values = this.values[layer];
    return keys && values ? { keys, values } : undefined;
  }

  /** @internal Replaces block `layer`'s entries with `keys`/`values` (kept, not copied). */
  store(layer: number, keys: tf.Tensor, values: tf.Tensor): void {
    this.checkLive();
    this.keys[layer]?.dispose();
    this.values[layer]?.dispose();
    this.keys[layer] = tf.keep(keys);
    this.values[layer] = tf.keep(values);
  }

  /** @internal Records that `count` more positions were stored in every block. */
  advance(count: number): void {
    this.positions += count;
  }

  /** Forgets every position (keeps the cache usable). */
  clear(): void {
    for (const t of [...this.keys, ...this.values]) t?.dispose();
    this.keys.fill(undefined);
    this.values.fill(undefined);
    this.positions = 0;
  }

  /** Frees the tensors; the cache cannot be used afterwards. */
  dispose(): void {
    this.clear();
    this.disposed = true;
  }

  private checkLive(): void {
    if (this.disposed) {
      throw new Gpt2Error('INVALID_ARGUMENT', 'KvCache: the cache was disposed', { argument: 'cache' });
    }
  }
}
