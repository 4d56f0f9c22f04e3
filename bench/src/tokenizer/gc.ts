import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Runs a full garbage collection, so that the garbage one implementation leaves is not collected on
 * the next one's clock. V8's `gc` is exposed at run time (benchmarks start without `--expose-gc`);
 * where that fails this does nothing.
 */
export const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  const gc: unknown = runInNewContext('gc');
  return typeof gc === 'function' ? () => void gc() : () => undefined;
})();
