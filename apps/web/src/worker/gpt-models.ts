/**
 * The GPT the GPT widgets run: the bundled `corpus-gpt2` (this project's 4-layer model trained on the
 * bundled books, from the site's own files) or real GPT-2 from the Hugging Face Hub once the reader
 * has downloaded it (see hub-model.ts). Each is loaded once per worker and kept.
 */
import { gpt2FromCheckpoint, loadCheckpoint, memorySource, type LoadedCheckpoint } from '@chatgpt-explained/gpt2';
import { loadHubGpt } from './hub-model';
import type { AppFiles, LoadedGpt, TaskContext } from './task';

/** Which GPT: the bundled one, or a Hub model (`gpt2`) under a Hub address. */
export type GptChoice =
  { readonly kind: 'bundled' } | { readonly kind: 'hub'; readonly endpoint: string; readonly id: string };

/** The bundled model's folder under the site root. */
export const BUNDLED_GPT_DIR = 'data/models/corpus-gpt2';
const BUNDLED_GPT_FILES = ['config.json', 'model.safetensors', 'vocab.json', 'merges.txt'];
/** The memo key of the bundled checkpoint (read and parsed, not yet on the backend). */
export const BUNDLED_CHECKPOINT_KEY = 'gpt:bundled:checkpoint';

/**
 * Fetches and parses the bundled checkpoint and its tokenizer. Needs no backend, so the worker starts
 * it together with the backend and the first next-token answer waits for neither in turn.
 */
export async function bundledCheckpoint(files: AppFiles): Promise<LoadedCheckpoint> {
  const entries = await Promise.all(
    BUNDLED_GPT_FILES.map(async (name) => [name, await files.bytes(`${BUNDLED_GPT_DIR}/${name}`)] as const),
  );
  return loadCheckpoint(memorySource(Object.fromEntries(entries)));
}

/** The memo key under which the worker keeps a Hub model. */
export function hubGptKey(endpoint: string, id: string): string {
  return `gpt:hub:${endpoint}:${id}`;
}

/** The GPT for `choice`, loaded on first use. A Hub model must have been downloaded (cached) first. */
export function loadGpt(ctx: TaskContext, choice: GptChoice): Promise<LoadedGpt> {
  if (choice.kind === 'hub') {
    return ctx.memo(hubGptKey(choice.endpoint, choice.id), () =>
      loadHubGpt(ctx, choice.endpoint, choice.id, { download: false }),
    );
  }
  return ctx.memo('gpt:bundled', async () => {
    const checkpoint = await ctx.memo(BUNDLED_CHECKPOINT_KEY, () => bundledCheckpoint(ctx.files));
    return { gpt: await gpt2FromCheckpoint(checkpoint), label: 'corpus-gpt2 (bundled: 4 layers, 6 heads, 192 dims)' };
  });
}
