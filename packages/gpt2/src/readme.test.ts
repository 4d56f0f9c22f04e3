/**
 * The README's example is the code between the markers below (imports rewritten to the package's
 * names), and it runs on a small random GPT-2 written to a temporary directory in the Hugging Face
 * layout, with GPT-2's own tokenizer files.
 */
import * as tf from '@tensorflow/tfjs-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
// README imports start
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { generate, gpt2FromCheckpoint, loadCheckpoint, nextTokens, score } from './index';
import { directorySource } from './node/index';
// README imports end
import { gpt2Config } from './config';
import { createGpt2Model } from './model/gpt2-model';
import { saveCheckpoint } from './node/save-checkpoint';

async function readmeExample(modelDir: string): Promise<void> {
  // README body start
  await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');

  // A Hugging Face GPT-2 directory: config.json, model.safetensors, vocab.json, merges.txt.
  const checkpoint = await loadCheckpoint(directorySource(modelDir));
  const gpt = await gpt2FromCheckpoint(checkpoint); // or { quantize: { bits: 8 } }

  // Essay 1.1: the next-token table.
  const { tokens } = await nextTokens(gpt, 'The best thing about AI is its ability to', { top: 5 });
  console.log(tokens.length, tokens[0]!.probability >= tokens[4]!.probability); // 5 true

  // Essay 1.2–1.3: text, token by token, through the KV cache (temperature 0 is greedy).
  let text = '';
  for await (const token of generate(gpt, { prompt: 'Once upon a time', maxTokens: 8, temperature: 0.8, seed: 1 })) {
    text += token.text;
  }
  console.log(typeof text); // string

  // Per-token log-probabilities and the model's compression rate.
  const { bitsPerByte } = score(gpt, 'The cat sat on the mat.');
  console.log(bitsPerByte > 0); // true
  gpt.dispose();
  // README body end
}

/** The lines between `// <name> start` and `// <name> end` in this file, each with a newline. */
function region(source: string, name: string): string {
  const lines = source.split('\n');
  const from = lines.findIndex((l) => l.trim() === `// ${name} start`);
  const to = lines.findIndex((l) => l.trim() === `// ${name} end`);
  return lines
    .slice(from + 1, to)
    .map((l) => `${l}\n`)
    .join('');
}

describe('README', () => {
  let dir: string;
  beforeAll(async () => {
    tf.env().set('PROD', true);
    await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
    dir = await mkdtemp(join(tmpdir(), 'gpt2-readme-'));
    const model = createGpt2Model(
      gpt2Config({ vocabSize: 50257, contextLength: 64, embedDim: 32, layers: 2, heads: 2 }),
    ).initialize({ seed: 1 });
    const tokenizerDir = dirname(createRequire(import.meta.url).resolve('@chatgpt-explained/tokenizer/package.json'));
    await saveCheckpoint(dir, {
      config: model.config,
      weights: await model.readWeights(),
      vocab: await readFile(join(tokenizerDir, 'data/gpt2/vocab.json'), 'utf8'),
      merges: await readFile(join(tokenizerDir, 'data/gpt2/merges.txt'), 'utf8'),
    });
    model.dispose();
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('shows the example this test runs, and the example prints what its comments say', async () => {
    const source = await readFile(new URL(import.meta.url), 'utf8');
    const imports = region(source, 'README imports')
      .replace("from './index'", "from '@chatgpt-explained/gpt2'")
      .replace("from './node/index'", "from '@chatgpt-explained/gpt2/node'");
    const body = region(source, 'README body').replace(/^ {2}/gm, '');
    const readme = await readFile(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('```ts\n' + imports + '\n' + body.replace('modelDir', "'path/to/gpt2'") + '```\n');

    const out: unknown[][] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args));
    const before = tf.memory().numTensors;
    try {
      await readmeExample(dir);
    } finally {
      log.mockRestore();
    }
    expect(out).toEqual([[5, true], ['string'], [true]]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
