/** Essay 2.1: letter counts of text the reader pastes, beside English's. */
import { controlRow, el, textField } from '../ui/controls';
import { debounce, figureBox, latestOnly, statusLine, whenVisible } from '../ui/output';
import { widgetBox, type WidgetContext } from './section';

const SAMPLE =
  'The cat (Felis catus), also referred to as the domestic cat or house cat, is a small domesticated carnivorous mammal. ' +
  'It is the only domesticated species of the family Felidae. Paste any English text here and the counts follow it.';

export function lettersWidget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('letters', 'Letter counts of your text', '2.1');
  const text = textField({
    label: 'Text to count (paste anything)',
    name: 'letters-text',
    value: SAMPLE,
    multiline: true,
  });
  const status = statusLine('letters');
  const figure = figureBox('letters', 'Bar chart: share of each letter a–z in your text and in English');
  const top = el('p', { className: 'summary', attrs: { 'data-summary': 'letters' } });
  const run = latestOnly((error) => status.set(error.message, 'error'));
  const update = (): void =>
    run(async (signal) => {
      status.set('counting…', 'busy');
      const result = await ctx.compute.call('letters.count', { text: text.input.value }, { signal });
      const first = result.letters
        .slice(0, 5)
        .map((l) => `${l.letter} ${((100 * l.count) / result.total).toFixed(1)}%`);
      top.textContent =
        result.total === 0
          ? 'No letters a–z in this text.'
          : `${result.total.toLocaleString('en-US')} letters; most common: ${first.join(', ')}${result.truncated ? ' (first 2 MB only)' : ''}`;
      figure.show(result.svg);
      status.set('');
    });
  text.input.addEventListener('input', debounce(update, 250));
  body.append(controlRow(text.root), top, figure.root, status.root);
  whenVisible(root, update);
  return root;
}
