/**
 * Essay 13.1: computational irreducibility. Rule 30 from one black cell for as many steps as the
 * reader picks, and the essay's small net trained in the worker to predict a cell k steps ahead from
 * exactly the 2k + 1 cells that decide it, against the majority guess.
 */
import type { StepsAheadRow } from '@chatgpt-explained/essay';
import { button, controlRow, el, slider } from '../ui/controls';
import { debounce, figureBox, latestOnly, progressBar, statusLine, whenVisible } from '../ui/output';
import { startStop } from '../ui/start-stop';
import { widgetBox, type WidgetContext } from './section';

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** The picture: rule 30's rows from one black cell, re-drawn as the steps slider moves. */
function picture(ctx: WidgetContext, root: HTMLElement): HTMLElement {
  // 1 to 200 as the worker's RULE30_MAX_STEPS; the essay draws 100.
  const steps = slider({
    label: 'Steps from one black cell',
    name: 'rule30-steps',
    min: 1,
    max: 200,
    step: 1,
    value: 100,
  });
  const figure = figureBox('rule30', 'Picture: the rows of rule 30 from one black cell, time running down');
  const summary = el('p', { className: 'summary', attrs: { 'data-summary': 'rule30' } });
  const status = statusLine('rule30');
  const run = latestOnly((error) => status.set(error.message, 'error'));
  const update = (): void =>
    run(async (signal) => {
      status.set('running rule 30…', 'busy');
      const r = await ctx.compute.call('rule30.picture', { steps: steps.value() }, { signal });
      figure.show(r.svg);
      Object.assign(figure.root.dataset, { steps: String(r.steps), width: String(r.width) });
      summary.dataset['centre'] = r.centreColumn.join('');
      // In groups of 8, so the line wraps on a phone.
      const shown = r.centreColumn
        .slice(0, 40)
        .join('')
        .replace(/(.{8})(?=.)/g, '$1 ');
      summary.textContent =
        `${r.steps} steps, ${r.width} cells wide. The centre column so far: ` +
        `${shown}${r.centreColumn.length > 40 ? '…' : ''}: no pattern, yet each cell follows from the three above it.`;
      status.set('');
    });
  steps.input.addEventListener('input', debounce(update, 150));
  const box = el('div');
  box.append(controlRow(steps.root), figure.root, summary, status.root);
  whenVisible(root, update);
  return box;
}

/** The net: trained on request for one k; each k's result joins the chart. */
function prediction(ctx: WidgetContext): HTMLElement {
  const k = slider({ label: 'Steps ahead k', name: 'rule30-k', min: 1, max: 16, step: 1, value: 1 });
  const trainSteps = slider({
    label: 'Training steps',
    name: 'rule30-train-steps',
    min: 100,
    max: 3000,
    step: 100,
    value: 400,
  });
  const train = button('Train', 'rule30-train');
  const stop = button('Stop', 'rule30-stop');
  const progress = progressBar('Training progress');
  const figure = figureBox(
    'rule30-steps-ahead',
    'Line chart: held-out accuracy of the net against steps ahead k, beside the majority guess and a lookup table',
  );
  const summary = el('p', { className: 'summary', attrs: { 'data-summary': 'rule30-steps-ahead' } });
  const status = statusLine('rule30-steps-ahead');
  const rows = new Map<number, StepsAheadRow>();
  startStop({
    start: train,
    stop,
    run: async (signal) => {
      const ahead = k.value();
      status.set(`training a net to predict ${ahead} step${ahead === 1 ? '' : 's'} ahead…`, 'busy');
      progress.set(0);
      const r = await ctx.compute.call(
        'rule30.steps-ahead',
        { stepsAhead: ahead, trainSteps: trainSteps.value(), earlier: [...rows.values()] },
        {
          signal,
          onProgress: (p) => {
            progress.set(p.fraction);
            if (p.loss !== undefined) status.set(`training… loss ${p.loss.toPrecision(3)}`, 'busy');
          },
        },
      );
      const row = r.row;
      rows.set(row.stepsAhead, row);
      figure.show(r.svg);
      Object.assign(summary.dataset, {
        k: String(row.stepsAhead),
        heldOut: String(row.heldOutAccuracy),
        majority: String(row.majorityAccuracy),
        lookup: String(row.lookupAccuracy),
      });
      summary.textContent =
        `k = ${row.stepsAhead}: the net sees ${row.inputs} cells (${row.patterns.toLocaleString('en-US')} possible inputs) ` +
        `and gets ${percent(row.heldOutAccuracy)} of ${r.heldOutExamples.toLocaleString('en-US')} held-out cells right ` +
        `(${percent(row.trainAccuracy)} in training); always guessing the commoner colour gets ${percent(row.majorityAccuracy)}, ` +
        `a lookup table of the training examples ${percent(row.lookupAccuracy)}.`;
      status.set('done');
    },
    onStopped: () => status.set('stopped'),
    onError: (error) => status.set(error.message, 'error'),
    onSettled: () => progress.set(undefined),
  });
  const box = el('div');
  box.append(controlRow(k.root, trainSteps.root, train, stop), progress.root, summary, figure.root, status.root);
  return box;
}

/** The rule 30 widget: the picture (drawn once visible) and the k-steps-ahead net (trained on request). */
export function rule30Widget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('rule30', 'Rule 30: simple rule, no shortcut', '13.1');
  body.append(
    el('h4', { text: 'Rule 30 from one black cell' }),
    picture(ctx, root),
    el('h4', { text: 'Can a net predict k steps ahead?' }),
    prediction(ctx),
  );
  return root;
}
