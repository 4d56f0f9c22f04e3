/** Placeholder until its widget lands (essay 1.1). */
import { widgetBox, type WidgetContext } from './section';

export function nextTokenWidget(_ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('next-token', 'next-token', '1.1');
  body.textContent = 'Not built yet.';
  return root;
}
