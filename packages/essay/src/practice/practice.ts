import type { ComputeContext } from '@chatgpt-explained/nn-core';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { augmentationExperiment, type AugmentationOptions, type AugmentationResult } from './augmentation';
import { batchSizeExperiment, type BatchSizeOptions, type BatchSizeResult } from './batch-size';
import { epochsExperiment, type EpochsOptions, type EpochsResult } from './epochs';
import { lossChoiceExperiment, type LossChoiceOptions, type LossChoiceResult } from './loss-choice';
import { progressPart, seedOf, type PracticeRunOptions } from './nets';

/** The side-by-sides of essay 7.2. */
export type PracticePart = 'epochs' | 'batch' | 'loss' | 'augment';

/** Every part of essay 7.2, in the order run. */
export const PRACTICE_PARTS: readonly PracticePart[] = ['epochs', 'batch', 'loss', 'augment'];

type Own<T> = Omit<T, keyof PracticeRunOptions | 'seed'>;

/** Options of {@link practiceExperiment}, with their defaults. */
export interface PracticeOptions extends PracticeRunOptions {
  /** The parts to run, in {@link PRACTICE_PARTS} order. Default all. */
  readonly only?: readonly PracticePart[];
  /** Seeds every part. Default 1. */
  readonly seed?: number;
  /** Settings of each part (see each experiment's defaults). */
  readonly epochs?: Own<EpochsOptions>;
  readonly batch?: Own<BatchSizeOptions>;
  readonly loss?: Own<LossChoiceOptions>;
  readonly augment?: Own<AugmentationOptions>;
}

/** Result of {@link practiceExperiment}: one entry per part run. */
export interface PracticeResult {
  readonly backend: string;
  readonly epochs?: Omit<EpochsResult, 'figures'>;
  readonly batch?: Omit<BatchSizeResult, 'figures'>;
  readonly loss?: Omit<LossChoiceResult, 'figures'>;
  readonly augment?: Omit<AugmentationResult, 'figures'>;
  /** The figures of the parts run, in order. */
  readonly figures: readonly Figure[];
}

/**
 * Essay 7.2, the practice of training, as four small side-by-sides: repetition (epochs), batch
 * size, the loss (L2 against L1 with outliers), and data augmentation (mirror images). Runs the
 * parts in `only` (all by default) with one seed and reports each one's data and figure. Disposes
 * every tensor it makes.
 */
export async function practiceExperiment(
  compute: ComputeContext,
  options: PracticeOptions = {},
): Promise<PracticeResult> {
  const op = 'practiceExperiment';
  const only = options.only ?? PRACTICE_PARTS;
  if (!Array.isArray(only) || only.length === 0) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: only must list at least one part`, {
      argument: 'only',
      value: only,
      expected: `some of ${PRACTICE_PARTS.join(', ')}`,
    });
  }
  for (const part of only) {
    if (!PRACTICE_PARTS.includes(part)) {
      throw new EssayError('INVALID_ARGUMENT', `${op}: only holds "${String(part)}", not a part of 7.2`, {
        argument: 'only',
        value: part,
        expected: PRACTICE_PARTS.join(', '),
      });
    }
  }
  const seed = seedOf(op, options.seed ?? 1);
  const parts = PRACTICE_PARTS.filter((p) => only.includes(p));
  const share = 1 / parts.length;
  const at = (part: PracticePart, label: string) => ({
    seed,
    ...progressPart(options, parts.indexOf(part) * share, share, label),
  });

  const figures: Figure[] = [];
  const keep = <T extends { figures: readonly Figure[] }>(r: T): Omit<T, 'figures'> => {
    const { figures: own, ...rest } = r;
    figures.push(...own);
    return rest;
  };
  const result: {
    -readonly [K in keyof PracticeResult]: PracticeResult[K];
  } = { backend: compute.backend, figures };
  if (parts.includes('epochs')) {
    result.epochs = keep(await epochsExperiment(compute, { ...options.epochs, ...at('epochs', 'epochs') }));
  }
  if (parts.includes('batch')) {
    result.batch = keep(await batchSizeExperiment(compute, { ...options.batch, ...at('batch', 'batch size') }));
  }
  if (parts.includes('loss')) {
    result.loss = keep(await lossChoiceExperiment(compute, { ...options.loss, ...at('loss', 'L2 vs L1') }));
  }
  if (parts.includes('augment')) {
    result.augment = keep(
      await augmentationExperiment(compute, { ...options.augment, ...at('augment', 'augmentation') }),
    );
  }
  return result;
}
