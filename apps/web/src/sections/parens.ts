/** Placeholder until its widget lands (essay 11.1). */
import { widgetBox, type WidgetContext } from './section';

export function parensWidget(_ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('parens', 'parens', '11.1');
  body.textContent = 'Not built yet.';
  return root;
}
