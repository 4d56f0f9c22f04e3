/** Placeholder until its widget lands (essay 9.4). */
import { widgetBox, type WidgetContext } from './section';

export function attentionWidget(_ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('attention', 'attention', '9.4');
  body.textContent = 'Not built yet.';
  return root;
}
