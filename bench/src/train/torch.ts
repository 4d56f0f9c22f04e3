import { join } from 'node:path';
import { ROOT } from '../harness';
import type { TrainWorkerResult } from '../train-types';
import { runJson, type ChildResult } from './spawn';

/**
 * Runs torch_train.py with `python` in its own process and returns its JSON line; an interpreter
 * that is missing, or a torch that cannot be imported, gives a result with `unavailable` set.
 */
export async function runTorch(
  python: string,
  threads: number,
  args: readonly string[],
  echo = false,
): Promise<ChildResult<TrainWorkerResult>> {
  const script = join(ROOT, 'bench/src/train/torch_train.py');
  const result = await runJson<TrainWorkerResult>(
    python,
    [script, join(ROOT, 'bench/configs/train.json'), String(threads), ...args],
    // The script sets the thread count itself; keep OpenMP from being told otherwise.
    { env: { ...process.env, OMP_NUM_THREADS: String(threads) }, echo },
  );
  if (result.ok && result.value.unavailable !== undefined)
    return { ok: true, value: { ...result.value, unavailable: `${python}: ${result.value.unavailable}` } };
  if (result.ok || result.missing !== true) return result;
  const why = `${python}: not found`;
  const implementation = threads === 1 ? 'torch-1t' : 'torch';
  return { ok: true, value: { implementation, detail: why, hardware: false, unavailable: why, models: [] } };
}
