/** A grid of small figures, one per attention head of a block, with each head's weights as data. */
import { el } from '../../ui/controls';
import { setFigureSvg } from '../../ui/output';

/** One head's pattern: its heatmap (SVG from the worker) and `weights[i][j]`. */
export interface HeadFigure {
  readonly head: number;
  readonly weights: readonly (readonly number[])[];
  readonly svg: string;
}

/**
 * The grid element, and `show` to fill it. Each head's figure carries `data-block`, `data-head` and
 * `data-weights` (JSON), so tools and tests can read the numbers behind the picture.
 */
export function headGrid(name: string): {
  root: HTMLElement;
  show(block: number, blocks: number, heads: readonly HeadFigure[]): void;
} {
  const root = el('div', { className: 'head-grid', attrs: { 'data-heads': name } });
  root.style.display = 'grid';
  root.style.gridTemplateColumns = 'repeat(auto-fill, minmax(13rem, 1fr))';
  root.style.gap = '0.5rem';
  return {
    root,
    show(block, blocks, heads) {
      root.replaceChildren(
        ...heads.map((h) => {
          const figure = el('figure', {
            className: 'figure',
            attrs: {
              role: 'img',
              'aria-label': `Attention of head ${h.head} in block ${block}: which earlier tokens each token attends to`,
              'data-figure': `${name}-head`,
              'data-block': String(block),
              'data-head': String(h.head),
              'data-weights': JSON.stringify(h.weights),
            },
          });
          figure.style.margin = '0';
          setFigureSvg(figure, h.svg);
          return figure;
        }),
      );
      root.dataset['block'] = String(block);
      root.dataset['blocks'] = String(blocks);
      root.dataset['rendered'] = String(Number(root.dataset['rendered'] ?? '0') + 1);
    },
  };
}
