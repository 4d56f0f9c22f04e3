/**
 * Essay 12.3: a prompt's path through the model's space of meanings. The model continues the prompt
 * greedily; each point is its state after a token, projected to 2-D, with where the likeliest
 * alternatives would have led.
 */
import { controlRow, el, slider, textField } from '../ui/controls';
import { debounce, figureBox, latestOnly, progressBar, statusLine, whenVisible } from '../ui/output';
import { widgetBox, type WidgetContext } from './section';

const SAMPLE = 'The best thing about AI is its ability to';

export function meaningWidget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('meaning', 'The path of a prompt through meaning space', '12.3');
  const prompt = textField({ label: 'Prompt to continue', name: 'meaning-prompt', value: SAMPLE });
  const steps = slider({ label: 'Tokens to add', name: 'meaning-steps', min: 2, max: 30, step: 1, value: 12 });
  const status = statusLine('meaning');
  const progress = progressBar('Computing the path');
  const summary = el('p', { className: 'summary', attrs: { 'data-summary': 'meaning' } });
  const figure = figureBox('meaning', 'Scatter plot: the state after each token of the continuation, in 2-D');
  const run = latestOnly((error) => {
    progress.set(undefined);
    status.set(error.message, 'error');
  });
  const update = (): void =>
    run(async (signal) => {
      status.set('following the path…', 'busy');
      progress.set(0);
      const r = await ctx.compute.call(
        'meaning.trajectory',
        { choice: ctx.gptChoice.get(), prompt: prompt.input.value, steps: steps.value() },
        { signal, onProgress: (f) => progress.set(f) },
      );
      const share = r.explainedVariance.slice(0, 2).reduce((a, b) => a + b, 0);
      summary.textContent =
        `${r.model.label} continues ${JSON.stringify(r.prompt)} with ${JSON.stringify(r.text)}. ` +
        `The two axes keep ${(100 * share).toFixed(0)}% of how the path varies.`;
      figure.root.dataset['ids'] = JSON.stringify(r.ids);
      figure.root.dataset['points'] = String(r.path.length);
      figure.show(r.svg);
      figure.root.querySelector('svg')?.setAttribute('aria-hidden', 'true');
      progress.set(undefined);
      status.set('');
    });
  prompt.input.addEventListener('input', debounce(update, 400));
  steps.input.addEventListener('input', debounce(update, 300));
  ctx.gptChoice.subscribe(update);
  body.append(controlRow(prompt.root, steps.root), progress.root, summary, figure.root, status.root);
  whenVisible(root, update);
  return root;
}
