/**
 * Writes a GPT-2 checkpoint in the Hugging Face layout `GPT2LMHeadModel.save_pretrained` produces, so
 * that `transformers` (and {@link loadCheckpoint}) read it unchanged. Pure: returns the files' bytes;
 * `saveCheckpoint` in `@chatgpt-explained/gpt2/node` writes them to a directory.
 */
import { configToHuggingFace, gpt2Config, type Gpt2Config } from '../config';
import { Gpt2Error } from '../errors';
import { CHECKPOINT_DTYPES, dtypeBytes, encodeFloats, type CheckpointDtype } from './dtypes';
import { show } from '../show';
import { CHECKPOINT_FILES, gpt2WeightShapes, LM_HEAD, TRANSFORMER_PREFIX } from './layout';

/** One weight to write: its shape and float32 values (row-major). */
export interface CheckpointWeight {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/** Options of {@link checkpointFiles}. */
export interface CheckpointFilesOptions {
  /** The model's config, written as `config.json`. */
  readonly config: Gpt2Config;
  /**
   * Every weight of the model by canonical name (`wte.weight`, `h.0.attn.c_attn.weight`, …; see
   * `gpt2WeightShapes`), nothing else: `lm_head.weight` only when `tieWordEmbeddings` is false. The
   * value of `model.readWeights()` fits.
   */
  readonly weights: Readonly<Record<string, CheckpointWeight>>;
  /** Element type in `model.safetensors`. Default `'F32'`; F16 and BF16 round to nearest, ties to even. */
  readonly dtype?: CheckpointDtype;
  /** The text of `vocab.json`, written as given (give `merges` with it). */
  readonly vocab?: string;
  /** The text of `merges.txt`, written as given (give `vocab` with it). */
  readonly merges?: string;
  /** Extra `__metadata__` entries of `model.safetensors` (strings), after `format: 'pt'`. */
  readonly metadata?: Readonly<Record<string, string>>;
}

const OPTION_KEYS = ['config', 'weights', 'dtype', 'vocab', 'merges', 'metadata'];

function invalid(argument: string, message: string, value: unknown, expected: string): Gpt2Error {
  return new Gpt2Error('INVALID_ARGUMENT', `checkpointFiles: ${message}`, { argument, value, expected });
}

/**
 * The files of a Hugging Face GPT-2 checkpoint, by name:
 * - `config.json`: `configToHuggingFace(config)`, keys sorted, indented by 2, ending in a newline
 *   (as `transformers` writes it);
 * - `model.safetensors`: `GPT2LMHeadModel` names (`transformer.` prefix; `lm_head.weight` only when
 *   not tied), `__metadata__` `{ format: 'pt', …metadata }` first, then the tensors sorted by name,
 *   data in the same order, the header padded with spaces to a multiple of 8 bytes;
 * - `vocab.json` and `merges.txt` when given.
 *
 * Throws `Gpt2Error` `INVALID_ARGUMENT` naming the weight or option at fault (an unknown, missing or
 * misshapen weight, data of the wrong length) and `INVALID_CONFIG` for a bad config.
 */
export function checkpointFiles(options: CheckpointFilesOptions): Record<string, Uint8Array> {
  if (typeof options !== 'object' || options === null) {
    throw invalid('options', `options must be an object; got ${show(options)}`, options, '{ config, weights, … }');
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) {
      throw invalid(
        `options.${key}`,
        `unknown option ${JSON.stringify(key)}`,
        (options as unknown as Record<string, unknown>)[key],
        OPTION_KEYS.join(', '),
      );
    }
  }
  const config = gpt2Config(options.config);
  const dtype = options.dtype ?? 'F32';
  if (!CHECKPOINT_DTYPES.includes(dtype)) {
    throw invalid(
      'options.dtype',
      `dtype must be one of ${CHECKPOINT_DTYPES.join(', ')}; got ${show(dtype)}`,
      dtype,
      CHECKPOINT_DTYPES.join(', '),
    );
  }
  const metadata = checkMetadata(options.metadata);
  const weights = checkWeights(options.weights, config);
  const { vocab, merges } = options;
  if ((vocab === undefined) !== (merges === undefined)) {
    const missing = vocab === undefined ? 'vocab' : 'merges';
    throw invalid(
      `options.${missing}`,
      `vocab and merges go together; ${missing} is missing`,
      undefined,
      'both or neither',
    );
  }
  for (const [argument, text] of [
    ['options.vocab', vocab],
    ['options.merges', merges],
  ] as const) {
    if (text !== undefined && typeof text !== 'string') {
      throw invalid(argument, `${argument.slice(8)} must be the file's text; got ${show(text)}`, text, 'a string');
    }
  }

  const hf = configToHuggingFace(config);
  const sortedConfig = Object.fromEntries(
    Object.keys(hf)
      .sort()
      .map((key) => [key, hf[key]]),
  );
  const encoder = new TextEncoder();
  const files: Record<string, Uint8Array> = {
    [CHECKPOINT_FILES.config]: encoder.encode(`${JSON.stringify(sortedConfig, null, 2)}\n`),
    [CHECKPOINT_FILES.weights]: safetensorsBytes(weights, dtype, { format: 'pt', ...metadata }),
  };
  if (vocab !== undefined && merges !== undefined) {
    files[CHECKPOINT_FILES.vocab] = encoder.encode(vocab);
    files[CHECKPOINT_FILES.merges] = encoder.encode(merges);
  }
  return files;
}

function checkMetadata(metadata: unknown): Record<string, string> {
  if (metadata === undefined) return {};
  if (
    typeof metadata !== 'object' ||
    metadata === null ||
    Array.isArray(metadata) ||
    Object.values(metadata).some((v) => typeof v !== 'string')
  ) {
    throw invalid(
      'options.metadata',
      `metadata must map strings to strings; got ${show(metadata)}`,
      metadata,
      'Record<string, string>',
    );
  }
  return { ...(metadata as Record<string, string>) };
}

/** The weights as `[file name, shape, data]`, checked against the config, sorted by file name. */
function checkWeights(weights: unknown, config: Gpt2Config): Array<[string, readonly number[], Float32Array]> {
  if (typeof weights !== 'object' || weights === null || Array.isArray(weights)) {
    throw invalid(
      'options.weights',
      `weights must be an object of name → { shape, data }; got ${show(weights)}`,
      weights,
      'Record<string, { shape, data }>',
    );
  }
  const expected = gpt2WeightShapes(config);
  const given = weights as Record<string, unknown>;
  for (const name of Object.keys(given)) {
    if (!expected.has(name)) {
      const why =
        name === LM_HEAD
          ? 'lm_head.weight is tied to wte.weight (config.tieWordEmbeddings); leave it out'
          : name.startsWith(TRANSFORMER_PREFIX)
            ? `weights take canonical names without the ${TRANSFORMER_PREFIX} prefix`
            : `it is not a weight of a GPT-2 with ${config.layers} block${config.layers === 1 ? '' : 's'}`;
      throw invalid(
        `options.weights[${JSON.stringify(name)}]`,
        `unknown weight ${name}: ${why}`,
        name,
        'a canonical GPT-2 weight name',
      );
    }
  }
  const out: Array<[string, readonly number[], Float32Array]> = [];
  for (const [name, shape] of expected) {
    const argument = `options.weights[${JSON.stringify(name)}]`;
    const weight = given[name] as CheckpointWeight | undefined;
    if (weight === undefined) {
      throw invalid(
        argument,
        `weight ${name} [${shape.join(', ')}] is missing`,
        undefined,
        `a weight of shape [${shape.join(', ')}]`,
      );
    }
    if (typeof weight !== 'object' || weight === null || !Array.isArray(weight.shape)) {
      throw invalid(argument, `weight ${name} must be { shape, data }; got ${show(weight)}`, weight, '{ shape, data }');
    }
    if (weight.shape.length !== shape.length || !weight.shape.every((d, i) => d === shape[i])) {
      throw invalid(
        argument,
        `weight ${name} has shape [${weight.shape.join(', ')}], the config expects [${shape.join(', ')}]`,
        weight.shape,
        `[${shape.join(', ')}]`,
      );
    }
    const count = shape.reduce((a, b) => a * b, 1);
    if (!(weight.data instanceof Float32Array) || weight.data.length !== count) {
      const seen = weight.data instanceof Float32Array ? `${weight.data.length} values` : show(weight.data);
      throw invalid(
        argument,
        `weight ${name} needs a Float32Array of ${count} values; got ${seen}`,
        seen,
        `Float32Array(${count})`,
      );
    }
    const fileName = name === LM_HEAD ? name : TRANSFORMER_PREFIX + name;
    out.push([fileName, shape, weight.data]);
  }
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A safetensors file: header (metadata first, then tensors in the given order) padded to 8 bytes, then data. */
function safetensorsBytes(
  tensors: ReadonlyArray<readonly [string, readonly number[], Float32Array]>,
  dtype: CheckpointDtype,
  metadata: Record<string, string>,
): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const [name, shape, data] of tensors) {
    const end = offset + data.length * dtypeBytes(dtype);
    header[name] = { dtype, shape: [...shape], data_offsets: [offset, end] };
    offset = end;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = Math.ceil(json.length / 8) * 8;
  const out = new Uint8Array(8 + headerLength + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, headerLength % 2 ** 32, true);
  view.setUint32(4, Math.floor(headerLength / 2 ** 32), true);
  out.set(json, 8);
  out.fill(0x20, 8 + json.length, 8 + headerLength);
  let at = 8 + headerLength;
  for (const [, , data] of tensors) {
    const bytes = encodeFloats(data, dtype);
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}
