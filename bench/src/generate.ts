// `pnpm bench generate [--smoke]`: what reading each step's logits asynchronously costs generation.
// `generate` (@chatgpt-explained/gpt2) reads them with `await data()` (a synchronous read of a GPU
// tensor stalls the thread, and in browsers' WebGPU it broke later buffer uploads); the alternative is
// the same loop with `dataSync()`, as generate was before. Greedy, KV cache, batch 1, on the shipped
// model on wasm (bench/configs/generate.json), the two alternating round by round after a warm-up;
// both must produce the same ids and text. Prints tokens/s of each and the ratio.
import * as tf from '@tensorflow/tfjs-core';
import { createKvCache, generateText, gpt2FromCheckpoint, loadCheckpoint, type Gpt2 } from '@chatgpt-explained/gpt2';
import { directorySource } from '@chatgpt-explained/gpt2/node';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { sample } from '@chatgpt-explained/sampler';
import { join } from 'node:path';
import { isSmoke, markdownTable, median, readConfig, ROOT } from './harness';
import { machineLine } from './tokenizer/report';

interface Config {
  readonly model: string;
  readonly prompt: string;
  readonly full: { readonly tokens: number; readonly rounds: number };
  readonly smoke: { readonly tokens: number; readonly rounds: number };
}

/**
 * The previous generate's loop: forward with the cache, logits read with dataSync(), the sampler's
 * greedy pick, each id decoded to text as it comes.
 */
async function syncGreedy(
  gpt: Gpt2,
  prompt: readonly number[],
  tokens: number,
): Promise<{ ids: number[]; text: string }> {
  const cache = createKvCache(gpt.model);
  const decoder = gpt.encoding.createDecoder();
  let text = '';
  const lastLogits = (ids: readonly number[]): Float32Array => {
    const logits = tf.tidy(
      () => gpt.model.forward(tf.tensor2d([[...ids]], [1, ids.length], 'int32'), { cache, lastOnly: true }).logits,
    ); // [1, 1, V]
    const values = logits.dataSync() as Float32Array;
    logits.dispose();
    return values;
  };
  try {
    const out: number[] = [];
    let logits = lastLogits(prompt);
    for (let n = 0; n < tokens; n++) {
      const id = sample(logits, { temperature: 0 });
      out.push(id);
      text += decoder.write(id);
      if (n === tokens - 1) {
        text += decoder.end();
        break;
      }
      await new Promise<void>((resolve) => setTimeout(resolve, 0)); // as generate yields between tokens
      logits = lastLogits([id]);
    }
    return { ids: out, text };
  } finally {
    cache.dispose();
  }
}

async function main(): Promise<number> {
  const smoke = isSmoke();
  const config = readConfig<Config>('generate');
  const plan = smoke ? config.smoke : config.full;
  tf.env().set('PROD', true);
  const compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
  const gpt = await gpt2FromCheckpoint(await loadCheckpoint(directorySource(join(ROOT, config.model))));
  const prompt = gpt.encoding.encode(config.prompt);
  // Measured after the warm-up round: the model makes one constant tensor on its first forward (freed by dispose).
  let before = 0;
  const speeds = { async: [] as number[], sync: [] as number[] };
  let asyncRun = { ids: [] as number[], text: '' };
  let syncRun = { ids: [] as number[], text: '' };
  for (let round = 0; round <= plan.rounds; round++) {
    // Alternate which goes first; round 0 warms both up and is not counted.
    const order = round % 2 === 0 ? (['async', 'sync'] as const) : (['sync', 'async'] as const);
    for (const which of order) {
      const start = performance.now();
      if (which === 'async') {
        asyncRun = await generateText(gpt, {
          prompt: config.prompt,
          maxTokens: plan.tokens,
          temperature: 0,
          stopAtEndOfText: false,
        });
      } else {
        syncRun = await syncGreedy(gpt, prompt, plan.tokens);
      }
      if (round > 0) speeds[which].push(plan.tokens / ((performance.now() - start) / 1000));
    }
    if (round === 0) before = tf.memory().numTensors;
  }
  const leaked = tf.memory().numTensors - before;
  gpt.dispose();
  const same =
    asyncRun.text === syncRun.text &&
    asyncRun.ids.length === syncRun.ids.length &&
    asyncRun.ids.every((id, i) => id === syncRun.ids[i]);
  const ours = median(speeds.async);
  const previous = median(speeds.sync);
  process.stdout.write(
    [
      `bench generate${smoke ? ' (smoke: the numbers mean nothing)' : ''}: ${config.model}, ${prompt.length}-token prompt, ${plan.tokens} greedy tokens, ${plan.rounds} rounds each, backend ${compute.backend}`,
      machineLine(),
      '',
      markdownTable(
        ['implementation', 'tokens/s (median; prompt pass included)', 'rounds', '÷ dataSync loop'],
        [
          [
            'generate, await data() (ours now)',
            ours.toFixed(1),
            String(speeds.async.length),
            `${(ours / previous).toFixed(3)}×`,
          ],
          ['same loop with dataSync() (before)', previous.toFixed(1), String(speeds.sync.length), 'reference'],
        ],
      ),
      '',
      `same ids and text: ${same ? 'yes' : 'NO'} (${asyncRun.ids.length} tokens); tensors leaked: ${leaked}`,
      '',
    ].join('\n'),
  );
  return same && leaked === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `bench generate: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
