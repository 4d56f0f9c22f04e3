/** Placeholder until its widget lands (essay 9.1). */
import { widgetBox, type WidgetContext } from './section';

export function realGpt2Widget(_ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('real-gpt2', 'real-gpt2', '9.1');
  body.textContent = 'Not built yet.';
  return root;
}
