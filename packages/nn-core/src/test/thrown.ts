import { NnCoreError } from '../errors';

/** Runs `fn` and returns the NnCoreError it throws synchronously; fails the test otherwise. */
export function thrown(fn: () => unknown): NnCoreError {
  try {
    fn();
  } catch (error) {
    if (NnCoreError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an NnCoreError');
}
