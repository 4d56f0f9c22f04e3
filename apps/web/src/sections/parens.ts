/** Essay 11.1: the parentheses transformer's next-token probabilities after a prefix the reader types. */
import { button, controlRow, el, select, textField } from '../ui/controls';
import { debounce, figureBox, latestOnly, statusLine, whenVisible } from '../ui/output';
import { widgetBox, type WidgetContext } from './section';

const MODELS = [
  { value: 'parens-2block', text: 'parens-2block (2 attention blocks)' },
  { value: 'parens-1block', text: 'parens-1block (1 attention block)' },
] as const;

export function parensWidget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('parens', 'What comes after these parentheses?', '11.1');
  const prefix = textField({
    label: 'Parentheses typed so far (only ( and ))',
    name: 'parens-prefix',
    value: '((()()(',
  });
  const model = select({ label: 'Model', name: 'parens-model', choices: MODELS, value: 'parens-2block' });
  const open = button('Append (', 'parens-open');
  const close = button('Append )', 'parens-close');
  const clear = button('Clear', 'parens-clear');
  const table = el('table', { className: 'probabilities', attrs: { 'data-table': 'parens' } });
  const caption = el('caption', { text: 'Next token' });
  const tbody = el('tbody');
  table.append(caption, tbody);
  const status = statusLine('parens');
  const figure = figureBox('parens', 'Bar chart: probability of (, ) and End after each prefix of the typed text');
  const run = latestOnly((error) => status.set(error.message, 'error'));
  const update = (): void =>
    run(async (signal) => {
      status.set('computing…', 'busy');
      const result = await ctx.compute.call(
        'parens.next',
        { model: model.input.value as (typeof MODELS)[number]['value'], prefix: prefix.input.value },
        { signal },
      );
      tbody.replaceChildren(
        ...result.probabilities.map((p) => {
          const row = el('tr', { attrs: { 'data-token': p.text, 'data-probability': String(p.probability) } });
          row.append(
            el('th', { text: p.text, attrs: { scope: 'row' } }),
            el('td', { text: `${(100 * p.probability).toFixed(1)}%` }),
          );
          return row;
        }),
      );
      figure.show(result.svg);
      status.set(`after "${result.prefix}"`);
    });
  const append = (c: string): void => {
    prefix.input.value += c;
    update();
  };
  open.addEventListener('click', () => append('('));
  close.addEventListener('click', () => append(')'));
  clear.addEventListener('click', () => {
    prefix.input.value = '';
    update();
  });
  prefix.input.addEventListener('input', debounce(update, 200));
  model.input.addEventListener('change', update);
  body.append(controlRow(prefix.root, model.root), controlRow(open, close, clear), table, figure.root, status.root);
  whenVisible(root, update);
  return root;
}
