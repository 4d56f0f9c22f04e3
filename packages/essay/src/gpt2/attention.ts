import { attentionPatterns, type Gpt2 } from '@chatgpt-explained/gpt2';
import type { Figure } from '../figure';
import { integerIn } from '../models/checks';
import { describeModel, nonEmptyText, tokenLabels, type Gpt2SectionContext } from './context';

/** Options of {@link gpt2AttentionExperiment}, with their defaults. */
export interface Gpt2AttentionOptions {
  /** The text. Default `"hello, bye"` (the essay's). */
  readonly text?: string;
  /** The block, 0-based. Default 0 (the first). */
  readonly block?: number;
  /** Read special tokens written in the text (`<|endoftext|>`) as themselves. Default false: refused. */
  readonly allowSpecial?: boolean;
}

/** Result of {@link gpt2AttentionExperiment}. */
export interface Gpt2AttentionResult {
  readonly text: string;
  readonly block: number;
  /** The text's tokens: rows (attending) and columns (attended to) of each pattern. */
  readonly tokens: readonly { readonly id: number; readonly text: string }[];
  /** `heads[h][i][j]`: the weight token i gives token j in head h (rows sum to 1; 0 for j > i). */
  readonly heads: readonly (readonly (readonly number[])[])[];
  /** For each head, the token it attends to most from the last position. */
  readonly lastFocus: readonly string[];
  /** `9.3-attention-block<b>-head<h>`, one heatmap per head. */
  readonly figures: readonly Figure[];
}

/**
 * Essay 9.3: the attention patterns of every head in one block (the first by default) for
 * "hello, bye": how much each token "looks back" at each earlier token, one heatmap per head. Async
 * because `attentionPatterns` reads the weights back with `await tensor.data()`, never synchronously
 * (a synchronous GPU read breaks browsers' WebGPU).
 */
export async function gpt2AttentionExperiment(
  gpt: Gpt2,
  options: Gpt2AttentionOptions = {},
  _context: Gpt2SectionContext = {},
): Promise<Gpt2AttentionResult> {
  const op = 'gpt2AttentionExperiment';
  const text = nonEmptyText(op, 'text', options.text ?? 'hello, bye');
  const block = integerIn(op, 'block', options.block ?? 0, 0, gpt.config.layers - 1);
  const r = await attentionPatterns(gpt, text, { block, allowSpecial: options.allowSpecial ?? false });
  const labels = tokenLabels(r.tokens.map((t) => t.text));
  const t = r.tokens.length;
  const side = Math.min(360, Math.max(120, 40 * t));
  const figures: Figure[] = r.heads.map((head, h) => ({
    name: `9.3-attention-block${block}-head${h}`,
    spec: {
      kind: 'heatmap',
      title: `Attention in block ${block}, head ${h}`,
      subtitle: `"${text}"; blocks and heads count from 0 (GPT-2: ${describeModel(gpt)})`,
      values: head,
      rowLabels: labels,
      columnLabels: labels,
      yLabel: 'token attending',
      xLabel: 'token attended to',
      color: { scheme: 'blues', domain: [0, 1], label: 'weight' },
      width: side,
      height: side,
    },
  }));
  const lastFocus = r.heads.map((head) => {
    const last = head[t - 1]!;
    return r.tokens[last.indexOf(Math.max(...last))]!.text;
  });
  return { text, block, tokens: r.tokens, heads: r.heads, lastFocus, figures };
}
