import { show } from './show';
import { Gpt2Error } from './errors';

/** GELU forms GPT-2 checkpoints name in `activation_function`. */
export type Gpt2Activation = 'gelu_new' | 'gelu_pytorch_tanh' | 'gelu_fast' | 'gelu';

/**
 * The shape of a GPT-2 model. Field names are ours; {@link configFromHuggingFace} and
 * {@link configToHuggingFace} map them to Hugging Face's `config.json`.
 */
export interface Gpt2Config {
  /** Number of token ids `V` (`vocab_size`; GPT-2: 50,257). */
  readonly vocabSize: number;
  /** Longest sequence `P`, the rows of the position embedding (`n_positions`; GPT-2: 1,024). */
  readonly contextLength: number;
  /** Width `C` of the residual stream (`n_embd`; GPT-2 small: 768). */
  readonly embedDim: number;
  /** Number of transformer blocks (`n_layer`; GPT-2 small: 12). */
  readonly layers: number;
  /** Attention heads per block; divides `embedDim` (`n_head`; GPT-2 small: 12). */
  readonly heads: number;
  /** Hidden width of each MLP (`n_inner`; default 4 · embedDim). */
  readonly mlpHidden: number;
  /**
   * The MLP's GELU (`activation_function`): `gelu_new`, `gelu_pytorch_tanh` and `gelu_fast` are all the
   * tanh approximation GPT-2 was trained with; `gelu` is the exact erf form. Default `gelu_new`.
   */
  readonly activation: Gpt2Activation;
  /** Epsilon of every LayerNorm (`layer_norm_epsilon`; default 1e-5). */
  readonly layerNormEpsilon: number;
  /** Whether the output projection is the token embedding (`tie_word_embeddings`; default true). */
  readonly tieWordEmbeddings: boolean;
  /** Id that ends a text (`eos_token_id`; GPT-2: 50,256). */
  readonly eosTokenId: number;
  /** Id that starts a text (`bos_token_id`; GPT-2: 50,256). */
  readonly bosTokenId: number;
}

/** Fields a caller may give to {@link gpt2Config}; the rest take GPT-2's defaults. */
export type Gpt2ConfigInput = Partial<Gpt2Config> &
  Pick<Gpt2Config, 'vocabSize' | 'contextLength' | 'embedDim' | 'layers' | 'heads'>;

/** Names of {@link GPT2_PRESETS}. */
export type Gpt2PresetName =
  'gpt2' | 'gpt2-medium' | 'gpt2-large' | 'gpt2-xl' | 'distilgpt2' | 'tiny' | 'mini' | 'small';

const ACTIVATIONS: readonly Gpt2Activation[] = ['gelu_new', 'gelu_pytorch_tanh', 'gelu_fast', 'gelu'];
const CONFIG_KEYS: ReadonlyArray<keyof Gpt2Config> = [
  'vocabSize',
  'contextLength',
  'embedDim',
  'layers',
  'heads',
  'mlpHidden',
  'activation',
  'layerNormEpsilon',
  'tieWordEmbeddings',
  'eosTokenId',
  'bosTokenId',
];

const GPT2_VOCAB = 50257;
const GPT2_EOS = 50256;

function preset(
  embedDim: number,
  layers: number,
  heads: number,
  vocabSize = GPT2_VOCAB,
  contextLength = 1024,
): Gpt2Config {
  return gpt2Config({ vocabSize, contextLength, embedDim, layers, heads });
}

/**
 * OpenAI's four GPT-2 sizes (124M, 355M, 774M, 1.5B parameters), distilgpt2 (82M), and three small
 * shapes for experiments and tests (`tiny` 64-wide × 2 blocks, `mini` 128 × 4, `small` 256 × 6, all with
 * GPT-2's vocabulary and a 256-token context). Give `vocabSize` to {@link gpt2Config} for another
 * vocabulary.
 */
export const GPT2_PRESETS: Readonly<Record<Gpt2PresetName, Gpt2Config>> = Object.freeze({
  gpt2: preset(768, 12, 12),
  'gpt2-medium': preset(1024, 24, 16),
  'gpt2-large': preset(1280, 36, 20),
  'gpt2-xl': preset(1600, 48, 25),
  distilgpt2: preset(768, 6, 12),
  tiny: preset(64, 2, 2, GPT2_VOCAB, 256),
  mini: preset(128, 4, 4, GPT2_VOCAB, 256),
  small: preset(256, 6, 8, GPT2_VOCAB, 256),
});

function invalid(argument: string, value: unknown, expected: string): Gpt2Error {
  return new Gpt2Error('INVALID_CONFIG', `gpt2 config: ${argument} must be ${expected}; got ${show(value)}`, {
    argument,
    value,
    expected,
  });
}

function positiveInt(argument: string, value: unknown, max = 1 << 30): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > max) {
    throw invalid(argument, value, `an integer in [1, ${max}]`);
  }
  return value;
}

function tokenId(argument: string, value: unknown, vocabSize: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value >= vocabSize) {
    throw invalid(argument, value, `a token id in [0, ${vocabSize})`);
  }
  return value;
}

/**
 * A checked, complete {@link Gpt2Config}. Defaults: `mlpHidden` 4 · embedDim, `activation` `gelu_new`,
 * `layerNormEpsilon` 1e-5, `tieWordEmbeddings` true, `eosTokenId` and `bosTokenId` 50,256 when the
 * vocabulary is GPT-2's size, else `vocabSize − 1`. Throws `Gpt2Error` (`INVALID_CONFIG`) naming the field.
 */
export function gpt2Config(input: Gpt2ConfigInput): Gpt2Config {
  if (typeof input !== 'object' || input === null) throw invalid('config', input, 'an object');
  for (const key of Object.keys(input)) {
    if (!(CONFIG_KEYS as readonly string[]).includes(key))
      throw invalid(key, (input as Record<string, unknown>)[key], `one of ${CONFIG_KEYS.join(', ')} (unknown field)`);
  }
  const vocabSize = positiveInt('vocabSize', input.vocabSize);
  const contextLength = positiveInt('contextLength', input.contextLength, 1 << 20);
  const embedDim = positiveInt('embedDim', input.embedDim, 1 << 16);
  const layers = positiveInt('layers', input.layers, 1024);
  const heads = positiveInt('heads', input.heads, embedDim);
  if (embedDim % heads !== 0) throw invalid('heads', heads, `a divisor of embedDim ${embedDim}`);
  const mlpHidden = positiveInt('mlpHidden', input.mlpHidden ?? 4 * embedDim, 1 << 18);
  const activation = input.activation ?? 'gelu_new';
  if (!ACTIVATIONS.includes(activation)) throw invalid('activation', activation, `one of ${ACTIVATIONS.join(', ')}`);
  const layerNormEpsilon = input.layerNormEpsilon ?? 1e-5;
  if (typeof layerNormEpsilon !== 'number' || !(layerNormEpsilon > 0) || !Number.isFinite(layerNormEpsilon)) {
    throw invalid('layerNormEpsilon', layerNormEpsilon, 'a finite number > 0');
  }
  const tieWordEmbeddings = input.tieWordEmbeddings ?? true;
  if (typeof tieWordEmbeddings !== 'boolean') throw invalid('tieWordEmbeddings', tieWordEmbeddings, 'a boolean');
  const defaultEos = vocabSize === GPT2_VOCAB ? GPT2_EOS : vocabSize - 1;
  const eosTokenId = tokenId('eosTokenId', input.eosTokenId ?? defaultEos, vocabSize);
  const bosTokenId = tokenId('bosTokenId', input.bosTokenId ?? defaultEos, vocabSize);
  return Object.freeze({
    vocabSize,
    contextLength,
    embedDim,
    layers,
    heads,
    mlpHidden,
    activation,
    layerNormEpsilon,
    tieWordEmbeddings,
    eosTokenId,
    bosTokenId,
  });
}

/** Number of weights of a model with this config (the tied output projection counted once). */
export function gpt2ParameterCount(config: Gpt2Config): number {
  const { vocabSize: v, contextLength: p, embedDim: c, layers, mlpHidden: h } = config;
  const block = 2 * 2 * c + (c * 3 * c + 3 * c) + (c * c + c) + (c * h + h) + (h * c + c);
  return v * c + p * c + layers * block + 2 * c + (config.tieWordEmbeddings ? 0 : v * c);
}

/** Hugging Face `config.json` fields that change the computation and that this package does not implement. */
const UNSUPPORTED_TRUE = ['scale_attn_by_inverse_layer_idx', 'reorder_and_upcast_attn', 'add_cross_attention'] as const;

/**
 * Reads a Hugging Face GPT-2 `config.json` (already parsed). Accepts `n_ctx` when `n_positions` is
 * missing; refuses a `model_type` other than `gpt2`, `scale_attn_weights: false`, and the options that
 * change the computation in ways this package does not implement (`scale_attn_by_inverse_layer_idx`,
 * `reorder_and_upcast_attn`, `add_cross_attention`). Throws `Gpt2Error` (`INVALID_CONFIG`) naming the
 * Hugging Face field.
 */
export function configFromHuggingFace(json: unknown): Gpt2Config {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw invalid('config.json', json, 'a JSON object');
  const j = json as Record<string, unknown>;
  if (j.model_type !== undefined && j.model_type !== 'gpt2') throw invalid('model_type', j.model_type, '"gpt2"');
  for (const key of UNSUPPORTED_TRUE) {
    if (j[key] === true) throw invalid(key, true, 'false or absent (not implemented here)');
  }
  if (j.scale_attn_weights === false)
    throw invalid('scale_attn_weights', false, 'true or absent (not implemented here)');
  const field = (name: string, ours: string): unknown => {
    const value = j[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' && typeof value !== 'string' && typeof value !== 'boolean') {
      throw invalid(name, value, `a value for ${ours}`);
    }
    return value;
  };
  const nPositions = field('n_positions', 'contextLength') ?? field('n_ctx', 'contextLength');
  const input: Record<string, unknown> = {
    vocabSize: field('vocab_size', 'vocabSize') ?? GPT2_VOCAB,
    contextLength: nPositions ?? 1024,
    embedDim: field('n_embd', 'embedDim') ?? 768,
    layers: field('n_layer', 'layers') ?? 12,
    heads: field('n_head', 'heads') ?? 12,
  };
  const optional: Array<[string, keyof Gpt2Config]> = [
    ['n_inner', 'mlpHidden'],
    ['activation_function', 'activation'],
    ['layer_norm_epsilon', 'layerNormEpsilon'],
    ['tie_word_embeddings', 'tieWordEmbeddings'],
    ['eos_token_id', 'eosTokenId'],
    ['bos_token_id', 'bosTokenId'],
  ];
  for (const [hf, ours] of optional) {
    const value = field(hf, ours);
    if (value !== undefined) input[ours] = value;
  }
  try {
    return gpt2Config(input as unknown as Gpt2ConfigInput);
  } catch (error) {
    if (Gpt2Error.isInstance(error) && error.argument !== undefined) {
      const hf = HF_NAMES[error.argument as keyof Gpt2Config] ?? error.argument;
      throw new Gpt2Error('INVALID_CONFIG', `config.json: ${hf} ${error.message.replace(/^gpt2 config: \S+ /, '')}`, {
        argument: hf,
        value: error.value,
        ...(error.expected === undefined ? {} : { expected: error.expected }),
      });
    }
    throw error;
  }
}

const HF_NAMES: Readonly<Record<keyof Gpt2Config, string>> = {
  vocabSize: 'vocab_size',
  contextLength: 'n_positions',
  embedDim: 'n_embd',
  layers: 'n_layer',
  heads: 'n_head',
  mlpHidden: 'n_inner',
  activation: 'activation_function',
  layerNormEpsilon: 'layer_norm_epsilon',
  tieWordEmbeddings: 'tie_word_embeddings',
  eosTokenId: 'eos_token_id',
  bosTokenId: 'bos_token_id',
};

/**
 * The Hugging Face `config.json` object for a config, as `GPT2LMHeadModel.save_pretrained` writes it
 * (dropout rates 0.1 and `initializer_range` 0.02 as GPT-2's, which do not affect inference), so that
 * `transformers` loads our checkpoints unchanged.
 */
export function configToHuggingFace(config: Gpt2Config): Record<string, unknown> {
  const c = gpt2Config(config);
  return {
    architectures: ['GPT2LMHeadModel'],
    model_type: 'gpt2',
    vocab_size: c.vocabSize,
    n_positions: c.contextLength,
    n_ctx: c.contextLength,
    n_embd: c.embedDim,
    n_layer: c.layers,
    n_head: c.heads,
    n_inner: c.mlpHidden === 4 * c.embedDim ? null : c.mlpHidden,
    activation_function: c.activation,
    layer_norm_epsilon: c.layerNormEpsilon,
    tie_word_embeddings: c.tieWordEmbeddings,
    bos_token_id: c.bosTokenId,
    eos_token_id: c.eosTokenId,
    resid_pdrop: 0.1,
    embd_pdrop: 0.1,
    attn_pdrop: 0.1,
    initializer_range: 0.02,
    scale_attn_weights: true,
    scale_attn_by_inverse_layer_idx: false,
    reorder_and_upcast_attn: false,
    use_cache: true,
  };
}
