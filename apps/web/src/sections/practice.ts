/** Placeholder until its widget lands (essay 7.1). */
import { widgetBox, type WidgetContext } from './section';

export function practiceWidget(_ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('practice', 'practice', '7.1');
  body.textContent = 'Not built yet.';
  return root;
}
