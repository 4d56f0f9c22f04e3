import * as tf from '@tensorflow/tfjs-core';
import { show } from '../show';
import { Gpt2Error } from '../errors';
import type { Gpt2 } from '../gpt2';
import { integerIn } from './checks';

/** A weight tensor read out of a model: row-major float32 values and their shape. */
export interface WeightData {
  /** The canonical weight name, e.g. `wte.weight` or `h.0.attn.c_proj.weight`. */
  readonly name: string;
  /** The shape of `data` (for a matrix `[rows, columns]`). */
  readonly shape: number[];
  /** The values, row-major. */
  readonly data: Float32Array;
}

/** An embedding matrix, maybe only its first rows (see {@link embeddingMatrix}). */
export interface EmbeddingMatrix extends WeightData {
  /** The shape of the whole matrix: `[vocabSize, C]` or `[contextLength, C]`. */
  readonly fullShape: number[];
}

/** Options of {@link embeddingMatrix}. */
export interface EmbeddingMatrixOptions {
  /** Read only the first `rows` rows (default: all). */
  readonly rows?: number;
}

/**
 * The token (`wte.weight`, [vocabSize, C]: one row per token id) or position (`wpe.weight`,
 * [contextLength, C]: one row per position) embedding matrix (essay 9.2), or its first `rows` rows.
 * Throws `Gpt2Error` (INVALID_ARGUMENT) for another `which` or a bad `rows`.
 */
export function embeddingMatrix(
  gpt: Gpt2,
  which: 'token' | 'position',
  options: EmbeddingMatrixOptions = {},
): EmbeddingMatrix {
  const fn = 'embeddingMatrix';
  if (which !== 'token' && which !== 'position') {
    throw new Gpt2Error('INVALID_ARGUMENT', `${fn}: which must be 'token' or 'position'; got ${show(which)}`, {
      argument: 'which',
      value: which,
      expected: "'token' or 'position'",
    });
  }
  const name = which === 'token' ? 'wte.weight' : 'wpe.weight';
  const variable = gpt.model.weight(name);
  const [total, c] = variable.shape as [number, number];
  const rows = options.rows === undefined ? total : integerIn(fn, 'rows', options.rows, 1, total);
  const data = tf.tidy(() => tf.slice(variable, [0, 0], [rows, c]).dataSync()) as Float32Array; // [rows, C]
  return { name, shape: [rows, c], fullShape: [total, c], data: Float32Array.from(data) };
}

/**
 * One weight of the model by its canonical name (essay 9.4): `h.0.attn.c_proj.weight` ([C, C]),
 * `h.0.attn.c_attn.weight` ([C, 3C]), `h.0.mlp.c_fc.weight` ([C, H]), `h.0.mlp.c_proj.weight`
 * ([H, C]), a LayerNorm's `h.0.ln_1.weight` ([C]), … Matrices are stored [in, out], as Hugging
 * Face's Conv1D. Reads the float weights: a layer routed through a quantised kernel still shows
 * the weights it was made from. Throws `Gpt2Error` (INVALID_ARGUMENT) for a name the model lacks,
 * listing a few that exist.
 */
export function weightMatrix(gpt: Gpt2, name: string): WeightData {
  const names = gpt.model.namedWeights().map((w) => w.name);
  const found = gpt.model.namedWeights().find((w) => w.name === name);
  if (found === undefined) {
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `weightMatrix: the model has no weight ${show(name)} (it has ${names.slice(0, 6).join(', ')}, … ${names.at(-1) ?? ''})`,
      { argument: 'name', value: name, expected: 'a canonical weight name such as h.0.attn.c_proj.weight' },
    );
  }
  return { name, shape: [...found.variable.shape], data: Float32Array.from(found.variable.dataSync()) };
}
