import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../harness';
import type { MixedTextSpec } from '../tokenizer-types';

/**
 * Reads the prose corpus files from data/corpus, in order, checking each against its pinned sha256,
 * and returns them joined (each ends with a line end).
 */
export function readCorpus(files: MixedTextSpec['corpus']): string {
  return files
    .map(({ file, sha256 }) => {
      const bytes = readFileSync(join(ROOT, 'data/corpus', file));
      const actual = createHash('sha256').update(bytes).digest('hex');
      if (actual !== sha256)
        throw new Error(`readCorpus: data/corpus/${file} has sha256 ${actual}, the config pins ${sha256}`);
      const text = bytes.toString('utf8');
      return text.endsWith('\n') ? text : `${text}\n`;
    })
    .join('\n');
}
