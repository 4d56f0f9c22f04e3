/**
 * Tasks of essay section 9: real GPT-2 from the Hugging Face Hub, fetched only when the reader asks,
 * kept in Cache Storage, then used by every GPT widget (through `loadGpt`).
 */
import { nextTokens } from '@chatgpt-explained/gpt2';
import { hubGptKey, loadGpt } from '../gpt-models';
import {
  checkHubModel,
  downloadHubModel,
  isHubModelStored,
  removeHubModel,
  type HubDownloadProgress,
} from '../hub-cache';
import { task, type LoadedGpt } from '../task';

/** Which Hub model, where. */
export interface HubModelInput {
  readonly endpoint: string;
  readonly id: string;
}

/** Progress of `hub.load`: bytes downloaded, then building the model. */
export type HubLoadProgress = HubDownloadProgress | { readonly phase: 'load' };

export const hubTasks = {
  /** Whether the model is stored in this browser (reads Cache Storage only; no network). */
  'hub.stored': task(async (input: HubModelInput) => ({ stored: await isHubModelStored(input.endpoint, input.id) })),

  /**
   * Downloads the model unless stored (progress in bytes), then loads it into the worker, where the GPT
   * widgets find it. Cancelling stops the download and stores nothing.
   */
  'hub.load': task<
    HubModelInput,
    { label: string; layers: number; vocabSize: number; fromCache: boolean },
    HubLoadProgress
  >(async (input, ctx) => {
    checkHubModel(input.endpoint, input.id);
    const fromCache = await isHubModelStored(input.endpoint, input.id);
    if (!fromCache) {
      await downloadHubModel(input.endpoint, input.id, { signal: ctx.signal, onProgress: (p) => ctx.progress(p) });
    }
    ctx.progress({ phase: 'load' });
    const loaded = await loadGpt(ctx, { kind: 'hub', endpoint: input.endpoint, id: input.id });
    return {
      label: loaded.label,
      layers: loaded.gpt.config.layers,
      vocabSize: loaded.gpt.config.vocabSize,
      fromCache,
    };
  }),

  /**
   * Deletes the stored model from this browser and frees the worker's loaded copy (the page has
   * switched its GPT widgets back to the bundled model first).
   */
  'hub.remove': task(async (input: HubModelInput, ctx) => {
    await removeHubModel(input.endpoint, input.id);
    const loaded = ctx.forget<LoadedGpt>(hubGptKey(input.endpoint, input.id));
    const freed =
      loaded === undefined
        ? false
        : await loaded.then(
            (m) => (m.gpt.dispose(), true),
            () => false,
          );
    return { removed: true, freed };
  }),

  /** The ten most likely next tokens after the reader's prompt, under the (loaded) Hub model. */
  'hub.next': task(async (input: HubModelInput & { readonly prompt: string }, ctx) => {
    const { gpt } = await loadGpt(ctx, { kind: 'hub', endpoint: input.endpoint, id: input.id });
    const result = await nextTokens(gpt, input.prompt, { top: 10 });
    return { promptIds: result.promptIds, tokens: result.tokens };
  }),
};
