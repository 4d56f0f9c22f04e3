import { countWordNgrams, generate } from '@chatgpt-explained/ngram';
import type { Figure } from '../figure';

/** Result of {@link temperatureExperiment}. */
export interface TemperatureResult {
  readonly prompt: readonly string[];
  /** Always the most likely next word (temperature 0): it soon loops. */
  readonly greedy: string;
  /** Samples at the given temperature, one per seed: different each time. */
  readonly samples: readonly { readonly seed: number; readonly text: string }[];
  readonly temperature: number;
}

/**
 * Essay 1.2–1.3 on an n-gram model: from a word 3-gram model of the corpus, continue a prompt
 * ("the best" by default; the corpus's most frequent word pair if it never occurs) always taking
 * the most likely word (temperature 0), then sampling at temperature 0.8 with five seeds.
 */
export function temperatureExperiment(
  corpus: string,
  options: {
    readonly prompt?: readonly string[];
    readonly length?: number;
    readonly temperature?: number;
    readonly samples?: number;
  } = {},
): TemperatureResult {
  const length = options.length ?? 20;
  const temperature = options.temperature ?? 0.8;
  const counts = countWordNgrams(corpus, 3);
  // The essay's prompt where the corpus has it; otherwise its most frequent word pair.
  const wanted = options.prompt ?? ['the', 'best'];
  const prompt = counts.count(wanted.slice(-2)) > 0 ? wanted : (counts.top(1, { n: 2 })[0]?.gram ?? wanted);
  const say = (words: readonly string[]): string => [...prompt, ...words].join(' ');
  const samples = Array.from({ length: options.samples ?? 5 }, (_, i) => ({
    seed: i + 1,
    text: say(generate(counts, { length, start: prompt, temperature, seed: i + 1 })),
  }));
  return { prompt, greedy: say(generate(counts, { length, start: prompt, temperature: 0 })), samples, temperature };
}

/** Result of {@link rankProbabilityExperiment}. */
export interface RankProbabilityResult {
  readonly context: string;
  /** The next words after the context, most likely first. */
  readonly top: readonly { readonly word: string; readonly probability: number }[];
  /** Least-squares slope of log10 probability against log10 rank (a power law is a straight line). */
  readonly slope: number;
  readonly figures: readonly Figure[];
}

/**
 * Essay 1.4 on an n-gram model: the probabilities of the words that follow a context, against
 * their rank, on log-log axes (close to a straight line), with all words' frequencies beside them.
 */
export function rankProbabilityExperiment(
  corpus: string,
  options: { readonly context?: string } = {},
): RankProbabilityResult {
  const context = options.context ?? 'the';
  const bigrams = countWordNgrams(corpus, 2);
  const next = bigrams.successors([context]).sort((a, b) => b.probability - a.probability);
  const unigrams = bigrams.top(Number.MAX_SAFE_INTEGER, { n: 1 });
  const total = unigrams.reduce((s, u) => s + u.count, 0);
  const rank = (values: readonly number[]) => values.map((_, i) => i + 1);
  const nextP = next.map((s) => s.probability);
  const allP = unigrams.map((u) => u.count / total);
  const xs = nextP.map((_, i) => Math.log10(i + 1));
  const ys = nextP.map((p) => Math.log10(p));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
  return {
    context,
    top: next.slice(0, 10).map((s) => ({ word: s.token, probability: s.probability })),
    slope,
    figures: [
      {
        name: '1.4-rank-probability',
        spec: {
          kind: 'line',
          title: `Next-word probability against rank`,
          subtitle: `Word 2-grams of the corpus; slope after "${context}" ≈ ${slope.toFixed(2)}`,
          xLabel: 'rank',
          yLabel: 'probability',
          xScale: 'log',
          yScale: 'log',
          legendTitle: '',
          series: [
            { name: `next word after "${context}"`, x: rank(nextP), y: nextP, style: 'points' },
            { name: 'all words', x: rank(allP), y: allP, style: 'line' },
          ],
          width: 560,
          height: 360,
        },
      },
    ],
  };
}
