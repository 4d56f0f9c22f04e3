/** The essay's sections on the page, in order, each with its live widgets. */
import { lettersWidget } from './letters';
import type { SectionView, WidgetContext } from './section';

/** A section whose widgets are listed as factories, appended in order. */
function section(
  number: number,
  title: string,
  intro: string,
  widgets: readonly ((ctx: WidgetContext) => HTMLElement)[],
): SectionView {
  return {
    number,
    title,
    intro,
    mount(body, ctx) {
      for (const make of widgets) body.append(make(ctx));
    },
  };
}

export const SECTIONS: readonly SectionView[] = [
  section(
    2,
    'Where do the probabilities come from?',
    'Count letters, then pairs, then longer runs of letters and words, and generate text from the counts.',
    [lettersWidget],
  ),
];
