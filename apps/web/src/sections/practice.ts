/** Essay 7.1: how big a net must be: train one of the reader's size on a wiggly function. */
import { controlRow, el, select, slider } from '../ui/controls';
import { debounce, figureBox, latestOnly, progressBar, statusLine, whenVisible } from '../ui/output';
import { widgetBox, type WidgetContext } from './section';

/** Units per hidden layer the slider steps through (as the worker's PRACTICE_SIZES). */
const SIZES = [1, 2, 4, 8, 16, 32];

/** The practice widget: net size and depth; the trained net's fit and loss. */
export function practiceWidget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('practice', 'How big must a net be?', '7.1');
  const size = slider({
    label: 'Units per hidden layer',
    name: 'practice-units',
    min: 0,
    max: SIZES.length - 1,
    step: 1,
    value: 3,
    format: (i) => String(SIZES[i]),
  });
  const layers = select({
    label: 'Hidden layers',
    name: 'practice-layers',
    choices: ['1', '2', '3'].map((n) => ({ value: n, text: n })),
    value: '2',
  });
  const steps = slider({ label: 'Training steps', name: 'practice-steps', min: 100, max: 1500, step: 100, value: 300 });
  const status = statusLine('practice');
  const bar = progressBar('Training progress');
  const summary = el('p', { className: 'summary', attrs: { 'data-summary': 'practice' } });
  const figure = figureBox('practice', 'Line chart: the target function as dots and the trained net’s fit');
  const run = latestOnly((error) => {
    bar.set(undefined);
    status.set(error.message, 'error');
  });
  const update = (): void =>
    run(async (signal) => {
      const units = SIZES[size.value()]!;
      status.set(`training a net with ${units} units per layer…`, 'busy');
      bar.set(0);
      const r = await ctx.compute.call(
        'train.net-size',
        { units, layers: Number(layers.input.value), steps: steps.value() },
        {
          signal,
          onProgress: (p) => {
            bar.set(p.fraction);
            if (p.loss !== undefined) status.set(`training… loss ${p.loss.toPrecision(3)}`, 'busy');
          },
        },
      );
      bar.set(undefined);
      summary.textContent = `${r.parameters} parameters: loss ${r.loss.toPrecision(3)} after ${r.steps} steps.`;
      Object.assign(summary.dataset, { units: String(r.units), layers: String(r.layers), loss: String(r.loss) });
      figure.show(r.svg);
      status.set(
        r.loss < 0.01 ? 'Big enough: the net follows the curve.' : 'Too small (or too shallow) to follow every bump.',
      );
    });
  const later = debounce(update, 250);
  size.input.addEventListener('input', later);
  steps.input.addEventListener('input', later);
  layers.input.addEventListener('change', update);
  body.append(controlRow(size.root, layers.root, steps.root), summary, bar.root, figure.root, status.root);
  whenVisible(root, update);
  return root;
}
