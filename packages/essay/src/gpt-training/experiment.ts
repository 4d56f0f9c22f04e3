/**
 * Essay 10.1, training a small GPT by next-token loss: a tiny byte-level GPT-2 trained from scratch
 * on a slice of the corpus, with its loss curve, samples at checkpoints, speed, and held-out bits
 * per byte beside a Kneser–Ney character n-gram on the same held-out text.
 */
import {
  bitsPerByte,
  createGpt2Model,
  generateText,
  gpt2Config,
  gpt2FromModel,
  gpt2ParameterCount,
  holdOutTail,
  joinDocuments,
  trainGpt2,
  type Gpt2Model,
} from '@chatgpt-explained/gpt2';
import { countCharacterNgrams, KneserNeyModel, perplexity } from '@chatgpt-explained/ngram';
import type { ComputeContext } from '@chatgpt-explained/nn-core';
import type { Encoding } from '@chatgpt-explained/tokenizer';
import { memoryCheckpointStore } from '@chatgpt-explained/trainer';
import type { CorpusText } from '../data';
import { EssayError } from '../errors';
import type { Figure } from '../figure';
import { integerIn, positiveNumber, seedIn } from '../training/checks';
import { natsToBitsPerByte, utf8Bytes } from './bits-per-byte';
import { byteLevelEncoding, BYTE_VOCAB_SIZE } from './byte-tokenizer';

/** Progress of {@link gptTrainingExperiment}, sent after every training step. */
export interface GptTrainingProgress {
  readonly step: number;
  readonly totalSteps: number;
  /** The step's training loss, nats per byte token. */
  readonly loss: number;
}

/** Options of {@link gptTrainingExperiment}; every one has a default. */
export interface GptTrainingOptions {
  /** Share of each book held out, its end (`holdOutTail`). Default 0.05, as the shipped model's split. */
  readonly heldOutFraction?: number;
  /** Characters taken from the start of each book's training part. Default 40,000 (about 240 kB in all). */
  readonly trainCharsPerBook?: number;
  /** Characters taken from the start of each book's held-out part. Default 3,000. */
  readonly heldOutCharsPerBook?: number;
  /** Transformer blocks. Default 2. */
  readonly layers?: number;
  /** Width of the residual stream. Default 64. */
  readonly embedDim?: number;
  /** Attention heads (must divide `embedDim`). Default 4. */
  readonly heads?: number;
  /** Bytes of context. Default 64. */
  readonly contextLength?: number;
  /** Training steps. Default 300. */
  readonly steps?: number;
  /** Windows per step. Default 16. */
  readonly batchSize?: number;
  /** Peak learning rate (linear warmup over a tenth of the steps, cosine decay to a tenth). Default 0.003. */
  readonly learningRate?: number;
  /** Seeds the weights, the window order and the samples. Default 1. */
  readonly seed?: number;
  /** Held-out measurements, spread evenly over the run (the last after the last step). Default 6. */
  readonly evaluations?: number;
  /** Samples, drawn at the first evaluations' steps spread over the run (one at the end). Default 3. */
  readonly samples?: number;
  /** Bytes per sample. Default 160. */
  readonly sampleBytes?: number;
  /** Sampling temperature. Default 0.8. */
  readonly temperature?: number;
  /** Order of the Kneser–Ney character n-gram it is compared with. Default 3. */
  readonly ngramOrder?: number;
  /** Stops between steps; the experiment rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Receives every step's loss. */
  readonly onProgress?: (progress: GptTrainingProgress) => void;
}

/** What {@link gptTrainingExperiment} returns. */
export interface GptTrainingResult {
  readonly backend: string;
  /** The settings used, defaults filled in. */
  readonly settings: Required<Omit<GptTrainingOptions, 'signal' | 'onProgress'>>;
  readonly parameters: number;
  readonly trainBytes: number;
  readonly heldOutBytes: number;
  /** Training loss of every step, nats per byte (= per token). */
  readonly losses: readonly number[];
  /** Held-out bits per byte after some steps. */
  readonly validation: readonly { readonly step: number; readonly tokensSeen: number; readonly bitsPerByte: number }[];
  /** Text sampled from `<|endoftext|>` at checkpoints (same seed each time). */
  readonly samples: readonly { readonly step: number; readonly text: string }[];
  /** Seconds of training steps (evaluation and sampling left out). */
  readonly trainingSeconds: number;
  /** Training tokens (bytes) per second. */
  readonly tokensPerSecond: number;
  /** Held-out bits per byte after the last step. */
  readonly heldOutBitsPerByte: number;
  /** The Kneser–Ney character n-gram trained on the same training text, on the same held-out text. */
  readonly ngram: { readonly order: number; readonly bitsPerByte: number };
  /** log2 257: a model that knows nothing, guessing every byte token uniformly. */
  readonly uniformBitsPerByte: number;
  /** `10.1-loss-curve`. */
  readonly figures: readonly Figure[];
}

function fraction(op: string, argument: string, value: number): number {
  if (!(value > 0 && value < 1)) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: ${argument} must be in (0, 1), got ${String(value)}`, {
      argument,
      value,
      expected: 'a number in (0, 1)',
    });
  }
  return value;
}

/** The first `chars` characters of `text`, cut back to a line end when there is one. */
function slice(text: string, chars: number): string {
  if (text.length <= chars) return text;
  const end = text.lastIndexOf('\n', chars);
  return end > chars / 2 ? text.slice(0, end + 1) : text.slice(0, chars);
}

/** Evenly spread steps in [1, steps], `count` of them, the last = steps. */
function spread(steps: number, count: number): number[] {
  return [...new Set(Array.from({ length: count }, (_, i) => Math.max(1, Math.round((steps * (i + 1)) / count))))];
}

async function heldOutBits(
  model: Gpt2Model,
  parts: readonly { ids: Int32Array; bytes: number }[],
  signal: AbortSignal | undefined,
): Promise<number> {
  let bits = 0;
  let bytes = 0;
  for (const part of parts) {
    const r = await bitsPerByte(model, part.ids, part.bytes, signal === undefined ? {} : { signal });
    bits += r.bits;
    bytes += part.bytes;
  }
  return bits / bytes;
}

/**
 * Essay 10.1: trains a tiny GPT-2 (byte tokens, `layers` blocks of width `embedDim`) from scratch on
 * the first `trainCharsPerBook` characters of each book's training part (every book split as the
 * shipped model's: its last `heldOutFraction` held out), by next-token cross-entropy with AdamW
 * (`trainGpt2`). Measures held-out bits per byte (each book's held-out slice after `<|endoftext|>`,
 * every byte predicted) at evenly spread steps, samples text at some of them, and fits a
 * Kneser–Ney character n-gram on the same training text for comparison. Throws `EssayError`
 * `INVALID_ARGUMENT` for bad options or an empty corpus; rejects with the signal's reason on abort.
 * Disposes every tensor it makes.
 */
export async function gptTrainingExperiment(
  compute: ComputeContext,
  corpus: readonly CorpusText[],
  options: GptTrainingOptions = {},
): Promise<GptTrainingResult> {
  const op = 'gptTrainingExperiment';
  const settings = {
    heldOutFraction: fraction(op, 'heldOutFraction', options.heldOutFraction ?? 0.05),
    trainCharsPerBook: integerIn(op, 'trainCharsPerBook', options.trainCharsPerBook ?? 40_000, 100, 10_000_000),
    heldOutCharsPerBook: integerIn(op, 'heldOutCharsPerBook', options.heldOutCharsPerBook ?? 3_000, 10, 10_000_000),
    layers: integerIn(op, 'layers', options.layers ?? 2, 1, 12),
    embedDim: integerIn(op, 'embedDim', options.embedDim ?? 64, 4, 1024),
    heads: integerIn(op, 'heads', options.heads ?? 4, 1, 64),
    contextLength: integerIn(op, 'contextLength', options.contextLength ?? 64, 2, 1024),
    steps: integerIn(op, 'steps', options.steps ?? 300, 1, 1_000_000),
    batchSize: integerIn(op, 'batchSize', options.batchSize ?? 16, 1, 1024),
    learningRate: positiveNumber(op, 'learningRate', options.learningRate ?? 3e-3),
    seed: seedIn(op, 'seed', options.seed ?? 1),
    evaluations: integerIn(op, 'evaluations', options.evaluations ?? 6, 1, 100),
    samples: integerIn(op, 'samples', options.samples ?? 3, 0, 100),
    sampleBytes: integerIn(op, 'sampleBytes', options.sampleBytes ?? 160, 1, 100_000),
    temperature: positiveNumber(op, 'temperature', options.temperature ?? 0.8),
    ngramOrder: integerIn(op, 'ngramOrder', options.ngramOrder ?? 3, 1, 10),
  };
  if (settings.embedDim % settings.heads !== 0) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: heads (${settings.heads}) must divide embedDim (${settings.embedDim})`,
      {
        argument: 'heads',
        value: settings.heads,
        expected: `a divisor of ${settings.embedDim}`,
      },
    );
  }
  if (!Array.isArray(corpus) || corpus.length === 0) {
    throw new EssayError('INVALID_ARGUMENT', `${op}: corpus must hold at least one book`, {
      argument: 'corpus',
      value: corpus,
      expected: 'a non-empty array of { name, text }',
    });
  }
  const { signal, onProgress } = options;
  signal?.throwIfAborted();

  const books = corpus.map((book) => {
    const split = holdOutTail(book.text, { fraction: settings.heldOutFraction });
    return {
      train: slice(split.train, settings.trainCharsPerBook),
      heldOut: slice(split.heldOut, settings.heldOutCharsPerBook),
    };
  });
  const encoding: Encoding = byteLevelEncoding();
  const eot = encoding.eotToken;
  const trainIds = joinDocuments(
    books.map((b) => encoding.encode(b.train)),
    eot,
  );
  const heldOut = books
    .filter((b) => b.heldOut.length > 0)
    .map((b) => ({ ids: joinDocuments([encoding.encode(b.heldOut)], eot), bytes: utf8Bytes(b.heldOut) }));
  const heldOutBytes = heldOut.reduce((n, h) => n + h.bytes, 0);
  if (heldOutBytes === 0 || trainIds.length <= settings.contextLength + 1) {
    throw new EssayError(
      'INVALID_ARGUMENT',
      `${op}: the corpus is too short for a context of ${settings.contextLength}`,
      {
        argument: 'corpus',
        value: trainIds.length,
        expected: `more than ${settings.contextLength + 1} training bytes and some held-out text`,
      },
    );
  }

  // The n-gram on the same training text (books joined by a line end, as the shipped baseline).
  const ngram = new KneserNeyModel(countCharacterNgrams(books.map((b) => b.train).join('\n'), settings.ngramOrder));
  let ngramBits = 0;
  for (const b of books) if (b.heldOut.length > 0) ngramBits += perplexity(ngram, b.heldOut).bits;

  const config = gpt2Config({
    contextLength: settings.contextLength,
    embedDim: settings.embedDim,
    layers: settings.layers,
    heads: settings.heads,
    vocabSize: BYTE_VOCAB_SIZE,
    eosTokenId: eot,
    bosTokenId: eot,
  });
  const model = createGpt2Model(config);
  const gpt = gpt2FromModel(model, encoding);
  const store = memoryCheckpointStore();
  const stops = spread(settings.steps, settings.evaluations);
  const sampleAt = new Set(
    settings.samples === 0 ? [] : spread(stops.length, settings.samples).map((i) => stops[i - 1]!),
  );
  const losses: number[] = [];
  const validation: { step: number; tokensSeen: number; bitsPerByte: number }[] = [];
  const samples: { step: number; text: string }[] = [];
  const training = {
    steps: settings.steps,
    batchSize: settings.batchSize,
    contextLength: settings.contextLength,
    learningRate: settings.learningRate,
    warmupSteps: Math.floor(settings.steps / 10),
    minLearningRate: settings.learningRate / 10,
    seed: settings.seed,
  };
  let trainingMs = 0;
  let step = 0;
  try {
    for (const until of stops) {
      const started = performance.now();
      await trainGpt2(model, trainIds, {
        ...training,
        untilStep: until,
        checkpoint: { store, every: settings.steps },
        resume: step > 0,
        signal,
        onProgress: (e) => {
          losses.push(e.loss);
          onProgress?.({ step: e.step, totalSteps: settings.steps, loss: e.loss });
        },
      });
      trainingMs += performance.now() - started;
      step = until;
      validation.push({
        step,
        tokensSeen: step * settings.batchSize * settings.contextLength,
        bitsPerByte: await heldOutBits(model, heldOut, signal),
      });
      if (sampleAt.has(step)) {
        const { text } = await generateText(gpt, {
          prompt: '',
          maxTokens: settings.sampleBytes,
          temperature: settings.temperature,
          seed: settings.seed,
          stopAtEndOfText: false,
          ...(signal === undefined ? {} : { signal }),
        });
        samples.push({ step, text });
      }
    }
  } finally {
    model.dispose();
  }

  const result = {
    backend: compute.backend,
    settings,
    parameters: gpt2ParameterCount(config),
    trainBytes: books.reduce((n, b) => n + utf8Bytes(b.train), 0),
    heldOutBytes,
    losses,
    validation,
    samples,
    trainingSeconds: trainingMs / 1000,
    tokensPerSecond: (settings.steps * settings.batchSize * settings.contextLength) / (trainingMs / 1000),
    heldOutBitsPerByte: validation.at(-1)!.bitsPerByte,
    ngram: { order: settings.ngramOrder, bitsPerByte: ngramBits / heldOutBytes },
    uniformBitsPerByte: Math.log2(BYTE_VOCAB_SIZE),
  };
  return { ...result, figures: [lossCurveFigure(result)] };
}

/** The loss curve: training loss (10-step mean) and held-out bits per byte by step, the n-gram as a flat line. */
function lossCurveFigure(r: Omit<GptTrainingResult, 'figures'>): Figure {
  const mean = r.losses.map((_, i) => {
    const w = r.losses.slice(Math.max(0, i - 9), i + 1);
    // One token per byte: nats per token ÷ ln 2 is bits per byte.
    return natsToBitsPerByte(
      w.reduce((a, b) => a + b, 0),
      w.length,
    );
  });
  const steps = r.losses.map((_, i) => i + 1);
  return {
    name: '10.1-loss-curve',
    spec: {
      kind: 'line',
      title: 'A tiny GPT learning English byte by byte',
      subtitle: `${r.parameters.toLocaleString('en')} parameters, ${r.settings.batchSize}×${r.settings.contextLength} bytes per step, ${Math.round(r.tokensPerSecond).toLocaleString('en')} bytes/s on ${r.backend}`,
      xLabel: 'training step',
      yLabel: 'bits per byte',
      legendTitle: 'curve',
      series: [
        { name: 'training (10-step mean)', x: steps, y: mean },
        {
          name: 'held-out text',
          x: r.validation.map((v) => v.step),
          y: r.validation.map((v) => v.bitsPerByte),
          style: 'line+points',
        },
        {
          name: `char ${r.ngram.order}-gram (KN)`,
          x: [1, r.settings.steps],
          y: [r.ngram.bitsPerByte, r.ngram.bitsPerByte],
        },
      ],
    },
  };
}
