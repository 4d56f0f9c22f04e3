import type { ExtrapolationResult } from './extrapolation';
import type { LearnFunctionResult } from './learn-function';
import type { LossLandscapeResult } from './loss-landscape';

const fixed = (v: number, digits = 3) => Number(v.toPrecision(digits));
const point = (p: { readonly w1: number; readonly w2: number }) => `(${fixed(p.w1)}, ${fixed(p.w2)})`;

/** Essay 6.1 in a few lines: the set-up, the untrained nets' losses, the loss after each snapshot. */
export function learnFunctionLines(r: Omit<LearnFunctionResult, 'figures'>): string[] {
  return [
    `target ${r.target} on [${r.range.join(', ')}], ${r.examples} examples; net 1 → ${r.hidden.join(' → ')} → 1 (ReLU), Adam ${r.learningRate}, batch ${r.batchSize}`,
    `untrained nets: loss ${r.randomNets.map((n) => `${fixed(n.loss)} (seed ${n.seed})`).join(', ')}`,
    ...r.snapshots.map(
      (s) => `after ${s.step} steps (${s.examplesSeen.toLocaleString('en-US')} examples seen): loss ${fixed(s.loss)}`,
    ),
  ];
}

/** Essay 6.2 in two lines: the loss before and after training, and the batch loss at the start and end. */
export function learningCurveLines(r: Omit<LearnFunctionResult, 'figures'>): string[] {
  const n = r.losses.length;
  const tail = r.losses.slice(-Math.max(1, Math.round(n / 20)));
  return [
    `L2 loss on all ${r.examples} examples: ${fixed(r.initialLoss)} before training, ${fixed(r.finalLoss)} after ${n} steps (${fixed(r.initialLoss / r.finalLoss)}× lower)`,
    `batch loss: ${fixed(r.losses[0]!)} at step 1, mean ${fixed(tail.reduce((a, b) => a + b, 0) / tail.length)} over the last ${tail.length} steps`,
  ];
}

/** Essay 6.3 in a few lines: the grid's minimum and where each gradient-descent path ended. */
export function landscapeLines(r: Omit<LossLandscapeResult, 'figures'>): string[] {
  return [
    `${r.net}: L2 loss over (w1, w2) on a ${r.w1Axis.length}×${r.w2Axis.length} grid, smallest ${fixed(r.gridMinimum.loss)} at ${point(r.gridMinimum)}`,
    ...r.paths.map(
      (p) =>
        `gradient descent from ${point(p.start)}: loss ${fixed(p.losses[0]!)} → ${fixed(p.end.loss)} at ${point(p.end)} after ${p.points.length - 1} steps`,
    ),
  ];
}

/** Essay 6.4 in two lines: each net's training loss, and how far apart they are inside and outside. */
export function extrapolationLines(r: Omit<ExtrapolationResult, 'figures'>): string[] {
  return [
    `${r.nets.length} nets trained ${r.steps} steps on [${r.trainRange.join(', ')}]: training losses ${r.nets.map((n) => fixed(n.trainingLoss, 2)).join(', ')}`,
    `largest disagreement inside [${r.trainRange.join(', ')}]: ${fixed(r.inside.max)}; outside, over [${r.showRange.join(', ')}]: ${fixed(r.outside.max)} (${fixed(r.disagreementRatio)}× more)`,
  ];
}
