import { BpeEncoding } from './bpe-encoding';
import { TokenTable } from './bpe/token-table';
import { TokenizerError } from './errors';
import { PATTERNS } from './pretokenize/patterns';
import type { BpeDefinition, Encoding } from './types';

function invalid(argument: string, value: unknown, message: string, expected: string): TokenizerError {
  return new TokenizerError('INVALID_VOCABULARY', `${argument}: ${message}`, { argument, value, expected });
}

/**
 * Builds an encoding from a BPE vocabulary: one read from Hugging Face files
 * (`parseHuggingFaceVocab`), one from `trainBpe`, or your own. Checks the definition and throws
 * `INVALID_VOCABULARY` naming the faulty part.
 */
export function createEncoding(definition: BpeDefinition): Encoding {
  if (typeof definition !== 'object' || definition === null) {
    throw invalid('definition', definition, 'must be an object', 'a BpeDefinition');
  }
  const { name, tokens, merges, pattern, specialTokens } = definition;
  if (typeof name !== 'string' || name === '') throw invalid('name', name, 'must be a non-empty string', 'a name');
  if (!Array.isArray(tokens)) throw invalid('tokens', tokens, 'must be an array of Uint8Array', 'Uint8Array[]');
  tokens.forEach((token: unknown, id) => {
    if (token !== undefined && !(token instanceof Uint8Array)) {
      throw invalid(`tokens[${id}]`, token, 'must be a Uint8Array', 'Uint8Array');
    }
    if (token instanceof Uint8Array && token.length === 0) {
      throw invalid(`tokens[${id}]`, token, 'is empty', 'at least one byte (leave a hole for an unused id)');
    }
  });
  if (typeof pattern === 'string' ? !Object.hasOwn(PATTERNS, pattern) : typeof pattern?.regex !== 'string') {
    throw invalid(
      'pattern',
      pattern,
      'is not a known pattern or { regex }',
      `${Object.keys(PATTERNS).join(' | ')} | { regex: string }`,
    );
  }
  if (typeof pattern === 'object') {
    try {
      new RegExp(pattern.regex, 'gu');
    } catch (cause) {
      throw new TokenizerError(
        'INVALID_VOCABULARY',
        `pattern.regex is not a valid regular expression: ${String(cause)}`,
        {
          argument: 'pattern.regex',
          value: pattern.regex,
          expected: 'a regular expression source valid with the u flag',
          cause,
        },
      );
    }
  }
  const table = TokenTable.fromTokens(tokens);
  if (merges !== undefined) {
    if (!Array.isArray(merges))
      throw invalid('merges', merges, 'must be an array of [left, right] id pairs', '[number, number][]');
    merges.forEach((merge: unknown, index) => {
      const pair = merge as readonly unknown[];
      const ok =
        Array.isArray(pair) &&
        pair.length === 2 &&
        pair.every(
          (id) =>
            Number.isInteger(id) &&
            (id as number) >= 0 &&
            (id as number) < table.size &&
            table.length(id as number) > 0,
        );
      if (!ok) throw invalid(`merges[${index}]`, merge, 'must be two token ids', '[left id, right id]');
      if (table.findConcat(pair[0] as number, pair[1] as number) < 0) {
        throw invalid(
          `merges[${index}]`,
          merge,
          'the concatenation of its two tokens is not a token',
          'a pair whose concatenation is in tokens',
        );
      }
    });
  }
  if (typeof specialTokens !== 'object' || specialTokens === null) {
    throw invalid('specialTokens', specialTokens, 'must be an object of token → id', 'Record<string, number>');
  }
  return new BpeEncoding({ name, tokens: table, merges, pattern, specialTokens });
}
