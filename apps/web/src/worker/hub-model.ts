/**
 * Real GPT-2 from the Hugging Face Hub, downloaded once on the reader's request with progress, and
 * kept in the browser's Cache Storage so it downloads once (see hub-cache.ts). Large checkpoints
 * (GPT-2 124M: 548 MB of float32) are kept as 8-bit codes to save memory; small ones stay float32.
 */
import { gpt2FromCheckpoint, gpt2ParameterCount, loadCheckpoint } from '@chatgpt-explained/gpt2';
import { downloadHubModel, isHubModelStored, storedHubSource, type HubDownloadProgress } from './hub-cache';
import type { LoadedGpt, TaskContext } from './task';

/** Checkpoints larger than this (bytes of model.safetensors) are quantised to 8 bits. */
export const QUANTIZE_ABOVE_BYTES = 100_000_000;

/** Options of {@link loadHubGpt}. */
export interface LoadHubGptOptions {
  /** Fetch what the cache lacks (true only when the reader asked); false: cached files only. */
  readonly download: boolean;
  /** Download progress, then `{ phase: 'load' }` while the model is built. Default: none. */
  readonly onProgress?: (progress: HubDownloadProgress | { readonly phase: 'load' }) => void;
}

/** Loads Hub model `id` from `endpoint` (default https://huggingface.co). */
export async function loadHubGpt(
  ctx: TaskContext,
  endpoint: string,
  id: string,
  options: LoadHubGptOptions,
): Promise<LoadedGpt> {
  const onProgress = options.onProgress ?? ((): void => undefined);
  if (!(await isHubModelStored(endpoint, id))) {
    if (!options.download) {
      throw new Error(`${id} from ${endpoint} is not downloaded yet: download it in section 9 first`);
    }
    await downloadHubModel(endpoint, id, { signal: ctx.signal, onProgress });
  }
  onProgress({ phase: 'load' });
  const source = await storedHubSource(endpoint, id);
  const checkpoint = await loadCheckpoint(source, { signal: ctx.signal });
  const large = (source.bytes('model.safetensors') ?? 0) > QUANTIZE_ABOVE_BYTES;
  const gpt = await gpt2FromCheckpoint(checkpoint, large ? { quantize: { bits: 8 } } : {});
  const c = gpt.config;
  const millions = (gpt2ParameterCount(c) / 1e6).toFixed(c.layers > 6 ? 0 : 2);
  return {
    gpt,
    label: `${id} from ${new URL(endpoint).host} (${millions}M parameters: ${c.layers} layers, ${c.heads} heads, ${c.embedDim} dims${large ? '; 8-bit weights' : ''})`,
  };
}
