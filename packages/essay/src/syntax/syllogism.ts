import type { Gpt2 } from '@chatgpt-explained/gpt2';
import type { CorpusText } from '../data';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { describeModel, type Gpt2SectionContext } from '../gpt2/context';
import { preferenceScore, type PreferenceScore } from './agreement-score';
import { gptScorer, type ContinuationScorer } from './continuation-scorer';
import { experimentBaseline, trainingTexts } from './ngram-scorer';
import type { NounPair } from './nouns';

/** Options of {@link syllogismExperiment}, with their defaults. */
export interface SyllogismOptions {
  /** Classes, "All men are …", "… is a man" (a consonant first, for "a"). Default man, woman, girl, boy. */
  readonly nouns?: readonly NounPair[];
  /** The properties, at least three. Default happy, old, wise, kind, good (one token each with a space). */
  readonly adjectives?: readonly string[];
  /** The individuals; item i uses name i mod their number. Default Elizabeth, Jo, Lucy, Amy (in the corpus). */
  readonly names?: readonly string[];
  /** The share of each book held out from the n-gram's training text. Default 0.05; not with `ngram`. */
  readonly heldOutFraction?: number;
  /** The n of the Kneser–Ney baseline, 2 to 6. Default 3. */
  readonly ngramOrder?: number;
  /** The baseline, already trained (see `AgreementOptions.ngram`). Default: trained here. */
  readonly ngram?: ContinuationScorer;
}

/**
 * One prompt: two premises with two classes and two properties, a minor premise, and "So Z is":
 * `All men are happy. All girls are old. Jo is a man. So Jo is` → `happy` follows (the linked
 * property), `old` is the other property in the text.
 */
export interface SyllogismPrompt {
  readonly prompt: string;
  /** Index into the nouns of Z's class and of the other class. */
  readonly zClass: number;
  readonly otherClass: number;
  /** Index into the adjectives of the property of Z's class (the conclusion) and of the other class. */
  readonly linked: number;
  readonly other: number;
  /** Whether the premise with Z's class comes first or second (the other is nearer "So Z is"). */
  readonly linkedPremise: 'first' | 'second';
}

/** A prompt with the natural-log probability of every adjective after it, GPT and n-gram. */
export interface SyllogismItem extends SyllogismPrompt {
  readonly gpt: readonly number[];
  readonly ngram: readonly number[];
}

/**
 * The three measures: `per prompt`: is the linked property more likely than the other one?
 * `mirror pairs`: over a prompt and its mirror (the two properties swapped), does the linked one gain,
 * i.e. log P(linked) − log P(other) summed over both > 0 (cancels any fixed taste for one adjective)?
 * `copying`: over a prompt and the same prompt with the linked property replaced by an unmentioned
 * one, does the mentioned property gain? (Not logic: a model that repeats words of its context wins.)
 */
export type SyllogismMeasure = 'per prompt' | 'mirror pairs' | 'copying';

/** A row of {@link SyllogismResult}: one measure on the prompts of one premise order, GPT and n-gram. */
export interface SyllogismRow {
  readonly measure: SyllogismMeasure;
  readonly linkedPremise: 'first' | 'second' | 'either';
  readonly gpt: PreferenceScore;
  readonly ngram: PreferenceScore;
}

/** Result of {@link syllogismExperiment}. */
export interface SyllogismResult {
  readonly model: string;
  readonly baseline: string;
  readonly nouns: readonly NounPair[];
  readonly adjectives: readonly string[];
  readonly items: readonly SyllogismItem[];
  readonly rows: readonly SyllogismRow[];
  /** `11.2-syllogism`: mirror pairs and copying by premise order as bars, GPT against n-gram and chance. */
  readonly figures: readonly Figure[];
}

/** The default classes of {@link syllogismExperiment}. */
export const SYLLOGISM_NOUNS: readonly NounPair[] = [
  { singular: 'man', plural: 'men' },
  { singular: 'woman', plural: 'women' },
  { singular: 'girl', plural: 'girls' },
  { singular: 'boy', plural: 'boys' },
];
/** The default properties of {@link syllogismExperiment}. */
export const SYLLOGISM_ADJECTIVES: readonly string[] = ['happy', 'old', 'wise', 'kind', 'good'];
/** The default individuals of {@link syllogismExperiment}. */
export const SYLLOGISM_NAMES: readonly string[] = ['Elizabeth', 'Jo', 'Lucy', 'Amy'];

/**
 * The prompts: for every ordered pair of different classes (Z's class and another), every ordered
 * pair of different properties and both orders of the two premises. Z's name depends only on the
 * two classes, so a prompt and its mirror differ only in the properties.
 */
export function syllogismPrompts(
  nouns: readonly NounPair[],
  adjectives: readonly string[],
  names: readonly string[],
): SyllogismPrompt[] {
  const prompts: SyllogismPrompt[] = [];
  nouns.forEach((x, zClass) => {
    nouns.forEach((w, otherClass) => {
      if (otherClass === zClass) return;
      const z = names[(zClass * nouns.length + otherClass) % names.length]!;
      adjectives.forEach((mine, linked) => {
        adjectives.forEach((theirs, other) => {
          if (linked === other) return;
          for (const linkedPremise of ['first', 'second'] as const) {
            const a = `All ${x.plural} are ${mine}.`;
            const b = `All ${w.plural} are ${theirs}.`;
            const premises = linkedPremise === 'first' ? `${a} ${b}` : `${b} ${a}`;
            prompts.push({
              prompt: `${premises} ${z} is a ${x.singular}. So ${z} is`,
              zClass,
              otherClass,
              linked,
              other,
              linkedPremise,
            });
          }
        });
      });
    });
  });
  return prompts;
}

/** The margins of each measure, with the premise order of the prompt they start from. */
export function syllogismMargins(
  items: readonly SyllogismItem[],
  adjectives: number,
  model: 'gpt' | 'ngram',
): { readonly measure: SyllogismMeasure; readonly linkedPremise: 'first' | 'second'; readonly margin: number }[] {
  const key = (p: Pick<SyllogismPrompt, 'zClass' | 'otherClass' | 'linked' | 'other' | 'linkedPremise'>) =>
    `${p.zClass} ${p.otherClass} ${p.linked} ${p.other} ${p.linkedPremise}`;
  const byKey = new Map(items.map((x) => [key(x), x]));
  const out: { measure: SyllogismMeasure; linkedPremise: 'first' | 'second'; margin: number }[] = [];
  for (const x of items) {
    const lp = x[model];
    const margin = lp[x.linked]! - lp[x.other]!;
    out.push({ measure: 'per prompt', linkedPremise: x.linkedPremise, margin });
    if (x.linked < x.other) {
      const mirror = byKey.get(key({ ...x, linked: x.other, other: x.linked }))!;
      out.push({
        measure: 'mirror pairs',
        linkedPremise: x.linkedPremise,
        margin: margin + (mirror[model][mirror.linked]! - mirror[model][mirror.other]!),
      });
    }
    for (let k = x.linked + 1; k < adjectives; k++) {
      if (k === x.other) continue;
      const swapped = byKey.get(key({ ...x, linked: k }))!;
      out.push({
        measure: 'copying',
        linkedPremise: x.linkedPremise,
        // Two differences subtracted, so a model that gives both prompts the same numbers ties exactly.
        margin: lp[x.linked]! - lp[k]! - (swapped[model][x.linked]! - swapped[model][k]!),
      });
    }
  }
  return out;
}

/**
 * Essay 11.2, second half: a syllogism template. After "All men are happy. All girls are old. Jo
 * is a man. So Jo is", does the model give "happy" (the property of Jo's class) more probability
 * than "old" (the other property in the text)? Three {@link SyllogismMeasure}s: per prompt; over a
 * prompt and its mirror (a fixed taste for one adjective cancels, so chance is ½ and a model that
 * copies the nearer property also scores ½); and copying (does mentioning a property make it more
 * likely at all?). The n-gram sees only "Jo is": it ties every pair. Reported whatever it shows; a
 * small model trained on novels is not expected to reason.
 */
export async function syllogismExperiment(
  gpt: Gpt2,
  corpus: readonly CorpusText[],
  options: SyllogismOptions = {},
  context: Gpt2SectionContext = {},
): Promise<SyllogismResult> {
  const nouns = options.nouns ?? SYLLOGISM_NOUNS;
  const adjectives = options.adjectives ?? SYLLOGISM_ADJECTIVES;
  const names = options.names ?? SYLLOGISM_NAMES;
  for (const [argument, list, min] of [
    ['nouns', nouns, 2],
    ['adjectives', adjectives, 3],
    ['names', names, 1],
  ] as const) {
    if (list.length < min) {
      throw new EssayError(
        'INVALID_ARGUMENT',
        `syllogismExperiment: ${argument} must hold at least ${min}, got ${list.length}`,
        {
          argument,
          value: list,
          expected: `at least ${min} entries`,
        },
      );
    }
  }
  const { signal, onProgress } = context;
  signal?.throwIfAborted();
  const gptModel = gptScorer(gpt);
  if (options.ngram !== undefined && options.heldOutFraction !== undefined) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      'syllogismExperiment: heldOutFraction cannot be set together with a ready ngram',
      {
        argument: 'heldOutFraction',
        value: options.heldOutFraction,
        expected: 'undefined when ngram is given',
      },
    );
  }
  const ngram = experimentBaseline(
    'syllogismExperiment',
    gpt.encoding,
    () => trainingTexts(corpus, options.heldOutFraction ?? 0.05),
    options.ngram,
    options.ngramOrder,
  );
  const prompts = syllogismPrompts(nouns, adjectives, names);
  const bos = gpt.config.bosTokenId;
  const candidates = adjectives.map((a) => gpt.encoding.encode(` ${a}`));
  const items: SyllogismItem[] = [];
  for (const [i, p] of prompts.entries()) {
    signal?.throwIfAborted();
    const ids = [bos, ...gpt.encoding.encode(p.prompt)];
    items.push({ ...p, gpt: gptModel.logProbs(ids, candidates), ngram: ngram.logProbs(ids, candidates) });
    if (i % 16 === 15 || i === prompts.length - 1) {
      onProgress?.({ fraction: (i + 1) / prompts.length, message: `scoring ${prompts.length} syllogisms` });
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  const margins = {
    gpt: syllogismMargins(items, adjectives.length, 'gpt'),
    ngram: syllogismMargins(items, adjectives.length, 'ngram'),
  };
  const rows: SyllogismRow[] = [];
  for (const measure of ['per prompt', 'mirror pairs', 'copying'] as const) {
    for (const linkedPremise of ['first', 'second', 'either'] as const) {
      const score = (model: 'gpt' | 'ngram') =>
        preferenceScore(
          margins[model]
            .filter((m) => m.measure === measure && (linkedPremise === 'either' || m.linkedPremise === linkedPremise))
            .map((m) => m.margin),
        );
      rows.push({ measure, linkedPremise, gpt: score('gpt'), ngram: score('ngram') });
    }
  }
  const model = describeModel(gpt);
  return {
    model,
    baseline: ngram.name,
    nouns,
    adjectives,
    items,
    rows,
    figures: [syllogismFigure(rows, model, ngram.name, items.length)],
  };
}

/** Bars of the rows that split by premise order. */
function syllogismFigure(rows: readonly SyllogismRow[], model: string, baseline: string, total: number): Figure {
  const shown = rows.filter((r) => r.linkedPremise !== 'either' && r.measure !== 'per prompt');
  const label = (r: SyllogismRow) => `${r.measure}, ${r.linkedPremise}`;
  return {
    name: '11.2-syllogism',
    spec: {
      kind: 'bar',
      title: `"All men are happy. All girls are old. Jo is a man. So Jo is": ${total} prompts`,
      subtitle: `GPT ${model}. Mirror pairs: "happy" over "old" (a prompt and its mirror); copying: mentioned over unmentioned`,
      categories: shown.map(label),
      series: [
        { name: 'GPT', values: shown.map((r) => r.gpt.accuracy) },
        { name: baseline, values: shown.map((r) => r.ngram.accuracy) },
        { name: 'chance', values: shown.map(() => 0.5) },
      ],
      categoryLabel: "measure; Jo's class's premise first or second",
      valueLabel: 'share won (ties ½)',
      valueFormat: '.0%',
      legendTitle: 'model',
      horizontal: true,
      width: 560,
      height: 60 + 70 * shown.length,
    },
  };
}
