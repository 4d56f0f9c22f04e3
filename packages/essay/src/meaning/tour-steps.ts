import { fromWord2VecBinary } from '@chatgpt-explained/embeddings';
import { gpt2Step } from '../gpt2/gpt2-step';
import type { TourStep } from '../tour';
import { analogiesExperiment, type WordVectorTable } from './analogies';
import { SPRING_SENSES } from './sense-labels';
import { trajectoryExperiment } from './trajectory';
import { wordSensesExperiment } from './word-senses';

/** Greedy steps of 12.3 in quick mode (full tour: 40). */
export const QUICK_TRAJECTORY_STEPS = 12;

const percent = (p: number): string => `${(100 * p).toFixed(0)}%`;
/** A permutation p-value, as `p ≤ 0.005` at the smallest value `permutations` shuffles can give. */
const pValue = (p: number, permutations: number): string =>
  p <= 1 / (permutations + 1) + 1e-12 ? `p ≤ ${(1 / (permutations + 1)).toFixed(3)}` : `p ${p.toFixed(3)}`;

/**
 * The steps of essay section 12: 12.1 word senses from the hidden states of the tour's GPT-2 (`ball`,
 * and `spring` too in the full tour), 12.2 analogies in the shipped word embedding (skipped when the
 * app has none, `EssayData.wordVectors`), 12.3 a prompt's trajectory through the GPT-2's feature space.
 * `readWordVectors` turns the embedding's bytes into vectors (`@chatgpt-explained/embeddings`'s reader).
 */
export function meaningSteps(readWordVectors: (bytes: Uint8Array) => WordVectorTable): TourStep[] {
  return [
    gpt2Step('12.1', async (gpt, context, section) => {
      const corpus = await context.data.corpus();
      const words = context.quick ? [undefined] : [undefined, SPRING_SENSES];
      const results = [];
      for (const labels of words) {
        results.push(await wordSensesExperiment(gpt, corpus, labels === undefined ? {} : { labels }, section));
      }
      return {
        lines: results.flatMap((r) => [
          `"${r.word}": ${r.occurrences.length} occurrences (${r.senses.map((s) => `${s.id} ${s.count}`).join(', ')}), read in ${r.windowTokens} tokens ending with the word`,
          `  leave-one-out nearest-centroid balanced accuracy (chance ${percent(1 / r.senses.length)}; permutation p): ${r.layers.map((l) => `${l.label} ${percent(l.balancedAccuracy)} (${pValue(l.p, r.permutations)})`).join(', ')}`,
          ...r.withinBook.map(
            (w) =>
              `  within ${w.book} only (${w.senses.map((s) => `${s.id} ${s.count}`).join(', ')}): ${w.balancedAccuracy.map((a, l) => `${percent(a)} (${pValue(w.p[l]!, r.permutations)})`).join(', ')}`,
          ),
        ]),
        data: results.map(({ figures: _f, states: _s, ...data }) => data),
        figures: results.flatMap((r) => r.figures),
      };
    }),
    {
      item: '12.2',
      run: async (context) => {
        if (context.data.wordVectors === undefined) {
          return { lines: ['skipped: the tour was given no word embedding'], data: { skipped: 'no word embedding' } };
        }
        const { figures, ...data } = analogiesExperiment(readWordVectors(await context.data.wordVectors()));
        return {
          lines: [
            `${data.pairs.length} pairs (${data.pairs.map(([a, b]) => `${a} → ${b}`).join(', ')})${data.missing.length > 0 ? `; not in the vocabulary: ${data.missing.join(', ')}` : ''}`,
            `mean cosine between their offsets ${data.meanOffsetCosine.toFixed(2)}; of as many random word pairs ${data.randomOffsetCosine.mean.toFixed(2)} ± ${data.randomOffsetCosine.std.toFixed(2)} (${data.randomOffsetCosine.sets} sets; p ${data.randomOffsetCosine.p.toFixed(3)})`,
            `${data.reference[0]} → ${data.reference[1]} as 3CosAdd: ${data.answers.map((a) => `${a.from} → ${a.answer}${a.answer === a.to ? '' : ` (${a.to}: rank ${a.rank})`}`).join(', ')}`,
            `all ${data.allQuestions.questions} questions between the pairs: ${percent(data.allQuestions.top1)} first, median rank ${data.allQuestions.medianRank}`,
          ],
          data,
          figures,
        };
      },
    },
    gpt2Step('12.3', async (gpt, context, section) => {
      const {
        figures,
        states: _s,
        fanStates: _f,
        ...data
      } = await trajectoryExperiment(gpt, context.quick ? { steps: QUICK_TRAJECTORY_STEPS } : {}, section);
      return {
        lines: [
          `${JSON.stringify(data.prompt + data.text)}`,
          `${data.path.length} states after ln_f, 3 principal components holding ${data.explainedVariance.map(percent).join(' + ')} of their variance`,
          `first step's fan: ${data.path[0]!.fan.map((f) => `${JSON.stringify(f.text)} ${percent(f.probability)}`).join(', ')}`,
        ],
        data,
        figures,
      };
    }),
  ];
}

/**
 * The steps of essay section 12 (12.1–12.3) for the tour, reading the app's word embedding
 * (`EssayData.wordVectors`) in word2vec's binary format with `@chatgpt-explained/embeddings`.
 */
export const MEANING_STEPS: readonly TourStep[] = meaningSteps((bytes) => fromWord2VecBinary(bytes));
