/** Placeholder until its widget lands (essay 5.2). */
import { widgetBox, type WidgetContext } from './section';

export function nearestPointWidget(_ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('nearest-point', 'nearest-point', '5.2');
  body.textContent = 'Not built yet.';
  return root;
}
