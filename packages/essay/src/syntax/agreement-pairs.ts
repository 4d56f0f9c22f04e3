import { EssayError } from '../errors';
import type { NounPair } from './nouns';

/** Grammatical number. */
export type GrammaticalNumber = 'singular' | 'plural';

/** A verb in its singular and plural present or past form: `{ singular: 'was', plural: 'were' }`. */
export interface VerbPair {
  readonly singular: string;
  readonly plural: string;
}

/** The verbs whose number the model must choose: be (past and present), have, do. */
export const AGREEMENT_VERBS: readonly VerbPair[] = [
  { singular: 'was', plural: 'were' },
  { singular: 'is', plural: 'are' },
  { singular: 'has', plural: 'have' },
  { singular: 'does', plural: 'do' },
];

/**
 * How far the verb is from its subject: right after it (`adjacent`), after a prepositional phrase
 * ending in another noun (`prepositional`), or after a relative clause ending in another noun
 * (`relative`). In the last two, the two tokens before the verb are the other noun (the
 * "attractor") and its article, so a 3-gram cannot see the subject.
 */
export type AgreementCondition = 'adjacent' | 'prepositional' | 'relative';

/**
 * A prompt template: `{subject}` becomes the subject noun and `{attractor}` (required in every
 * condition but `adjacent`, where it is not allowed) the attractor noun.
 */
export interface AgreementTemplate {
  readonly condition: AgreementCondition;
  readonly text: string;
}

/** Two templates per condition; the verbs of the relative clauses (past tense) show no number. */
export const AGREEMENT_TEMPLATES: readonly AgreementTemplate[] = [
  { condition: 'adjacent', text: 'The {subject}' },
  { condition: 'prepositional', text: 'The {subject} with the {attractor}' },
  { condition: 'prepositional', text: 'The {subject} near the {attractor}' },
  { condition: 'relative', text: 'The {subject} who saw the {attractor}' },
  { condition: 'relative', text: 'The {subject} who found the {attractor}' },
];

/**
 * A minimal pair: two prompts that differ only in the number of their subject, the rest (attractor
 * and its number included) the same. A model that follows agreement prefers the singular verb
 * after `prompts.singular` and the plural verb after `prompts.plural`.
 */
export interface AgreementPair {
  readonly condition: AgreementCondition;
  /** The template's text. */
  readonly template: string;
  readonly subject: NounPair;
  /** The noun between subject and verb, and the number it is used in; absent when `adjacent`. */
  readonly attractor?: { readonly noun: NounPair; readonly number: GrammaticalNumber };
  readonly prompts: { readonly singular: string; readonly plural: string };
}

function fill(template: string, subject: string, attractor: string | undefined): string {
  return template.replace('{subject}', subject).replace('{attractor}', attractor ?? '');
}

function checkTemplate(t: AgreementTemplate): void {
  const has = (slot: string) => t.text.split(slot).length - 1;
  const attractors = t.condition === 'adjacent' ? 0 : 1;
  if (has('{subject}') !== 1 || has('{attractor}') !== attractors) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `agreementPairs: template ${JSON.stringify(t.text)} (${t.condition}) must hold {subject} once and {attractor} ${attractors === 1 ? 'once' : 'never'}`,
      {
        argument: 'templates',
        value: t,
        expected: `{subject} once, {attractor} ${attractors === 1 ? 'once' : 'never'}`,
      },
    );
  }
}

/**
 * Every minimal pair of the templates: each `adjacent` template with each subject; every other
 * template with each subject, each attractor and both numbers of the attractor. Order: template,
 * then subject, then attractor, then attractor number (singular first).
 *
 * @example
 * agreementPairs([{ condition: 'prepositional', text: 'The {subject} with the {attractor}' }], [man], [dog]);
 * // prompts: "The man with the dog" / "The men with the dog", then "The man with the dogs" / "The men with the dogs"
 */
export function agreementPairs(
  templates: readonly AgreementTemplate[],
  subjects: readonly NounPair[],
  attractors: readonly NounPair[],
): AgreementPair[] {
  const pairs: AgreementPair[] = [];
  for (const t of templates) {
    checkTemplate(t);
    for (const subject of subjects) {
      if (t.condition === 'adjacent') {
        pairs.push({
          condition: t.condition,
          template: t.text,
          subject,
          prompts: {
            singular: fill(t.text, subject.singular, undefined),
            plural: fill(t.text, subject.plural, undefined),
          },
        });
        continue;
      }
      for (const noun of attractors) {
        for (const number of ['singular', 'plural'] as const) {
          pairs.push({
            condition: t.condition,
            template: t.text,
            subject,
            attractor: { noun, number },
            prompts: {
              singular: fill(t.text, subject.singular, noun[number]),
              plural: fill(t.text, subject.plural, noun[number]),
            },
          });
        }
      }
    }
  }
  return pairs;
}
