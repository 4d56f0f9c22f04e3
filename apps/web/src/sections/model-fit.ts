/** Essay 3.1: the fall-time data fitted by the formula the reader picks, with its coefficients and error. */
import { controlRow, el, select, slider } from '../ui/controls';
import { debounce, figureBox, latestOnly, statusLine, whenVisible } from '../ui/output';
import { widgetBox, type WidgetContext } from './section';

/** The essay's formulas (as the worker's FALL_TIME_MODELS). */
const FORMULAS = [
  { value: 'line', text: 'a + b x (a line)' },
  { value: 'quadratic', text: 'a + b x + c x² (a quadratic)' },
  { value: 'poor', text: 'a + b/x + c sin x (a poor choice)' },
];

const seconds = (v: number): string => `${Number(v.toPrecision(3))} s`;

/** The model-fit widget: formula and floors; data points, fitted curve, coefficients and errors. */
export function modelFitWidget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('model-fit', 'Fit a formula to fall times', '3.1');
  const formula = select({ label: 'Formula', name: 'fit-formula', choices: FORMULAS, value: 'quadratic' });
  const floors = slider({ label: 'Floors of the tower', name: 'fit-floors', min: 4, max: 30, step: 1, value: 10 });
  const status = statusLine('model-fit');
  const summary = el('p', { className: 'summary', attrs: { 'data-summary': 'model-fit' } });
  const figure = figureBox('model-fit', 'Line chart: time to fall from each floor, and the fitted curve');
  const run = latestOnly((error) => status.set(error.message, 'error'));
  const update = (): void =>
    run(async (signal) => {
      status.set('fitting…', 'busy');
      const r = await ctx.compute.call(
        'fit.fall-times',
        { model: formula.input.value, floors: floors.value() },
        { signal },
      );
      summary.textContent =
        `t ≈ ${r.formula} with ` +
        r.coefficients.map((c) => `${c.name} = ${Number(c.value.toPrecision(8))}`).join(', ') +
        `; RMS error ${seconds(r.rmsError)}, largest ${seconds(r.maxError)}`;
      summary.dataset['model'] = r.model;
      summary.dataset['floors'] = String(r.floors.length);
      figure.show(r.svg);
      status.set('');
    });
  formula.input.addEventListener('change', update);
  floors.input.addEventListener('input', debounce(update, 150));
  body.append(controlRow(formula.root, floors.root), summary, figure.root, status.root);
  whenVisible(root, update);
  return root;
}
