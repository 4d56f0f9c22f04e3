import * as tf from '@tensorflow/tfjs-core';
import { getEncoding, type Encoding } from '@chatgpt-explained/tokenizer';
import type { Gpt2Config } from './config';
import { Gpt2Error } from './errors';
import { createGpt2Model, type Gpt2Model } from './model/gpt2-model';

/** A loaded GPT-2: the model, its config and its tokenizer. Dispose it to free the weights. */
export interface Gpt2 {
  readonly model: Gpt2Model;
  readonly config: Gpt2Config;
  readonly encoding: Encoding;
  /** Frees the model's tensors (and any quantised matrices). */
  dispose(): void;
}

/** One tensor of a checkpoint, as the loader hands it over (see `loadCheckpoint`). */
export interface Gpt2WeightSource {
  readonly shape: readonly number[];
  /** The values as float32, row-major (F16 and BF16 are widened here). */
  toFloat32(): Float32Array;
}

/** What {@link gpt2FromCheckpoint} needs: a config, tensors by canonical name, and maybe a tokenizer. */
export interface Gpt2CheckpointLike {
  readonly config: Gpt2Config;
  readonly tensors: ReadonlyMap<string, Gpt2WeightSource>;
  readonly encoding?: Encoding | undefined;
}

/** Options of {@link gpt2FromCheckpoint}. */
export interface Gpt2FromCheckpointOptions {
  /**
   * The tokenizer, when the checkpoint has none. Default: the checkpoint's; else OpenAI's `gpt2`
   * encoding when the vocabulary has GPT-2's 50,257 ids; else an error.
   */
  readonly encoding?: Encoding | undefined;
}

/**
 * Builds a {@link Gpt2} from a loaded checkpoint: creates the model and copies every tensor into it,
 * one at a time (F16/BF16 are widened to float32 tensor by tensor, so the peak extra memory is one
 * tensor). Throws `Gpt2Error` (CHECKPOINT_INVALID) when a tensor is missing or has the wrong shape.
 */
export async function gpt2FromCheckpoint(
  checkpoint: Gpt2CheckpointLike,
  options: Gpt2FromCheckpointOptions = {},
): Promise<Gpt2> {
  const encoding = options.encoding ?? checkpoint.encoding ?? (await defaultEncoding(checkpoint.config));
  const model = createGpt2Model(checkpoint.config);
  try {
    for (const { name, variable } of model.namedWeights()) {
      const source = checkpoint.tensors.get(name);
      if (!source) {
        throw new Gpt2Error('CHECKPOINT_INVALID', `checkpoint: tensor ${name} is missing`, {
          tensor: name,
          argument: 'checkpoint',
        });
      }
      if (!tf.util.arraysEqual([...source.shape], variable.shape)) {
        throw new Gpt2Error(
          'CHECKPOINT_INVALID',
          `checkpoint: tensor ${name} has shape [${source.shape.join(', ')}]; the config needs [${variable.shape.join(', ')}]`,
          {
            tensor: name,
            argument: 'checkpoint',
            value: [...source.shape],
            expected: `[${variable.shape.join(', ')}]`,
          },
        );
      }
      tf.tidy(() => variable.assign(tf.tensor(source.toFloat32(), variable.shape, 'float32')));
    }
  } catch (error) {
    model.dispose();
    throw error;
  }
  return gpt2FromModel(model, encoding);
}

/** Wraps a model (e.g. one just trained) and its tokenizer as a {@link Gpt2}. */
export function gpt2FromModel(model: Gpt2Model, encoding: Encoding, onDispose?: () => void): Gpt2 {
  return {
    model,
    config: model.config,
    encoding,
    dispose: () => {
      onDispose?.();
      model.dispose();
    },
  };
}

async function defaultEncoding(config: Gpt2Config): Promise<Encoding> {
  if (config.vocabSize === 50257) return getEncoding('gpt2');
  throw new Gpt2Error(
    'CHECKPOINT_MISSING',
    `checkpoint: no vocab.json/merges.txt, and its vocabulary (${config.vocabSize} ids) is not GPT-2's`,
    { argument: 'encoding', file: 'vocab.json', expected: 'vocab.json and merges.txt, or an encoding' },
  );
}
