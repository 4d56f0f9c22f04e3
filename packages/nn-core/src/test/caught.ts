import { NnCoreError } from '../errors';

/** Awaits `promise` and returns the NnCoreError it rejects with; fails the test otherwise. */
export async function caught(promise: Promise<unknown>): Promise<NnCoreError> {
  try {
    await promise;
  } catch (error) {
    if (NnCoreError.isInstance(error)) return error;
    throw error;
  }
  throw new Error('expected an NnCoreError');
}
