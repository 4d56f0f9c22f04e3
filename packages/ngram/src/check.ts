import { NgramError } from './errors';

/** A short description of a value for messages: its type, or the value itself when small. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string')
    return value.length <= 40 ? JSON.stringify(value) : `a string of length ${value.length}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value;
}

function invalid(operation: string, argument: string, value: unknown, expected: string): NgramError {
  return new NgramError('INVALID_ARGUMENT', `${operation}: ${argument} must be ${expected}, got ${describe(value)}`, {
    argument,
    value,
    expected,
  });
}

/**
 * Checks that `options` is `undefined` or a plain object whose keys are all in `names`, so a
 * misspelt option is an error rather than silently ignored. Returns the options as a record.
 */
export function checkOptions(operation: string, options: unknown, names: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw invalid(operation, 'options', options, `an object with ${names.join(', ')}`);
  }
  for (const key of Object.keys(options)) {
    if (!names.includes(key)) {
      throw new NgramError('INVALID_ARGUMENT', `${operation}: unknown option ${JSON.stringify(key)}`, {
        argument: `options.${key}`,
        value: (options as Record<string, unknown>)[key],
        expected: names.join(', '),
      });
    }
  }
  return options as Record<string, unknown>;
}

/** `value` if it is `undefined` or a boolean; otherwise throws INVALID_ARGUMENT naming `argument`. */
export function optionalBoolean(operation: string, argument: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === 'boolean') return value;
  throw invalid(operation, argument, value, 'true or false');
}

/** `value` if it is a string; otherwise throws INVALID_ARGUMENT naming `argument`. */
export function requireString(operation: string, argument: string, value: unknown): string {
  if (typeof value === 'string') return value;
  throw invalid(operation, argument, value, 'a string');
}

/** `value` if it is an integer in [min, max]; otherwise throws INVALID_ARGUMENT naming `argument`. */
export function requireInteger(operation: string, argument: string, value: unknown, min: number, max: number): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
  const range = max === Number.MAX_SAFE_INTEGER ? `≥ ${min}` : `in ${min}…${max}`;
  throw invalid(operation, argument, value, `an integer ${range}`);
}

/**
 * `value` if it is a finite number within the bounds (`min` included unless `minOpen`, `max`
 * included); otherwise throws INVALID_ARGUMENT naming `argument`.
 */
export function requireNumber(
  operation: string,
  argument: string,
  value: unknown,
  bounds: { min: number; max?: number; minOpen?: boolean },
): number {
  const max = bounds.max ?? Infinity;
  if (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (bounds.minOpen === true ? value > bounds.min : value >= bounds.min) &&
    value <= max
  )
    return value;
  const low = `${bounds.minOpen === true ? '>' : '≥'} ${bounds.min}`;
  throw invalid(operation, argument, value, `a finite number ${low}${max === Infinity ? '' : ` and ≤ ${max}`}`);
}

/** `value` if it is an array of strings; otherwise throws INVALID_ARGUMENT naming `argument`. */
export function requireStringArray(operation: string, argument: string, value: unknown): readonly string[] {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string')) return value as string[];
  throw invalid(operation, argument, value, 'an array of strings');
}
