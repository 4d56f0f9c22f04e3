import { NnCoreError } from '../errors';
import type { BackendAdapter, BackendName } from './types';
import { BACKEND_NAMES } from './types';

/** The backends an app offers, keyed by name. */
export interface BackendRegistry {
  /** Registered names, in the order `auto` considers them. */
  readonly names: readonly BackendName[];
  /** The adapter registered under `name`; throws `BACKEND_UNKNOWN` listing the known names. */
  get(name: string): BackendAdapter;
  /** Whether an adapter is registered under `name`. */
  has(name: string): name is BackendName;
}

/**
 * Builds a registry from the adapters the app imported. Throws `BACKEND_DUPLICATE` when two adapters
 * share a name and `INVALID_ARGUMENT` for a name nn-core does not know.
 */
export function createBackendRegistry(adapters: readonly BackendAdapter[]): BackendRegistry {
  const byName = new Map<BackendName, BackendAdapter>();
  for (const adapter of adapters) {
    if (!(BACKEND_NAMES as readonly string[]).includes(adapter.name)) {
      throw new NnCoreError(
        'INVALID_ARGUMENT',
        `createBackendRegistry: adapter name "${String(adapter.name)}" is not one of ${BACKEND_NAMES.join(', ')}`,
        { argument: 'adapters', value: adapter.name, expected: BACKEND_NAMES.join(' | ') },
      );
    }
    if (byName.has(adapter.name)) {
      throw new NnCoreError(
        'BACKEND_DUPLICATE',
        `createBackendRegistry: two adapters are named "${adapter.name}"; register each backend once`,
        { argument: 'adapters', value: adapter.name },
      );
    }
    byName.set(adapter.name, adapter);
  }
  const names = BACKEND_NAMES.filter((name) => byName.has(name));
  return {
    names,
    has: (name: string): name is BackendName => byName.has(name as BackendName),
    get(name: string): BackendAdapter {
      const adapter = byName.get(name as BackendName);
      if (adapter === undefined) {
        throw new NnCoreError(
          'BACKEND_UNKNOWN',
          `backend "${name}" is not registered; known backends: ${names.length > 0 ? names.join(', ') : '(none)'}`,
          { argument: 'backend', value: name, expected: names.join(' | ') },
        );
      }
      return adapter;
    },
  };
}
