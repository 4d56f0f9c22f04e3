import { generate } from '@chatgpt-explained/gpt2';
import { InvalidArgumentError, type Command } from 'commander';
import { writeJson } from '../../io';
import type { CommandContext } from '../../main';
import { modelOptions, type ModelOptions } from '../../model-source';
import {
  integerAtLeast,
  integerFromTo,
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
} from '../../number-options';
import { backendOption, jsonOption } from '../../options';
import { UsageError } from '../../usage-error';
import { allowSpecialOption, checkSpecialTokens, textArgument, withModel } from './setup';

interface GenerateOptions extends ModelOptions {
  readonly temperature: number;
  readonly allowSpecial?: boolean;
  readonly topK?: number;
  readonly topP?: number;
  readonly repetitionPenalty?: number;
  readonly seed: number;
  readonly maxTokens: number;
  readonly stop: string[];
  readonly json?: boolean;
}

/** What `gpt2 generate --json` prints: the generated tokens only (not the prompt's) and their text. */
export interface Gpt2GenerateReport {
  readonly ids: number[];
  readonly text: string;
}

/** Parses a probability in (0, 1]. */
function probability(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1) {
    throw new InvalidArgumentError('Expected a number in (0, 1].');
  }
  return n;
}

/**
 * Registers `gpt2 generate` (essay 1.2–1.3): continues a prompt token by token with the KV cache,
 * streaming the text to stdout as it is made; `--temperature 0` is greedy.
 */
export function registerGpt2GenerateCommand(gpt2: Command, context: CommandContext): void {
  const { io } = context;
  const command = gpt2
    .command('generate')
    .description('continue PROMPT token by token, streaming the text (essay 1.2, 1.3; --temperature 0 is greedy)')
    .argument('<prompt>', "the text to continue ('-' reads standard input; '' starts a new document)")
    .option('--temperature <t>', 'sampling temperature; 0 always takes the most likely token', nonNegativeNumber, 1)
    .option('--top-k <k>', 'sample only from the k most likely tokens (default: all)', positiveInteger)
    .option(
      '--top-p <p>',
      'sample only from the most likely tokens that make up probability p (default: 1, off)',
      probability,
    )
    .option(
      '--repetition-penalty <r>',
      'divide the logits of tokens already seen by r (default: 1, off)',
      positiveNumber,
    )
    .option('--seed <s>', 'seed of the sampler: the same seed gives the same text', integerAtLeast(0), 0)
    .option('--max-tokens <n>', 'most tokens to generate (1 … 100000)', integerFromTo(1, 100_000), 50)
    .option(
      '--stop <s>',
      'end before this text (repeatable; it may span tokens)',
      (value: string, previous: string[]) => {
        if (value === '') throw new InvalidArgumentError('Expected a non-empty string.');
        return [...previous, value];
      },
      [] as string[],
    );
  for (const option of modelOptions()) command.addOption(option);
  command
    .addOption(allowSpecialOption())
    .addOption(backendOption())
    .addOption(jsonOption())
    .action(async (prompt: string, options: GenerateOptions, cmd: Command) => {
      const text = await textArgument(context, prompt);
      await withModel(cmd, context, options, async (gpt) => {
        if (options.topK !== undefined && options.topK > gpt.config.vocabSize) {
          throw new UsageError(
            `option '--top-k <k>' argument '${options.topK}' is more than the model's ${gpt.config.vocabSize} tokens`,
          );
        }
        checkSpecialTokens(gpt, text, options.allowSpecial);
        const tokens = generate(gpt, {
          prompt: text,
          allowSpecial: options.allowSpecial === true,
          maxTokens: options.maxTokens,
          temperature: options.temperature,
          seed: options.seed,
          stop: options.stop,
          signal: context.signal,
          ...(options.topK === undefined ? {} : { topK: options.topK }),
          ...(options.topP === undefined ? {} : { topP: options.topP }),
          ...(options.repetitionPenalty === undefined ? {} : { repetitionPenalty: options.repetitionPenalty }),
        });
        const ids: number[] = [];
        let generated = '';
        let finish = 'length';
        if (!options.json) io.stdout.write(text);
        for await (const token of tokens) {
          ids.push(token.id);
          generated += token.text;
          if (token.finish) finish = token.finish;
          if (!options.json && token.text !== '') io.stdout.write(token.text);
        }
        if (options.json) {
          writeJson(io, { ids, text: generated } satisfies Gpt2GenerateReport);
          return;
        }
        io.stdout.write('\n');
        const why = { length: '--max-tokens reached', stop: 'a --stop text', endoftext: 'the model ended the text' }[
          finish
        ];
        io.stderr.write(`${ids.length} tokens; ended by ${why ?? finish}\n`);
      });
    });
}
