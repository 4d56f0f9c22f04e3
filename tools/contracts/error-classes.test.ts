/**
 * Every library package has one error class with the same contract (see CONVENTIONS.md, Errors): a
 * stable code, the argument, value and expected of bad input, and recognition across duplicate
 * installs through Symbol.for('chatgpt-explained.error') without confusing one package's errors
 * with another's.
 */
import { describe, expect, it } from 'vitest';
import { LIBRARIES } from '../boundaries/rules';

type ErrorClass = (new (
  code: 'INVALID_ARGUMENT',
  message: string,
  details?: Record<string, unknown>,
) => Error & Record<string, unknown>) & {
  isInstance(error: unknown): boolean;
};

const loaded = await Promise.all(
  LIBRARIES.map(async (name) => {
    const module = (await import(`../../packages/${name}/src/index.ts`)) as Record<string, unknown>;
    const classes = Object.entries(module).filter(
      ([key, value]) => key.endsWith('Error') && typeof value === 'function',
    );
    return { name, classes: classes as Array<[string, ErrorClass]> };
  }),
);

describe.each(loaded)('@chatgpt-explained/$name', ({ name, classes }) => {
  it('exports exactly one error class', () => {
    expect(
      classes.map(([key]) => key),
      name,
    ).toHaveLength(1);
  });

  it('carries code, argument, value, expected and cause, and is named after its class', () => {
    const [className, ErrorType] = classes[0]!;
    const cause = new Error('inner');
    const error = new ErrorType('INVALID_ARGUMENT', 'f: x must be finite; found NaN', {
      argument: 'x',
      value: Number.NaN,
      expected: 'a finite number',
      cause,
    });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(className);
    expect(error.message).toBe('f: x must be finite; found NaN');
    expect(error['code']).toBe('INVALID_ARGUMENT');
    expect(error['argument']).toBe('x');
    expect(error['value']).toBeNaN();
    expect(error['expected']).toBe('a finite number');
    expect(error.cause).toBe(cause);
    expect((error as unknown as Record<symbol, unknown>)[Symbol.for('chatgpt-explained.error')]).toBe(true);
  });

  it('recognises its errors from another copy, and no other package’s', () => {
    const [className, ErrorType] = classes[0]!;
    const fromOtherCopy = Object.assign(new Error('m'), { name: className, code: 'INVALID_ARGUMENT' });
    Object.defineProperty(fromOtherCopy, Symbol.for('chatgpt-explained.error'), { value: true });
    expect(ErrorType.isInstance(fromOtherCopy)).toBe(true);
    expect(ErrorType.isInstance(Object.assign(new Error('m'), { name: className }))).toBe(false);
    for (const other of loaded.filter((l) => l.name !== name)) {
      const [, OtherType] = other.classes[0]!;
      expect(ErrorType.isInstance(new OtherType('INVALID_ARGUMENT', 'm')), `${name} vs ${other.name}`).toBe(false);
    }
  });
});
