/** Essay 2.2–2.6: random text from letter and word n-grams of a book, with the order as a slider. */
import { button, controlRow, el, select, slider, textField } from '../ui/controls';
import { debounce, figureBox, latestOnly, statusLine, whenVisible } from '../ui/output';
import { widgetBox, type WidgetContext } from './section';

/** Largest order per unit (as the worker's NGRAM_MAX_ORDER). */
const MAX_ORDER = { letters: 6, words: 4 } as const;
type Unit = keyof typeof MAX_ORDER;

/** The n-gram widget: unit, order, seed and "generate again"; the text and the book's top n-grams. */
export function ngramWidget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('ngrams', 'Random text from n-grams of a book', '2.2–2.6');
  const unit = select({
    label: 'n-grams of',
    name: 'ngram-unit',
    choices: [
      { value: 'letters', text: 'letters' },
      { value: 'words', text: 'words' },
    ],
    value: 'letters',
  });
  const order = slider({ label: 'Order n', name: 'ngram-order', min: 1, max: MAX_ORDER.letters, step: 1, value: 3 });
  const seed = textField({ label: 'Seed', name: 'ngram-seed', value: '1' });
  seed.input.setAttribute('inputmode', 'numeric');
  const again = button('Generate again', 'ngram-again');
  const status = statusLine('ngrams');
  const text = el('p', { className: 'summary generated', attrs: { 'data-summary': 'ngrams' } });
  const figure = figureBox('ngrams', 'Bar chart: the most common n-grams of the chosen order in the book');
  const run = latestOnly((error) => status.set(error.message, 'error'));

  const update = (): void =>
    run(async (signal) => {
      const chosen = unit.input.value as Unit;
      const n = order.value();
      const s = Number(seed.input.value.trim());
      if (!Number.isInteger(s) || s < 0) throw new Error(`Seed must be a whole number ≥ 0, got “${seed.input.value}”`);
      status.set(`generating from ${chosen} ${n}-grams…`, 'busy');
      const result = await ctx.compute.call('ngrams.generate', { unit: chosen, order: n, seed: s }, { signal });
      text.textContent = result.tokens.join(' ');
      Object.assign(text.dataset, { unit: result.unit, order: String(result.order), seed: String(result.seed) });
      figure.show(result.svg);
      status.set(
        `${chosen === 'letters' ? 'Words made of letters' : 'Words'} drawn from the book’s ` +
          `${result.distinct.toLocaleString('en-US')} distinct ${chosen === 'letters' ? 'letter' : 'word'} ${n}-grams (seed ${s}).`,
      );
    });
  const later = debounce(update, 200);

  unit.input.addEventListener('change', () => {
    const max = MAX_ORDER[unit.input.value as Unit];
    order.input.max = String(max);
    if (order.value() > max) order.input.value = String(max);
    order.input.dispatchEvent(new Event('input'));
  });
  order.input.addEventListener('input', later);
  seed.input.addEventListener('input', later);
  again.addEventListener('click', () => {
    seed.input.value = String((Number(seed.input.value) || 0) + 1);
    update();
  });
  body.append(controlRow(unit.root, order.root, seed.root, again), text, status.root, figure.root);
  whenVisible(root, update);
  return root;
}
