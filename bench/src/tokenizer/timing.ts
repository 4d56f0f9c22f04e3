import { median } from '../harness';
import type { ImplementationName } from '../tokenizer-types';
import { collectGarbage } from './gc';
import type { Tokenizer } from './implementation';
import { firstDifference } from './parity';

/** Times of one implementation over the timed rounds, in milliseconds, in round order. */
export interface Timing {
  readonly name: ImplementationName;
  /** Encode of the whole text, starting fresh (no cache of this text). */
  readonly encodeMs: readonly number[];
  /** Decode of all the ids. */
  readonly decodeMs: readonly number[];
  /**
   * For a library with a cache of pieces: the encode repeated at once, its cache still holding
   * this text. Shown beside the benchmark's figures, never used for them.
   */
  readonly repeatEncodeMs: readonly number[];
  readonly medianEncodeMs: number;
  readonly medianDecodeMs: number;
  /** Undefined for a library without a cache. */
  readonly medianRepeatEncodeMs: number | undefined;
}

/** What the parity check got from one implementation: every round must give the same. */
export interface Expected {
  readonly ids: readonly number[];
  readonly decoded: string;
}

function timed<T>(run: () => T): [T, number] {
  collectGarbage();
  const start = performance.now();
  const value = run();
  return [value, performance.now() - start];
}

/**
 * Times every implementation in one process, alternating: each round encodes the whole text and
 * decodes its ids once with every implementation, the order rotating by one each round so none
 * always goes first. Each encode starts fresh (`startFresh`: a library's cache of pieces from
 * earlier rounds is emptied), and the heap is collected before each timed call. Every round's
 * output is checked against `expected`; a difference throws.
 */
export async function timeAlternating(
  tokenizers: readonly Tokenizer[],
  text: string,
  rounds: number,
  expected: ReadonlyMap<ImplementationName, Expected>,
  progress: (line: string) => void = () => undefined,
): Promise<Timing[]> {
  const times = new Map(
    tokenizers.map((t) => [t.name, { encode: [] as number[], decode: [] as number[], repeat: [] as number[] }]),
  );
  for (let round = 0; round < rounds; round++) {
    const order = tokenizers.map((_, i) => tokenizers[(i + round) % tokenizers.length]!);
    for (const t of order) {
      await t.startFresh?.();
      const [ids, encodeMs] = timed(() => t.encode(text));
      const [decoded, decodeMs] = timed(() => t.decode(ids));
      const want = expected.get(t.name);
      if (want === undefined || firstDifference(ids, want.ids) !== -1 || decoded !== want.decoded)
        throw new Error(`timeAlternating: ${t.name} gave a different result in round ${round + 1}`);
      const mine = times.get(t.name)!;
      mine.encode.push(encodeMs);
      mine.decode.push(decodeMs);
      let line = `round ${round + 1}/${rounds} ${t.name}: encode ${encodeMs.toFixed(0)} ms, decode ${decodeMs.toFixed(0)} ms`;
      if (t.startFresh !== undefined) {
        const [, repeatMs] = timed(() => t.encode(text));
        mine.repeat.push(repeatMs);
        line += `, encode again with its cache holding this text ${repeatMs.toFixed(0)} ms`;
      }
      progress(line);
    }
  }
  return tokenizers.map((t) => {
    const { encode, decode, repeat } = times.get(t.name)!;
    return {
      name: t.name,
      encodeMs: encode,
      decodeMs: decode,
      repeatEncodeMs: repeat,
      medianEncodeMs: median(encode),
      medianDecodeMs: median(decode),
      medianRepeatEncodeMs: repeat.length > 0 ? median(repeat) : undefined,
    };
  });
}
