/** What the training scripts share for writing their outputs into the repository. */
import { renameSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';

/** Writes through a temporary file and a rename, so readers never see half a file. */
export function writeAtomic(path: string, data: string | Uint8Array): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, data);
  renameSync(temp, path);
}

/** `text` as the repository's prettier formats a file at `path` (so `prettier --check .` passes). */
export async function pretty(path: string, text: string): Promise<string> {
  return format(text, { ...((await resolveConfig(path)) ?? {}), filepath: path });
}
