/** Essay 6.3: the two-weight net's loss landscape and gradient descent from a start the reader picks. */
import { controlRow, el, select, slider } from '../ui/controls';
import { debounce, figureBox, latestOnly, statusLine, whenVisible } from '../ui/output';
import { widgetBox, type WidgetContext } from './section';

/** Starts to choose from: two of the essay's and a few more over the drawn ranges. */
const STARTS = [
  { value: '-1,2', text: '(−1, 2): downhill to the global minimum' },
  { value: '1,-2.5', text: '(1, −2.5): caught in a local minimum' },
  { value: '3.5,-2.5', text: '(3.5, −2.5)' },
  { value: '-3.5,2.5', text: '(−3.5, 2.5)' },
  { value: '0.5,0.5', text: '(0.5, 0.5)' },
];

const point = (w1: number, w2: number): string => `(${w1.toFixed(2)}, ${w2.toFixed(2)})`;
const loss = (v: number): string => (v < 5e-5 ? v.toExponential(1) : v.toPrecision(3));

/** The loss-landscape widget: start, learning rate and steps; heatmap with the descent path. */
export function lossLandscapeWidget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('loss-landscape', 'Gradient descent on a loss landscape', '6.3');
  const start = select({ label: 'Start (w1, w2)', name: 'landscape-start', choices: STARTS, value: '-1,2' });
  const rate = slider({
    label: 'Learning rate',
    name: 'landscape-rate',
    min: 0.05,
    max: 2,
    step: 0.05,
    value: 0.5,
    format: (v) => v.toFixed(2),
  });
  const steps = slider({ label: 'Steps', name: 'landscape-steps', min: 10, max: 500, step: 10, value: 150 });
  const status = statusLine('loss-landscape');
  const summary = el('p', { className: 'summary', attrs: { 'data-summary': 'loss-landscape' } });
  const figure = figureBox(
    'loss-landscape',
    'Heatmap: the loss over the two weights w1 and w2, with the path gradient descent takes',
  );
  const run = latestOnly((error) => status.set(error.message, 'error'));
  const update = (): void =>
    run(async (signal) => {
      const [w1, w2] = start.input.value.split(',').map(Number) as [number, number];
      status.set('descending…', 'busy');
      const r = await ctx.compute.call(
        'train.landscape',
        { w1, w2, learningRate: rate.value(), steps: steps.value() },
        { signal },
      );
      summary.textContent =
        `From ${point(r.start.w1, r.start.w2)} with loss ${loss(r.start.loss)} to ` +
        `${point(r.end.w1, r.end.w2)} with loss ${loss(r.end.loss)} after ${r.losses.length - 1} steps.`;
      Object.assign(summary.dataset, {
        startW1: String(r.start.w1),
        startW2: String(r.start.w2),
        startLoss: String(r.start.loss),
        endW1: String(r.end.w1),
        endW2: String(r.end.w2),
        endLoss: String(r.end.loss),
      });
      figure.show(r.svg);
      status.set(`${r.net}; the data come from w1 = 2, w2 = 1.`);
    });
  const later = debounce(update, 200);
  start.input.addEventListener('change', update);
  rate.input.addEventListener('input', later);
  steps.input.addEventListener('input', later);
  body.append(controlRow(start.root, rate.root, steps.root), summary, figure.root, status.root);
  whenVisible(root, update);
  return root;
}
