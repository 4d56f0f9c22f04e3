/**
 * Essay 9.4: the attention patterns of every head of every block for the reader's text: pick a
 * block, see all its heads side by side (how much each token looks back at each earlier token).
 */
import { controlRow, el, select, textField } from '../ui/controls';
import { debounce, latestOnly, statusLine, whenVisible } from '../ui/output';
import { headGrid } from './gpt-widgets/head-grid';
import { widgetBox, type WidgetContext } from './section';

const SAMPLE = 'The cat sat on the mat because it was tired, and the dog sat by the cat.';

export function attentionWidget(ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('attention', 'Attention: where each token looks, in every block and head', '9.4');
  const text = textField({ label: 'Text to read (up to 32 tokens)', name: 'attention-text', value: SAMPLE });
  const block = select({
    label: 'Block',
    name: 'attention-block',
    choices: [{ value: '0', text: 'block 0 (first)' }],
    value: '0',
  });
  const status = statusLine('attention');
  const summary = el('p', { className: 'summary', attrs: { 'data-summary': 'attention' } });
  const grid = headGrid('attention');
  const run = latestOnly((error) => status.set(error.message, 'error'));
  /** Lists the model's blocks in the selector (keeps the chosen one where it still exists). */
  const listBlocks = (layers: number): void => {
    if (block.input.options.length === layers) return;
    const chosen = Math.min(Number(block.input.value), layers - 1);
    block.input.replaceChildren(
      ...Array.from({ length: layers }, (_, b) =>
        el('option', {
          text: `block ${b}${b === 0 ? ' (first)' : b === layers - 1 ? ' (last)' : ''}`,
          attrs: { value: String(b) },
        }),
      ),
    );
    block.input.value = String(chosen);
  };
  const update = (): void =>
    run(async (signal) => {
      status.set('reading…', 'busy');
      const choice = ctx.gptChoice.get();
      const asked = text.input.value;
      const r = await ctx.compute.call(
        'gpt.attention',
        { choice, text: asked, block: Number(block.input.value) },
        { signal },
      );
      listBlocks(r.model.layers);
      summary.textContent =
        `${r.model.label}: ${r.model.layers} blocks × ${r.model.heads} heads. Block ${r.block}; ` +
        `from the last token ${JSON.stringify(r.tokens[r.tokens.length - 1])}, the heads look most at ` +
        r.lastFocus.map((t, h) => `${h}: ${JSON.stringify(t)}`).join(', ') +
        '. Darker is more attention; each row sums to 1.';
      grid.show(r.block, r.model.layers, r.heads);
      grid.root.dataset['text'] = asked;
      status.set('');
    });
  text.input.addEventListener('input', debounce(update, 300));
  block.input.addEventListener('change', update);
  ctx.gptChoice.subscribe(() => {
    block.input.value = '0';
    update();
  });
  body.append(controlRow(text.root, block.root), summary, grid.root, status.root);
  whenVisible(root, update);
  return root;
}
