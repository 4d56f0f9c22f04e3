import { TokenizerError } from './errors';

/**
 * Checks that `options` is `undefined` or a plain object whose keys are all in `names`, so a
 * misspelt option is an error rather than silently ignored. Returns the options as a record (empty
 * when `undefined`). `operation` names the caller in messages ("splitWords").
 */
export function checkOptions(operation: string, options: unknown, names: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new TokenizerError('INVALID_ARGUMENT', `${operation}: options must be an object, got ${describe(options)}`, {
      argument: 'options',
      value: options,
      expected: `an object with ${names.join(', ')}`,
    });
  }
  for (const key of Object.keys(options)) {
    if (!names.includes(key)) {
      throw new TokenizerError('INVALID_ARGUMENT', `${operation}: unknown option ${JSON.stringify(key)}`, {
        argument: `options.${key}`,
        value: (options as Record<string, unknown>)[key],
        expected: names.join(', '),
      });
    }
  }
  return options as Record<string, unknown>;
}

/** Throws INVALID_ARGUMENT naming `argument` unless `value` is `undefined` or a boolean. */
export function optionalBoolean(operation: string, argument: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw new TokenizerError('INVALID_ARGUMENT', `${operation}: ${argument} must be a boolean, got ${describe(value)}`, {
    argument,
    value,
    expected: 'true or false',
  });
}

/** Throws INVALID_ARGUMENT naming `argument` unless `value` is a string. */
export function requireString(operation: string, argument: string, value: unknown): string {
  if (typeof value === 'string') return value;
  throw new TokenizerError('INVALID_ARGUMENT', `${operation}: ${argument} must be a string, got ${describe(value)}`, {
    argument,
    value,
    expected: 'a string',
  });
}

/** A short description of a value for messages: its type, or the value itself when small. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return value.length <= 40 ? JSON.stringify(value) : `a string of length ${value.length}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value;
}
