/**
 * Essay 8.1: words as points. The reader types words; the worker places them on a 2-D map (PCA of
 * their word2vec vectors, trained on the bundled corpus) and lists a word's nearest neighbours.
 */
import { controlRow, el, slider, textField } from '../ui/controls';
import { debounce, figureBox, latestOnly, statusLine, whenVisible } from '../ui/output';
import { widgetBox, type WidgetContext } from './section';

/** The default words: groups of the essay's 8.1 figure (all frequent in the bundled corpus). */
export const DEFAULT_MAP_WORDS =
  'cat, dog, horse, bird, fish, bread, meat, wine, tea, milk, father, mother, brother, sister, red, green, blue, white, two, three, four, five';

export function wordMapWidget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('word-map', 'A map of words by meaning', '8.1');
  const words = textField({
    label: 'Words to place (separated by commas or spaces)',
    name: 'word-map-words',
    value: DEFAULT_MAP_WORDS,
    multiline: true,
    rows: 3,
  });
  const focus = textField({ label: 'Nearest neighbours of', name: 'word-map-focus', value: 'mother' });
  const count = slider({ label: 'Neighbours', name: 'word-map-count', min: 3, max: 20, step: 1, value: 10 });
  const status = statusLine('word-map');
  const figure = figureBox(
    'word-map',
    'Scatter plot: your words placed by the first two principal components of their vectors',
  );
  const summary = el('p', { className: 'summary', attrs: { 'data-summary': 'word-map' } });
  const heading = el('p');
  const list = el('ol', { attrs: { 'data-neighbours': 'word-map', 'aria-label': 'Nearest neighbours' } });

  const run = latestOnly((error) => status.set(error.message, 'error'));
  const update = (): void =>
    run(async (signal) => {
      status.set('placing words…', 'busy');
      const result = await ctx.compute.call(
        'words.map',
        { words: words.input.value.split(/[\s,;]+/), focus: focus.input.value, neighbours: count.value() },
        { signal },
      );
      if (result.svg) figure.show(result.svg);
      summary.textContent =
        `${result.placed.length} words placed` +
        (result.unknown.length > 0 ? `; not in the vocabulary: ${result.unknown.join(', ')}` : '') +
        ` (vocabulary ${result.vocabulary.toLocaleString('en-US')} words, ${result.dimensions}-dimensional vectors).`;
      if (result.placed.length < 2) summary.textContent += ' Type at least two known words to draw the map.';
      list.replaceChildren(
        ...result.neighbours.map((n) =>
          el('li', { text: `${n.word} (${n.similarity.toFixed(3)})`, attrs: { 'data-word': n.word } }),
        ),
      );
      heading.textContent =
        result.focus === ''
          ? 'Type a word to see its nearest neighbours.'
          : result.focusKnown
            ? `Nearest neighbours of “${result.focus}” (cosine similarity):`
            : `“${result.focus}” is not in the vocabulary.`;
      root.dataset['focus'] = result.focus;
      status.set('');
    });
  const later = debounce(update, 300);
  words.input.addEventListener('input', later);
  focus.input.addEventListener('input', later);
  count.input.addEventListener('input', later);
  body.append(
    controlRow(words.root),
    controlRow(focus.root, count.root),
    summary,
    figure.root,
    heading,
    list,
    status.root,
  );
  whenVisible(root, update);
  return root;
}
