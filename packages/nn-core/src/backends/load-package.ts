import { NnCoreError } from '../errors';
import type { BackendName, TfCore } from '../backend/types';

/**
 * Imports the package a backend needs, turning "module not found" into a `BACKEND_UNAVAILABLE`
 * error that names the package and how to install it. `load` must be a literal `import()` so that
 * bundlers and the dependency-boundary test can see it.
 */
export async function loadBackendPackage<T>(
  backend: BackendName,
  packageName: string,
  load: () => Promise<T>,
  installHint: string,
): Promise<T> {
  try {
    return await load();
  } catch (error) {
    const message = firstLine(error);
    // Node, Vite and browsers each word "not installed" their own way.
    const missing =
      (error as { code?: unknown } | null)?.code === 'ERR_MODULE_NOT_FOUND' ||
      /Cannot find (module|package)|Could not resolve|Failed to resolve|Failed to fetch dynamically imported module/i.test(
        message,
      );
    throw new NnCoreError(
      'BACKEND_UNAVAILABLE',
      missing
        ? `${backend} backend needs ${packageName}, which is not installed: ${installHint}`
        : `${backend} backend: ${packageName} is installed but failed to load (${message}); reinstall it: ${installHint}`,
      { argument: 'backend', value: backend, cause: error },
    );
  }
}

/**
 * Makes `tfName` the active tfjs backend. `tf.setBackend` returns false (and tfjs stays where it was)
 * when a backend fails to start, and only logs why; the factory is wrapped for the call so the error
 * names the cause.
 */
export async function setActive(tf: TfCore, backend: BackendName, tfName: string): Promise<void> {
  const entry = tf.engine().registryFactory[tfName];
  const original = entry?.factory;
  let failure: unknown;
  if (entry !== undefined && original !== undefined && tf.engine().registry[tfName] === undefined) {
    const record = (error: unknown): never => {
      failure = error;
      throw error;
    };
    entry.factory = () => {
      try {
        const made = original();
        return made instanceof Promise ? made.catch(record) : made;
      } catch (error) {
        return record(error);
      }
    };
  }
  let started: boolean;
  try {
    started = await tf.setBackend(tfName);
  } catch (error) {
    throw new NnCoreError('BACKEND_UNAVAILABLE', `${backend} backend failed to start: ${firstLine(error)}`, {
      argument: 'backend',
      value: backend,
      cause: error,
    });
  } finally {
    if (entry !== undefined && original !== undefined) entry.factory = original;
  }
  if (!started) {
    const why = failure === undefined ? '' : `: ${firstLine(failure)}`;
    const current = String(tf.getBackend());
    const still = current === tfName ? '' : `; tfjs is still on "${current}"`;
    throw new NnCoreError(
      'BACKEND_UNAVAILABLE',
      `${backend} backend failed to start${why} (tf.setBackend("${tfName}") returned false${still})`,
      { argument: 'backend', value: backend, cause: failure },
    );
  }
}

/**
 * The first line of an error's message, for one-line reasons. Emscripten and some browsers reject
 * with plain objects that carry a `message`, so those are read too.
 */
export function firstLine(error: unknown): string {
  const message =
    error instanceof Error
      ? error.message
      : typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
        ? (error as { message: string }).message
        : String(error);
  return message.split('\n')[0] ?? message;
}
