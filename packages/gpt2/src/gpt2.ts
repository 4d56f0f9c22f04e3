import * as tf from '@tensorflow/tfjs-core';
import { createQuantKernel, quantLinear, type QuantMatrix } from '@chatgpt-explained/nn-core';
import { getEncoding, type Encoding } from '@chatgpt-explained/tokenizer';
import type { Gpt2Config } from './config';
import { Gpt2Error } from './errors';
import { gpt2WeightShapes } from './checkpoint/layout';
import { createGpt2Model, type Gpt2Model } from './model/gpt2-model';
import { gpt2Linears } from './quantize/linear-names';

/** A loaded GPT-2: the model, its config and its tokenizer. Dispose it to free the weights. */
export interface Gpt2 {
  readonly model: Gpt2Model;
  readonly config: Gpt2Config;
  readonly encoding: Encoding;
  /** How the matrix products' weights are held: 32 (float32), 8 or 4 bits. */
  readonly weightBits: 32 | 8 | 4;
  /** Bytes the weights take in memory (float32 tensors plus quantised codes and scales). */
  readonly weightBytes: number;
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
  /**
   * Keep the weights of every matrix product (four per block and the output projection) as 8- or
   * 4-bit codes with a float32 scale per 32 values, in a WebAssembly kernel's memory: each tensor is
   * widened from the checkpoint, quantised and dropped, so the float32 matrices never exist together.
   * Embeddings, LayerNorms and biases stay float32; a tied output projection is quantised as a copy
   * while `wte` stays float32 for the embedding lookup. Inference only. Default: float32.
   */
  readonly quantize?: { readonly bits: 8 | 4 } | undefined;
}

/**
 * Builds a {@link Gpt2} from a loaded checkpoint: checks every tensor's name and shape, then creates
 * each weight straight from the checkpoint (F16/BF16 widened tensor by tensor; no random
 * initialisation). Throws `Gpt2Error` (CHECKPOINT_INVALID) naming a missing or misshapen tensor.
 */
export async function gpt2FromCheckpoint(
  checkpoint: Gpt2CheckpointLike,
  options: Gpt2FromCheckpointOptions = {},
): Promise<Gpt2> {
  const encoding = options.encoding ?? checkpoint.encoding ?? (await defaultEncoding(checkpoint.config));
  const bits = options.quantize?.bits;
  if (bits !== undefined && bits !== 8 && bits !== 4) {
    throw new Gpt2Error('INVALID_ARGUMENT', `gpt2FromCheckpoint: quantize.bits must be 8 or 4; got ${String(bits)}`, {
      argument: 'quantize.bits',
      value: bits,
      expected: '8 or 4',
    });
  }
  const model = createGpt2Model(checkpoint.config);
  const source = (name: string): Gpt2WeightSource => {
    const found = checkpoint.tensors.get(name);
    if (!found) {
      throw new Gpt2Error('CHECKPOINT_INVALID', `checkpoint: tensor ${name} is missing`, {
        tensor: name,
        argument: 'checkpoint',
      });
    }
    return found;
  };
  const matrices: QuantMatrix[] = [];
  const freeAll = (): void => {
    for (const q of matrices) q.free();
  };
  try {
    // Shapes first, so nothing is allocated for a checkpoint that does not fit.
    const expected = gpt2WeightShapes(model.config);
    for (const [name, shape] of expected) {
      const found = source(name);
      if (!tf.util.arraysEqual([...found.shape], shape)) {
        throw new Gpt2Error(
          'CHECKPOINT_INVALID',
          `checkpoint: tensor ${name} has shape [${found.shape.join(', ')}]; the config needs [${shape.join(', ')}]`,
          { tensor: name, argument: 'checkpoint', value: [...found.shape], expected: `[${shape.join(', ')}]` },
        );
      }
    }
    let quantizedBytes = 0;
    if (bits !== undefined) {
      const kernel = createQuantKernel();
      for (const linear of gpt2Linears(model.config)) {
        const q = kernel.quantize(source(linear.weight).toFloat32(), linear.k, linear.n, {
          bits,
          transposed: linear.transposed,
        });
        matrices.push(q);
        quantizedBytes += q.bytes;
        const bias = linear.bias === undefined ? undefined : source(linear.bias).toFloat32();
        model.setLinearKernel(linear.name, (x) => quantLinear(x, q, bias) as tf.Tensor2D);
        if (linear.weight !== 'wte.weight') model.releaseWeight(linear.weight);
      }
    }
    model.initialize({ values: (name, shape) => (shape.includes(0) ? undefined : source(name).toFloat32()) });
    const floatBytes = model.namedWeights().reduce((sum, w) => sum + 4 * w.variable.size, 0);
    return {
      ...gpt2FromModel(model, encoding, freeAll),
      weightBits: bits ?? 32,
      weightBytes: floatBytes + quantizedBytes,
    };
  } catch (error) {
    model.dispose();
    freeAll();
    throw error;
  }
}

/** Wraps a float32 model (e.g. one just trained) and its tokenizer as a {@link Gpt2}. */
export function gpt2FromModel(model: Gpt2Model, encoding: Encoding, onDispose?: () => void): Gpt2 {
  return {
    model,
    config: model.config,
    encoding,
    weightBits: 32,
    weightBytes: model.parameterCount() * 4,
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
