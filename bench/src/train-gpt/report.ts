// The table of `pnpm bench train-gpt`: ms per step, tokens/s and the ratio to PyTorch, per implementation.
import { markdownTable } from '../harness';
import type { TrainGptModelConfig, TrainGptWorkerResult } from '../train-gpt-types';
import { lossGap } from '../train/report';

/** Tokens trained on per second: B·T tokens per step of `msPerStep` ms. */
export function tokensPerSecond(model: TrainGptModelConfig, msPerStep: number): number {
  return (model.batch * model.contextLength * 1000) / msPerStep;
}

/** The row name of an implementation. */
export function rowName(r: TrainGptWorkerResult, torchThreads: number): string {
  if (r.implementation === 'torch') return `PyTorch, ${torchThreads} threads`;
  if (r.implementation === 'torch-1t') return 'PyTorch, 1 thread';
  if (r.implementation === 'torch-netlib') return `PyTorch, ${torchThreads} threads, netlib BLAS`;
  if (r.implementation === 'webgpu' && !r.hardware) return 'ours webgpu (software)';
  return `ours ${r.implementation}`;
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/**
 * One row per implementation that ran: ms per step (median round), tokens/s, tokens/s ÷ the
 * reference's (its ms per step ÷ ours), and the largest relative gap of the parity losses to the
 * reference's.
 */
export function resultsTable(
  model: TrainGptModelConfig,
  results: readonly TrainGptWorkerResult[],
  reference: TrainGptWorkerResult | undefined,
  torchThreads: number,
): string {
  const rows = results
    .filter((r) => r.msPerStep !== undefined)
    .map((r) => [
      rowName(r, torchThreads),
      fmt(r.msPerStep!),
      fmt(tokensPerSecond(model, r.msPerStep!)),
      reference?.msPerStep === undefined ? '–' : `${(reference.msPerStep / r.msPerStep!).toFixed(3)}×`,
      reference === undefined || r === reference
        ? 'reference'
        : lossGap(r.losses ?? [], reference.losses ?? []).toExponential(1),
    ]);
  const ratio = reference === undefined ? 'ratio' : `÷ ${rowName(reference, torchThreads)}`;
  return markdownTable(['implementation', 'ms/step (median)', 'tokens/s', ratio, 'loss gap'], rows);
}
