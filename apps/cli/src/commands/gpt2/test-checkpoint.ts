/**
 * Test helper: a tiny GPT-2 checkpoint directory in the Hugging Face layout, written with the gpt2
 * package's `saveCheckpoint`. Its tokenizer is byte-level without merges (256 bytes + `<|endoftext|>`),
 * so any ASCII text is one token per character and re-encoding generated text gives back its ids;
 * its untied output matrix makes only printable ASCII likely (each such row has a large first entry
 * that the constant first entry of the final LayerNorm output selects), while the attention and MLP
 * weights stay random, so the next token depends on the text.
 */
import { createRng } from '@chatgpt-explained/sampler';
import { createGpt2Model, gpt2Config, type Gpt2Config } from '@chatgpt-explained/gpt2';
import { saveCheckpoint } from '@chatgpt-explained/gpt2/node';
import { createEncoding, formatHuggingFaceVocab, trainBpe, type Encoding } from '@chatgpt-explained/tokenizer';

/** A tiny checkpoint's config and tokenizer, as written. */
export interface TinyCheckpoint {
  readonly config: Gpt2Config;
  readonly encoding: Encoding;
}

/**
 * Writes the tiny checkpoint (V 257, context 64, C 16, 2 blocks of 2 heads) to `dir`. A backend must
 * be started (the model is made with tensors).
 */
export async function writeTinyCheckpoint(dir: string, seed = 1): Promise<TinyCheckpoint> {
  const definition = await trainBpe('', { vocabSize: 257 });
  const encoding = createEncoding(definition);
  const { vocabJson, mergesTxt } = formatHuggingFaceVocab(definition);
  const eot = encoding.eotToken;
  const config = gpt2Config({
    vocabSize: 257,
    contextLength: 64,
    embedDim: 16,
    layers: 2,
    heads: 2,
    tieWordEmbeddings: false,
    eosTokenId: eot,
    bosTokenId: eot,
  });
  const model = createGpt2Model(config).initialize({ seed });
  const weights = await model.readWeights();
  model.dispose();
  const next = createRng(seed); // the same weights on every run
  const c = config.embedDim;
  // ln_f: first output always 1 (gain 0, bias 1); the others normalised as usual.
  weights['ln_f.weight']!.data.set(Float32Array.from({ length: c }, (_, i) => (i === 0 ? 0 : 1)));
  weights['ln_f.bias']!.data.set(Float32Array.from({ length: c }, (_, i) => (i === 0 ? 1 : 0)));
  // lm_head: printable ASCII rows 20 + random (std ≈ 1) · the rest; every other row 0.
  const head = weights['lm_head.weight']!.data;
  head.fill(0);
  for (let v = 32; v < 127; v++) {
    head[v * c] = 20;
    for (let j = 1; j < c; j++) head[v * c + j] = (next() - 0.5) * 3.4;
  }
  await saveCheckpoint(dir, { config, weights, vocab: vocabJson, merges: mergesTxt });
  return { config, encoding };
}
