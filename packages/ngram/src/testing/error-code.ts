import { NgramError } from '../errors';

/**
 * For tests: runs `f` and returns `[code, argument]` of the NgramError it throws, the other error
 * it throws, or `'no error'`.
 */
export function code(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return NgramError.isInstance(error) ? [error.code, error.argument] : error;
  }
  return 'no error';
}
