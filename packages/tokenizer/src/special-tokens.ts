import { checkOptions } from './check-options';
import { TokenizerError } from './errors';

const OPTION_NAMES = ['allowedSpecial', 'disallowedSpecial'];
import type { EncodeOptions } from './types';

/** The special tokens an `encode` call allows, and the ones it refuses. */
export interface SpecialPolicy {
  readonly allowed: readonly string[];
  readonly disallowed: readonly string[];
}

function checkList(list: unknown, argument: string, known: Readonly<Record<string, number>>): readonly string[] {
  if (list === 'all') return Object.keys(known);
  if (!Array.isArray(list)) {
    throw new TokenizerError('INVALID_ARGUMENT', `${argument} must be 'all' or a list of special tokens`, {
      argument,
      value: list,
      expected: "'all' or an array of strings",
    });
  }
  for (const token of list as unknown[]) {
    if (typeof token !== 'string' || !Object.hasOwn(known, token)) {
      throw new TokenizerError(
        'INVALID_ARGUMENT',
        `${argument}: ${JSON.stringify(token)} is not a special token of this encoding`,
        {
          argument,
          value: token,
          expected: Object.keys(known).join(', '),
        },
      );
    }
  }
  return list as readonly string[];
}

/** Resolves `allowedSpecial` / `disallowedSpecial` as tiktoken does. */
export function specialPolicy(
  options: EncodeOptions | undefined,
  known: Readonly<Record<string, number>>,
): SpecialPolicy {
  checkOptions('encode', options, OPTION_NAMES);
  const allowed =
    options?.allowedSpecial === undefined ? [] : checkList(options.allowedSpecial, 'allowedSpecial', known);
  const disallowedOption = options?.disallowedSpecial ?? 'all';
  // As in tiktoken: 'all' means every special token not allowed; a list is refused as given, even
  // where it names an allowed token.
  const disallowed = checkList(disallowedOption, 'disallowedSpecial', known).filter(
    (t) => disallowedOption !== 'all' || !allowed.includes(t),
  );
  return { allowed, disallowed };
}

/** Throws when `text` holds a disallowed special token. */
export function refuseDisallowed(text: string, disallowed: readonly string[]): void {
  for (const token of disallowed) {
    const at = text.indexOf(token);
    if (at >= 0) {
      throw new TokenizerError(
        'SPECIAL_TOKEN_NOT_ALLOWED',
        `text contains the special token ${token} at index ${at}; pass { allowedSpecial: [${JSON.stringify(token)}] } to encode it as one token, or { disallowedSpecial: [] } to encode it as plain text`,
        { argument: 'text', value: token, expected: 'no special tokens, or allowedSpecial' },
      );
    }
  }
}

/**
 * Finds allowed special tokens in a text, leftmost first (at one position, the first in `allowed`
 * order, as tiktoken's regular expression does), in one pass whatever the number of tokens.
 */
export class SpecialFinder {
  private readonly regex: RegExp;

  constructor(allowed: readonly string[]) {
    this.regex = new RegExp(allowed.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  }

  /** The first allowed special token at or after `from`: its index and string, or undefined. */
  next(text: string, from: number): { readonly index: number; readonly token: string } | undefined {
    this.regex.lastIndex = from;
    const match = this.regex.exec(text);
    return match === null ? undefined : { index: match.index, token: match[0] };
  }
}
