// Loads a GPT-2 checkpoint in the browser the way the web demo will: `loadCheckpoint(fetchSource(url))`
// over this page's own server (`./fixture/<name>/`: config.json, model.safetensors, and the float64
// reference outputs of packages/gpt2/test/fixtures/make_fixtures.py), builds the model with
// `gpt2FromCheckpoint` on the backend named by ?backend=, and writes the largest relative error of
// the last-position probabilities against the reference as JSON into #results (read by
// gpt2-loader.browser.test.ts).
import { fetchSource, gpt2FromCheckpoint, loadCheckpoint } from '@chatgpt-explained/gpt2';
import { BACKEND_NAMES, initBackend, type BackendName } from '@chatgpt-explained/nn-core';
import { createEncoding, trainBpe } from '@chatgpt-explained/tokenizer';
import * as tf from '@tensorflow/tfjs-core';
import { browserBackendRegistry } from '../../src/browser-backends';
import { reportResult } from '../report-result';

interface Entry {
  readonly offset: number;
  readonly shape: readonly number[];
}
interface Expected {
  readonly probabilityFloor: number;
  readonly cases: readonly { readonly name: string; readonly ids: readonly number[]; readonly lastProbs: Entry }[];
}

async function run(): Promise<unknown> {
  const query = new URLSearchParams(window.location.search);
  const asked = query.get('backend') ?? '';
  const fixture = query.get('fixture') ?? '';
  if (!(BACKEND_NAMES as readonly string[]).includes(asked)) return { error: `unknown backend "${asked}"` };
  const ctx = await initBackend(browserBackendRegistry(), asked as BackendName);
  const base = new URL(`./fixture/${fixture}/`, window.location.href).href;
  const expected = (await (await fetch(`${base}expected.json`)).json()) as Expected;
  const blob = new DataView(await (await fetch(`${base}expected.bin`)).arrayBuffer());

  const before = tf.memory().numTensors;
  const checkpoint = await loadCheckpoint(fetchSource(base), { tokenizer: false });
  // The fixtures have no tokenizer files; nothing here turns ids into text.
  const gpt = await gpt2FromCheckpoint(checkpoint, {
    encoding: createEncoding(await trainBpe('', { vocabSize: 257 })),
  });
  let maxRelativeError = 0;
  for (const c of expected.cases) {
    const probs = tf.tidy(() => {
      const input = tf.tensor2d([[...c.ids]], [1, c.ids.length], 'int32'); // [1, T]
      return tf.softmax(gpt.model.forward(input, { lastOnly: true }).logits).dataSync(); // [1, 1, V]
    });
    for (let i = 0; i < probs.length; i++) {
      const want = blob.getFloat64(c.lastProbs.offset + 8 * i, true);
      maxRelativeError = Math.max(
        maxRelativeError,
        Math.abs(probs[i]! - want) / Math.max(want, expected.probabilityFloor),
      );
    }
  }
  gpt.dispose();
  const leaked = tf.memory().numTensors - before; // the model's tensors and everything in between
  return {
    backend: ctx.backend,
    config: checkpoint.config,
    tensors: checkpoint.tensors.size,
    cases: expected.cases.length,
    maxRelativeError,
    leaked,
  };
}

reportResult(run);
