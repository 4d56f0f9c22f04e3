import type { Command } from 'commander';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { jsonOption } from '../../options';
import { loadWordVectors, modelOption, normaliseWord } from './model';

interface VectorsOptions {
  readonly model?: string;
  readonly json?: boolean;
}

/** What `embed vectors --json` prints: the raw vector of each known word (unknown words are omitted). */
export interface EmbedVectorsReport {
  readonly vectors: Readonly<Record<string, readonly number[]>>;
}

/** Registers `embed vectors WORD…`: the vectors of the words the embedding knows. */
export function registerEmbedVectorsCommand(embed: Command, context: CommandContext): void {
  const { io } = context;
  embed
    .command('vectors')
    .description(
      'the vectors of the given words (words the embedding does not know are left out, and listed on stderr)',
    )
    .argument('<words...>', 'words (lower-cased)')
    .addOption(modelOption())
    .addOption(jsonOption())
    .action(async (words: string[], options: VectorsOptions) => {
      const model = await loadWordVectors(io, options.model);
      const vectors: Record<string, number[]> = {};
      const unknown: string[] = [];
      for (const word of words.map(normaliseWord)) {
        if (model.has(word)) vectors[word] = Array.from(model.vector(word));
        else unknown.push(word);
      }
      if (unknown.length > 0) io.stderr.write(`not in the vocabulary: ${unknown.join(', ')}\n`);
      if (options.json) {
        writeJson(io, { vectors } satisfies EmbedVectorsReport);
        return;
      }
      io.stdout.write(
        Object.entries(vectors)
          .map(([word, v]) => `${word} ${v.map((x) => x.toPrecision(6)).join(' ')}`)
          .join('\n') + (Object.keys(vectors).length > 0 ? '\n' : ''),
      );
    });
}
