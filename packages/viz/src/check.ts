import { VizError, type VizErrorCode } from './errors';

/** A short description of a value for messages: its type, or the value itself when small. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (typeof value === 'string')
    return value.length <= 40 ? JSON.stringify(value) : `a string of length ${value.length}`;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return typeof value;
}

/**
 * Validates spec fields for one operation (`renderSvg`, `renderPng`, …), throwing a {@link VizError}
 * whose message names the operation, the field's path (`spec.series[1].y[17]`) and what was seen.
 */
export class SpecChecker {
  constructor(readonly operation: string) {}

  /** Throws a VizError with `code` about the field at `path`. */
  fail(code: VizErrorCode, path: string, value: unknown, problem: string, expected: string): never {
    throw new VizError(code, `${this.operation}: ${path} ${problem}`, { argument: path, value, expected });
  }

  /** A plain object whose keys are all in `keys` (a misspelt field is refused, not ignored). */
  object(path: string, value: unknown, keys: readonly string[]): Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail('INVALID_ARGUMENT', path, value, `must be an object; found ${describe(value)}`, 'an object');
    }
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) {
        this.fail(
          'INVALID_ARGUMENT',
          `${path}.${key}`,
          (value as Record<string, unknown>)[key],
          `is not a known field (known: ${keys.join(', ')})`,
          keys.join(', '),
        );
      }
    }
    return value as Record<string, unknown>;
  }

  /** A string. */
  string(path: string, value: unknown): string {
    if (typeof value !== 'string') {
      this.fail('INVALID_ARGUMENT', path, value, `must be a string; found ${describe(value)}`, 'a string');
    }
    return value;
  }

  /** `undefined` or a string. */
  optionalString(path: string, value: unknown): string | undefined {
    return value === undefined ? undefined : this.string(path, value);
  }

  /** `undefined` (giving `fallback`) or a boolean. */
  boolean(path: string, value: unknown, fallback: boolean): boolean {
    if (value === undefined) return fallback;
    if (typeof value !== 'boolean') {
      this.fail('INVALID_ARGUMENT', path, value, `must be true or false; found ${describe(value)}`, 'a boolean');
    }
    return value;
  }

  /** `undefined` (giving `fallback`) or one of `options`. */
  oneOf<T extends string>(path: string, value: unknown, options: readonly T[], fallback: T): T {
    if (value === undefined) return fallback;
    if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
      const expected = options.map((o) => JSON.stringify(o)).join(', ');
      this.fail('INVALID_ARGUMENT', path, value, `must be one of ${expected}; found ${describe(value)}`, expected);
    }
    return value as T;
  }

  /** A finite number. */
  finite(path: string, value: unknown): number {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      this.fail(
        'NON_FINITE_VALUE',
        path,
        value,
        `must be a finite number; found ${describe(value)}`,
        'a finite number',
      );
    }
    return value;
  }

  /** `undefined` (giving `fallback`) or a finite number in `[min, max]`, an integer if `integer`. */
  number(
    path: string,
    value: unknown,
    fallback: number,
    { min, max, integer = false }: { min: number; max: number; integer?: boolean },
  ): number {
    if (value === undefined) return fallback;
    const n = this.finite(path, value);
    if (n < min || n > max || (integer && !Number.isInteger(n))) {
      const expected = `${integer ? 'an integer' : 'a number'} from ${min} to ${max}`;
      this.fail('INVALID_ARGUMENT', path, value, `must be ${expected}; found ${describe(value)}`, expected);
    }
    return n;
  }

  /** An array, non-empty unless `allowEmpty`. */
  array(path: string, value: unknown, allowEmpty = false): readonly unknown[] {
    if (!Array.isArray(value)) {
      this.fail('INVALID_ARGUMENT', path, value, `must be an array; found ${describe(value)}`, 'an array');
    }
    if (!allowEmpty && value.length === 0) {
      this.fail('EMPTY_DATA', path, value, 'must not be empty', 'at least one element');
    }
    return value;
  }

  /** A non-empty array of finite numbers, all positive if `logScale` (the axis it feeds is logarithmic). */
  numbers(path: string, value: unknown, logScale = false): readonly number[] {
    const array = this.array(path, value);
    for (let i = 0; i < array.length; i++) {
      const v = array[i];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        this.fail(
          'NON_FINITE_VALUE',
          `${path}[${i}]`,
          v,
          `must be a finite number; found ${describe(v)}`,
          'a finite number',
        );
      }
      if (logScale && v <= 0) this.notPositive(`${path}[${i}]`, v);
    }
    return array as readonly number[];
  }

  /** Throws NOT_POSITIVE_ON_LOG_SCALE for `value` at `path`. */
  notPositive(path: string, value: number): never {
    this.fail(
      'NOT_POSITIVE_ON_LOG_SCALE',
      path,
      value,
      `must be positive on a log scale; found ${value}`,
      'a number > 0',
    );
  }

  /** `undefined` or `[min, max]` with finite `min < max` (both positive if `logScale`). */
  range(path: string, value: unknown, logScale = false): readonly [number, number] | undefined {
    if (value === undefined) return undefined;
    const array = this.array(path, value);
    if (array.length !== 2) {
      this.fail('INVALID_ARGUMENT', path, value, `must be [min, max]; found ${describe(value)}`, '[min, max]');
    }
    const lo = this.finite(`${path}[0]`, array[0]);
    const hi = this.finite(`${path}[1]`, array[1]);
    if (!(lo < hi)) {
      this.fail(
        'INVALID_ARGUMENT',
        path,
        value,
        `must have min < max; found [${lo}, ${hi}]`,
        '[min, max] with min < max',
      );
    }
    if (logScale && lo <= 0) this.notPositive(`${path}[0]`, lo);
    return [lo, hi];
  }

  /**
   * A non-empty rectangular matrix (array of equal-length non-empty rows) of finite numbers, or of
   * `null` where `allowNull`. Returns its shape.
   */
  matrix(path: string, value: unknown, allowNull: boolean): { rows: number; columns: number } {
    const rows = this.array(path, value);
    let columns = -1;
    for (let r = 0; r < rows.length; r++) {
      const row = this.array(`${path}[${r}]`, rows[r]);
      if (columns === -1) columns = row.length;
      else if (row.length !== columns) {
        this.fail(
          'RAGGED_MATRIX',
          `${path}[${r}]`,
          row.length,
          `has ${row.length} entries but row 0 has ${columns}; every row must have the same length`,
          `${columns} entries`,
        );
      }
      for (let c = 0; c < row.length; c++) {
        const v = row[c];
        if (v === null && allowNull) continue;
        if (typeof v !== 'number' || !Number.isFinite(v)) {
          this.fail(
            'NON_FINITE_VALUE',
            `${path}[${r}][${c}]`,
            v,
            `must be a finite number${allowNull ? ' or null' : ''}; found ${describe(v)}`,
            allowNull ? 'a finite number or null' : 'a finite number',
          );
        }
      }
    }
    return { rows: rows.length, columns };
  }

  /** Throws LENGTH_MISMATCH unless `actual === expected`. */
  sameLength(path: string, actual: number, expected: number, what: string): void {
    if (actual !== expected) {
      this.fail(
        'LENGTH_MISMATCH',
        path,
        actual,
        `has ${actual} entries but ${what} has ${expected}`,
        `${expected} entries`,
      );
    }
  }

  /** Throws INVALID_ARGUMENT if `values` holds a duplicate. */
  unique(path: string, values: readonly string[]): void {
    const seen = new Set<string>();
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      if (seen.has(v)) {
        this.fail('INVALID_ARGUMENT', `${path}[${i}]`, v, `repeats ${JSON.stringify(v)}`, 'distinct names');
      }
      seen.add(v);
    }
  }
}

/** The fields of {@link SpecBase}, shared by every kind. */
export const BASE_KEYS = ['kind', 'title', 'subtitle', 'width', 'height'] as const;

/** Title and subtitle of a spec, checked. */
export function checkTitles(
  check: SpecChecker,
  spec: Record<string, unknown>,
): { title: string | undefined; subtitle: string | undefined } {
  return {
    title: check.optionalString('spec.title', spec.title),
    subtitle: check.optionalString('spec.subtitle', spec.subtitle),
  };
}

/** Title, subtitle and plot size of a spec, checked, with the kind's default size. */
export function checkBase(
  check: SpecChecker,
  spec: Record<string, unknown>,
  defaults: { width: number; height: number },
): { title: string | undefined; subtitle: string | undefined; width: number; height: number } {
  return {
    ...checkTitles(check, spec),
    width: check.number('spec.width', spec.width, defaults.width, { min: 20, max: 10_000 }),
    height: check.number('spec.height', spec.height, defaults.height, { min: 20, max: 10_000 }),
  };
}
