import type { ScoredWord } from '@chatgpt-explained/embeddings';
import type { Command } from 'commander';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { integerFromTo } from '../../number-options';
import { jsonOption } from '../../options';
import { loadWordVectors, modelOption, normaliseWord } from './model';

interface AnalogyOptions {
  readonly count: number;
  readonly model?: string;
  readonly json?: boolean;
}

/** What `embed analogy --json` prints. */
export interface EmbedAnalogyReport {
  /** The query as `a − b + c`. */
  readonly query: { readonly plus: string; readonly minus: string; readonly plus2: string };
  readonly answers: readonly ScoredWord[];
}

/**
 * Registers `embed analogy A B C`: the words nearest to A − B + C (3CosAdd on unit vectors, the three
 * words excluded), so `embed analogy king man woman` asks "man is to king as woman is to ?".
 */
export function registerEmbedAnalogyCommand(embed: Command, context: CommandContext): void {
  const { io } = context;
  embed
    .command('analogy')
    .description('the words nearest to A − B + C (king man woman: king − man + woman), inputs excluded')
    .argument('<a>', 'the word to start from (king)')
    .argument('<b>', 'the word to subtract (man)')
    .argument('<c>', 'the word to add (woman)')
    .option('-k, --count <n>', 'how many answers (1 … 100)', integerFromTo(1, 100), 5)
    .addOption(modelOption())
    .addOption(jsonOption())
    .action(async (a: string, b: string, c: string, options: AnalogyOptions) => {
      const vectors = await loadWordVectors(io, options.model);
      const [plus, minus, plus2] = [a, b, c].map(normaliseWord) as [string, string, string];
      const answers = vectors.analogy(minus, plus, plus2, options.count);
      if (options.json) {
        writeJson(io, { query: { plus, minus, plus2 }, answers } satisfies EmbedAnalogyReport);
        return;
      }
      io.stdout.write(
        `${plus} − ${minus} + ${plus2} ≈\n` +
          answers.map((n) => `  ${n.word.padEnd(16)} ${n.similarity.toFixed(3)}`).join('\n') +
          '\n',
      );
    });
}
