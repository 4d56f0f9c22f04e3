import { fromWord2VecBinary } from '@chatgpt-explained/embeddings';
import type { TourStep } from '../tour';
import { wordLayoutExperiment } from './word-layout';

/**
 * The tour steps of word embeddings: essay 8.1 (words laid out in 2-D by meaning), from the app's
 * shipped embedding (`data.wordVectors`); skipped when the app has none.
 */
export const EMBEDDING_STEPS: readonly TourStep[] = [
  {
    item: '8.1',
    run: async (context) => {
      const { data } = context;
      if (data.wordVectors === undefined) {
        return { lines: ['skipped: the app bundles no word embedding'], data: { skipped: 'no word embedding' } };
      }
      const [bytes, books, cat, dog] = await Promise.all([
        data.wordVectors(),
        data.corpus(),
        data.article('cat'),
        data.article('dog'),
      ]);
      const vectors = fromWord2VecBinary(bytes);
      const { figures, ...result } = await wordLayoutExperiment(vectors, [...books.map((b) => b.text), cat, dog], {
        umap: !context.quick,
        ...(context.signal === undefined ? {} : { signal: context.signal }),
        ...(context.onProgress === undefined
          ? {}
          : { onProgress: (fraction: number) => context.onProgress!({ item: '8.1', fraction, message: 'UMAP' }) }),
      });
      const groups = [...new Set(result.words.map((w) => w.group))];
      const lines = [
        `${result.words.length} words in ${groups.length} groups (${groups.join(', ')}), counts in the corpus ${Math.min(...result.words.map((w) => w.count))}–${Math.max(...result.words.map((w) => w.count))}`,
        `PCA of the unit vectors: ${(100 * result.explainedVariance[0]).toFixed(0)}% + ${(100 * result.explainedVariance[1]).toFixed(0)}% of the variance`,
        `mean cosine similarity within groups ${result.cosine.withinGroups.toFixed(2)}, between groups ${result.cosine.betweenGroups.toFixed(2)}`,
        ...(result.missing.length > 0
          ? [`not in the embedding: ${result.missing.map((m) => `${m.word} (${m.count})`).join(', ')}`]
          : []),
      ];
      return { lines, data: result, figures };
    },
  },
];
