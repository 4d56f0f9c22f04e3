/**
 * Checks of a task's input, shared by every task: a bad value is a {@link TaskInputError} naming the
 * task, the argument and the value, which the page shows in the widget's status line (its `code`,
 * `INVALID_ARGUMENT`, crosses the worker boundary).
 */

/** A task got an input it cannot use. */
export class TaskInputError extends Error {
  readonly code = 'INVALID_ARGUMENT';
  constructor(
    readonly task: string,
    readonly argument: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(
      `${task}: ${argument} must be ${expected}, got ${typeof value === 'string' ? JSON.stringify(value) : String(value)}`,
    );
    this.name = 'TaskInputError';
  }
}

/** `value` if it is an integer from `min` to `max` (no upper bound by default). */
export function integerIn(task: string, argument: string, value: unknown, min: number, max = Infinity): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new TaskInputError(
      task,
      argument,
      value,
      max === Infinity ? `an integer ≥ ${min}` : `an integer from ${min} to ${max}`,
    );
  }
  return value;
}

/** `value` if it is a finite number from `min` to `max`. */
export function numberIn(task: string, argument: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new TaskInputError(task, argument, value, `a number from ${min} to ${max}`);
  }
  return value;
}

/** `value` if it is one of `choices`. */
export function oneOf<T extends string | number>(
  task: string,
  argument: string,
  value: unknown,
  choices: readonly T[],
): T {
  if (!(choices as readonly unknown[]).includes(value)) {
    throw new TaskInputError(task, argument, value, `one of ${choices.join(', ')}`);
  }
  return value as T;
}
