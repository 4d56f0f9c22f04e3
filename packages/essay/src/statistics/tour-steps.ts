import type { EssayData } from '../data';
import type { TourContext, TourStep, TourStepResult } from '../tour';
import { letterCountsExperiment } from './letters';
import { randomLettersExperiment, randomWordsExperiment, sentencesExperiment } from './random-text';
import { letterPairExperiment, ngramCoverageExperiment } from './tables';
import { rankProbabilityExperiment, temperatureExperiment } from './temperature';

/** The quick tour reads only this much of each book. */
const QUICK_BOOK_CHARS = 60_000;

/** The corpus as one text (the quick tour: the start of each book only). */
async function corpusText(data: EssayData, quick: boolean): Promise<string> {
  const books = await data.corpus();
  return books.map((b) => (quick ? b.text.slice(0, QUICK_BOOK_CHARS) : b.text)).join('\n\n');
}

function step(
  item: string,
  run: (context: TourContext, corpus: () => Promise<string>) => Promise<TourStepResult>,
): TourStep {
  return { item, run: (context) => run(context, () => corpusText(context.data, context.quick)) };
}

const percent = (p: number): string => `${(100 * p).toFixed(1)}%`;

/** The tour steps of the statistics of text: essay 1.3, 1.4 and 2.1–2.6 on the bundled data. */
export const STATISTICS_STEPS: readonly TourStep[] = [
  step('1.3', async (_context, corpus) => {
    const r = temperatureExperiment(await corpus());
    return {
      lines: [
        `temperature 0: ${r.greedy}`,
        ...r.samples.map((s) => `temperature ${r.temperature} (seed ${s.seed}): ${s.text}`),
      ],
      data: r,
    };
  }),
  step('1.4', async (_context, corpus) => {
    const r = rankProbabilityExperiment(await corpus());
    return {
      lines: [
        `after "${r.context}": ${r.top.map((t) => `${t.word} ${percent(t.probability)}`).join(', ')}`,
        `log-log slope of probability against rank: ${r.slope.toFixed(2)}`,
      ],
      data: { context: r.context, top: r.top, slope: r.slope },
      figures: r.figures,
    };
  }),
  step('2.1', async ({ data }) => {
    const [cat, dog] = await Promise.all([data.article('cat'), data.article('dog')]);
    const r = letterCountsExperiment(
      [
        { name: 'cats', text: cat },
        { name: 'dogs', text: dog },
      ],
      await data.letterFrequencies(),
    );
    return {
      lines: [
        ...r.texts.map(
          (t) =>
            `${t.name}: ${t.letters
              .slice(0, 6)
              .map((l) => `${l.letter} ${l.count}`)
              .join(', ')} …`,
        ),
        `English: ${r.english.letters
          .slice(0, 6)
          .map((l) => `${l.letter} ${l.percent.toFixed(2)}%`)
          .join(', ')} …`,
      ],
      data: { texts: r.texts, english: r.english },
      figures: r.figures,
    };
  }),
  step('2.2', async (_context, corpus) => {
    const r = randomLettersExperiment(await corpus());
    return {
      lines: [`by frequency: ${r.letters}`, `with spaces: ${r.withSpaces}`, `with word lengths: ${r.withWordLengths}`],
      data: r,
    };
  }),
  step('2.3', async (_context, corpus) => {
    const r = letterPairExperiment(await corpus());
    return {
      lines: [`after "q": ${r.afterQ.map((e) => `${e.letter} ${percent(e.probability)}`).join(', ')}`],
      data: { letters: r.letters, conditional: r.conditional, afterQ: r.afterQ },
      figures: r.figures,
    };
  }),
  step('2.4', async (_context, corpus) => {
    const r = randomWordsExperiment(await corpus());
    return { lines: r.byOrder.map((o) => `n = ${o.n}: ${o.words.join(' ')}`), data: r };
  }),
  step('2.5', async ({ data }, corpus) => {
    // The essay starts its 2-gram sentences at "cat": the corpus and the Cat article, so it is there.
    const r = sentencesExperiment(`${await corpus()}\n\n${await data.article('cat')}`);
    return {
      lines: [`by word frequency: ${r.byFrequency}`, `from 2-grams after "${r.start}": ${r.fromBigrams}`],
      data: r,
    };
  }),
  step('2.6', async (_context, corpus) => {
    const r = ngramCoverageExperiment(await corpus());
    return {
      lines: r.byN.map(
        (d) =>
          `n = ${d.n}: ${d.seen.toLocaleString('en-US')} distinct seen of ${d.possible.toExponential(2)} possible (${d.total.toLocaleString('en-US')} occurrences)`,
      ),
      data: { byN: r.byN },
      figures: r.figures,
    };
  }),
];
