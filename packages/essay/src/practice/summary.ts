/**
 * One-line summaries of the practice experiments (essay 7.1–7.3), shared by the tour and the CLI.
 */
import type { NetSizeResult } from './net-size';
import type { PracticeResult } from './practice';
import type { QuantizationResult } from './quantization';

const p3 = (v: number): string => v.toPrecision(3);
const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Lines for {@link NetSizeResult}: the loss of each size, then the perceptron's two fits. */
export function netSizeLines(r: Omit<NetSizeResult, 'figures'>): string[] {
  const { linear, wiggly } = r.perceptron;
  return [
    `target ${r.target} on [-1, 1], ${r.x.length} points; ${plural(r.hiddenLayers, 'ReLU hidden layer')}, ${r.steps} full-batch Adam steps each`,
    ...r.nets.map(
      (n) =>
        `${String(n.hidden).padStart(3)} ${n.hidden === 1 ? 'unit ' : 'units'} per layer (${n.parameters} weights): loss ${p3(n.loss)}`,
    ),
    `perceptron y = w·x + b on ${linear.target}: w = ${p3(linear.weight)}, b = ${p3(linear.bias)}, loss ${linear.loss.toExponential(1)}`,
    `perceptron on ${wiggly.target}: loss ${p3(wiggly.loss)}; the best any line can do is ${p3(wiggly.bestLineLoss)}`,
  ];
}

/** Lines for {@link PracticeResult}: one or two per part run. */
export function practiceLines(r: Omit<PracticeResult, 'figures'>): string[] {
  const lines: string[] = [];
  if (r.epochs) {
    lines.push(
      `epochs (${r.epochs.x.length} points of ${r.epochs.target}, batch ${r.epochs.batchSize}): ` +
        r.epochs.runs.map((e) => `${e.epochs} → loss ${p3(e.loss)}`).join(', '),
    );
  }
  if (r.batch) {
    lines.push(
      `batch size (${r.batch.epochs} passes over ${r.batch.points} points, the same examples seen): ` +
        r.batch.runs
          .map(
            (b) =>
              `batch ${b.batchSize} → ${b.steps} steps, loss ${p3(b.loss.at(-1)!)} (${Math.round(b.elapsedMs)} ms)`,
          )
          .join(', '),
    );
  }
  if (r.loss) {
    const { l1, l2, line } = r.loss;
    lines.push(
      `L2 vs L1 (points around ${line.formula}, ${r.loss.outlier.filter(Boolean).length} outliers): ` +
        `L2 line ${p3(l2.slope)}x + ${p3(l2.intercept)}, RMS error on the clean points ${p3(l2.cleanRmsError)}; ` +
        `L1 line ${p3(l1.slope)}x + ${p3(l1.intercept)}, ${p3(l1.cleanRmsError)}`,
    );
  }
  if (r.augment) {
    const { plain, augmented } = r.augment;
    lines.push(
      `augmentation (${r.augment.train.x.length} points of ${r.augment.target} on [0, 1]): held-out loss on [-1, 1] ` +
        `${p3(plain.heldOutLoss)} as given, ${p3(augmented.heldOutLoss)} with mirror images x → −x`,
    );
  }
  return lines;
}

/** Lines for {@link QuantizationResult}: loss and bytes per precision. */
export function quantizationLines(r: Omit<QuantizationResult, 'figures'>): string[] {
  return [
    `a ${r.hiddenLayers}×${r.hidden}-unit ReLU net (${r.parameters} weights) fitted to ${r.target}`,
    ...r.rows.map(
      (row) =>
        `${row.precision.padEnd(7)}: loss ${p3(row.loss)}, ${row.bytes} bytes` +
        (row.bits === 32
          ? ''
          : `, weights off by up to ${p3(row.maxWeightError)} (RMS ${(100 * row.relativeRmsError).toFixed(1)}% of theirs)`),
    ),
  ];
}
