import { describe, expect, it } from 'vitest';
import { integerIn, numberIn, oneOf, TaskInputError } from './task-input';

describe('task input checks', () => {
  it('pass good values through', () => {
    expect(integerIn('t.x', 'steps', 5, 1, 10)).toBe(5);
    expect(integerIn('t.x', 'seed', 0, 0)).toBe(0);
    expect(numberIn('t.x', 'rate', 0.5, 0, 1)).toBe(0.5);
    expect(oneOf('t.x', 'unit', 'words', ['letters', 'words'])).toBe('words');
    expect(oneOf('t.x', 'units', 8, [4, 8])).toBe(8);
  });

  it.each([
    [() => integerIn('t.x', 'steps', 11, 1, 10), 'steps', 11, 't.x: steps must be an integer from 1 to 10, got 11'],
    [() => integerIn('t.x', 'steps', 2.5, 1, 10), 'steps', 2.5, 't.x: steps must be an integer from 1 to 10, got 2.5'],
    [() => integerIn('t.x', 'seed', -1, 0), 'seed', -1, 't.x: seed must be an integer ≥ 0, got -1'],
    [() => integerIn('t.x', 'seed', '3', 0), 'seed', '3', 't.x: seed must be an integer ≥ 0, got "3"'],
    [() => numberIn('t.x', 'rate', NaN, 0, 1), 'rate', NaN, 't.x: rate must be a number from 0 to 1, got NaN'],
    [() => numberIn('t.x', 'rate', 1.5, 0, 1), 'rate', 1.5, 't.x: rate must be a number from 0 to 1, got 1.5'],
    [
      () => oneOf('t.x', 'unit', 'bytes', ['letters', 'words']),
      'unit',
      'bytes',
      't.x: unit must be one of letters, words, got "bytes"',
    ],
  ])('reject bad values naming the task, argument and value (%#)', (check, argument, value, message) => {
    let caught: unknown;
    try {
      check();
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TaskInputError);
    expect(caught).toMatchObject({ code: 'INVALID_ARGUMENT', task: 't.x', argument, message });
    expect(Object.is((caught as TaskInputError).value, value)).toBe(true);
  });
});
