import { describe, expect, it } from 'vitest';
import { EssayError } from './errors';
import { ESSAY_SECTIONS } from './sections';
import { TOUR_STEPS, tourPlan, type TourStep } from './tour';

const step = (item: string): TourStep => ({ item, run: async () => ({ lines: [], data: null }) });

describe('ESSAY_SECTIONS', () => {
  it('numbers sections 1–13 in order and items as <section>.<n> from 1', () => {
    expect(ESSAY_SECTIONS.map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    for (const section of ESSAY_SECTIONS) {
      expect(section.items.map((i) => i.id)).toEqual(section.items.map((_, n) => `${section.number}.${n + 1}`));
    }
  });

  it('holds the 39 items of the feature list, 3 of them explained rather than computed', () => {
    // Counted in shared/ESSAY.md: 4 + 6 + 1 + 1 + 3 + 4 + 3 + 4 + 5 + 2 + 2 + 3 + 1 items per section.
    const items = ESSAY_SECTIONS.flatMap((s) => s.items);
    expect(ESSAY_SECTIONS.map((s) => s.items.length)).toEqual([4, 6, 1, 1, 3, 4, 3, 4, 5, 2, 2, 3, 1]);
    expect(items).toHaveLength(39);
    expect(items.filter((i) => i.explainOnly).map((i) => i.id)).toEqual(['5.3', '9.5', '10.2']);
  });
});

describe('tourPlan', () => {
  it('marks exactly the items that have steps as runnable, in essay order', () => {
    const plan = tourPlan([step('2.3'), step('1.1')]);
    expect(plan.map((e) => e.id)).toEqual(ESSAY_SECTIONS.flatMap((s) => s.items.map((i) => i.id)));
    expect(plan.filter((e) => e.runnable).map((e) => e.id)).toEqual(['1.1', '2.3']);
    expect(plan.find((e) => e.id === '2.3')).toMatchObject({
      section: 2,
      title: 'The letter 2-gram probability matrix',
    });
  });

  it('refuses a step for an item the essay does not have', () => {
    expect(() => tourPlan([step('14.1')])).toThrow(EssayError);
    try {
      tourPlan([step('14.1')]);
    } catch (error) {
      expect(EssayError.isInstance(error) && [error.code, error.argument, error.value]).toEqual([
        'INVALID_ARGUMENT',
        'steps',
        '14.1',
      ]);
    }
  });

  it('refuses two steps for one item', () => {
    expect(() => tourPlan([step('2.1'), step('2.1')])).toThrow('tourPlan: two steps implement item "2.1"');
  });

  it('accepts the shipped steps', () => {
    expect(() => tourPlan(TOUR_STEPS)).not.toThrow();
  });
});
