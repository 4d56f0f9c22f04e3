/** Placeholder until its widget lands (essay 2.4). */
import { widgetBox, type WidgetContext } from './section';

export function ngramWidget(_ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('ngrams', 'ngrams', '2.4');
  body.textContent = 'Not built yet.';
  return root;
}
