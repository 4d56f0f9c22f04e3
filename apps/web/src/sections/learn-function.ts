/** Placeholder until its widget lands (essay 6.1). */
import { widgetBox, type WidgetContext } from './section';

export function learnFunctionWidget(_ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('learn-function', 'learn-function', '6.1');
  body.textContent = 'Not built yet.';
  return root;
}
