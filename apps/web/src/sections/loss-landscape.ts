/** Placeholder until its widget lands (essay 6.3). */
import { widgetBox, type WidgetContext } from './section';

export function lossLandscapeWidget(_ctx: WidgetContext): HTMLElement {
  const { root, body } = widgetBox('loss-landscape', 'loss-landscape', '6.3');
  body.textContent = 'Not built yet.';
  return root;
}
