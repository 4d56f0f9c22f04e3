/**
 * Trains the small GPT-2-architecture model the CLI ships as its default `--model`
 * (`data/models/corpus-gpt2/`), from the bundled corpus, on our trainer and the wasm backend.
 *
 *   node scripts/run-ts.mjs apps/cli/scripts/train-default-gpt.ts [options]
 *
 * Steps, each written into the model folder:
 * 1. Split every book of `data/corpus/*.txt` into its first 95 % (training) and its last 5 %
 *    (held out), cut at a line end (`holdOutTail`).
 * 2. Train a byte-level BPE (`trainBpe`, 4,096 ids, `<|endoftext|>` last) on the training parts:
 *    `vocab.json` + `merges.txt`.
 * 3. The bar: interpolated Kneser–Ney 3-gram models (`@chatgpt-explained/ngram`) on the same split,
 *    over characters, words and BPE tokens, in held-out bits per byte: `baseline.json`.
 * 4. Train the model (`trainGpt2`), logging every step to `loss-log.json` and the exact held-out bits
 *    per byte every `evaluateEvery` steps; resumable checkpoints go to `--work` (ignored by git), so a
 *    stopped run continues where it stopped when started again with the same options.
 * 5. Save the weights (`saveCheckpoint`, F16 when that keeps held-out bits per byte within 0.01 of
 *    F32), `config.json`, `loss-curve.svg` and `MODEL_CARD.md`.
 *
 * Options: --out DIR (default data/models/corpus-gpt2), --work DIR (checkpoints; default
 * node_modules/.cache/train-default-gpt), --steps N (default the recipe's), --fresh (ignore
 * an existing checkpoint), --time N (time N steps, write nothing, print seconds per step),
 * --baseline-only, --smoke (a check of the whole pipeline in minutes: 3 steps, held-out measured on
 * the first 500 tokens of each book; use with another --out and --work).
 */
import * as tf from '@tensorflow/tfjs-core';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  bitsPerByte,
  configToHuggingFace,
  createGpt2Model,
  float16BitsToFloat32,
  float32ToFloat16Bits,
  gpt2Config,
  gpt2LearningRateSchedule,
  gpt2ParameterCount,
  holdOutTail,
  joinDocuments,
  trainGpt2,
  type Gpt2Config,
  type Gpt2Model,
} from '@chatgpt-explained/gpt2';
import { saveCheckpoint } from '@chatgpt-explained/gpt2/node';
import { countCharacterNgrams, countWordNgrams, KneserNeyModel, perplexity } from '@chatgpt-explained/ngram';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { createEncoding, formatHuggingFaceVocab, trainBpe, type Encoding } from '@chatgpt-explained/tokenizer';
import { readCheckpoint } from '@chatgpt-explained/trainer';
import { fileCheckpointStore } from '@chatgpt-explained/trainer/node';
import { renderSvg } from '@chatgpt-explained/viz';
import { pretty, writeAtomic } from './script-files';

/** Everything that decides the model; written into `loss-log.json`, which the replay test reads. */
const RECIPE = {
  name: 'corpus-gpt2',
  corpus: { dir: 'data/corpus', heldOutFraction: 0.05 },
  tokenizer: { vocabSize: 4096, specialTokens: ['<|endoftext|>'] },
  model: { contextLength: 128, embedDim: 192, layers: 4, heads: 6 },
  training: {
    steps: 2000,
    batchSize: 16,
    contextLength: 128,
    learningRate: 2e-3,
    warmupSteps: 50,
    minLearningRate: 2e-4,
    weightDecay: 0.1,
    beta1: 0.9,
    beta2: 0.95,
    clipNorm: 1,
    seed: 1,
  },
  evaluateEvery: 250,
  evaluation: { contextLength: 128, stride: 128, batch: 16 },
  backend: 'wasm',
} as const;

type Recipe = typeof RECIPE;
const COMMAND = 'node scripts/run-ts.mjs apps/cli/scripts/train-default-gpt.ts';
const F16_TOLERANCE = 0.01;

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: join('data/models', RECIPE.name) },
    work: { type: 'string', default: 'node_modules/.cache/train-default-gpt' },
    steps: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    time: { type: 'string' },
    'baseline-only': { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
  },
});

const say = (line: string) => process.stderr.write(`${line}\n`);
const utf8 = (text: string) => new TextEncoder().encode(text).length;

interface Book {
  readonly file: string;
  readonly train: string;
  readonly heldOut: string;
}

/** The corpus's books (sorted by file name), each split into training and held-out text. */
function readBooks(recipe: Recipe): Book[] {
  const files = readdirSync(recipe.corpus.dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  return files.map((file) => ({
    file,
    ...holdOutTail(readFileSync(join(recipe.corpus.dir, file), 'utf8'), { fraction: recipe.corpus.heldOutFraction }),
  }));
}

interface BaselineRow {
  readonly model: string;
  readonly tokens: number;
  readonly unknownTokens: number;
  readonly bitsPerByte: number;
  readonly fullCodeLength: boolean;
}

/** Held-out bits per byte of interpolated Kneser–Ney 3-gram models (default discount 0.75). */
function kneserNeyBaselines(books: readonly Book[], encoding: Encoding): BaselineRow[] {
  const bytes = books.reduce((n, b) => n + utf8(b.heldOut), 0);
  const trainText = books.map((b) => b.train).join('\n');
  const measure = (model: KneserNeyModel, map: (text: string) => string = (t) => t) => {
    let bits = 0;
    let tokens = 0;
    let unknownTokens = 0;
    for (const book of books) {
      const r = perplexity(model, map(book.heldOut));
      bits += r.bits;
      tokens += r.tokens;
      unknownTokens += r.unknownTokens;
    }
    return { tokens, unknownTokens, bitsPerByte: bits / bytes };
  };
  // BPE tokens as characters of the Private Use Area, so the character counter counts token n-grams.
  const asChars = (text: string) =>
    encoding
      .encode(text)
      .map((id) => String.fromCharCode(0xe000 + id))
      .join('');
  const eot = String.fromCharCode(0xe000 + encoding.eotToken);
  const bpeTrain = books.map((b) => eot + asChars(b.train)).join('');
  return [
    {
      model: 'KN 3-gram, characters',
      ...measure(new KneserNeyModel(countCharacterNgrams(trainText, 3))),
      fullCodeLength: true,
    },
    {
      model: `KN 3-gram, BPE tokens (${encoding.vocabSize})`,
      ...measure(new KneserNeyModel(countCharacterNgrams(bpeTrain, 3)), asChars),
      fullCodeLength: true,
    },
    {
      model: 'KN 3-gram, lower-cased words',
      ...measure(new KneserNeyModel(countWordNgrams(trainText, 3))),
      fullCodeLength: false,
    },
  ];
}

/** Exact held-out bits per byte: each book's held-out text after `<|endoftext|>`, summed. */
async function heldOutBitsPerByte(
  model: Gpt2Model,
  heldOut: readonly { ids: Int32Array; bytes: number }[],
  recipe: Recipe,
): Promise<number> {
  let bits = 0;
  let bytes = 0;
  for (const part of heldOut) {
    const r = await bitsPerByte(model, part.ids, part.bytes, recipe.evaluation);
    bits += r.bits;
    bytes += part.bytes;
  }
  return bits / bytes;
}

interface StepRecord {
  step: number;
  loss: number;
  learningRate: number;
  elapsedSeconds: number;
}

interface TrainingLog {
  format: 'chatgpt-explained/gpt-training-log';
  version: 1;
  command: string;
  recipe: Recipe;
  hardware: string;
  parameters: number;
  data: Record<string, number>;
  baseline: { bar: number; rows: BaselineRow[] };
  steps: StepRecord[];
  validation: { step: number; bitsPerByte: number; elapsedSeconds: number }[];
  final?: Record<string, unknown>;
}

/** One line per step record, so the file stays readable and diffs stay small. */
function formatLog(log: TrainingLog): string {
  const { steps, validation, ...rest } = log;
  const head = JSON.stringify(rest, null, 2).slice(0, -2);
  const lines = (rows: readonly object[]) => rows.map((r) => `    ${JSON.stringify(r)}`).join(',\n');
  return `${head},\n  "validation": [\n${lines(validation)}\n  ],\n  "steps": [\n${lines(steps)}\n  ]\n}\n`;
}

function hardware(): string {
  const cpu = cpus();
  return `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores (tfjs-backend-wasm 4.22 runs single-threaded in Node), Node ${process.version}`;
}

async function lossCurve(log: TrainingLog, trainBytesPerToken: number): Promise<string> {
  const perByte = (nats: number) => nats / Math.LN2 / trainBytesPerToken;
  const x = log.steps.map((s) => s.step);
  const smooth = log.steps.map((_, i) => {
    const window = log.steps.slice(Math.max(0, i - 9), i + 1);
    return perByte(window.reduce((n, s) => n + s.loss, 0) / window.length);
  });
  const last = x[x.length - 1] ?? 1;
  const bars = log.baseline.rows.filter((r) => r.fullCodeLength);
  return renderSvg({
    kind: 'line',
    title: `${RECIPE.name}: training loss and held-out bits per byte`,
    subtitle: `${(log.parameters / 1e6).toFixed(2)}M parameters, ${log.recipe.training.batchSize}×${log.recipe.training.contextLength} tokens per step, wasm backend`,
    xLabel: 'training step',
    yLabel: 'bits per byte',
    legendTitle: 'curve',
    yDomain: [0, 4.5],
    width: 560,
    series: [
      { name: 'training (10-step mean)', x, y: smooth },
      {
        name: 'held-out text',
        x: log.validation.map((v) => v.step),
        y: log.validation.map((v) => v.bitsPerByte),
        style: 'line+points',
      },
      ...bars.map((b) => ({
        name: b.model.includes('BPE') ? 'KN 3-gram, BPE' : 'KN 3-gram, chars',
        x: [0, last],
        y: [b.bitsPerByte, b.bitsPerByte],
      })),
    ],
  });
}

function modelCard(log: TrainingLog, config: Gpt2Config, books: readonly Book[]): string {
  const f = log.final as {
    dtype: string;
    heldOutBitsPerByteF32: number;
    heldOutBitsPerByteF16: number;
    heldOutBitsPerByte: number;
    finalTrainLoss: number;
    trainingSeconds: number;
  };
  const t = log.recipe.training;
  const rows = log.baseline.rows
    .map(
      (r) =>
        `| ${r.model} | ${r.bitsPerByte.toFixed(3)} | ${r.fullCodeLength ? 'yes' : 'no: leaves out spaces, punctuation and case, and unknown words cost only their smoothing mass'} |`,
    )
    .join('\n');
  const bookRows = books
    .map((b) => `| ${b.file} | ${utf8(b.train).toLocaleString('en')} | ${utf8(b.heldOut).toLocaleString('en')} |`)
    .join('\n');
  return `# ${log.recipe.name}: a small GPT-2 trained on the bundled corpus

The default model of the \`chatgpt-explained\` commands (\`gpt2 next\`, \`gpt2 generate\`, …), so that
they work offline: GPT-2's architecture at a small size, trained from scratch on this machine with this
project's own trainer. It writes text in the style of 19th-century novels and Shakespeare, with a
vocabulary of ${config.vocabSize.toLocaleString('en')} tokens; it is not OpenAI's GPT-2 and knows little beyond those books.

## Data and licences

The six public-domain texts of \`data/corpus/\` (provenance, licences and hashes in its
README): five Project Gutenberg novels with the Gutenberg header and licence removed, and Shakespeare's
plays as in karpathy/char-rnn's \`tinyshakespeare\`. The model and its files are MIT-licensed like the
rest of the project.

**Split.** Each book is cut just after the first line end at or after 95 % of its length
(\`holdOutTail(text, { fraction: ${log.recipe.corpus.heldOutFraction} })\`): the first part is for training (tokenizer,
n-gram baselines and model alike), the last 5 % is held out and used only for measuring.

| book | training bytes | held-out bytes |
|---|---:|---:|
${bookRows}

Training sequence: each book's training text after \`<|endoftext|>\`, joined:
${log.data['trainTokens']!.toLocaleString('en')} tokens (${log.data['trainBytes']!.toLocaleString('en')} bytes, ${(log.data['trainBytes']! / log.data['trainTokens']!).toFixed(3)} bytes per token).
Held out: ${log.data['heldOutTokens']!.toLocaleString('en')} tokens (${log.data['heldOutBytes']!.toLocaleString('en')} bytes).

## Tokenizer

Byte-level BPE in GPT-2's format (\`vocab.json\`, \`merges.txt\`; GPT-2's pre-tokenizer pattern and byte
alphabet), learned with \`trainBpe\` from \`@chatgpt-explained/tokenizer\` on the training parts:
${config.vocabSize.toLocaleString('en')} ids, 256 bytes + ${config.vocabSize - 257} merges + \`<|endoftext|>\` (id ${config.eosTokenId}).
GPT-2's own 50,257-token vocabulary would make the output layer cost more than the rest of the model.

## Architecture

GPT-2 (\`createGpt2Model\`): ${config.layers} blocks, ${config.heads} heads, width ${config.embedDim}, MLP ${config.mlpHidden}, context
${config.contextLength} tokens, GELU (tanh form), LayerNorm ε ${config.layerNormEpsilon}, output layer tied to the token
embedding: **${log.parameters.toLocaleString('en')} parameters**. Hugging Face layout (\`config.json\`,
\`model.safetensors\` in ${f.dtype}), so \`transformers\`' \`GPT2LMHeadModel.from_pretrained\` loads it too.

## Training

\`\`\`sh
${log.command}
\`\`\`

- ${t.steps} steps of ${t.batchSize} windows × ${t.contextLength} tokens (${(t.steps * t.batchSize * t.contextLength).toLocaleString('en')} tokens,
  ${((t.steps * t.batchSize * t.contextLength) / log.data['trainTokens']!).toFixed(2)} passes over the training tokens), each window starting at a random position
  (seeded shuffle of all starts, seed ${t.seed}; initial weights from the same seed, GPT-2's initialisation).
- Loss: cross-entropy of the next token at every position. AdamW (β ${t.beta1}/${t.beta2}, weight decay ${t.weightDecay} on the
  weight matrices only, not on biases, LayerNorms or embeddings), learning rate warmed up linearly over
  ${t.warmupSteps} steps to ${t.learningRate}, then a cosine decay to ${t.minLearningRate} at the last step; gradients clipped to a
  global norm of ${t.clipNorm}.
- Hardware: ${log.hardware}; backend tfjs-backend-wasm (SIMD). Wall time ${(f.trainingSeconds / 60).toFixed(1)} minutes
  (${(f.trainingSeconds / t.steps).toFixed(2)} s per step including evaluations; the machine was shared with other work).
- Every step's loss and learning rate and the held-out bits per byte every ${log.recipe.evaluateEvery} steps are in
  \`loss-log.json\`; \`loss-curve.svg\` plots them. CI replays the first 20 steps from this log
  (\`apps/cli/src/default-model.test.ts\`).

## Results

- Final training loss (last step): ${f.finalTrainLoss.toFixed(3)} nats per token.
- **Held-out bits per byte: ${f.heldOutBitsPerByte.toFixed(3)}** (non-overlapping windows of ${log.recipe.evaluation.contextLength} tokens, each
  book's held-out text after \`<|endoftext|>\`, every token predicted, ÷ the text's UTF-8 bytes). F32
  weights ${f.heldOutBitsPerByteF32.toFixed(4)}, F16 ${f.heldOutBitsPerByteF16.toFixed(4)}; shipped in ${f.dtype} (F16 is used when it stays within ${F16_TOLERANCE}).

Interpolated Kneser–Ney 3-gram models from \`@chatgpt-explained/ngram\` on the same split (discount 0.75):

| model | held-out bits per byte | a full code length? |
|---|---:|---|
${rows}
| **this model** | **${f.heldOutBitsPerByte.toFixed(3)}** | yes |

The bar is the best full code length of a 3-gram: **${log.baseline.bar.toFixed(3)}** bits per byte. The
word model's figure is not comparable: it predicts only the lower-cased words, so the spaces,
punctuation, line ends and capitals between them cost it nothing.

## Limitations

- Tiny and briefly trained: grammatical-looking but incoherent text, no knowledge outside the six books,
  archaic style. A context of ${config.contextLength} tokens (about ${Math.round(config.contextLength * (log.data['trainBytes']! / log.data['trainTokens']!))} characters).
- English prose only; other languages and code fall apart into byte-level tokens.
- The held-out text is the end of the same books, so the figure flatters it compared with unseen
  authors.
- Its next-token probabilities are those of this small model, not of GPT-2; the essay's figures made with
  it differ from Wolfram's.
`;
}

async function main(): Promise<void> {
  tf.env().set('PROD', true);
  const backend = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
  say(`backend: ${backend.reason}`);
  const recipe = RECIPE;
  const out = args.out!;
  mkdirSync(out, { recursive: true });
  const steps = args.smoke ? 3 : args.steps === undefined ? recipe.training.steps : Number(args.steps);
  const run: Recipe = {
    ...recipe,
    training: { ...recipe.training, steps, warmupSteps: Math.min(recipe.training.warmupSteps, steps) },
  } as Recipe;

  // 1–2. Split and tokenizer.
  const books = readBooks(run);
  const definition = await trainBpe(
    books.map((b) => b.train),
    { vocabSize: run.tokenizer.vocabSize, specialTokens: [...run.tokenizer.specialTokens] },
  );
  const { vocabJson, mergesTxt } = formatHuggingFaceVocab(definition);
  const encoding = createEncoding(definition);
  const eot = encoding.eotToken;
  if (eot !== run.tokenizer.vocabSize - 1) throw new Error(`<|endoftext|> has id ${eot}, not the last id`);
  const trainIds = joinDocuments(
    books.map((b) => encoding.encode(b.train)),
    eot,
  );
  const heldOut = books.map((b) => {
    if (!args.smoke) return { ids: joinDocuments([encoding.encode(b.heldOut)], eot), bytes: utf8(b.heldOut) };
    const ids = encoding.encode(b.heldOut).slice(0, 500);
    return { ids: joinDocuments([ids], eot), bytes: utf8(encoding.decode(ids)) };
  });
  const data = {
    trainTokens: trainIds.length,
    trainBytes: books.reduce((n, b) => n + utf8(b.train), 0),
    heldOutTokens: heldOut.reduce((n, h) => n + h.ids.length - 1, 0),
    heldOutBytes: heldOut.reduce((n, h) => n + h.bytes, 0),
  };
  say(`data: ${JSON.stringify(data)}`);

  const config = gpt2Config({ ...run.model, vocabSize: encoding.vocabSize, eosTokenId: eot, bosTokenId: eot });
  const model = createGpt2Model(config);

  if (args.time !== undefined) {
    const n = Number(args.time);
    const times: number[] = [];
    let last = performance.now();
    await trainGpt2(model, trainIds, {
      ...run.training,
      untilStep: n,
      onProgress: () => {
        const now = performance.now();
        times.push((now - last) / 1000);
        last = now;
      },
    });
    say(`seconds per step: ${times.map((t) => t.toFixed(2)).join(' ')}`);
    say(`parameters: ${gpt2ParameterCount(config)}`);
    const t0 = performance.now();
    say(
      `held-out bits per byte ${(await heldOutBitsPerByte(model, heldOut, run)).toFixed(4)} in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    return;
  }

  writeAtomic(join(out, 'vocab.json'), vocabJson);
  writeAtomic(join(out, 'merges.txt'), mergesTxt);

  // 3. The n-gram bar.
  const baselinePath = join(out, 'baseline.json');
  let baseline: TrainingLog['baseline'];
  if (existsSync(baselinePath) && !args['baseline-only']) {
    baseline = JSON.parse(readFileSync(baselinePath, 'utf8')) as TrainingLog['baseline'];
  } else {
    const rows = kneserNeyBaselines(books, encoding);
    const bar = Math.min(...rows.filter((r) => r.fullCodeLength).map((r) => r.bitsPerByte));
    baseline = { bar, rows };
    writeAtomic(baselinePath, await pretty(baselinePath, JSON.stringify(baseline)));
  }
  for (const row of baseline.rows) say(`${row.model}: ${row.bitsPerByte.toFixed(4)} bits per byte`);
  if (args['baseline-only']) return;

  // 4. Training, resumable.
  const logPath = join(out, 'loss-log.json');
  const store = fileCheckpointStore(args.work!);
  if (args.fresh) rmSync(args.work!, { recursive: true, force: true });
  const saved = args.fresh ? undefined : await store.read('checkpoint');
  const resumedStep = saved ? readCheckpoint(saved).info.step : 0;
  const previous =
    resumedStep > 0 && existsSync(logPath) ? (JSON.parse(readFileSync(logPath, 'utf8')) as TrainingLog) : undefined;
  const log: TrainingLog = {
    format: 'chatgpt-explained/gpt-training-log',
    version: 1,
    command: COMMAND + (args.steps === undefined ? '' : ` --steps ${steps}`),
    recipe: run,
    hardware: hardware(),
    parameters: gpt2ParameterCount(config),
    data,
    baseline,
    steps: previous?.steps.filter((s) => s.step <= resumedStep) ?? [],
    validation: previous?.validation.filter((v) => v.step <= resumedStep) ?? [],
  };
  // Steps the checkpoint has but the log missed (a stop between two log writes): from the checkpoint.
  if (saved) {
    const losses = readCheckpoint(saved).info.losses;
    const rate = gpt2LearningRateSchedule(run.training);
    const known = log.steps.at(-1)?.elapsedSeconds ?? 0;
    for (let i = log.steps.length; i < resumedStep; i++) {
      log.steps.push({ step: i + 1, loss: losses[i]!, learningRate: rate(i), elapsedSeconds: known });
    }
  }
  const offset = log.steps.at(-1)?.elapsedSeconds ?? 0;
  const started = performance.now();
  const elapsed = () => offset + (performance.now() - started) / 1000;
  say(`model: ${log.parameters} parameters; ${resumedStep > 0 ? `resuming at step ${resumedStep}` : 'starting'}`);

  let step = resumedStep;
  if (step >= steps) {
    // Finished before: load the final weights from the checkpoint and write the outputs again.
    await trainGpt2(model, trainIds, { ...run.training, steps, checkpoint: { store, every: 25 }, resume: true });
  }
  while (step < steps) {
    const until = Math.min(steps, (Math.floor(step / run.evaluateEvery) + 1) * run.evaluateEvery);
    await trainGpt2(model, trainIds, {
      ...run.training,
      steps,
      untilStep: until,
      checkpoint: { store, every: 25 },
      resume: 'auto',
      onProgress: (e) => {
        log.steps.push({ step: e.step, loss: e.loss, learningRate: e.learningRate, elapsedSeconds: elapsed() });
        if (e.step % 5 === 0)
          say(
            `step ${e.step}/${steps} loss ${e.loss.toFixed(4)} lr ${e.learningRate.toExponential(2)} ${elapsed().toFixed(0)} s`,
          );
        if (e.step % 10 === 0) writeAtomic(logPath, formatLog(log));
      },
    });
    step = until;
    const bpb = await heldOutBitsPerByte(model, heldOut, run);
    log.validation.push({ step, bitsPerByte: bpb, elapsedSeconds: elapsed() });
    say(`step ${step}: held-out ${bpb.toFixed(4)} bits per byte (bar ${baseline.bar.toFixed(4)})`);
    writeAtomic(logPath, await pretty(logPath, formatLog(log)));
  }
  const trainingSeconds = log.validation.at(-1)!.elapsedSeconds; // training and its evaluations

  // 5. Weights in F16 if that costs less than F16_TOLERANCE bits per byte.
  if (model.initialized === false) throw new Error('model has no weights');
  const weights = await model.readWeights();
  const f32 = log.validation.at(-1)!.bitsPerByte;
  const rounded = Object.fromEntries(
    Object.entries(weights).map(([name, w]) => [
      name,
      w.data.map((v) => float16BitsToFloat32(float32ToFloat16Bits(v))),
    ]),
  );
  model.setWeights(rounded);
  const f16 = await heldOutBitsPerByte(model, heldOut, run);
  const dtype = Math.abs(f16 - f32) <= F16_TOLERANCE ? 'F16' : 'F32';
  say(`held-out bits per byte: F32 ${f32.toFixed(4)}, F16 ${f16.toFixed(4)} → ${dtype}`);
  log.final = {
    dtype,
    heldOutBitsPerByteF32: f32,
    heldOutBitsPerByteF16: f16,
    heldOutBitsPerByte: dtype === 'F16' ? f16 : f32,
    bar: baseline.bar,
    beatsBar: (dtype === 'F16' ? f16 : f32) < baseline.bar,
    finalTrainLoss: log.steps.at(-1)!.loss,
    trainingSeconds,
    huggingFaceConfig: configToHuggingFace(config),
  };
  await saveCheckpoint(out, {
    config,
    weights,
    dtype,
    vocab: vocabJson,
    merges: mergesTxt,
    metadata: { name: run.name, steps: String(steps), command: log.command },
  });
  writeAtomic(logPath, await pretty(logPath, formatLog(log)));
  writeAtomic(join(out, 'loss-curve.svg'), await lossCurve(log, data.trainBytes / data.trainTokens));
  const cardPath = join(out, 'MODEL_CARD.md');
  writeAtomic(cardPath, await pretty(cardPath, modelCard(log, config, books)));
  model.dispose();
  say(`wrote ${out}`);
}

await main();
