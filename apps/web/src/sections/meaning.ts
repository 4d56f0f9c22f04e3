/** Placeholder until its widget lands (essay 12.1). */
import { widgetBox, type WidgetContext } from './section';

export function meaningWidget(_ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('meaning', 'meaning', '12.1');
  body.textContent = 'Not built yet.';
  return root;
}
