import { SamplerError } from './errors';

/**
 * A vector of logits (unnormalised log-probabilities), one per token id: a `Float32Array` (what a
 * model usually returns), a `Float64Array` or a plain array of numbers. Never modified.
 */
export type Logits = Float32Array | Float64Array | readonly number[];

/** A short description of a value for messages: its type, or the value itself when small. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'string')
    return value.length <= 40 ? JSON.stringify(value) : `a string of length ${value.length}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (ArrayBuffer.isView(value)) return value.constructor.name;
  return typeof value;
}

/** Throws INVALID_ARGUMENT with the usual message shape: "operation: argument must be …, got …". */
export function invalid(operation: string, argument: string, value: unknown, expected: string): never {
  throw new SamplerError('INVALID_ARGUMENT', `${operation}: ${argument} must be ${expected}, got ${describe(value)}`, {
    argument,
    value,
    expected,
  });
}

/**
 * Checks the container (not the numbers, which each caller checks in its own first pass over them:
 * see {@link nonFiniteLogit}): a non-empty Float32Array, Float64Array or array.
 */
export function checkLogitsContainer(operation: string, logits: unknown): asserts logits is Logits {
  if (!(logits instanceof Float32Array || logits instanceof Float64Array || Array.isArray(logits))) {
    throw new SamplerError(
      'INVALID_LOGITS',
      `${operation}: logits must be a Float32Array, Float64Array or array of numbers, got ${describe(logits)}`,
      { argument: 'logits', value: logits, expected: 'a Float32Array, Float64Array or array of finite numbers' },
    );
  }
  if (logits.length === 0) {
    throw new SamplerError('INVALID_LOGITS', `${operation}: logits must not be empty`, {
      argument: 'logits',
      value: logits,
      expected: 'at least one logit',
    });
  }
}

/** The error for logit `value` at `index` that is not a finite number. */
export function nonFiniteLogit(operation: string, index: number, value: unknown): SamplerError {
  return new SamplerError(
    'INVALID_LOGITS',
    `${operation}: logits must be finite; found ${describe(value)} at index ${index}`,
    { argument: `logits[${index}]`, value, expected: 'a finite number' },
  );
}

/** The {@link nonFiniteLogit} error for the first logit that is not a finite number (there must be one). */
export function firstNonFinite(operation: string, logits: Logits): SamplerError {
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i]!;
    if (v - v !== 0) return nonFiniteLogit(operation, i, v);
  }
  throw new Error(`${operation}: internal error: no non-finite logit found`);
}

/** Throws {@link nonFiniteLogit} for the first logit that is not a finite number; returns the maximum. */
export function checkFiniteMax(operation: string, logits: Logits): number {
  let max = -Infinity;
  let poison = 0; // NaN once a logit is NaN or ±Infinity
  for (let i = 0; i < logits.length; i++) {
    const v = logits[i]!;
    poison += v * 0;
    if (v > max) max = v;
  }
  if (poison !== 0) throw firstNonFinite(operation, logits);
  return max;
}

/** `temperature` is `undefined` (→ 1) or a finite number ≥ 0. */
export function checkTemperature(operation: string, temperature: unknown): number {
  if (temperature === undefined) return 1;
  if (typeof temperature !== 'number' || !Number.isFinite(temperature) || temperature < 0)
    invalid(operation, 'temperature', temperature, 'a finite number ≥ 0 (0 is greedy)');
  return temperature;
}

/**
 * Checks that `options` is `undefined` or a plain object whose keys are all in `names`, so a
 * misspelt option (`top_p`) is an error rather than silently ignored.
 */
export function checkOptions(operation: string, options: unknown, names: readonly string[]): Record<string, unknown> {
  if (options === undefined) return {};
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    invalid(operation, 'options', options, `an object with ${names.join(', ')}`);
  for (const key in options) {
    if (!names.includes(key)) {
      throw new SamplerError('INVALID_ARGUMENT', `${operation}: unknown option ${JSON.stringify(key)}`, {
        argument: `options.${key}`,
        value: (options as Record<string, unknown>)[key],
        expected: `one of ${names.join(', ')}`,
      });
    }
  }
  return options as Record<string, unknown>;
}
