// Minimal pairs: both prompts differ in exactly one word, the subject, singular against plural.
import { describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { AGREEMENT_TEMPLATES, agreementPairs } from './agreement-pairs';
import { AGREEMENT_ATTRACTORS, AGREEMENT_SUBJECTS } from './nouns';

describe('agreementPairs', () => {
  const subjects = AGREEMENT_SUBJECTS.slice(0, 4);
  const attractors = AGREEMENT_ATTRACTORS.slice(0, 3);
  const pairs = agreementPairs(AGREEMENT_TEMPLATES, subjects, attractors);

  it('makes one pair per adjacent template and subject, and four per other template, subject and attractor', () => {
    // 1 adjacent template × 4 subjects + 4 templates × 4 subjects × 3 attractors × 2 numbers.
    expect(pairs).toHaveLength(4 + 4 * 4 * 3 * 2);
    expect(pairs[0]!.prompts).toEqual({ singular: 'The man', plural: 'The men' });
    expect(pairs[4]).toEqual({
      condition: 'prepositional',
      template: 'The {subject} with the {attractor}',
      subject: { singular: 'man', plural: 'men' },
      attractor: { noun: { singular: 'letter', plural: 'letters' }, number: 'singular' },
      prompts: { singular: 'The man with the letter', plural: 'The men with the letter' },
    });
    expect(pairs[5]!.prompts).toEqual({ singular: 'The man with the letters', plural: 'The men with the letters' });
  });

  it('differs only in the subject, the attractor in the same number in both prompts', () => {
    for (const p of pairs) {
      const a = p.prompts.singular.split(' ');
      const b = p.prompts.plural.split(' ');
      expect(a).toHaveLength(b.length);
      const differ = a.flatMap((w, i) => (w === b[i] ? [] : [i]));
      expect(differ).toEqual([1]); // "The <subject> …"
      expect([a[1], b[1]]).toEqual([p.subject.singular, p.subject.plural]);
      if (p.condition === 'adjacent') {
        expect(p.attractor).toBeUndefined();
      } else {
        expect(a.at(-1)).toBe(p.attractor!.noun[p.attractor!.number]);
        expect(b.at(-1)).toBe(a.at(-1));
      }
    }
    // Every (template, subject, attractor) appears with both attractor numbers.
    const gapped = pairs.filter((p) => p.attractor !== undefined);
    expect(gapped.filter((p) => p.attractor!.number === 'plural')).toHaveLength(gapped.length / 2);
  });

  it('refuses a template without its slots', () => {
    let caught: unknown;
    try {
      agreementPairs([{ condition: 'relative', text: 'The {subject} who left' }], subjects, attractors);
    } catch (e) {
      caught = e;
    }
    expect(EssayError.isInstance(caught) && caught.argument === 'templates').toBe(true);
    expect(() => agreementPairs([{ condition: 'adjacent', text: 'The {subject} {attractor}' }], subjects, [])).toThrow(
      /\{attractor\} never/,
    );
  });
});
