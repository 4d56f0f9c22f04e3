/** Placeholder until its widget lands (essay 10.1). */
import { widgetBox, type WidgetContext } from './section';

export function gptTrainingWidget(_ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('gpt-training', 'gpt-training', '10.1');
  body.textContent = 'Not built yet.';
  return root;
}
