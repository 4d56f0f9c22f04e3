/**
 * Loads a Hugging Face GPT-2 checkpoint (`config.json`, `model.safetensors`, `vocab.json`,
 * `merges.txt`) from any {@link CheckpointSource}, checking every tensor's name, dtype and shape
 * against the config before reading tensor data. Browser-safe: no Node APIs.
 */
import { createEncoding, parseHuggingFaceVocab, TokenizerError, type Encoding } from '@chatgpt-explained/tokenizer';
import { configFromHuggingFace, type Gpt2Config } from '../config';
import { Gpt2Error } from '../errors';
import { CHECKPOINT_DTYPES, widenToFloat32, type CheckpointDtype } from './dtypes';
import { show } from '../show';
import { checkpointError } from './fail';
import { readExactly, readSafetensorsHeader, type HeaderEntry } from './safetensors-header';
import { throwIfAborted, type CheckpointSource } from './source';
import { CHECKPOINT_FILES, gpt2WeightShapes, isMaskBuffer, LM_HEAD, TRANSFORMER_PREFIX } from './layout';

/** One weight of a loaded checkpoint. */
export interface CheckpointTensor {
  /** The canonical name (`h.0.attn.c_attn.weight`: no `transformer.` prefix). */
  readonly name: string;
  /** The name as written in the file (with its prefix, if any). */
  readonly fileName: string;
  /** The element type in the file. */
  readonly dtype: CheckpointDtype;
  /** The shape, checked against the config. */
  readonly shape: number[];
  /**
   * The raw little-endian bytes of the file (a view, shared with the loader's read buffer; do not
   * modify): for code that keeps F16 weights as they are, or quantises tensor by tensor.
   */
  readonly bytes: Uint8Array;
  /** The values as a new Float32Array (F16 and BF16 are widened exactly, on each call). */
  toFloat32(): Float32Array;
}

/** What {@link loadCheckpoint} returns. */
export interface LoadedCheckpoint {
  /** The model config, from `config.json`. */
  readonly config: Gpt2Config;
  /** Every weight of the model by canonical name, in model order (`wte.weight`, `wpe.weight`, `h.0.…`). */
  readonly tensors: ReadonlyMap<string, CheckpointTensor>;
  /** The tokenizer from `vocab.json` and `merges.txt`; absent when loaded with `tokenizer: false`. */
  readonly encoding?: Encoding;
  /** The files that were read: `config.json`, `model.safetensors`, then `vocab.json` and `merges.txt`. */
  readonly files: string[];
  /** `__metadata__` of `model.safetensors` (`{ format: 'pt' }` for PyTorch exports), or `{}`. */
  readonly metadata: Readonly<Record<string, string>>;
  /**
   * How the file names its tensors: `GPT2LMHeadModel` (`transformer.` prefix) or `GPT2Model` (none).
   */
  readonly nameStyle: 'GPT2LMHeadModel' | 'GPT2Model';
}

/** Options of {@link loadCheckpoint}. */
export interface LoadCheckpointOptions {
  /** Read `vocab.json` and `merges.txt` into `encoding`. Default `true`; then both files are required. */
  readonly tokenizer?: boolean;
  /** Cancels loading between reads; the promise then rejects with `Gpt2Error` `ABORTED`. */
  readonly signal?: AbortSignal;
}

/** Largest `config.json` read (bytes). */
const MAX_CONFIG_BYTES = 16 * 1024 * 1024;
/** Largest `vocab.json` or `merges.txt` read (bytes; GPT-2's are 1.0 MB and 0.46 MB). */
const MAX_VOCAB_BYTES = 256 * 1024 * 1024;
/** Tensor data is read in ranges of at most this many bytes (a larger tensor is one range). */
const READ_CHUNK_BYTES = 64 * 1024 * 1024;

const OPTION_KEYS = ['tokenizer', 'signal'];

/**
 * Loads a GPT-2 checkpoint in the Hugging Face layout from a source (a directory, a URL, memory).
 *
 * What is accepted:
 * - `config.json` as {@link configFromHuggingFace} reads it (errors: `INVALID_CONFIG`, `file` set).
 * - `model.safetensors` whose header passes the format's checks (see `safetensors-header.ts`; gaps,
 *   overlaps and trailing bytes after the last tensor are refused, as the reference implementation
 *   refuses them). Tensor names either all with the `transformer.` prefix (`GPT2LMHeadModel`) or all
 *   without (`GPT2Model`); `lm_head.weight` never has it. Mixing the styles is refused.
 * - Every weight of {@link gpt2WeightShapes} present, with exactly that shape and dtype F32, F16 or
 *   BF16. The causal-mask buffers `h.N.attn.bias` and `h.N.attn.masked_bias` (N < layers) are
 *   ignored whatever their dtype. When `tie_word_embeddings` is true, `lm_head.weight` may be present
 *   and is ignored after its shape and dtype are checked; when false, it is required. Any other
 *   tensor is refused by name.
 * - `vocab.json` and `merges.txt` (unless `tokenizer: false`), read with the tokenizer package's
 *   `parseHuggingFaceVocab`; the vocabulary may not be larger than `vocab_size`.
 *
 * Sizes are checked before any read: the header length against the file size, every tensor's
 * offsets against the data section, every shape against its byte range and the config. Only the
 * ranges of the weights kept are then read (mask buffers and a tied `lm_head.weight` are skipped).
 * Values stay in the file's dtype until {@link CheckpointTensor.toFloat32} is called.
 *
 * Errors are `Gpt2Error`s: `CHECKPOINT_MISSING` (a file is missing), `CHECKPOINT_INVALID` (malformed,
 * truncated, or not fitting the config), `INVALID_CONFIG`, each with `file` and, for a tensor,
 * `tensor` (the name as written in the file), and a message naming both; `ABORTED`;
 * `INVALID_ARGUMENT` for bad arguments. Errors of the source itself (such as `DOWNLOAD_FAILED`)
 * pass through.
 */
export async function loadCheckpoint(
  source: CheckpointSource,
  options: LoadCheckpointOptions = {},
): Promise<LoadedCheckpoint> {
  checkArguments(source, options);
  const { signal } = options;
  const config = await readConfig(source, signal);

  const header = await readSafetensorsHeader(source, CHECKPOINT_FILES.weights, signal);
  const { kept, nameStyle } = matchTensors(header.entries, config);

  let encoding: Encoding | undefined;
  if (options.tokenizer ?? true) {
    encoding = await readEncoding(source, config, signal);
  }

  const tensors = await readTensors(source, header.dataStart, kept, signal);
  const files: string[] = [CHECKPOINT_FILES.config, CHECKPOINT_FILES.weights];
  if (encoding !== undefined) files.push(CHECKPOINT_FILES.vocab, CHECKPOINT_FILES.merges);
  return {
    config,
    tensors,
    ...(encoding === undefined ? {} : { encoding }),
    files,
    metadata: Object.freeze({ ...header.metadata }),
    nameStyle,
  };
}

function checkArguments(source: CheckpointSource, options: LoadCheckpointOptions): void {
  if (
    typeof source !== 'object' ||
    source === null ||
    typeof source.size !== 'function' ||
    typeof source.read !== 'function'
  ) {
    throw new Gpt2Error('INVALID_ARGUMENT', `loadCheckpoint: source must be a CheckpointSource; got ${show(source)}`, {
      argument: 'source',
      value: source,
      expected: 'an object with size(file) and read(file, start, end)',
    });
  }
  if (typeof options !== 'object' || options === null) {
    throw new Gpt2Error('INVALID_ARGUMENT', `loadCheckpoint: options must be an object; got ${show(options)}`, {
      argument: 'options',
      value: options,
      expected: '{ tokenizer?, signal? }',
    });
  }
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.includes(key)) {
      throw new Gpt2Error('INVALID_ARGUMENT', `loadCheckpoint: unknown option ${JSON.stringify(key)}`, {
        argument: `options.${key}`,
        value: (options as Record<string, unknown>)[key],
        expected: OPTION_KEYS.join(', '),
      });
    }
  }
  if (options.tokenizer !== undefined && typeof options.tokenizer !== 'boolean') {
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `loadCheckpoint: options.tokenizer must be a boolean; got ${show(options.tokenizer)}`,
      { argument: 'options.tokenizer', value: options.tokenizer, expected: 'true or false' },
    );
  }
  if (options.signal !== undefined && typeof options.signal?.aborted !== 'boolean') {
    throw new Gpt2Error('INVALID_ARGUMENT', 'loadCheckpoint: options.signal must be an AbortSignal', {
      argument: 'options.signal',
      value: options.signal,
      expected: 'an AbortSignal',
    });
  }
  throwIfAborted(options.signal, 'loadCheckpoint');
}

/** A whole text file, at most `limit` bytes, as UTF-8. */
async function readText(
  source: CheckpointSource,
  file: string,
  limit: number,
  signal: AbortSignal | undefined,
): Promise<string> {
  const readOptions = signal === undefined ? {} : { signal };
  const size = await source.size(file, readOptions);
  throwIfAborted(signal, 'loadCheckpoint');
  if (size === undefined) {
    throw checkpointError('CHECKPOINT_MISSING', file, `not found in ${source.label}`, { value: file });
  }
  if (!Number.isSafeInteger(size) || size < 0 || size > limit) {
    throw checkpointError('CHECKPOINT_INVALID', file, `is ${show(size)} bytes, more than the ${limit} read`, {
      value: size,
      expected: `at most ${limit} bytes`,
    });
  }
  // Only the bytes the size promised: a server that sends more is cut off, not read to the end.
  const bytes = await source.read(file, 0, size, readOptions);
  throwIfAborted(signal, 'loadCheckpoint');
  if (!(bytes instanceof Uint8Array) || bytes.length !== size) {
    throw checkpointError(
      'CHECKPOINT_INVALID',
      file,
      `reading it from ${source.label} gave ${show(bytes?.length)} bytes`,
      {
        value: bytes?.length,
        expected: `at most ${limit} bytes`,
      },
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    throw checkpointError('CHECKPOINT_INVALID', file, 'is not UTF-8 text', { cause: error, expected: 'UTF-8' });
  }
}

async function readConfig(source: CheckpointSource, signal: AbortSignal | undefined): Promise<Gpt2Config> {
  const file = CHECKPOINT_FILES.config;
  const text = await readText(source, file, MAX_CONFIG_BYTES, signal);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw checkpointError(
      'CHECKPOINT_INVALID',
      file,
      `is not JSON (${error instanceof Error ? error.message : String(error)})`,
      { cause: error, expected: 'a JSON object', value: text.slice(0, 80) },
    );
  }
  try {
    return configFromHuggingFace(json);
  } catch (error) {
    if (!Gpt2Error.isInstance(error)) throw error;
    throw new Gpt2Error(
      error.code,
      `loadCheckpoint: ${file}: ${error.message.replace(/^(config\.json|gpt2 config): /, '')}`,
      {
        file,
        value: error.value,
        cause: error,
        ...(error.argument === undefined ? {} : { argument: error.argument }),
        ...(error.expected === undefined ? {} : { expected: error.expected }),
      },
    );
  }
}

interface KeptTensor {
  readonly entry: HeaderEntry;
  readonly canonical: string;
  readonly dtype: CheckpointDtype;
}

/** A tensor name for messages: as is when plain, else JSON-quoted (empty, spaces, control characters). */
function label(name: string): string {
  return /^[\w.-]+$/.test(name) ? name : JSON.stringify(name);
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** Matches header entries to the config's weights: which to keep, and the file's name style. */
function matchTensors(
  entries: readonly HeaderEntry[],
  config: Gpt2Config,
): { kept: KeptTensor[]; nameStyle: LoadedCheckpoint['nameStyle'] } {
  const file = CHECKPOINT_FILES.weights;
  const invalid = (tensor: string, message: string, value: unknown, expected: string) =>
    checkpointError('CHECKPOINT_INVALID', file, message, { tensor, value, expected });

  const others = entries.filter((e) => e.name !== LM_HEAD);
  const prefixed = others.find((e) => e.name.startsWith(TRANSFORMER_PREFIX));
  const bare = others.find((e) => !e.name.startsWith(TRANSFORMER_PREFIX));
  if (prefixed !== undefined && bare !== undefined) {
    throw invalid(
      bare.name,
      `tensor names mix the GPT2LMHeadModel style (${JSON.stringify(prefixed.name)}) and the GPT2Model style ` +
        `(${JSON.stringify(bare.name)}); a file uses one`,
      bare.name,
      `every name with the ${TRANSFORMER_PREFIX} prefix, or none`,
    );
  }
  const nameStyle = prefixed !== undefined ? 'GPT2LMHeadModel' : 'GPT2Model';
  const toFileName = (canonical: string) =>
    nameStyle === 'GPT2LMHeadModel' && canonical !== LM_HEAD ? TRANSFORMER_PREFIX + canonical : canonical;

  const expected = gpt2WeightShapes(config);
  const lmHeadShape = [config.vocabSize, config.embedDim];
  const kept: KeptTensor[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const canonical =
      entry.name === LM_HEAD
        ? LM_HEAD
        : nameStyle === 'GPT2LMHeadModel'
          ? entry.name.slice(TRANSFORMER_PREFIX.length)
          : entry.name;
    const name = label(entry.name);
    if (entry.name !== LM_HEAD && canonical === LM_HEAD) {
      throw invalid(
        entry.name,
        `tensor ${name} is not a GPT-2 weight (lm_head.weight has no prefix)`,
        entry.name,
        LM_HEAD,
      );
    }
    if (isMaskBuffer(canonical, config.layers)) continue; // causal-mask buffer: ignored
    const shape = expected.get(canonical) ?? (canonical === LM_HEAD ? lmHeadShape : undefined);
    if (shape === undefined) {
      throw invalid(
        entry.name,
        `tensor ${name} is not a weight of a GPT-2 with ${config.layers} block${config.layers === 1 ? '' : 's'} ` +
          `(unknown tensor; config.json and the weights may not belong together)`,
        entry.name,
        `one of ${[...expected.keys()].slice(0, 3).map(toFileName).join(', ')}, …`,
      );
    }
    if (!(CHECKPOINT_DTYPES as readonly string[]).includes(entry.dtype)) {
      throw invalid(
        entry.name,
        `tensor ${name} has dtype ${entry.dtype}; GPT-2 weights must be ${CHECKPOINT_DTYPES.join(', ')}`,
        entry.dtype,
        CHECKPOINT_DTYPES.join(', '),
      );
    }
    if (!sameShape(entry.shape, shape)) {
      throw invalid(
        entry.name,
        `tensor ${name} has shape [${entry.shape.join(', ')}], config.json expects [${shape.join(', ')}]`,
        entry.shape,
        `[${shape.join(', ')}]`,
      );
    }
    if (!expected.has(canonical)) continue; // lm_head.weight of a tied model: checked, ignored
    seen.add(canonical);
    kept.push({ entry, canonical, dtype: entry.dtype as CheckpointDtype });
  }
  for (const canonical of expected.keys()) {
    if (!seen.has(canonical)) {
      const name = toFileName(canonical);
      const why = canonical === LM_HEAD ? ' (config.json has tie_word_embeddings false, so it is needed)' : '';
      throw invalid(
        name,
        `tensor ${name} is missing${why}`,
        undefined,
        `a tensor ${name} [${expected.get(canonical)!.join(', ')}]`,
      );
    }
  }
  const order = new Map([...expected.keys()].map((name, index) => [name, index]));
  kept.sort((a, b) => order.get(a.canonical)! - order.get(b.canonical)!);
  return { kept, nameStyle };
}

async function readEncoding(
  source: CheckpointSource,
  config: Gpt2Config,
  signal: AbortSignal | undefined,
): Promise<Encoding> {
  const vocabJson = await readText(source, CHECKPOINT_FILES.vocab, MAX_VOCAB_BYTES, signal);
  const mergesTxt = await readText(source, CHECKPOINT_FILES.merges, MAX_VOCAB_BYTES, signal);
  let encoding: Encoding;
  try {
    encoding = createEncoding(parseHuggingFaceVocab(vocabJson, mergesTxt, { name: 'gpt2' }));
  } catch (error) {
    if (!TokenizerError.isInstance(error)) throw error;
    const file = error.argument === CHECKPOINT_FILES.merges ? CHECKPOINT_FILES.merges : CHECKPOINT_FILES.vocab;
    throw checkpointError('CHECKPOINT_INVALID', file, error.message, {
      cause: error,
      value: error.value,
      ...(error.expected === undefined ? {} : { expected: error.expected }),
    });
  }
  if (encoding.vocabSize > config.vocabSize) {
    throw checkpointError(
      'CHECKPOINT_INVALID',
      CHECKPOINT_FILES.vocab,
      `has ${encoding.vocabSize} tokens, more than the ${config.vocabSize} rows of the model (vocab_size in config.json)`,
      { value: encoding.vocabSize, expected: `at most ${config.vocabSize} tokens` },
    );
  }
  return encoding;
}

/** Reads the kept tensors' bytes in ranges of adjacent tensors, and wraps them. */
async function readTensors(
  source: CheckpointSource,
  dataStart: number,
  kept: readonly KeptTensor[],
  signal: AbortSignal | undefined,
): Promise<Map<string, CheckpointTensor>> {
  const byOffset = [...kept].sort((a, b) => a.entry.start - b.entry.start || a.entry.end - b.entry.end);
  const bytesOf = new Map<KeptTensor, Uint8Array>();
  let i = 0;
  while (i < byOffset.length) {
    const first = byOffset[i]!;
    let j = i + 1;
    let end = first.entry.end;
    while (j < byOffset.length) {
      const next = byOffset[j]!.entry;
      if (next.start !== end || next.end - first.entry.start > READ_CHUNK_BYTES) break;
      end = next.end;
      j++;
    }
    const start = first.entry.start;
    const chunk = await readExactly(
      source,
      CHECKPOINT_FILES.weights,
      dataStart + start,
      dataStart + end,
      signal,
      j === i + 1 ? first.entry.name : undefined,
    );
    for (let k = i; k < j; k++) {
      const t = byOffset[k]!;
      bytesOf.set(t, chunk.subarray(t.entry.start - start, t.entry.end - start));
    }
    i = j;
  }
  return new Map(kept.map((t) => [t.canonical, checkpointTensor(t, bytesOf.get(t)!)]));
}

function checkpointTensor(t: KeptTensor, bytes: Uint8Array): CheckpointTensor {
  const count = t.entry.shape.reduce((a, b) => a * b, 1);
  return Object.freeze({
    name: t.canonical,
    fileName: t.entry.name,
    dtype: t.dtype,
    shape: [...t.entry.shape],
    bytes,
    toFloat32: () => widenToFloat32(bytes, t.dtype, count),
  });
}
