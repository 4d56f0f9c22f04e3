import { Gpt2Error, gpt2FromCheckpoint, loadCheckpoint, type Gpt2 } from '@chatgpt-explained/gpt2';
import { directorySource, downloadModel, type DownloadProgressEvent } from '@chatgpt-explained/gpt2/node';
import { InvalidArgumentError, Option } from 'commander';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { dataDir } from './data-dir';
import type { CliIo } from './io';
import { createProgressBar, type ProgressBar } from './progress';
import { UsageError } from './usage-error';

/** The model the CLI ships and uses without `--model`: `data/models/corpus-gpt2/`. */
export const DEFAULT_MODEL_NAME = 'corpus-gpt2';

/** The environment variable that turns on offline mode as `--offline` does (huggingface_hub's). */
export const OFFLINE_ENV = 'HF_HUB_OFFLINE';
/** The environment variable naming another Hub address (huggingface_hub's), e.g. a mirror. */
export const ENDPOINT_ENV = 'HF_ENDPOINT';
/** The environment variable holding a Hugging Face access token (huggingface_hub's), for private and gated models. */
export const TOKEN_ENV = 'HF_TOKEN';

/** The model options every `gpt2` command takes. */
export interface ModelOptions {
  readonly model?: string;
  readonly cacheDir?: string;
  readonly offline?: boolean;
  /** Bits per weight of the matrix products: 32 (float32, the default), 8 or 4 (kept quantised). */
  readonly bits?: 32 | 8 | 4;
}

/** `--model <id|dir>`: which GPT-2 (see {@link resolveModel}). */
export function modelOption(): Option {
  return new Option(
    '--model <id|dir>',
    `a checkpoint directory (config.json, model.safetensors, vocab.json, merges.txt) or a Hugging Face model id such as gpt2, distilgpt2, gpt2-medium (default: the bundled ${DEFAULT_MODEL_NAME})`,
  );
}

/** `--cache-dir <dir>`: where Hub downloads are kept. */
export function cacheDirOption(): Option {
  return new Option(
    '--cache-dir <dir>',
    'where Hub downloads are kept (default: $XDG_CACHE_HOME/chatgpt-explained/hub or ~/.cache/chatgpt-explained/hub)',
  );
}

/** `--offline`: Hub models only from the cache. */
export function offlineOption(): Option {
  return new Option('--offline', `never use the network: Hub models must be in the cache (also ${OFFLINE_ENV}=1)`);
}

/** `--bits 32|8|4`: the weight matrices as float32, or kept as 8- or 4-bit codes (essay 7.3, at GPT-2's scale). */
export function bitsOption(): Option {
  return new Option(
    '--bits <bits>',
    'bits per weight of the matrix products: 32 (float32, default), 8 or 4 (kept quantised in memory: less memory, faster on wasm, slightly different probabilities)',
  ).argParser((value): 32 | 8 | 4 => {
    if (value !== '32' && value !== '8' && value !== '4')
      throw new InvalidArgumentError('Allowed choices are 32, 8, 4.');
    return Number(value) as 32 | 8 | 4;
  });
}

/** `--model`, `--cache-dir`, `--offline` and `--bits`, for a command to add. */
export function modelOptions(): Option[] {
  return [modelOption(), cacheDirOption(), offlineOption(), bitsOption()];
}

/** Where a model came from, for messages. */
export interface ResolvedModel {
  readonly gpt: Gpt2;
  /** `bundled corpus-gpt2`, the directory, or `gpt2 (Hub, cached)`. */
  readonly label: string;
  /** The directory the checkpoint was read from. */
  readonly dir: string;
}

/** The Hub cache directory: `--cache-dir`, else `$XDG_CACHE_HOME/chatgpt-explained/hub`, else `~/.cache/…`. */
export function hubCacheDir(io: CliIo, cacheDir: string | undefined): string {
  if (cacheDir !== undefined) return resolve(io.cwd, cacheDir);
  const xdg = io.env['XDG_CACHE_HOME'];
  const base = xdg !== undefined && xdg !== '' && isAbsolute(xdg) ? xdg : join(io.env['HOME'] ?? homedir(), '.cache');
  return join(base, 'chatgpt-explained', 'hub');
}

/** The bundled default model's directory. */
export function defaultModelDir(): string {
  return join(dataDir(), 'models', DEFAULT_MODEL_NAME);
}

/** True when the bundled model is there (its `config.json`, written last, exists). */
export function bundledModelAvailable(): boolean {
  return existsSync(join(defaultModelDir(), 'config.json'));
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** True for `--model` values meant as paths: `./x`, `../x`, `/x`, `~/x`, `x/`, or with a backslash. */
function looksLikePath(value: string): boolean {
  return /^(\.{1,2}([/\\]|$)|[/\\~])/.test(value) || /[/\\]$/.test(value) || value.includes('\\') || isAbsolute(value);
}

/**
 * Draws one progress bar per downloaded file on stderr: `downloading gpt2 model.safetensors (2/4)`.
 */
function downloadProgress(
  io: CliIo,
  id: string,
): { onProgress: (e: DownloadProgressEvent) => void; finish: () => void } {
  let bar: ProgressBar | undefined;
  let current: string | undefined;
  const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;
  return {
    onProgress(event) {
      if (event.file !== current) {
        bar?.finish();
        current = event.file;
        bar = createProgressBar(io.stderr, {
          label: `downloading ${id} ${event.file} (${event.index + 1}/${event.count})`,
        });
      }
      const size = event.total === undefined ? mb(event.received) : `${mb(event.received)} of ${mb(event.total)}`;
      bar?.update(event.fraction ?? 0, size);
    },
    finish: () => bar?.finish(),
  };
}

/**
 * Resolves `--model` and loads the model (the backend must be started first):
 * - no `--model`: the bundled model in the CLI's `data/models/corpus-gpt2/`;
 * - an existing directory (relative to the working directory): that checkpoint directory;
 * - otherwise a Hugging Face model id (`gpt2`, `distilgpt2`, `openai-community/gpt2-medium`, …): fetched
 *   into the cache directory with a progress bar on stderr, or found there; with `--offline` or
 *   `HF_HUB_OFFLINE=1` only the cache is used. `HF_ENDPOINT` names another Hub address, `HF_TOKEN` gives an
 *   access token for private and gated models.
 *
 * A value that looks like a path but is no directory, or is neither a directory nor a valid model id,
 * is a usage error. Library errors (a broken checkpoint, a failed download, `OFFLINE`) pass through.
 */
export async function resolveModel(io: CliIo, options: ModelOptions, signal: AbortSignal): Promise<ResolvedModel> {
  const value = options.model;
  let dir: string;
  let label: string;
  if (value === undefined) {
    dir = defaultModelDir();
    label = `bundled ${DEFAULT_MODEL_NAME}`;
    if (!bundledModelAvailable()) {
      throw new Error(`the bundled model is missing (${dir}); name one with --model ID|DIR`);
    }
  } else if (value === '') {
    throw new UsageError(`option '--model <id|dir>' argument '': name a directory or a Hugging Face model id`);
  } else if (await isDirectory(resolve(io.cwd, value))) {
    dir = resolve(io.cwd, value);
    label = dir;
  } else if (looksLikePath(value)) {
    throw new UsageError(`option '--model <id|dir>' argument '${value}': there is no such directory`);
  } else {
    const offline =
      options.offline === true || ['1', 'true', 'yes', 'on'].includes(io.env[OFFLINE_ENV]?.toLowerCase() ?? '');
    const endpoint = io.env[ENDPOINT_ENV];
    const token = io.env[TOKEN_ENV];
    const progress = downloadProgress(io, value);
    try {
      const downloaded = await downloadModel(value, {
        cacheDir: hubCacheDir(io, options.cacheDir),
        offline,
        signal,
        onProgress: progress.onProgress,
        ...(endpoint === undefined || endpoint === '' ? {} : { endpoint }),
        ...(token === undefined || token === '' ? {} : { token }),
      });
      dir = downloaded.dir;
      label = `${value} (Hub ${downloaded.downloaded ? 'download' : 'cache'}, ${downloaded.revision.slice(0, 10)})`;
    } catch (error) {
      if (Gpt2Error.isInstance(error) && error.code === 'INVALID_ARGUMENT' && error.argument === 'model') {
        throw new UsageError(
          `option '--model <id|dir>' argument '${value}' is neither a directory nor a Hugging Face model id`,
        );
      }
      throw error;
    } finally {
      progress.finish();
    }
  }
  const checkpoint = await loadCheckpoint(directorySource(dir), { signal });
  const bits = options.bits ?? 32;
  const gpt = await gpt2FromCheckpoint(checkpoint, bits === 32 ? {} : { quantize: { bits } });
  return { gpt, label, dir };
}

/** A model loaded on first use (see {@link lazyModel}). */
export interface LazyModel {
  /** Loads the model on the first call and returns the same one after; absent when there is none to load. */
  readonly get: (() => Promise<Gpt2>) | undefined;
  /** Frees the model if it was loaded. */
  dispose(): Promise<void>;
}

/**
 * The model of `--model` (see {@link resolveModel}), loaded only when first asked for, for commands
 * where only some work needs it (the tour). Without `--model` and without the bundled model, `get`
 * is absent. Says on stderr which model was loaded.
 */
export function lazyModel(io: CliIo, options: ModelOptions, signal: AbortSignal): LazyModel {
  const available = options.model !== undefined || bundledModelAvailable();
  let loading: Promise<ResolvedModel> | undefined;
  return {
    get: available
      ? async () => {
          loading ??= resolveModel(io, options, signal).then((resolved) => {
            io.stderr.write(`model: ${resolved.label}\n`);
            return resolved;
          });
          return (await loading).gpt;
        }
      : undefined,
    async dispose() {
      if (loading === undefined) return;
      const resolved = await loading.catch(() => undefined);
      resolved?.gpt.dispose();
    },
  };
}
