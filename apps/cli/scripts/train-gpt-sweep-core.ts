/**
 * The GPT-from-scratch sweep behind `train-gpt-sweep.ts` (essay section 10.1): small GPT-2s trained
 * on the bundled corpus with two tokenizations (bytes and the shipped model's 4,096-token BPE) at
 * three sizes, each on the same number of tokens, measured in held-out bits per byte beside
 * Kneser–Ney n-gram models on the same held-out text. No backend is chosen here (the caller picks
 * one); progress goes to `onLog`, results to files under `out`.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import {
  bitsPerByte,
  createGpt2Model,
  float16BitsToFloat32,
  float32ToFloat16Bits,
  generateText,
  gpt2Config,
  gpt2FromModel,
  gpt2ParameterCount,
  holdOutTail,
  joinDocuments,
  trainGpt2,
  type Gpt2Config,
  type Gpt2Model,
} from '@chatgpt-explained/gpt2';
import { byteLevelDefinition } from '@chatgpt-explained/essay';
import { saveCheckpoint } from '@chatgpt-explained/gpt2/node';
import { countCharacterNgrams, KneserNeyModel, perplexity } from '@chatgpt-explained/ngram';
import {
  createEncoding,
  formatHuggingFaceVocab,
  parseHuggingFaceVocab,
  type BpeDefinition,
  type Encoding,
} from '@chatgpt-explained/tokenizer';
import { memoryCheckpointStore } from '@chatgpt-explained/trainer';
import { renderSvg, type FigureSpec } from '@chatgpt-explained/viz';
import { svgToPng } from '@chatgpt-explained/viz/png';
import { pretty, writeAtomic } from './script-files';

/** One model of the sweep. */
export interface SweepRun {
  /** Short name, also the folder name of its weights. */
  readonly name: string;
  /** `'bytes'`: 256 byte ids + `<|endoftext|>` (byte-level BPE with no merges); `'bpe'`: the shipped model's vocabulary. */
  readonly tokenizer: 'bytes' | 'bpe';
  readonly layers: number;
  readonly embedDim: number;
  readonly heads: number;
}

/** Everything that decides the sweep's numbers; written into `results.json`. */
export interface SweepSettings {
  readonly corpus: {
    readonly dir: string;
    readonly heldOutFraction: number;
    /** Smoke mode: keep only the first this many characters of each book's training part (cut at a line end). */
    readonly trainCharsPerBook?: number;
    /** Smoke mode: keep only the first this many characters of each book's held-out part. */
    readonly heldOutCharsPerBook?: number;
    /**
     * The curve's held-out text: the first this many characters of each book's held-out part (cut at
     * a line end), measured at every point of `evaluateAt` (the whole held-out text only at the end).
     */
    readonly curveCharsPerBook: number;
  };
  /** Folder with the BPE's `vocab.json` and `merges.txt` (the shipped default model's). */
  readonly bpeDir: string;
  readonly runs: readonly SweepRun[];
  readonly training: {
    readonly steps: number;
    readonly batchSize: number;
    readonly contextLength: number;
    readonly learningRate: number;
    readonly warmupSteps: number;
    readonly minLearningRate: number;
    readonly weightDecay: number;
    readonly beta1: number;
    readonly beta2: number;
    readonly clipNorm: number;
    readonly seed: number;
  };
  /** Steps after which the held-out bits per byte are measured (the last step is always measured). */
  readonly evaluateAt: readonly number[];
  /** Steps after which a sample is drawn. */
  readonly sampleAt: readonly number[];
  readonly sample: {
    readonly prompt: string;
    readonly bytes: number;
    readonly temperature: number;
    readonly seed: number;
  };
  readonly evaluation: { readonly contextLength: number; readonly stride: number; readonly batch: number };
  /** Save a model's weights into `out` when its F16 file is below this many bytes (the best of each tokenization always). */
  readonly saveBelowBytes: number;
}

export interface BaselineRow {
  readonly model: string;
  /** `'full'`: every book's whole held-out part; `'curve'`: the curve's beginning of each. */
  readonly heldOut: 'full' | 'curve';
  readonly tokens: number;
  readonly unknownTokens: number;
  readonly bitsPerByte: number;
}

export interface RunResult {
  readonly run: SweepRun;
  readonly parameters: number;
  readonly nonEmbeddingParameters: number;
  readonly vocabSize: number;
  readonly trainTokens: number;
  readonly trainBytesPerToken: number;
  readonly heldOutTokens: number;
  readonly steps: { step: number; loss: number; learningRate: number }[];
  /** Bits per byte on the curve's held-out text (`corpus.curveCharsPerBook`) after each step of `evaluateAt`. */
  readonly validation: {
    step: number;
    tokensSeen: number;
    bytesSeen: number;
    bitsPerByte: number;
    elapsedSeconds: number;
  }[];
  readonly samples: { step: number; prompt: string; text: string }[];
  /** Seconds of training steps only (evaluation and sampling left out). */
  readonly trainingSeconds: number;
  /** Training tokens per second (`steps · batchSize · contextLength / trainingSeconds`). */
  readonly tokensPerSecond: number;
  /** Wall seconds of the whole run (training, evaluations, samples). */
  readonly wallSeconds: number;
  /** Bits per byte on the whole held-out text, float32 weights, after the last step. */
  readonly heldOutBitsPerByteF32: number;
  /** Bits per byte on the curve's held-out text with the weights rounded to float16 (as saved). */
  readonly curveBitsPerByteF16: number;
  readonly f16Bytes: number;
  /** Where its weights were saved under `out`, or null when they were not kept. */
  savedAs: string | null;
}

export interface SweepResults {
  format: 'chatgpt-explained/gpt-sweep-results';
  version: 1;
  command: string;
  hardware: string;
  settings: SweepSettings;
  data: {
    books: { file: string; trainBytes: number; heldOutBytes: number }[];
    trainBytes: number;
    heldOutBytes: number;
  };
  baselines: BaselineRow[];
  runs: RunResult[];
  /** Sum of the runs' wall seconds (runs made side by side with `only` overlap in time). */
  totalWallSeconds: number;
}

export interface SweepOptions {
  readonly out: string;
  /** Scratch folder for every run's weights before the keepers are copied to `out`. */
  readonly work: string;
  readonly command: string;
  readonly onLog?: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Train only the run of this name (the others are left out of the results); for running runs side by side. */
  readonly only?: string;
  /**
   * `results.json` files of other invocations with the same settings (made with `only`): their runs
   * are taken as done, when their weights are in `work`.
   */
  readonly merge?: readonly string[];
}

const utf8 = (text: string) => new TextEncoder().encode(text).length;
/** Marks the n-gram baselines counted on only as much text as a GPT run reads. */
const SEEN_LABEL = 'on the text one run reads';

interface Book {
  readonly file: string;
  readonly train: string;
  readonly heldOut: string;
}

/** Cuts `text` after the first line end at or after `chars` characters (whole text when shorter). */
function cutAtLine(text: string, chars: number | undefined): string {
  if (chars === undefined || text.length <= chars) return text;
  const end = text.indexOf('\n', chars);
  return end < 0 ? text : text.slice(0, end + 1);
}

/** The corpus's books (sorted by file name), each split into training and held-out text as the default model's. */
export function readBooks(corpus: SweepSettings['corpus']): Book[] {
  const files = readdirSync(corpus.dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  return files.map((file) => {
    const split = holdOutTail(readFileSync(join(corpus.dir, file), 'utf8'), { fraction: corpus.heldOutFraction });
    return {
      file,
      train: cutAtLine(split.train, corpus.trainCharsPerBook),
      heldOut: cutAtLine(split.heldOut, corpus.heldOutCharsPerBook),
    };
  });
}

/** Held-out bits per byte of interpolated Kneser–Ney n-gram models (discount 0.75), as `baseline.json` of the default model. */
export function kneserNeyBaselines(
  books: readonly Book[],
  bpe: Encoding,
  orders: readonly number[],
  curveChars: number,
  seen?: { readonly characters: number; readonly bpe: number; readonly label: string },
): BaselineRow[] {
  // With `seen`: each book's training text cut to the first share of it (by characters) that the
  // GPTs read, so the n-gram counts about as much text as a run saw.
  const share = (b: Book, fraction: number) => b.train.slice(0, Math.round(b.train.length * Math.min(1, fraction)));
  const suffix = seen === undefined ? '' : `, ${seen.label}`;
  const trainText = books.map((b) => (seen === undefined ? b.train : share(b, seen.characters))).join('\n');
  const texts = {
    full: books.map((b) => b.heldOut),
    curve: books.map((b) => cutAtLine(b.heldOut, curveChars)),
  };
  const measure = (model: KneserNeyModel, which: keyof typeof texts, map: (text: string) => string = (t) => t) => {
    let bits = 0;
    let tokens = 0;
    let unknownTokens = 0;
    const bytes = texts[which].reduce((n, t) => n + utf8(t), 0);
    for (const text of texts[which]) {
      const r = perplexity(model, map(text));
      bits += r.bits;
      tokens += r.tokens;
      unknownTokens += r.unknownTokens;
    }
    return { heldOut: which, tokens, unknownTokens, bitsPerByte: bits / bytes };
  };
  // BPE tokens as characters of the Private Use Area, so the character counter counts token n-grams.
  const asChars = (text: string) =>
    bpe
      .encode(text)
      .map((id) => String.fromCharCode(0xe000 + id))
      .join('');
  const eot = String.fromCharCode(0xe000 + bpe.eotToken);
  const bpeTrain = books.map((b) => eot + asChars(seen === undefined ? b.train : share(b, seen.bpe))).join('');
  const rows: BaselineRow[] = [];
  for (const n of orders) {
    const chars = new KneserNeyModel(countCharacterNgrams(trainText, n));
    const tokens = new KneserNeyModel(countCharacterNgrams(bpeTrain, n));
    for (const which of ['full', 'curve'] as const) {
      rows.push({ model: `KN ${n}-gram, characters${suffix}`, ...measure(chars, which) });
      rows.push({ model: `KN ${n}-gram, BPE tokens (${bpe.vocabSize})${suffix}`, ...measure(tokens, which, asChars) });
    }
  }
  return rows;
}

function hardware(): string {
  const cpu = cpus();
  return `${cpu[0]?.model ?? 'unknown CPU'}, ${cpu.length} cores shared with other work (tfjs-backend-wasm runs single-threaded in Node), Node ${process.version}`;
}

/** Parameters outside the token and position embeddings (the output layer is tied to the token embedding). */
export function nonEmbeddingParameters(config: Gpt2Config): number {
  return gpt2ParameterCount(config) - config.vocabSize * config.embedDim - config.contextLength * config.embedDim;
}

async function heldOutBitsPerByte(
  model: Gpt2Model,
  heldOut: readonly { ids: Int32Array; bytes: number }[],
  evaluation: SweepSettings['evaluation'],
  signal: AbortSignal | undefined,
): Promise<number> {
  let bits = 0;
  let bytes = 0;
  for (const part of heldOut) {
    const r = await bitsPerByte(model, part.ids, part.bytes, { ...evaluation, signal });
    bits += r.bits;
    bytes += part.bytes;
  }
  return bits / bytes;
}

/** Rounds the model's weights to float16 (what `model.safetensors` holds). */
async function roundToF16(model: Gpt2Model): Promise<void> {
  const weights = await model.readWeights();
  model.setWeights(
    Object.fromEntries(
      Object.entries(weights).map(([name, w]) => [
        name,
        w.data.map((v) => float16BitsToFloat32(float32ToFloat16Bits(v))),
      ]),
    ),
  );
}

interface Tokenization {
  readonly encoding: Encoding;
  readonly vocabJson: string;
  readonly mergesTxt: string;
  readonly trainIds: Int32Array;
  readonly heldOut: { ids: Int32Array; bytes: number }[];
  readonly curve: { ids: Int32Array; bytes: number }[];
}

function tokenize(
  definition: BpeDefinition,
  books: readonly Book[],
  curveChars: number,
  files?: { vocabJson: string; mergesTxt: string },
): Tokenization {
  const encoding = createEncoding(definition);
  const { vocabJson, mergesTxt } = files ?? formatHuggingFaceVocab(definition);
  const eot = encoding.eotToken;
  return {
    encoding,
    vocabJson,
    mergesTxt,
    trainIds: joinDocuments(
      books.map((b) => encoding.encode(b.train)),
      eot,
    ),
    heldOut: books.map((b) => ({ ids: joinDocuments([encoding.encode(b.heldOut)], eot), bytes: utf8(b.heldOut) })),
    curve: books.map((b) => {
      const text = cutAtLine(b.heldOut, curveChars);
      return { ids: joinDocuments([encoding.encode(text)], eot), bytes: utf8(text) };
    }),
  };
}

async function trainOne(
  run: SweepRun,
  tok: Tokenization,
  settings: SweepSettings,
  dir: string,
  trainBytesPerToken: number,
  options: SweepOptions,
): Promise<RunResult> {
  const say = options.onLog ?? (() => {});
  const t = settings.training;
  const { encoding } = tok;
  const config = gpt2Config({
    contextLength: t.contextLength,
    embedDim: run.embedDim,
    layers: run.layers,
    heads: run.heads,
    vocabSize: encoding.vocabSize,
    eosTokenId: encoding.eotToken,
    bosTokenId: encoding.eotToken,
  });
  const model = createGpt2Model(config);
  const parameters = gpt2ParameterCount(config);
  const tokensPerStep = t.batchSize * t.contextLength;
  const stops = [...new Set([...settings.evaluateAt.filter((s) => s > 0 && s < t.steps), t.steps])].sort(
    (a, b) => a - b,
  );
  const sampleAt = new Set(settings.sampleAt);
  const store = memoryCheckpointStore();
  const steps: RunResult['steps'] = [];
  const validation: RunResult['validation'] = [];
  const samples: RunResult['samples'] = [];
  const gpt = gpt2FromModel(model, encoding);
  const started = performance.now();
  let trainingMs = 0;
  let step = 0;
  say(
    `${run.name}: ${parameters.toLocaleString('en')} parameters (${nonEmbeddingParameters(config).toLocaleString('en')} non-embedding)`,
  );
  try {
    for (const until of stops) {
      const t0 = performance.now();
      await trainGpt2(model, tok.trainIds, {
        ...t,
        untilStep: until,
        checkpoint: { store, every: t.steps },
        resume: step > 0,
        signal: options.signal,
        onProgress: (e) => {
          steps.push({ step: e.step, loss: e.loss, learningRate: e.learningRate });
          if (e.step % 25 === 0) say(`${run.name}: step ${e.step}/${t.steps} loss ${e.loss.toFixed(3)}`);
        },
      });
      trainingMs += performance.now() - t0;
      step = until;
      const bpb = await heldOutBitsPerByte(model, tok.curve, settings.evaluation, options.signal);
      const elapsedSeconds = (performance.now() - started) / 1000;
      validation.push({
        step,
        tokensSeen: step * tokensPerStep,
        bytesSeen: Math.round(step * tokensPerStep * trainBytesPerToken),
        bitsPerByte: bpb,
        elapsedSeconds,
      });
      say(
        `${run.name}: step ${step} curve's held-out text ${bpb.toFixed(4)} bits per byte, ${elapsedSeconds.toFixed(0)} s`,
      );
      if (sampleAt.has(step) || step === t.steps) {
        const s = settings.sample;
        const { text } = await generateText(gpt, {
          prompt: s.prompt,
          maxTokens: Math.max(1, Math.round(s.bytes / trainBytesPerToken)),
          temperature: s.temperature,
          seed: s.seed,
          stopAtEndOfText: false,
          signal: options.signal,
        });
        samples.push({ step, prompt: s.prompt, text });
      }
    }
    const f32 = await heldOutBitsPerByte(model, tok.heldOut, settings.evaluation, options.signal);
    const weights = await model.readWeights();
    await roundToF16(model);
    const f16 = await heldOutBitsPerByte(model, tok.curve, settings.evaluation, options.signal);
    const wallSeconds = (performance.now() - started) / 1000;
    const runDir = join(dir, run.name);
    await saveCheckpoint(runDir, {
      config,
      weights,
      dtype: 'F16',
      vocab: tok.vocabJson,
      merges: tok.mergesTxt,
      metadata: { name: run.name, steps: String(t.steps), command: options.command },
    });
    const f16Bytes = statSync(join(runDir, 'model.safetensors')).size;
    say(
      `${run.name}: held-out ${f32.toFixed(4)} bits per byte (curve's text: F16 ${f16.toFixed(4)}); ${wallSeconds.toFixed(0)} s`,
    );
    return {
      run,
      parameters,
      nonEmbeddingParameters: nonEmbeddingParameters(config),
      vocabSize: encoding.vocabSize,
      trainTokens: tok.trainIds.length,
      trainBytesPerToken,
      heldOutTokens: tok.heldOut.reduce((n, h) => n + h.ids.length - 1, 0),
      steps,
      validation,
      samples,
      trainingSeconds: trainingMs / 1000,
      tokensPerSecond: (t.steps * tokensPerStep) / (trainingMs / 1000),
      wallSeconds,
      heldOutBitsPerByteF32: f32,
      curveBitsPerByteF16: f16,
      f16Bytes,
      savedAs: null,
    };
  } finally {
    model.dispose();
  }
}

/** `results.json` with the step records one per line, so it stays readable and diffs stay small. */
export function formatResults(results: SweepResults): string {
  const runs = results.runs.map((r) => {
    const { steps, ...rest } = r;
    const head = JSON.stringify(rest, null, 2).slice(0, -2).replace(/\n/g, '\n    ');
    return `    ${head},\n      "steps": [\n${steps.map((s) => `        ${JSON.stringify(s)}`).join(',\n')}\n      ]\n    }`;
  });
  const { runs: _runs, ...rest } = results;
  void _runs;
  const head = JSON.stringify(rest, null, 2).slice(0, -2);
  return `${head},\n  "runs": [\n${runs.join(',\n')}\n  ]\n}\n`;
}

/** A baseline's name for a legend: `KN 3-gram chars` (all the training text), `KN 3-gram BPE, seen` (as much as a run reads). */
function legendName(model: string): string {
  const order = /KN (\d+)-gram/.exec(model)?.[1] ?? '?';
  const unit = model.includes('BPE') ? 'BPE' : 'chars';
  return `KN ${order}-gram ${unit}${model.includes(SEEN_LABEL) ? ', seen' : ''}`;
}

const SHORT = (r: RunResult) =>
  `${r.run.tokenizer === 'bytes' ? 'bytes' : 'BPE'}, ${formatCount(r.nonEmbeddingParameters)}`;

function formatCount(n: number): string {
  return n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : `${Math.round(n / 1e3)}k`;
}

/** The sweep's figures: held-out bits per byte against tokens seen, training loss, and against model size. */
export function sweepFigures(results: SweepResults): Record<string, FigureSpec> {
  const runs = results.runs;
  const t = results.settings.training;
  const tokensPerStep = t.batchSize * t.contextLength;
  const lastTokens = t.steps * tokensPerStep;
  const bars = results.baselines
    .filter((b) => b.heldOut === 'curve')
    .map((b) => ({
      name: legendName(b.model),
      x: [tokensPerStep, lastTokens],
      y: [b.bitsPerByte, b.bitsPerByte],
    }));
  const heldOut: FigureSpec = {
    kind: 'line',
    title: 'Held-out bits per byte against tokens seen',
    subtitle: `first ${results.settings.corpus.curveCharsPerBook.toLocaleString('en')} characters of each book's held-out part; flat lines: Kneser–Ney (seen: on as much text as a run reads)`,
    xLabel: 'training tokens seen',
    yLabel: 'held-out bits per byte',
    xScale: 'log',
    legendTitle: 'model',
    width: 620,
    series: [
      ...runs.map((r) => ({
        name: SHORT(r),
        x: r.validation.map((v) => v.tokensSeen),
        y: r.validation.map((v) => v.bitsPerByte),
        style: 'line+points' as const,
      })),
      ...bars,
    ],
  };
  const training: FigureSpec = {
    kind: 'line',
    title: 'Training loss in bits per byte (20-step mean)',
    subtitle: 'loss in nats per token ÷ ln 2 ÷ the training text’s bytes per token',
    xLabel: 'training tokens seen',
    yLabel: 'training bits per byte',
    legendTitle: 'model',
    width: 620,
    series: runs.map((r) => ({
      name: SHORT(r),
      x: r.steps.map((s) => s.step * tokensPerStep),
      y: r.steps.map((_, i) => {
        const w = r.steps.slice(Math.max(0, i - 19), i + 1);
        return w.reduce((n, s) => n + s.loss, 0) / w.length / Math.LN2 / r.trainBytesPerToken;
      }),
    })),
  };
  const bySize = (tokenizer: SweepRun['tokenizer']) => runs.filter((r) => r.run.tokenizer === tokenizer);
  const xs = runs.map((r) => r.nonEmbeddingParameters);
  const span: [number, number] = [Math.min(...xs) / 1.5, Math.max(...xs) * 1.5];
  const size: FigureSpec = {
    kind: 'line',
    title: 'Held-out bits per byte against model size',
    subtitle: `whole held-out text, after ${lastTokens.toLocaleString('en')} training tokens each; flat lines: Kneser–Ney (seen: on as much text as a run reads)`,
    xLabel: 'non-embedding parameters',
    yLabel: 'held-out bits per byte',
    xScale: 'log',
    xDomain: span,
    legendTitle: 'model',
    width: 620,
    series: [
      ...(['bytes', 'bpe'] as const)
        .map((k) => ({ k, rs: bySize(k) }))
        .filter(({ rs }) => rs.length > 0)
        .map(({ k, rs }) => ({
          name: k === 'bytes' ? 'GPT, bytes (257 ids)' : `GPT, BPE (${rs[0]!.vocabSize} ids)`,
          x: rs.map((r) => r.nonEmbeddingParameters),
          y: rs.map((r) => r.heldOutBitsPerByteF32),
          style: 'line+points' as const,
        })),
      ...results.baselines
        .filter((b) => b.heldOut === 'full')
        .map((b) => ({ name: legendName(b.model), x: span, y: [b.bitsPerByte, b.bitsPerByte] })),
    ],
  };
  return { 'held-out-vs-tokens': heldOut, 'training-loss': training, 'bpb-vs-size': size };
}

/** Control characters (a byte model's early samples are full of them) as their visible pictures (␀ … ␟, ␡). */
export function visibleText(text: string): string {
  return Array.from(text, (c) => {
    const code = c.charCodeAt(0);
    if (code === 0x7f) return '\u2421';
    return code < 0x20 && c !== '\n' && c !== '\t' ? String.fromCharCode(0x2400 + code) : c;
  }).join('');
}

/** The samples of every run at its checkpoints, as Markdown. */
export function samplesMarkdown(results: SweepResults): string {
  const s = results.settings.sample;
  const parts = results.runs.map((r) => {
    const rows = r.samples
      .map((x) => {
        const v = r.validation.find((v) => v.step === x.step);
        const fence = '````';
        return `**step ${x.step}** (${(x.step * results.settings.training.batchSize * results.settings.training.contextLength).toLocaleString('en')} tokens seen, curve's held-out text ${v?.bitsPerByte.toFixed(3)} bits per byte)\n\n${fence}text\n${visibleText(x.text)}\n${fence}\n`;
      })
      .join('\n');
    return `## ${r.run.name}: ${SHORT(r)} (${r.parameters.toLocaleString('en')} parameters in all)\n\n${rows}`;
  });
  return `# Samples at checkpoints

Generated by \`train-gpt-sweep.ts\` (see README.md). Each sample starts from \`<|endoftext|>\` (the empty
prompt${s.prompt === '' ? '' : ` followed by ${JSON.stringify(s.prompt)}`}), about ${s.bytes} bytes long
(tokens = ${s.bytes} ÷ the training text's bytes per token), temperature ${s.temperature}, seed ${s.seed}:
the same random numbers for every model and checkpoint. Byte-level samples may end in a cut character.

${parts.join('\n')}`;
}

/** The results table, as Markdown. */
export function resultsTable(results: SweepResults): string {
  const rows = results.runs.map(
    (r) =>
      `| ${r.run.name} | ${r.run.tokenizer === 'bytes' ? 'bytes (257)' : `BPE (${r.vocabSize})`} | ${r.run.layers}×${r.run.embedDim}, ${r.run.heads} heads | ${r.nonEmbeddingParameters.toLocaleString('en')} | ${r.parameters.toLocaleString('en')} | ${r.heldOutBitsPerByteF32.toFixed(3)} | ${r.validation.at(-1)!.bitsPerByte.toFixed(3)} / ${r.curveBitsPerByteF16.toFixed(3)} | ${Math.round(r.tokensPerSecond).toLocaleString('en')} | ${(r.wallSeconds / 60).toFixed(1)} | ${r.savedAs ?? '—'} |`,
  );
  const base = results.baselines
    .filter((b) => b.heldOut === 'full')
    .map((b) => {
      const curve = results.baselines.find((c) => c.heldOut === 'curve' && c.model === b.model);
      return `| ${b.model} | | | | | ${b.bitsPerByte.toFixed(3)} | ${curve?.bitsPerByte.toFixed(3) ?? ''} | | | |`;
    });
  return `| run | tokens | blocks × width | non-embedding params | params | held-out bits/byte | curve's text: F32 / F16 | training tokens/s | wall min | saved |
|---|---|---|---:|---:|---:|---:|---:|---:|---|
${[...rows, ...base].join('\n')}
`;
}

/**
 * Runs the sweep: split, tokenizers, n-gram baselines, every run, then `results.json`, `results.md`,
 * `samples.md`, the figures (SVG) and the kept models under `out`. `results.json` is rewritten after
 * every run, and runs already in it (same settings) are not trained again.
 */
export async function runSweep(settings: SweepSettings, options: SweepOptions): Promise<SweepResults> {
  const say = options.onLog ?? (() => {});
  const { out, work } = options;
  mkdirSync(out, { recursive: true });
  mkdirSync(work, { recursive: true });
  const books = readBooks(settings.corpus);
  const bpeDefinition = parseHuggingFaceVocab(
    readFileSync(join(settings.bpeDir, 'vocab.json'), 'utf8'),
    readFileSync(join(settings.bpeDir, 'merges.txt'), 'utf8'),
    { name: 'corpus-bpe' },
  );
  const bpeFiles = {
    vocabJson: readFileSync(join(settings.bpeDir, 'vocab.json'), 'utf8'),
    mergesTxt: readFileSync(join(settings.bpeDir, 'merges.txt'), 'utf8'),
  };
  const data = {
    books: books.map((b) => ({ file: b.file, trainBytes: utf8(b.train), heldOutBytes: utf8(b.heldOut) })),
    trainBytes: books.reduce((n, b) => n + utf8(b.train), 0),
    heldOutBytes: books.reduce((n, b) => n + utf8(b.heldOut), 0),
  };
  say(
    `data: ${data.trainBytes.toLocaleString('en')} training bytes, ${data.heldOutBytes.toLocaleString('en')} held-out bytes`,
  );
  const tokenizations = new Map<SweepRun['tokenizer'], Tokenization>();
  const tokenization = (kind: SweepRun['tokenizer']): Tokenization => {
    let tok = tokenizations.get(kind);
    if (!tok) {
      tok =
        kind === 'bytes'
          ? tokenize(byteLevelDefinition(), books, settings.corpus.curveCharsPerBook)
          : tokenize(bpeDefinition, books, settings.corpus.curveCharsPerBook, bpeFiles);
      tokenizations.set(kind, tok);
      say(`${kind}: ${tok.trainIds.length.toLocaleString('en')} training tokens`);
    }
    return tok;
  };

  const resultsPath = join(out, 'results.json');
  const previous = existsSync(resultsPath)
    ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as SweepResults)
    : undefined;
  const sameSettings = previous !== undefined && JSON.stringify(previous.settings) === JSON.stringify(settings);
  const doneRuns = sameSettings ? [...previous.runs] : [];
  for (const path of options.merge ?? []) {
    const other = JSON.parse(readFileSync(path, 'utf8')) as SweepResults;
    if (JSON.stringify(other.settings) !== JSON.stringify(settings)) throw new Error(`${path}: other settings`);
    doneRuns.push(...other.runs);
  }
  const baselines: BaselineRow[] = sameSettings
    ? previous.baselines
    : kneserNeyBaselines(books, tokenization('bpe').encoding, [3], settings.corpus.curveCharsPerBook);
  if (!baselines.some((b) => b.model.includes(SEEN_LABEL))) {
    // The same n-grams counted on only as much training text as one GPT run reads.
    const seenTokens = settings.training.steps * settings.training.batchSize * settings.training.contextLength;
    const trainChars = books.reduce((n, b) => n + b.train.length, 0);
    const bpe = tokenization('bpe');
    const bpeBytesPerToken = data.trainBytes / (bpe.trainIds.length - books.length);
    baselines.push(
      ...kneserNeyBaselines(books, bpe.encoding, [3], settings.corpus.curveCharsPerBook, {
        characters: seenTokens / trainChars,
        bpe: (seenTokens * bpeBytesPerToken) / data.trainBytes,
        label: SEEN_LABEL,
      }),
    );
  }
  for (const b of baselines) say(`${b.model}, ${b.heldOut} held-out text: ${b.bitsPerByte.toFixed(4)} bits per byte`);
  const results: SweepResults = {
    format: 'chatgpt-explained/gpt-sweep-results',
    version: 1,
    command: options.command,
    hardware: hardware(),
    settings,
    data,
    baselines,
    runs: [],
    totalWallSeconds: 0,
  };
  for (const run of settings.runs) {
    options.signal?.throwIfAborted();
    if (options.only !== undefined && run.name !== options.only) continue;
    const done = doneRuns.find((r) => JSON.stringify(r.run) === JSON.stringify(run));
    if (done && existsSync(join(work, run.name, 'config.json'))) {
      say(`${run.name}: already in results.json`);
      results.runs.push(done);
      continue;
    }
    const tok = tokenization(run.tokenizer);
    const trainBytesPerToken = data.trainBytes / (tok.trainIds.length - books.length);
    results.runs.push(await trainOne(run, tok, settings, work, trainBytesPerToken, options));
    results.totalWallSeconds = results.runs.reduce((n, r) => n + r.wallSeconds, 0);
    await writeOutputs(results, settings, out, work);
  }
  results.totalWallSeconds = results.runs.reduce((n, r) => n + r.wallSeconds, 0);
  await writeOutputs(results, settings, out, work);
  say(`wrote ${out}`);
  return results;
}

/** `results.json`, `results.md`, `samples.md`, the figures, and the kept models, for the runs so far. */
async function writeOutputs(results: SweepResults, settings: SweepSettings, out: string, work: string): Promise<void> {
  // Keep the small models, and the best of each tokenization whatever its size.
  for (const kind of ['bytes', 'bpe'] as const) {
    const rs = results.runs.filter((r) => r.run.tokenizer === kind);
    const best = rs.reduce<RunResult | undefined>(
      (a, r) => (a && a.heldOutBitsPerByteF32 <= r.heldOutBitsPerByteF32 ? a : r),
      undefined,
    );
    for (const r of rs) {
      const keep = r === best || r.f16Bytes < settings.saveBelowBytes;
      const target = join(out, 'models', r.run.name);
      rmSync(target, { recursive: true, force: true });
      if (keep) {
        mkdirSync(join(out, 'models'), { recursive: true });
        cpSync(join(work, r.run.name), target, { recursive: true });
      }
      r.savedAs = keep ? `models/${r.run.name}` : null;
    }
  }
  const texts = {
    'results.json': formatResults(results),
    'results.md': `# Results\n\n${resultsTable(results)}`,
    'samples.md': samplesMarkdown(results),
  };
  for (const [name, text] of Object.entries(texts)) writeAtomic(join(out, name), await pretty(join(out, name), text));
  for (const [name, spec] of Object.entries(sweepFigures(results))) {
    const svg = await renderSvg(spec);
    writeAtomic(join(out, `${name}.svg`), svg);
    writeAtomic(join(out, `${name}.png`), await svgToPng(svg, { scale: 1.5 }));
  }
}
