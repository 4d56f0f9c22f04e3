/**
 * Essay 1.1–1.3, the page's first widget: the next-token table for the reader's prompt, answered as
 * they type, and continuations sampled with a temperature, top-k and top-p. The model starts loading
 * as soon as the page does.
 */
import { controlRow, el, textField } from '../ui/controls';
import { debounce, latestOnly, statusLine } from '../ui/output';
import { nextTokenTable } from './gpt-widgets/next-token-table';
import { samplesPanel } from './gpt-widgets/samples';
import { widgetBox, type WidgetContext } from './section';

/** The essay's prompt. */
export const ESSAY_PROMPT = 'The best thing about AI is its ability to';

export function nextTokenWidget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('next-token', 'What comes next? The model’s probabilities', '1.1–1.3');
  const prompt = textField({ label: 'Prompt (the text so far)', name: 'prompt', value: ESSAY_PROMPT });
  const status = statusLine('next-token');
  const table = nextTokenTable('next-token');
  const samples = samplesPanel(ctx);
  const run = latestOnly((error) => status.set(error.message, 'error'));
  const update = (): void => {
    const text = prompt.input.value;
    const choice = ctx.gptChoice.get();
    run(async (signal) => {
      status.set('thinking…', 'busy');
      const r = await ctx.compute.call('gpt.next', { choice, prompt: text, top: 10 }, { signal });
      table.show(r.prompt, r.tokens, r.model.label);
      status.set('');
    });
    samples.update(text, choice);
  };
  prompt.input.addEventListener('input', debounce(update, 150));
  ctx.gptChoice.subscribe(update);
  const note = el('p', {
    className: 'summary',
    text: 'Probabilities at temperature 1. The samples below pick each next token at random by these probabilities, reshaped by the temperature (0: always the likeliest), top-k (only the k likeliest) and top-p (only the likeliest that make up p of the probability).',
  });
  body.append(controlRow(prompt.root), status.root, table.root, note, samples.root);
  // The first widget on the page: start at once (this loads the model in the worker).
  update();
  return root;
}
