/**
 * Helpers of the GPT tasks (tasks/gpt.ts): the model's shape as plain data, the limit on inspected
 * texts, and the hidden-state heatmaps of essay 9.5.
 */
import type { Gpt2, HiddenState } from '@chatgpt-explained/gpt2';
import type { HeatmapSpec } from '@chatgpt-explained/viz';

/** The shape of a GPT as the widgets show it. */
export interface GptShape {
  /** Where the model came from (`corpus-gpt2 (bundled: …)`, or the Hub model). */
  readonly label: string;
  readonly layers: number;
  readonly heads: number;
  readonly embedDim: number;
  readonly vocabSize: number;
  readonly contextLength: number;
}

/** The plain-data shape of `gpt`, labelled. */
export function gptShape(gpt: Gpt2, label: string): GptShape {
  const { layers, heads, embedDim, vocabSize, contextLength } = gpt.config;
  return { label, layers, heads, embedDim, vocabSize, contextLength };
}

/** Most tokens the attention and hidden-state views read (their heatmaps stay legible). */
export const MAX_INSPECTED_TOKENS = 32;

/**
 * Token ids of a text the reader wants inspected; throws an Error the widget shows when it is empty
 * or longer than {@link MAX_INSPECTED_TOKENS} tokens.
 */
export function inspectedIds(gpt: Gpt2, text: string): number[] {
  if (typeof text !== 'string' || text.trim().length === 0) throw new Error('Type some text to look inside the model.');
  const ids = gpt.encoding.encode(text);
  if (ids.length > MAX_INSPECTED_TOKENS) {
    throw new Error(
      `The text is ${ids.length} tokens; this view reads at most ${MAX_INSPECTED_TOKENS}. Shorten it a little.`,
    );
  }
  return ids;
}

/** Labels for token axes: each token in quotes, made unique by position where two read the same. */
export function tokenAxisLabels(texts: readonly string[]): string[] {
  const quoted = texts.map((t) => JSON.stringify(t));
  const count = new Map<string, number>();
  for (const q of quoted) count.set(q, (count.get(q) ?? 0) + 1);
  return quoted.map((q, i) => (count.get(q)! > 1 ? `${q} #${i + 1}` : q));
}

/** The Euclidean length of each token's vector in one layer (`[T, C]` row-major). */
export function rowNorms(layer: HiddenState): number[] {
  const [t, c] = layer.shape;
  return Array.from({ length: t }, (_, i) => {
    let sum = 0;
    for (let j = 0; j < c; j++) sum += layer.data[i * c + j]! ** 2;
    return Math.sqrt(sum);
  });
}

/**
 * A heatmap of one layer's hidden state: a row per token, a column per dimension, red above 0 and
 * blue below, on a colour scale symmetric around 0 that reaches the layer's 99th percentile of
 * |value| (a few huge dimensions would otherwise wash out the rest).
 */
export function hiddenStateSpec(layer: HiddenState, tokenLabels: readonly string[]): HeatmapSpec {
  const [t, c] = layer.shape;
  const sorted = Array.from(layer.data, Math.abs).sort((a, b) => a - b);
  const clip = Math.max(1e-6, sorted[Math.min(sorted.length - 1, Math.floor(0.99 * sorted.length))]!);
  return {
    kind: 'heatmap',
    title: `Layer ${layer.layer}: ${layer.label}`,
    subtitle: `${t} tokens × ${c} dimensions; colours clipped at ±${clip.toPrecision(3)}`,
    values: Array.from({ length: t }, (_, i) => Array.from(layer.data.subarray(i * c, (i + 1) * c))),
    rowLabels: tokenLabels,
    xLabel: 'dimension',
    yLabel: 'token',
    color: { scheme: 'redblue', domain: [-clip, clip], reverse: true, label: 'value' },
    width: 480,
    height: Math.min(320, Math.max(60, 16 * t)),
  };
}
