/**
 * Essay 9.5: the hidden state of every layer for the reader's text: the embeddings, then the output
 * of each block, each a token × dimension heatmap, with how long each token's vector is.
 */
import { controlRow, el, textField } from '../ui/controls';
import { debounce, latestOnly, statusLine, whenVisible } from '../ui/output';
import { setFigureSvg } from '../ui/output';
import { widgetBox, type WidgetContext } from './section';

const SAMPLE = 'The cat sat on the mat.';

export function hiddenStatesWidget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('hidden-states', 'Hidden states: your text after every layer', '9.5');
  const text = textField({
    label: 'Text to follow through the layers (up to 32 tokens)',
    name: 'hidden-text',
    value: SAMPLE,
  });
  const status = statusLine('hidden-states');
  const summary = el('p', { className: 'summary', attrs: { 'data-summary': 'hidden-states' } });
  const layers = el('div', { className: 'layers', attrs: { 'data-layers': 'hidden-states' } });
  const run = latestOnly((error) => status.set(error.message, 'error'));
  const update = (): void =>
    run(async (signal) => {
      status.set('reading…', 'busy');
      const asked = text.input.value;
      const r = await ctx.compute.call('gpt.hidden', { choice: ctx.gptChoice.get(), text: asked }, { signal });
      summary.textContent =
        `${r.model.label}: ${r.tokens.length} tokens, each a vector of ${r.model.embedDim} numbers, ` +
        `after each of ${r.layers.length} layers (the embeddings, then each of ${r.model.layers} blocks). ` +
        'Red is above 0, blue below; each layer has its own colour scale.';
      layers.replaceChildren(
        ...r.layers.map((layer) => {
          const mean = layer.norms.reduce((a, b) => a + b, 0) / layer.norms.length;
          const figure = el('figure', {
            className: 'figure',
            attrs: {
              role: 'img',
              'aria-label': `Hidden state after layer ${layer.layer} (${layer.label}): mean vector length ${mean.toFixed(2)}`,
              'data-figure': 'hidden-state',
              'data-layer': String(layer.layer),
              'data-norms': JSON.stringify(layer.norms),
            },
          });
          setFigureSvg(figure, layer.svg);
          return figure;
        }),
      );
      layers.dataset['count'] = String(r.layers.length);
      layers.dataset['text'] = asked;
      layers.dataset['rendered'] = String(Number(layers.dataset['rendered'] ?? '0') + 1);
      status.set('');
    });
  text.input.addEventListener('input', debounce(update, 300));
  ctx.gptChoice.subscribe(update);
  body.append(controlRow(text.root), summary, layers, status.root);
  whenVisible(root, update);
  return root;
}
