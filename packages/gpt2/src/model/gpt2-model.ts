import * as tf from '@tensorflow/tfjs-core';
import {
  causalAttention,
  embedding,
  layerNorm as layerNormLayer,
  Layer,
  sequential,
  transformerBlock,
  type CallContext,
} from '@chatgpt-explained/nn-core';
import { gpt2Config, type Gpt2Config } from '../config';
import { Gpt2Error } from '../errors';
import { affine, gelu, layerNorm, unmaskedAttention } from './functional';
import { checkBackendFits } from './backend-fit';
import { KvCache } from './kv-cache';

/** What {@link Gpt2Model.forward} computes besides the logits. */
export interface Gpt2ForwardOptions {
  /** Past keys and values: the ids continue the cached sequence, and the cache is extended. */
  readonly cache?: KvCache | undefined;
  /** Return the hidden states (default false). */
  readonly hiddenStates?: boolean | undefined;
  /** Return every block's attention probabilities (default false). */
  readonly attentions?: boolean | undefined;
  /** Return logits of the last position only, [B, 1, V] (default false: every position). */
  readonly lastOnly?: boolean | undefined;
}

/** The result of {@link Gpt2Model.forward}; the caller disposes every tensor. */
export interface Gpt2Output {
  /** Next-token logits [B, T, V] (or [B, 1, V] with `lastOnly`). */
  readonly logits: tf.Tensor;
  /**
   * With `hiddenStates`: `layers + 1` tensors [B, T, C] as Hugging Face's `output_hidden_states`: the
   * embeddings (token + position), the input of each later block, and last the output of the final
   * block after `ln_f`.
   */
  readonly hiddenStates?: tf.Tensor[];
  /** With `attentions`: per block, the attention probabilities [B, heads, T, Tpast + T]. */
  readonly attentions?: tf.Tensor[];
}

/** A replacement for one affine map `x · W + b` (e.g. a quantised matrix), x [N, in] → [N, out]. */
export type LinearKernel = (x: tf.Tensor2D) => tf.Tensor2D;

/** @internal Options for tests that must show a broken model fails. */
export interface Gpt2ModelInternals {
  /** Mask future positions in attention (default true). */
  readonly causalMask?: boolean;
}

interface BlockWeights {
  readonly ln1g: tf.Tensor;
  readonly ln1b: tf.Tensor;
  readonly ln2g: tf.Tensor;
  readonly ln2b: tf.Tensor;
}

/**
 * GPT-2 on nn-core with Hugging Face's weight names (`wte.weight`, `wpe.weight`,
 * `h.N.attn.c_attn.weight`, …, `ln_f.bias`, and `lm_head.weight` when the output projection is not
 * tied). {@link Gpt2Model.forward} runs the model on token ids with an optional {@link KvCache};
 * `apply(ids)` (ids int32 [B, T]) returns logits [B, T, V] for training with the trainer.
 */
export class Gpt2Model extends Layer {
  readonly kind = 'GPT2';
  readonly config: Gpt2Config;
  private readonly causal: boolean;
  private overrides = new Map<string, LinearKernel>();
  /** The output projection transposed to [C, V] for inference, and the data it was made from. */
  private headT: { source: object; tensor: tf.Tensor2D } | undefined;

  constructor(config: Gpt2Config, internals: Gpt2ModelInternals = {}) {
    super();
    this.config = gpt2Config(config);
    checkBackendFits(this.config);
    this.causal = internals.causalMask ?? true;
    const { vocabSize, contextLength, embedDim, layers, heads, mlpHidden, layerNormEpsilon } = this.config;
    // GPT-2's initialisation: N(0, 0.02), and the projections into the residual stream scaled by 1/√(2L).
    const init = { normal: 0.02 } as const;
    const projInit = { normal: 0.02 / Math.sqrt(2 * layers) } as const;
    this.addChild('wte', embedding({ vocabSize, dim: embedDim, init }));
    this.addChild('wpe', embedding({ vocabSize: contextLength, dim: embedDim, init: { normal: 0.01 } }));
    const blocks: Record<string, Layer> = {};
    for (let i = 0; i < layers; i++) {
      blocks[String(i)] = transformerBlock({
        embedDim,
        heads,
        mlpRatio: mlpHidden / embedDim,
        maxContext: contextLength,
        epsilon: layerNormEpsilon,
        init,
        projInit,
      });
    }
    this.addChild('h', sequential(blocks));
    this.addChild('ln_f', layerNormLayer({ dim: embedDim, epsilon: layerNormEpsilon }));
    if (!this.config.tieWordEmbeddings) this.addWeight('lm_head.weight', [vocabSize, embedDim], init);
  }

  /**
   * @internal Routes the affine map `name` (e.g. `h.0.mlp.c_fc`, or `lm_head` for the output
   * projection) through `kernel` instead of the float weights; `undefined` restores the float path.
   */
  setLinearKernel(name: string, kernel: LinearKernel | undefined): void {
    if (kernel) this.overrides.set(name, kernel);
    else this.overrides.delete(name);
  }

  /** @internal Names routed through a {@link LinearKernel}. */
  linearKernelNames(): string[] {
    return [...this.overrides.keys()];
  }

  /**
   * The output projection as [C, V], kept between inference calls: every backend multiplies a row
   * by an untransposed matrix fastest (tfjs-wasm's XNNPACK path takes 0.1 s per token for the
   * transposed 50,257 × 768 product). Remade whenever the weight's data changes (assign, setWeights,
   * initialize, a training step all give the variable new data).
   */
  private transposedHead(projection: tf.Tensor2D): tf.Tensor2D {
    const source = (projection as unknown as { dataId: object }).dataId;
    if (this.headT?.source !== source) {
      this.headT?.tensor.dispose();
      this.headT = { source, tensor: tf.keep(tf.transpose(projection)) }; // [C, V]
    }
    return this.headT.tensor;
  }

  /** Frees the weights and the inference copy of the output projection. */
  override dispose(): void {
    this.headT?.tensor.dispose();
    this.headT = undefined;
    super.dispose();
  }

  /** Training path: ids int32 [B, T] → logits [B, T, V]. */
  call(ids: tf.Tensor, _ctx: CallContext): tf.Tensor {
    const out = this.run(ids, {});
    return out.logits;
  }

  /**
   * Runs the model on token ids int32 [B, T]. With a `cache`, the ids continue the cached sequence:
   * positions start at `cache.length`, and the cache is extended by T. The first call makes one
   * tensor the model keeps until `dispose()`: the output projection transposed for fast products. Throws `Gpt2Error`
   * (INVALID_ARGUMENT) when ids are out of range or the sequence would pass `contextLength`.
   */
  forward(ids: tf.Tensor, options: Gpt2ForwardOptions = {}): Gpt2Output {
    this.checkIds(ids, options.cache);
    const before = options.cache?.length ?? 0;
    try {
      const out = tf.tidy(() => {
        const r = this.run(ids, options, true);
        const kept: tf.TensorContainer = { logits: r.logits, hidden: r.hiddenStates ?? [], att: r.attentions ?? [] };
        return kept;
      }) as { logits: tf.Tensor; hidden: tf.Tensor[]; att: tf.Tensor[] };
      options.cache?.advance(ids.shape[1]!);
      return {
        logits: out.logits,
        ...(options.hiddenStates ? { hiddenStates: out.hidden } : {}),
        ...(options.attentions ? { attentions: out.att } : {}),
      };
    } catch (error) {
      if (options.cache && options.cache.length === before) options.cache.clear();
      throw error;
    }
  }

  private checkIds(ids: tf.Tensor, cache: KvCache | undefined): void {
    if (!(ids instanceof tf.Tensor) || ids.rank !== 2 || ids.dtype !== 'int32') {
      const seen = ids instanceof tf.Tensor ? `${ids.dtype} [${ids.shape.join(', ')}]` : typeof ids;
      throw new Gpt2Error('INVALID_ARGUMENT', `gpt2 forward: ids must be an int32 tensor [B, T]; got ${seen}`, {
        argument: 'ids',
        value: seen,
        expected: 'int32 [B, T]',
      });
    }
    const [b, t] = ids.shape as [number, number];
    const past = cache?.length ?? 0;
    if (t < 1 || b < 1 || past + t > this.config.contextLength) {
      throw new Gpt2Error(
        'INVALID_ARGUMENT',
        `gpt2 forward: ${past} cached + ${t} new positions do not fit the context of ${this.config.contextLength}`,
        { argument: 'ids', value: [b, t], expected: `1 ≤ T ≤ ${this.config.contextLength - past}` },
      );
    }
    if (cache && cache.layers !== this.config.layers) {
      throw new Gpt2Error('INVALID_ARGUMENT', 'gpt2 forward: the cache belongs to a model with another shape', {
        argument: 'cache',
        value: cache.layers,
        expected: `${this.config.layers} layers`,
      });
    }
    if (ids.size <= 1 << 16) {
      const values = ids.dataSync();
      for (let i = 0; i < values.length; i++) {
        const id = values[i]!;
        if (id < 0 || id >= this.config.vocabSize) {
          throw new Gpt2Error(
            'INVALID_ARGUMENT',
            `gpt2 forward: token id ${id} is outside [0, ${this.config.vocabSize})`,
            {
              argument: 'ids',
              value: id,
              expected: `ids in [0, ${this.config.vocabSize})`,
            },
          );
        }
      }
    }
  }

  private run(
    ids: tf.Tensor,
    options: Gpt2ForwardOptions,
    inference = false,
  ): { logits: tf.Tensor; hiddenStates?: tf.Tensor[]; attentions?: tf.Tensor[] } {
    const { embedDim: c, heads: nh, layers, layerNormEpsilon: eps, activation } = this.config;
    const hs = c / nh;
    const [b, t] = ids.shape as [number, number];
    const cache = options.cache;
    const past = cache?.length ?? 0;
    const weights = new Map(this.namedWeights().map((w) => [w.name, w.variable as tf.Tensor]));
    const w = (name: string): tf.Tensor => weights.get(name)!;
    const linear = (x: tf.Tensor2D, name: string): tf.Tensor2D => {
      const kernel = this.overrides.get(name);
      return kernel ? kernel(x) : affine(x, w(`${name}.weight`), w(`${name}.bias`));
    };
    const hidden: tf.Tensor[] = [];
    const attentions: tf.Tensor[] = [];

    const tokens = tf.gather(w('wte.weight'), tf.reshape(ids, [b * t])); // [B·T, C]
    const positions = tf.gather(w('wpe.weight'), tf.range(past, past + t, 1, 'int32')); // [T, C]
    let x = tf.add(tf.reshape(tokens, [b, t, c]), positions) as tf.Tensor3D; // [B, T, C]
    for (let i = 0; i < layers; i++) {
      if (options.hiddenStates) hidden.push(x);
      const p = `h.${i}`;
      const bw: BlockWeights = {
        ln1g: w(`${p}.ln_1.weight`),
        ln1b: w(`${p}.ln_1.bias`),
        ln2g: w(`${p}.ln_2.weight`),
        ln2b: w(`${p}.ln_2.bias`),
      };
      const a = tf.reshape(layerNorm(x, bw.ln1g, bw.ln1b, eps), [b * t, c]) as tf.Tensor2D; // [B·T, C]
      const qkv = linear(a, `${p}.attn.c_attn`); // [B·T, 3C]
      const heads = (part: number): tf.Tensor =>
        tf.transpose(tf.reshape(tf.slice(qkv, [0, part * c], [b * t, c]), [b, t, nh, hs]), [0, 2, 1, 3]); // [B, nh, T, hs]
      const q = heads(0);
      let k = heads(1);
      let v = heads(2);
      const cached = cache?.past(i);
      if (cached) {
        k = tf.concat([cached.keys, k], 2); // [B, nh, Tpast + T, hs]
        v = tf.concat([cached.values, v], 2); // [B, nh, Tpast + T, hs]
      }
      if (cache) cache.store(i, k, v);
      const att = this.causal ? causalAttention(q, k, v) : unmaskedAttention(q, k, v); // [B, nh, T, hs], probs [B, nh, T, Tk]
      if (options.attentions) attentions.push(att.probs);
      const merged = tf.reshape(tf.transpose(att.output, [0, 2, 1, 3]), [b * t, c]) as tf.Tensor2D; // [B·T, C]
      x = tf.add(x, tf.reshape(linear(merged, `${p}.attn.c_proj`), [b, t, c])); // [B, T, C]
      const m = tf.reshape(layerNorm(x, bw.ln2g, bw.ln2b, eps), [b * t, c]) as tf.Tensor2D; // [B·T, C]
      const up = gelu(linear(m, `${p}.mlp.c_fc`), activation) as tf.Tensor2D; // [B·T, H]
      x = tf.add(x, tf.reshape(linear(up, `${p}.mlp.c_proj`), [b, t, c])); // [B, T, C]
    }
    let final = layerNorm(x, w('ln_f.weight'), w('ln_f.bias'), eps); // [B, T, C]
    if (options.hiddenStates) hidden.push(final);
    const rows = options.lastOnly ? 1 : t;
    if (options.lastOnly) final = tf.slice(final, [0, t - 1, 0], [b, 1, c]); // [B, 1, C]
    const flat = tf.reshape(final, [b * rows, c]) as tf.Tensor2D; // [B·rows, C]
    const head = this.overrides.get('lm_head');
    const projection = w(this.config.tieWordEmbeddings ? 'wte.weight' : 'lm_head.weight') as tf.Tensor2D; // [V, C]
    const logits2d = head
      ? head(flat)
      : inference
        ? tf.matMul(flat, this.transposedHead(projection)) // [B·rows, V]
        : tf.matMul(flat, projection, false, true); // [B·rows, V]
    const logits = tf.reshape(logits2d, [b, rows, this.config.vocabSize]); // [B, rows, V]
    return {
      logits,
      ...(options.hiddenStates ? { hiddenStates: hidden } : {}),
      ...(options.attentions ? { attentions } : {}),
    };
  }
}

/**
 * A GPT-2 model for `config` (use {@link GPT2_PRESETS} or {@link gpt2Config}). Its weights are made by
 * `initialize({ seed })` (GPT-2's initialisation) or set by name with `setWeights`.
 */
export function createGpt2Model(config: Gpt2Config, internals: Gpt2ModelInternals = {}): Gpt2Model {
  return new Gpt2Model(config, internals);
}

/** An empty {@link KvCache} for `model`. */
export function createKvCache(model: Gpt2Model): KvCache {
  return new KvCache(model.config.layers, model.config.contextLength);
}
