/** Placeholder until its widget lands (essay 9.5). */
import { widgetBox, type WidgetContext } from './section';

export function hiddenStatesWidget(_ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('hidden-states', 'hidden-states', '9.5');
  body.textContent = 'Not built yet.';
  return root;
}
