/** What the tour steps that need the GPT-2 model share (sections 1, 8.3, 9, 11.2, 12). */
import type { Gpt2 } from '@chatgpt-explained/gpt2';
import type { TourContext, TourStep, TourStepResult } from '../tour';
import type { Gpt2SectionContext } from './context';

/** Cancellation and progress of a tour step, for a section's experiment. */
export function sectionContext(item: string, { signal, onProgress }: TourContext): Gpt2SectionContext {
  return {
    signal,
    ...(onProgress === undefined
      ? {}
      : {
          onProgress: (p) =>
            onProgress({ item, fraction: p.fraction, ...(p.message === undefined ? {} : { message: p.message }) }),
        }),
  };
}

/** What a GPT-2 step returns when the app gave the tour no model (the same object every time). */
export const GPT2_SKIPPED: TourStepResult = {
  lines: ['skipped: the tour was given no GPT-2 model'],
  data: { skipped: 'no GPT-2 model' },
};

/** A step that needs the GPT-2 model: skipped (not failed) when the context has none. */
export function gpt2Step(
  item: string,
  run: (gpt: Gpt2, context: TourContext, section: Gpt2SectionContext) => Promise<TourStepResult> | TourStepResult,
): TourStep {
  return {
    item,
    run: async (context) => {
      if (context.gpt2 === undefined) return GPT2_SKIPPED;
      const gpt = await context.gpt2();
      return run(gpt, context, sectionContext(item, context));
    },
  };
}
