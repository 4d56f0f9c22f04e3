import * as tf from '@tensorflow/tfjs-core';
import { NnCoreError } from '../errors';
import { positiveInteger } from './checks';
import type { Initializer } from './init';
import { Layer, type CallContext } from './layer';
import { checkOptionKeys } from './options';

/** Options of {@link embedding}. */
export interface EmbeddingOptions {
  /** Number of rows: ids run from 0 to `vocabSize − 1`. */
  readonly vocabSize: number;
  /** Length of each vector. */
  readonly dim: number;
  /** Initialiser of `weight`. Default `{ normal: 0.02 }` (GPT-2's `wte` and `wpe`). */
  readonly init?: Initializer;
  /**
   * Read the ids back and throw `INVALID_ARGUMENT` for one outside [0, vocabSize). Default true.
   * The read is a synchronous download of the ids: nothing on cpu and wasm, a pipeline stall on GPU
   * backends; set false there and check ids before making the tensor. Unchecked out-of-range ids
   * give backend-dependent results (cpu and wasm throw a plain Error, webgl returns zeros).
   */
  readonly checkIds?: boolean;
}

const KEYS = ['vocabSize', 'dim', 'init', 'checkIds'];

/**
 * A lookup table: int32 ids of any shape → their rows of `weight` [vocabSize, dim], so
 * [B, T] → [B, T, dim]. The gradient reaches `weight` (tfjs's `gather` gradient is a
 * segment sum over the rows that were used).
 */
export class Embedding extends Layer {
  readonly kind = 'Embedding';
  readonly vocabSize: number;
  readonly dim: number;
  readonly checkIds: boolean;

  constructor(options: EmbeddingOptions) {
    super();
    checkOptionKeys('embedding', options, KEYS);
    this.vocabSize = positiveInteger('embedding', 'vocabSize', options.vocabSize);
    this.dim = positiveInteger('embedding', 'dim', options.dim);
    this.checkIds = options.checkIds ?? true;
    this.addWeight('weight', [this.vocabSize, this.dim], options.init ?? { normal: 0.02 });
  }

  call(ids: tf.Tensor, ctx: CallContext): tf.Tensor {
    const where = ctx.path ? `${this.kind} "${ctx.path}"` : this.kind;
    if (ids.dtype !== 'int32') {
      throw new NnCoreError('SHAPE_MISMATCH', `${where}: ids must be an int32 tensor, got dtype ${ids.dtype}`, {
        argument: 'ids',
        value: ids.dtype,
        expected: 'int32',
      });
    }
    if (this.checkIds) this.checkRange(ids, where);
    return tf.gather(this.w('weight'), ids); // [..., dim]
  }

  private checkRange(ids: tf.Tensor, where: string): void {
    const values = ids.dataSync(); // [...] flat
    for (let i = 0; i < values.length; i++) {
      const id = values[i]!;
      if (id < 0 || id >= this.vocabSize) {
        throw new NnCoreError(
          'INVALID_ARGUMENT',
          `${where}: id ${id} at flat index ${i} is outside [0, ${this.vocabSize})`,
          { argument: 'ids', value: id, expected: `an integer in [0, ${this.vocabSize})` },
        );
      }
    }
  }
}

/** A token (or position) embedding table; see {@link Embedding}. */
export function embedding(options: EmbeddingOptions): Embedding {
  return new Embedding(options);
}
