/** Placeholder until its widget lands (essay 3.1). */
import { widgetBox, type WidgetContext } from './section';

export function modelFitWidget(_ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('model-fit', 'model-fit', '3.1');
  body.textContent = 'Not built yet.';
  return root;
}
