import type { Gpt2 } from '@chatgpt-explained/gpt2';
import type { CorpusText } from '../data';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { describeModel, type Gpt2SectionContext } from '../gpt2/context';
import { integerIn } from '../models/checks';
import {
  AGREEMENT_TEMPLATES,
  AGREEMENT_VERBS,
  agreementPairs,
  type AgreementCondition,
  type AgreementPair,
  type AgreementTemplate,
  type GrammaticalNumber,
  type VerbPair,
} from './agreement-pairs';
import { pairedComparison, preferenceScore, type PairedComparison, type PreferenceScore } from './agreement-score';
import { gptScorer, type ContinuationScorer } from './continuation-scorer';
import { experimentBaseline, trainingTexts } from './ngram-scorer';
import {
  AGREEMENT_ATTRACTORS,
  AGREEMENT_SUBJECTS,
  countNouns,
  frequentNouns,
  type NounCount,
  type NounPair,
} from './nouns';
import { signTest, type SignTestResult } from './sign-test';

/** Options of {@link agreementExperiment}, with their defaults. */
export interface AgreementOptions {
  /** Candidate subject nouns (people). Default {@link AGREEMENT_SUBJECTS}. */
  readonly subjects?: readonly NounPair[];
  /** Candidate attractor nouns (things). Default {@link AGREEMENT_ATTRACTORS}. */
  readonly attractors?: readonly NounPair[];
  /** A noun is used only when its rarer form occurs at least this often in the training text. Default 50. */
  readonly minCount?: number;
  /** At most this many subjects, the most frequent kept. Default 100 (all that pass `minCount`). */
  readonly maxSubjects?: number;
  /** At most this many attractors, the most frequent kept. Default 100 (all that pass `minCount`). */
  readonly maxAttractors?: number;
  /** The verb pairs. Default {@link AGREEMENT_VERBS}: was/were, is/are, has/have, does/do. */
  readonly verbs?: readonly VerbPair[];
  /** The prompt templates. Default {@link AGREEMENT_TEMPLATES} (two per condition). */
  readonly templates?: readonly AgreementTemplate[];
  /**
   * The share of each book held out from training (`holdOutTail`); the nouns are counted and the
   * n-gram trained on the rest. Default 0.05, the shipped model's split.
   */
  readonly heldOutFraction?: number;
  /** The n of the Kneser–Ney baseline over the GPT's tokens, 2 to 6. Default 3. */
  readonly ngramOrder?: number;
  /**
   * The baseline, already trained over the GPT's token ids on the same training text (see
   * `trainingTexts`), to share it between experiments; `ngramOrder` is then not used. Default: a
   * Kneser–Ney `ngramOrder`-gram trained here on the training text.
   */
  readonly ngram?: ContinuationScorer;
}

/** One comparison: a prompt of a minimal pair and a verb pair, with each model's margin. */
export interface AgreementComparison {
  /** Index into {@link AgreementResult.pairs}. */
  readonly pair: number;
  /** Index into {@link AgreementResult.verbs}. */
  readonly verb: number;
  /** The number of the prompt's subject (so which verb agrees). */
  readonly subjectNumber: GrammaticalNumber;
  /** log P(agreeing verb) − log P(other verb) after the prompt, natural log: GPT and n-gram. */
  readonly gpt: number;
  readonly ngram: number;
}

/** Which comparisons a row of the summary pools. */
export type AttractorRelation = 'none' | 'same number' | 'other number' | 'any';

/** A row of the summary: the two models on a group of comparisons. */
export interface AgreementRow {
  readonly condition: AgreementCondition | 'all';
  /** `none` for adjacent; for the other conditions, the attractor's number relative to the subject's. */
  readonly attractor: AttractorRelation;
  readonly gpt: PreferenceScore;
  readonly ngram: PreferenceScore;
}

/** Result of {@link agreementExperiment}. */
export interface AgreementResult {
  /** Description of the GPT. */
  readonly model: string;
  /** Name of the baseline. */
  readonly baseline: string;
  /** Counts in the training text of every candidate noun, and which were used. */
  readonly nouns: {
    readonly minCount: number;
    readonly subjects: readonly (NounCount & { readonly used: boolean })[];
    readonly attractors: readonly (NounCount & { readonly used: boolean })[];
  };
  readonly verbs: readonly VerbPair[];
  /** The minimal pairs. */
  readonly pairs: readonly AgreementPair[];
  /** Every comparison: each prompt of each pair with each verb pair. */
  readonly comparisons: readonly AgreementComparison[];
  /**
   * Per prompt and verb pair: did the model prefer the agreeing verb? By condition, and for the
   * conditions with an attractor, split by the attractor's number. The last row pools everything.
   */
  readonly rows: readonly AgreementRow[];
  /**
   * Per minimal pair and verb pair: is the sum of the two prompts' margins positive, i.e. does the
   * preference move towards the agreeing verb when only the subject's number changes? A model with
   * a fixed taste for one verb form cannot win these; an n-gram blind to the subject ties them.
   */
  readonly pairRows: readonly AgreementRow[];
  /** GPT against the n-gram on the comparisons with an attractor (exact McNemar test). */
  readonly gptVersusNgram: PairedComparison;
  /**
   * A conservative check against counting one noun's habit many times: per subject noun, the GPT's
   * pair-level accuracy (as in `pairRows`) on the pairs with an attractor, and the sign test of how
   * many nouns are above ½ (nouns at exactly ½ left out).
   */
  readonly bySubject: {
    readonly nouns: readonly { readonly subject: string; readonly accuracy: number; readonly pairs: number }[];
    readonly test: SignTestResult;
  };
  /** Per verb pair, all conditions pooled. */
  readonly byVerb: readonly { readonly verb: string; readonly gpt: PreferenceScore; readonly ngram: PreferenceScore }[];
  /**
   * `11.2-agreement`: per prompt, the share of comparisons won by condition and attractor number,
   * GPT against n-gram and chance; `11.2-agreement-pairs`: the same per minimal pair.
   */
  readonly figures: readonly Figure[];
}

/**
 * Short labels of the summary rows, also the figure's categories (at most 20 characters): `no gap`,
 * `PP, other number` (the verb after "with/near the NOUN", NOUN of the other number than the
 * subject), `clause, same number` (after "who saw/found the NOUN"), ….
 */
export function agreementRowLabel(row: Pick<AgreementRow, 'condition' | 'attractor'>): string {
  const condition = { adjacent: 'no gap', prepositional: 'PP', relative: 'clause', all: 'all' }[row.condition];
  if (row.attractor === 'none') return condition;
  if (row.attractor === 'any') return row.condition === 'all' ? condition : `${condition}, any number`;
  return `${condition}, ${row.attractor}`;
}

/** What the figures' categories mean. */
const CONDITION_LEGEND =
  'no gap: "The man ___"; PP: "The man with/near the letter(s) ___"; clause: "The man who saw/found the letter(s) ___"';

const verbLabel = (v: VerbPair) => `${v.singular}/${v.plural}`;

/**
 * Essay 11.2: does the GPT pick up subject–verb agreement? Minimal pairs of prompts that differ
 * only in the number of their subject ("The man with the letters" / "The men with the letters")
 * are each followed by the two forms of a verb (was/were, is/are, has/have, does/do), and a model
 * wins a comparison when it gives the agreeing form the higher probability. The same comparisons
 * are made by an interpolated Kneser–Ney n-gram over the GPT's own tokens trained on the same
 * training text; with an attractor or a relative clause between subject and verb, a 3-gram sees
 * only "the letters" and cannot know the subject, so it can only reach ½ there. Chance is ½.
 * Subjects and attractors are the candidate nouns frequent enough in the training text; their
 * counts are in the result.
 *
 * Honest limits: the comparisons share nouns, templates and verbs, so they are not independent;
 * `bySubject` gives a cruder test that treats each subject noun as one observation.
 */
export async function agreementExperiment(
  gpt: Gpt2,
  corpus: readonly CorpusText[],
  options: AgreementOptions = {},
  context: Gpt2SectionContext = {},
): Promise<AgreementResult> {
  const op = 'agreementExperiment';
  const minCount = integerIn(op, 'minCount', options.minCount ?? 50, 1, 1e9);
  const maxSubjects = integerIn(op, 'maxSubjects', options.maxSubjects ?? 100, 1, 1000);
  const maxAttractors = integerIn(op, 'maxAttractors', options.maxAttractors ?? 100, 1, 1000);
  const verbs = options.verbs ?? AGREEMENT_VERBS;
  const templates = options.templates ?? AGREEMENT_TEMPLATES;
  if (verbs.length === 0) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: verbs must hold at least one verb pair`, {
      argument: 'verbs',
      value: verbs,
      expected: 'a non-empty array of verb pairs',
    });
  }
  if (corpus.length === 0) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: corpus must hold at least one text`, {
      argument: 'corpus',
      value: corpus,
      expected: 'a non-empty array of texts',
    });
  }
  const { signal, onProgress } = context;
  signal?.throwIfAborted();

  // The training text: each book without its held-out tail, as the shipped model was trained.
  const training = trainingTexts(corpus, options.heldOutFraction ?? 0.05);
  const subjectCounts = countNouns(training, options.subjects ?? AGREEMENT_SUBJECTS);
  const attractorCounts = countNouns(training, options.attractors ?? AGREEMENT_ATTRACTORS);
  const subjects = frequentNouns(subjectCounts, minCount, maxSubjects);
  const attractors = frequentNouns(attractorCounts, minCount, maxAttractors);
  if (subjects.length === 0 || (attractors.length === 0 && templates.some((t) => t.condition !== 'adjacent'))) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: no ${subjects.length === 0 ? 'subject' : 'attractor'} noun occurs ${minCount} times in both numbers in the training text`,
      { argument: 'minCount', value: minCount, expected: 'a count that some candidate nouns reach' },
    );
  }
  const used = (chosen: readonly NounCount[]) => (c: NounCount) => ({ ...c, used: chosen.includes(c) });
  onProgress?.({ fraction: 0, message: 'training the n-gram baseline' });
  const gptModel = gptScorer(gpt);
  const ngram = experimentBaseline(op, gpt.encoding, () => training, options.ngram, options.ngramOrder);

  const pairs = agreementPairs(templates, subjects, attractors);
  const bos = gpt.config.bosTokenId;
  const continuations = verbs.flatMap((v) => [
    gpt.encoding.encode(` ${v.singular}`),
    gpt.encoding.encode(` ${v.plural}`),
  ]);
  // Log-probabilities of every verb form after every distinct prompt, for both models.
  const prompts = [...new Set(pairs.flatMap((p) => [p.prompts.singular, p.prompts.plural]))];
  const scored = new Map<string, { gpt: number[]; ngram: number[] }>();
  for (const [i, prompt] of prompts.entries()) {
    signal?.throwIfAborted();
    const ids = [bos, ...gpt.encoding.encode(prompt)];
    scored.set(prompt, { gpt: gptModel.logProbs(ids, continuations), ngram: ngram.logProbs(ids, continuations) });
    if (i % 16 === 15 || i === prompts.length - 1) {
      onProgress?.({ fraction: (i + 1) / prompts.length, message: `scoring ${prompts.length} prompts` });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }

  const comparisons: AgreementComparison[] = [];
  pairs.forEach((p, pair) => {
    for (const number of ['singular', 'plural'] as const) {
      const s = scored.get(p.prompts[number])!;
      verbs.forEach((_, verb) => {
        const margin = (lp: number[]) =>
          number === 'singular' ? lp[2 * verb]! - lp[2 * verb + 1]! : lp[2 * verb + 1]! - lp[2 * verb]!;
        comparisons.push({ pair, verb, subjectNumber: number, gpt: margin(s.gpt), ngram: margin(s.ngram) });
      });
    }
  });

  const relation = (c: AgreementComparison): AttractorRelation => {
    const a = pairs[c.pair]!.attractor;
    if (a === undefined) return 'none';
    return a.number === c.subjectNumber ? 'same number' : 'other number';
  };
  const row = (
    condition: AgreementRow['condition'],
    attractor: AttractorRelation,
    group: readonly AgreementComparison[],
  ): AgreementRow => ({
    condition,
    attractor,
    gpt: preferenceScore(group.map((c) => c.gpt)),
    ngram: preferenceScore(group.map((c) => c.ngram)),
  });
  const conditions = (['adjacent', 'prepositional', 'relative'] as const).filter((c) =>
    pairs.some((p) => p.condition === c),
  );
  const inCondition = (condition: AgreementCondition) =>
    comparisons.filter((c) => pairs[c.pair]!.condition === condition);
  const rows: AgreementRow[] = conditions.flatMap((condition) => {
    const group = inCondition(condition);
    if (condition === 'adjacent') return [row(condition, 'none', group)];
    return [
      row(
        condition,
        'same number',
        group.filter((c) => relation(c) === 'same number'),
      ),
      row(
        condition,
        'other number',
        group.filter((c) => relation(c) === 'other number'),
      ),
      row(condition, 'any', group),
    ];
  });
  rows.push(row('all', 'any', comparisons));

  // Pair level: the singular prompt's margin plus the plural prompt's, per pair and verb.
  const pairMargins = (group: readonly AgreementComparison[]) => {
    const sums = new Map<string, { condition: AgreementCondition; gpt: number; ngram: number }>();
    for (const c of group) {
      const key = `${c.pair}:${c.verb}`;
      const s = sums.get(key) ?? { condition: pairs[c.pair]!.condition, gpt: 0, ngram: 0 };
      sums.set(key, { ...s, gpt: s.gpt + c.gpt, ngram: s.ngram + c.ngram });
    }
    return [...sums.values()];
  };
  const pairRow = (condition: AgreementRow['condition'], group: readonly AgreementComparison[]): AgreementRow => {
    const sums = pairMargins(group);
    return {
      condition,
      attractor: condition === 'adjacent' ? 'none' : 'any',
      gpt: preferenceScore(sums.map((s) => s.gpt)),
      ngram: preferenceScore(sums.map((s) => s.ngram)),
    };
  };
  const pairRows = [...conditions.map((c) => pairRow(c, inCondition(c))), pairRow('all', comparisons)];

  const gapped = comparisons.filter((c) => pairs[c.pair]!.condition !== 'adjacent');
  const subjectRows = subjects.map((s) => {
    const sums = pairMargins(gapped.filter((c) => pairs[c.pair]!.subject.singular === s.singular));
    return {
      subject: `${s.singular}/${s.plural}`,
      accuracy: preferenceScore(sums.map((m) => m.gpt)).accuracy,
      pairs: sums.length,
    };
  });
  const decided = subjectRows.filter((s) => s.pairs > 0 && s.accuracy !== 0.5);
  const result = {
    model: describeModel(gpt),
    baseline: `${ngram.name} over the same ${gpt.config.vocabSize.toLocaleString('en-US')} tokens, same training text`,
    nouns: { minCount, subjects: subjectCounts.map(used(subjects)), attractors: attractorCounts.map(used(attractors)) },
    verbs,
    pairs,
    comparisons,
    rows,
    pairRows,
    gptVersusNgram: pairedComparison(
      gapped.map((c) => c.gpt),
      gapped.map((c) => c.ngram),
    ),
    bySubject: {
      nouns: subjectRows,
      test: signTest(decided.filter((s) => s.accuracy > 0.5).length, decided.length),
    },
    byVerb: verbs.map((v, verb) => {
      const group = comparisons.filter((c) => c.verb === verb);
      return {
        verb: verbLabel(v),
        gpt: preferenceScore(group.map((c) => c.gpt)),
        ngram: preferenceScore(group.map((c) => c.ngram)),
      };
    }),
  };
  return {
    ...result,
    figures: [
      agreementFigure(result.rows, result.model, ngram.name, comparisons.length),
      agreementPairsFigure(result.pairRows, ngram.name),
    ],
  };
}

/** Bars of the share of comparisons each model got right, by condition, with chance beside them. */
function agreementFigure(rows: readonly AgreementRow[], model: string, baseline: string, total: number): Figure {
  const shown = rows.filter((r) => r.attractor !== 'any');
  return {
    name: '11.2-agreement',
    spec: {
      kind: 'bar',
      title: `Which verb form is more likely? ${total.toLocaleString('en-US')} comparisons (GPT: ${model})`,
      subtitle: CONDITION_LEGEND,
      categories: shown.map(agreementRowLabel),
      series: [
        { name: 'GPT', values: shown.map((r) => r.gpt.accuracy) },
        { name: baseline, values: shown.map((r) => r.ngram.accuracy) },
        { name: 'chance', values: shown.map(() => 0.5) },
      ],
      categoryLabel: 'gap; number of the noun before the verb',
      valueLabel: 'share where the verb agreeing with the subject is more likely',
      valueFormat: '.0%',
      legendTitle: 'model',
      horizontal: true,
      width: 560,
      height: 60 + 70 * shown.length,
    },
  };
}

/** Bars of the share of minimal pairs where the preference moved towards the agreeing verb, by condition. */
function agreementPairsFigure(rows: readonly AgreementRow[], baseline: string): Figure {
  const shown = rows.filter((r) => r.condition !== 'all');
  const total = rows.find((r) => r.condition === 'all')?.gpt.total ?? 0;
  return {
    name: '11.2-agreement-pairs',
    spec: {
      kind: 'bar',
      title: `Changing only the subject's number: does the verb preference follow? ${total.toLocaleString('en-US')} pairs × verbs`,
      subtitle: CONDITION_LEGEND,
      // Pairs pool both attractor numbers: the condition alone names the row.
      categories: shown.map((r) => agreementRowLabel({ condition: r.condition, attractor: 'none' })),
      series: [
        { name: 'GPT', values: shown.map((r) => r.gpt.accuracy) },
        { name: baseline, values: shown.map((r) => r.ngram.accuracy) },
        { name: 'chance', values: shown.map(() => 0.5) },
      ],
      categoryLabel: 'gap between subject and verb',
      valueLabel: 'share where P(agreeing) / P(other) rose over the pair (ties ½)',
      valueFormat: '.0%',
      legendTitle: 'model',
      horizontal: true,
      width: 560,
      height: 60 + 70 * shown.length,
    },
  };
}
