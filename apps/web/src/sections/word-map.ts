/** Placeholder until its widget lands (essay 8.1). */
import { widgetBox, type WidgetContext } from './section';

export function wordMapWidget(_ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('word-map', 'word-map', '8.1');
  body.textContent = 'Not built yet.';
  return root;
}
