/**
 * Writes a GPT-2 checkpoint directory in the Hugging Face layout, each file atomically.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { checkpointFiles, type CheckpointFilesOptions } from '../checkpoint/checkpoint-files';
import { CHECKPOINT_FILES } from '../checkpoint/layout';
import { Gpt2Error } from '../errors';
import { syncDirectory, writeFileAtomic } from './atomic-file';

/** Order of writing: `config.json` last, so a directory with a config has the rest already. */
const LAST = CHECKPOINT_FILES.config;

/**
 * Writes the files of {@link checkpointFiles} (`config.json`, `model.safetensors`, and `vocab.json` +
 * `merges.txt` when given) into `dir`, creating it if needed. Every file is first written to a
 * temporary file in `dir`, flushed to disk, then renamed over its name, so a reader never sees half
 * a file. Over an earlier checkpoint, its `config.json` is removed first and the new one written
 * last, so a failed save leaves a directory without `config.json` (which no loader takes for a whole
 * checkpoint) rather than new weights beside an old config; its `vocab.json` and `merges.txt` are
 * removed when the new checkpoint has none. Resolves to the names written. Throws what
 * `checkpointFiles` throws before writing anything, and `Gpt2Error` `INVALID_ARGUMENT` (with the file
 * system's error as `cause`) when a write fails.
 */
export async function saveCheckpoint(dir: string, options: CheckpointFilesOptions): Promise<string[]> {
  if (typeof dir !== 'string' || dir === '') {
    throw new Gpt2Error('INVALID_ARGUMENT', `saveCheckpoint: dir must be a non-empty path; got ${String(dir)}`, {
      argument: 'dir',
      value: dir,
      expected: 'a directory path',
    });
  }
  const files = checkpointFiles(options);
  const names = Object.keys(files).sort((a, b) => Number(a === LAST) - Number(b === LAST));
  try {
    await mkdir(dir, { recursive: true });
    // Over an earlier checkpoint: its config.json goes first (so a save that fails halfway leaves a
    // directory without one, which no loader takes for whole), and its tokenizer files when this
    // checkpoint has none (a new model must not pick up an old vocabulary).
    await rm(join(dir, LAST), { force: true });
    for (const stale of [CHECKPOINT_FILES.vocab, CHECKPOINT_FILES.merges]) {
      if (!(stale in files)) await rm(join(dir, stale), { force: true });
    }
    for (const name of names) await writeFileAtomic(join(dir, name), files[name]!, { syncDir: false });
  } catch (error) {
    throw new Gpt2Error(
      'INVALID_ARGUMENT',
      `saveCheckpoint: writing to ${dir} failed: ${error instanceof Error ? error.message : String(error)}`,
      { argument: 'dir', value: dir, cause: error, expected: 'a writable directory' },
    );
  }
  await syncDirectory(dir);
  return names;
}
