/** Placeholder until its widget lands (essay 4.1). */
import { widgetBox, type WidgetContext } from './section';

export function digitCanvasWidget(_ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('digits', 'digits', '4.1');
  body.textContent = 'Not built yet.';
  return root;
}
