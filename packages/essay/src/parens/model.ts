/**
 * The parentheses transformer: GPT-2's architecture over the three tokens `(`, `)` and End, saved
 * and loaded in the Hugging Face layout (`config.json` + `model.safetensors`), and its next-token
 * probabilities after a prefix.
 */
import {
  checkpointFiles,
  createGpt2Model,
  gpt2Config,
  loadCheckpoint,
  memorySource,
  type CheckpointDtype,
  type Gpt2Config,
  type Gpt2Model,
} from '@chatgpt-explained/gpt2';
import type { ComputeContext } from '@chatgpt-explained/nn-core';
import { EssayError } from '../errors';
import { END, PARENS_TOKENS, checkParensText, parensIds, type ParensToken } from './language';

/** The shape of a parentheses transformer. */
export interface ParensModelShape {
  /** Attention blocks. Default 2. */
  readonly blocks: number;
  /** Attention heads per block. Default 8. */
  readonly heads: number;
  /** Length of the feature vectors (embedding width). Default 128. */
  readonly dim: number;
  /**
   * The longest string it reads, in characters (the context is one more, for the leading End).
   * Default 32: longer than the training strings (24), so it can be asked about lengths it never saw.
   */
  readonly maxLength: number;
}

/** The defaults of {@link ParensModelShape}: the essay's 2-block model. */
export const PARENS_MODEL_SHAPE: ParensModelShape = Object.freeze({ blocks: 2, heads: 8, dim: 128, maxLength: 32 });

/** The GPT-2 config of a parentheses transformer: vocabulary 3, End (id 2) as BOS and EOS, MLP 4 × dim. */
export function parensModelConfig(input: Partial<ParensModelShape> = {}): Gpt2Config {
  const shape = { ...PARENS_MODEL_SHAPE, ...input };
  return gpt2Config({
    vocabSize: PARENS_TOKENS.length,
    contextLength: shape.maxLength + 1,
    embedDim: shape.dim,
    layers: shape.blocks,
    heads: shape.heads,
    eosTokenId: END,
    bosTokenId: END,
  });
}

/** The {@link ParensModelShape} of a config made by {@link parensModelConfig}. */
export function parensModelShape(config: Gpt2Config): ParensModelShape {
  if (config.vocabSize !== PARENS_TOKENS.length) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `parens model: config.vocabSize is ${config.vocabSize}; a parentheses model has ${PARENS_TOKENS.length} tokens`,
      { argument: 'config', value: config.vocabSize, expected: `${PARENS_TOKENS.length}` },
    );
  }
  return { blocks: config.layers, heads: config.heads, dim: config.embedDim, maxLength: config.contextLength - 1 };
}

/** The files of a saved model, by name (`config.json`, `model.safetensors`). */
export type ParensModelFiles = Readonly<Record<string, Uint8Array>>;

/** Saves the model in the Hugging Face GPT-2 layout (F32 by default), with `metadata` in the safetensors header. */
export async function saveParensModel(
  model: Gpt2Model,
  options: { readonly dtype?: CheckpointDtype; readonly metadata?: Readonly<Record<string, string>> } = {},
): Promise<ParensModelFiles> {
  return checkpointFiles({
    config: model.config,
    weights: await model.readWeights(),
    dtype: options.dtype ?? 'F32',
    metadata: { tokens: JSON.stringify(PARENS_TOKENS), ...options.metadata },
  });
}

/**
 * Rebuilds a model from {@link saveParensModel}'s files (or any GPT-2 checkpoint over the three
 * tokens). Throws `INVALID_ARGUMENT` for a checkpoint that is not a parentheses model and the gpt2
 * package's errors for broken files. The caller disposes the model.
 */
export async function loadParensModel(compute: ComputeContext, files: ParensModelFiles): Promise<Gpt2Model> {
  const checkpoint = await loadCheckpoint(memorySource(files), { tokenizer: false });
  parensModelShape(checkpoint.config);
  const model = createGpt2Model(checkpoint.config);
  compute.tf.tidy(() => {
    model.initialize({ values: (name) => checkpoint.tensors.get(name)?.toFloat32() });
  });
  return model;
}

/** The next-token probabilities after one prefix, in token order. */
export interface ParensNext {
  readonly prefix: string;
  readonly tokens: readonly { readonly text: ParensToken; readonly probability: number }[];
}

/**
 * The next-token distribution after each whole string of `texts` and after each of its prefixes:
 * `result[i][k]` are the probabilities of `(`, `)`, End after the first `k` characters of `texts[i]`
 * (k = 0…length). One forward pass per batch of `batchSize` strings; leaves no tensors behind.
 */
export async function parensProbabilities(
  compute: ComputeContext,
  model: Gpt2Model,
  texts: readonly string[],
  options: { readonly batchSize?: number; readonly signal?: AbortSignal | undefined } = {},
): Promise<Float32Array[][]> {
  const { tf } = compute;
  const maxLength = model.config.contextLength - 1;
  const vocab = PARENS_TOKENS.length;
  texts.forEach((text, i) => {
    checkParensText('parensProbabilities', `texts[${i}]`, text);
    if (text.length > maxLength) {
      throw new EssayError(
        'INVALID_ARGUMENT',
        `parensProbabilities: texts[${i}] has ${text.length} characters; the model reads at most ${maxLength}`,
        { argument: `texts[${i}]`, value: text, expected: `at most ${maxLength} characters` },
      );
    }
  });
  const batchSize = options.batchSize ?? 256;
  const out: Float32Array[][] = [];
  for (let start = 0; start < texts.length; start += batchSize) {
    options.signal?.throwIfAborted();
    const batch = texts.slice(start, start + batchSize);
    const width = Math.max(...batch.map((t) => t.length)) + 1;
    const ids = new Int32Array(batch.length * width).fill(END);
    batch.forEach((text, r) => ids.set(parensIds(text), r * width + 1));
    const probs = tf.tidy(() => {
      const logits = model.forward(tf.tensor2d(ids, [batch.length, width], 'int32')).logits; // [B, T, 3]
      return tf.softmax(logits); // [B, T, 3]
    });
    const values = (await probs.data()) as Float32Array;
    probs.dispose();
    batch.forEach((text, r) => {
      const rows: Float32Array[] = [];
      for (let k = 0; k <= text.length; k++) {
        const at = (r * width + k) * vocab;
        rows.push(values.slice(at, at + vocab));
      }
      out.push(rows);
    });
  }
  return out;
}

/** The next-token probabilities after `prefix` (which may be empty). */
export async function parensNext(compute: ComputeContext, model: Gpt2Model, prefix: string): Promise<ParensNext> {
  const [rows] = await parensProbabilities(compute, model, [prefix]);
  const p = rows![prefix.length]!;
  return { prefix, tokens: PARENS_TOKENS.map((text, id) => ({ text, probability: p[id]! })) };
}
