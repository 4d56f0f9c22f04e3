/** The lines essay 13.1's tour step prints. */
import type { AutomatonRun } from './automaton';
import type { StepsAheadResult } from './steps-ahead';

const percent = (f: number) => `${(100 * f).toFixed(1)} %`;
const count = (n: number) => n.toLocaleString('en-US');

/** What the picture shows: its size, the start of the centre column, and how many cells are black. */
export function automatonLines(run: AutomatonRun, centre: readonly number[]): string[] {
  let black = 0;
  for (const row of run.rows) for (const c of row) black += c;
  const cells = run.rows.length * run.width;
  return [
    `Rule ${run.rule} from one black cell, ${run.steps} steps (${run.width} cells, white beyond the ends): ` +
      `${count(black)} of ${count(cells)} cells black; centre column ${centre.slice(0, 32).join('')}…`,
  ];
}

/** The net and data of the experiment, one line per horizon, and what it comes to. */
export function stepsAheadLines(r: Omit<StepsAheadResult, 'figures'>): string[] {
  const lines = [
    `Predict rule ${r.rule} k steps ahead from the 2k + 1 cells that decide it: the same net for every k ` +
      `(2k + 1 → ${Array(r.hiddenLayers).fill(r.hidden).join(' → ')} → 2, Ramp), ${count(r.steps)} Adam steps ` +
      `of ${r.batchSize}, learning rate ${r.learningRate} → ${r.learningRate / 10}; ${count(r.trainExamples)} ` +
      `training examples (${r.trainRows} random rows × ${r.width} cells), ${count(r.heldOutExamples)} held out ` +
      `(${r.heldOutRows} other rows)`,
  ];
  for (const row of r.rows) {
    lines.push(
      `  k = ${row.stepsAhead}: ${row.inputs} cells in, 2^${row.inputs} = ${count(row.patterns)} patterns, ` +
        `${count(row.distinctTrainPatterns)} seen in training; held out ${percent(row.heldOutAccuracy)}, ` +
        `training ${percent(row.trainAccuracy)}; majority guess ${percent(row.majorityAccuracy)}, ` +
        `lookup table ${percent(row.lookupAccuracy)}`,
    );
  }
  const first = r.rows[0];
  const last = r.rows.at(-1);
  if (first !== undefined && last !== undefined && last !== first) {
    const memorised = last.trainAccuracy - last.heldOutAccuracy > 0.2 ? ' (it memorised its training rows)' : '';
    lines.push(
      `${first.stepsAhead} step${first.stepsAhead === 1 ? '' : 's'} ahead the net is right on ` +
        `${percent(first.heldOutAccuracy)} of held-out cells; ${last.stepsAhead} steps ahead on ` +
        `${percent(last.heldOutAccuracy)}, against ${percent(last.majorityAccuracy)} for always guessing the ` +
        `commoner colour, with ${percent(last.trainAccuracy)} on training${memorised}`,
    );
  }
  return lines;
}
