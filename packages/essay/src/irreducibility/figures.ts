/** The figures of essay 13.1: an automaton's rows as a picture, and accuracy against steps ahead. */
import type { Figure } from '../figure';
import type { AutomatonRun } from './automaton';
import type { StepsAheadRow } from './steps-ahead';

/**
 * The rows of a run as a black-and-white picture, time running down: row 0 (the start) on top,
 * cell 1 black, cell 0 white. Named `name` (default `13.1-rule-<rule>`).
 */
export function automatonFigure(run: AutomatonRun, name = `13.1-rule-${run.rule}`): Figure {
  return {
    name,
    spec: {
      kind: 'heatmap',
      title: `Rule ${run.rule}: ${run.steps} steps`,
      subtitle: 'each row is the row above after one step; black = 1, white = 0',
      values: run.rows.map((row) => Array.from(row)),
      xLabel: 'cell',
      yLabel: 'step',
      // Three pixels a cell across for the usual 2·steps + 1 cells, so the cells stay crisp.
      width: Math.min(1200, 3 * run.width),
      color: { range: ['#ffffff', '#000000'], domain: [0, 1], legend: false },
    },
  };
}

/** Held-out and training accuracy against steps ahead, with the majority and lookup-table baselines. */
export function stepsAheadFigure(rule: number, rows: readonly StepsAheadRow[]): Figure {
  const x = rows.map((r) => r.stepsAhead);
  const percent = (f: (r: StepsAheadRow) => number) => rows.map((r) => 100 * f(r));
  return {
    name: '13.1-steps-ahead',
    spec: {
      kind: 'line',
      title: `Predicting rule ${rule} k steps ahead from the 2k + 1 cells that decide it`,
      subtitle: 'the same net and training for every k; held out = other random rows',
      series: [
        // The net's held-out line last, so it is drawn on top where the lines meet at 100 %.
        { name: 'majority, held out', x, y: percent((r) => r.majorityAccuracy), style: 'line+points' },
        { name: 'lookup table, held out', x, y: percent((r) => r.lookupAccuracy), style: 'line+points' },
        { name: 'net, training', x, y: percent((r) => r.trainAccuracy), style: 'line+points' },
        { name: 'net, held out', x, y: percent((r) => r.heldOutAccuracy), style: 'line+points' },
      ],
      xLabel: 'steps ahead k',
      yLabel: 'right answers (%)',
      // One step of room on the right, so the last markers are not cut in half by the frame.
      xDomain: [0, Math.max(...x) + 1],
      yDomain: [0, 100],
      legendTitle: 'predictor',
    },
  };
}
