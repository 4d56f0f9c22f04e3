import { createRng, sample, type Rng, type SampleOptions } from '@chatgpt-explained/sampler';
import { Gpt2Error } from '../errors';
import type { Gpt2 } from '../gpt2';
import { createKvCache } from '../model/gpt2-model';
import type { KvCache } from '../model/kv-cache';
import { lastLogitsAsync, promptIds } from './logits';
import { StopMatcher } from './stop-strings';

/** Options of {@link generate}. Sampling is done by `@chatgpt-explained/sampler`. */
export interface GenerateOptions {
  /** The text to continue ('' starts from `<|endoftext|>`). */
  readonly prompt: string;
  /** Most tokens to generate (default 50). */
  readonly maxTokens?: number;
  /** Temperature (default 1); 0 is greedy: always the most likely token. */
  readonly temperature?: number;
  /** Keep only the k most likely tokens (default: all). */
  readonly topK?: number | undefined;
  /** Nucleus sampling threshold in (0, 1] (default 1, off). */
  readonly topP?: number | undefined;
  /** Keep tokens with probability ≥ minP · the largest (default 0, off). */
  readonly minP?: number | undefined;
  /** CTRL repetition penalty over prompt and generated ids (default 1, off). */
  readonly repetitionPenalty?: number | undefined;
  /** Seed of the sampler's RNG (default 0): the same seed gives the same text. */
  readonly seed?: number | string;
  /**
   * Strings that end generation; they may span tokens. The text before the stop string is emitted,
   * the stop string itself is not. Default: none.
   */
  readonly stop?: readonly string[];
  /** End at the `<|endoftext|>` token (default true). */
  readonly stopAtEndOfText?: boolean;
  /** Cancels generation: the iterator throws `Gpt2Error` ABORTED. */
  readonly signal?: AbortSignal | undefined;
  /** Read special tokens written in the prompt (`<|endoftext|>`) as themselves (default false: refused). */
  readonly allowSpecial?: boolean;
}

/** One generated token. */
export interface GeneratedToken {
  readonly id: number;
  /**
   * Text that became printable with this token (may be '' while a multi-byte character or a possible
   * stop string is incomplete). Concatenating every `text` gives the generated text.
   */
  readonly text: string;
  /** Set on the last token: why generation ended. */
  readonly finish?: 'length' | 'stop' | 'endoftext';
}

/**
 * Continues `prompt` token by token with a KV cache, yielding each token as it is made. When the
 * context fills up, the cache is rebuilt from the last half of the context, so generation can go on
 * past `contextLength`. Throws `Gpt2Error` (INVALID_ARGUMENT) for bad options, ABORTED on abort.
 */
export async function* generate(gpt: Gpt2, options: GenerateOptions): AsyncGenerator<GeneratedToken, void, undefined> {
  const settings = checkOptions(options);
  const ids = promptIds(gpt, options.prompt, 'generate', options.allowSpecial);
  const window = gpt.config.contextLength;
  const rng: Rng | undefined = settings.temperature === 0 ? undefined : createRng(options.seed ?? 0);
  const stops = new StopMatcher(options.stop ?? []);
  const decoder = gpt.encoding.createDecoder();
  const cache = createKvCache(gpt.model);
  try {
    let logits = await refill(gpt, cache, ids, window);
    for (let n = 0; n < settings.maxTokens; n++) {
      abortCheck(options.signal);
      const id = sampleChecked(logits, {
        temperature: settings.temperature,
        topK: options.topK,
        topP: options.topP,
        minP: options.minP,
        repetitionPenalty: options.repetitionPenalty,
        previous: options.repetitionPenalty === undefined ? undefined : ids,
        rng,
      });
      ids.push(id);
      if (settings.stopAtEndOfText && id === gpt.config.eosTokenId) {
        yield { id, text: stops.flush() + decoder.end(), finish: 'endoftext' };
        return;
      }
      const pushed = stops.push(decoder.write(id));
      if (pushed.stopped) {
        yield { id, text: pushed.text, finish: 'stop' };
        return;
      }
      if (n === settings.maxTokens - 1) {
        yield { id, text: pushed.text + stops.push(decoder.end()).text + stops.flush(), finish: 'length' };
        return;
      }
      yield { id, text: pushed.text };
      // Let other work (and abort) in between tokens.
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      abortCheck(options.signal);
      logits =
        cache.length + 1 > window ? await refill(gpt, cache, ids, window) : await lastLogitsAsync(gpt, [id], cache);
    }
  } finally {
    cache.dispose();
  }
}

/** Collects {@link generate}: the generated ids and text, and why it ended. */
export async function generateText(
  gpt: Gpt2,
  options: GenerateOptions,
): Promise<{ ids: number[]; text: string; finish: 'length' | 'stop' | 'endoftext' }> {
  const ids: number[] = [];
  let text = '';
  let finish: 'length' | 'stop' | 'endoftext' = 'length';
  for await (const token of generate(gpt, options)) {
    ids.push(token.id);
    text += token.text;
    if (token.finish) finish = token.finish;
  }
  return { ids, text, finish };
}

/** `sample`, with the sampler's errors about options re-thrown as `Gpt2Error` naming the same option. */
function sampleChecked(logits: Float32Array, options: SampleOptions): number {
  try {
    return sample(logits, options);
  } catch (error) {
    const e = error as { name?: string; message?: string; argument?: string; value?: unknown; expected?: string };
    if (e.name !== 'SamplerError') throw error;
    throw new Gpt2Error('INVALID_ARGUMENT', `generate: ${e.message ?? 'bad sampling option'}`, {
      ...(e.argument === undefined ? {} : { argument: e.argument }),
      value: e.value,
      ...(e.expected === undefined ? {} : { expected: e.expected }),
      cause: error,
    });
  }
}

/** Clears the cache and runs the last part of `ids` that fits (all of them if they fit). */
function refill(gpt: Gpt2, cache: KvCache, ids: readonly number[], window: number): Promise<Float32Array> {
  cache.clear();
  const keep = ids.length <= window - 1 ? ids.length : Math.max(1, Math.floor(window / 2));
  return lastLogitsAsync(gpt, ids.slice(ids.length - keep), cache);
}

function abortCheck(signal: AbortSignal | undefined): void {
  if (signal?.aborted) {
    throw new Gpt2Error('ABORTED', 'gpt2 generate: aborted', { argument: 'signal', cause: signal.reason });
  }
}

function checkOptions(options: GenerateOptions): { maxTokens: number; temperature: number; stopAtEndOfText: boolean } {
  if (typeof options !== 'object' || options === null) {
    throw new Gpt2Error('INVALID_ARGUMENT', 'generate: options must be an object', {
      argument: 'options',
      value: options,
    });
  }
  const maxTokens = options.maxTokens ?? 50;
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw new Gpt2Error('INVALID_ARGUMENT', `generate: maxTokens must be an integer ≥ 1; got ${String(maxTokens)}`, {
      argument: 'maxTokens',
      value: maxTokens,
      expected: 'an integer ≥ 1',
    });
  }
  const temperature = options.temperature ?? 1;
  if (typeof temperature !== 'number' || !(temperature >= 0) || !Number.isFinite(temperature)) {
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `generate: temperature must be a finite number ≥ 0; got ${String(temperature)}`,
      {
        argument: 'temperature',
        value: temperature,
        expected: 'a finite number ≥ 0',
      },
    );
  }
  const seed = options.seed;
  if (seed !== undefined && typeof seed !== 'string' && !Number.isSafeInteger(seed)) {
    throw new Gpt2Error('INVALID_ARGUMENT', `generate: seed must be a safe integer or a string; got ${String(seed)}`, {
      argument: 'seed',
      value: seed,
      expected: 'a safe integer or a string',
    });
  }
  if (options.stop !== undefined && (!Array.isArray(options.stop) || options.stop.some((s) => typeof s !== 'string'))) {
    throw new Gpt2Error('INVALID_ARGUMENT', 'generate: stop must be an array of strings', {
      argument: 'stop',
      value: options.stop,
      expected: 'string[]',
    });
  }
  return { maxTokens, temperature, stopAtEndOfText: options.stopAtEndOfText ?? true };
}
