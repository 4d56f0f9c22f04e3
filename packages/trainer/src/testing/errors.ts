import { TrainerError } from '../errors';

/** For tests: `[code, argument]` of the TrainerError `f` throws, the other error it throws, or `'no error'`. */
export function code(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    return TrainerError.isInstance(error) ? [error.code, error.argument] : error;
  }
  return 'no error';
}

/** Awaits `promise` and returns the TrainerError it rejects with; fails the test otherwise. */
export async function rejection(promise: Promise<unknown>): Promise<TrainerError> {
  try {
    await promise;
  } catch (error) {
    if (TrainerError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected a TrainerError');
}
