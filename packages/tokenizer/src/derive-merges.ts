import { bytesToVocabString } from './byte-unicode';
import { TokenizerError } from './errors';

/**
 * Merge rules for a vocabulary that has none (tiktoken style: ranks only), so it can be written as
 * `merges.txt`. For every token of two or more bytes, in id order, the merge is where tiktoken's own
 * BPE stops on the token's bytes when only tokens of lower id may form: start from single bytes,
 * repeatedly join the adjacent pair whose concatenation is the lowest-id token below the token's id
 * (leftmost first), and the two parts left are the merge (minbpe's `recover_merges`). For GPT-2 this
 * gives back OpenAI's `vocab.bpe` exactly (a test checks it).
 *
 * The shortcut "the split into two tokens whose higher id is lowest" does not: for `ress` it picks
 * `r` + `ess`, but BPE forms `res` first, so GPT-2's merge is `res` + `s` (about 4,000 of the 50,000
 * merges differ that way).
 *
 * Throws `INVALID_ARGUMENT` naming a token that BPE cannot reach this way (its bytes do not end in
 * exactly two parts).
 */
export function deriveMerges(tokens: readonly Uint8Array[]): [left: number, right: number][] {
  const keys = tokens.map((bytes) => bytesToVocabString(bytes));
  const ids = new Map<string, number>();
  keys.forEach((key, id) => ids.set(key, id));
  const merges: [number, number][] = [];
  for (let id = 0; id < tokens.length; id++) {
    const key = keys[id]!;
    if (key.length < 2) continue;
    // Vocab strings have one character per byte, so the parts are substrings of `key`.
    const parts = [...key];
    for (;;) {
      let best = -1;
      let bestId = id;
      for (let i = 0; i + 1 < parts.length; i++) {
        const joined = ids.get(parts[i]! + parts[i + 1]!);
        if (joined !== undefined && joined < bestId) {
          best = i;
          bestId = joined;
        }
      }
      if (best < 0) break;
      parts.splice(best, 2, parts[best]! + parts[best + 1]!);
    }
    if (parts.length !== 2) {
      throw new TokenizerError(
        'INVALID_ARGUMENT',
        `deriveMerges: token ${id} (${JSON.stringify(key)}) is not made by BPE from tokens of lower id: ` +
          `its bytes end as ${parts.length} parts, not 2`,
        { argument: `tokens[${id}]`, value: tokens[id], expected: 'a token that BPE over lower ids splits in two' },
      );
    }
    merges.push([ids.get(parts[0]!)!, ids.get(parts[1]!)!]);
  }
  return merges;
}
