import { markdownTable } from '../harness';
import type { TrainConfig, TrainModelConfig, TrainWorkerResult } from '../train-types';

/** Examples per step: rows for an MLP, sequences for a block. */
export function examplesPerStep(model: TrainModelConfig): number {
  return model.batch;
}

/** Tokens per step of a block (sequences × context); undefined for an MLP. */
export function tokensPerStep(model: TrainModelConfig): number | undefined {
  return model.kind === 'block' ? model.batch * model.context : undefined;
}

/** The largest relative difference between two loss sequences (Infinity when lengths differ). */
export function lossGap(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length || a.length === 0) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const gap = Math.abs(a[i]! - b[i]!) / Math.max(Math.abs(b[i]!), 1e-12);
    worst = Math.max(worst, Number.isNaN(gap) ? Infinity : gap);
  }
  return worst;
}

/** The row name of an implementation: webgpu on a software adapter says so. */
export function rowName(r: TrainWorkerResult, torchThreads: number): string {
  if (r.implementation === 'torch') return `PyTorch, ${torchThreads} threads`;
  if (r.implementation === 'torch-1t') return 'PyTorch, 1 thread';
  if (r.implementation === 'webgpu' && !r.hardware) return 'ours webgpu (software)';
  return `ours ${r.implementation}`;
}

const fmt = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));

/**
 * One row per (model, implementation): ms per step (median round), examples/s, tokens/s for blocks,
 * examples/s ÷ the reference's (PyTorch on `torchThreads` threads), and the largest relative gap of
 * the parity losses to the reference's.
 */
export function resultsTable(
  config: TrainConfig,
  models: readonly TrainModelConfig[],
  results: readonly TrainWorkerResult[],
  reference: TrainWorkerResult | undefined,
): string {
  const rows: string[][] = [];
  for (const model of models) {
    const ref = reference?.models.find((m) => m.id === model.id);
    for (const r of results) {
      const t = r.models.find((m) => m.id === model.id);
      if (t === undefined) continue;
      const perSecond = (examplesPerStep(model) * 1000) / t.msPerStep;
      const tokens = tokensPerStep(model);
      rows.push([
        model.id,
        rowName(r, config.torchThreads),
        fmt(t.msPerStep),
        fmt(perSecond),
        tokens === undefined ? '–' : fmt((tokens * 1000) / t.msPerStep),
        ref === undefined ? '–' : `${(ref.msPerStep / t.msPerStep).toFixed(3)}×`, // examples/s ÷ the reference's
        ref === undefined || r === reference ? 'reference' : lossGap(t.losses, ref.losses).toExponential(1),
      ]);
    }
  }
  return markdownTable(
    [
      'model',
      'implementation',
      'ms/step (median)',
      'examples/s',
      'tokens/s',
      reference === undefined ? 'ratio' : `÷ ${rowName(reference, config.torchThreads)}`,
      'loss gap',
    ],
    rows,
  );
}
