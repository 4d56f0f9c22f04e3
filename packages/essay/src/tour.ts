import type { Gpt2 } from '@chatgpt-explained/gpt2';
import type { ComputeContext } from '@chatgpt-explained/nn-core';
import type { EssayData } from './data';
import { EssayError } from './errors';
import type { Figure } from './figure';
import { DIGIT_STEPS } from './digits/tour-steps';
import { EMBEDDING_STEPS } from './embeddings/tour-steps';
import { GPT_TRAINING_STEPS } from './gpt-training/tour-steps';
import { MEANING_STEPS } from './meaning/tour-steps';
import { MODEL_STEPS } from './models/tour-steps';
import { NET_STEPS } from './nets/tour-steps';
import { PARENS_STEPS } from './parens/tour-steps';
import { PRACTICE_STEPS } from './practice/tour-steps';
import { STATISTICS_STEPS } from './statistics/tour-steps';
import { SYNTAX_STEPS } from './syntax/tour-steps';
import { TRAINING_STEPS } from './training/tour-steps';
import { IRREDUCIBILITY_STEPS } from './irreducibility/tour-steps';
import { ESSAY_SECTIONS, type EssayItem } from './sections';
import { GPT2_STEPS, withGpt2Steps } from './gpt2/tour-steps';

/** Progress of a long tour step, for the app to draw (libraries never print). */
export interface TourProgress {
  /** The item being run, e.g. `"2.4"`. */
  readonly item: string;
  /** Done so far, 0…1. */
  readonly fraction: number;
  readonly message?: string;
}

/** What every tour step receives from the app. */
export interface TourContext {
  /** The bundled data (corpus, articles, letter frequencies), read by the app. */
  readonly data: EssayData;
  /** The backend the app started. */
  readonly compute: ComputeContext;
  /** Smaller inputs and fewer iterations, for CI and smoke runs. */
  readonly quick: boolean;
  /** Cancels long work. */
  readonly signal?: AbortSignal;
  /** Receives progress of long work. */
  readonly onProgress?: (progress: TourProgress) => void;
  /**
   * The GPT-2 model of the GPT-2 steps (1.1–1.4, 8.3, 9.2–9.4), loaded on first call: return the
   * same model every time; the app disposes it after the tour. Without it those steps are skipped.
   */
  readonly gpt2?: () => Promise<Gpt2>;
}

/** What a step returns: lines for people and data for `--json`. */
export interface TourStepResult {
  /** Short human-readable lines summarising the result. */
  readonly lines: readonly string[];
  /** The step's data, JSON-serialisable. */
  readonly data: unknown;
  /** Figures for the app to render and save. */
  readonly figures?: readonly Figure[];
}

/** One runnable experiment of the essay. */
export interface TourStep {
  /** The essay item it implements, e.g. `"2.1"` (see {@link ESSAY_SECTIONS}). */
  readonly item: string;
  run(context: TourContext): Promise<TourStepResult>;
}

/** An essay item with whether the tour can run it yet. */
export interface TourPlanEntry extends EssayItem {
  readonly section: number;
  readonly runnable: boolean;
}

/**
 * Joins the essay's table of contents with the steps that exist, in essay order. Throws
 * `INVALID_ARGUMENT` for a step whose item is not in the essay or that appears twice.
 */
export function tourPlan(steps: readonly TourStep[]): TourPlanEntry[] {
  const known = new Set(ESSAY_SECTIONS.flatMap((s) => s.items.map((i) => i.id)));
  const seen = new Set<string>();
  for (const step of steps) {
    if (!known.has(step.item)) {
      throw new EssayError('INVALID_ARGUMENT', `tourPlan: step item "${step.item}" is not an essay item`, {
        argument: 'steps',
        value: step.item,
        expected: 'an item id such as "2.1"',
      });
    }
    if (seen.has(step.item)) {
      throw new EssayError('INVALID_ARGUMENT', `tourPlan: two steps implement item "${step.item}"`, {
        argument: 'steps',
        value: step.item,
      });
    }
    seen.add(step.item);
  }
  return ESSAY_SECTIONS.flatMap((section) =>
    section.items.map((item) => ({ ...item, section: section.number, runnable: seen.has(item.id) })),
  );
}

/**
 * The runnable experiments, in essay order. It grows with each feature: the n-gram sections,
 * the small nets, digits, embeddings and GPT-2 each add their steps here.
 */
const ESSAY_STEPS: readonly TourStep[] = [
  ...STATISTICS_STEPS,
  ...MODEL_STEPS,
  ...NET_STEPS,
  ...TRAINING_STEPS,
  ...PRACTICE_STEPS,
  ...DIGIT_STEPS,
  ...EMBEDDING_STEPS,
  ...GPT_TRAINING_STEPS,
  ...PARENS_STEPS,
  ...SYNTAX_STEPS,
  ...MEANING_STEPS,
  ...IRREDUCIBILITY_STEPS,
];

/** {@link ESSAY_STEPS} and GPT-2's, where 1.3 and 1.4 run the n-gram and the GPT-2 experiment. */
export const TOUR_STEPS: readonly TourStep[] = withGpt2Steps(ESSAY_STEPS, GPT2_STEPS);
