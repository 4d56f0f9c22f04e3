import { TokenizerError } from './errors';
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
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new TokenizerError('INVALID_ARGUMENT', 'options must be an object', {
      argument: 'options',
      value: options,
      expected: '{ allowedSpecial?, disallowedSpecial? }',
    });
  }
  const allowed =
    options?.allowedSpecial === undefined ? [] : checkList(options.allowedSpecial, 'allowedSpecial', known);
  const disallowedOption = options?.disallowedSpecial ?? 'all';
  const disallowed = checkList(disallowedOption, 'disallowedSpecial', known).filter((t) => !allowed.includes(t));
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

/** The first allowed special token in `text` at or after `from`: its index and string, or undefined. */
export function nextSpecial(
  text: string,
  from: number,
  allowed: readonly string[],
): { readonly index: number; readonly token: string } | undefined {
  let best: { index: number; token: string } | undefined;
  for (const token of allowed) {
    const index = text.indexOf(token, from);
    if (index >= 0 && (best === undefined || index < best.index)) best = { index, token };
  }
  return best;
}
