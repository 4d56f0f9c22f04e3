import { embeddingMatrix, type Gpt2 } from '@chatgpt-explained/gpt2';
import type { Figure } from '../figure';
import { integerIn } from '../models/checks';
import { describeModel, stats, toRows, type Gpt2SectionContext } from './context';

/** Options of {@link gpt2EmbeddingMatricesExperiment}, with their defaults. */
export interface Gpt2EmbeddingMatricesOptions {
  /** Rows of the token embedding matrix drawn (token ids 0 … tokenRows − 1). Default min(vocabulary, 256). */
  readonly tokenRows?: number;
  /** Rows of the position embedding matrix drawn. Default: all (the context length). */
  readonly positionRows?: number;
}

/** One matrix of {@link Gpt2EmbeddingMatricesResult}. */
export interface EmbeddingMatrixSummary {
  /** `wte.weight` or `wpe.weight`. */
  readonly name: string;
  /** The whole matrix's shape `[rows, C]`. */
  readonly shape: readonly number[];
  /** Rows drawn. */
  readonly rows: number;
  /** Of the rows drawn. */
  readonly mean: number;
  readonly std: number;
  readonly min: number;
  readonly max: number;
}

/** Result of {@link gpt2EmbeddingMatricesExperiment}. */
export interface Gpt2EmbeddingMatricesResult {
  readonly token: EmbeddingMatrixSummary;
  readonly position: EmbeddingMatrixSummary;
  /** `9.2-token-embeddings` and `9.2-position-embeddings`. */
  readonly figures: readonly Figure[];
}

/**
 * Essay 9.2: the embedding stage. GPT-2 turns each token into a vector by a row of the token
 * embedding matrix `wte` (one row per token id) and adds a row of the position embedding matrix
 * `wpe` (one row per position); both are drawn as heatmaps, rows down, embedding dimensions across.
 */
export function gpt2EmbeddingMatricesExperiment(
  gpt: Gpt2,
  options: Gpt2EmbeddingMatricesOptions = {},
  _context: Gpt2SectionContext = {},
): Gpt2EmbeddingMatricesResult {
  const op = 'gpt2EmbeddingMatricesExperiment';
  const { vocabSize, contextLength } = gpt.config;
  const tokenRows = integerIn(op, 'tokenRows', options.tokenRows ?? Math.min(vocabSize, 256), 1, vocabSize);
  const positionRows = integerIn(op, 'positionRows', options.positionRows ?? contextLength, 1, contextLength);
  const model = describeModel(gpt);
  const read = (which: 'token' | 'position', rows: number) => {
    const m = embeddingMatrix(gpt, which, { rows });
    const summary: EmbeddingMatrixSummary = { name: m.name, shape: m.fullShape, rows, ...stats(m.data) };
    return { summary, values: toRows(m.data, rows, m.shape[1]!) };
  };
  const token = read('token', tokenRows);
  const position = read('position', positionRows);
  const c = gpt.config.embedDim;
  const figure = (name: string, title: string, subtitle: string, yLabel: string, values: number[][]): Figure => ({
    name,
    spec: {
      kind: 'heatmap',
      title,
      subtitle,
      values,
      xLabel: `embedding dimension (0 … ${c - 1})`,
      yLabel,
      color: { scheme: 'redblue', label: 'value' },
      width: 560,
      height: Math.min(560, Math.max(160, values.length)),
    },
  });
  return {
    token: token.summary,
    position: position.summary,
    figures: [
      figure(
        '9.2-token-embeddings',
        'Token embedding matrix (wte)',
        `Rows for token ids 0–${tokenRows - 1} of ${vocabSize.toLocaleString('en-US')} (${model})`,
        'token id',
        token.values,
      ),
      figure(
        '9.2-position-embeddings',
        'Position embedding matrix (wpe)',
        `Rows for positions 0–${positionRows - 1} of ${contextLength} (${model})`,
        'position',
        position.values,
      ),
    ],
  };
}
