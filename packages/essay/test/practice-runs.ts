/**
 * For the practice tests (not exported): each experiment is checked on cpu by calling it with the
 * tour's quick settings, and on wasm (the backend CI's tour uses) through its quick tour step, so
 * the same assertions cover both backends and the step's wiring without training twice.
 */
import {
  createBackendRegistry,
  initBackend,
  type BackendAdapter,
  type ComputeContext,
} from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import type { EssayData } from '../src/data';
import type { Figure } from '../src/figure';
import { PRACTICE_STEPS } from '../src/practice/tour-steps';

/** How a test case reaches the experiment. */
export interface PracticeTestCase {
  readonly backend: 'cpu' | 'wasm';
  readonly via: 'function' | 'tour step';
  readonly adapter: BackendAdapter;
}

/** cpu through the function, wasm through the quick tour step. */
export const PRACTICE_TEST_CASES: readonly PracticeTestCase[] = [
  { backend: 'cpu', via: 'function', adapter: cpuBackend() },
  { backend: 'wasm', via: 'tour step', adapter: wasmBackend() },
];

/** What a case produced: the result (figures put back), the progress seen, and the step's lines. */
export interface PracticeTestRun<R> {
  readonly result: R;
  readonly progress: ReadonlyArray<{ readonly fraction: number; readonly message: string }>;
  /** The tour step's lines; empty when called directly. */
  readonly lines: readonly string[];
  /** Tensors alive after the run that were not before it. */
  readonly leaked: number;
}

/**
 * Starts the case's backend and runs essay item `item`: `direct(compute, onProgress)` for the
 * function, or the quick tour step, whose data and figures are joined back into the result.
 */
export async function runPracticeCase<R extends { readonly figures: readonly Figure[] }>(
  testCase: PracticeTestCase,
  item: '7.1' | '7.2' | '7.3',
  direct: (
    compute: ComputeContext,
    onProgress: (p: { readonly fraction: number; readonly message: string }) => void,
  ) => Promise<R>,
): Promise<PracticeTestRun<R>> {
  const compute = await initBackend(createBackendRegistry([testCase.adapter]), testCase.backend);
  const progress: Array<{ fraction: number; message: string }> = [];
  const onProgress = (p: { readonly fraction: number; readonly message?: string }) =>
    progress.push({ fraction: p.fraction, message: p.message ?? '' });
  const before = compute.tf.memory().numTensors;
  if (testCase.via === 'function') {
    const result = await direct(compute, onProgress);
    return { result, progress, lines: [], leaked: compute.tf.memory().numTensors - before };
  }
  const step = PRACTICE_STEPS.find((s) => s.item === item)!;
  const out = await step.run({ compute, data: {} as EssayData, quick: true, onProgress });
  const result = { ...(out.data as Omit<R, 'figures'>), figures: out.figures ?? [] } as unknown as R;
  return { result, progress, lines: out.lines, leaked: compute.tf.memory().numTensors - before };
}
