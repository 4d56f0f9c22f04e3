import { gpt2Step } from '../gpt2/gpt2-step';
import type { TourStep } from '../tour';
import { agreementExperiment, type AgreementOptions, type AgreementResult, type AgreementRow } from './agreement';
import { kneserNeyTokenScorer, trainingTexts } from './ngram-scorer';
import {
  SYLLOGISM_ADJECTIVES,
  SYLLOGISM_NOUNS,
  syllogismExperiment,
  type SyllogismOptions,
  type SyllogismResult,
} from './syllogism';

/** Options of 11.2 in quick mode: the 3 most frequent subjects and 2 attractors (full tour: all that pass). */
export const QUICK_AGREEMENT: AgreementOptions = { maxSubjects: 3, maxAttractors: 2 };

/** Syllogisms in quick mode: 2 classes and 3 properties, 24 prompts (full tour: 4 and 5, 480). */
export const QUICK_SYLLOGISM: SyllogismOptions = {
  nouns: SYLLOGISM_NOUNS.slice(0, 2),
  adjectives: SYLLOGISM_ADJECTIVES.slice(0, 3),
};

const percent = (p: number): string => `${(100 * p).toFixed(0)}%`;
const count = (n: number): string => n.toLocaleString('en-US');
/** A p-value for a line: `p 0.03`, `p 2e-7`, `p < 1e-300`. */
export function formatP(p: number): string {
  if (p < 1e-300) return 'p < 1e-300';
  return p >= 0.001 ? `p ${p.toPrecision(2)}` : `p ${p.toExponential(0)}`;
}

/** Significance level of the verdict. */
const ALPHA = 0.01;

/**
 * One sentence on what the numbers show, at the 1 % level: agreement right after the subject, the
 * subject's pull across a noun in between (pairs; and per noun), and whether the nearest noun wins.
 */
export function agreementVerdict(r: Omit<AgreementResult, 'figures'>): string {
  const above = (s: { accuracy: number; p: number }) => s.accuracy > 0.5 && s.p < ALPHA;
  const below = (s: { accuracy: number; p: number }) => s.accuracy < 0.5 && s.p < ALPHA;
  const parts: string[] = [];
  const adjacent = r.rows.find((x) => x.condition === 'adjacent');
  if (adjacent !== undefined) {
    parts.push(
      above(adjacent.gpt)
        ? 'the GPT makes a verb right after its subject agree'
        : 'the GPT shows no agreement even right after the subject',
    );
  }
  const gapPairs = r.pairRows.filter((x) => x.condition === 'prepositional' || x.condition === 'relative');
  if (gapPairs.length > 0) {
    const pulls = gapPairs.every((x) => above(x.gpt));
    const robust = r.bySubject.test.p < ALPHA;
    parts.push(
      pulls
        ? `across a noun in between, the subject's number still pulls the right way (${robust ? 'for nouns in general' : 'though the per-noun test is not significant'})`
        : "across a noun in between, it shows no reliable pull from the subject's number",
    );
    const other = r.rows.filter((x) => x.attractor === 'other number');
    if (other.length > 0 && other.every((x) => below(x.gpt))) {
      parts.push('but the nearest noun wins: it mostly picks the verb that agrees with that noun, as a 3-gram does');
    }
  }
  return parts.join('; ');
}

/** The lines of the syllogism half of 11.2: copying, then the syllogism proper, each with its test. */
export function syllogismLines(r: Omit<SyllogismResult, 'figures'>): string[] {
  const row = (measure: SyllogismResult['rows'][number]['measure']) =>
    r.rows.find((x) => x.measure === measure && x.linkedPremise === 'either')!;
  const copying = row('copying');
  const mirror = row('mirror pairs');
  const verdict = [
    copying.gpt.accuracy > 0.5 && copying.gpt.p < ALPHA
      ? 'the GPT copies properties from the premises'
      : 'the GPT does not even favour the properties it was shown',
    mirror.gpt.accuracy > 0.5 && mirror.gpt.p < ALPHA
      ? "and picks the one of Jo's class more often than the other"
      : "but does not pick the one of Jo's class over the other: no syllogism",
  ].join(' ');
  return [
    `syllogisms, e.g. "All ${r.nouns[0]!.plural} are ${r.adjectives[0]}. All ${r.nouns[1]!.plural} are ${r.adjectives[1]}. Jo is a ${r.nouns[0]!.singular}. So Jo is ___" (${count(r.items.length)} prompts, ${r.nouns.length} classes, ${r.adjectives.length} properties):`,
    `  a property in the premises beats one not mentioned in ${percent(copying.gpt.accuracy)} of ${count(copying.gpt.total)} pairs (${formatP(copying.gpt.p)}); the property of Jo's class beats the other premise's in ${percent(mirror.gpt.accuracy)} of ${count(mirror.gpt.total)} mirror pairs (${formatP(mirror.gpt.p)}); chance 50%, the 3-gram ties every pair`,
    `verdict: ${verdict}`,
  ];
}

/** The lines of 11.2: what was compared, and each finding with its test, good or bad. */
export function agreementLines(r: Omit<AgreementResult, 'figures'>): string[] {
  const find = (
    rows: readonly AgreementRow[],
    condition: AgreementRow['condition'],
    attractor: AgreementRow['attractor'],
  ) => rows.find((x) => x.condition === condition && x.attractor === attractor);
  const used = (nouns: AgreementResult['nouns']['subjects']) =>
    nouns
      .filter((n) => n.used)
      .map((n) => `${n.singular} ${count(n.singularCount)}/${count(n.pluralCount)}`)
      .join(', ');
  const lines = [
    `GPT (${r.model}) against a ${r.baseline}; chance 50%`,
    `nouns with both forms ≥ ${r.nouns.minCount} times in the training text (singular/plural counts): subjects ${used(r.nouns.subjects)}; in between: ${used(r.nouns.attractors)}`,
  ];
  const adjacent = find(r.rows, 'adjacent', 'none');
  if (adjacent !== undefined) {
    lines.push(
      `"The man ___" (${r.verbs.map((v) => `${v.singular}/${v.plural}`).join(', ')}): the GPT prefers the agreeing verb in ${percent(adjacent.gpt.accuracy)} of ${count(adjacent.gpt.total)} (${formatP(adjacent.gpt.p)}); 3-gram ${percent(adjacent.ngram.accuracy)}`,
    );
  }
  const gap = r.rows.filter((x) => x.condition !== 'adjacent' && x.condition !== 'all');
  const same = gap.filter((x) => x.attractor === 'same number');
  const other = gap.filter((x) => x.attractor === 'other number');
  const pooled = (rows: readonly AgreementRow[], model: 'gpt' | 'ngram') => {
    const total = rows.reduce((n, x) => n + x[model].total, 0);
    return { accuracy: rows.reduce((n, x) => n + x[model].correct, 0) / total, total };
  };
  if (same.length > 0) {
    const all = pooled([...same, ...other], 'gpt');
    lines.push(
      `with a noun in between ("The man with/near the letters ___", "The man who saw/found the letters ___"): the GPT prefers the agreeing verb in ${percent(all.accuracy)} of ${count(all.total)} (3-gram ${percent(pooled([...same, ...other], 'ngram').accuracy)}): in ${percent(pooled(same, 'gpt').accuracy)} when that noun has the subject's number, in ${percent(pooled(other, 'gpt').accuracy)} when it has the other (3-gram ${percent(pooled(same, 'ngram').accuracy)} and ${percent(pooled(other, 'ngram').accuracy)}); GPT right where the 3-gram is wrong ${count(r.gptVersusNgram.firstOnly)} times, the reverse ${count(r.gptVersusNgram.secondOnly)} (McNemar ${formatP(r.gptVersusNgram.p)})`,
    );
  }
  const gapPairs = r.pairRows.filter((x) => x.condition !== 'adjacent' && x.condition !== 'all');
  if (gapPairs.length > 0) {
    lines.push(
      `changing only the subject's number (man → men) moves the GPT's preference towards the agreeing verb in ${gapPairs.map((x) => `${x.condition === 'prepositional' ? 'PP' : 'clause'} ${percent(x.gpt.accuracy)} of ${count(x.gpt.total)} pairs × verbs (${formatP(x.gpt.p)})`).join(', ')}; the 3-gram cannot see the subject there (${count(gapPairs.reduce((n, x) => n + x.ngram.ties, 0))} ties)`,
      `per subject noun, pairs with a noun in between: ${r.bySubject.test.successes} of ${r.bySubject.test.trials} nouns above 50% (sign test ${formatP(r.bySubject.test.p)})`,
    );
  }
  lines.push(`verdict: ${agreementVerdict(r)}`);
  return lines;
}

/**
 * The step of essay section 11.2: subject–verb agreement and a syllogism template in the tour's
 * GPT-2 (`context.gpt2`, the CLI's small model trained on the bundled corpus) against a Kneser–Ney
 * 3-gram over the same tokens and training text (trained once, shared), with {@link QUICK_AGREEMENT}
 * and {@link QUICK_SYLLOGISM} in quick mode. Skipped when the tour has no model.
 */
export const SYNTAX_STEPS: readonly TourStep[] = [
  gpt2Step('11.2', async (gpt, context, section) => {
    const corpus = await context.data.corpus();
    const ngram = kneserNeyTokenScorer(gpt.encoding, trainingTexts(corpus));
    const half = (from: number) =>
      section.onProgress === undefined
        ? section
        : {
            ...section,
            onProgress: (p: { fraction: number; message?: string }) =>
              section.onProgress!({ ...p, fraction: from + p.fraction / 2 }),
          };
    const agreement = await agreementExperiment(
      gpt,
      corpus,
      { ...(context.quick ? QUICK_AGREEMENT : {}), ngram },
      half(0),
    );
    const syllogism = await syllogismExperiment(
      gpt,
      corpus,
      { ...(context.quick ? QUICK_SYLLOGISM : {}), ngram },
      half(0.5),
    );
    const { figures, comparisons, pairs, ...summary } = agreement;
    const { figures: syllogismFigures, items, ...syllogismSummary } = syllogism;
    return {
      lines: [...agreementLines(agreement), ...syllogismLines(syllogism)],
      data: {
        agreement: { ...summary, pairs: pairs.length, comparisons: comparisons.length },
        syllogism: { ...syllogismSummary, items: items.length },
      },
      figures: [...figures, ...syllogismFigures],
    };
  }),
];
