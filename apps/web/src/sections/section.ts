import type { GptChoiceStore } from '../ui/gpt-choice';
import type { ComputeClient } from '../worker/client';

/** What a section's widgets get from the page. */
export interface WidgetContext {
  /** Runs tasks in the compute worker. */
  readonly compute: ComputeClient;
  /** Which GPT the GPT widgets use: the bundled one, or real GPT-2 once downloaded. */
  readonly gptChoice: GptChoiceStore;
}

/** One section of the essay on the page: its text and live widgets. */
export interface SectionView {
  /** The essay's section number (1–13). */
  readonly number: number;
  readonly title: string;
  /** One or two sentences saying what the section shows and what to try. */
  readonly intro: string;
  /** Builds the section's widgets into `body`. Heavy work starts only once a widget is visible. */
  mount(body: HTMLElement, ctx: WidgetContext): void;
}

/** A widget: a titled block inside a section, named for tests (`data-widget`). */
export function widgetBox(name: string, title: string, essayItem: string): { root: HTMLElement; body: HTMLElement } {
  const root = document.createElement('div');
  root.className = 'widget';
  root.dataset['widget'] = name;
  const heading = document.createElement('h3');
  heading.textContent = title;
  const ref = document.createElement('span');
  ref.className = 'essay-ref';
  ref.textContent = ` essay ${essayItem}`;
  heading.append(ref);
  const body = document.createElement('div');
  body.className = 'widget-body';
  root.append(heading, body);
  return { root, body };
}
