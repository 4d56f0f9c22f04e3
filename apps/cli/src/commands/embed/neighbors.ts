import type { ScoredWord } from '@chatgpt-explained/embeddings';
import type { Command } from 'commander';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { integerFromTo } from '../../number-options';
import { jsonOption } from '../../options';
import { loadWordVectors, modelOption, normaliseWord } from './model';

interface NeighborsOptions {
  readonly count: number;
  readonly model?: string;
  readonly json?: boolean;
}

/** What `embed neighbors --json` prints. */
export interface EmbedNeighborsReport {
  readonly neighbors: readonly ScoredWord[];
}

/** Registers `embed neighbors WORD`: the words nearest to WORD by cosine similarity (essay 8). */
export function registerEmbedNeighborsCommand(embed: Command, context: CommandContext): void {
  const { io } = context;
  embed
    .command('neighbors')
    .alias('neighbours')
    .description('the words nearest to WORD by cosine similarity of their vectors')
    .argument('<word>', 'a word of the vocabulary (lower-cased)')
    .option('-k, --count <n>', 'how many neighbours (1 … 1000)', integerFromTo(1, 1000), 10)
    .addOption(modelOption())
    .addOption(jsonOption())
    .action(async (word: string, options: NeighborsOptions) => {
      const vectors = await loadWordVectors(io, options.model);
      const neighbors = vectors.neighbors(normaliseWord(word), options.count);
      if (options.json) {
        writeJson(io, { neighbors } satisfies EmbedNeighborsReport);
        return;
      }
      io.stdout.write(neighbors.map((n) => `${n.word.padEnd(16)} ${n.similarity.toFixed(3)}`).join('\n') + '\n');
    });
}
