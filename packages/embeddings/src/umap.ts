import { UMAP } from 'umap-js';
import { checkInteger, checkNumber, throwIfAborted } from './check-options';
import { EmbeddingsError } from './errors';
import { seededRandom } from './random';
import { checkVectorSet, type VectorSet } from './vector-set';

/** Options of {@link umap}. */
export interface UmapOptions {
  /** Output dimensions. Default 2. */
  readonly components?: number;
  /** Size of the local neighbourhood (UMAP's `n_neighbors`); clamped to rows − 1. Default 15. */
  readonly neighbors?: number;
  /** How tightly points may pack in the layout (UMAP's `min_dist`), in [0, 1]. Default 0.1. */
  readonly minDist?: number;
  /** Seed of the generator that drives every random choice: same seed, same layout. Default 1. */
  readonly seed?: number;
  /** Optimisation epochs; default chosen by umap-js from the data size (500 up to 2,500 rows, fewer above). */
  readonly epochs?: number;
  /** Stops the layout between epochs; the promise rejects with the signal's reason. */
  readonly signal?: AbortSignal;
  /** Called after each epoch with the fraction done, 0 … 1. */
  readonly onProgress?: (fraction: number) => void;
}

/** How many epochs run between yields to the event loop (keeps pages responsive). */
const EPOCHS_PER_YIELD = 10;

/**
 * UMAP (McInnes, Healy & Melville 2018) through PAIR-code's umap-js, seeded with our own generator so
 * that the same input and seed give the same layout. Rows are the points; Euclidean distance.
 *
 * @throws {EmbeddingsError} `INVALID_ARGUMENT` for a malformed `vectors`, fewer than 3 rows, or a bad option.
 */
export async function umap(vectors: VectorSet, options: UmapOptions = {}): Promise<{ points: VectorSet }> {
  checkVectorSet('umap', 'vectors', vectors);
  const { data, rows, cols } = vectors;
  if (rows < 3) {
    throw new EmbeddingsError('INVALID_ARGUMENT', `umap: vectors.rows must be at least 3; got ${rows}`, {
      argument: 'vectors.rows',
      value: rows,
      expected: 'at least 3 rows',
    });
  }
  const components = checkInteger('umap', 'components', options.components ?? 2, 1);
  const neighbors = Math.min(checkInteger('umap', 'neighbors', options.neighbors ?? 15, 2), rows - 1);
  const minDist = checkNumber('umap', 'minDist', options.minDist ?? 0.1, 0, 1);
  const seed = checkInteger('umap', 'seed', options.seed ?? 1, 0, 2 ** 32 - 1);
  const epochs = options.epochs === undefined ? undefined : checkInteger('umap', 'epochs', options.epochs, 1);
  const { signal, onProgress } = options;
  throwIfAborted(signal);

  const rowsArray: number[][] = [];
  for (let r = 0; r < rows; r++) rowsArray.push(Array.from(data.subarray(r * cols, (r + 1) * cols)));
  const model = new UMAP({
    nComponents: components,
    nNeighbors: neighbors,
    minDist,
    random: seededRandom(seed),
    ...(epochs === undefined ? {} : { nEpochs: epochs }),
  });
  const total = model.initializeFit(rowsArray);
  for (let epoch = 0; epoch < total; epoch++) {
    throwIfAborted(signal);
    model.step();
    onProgress?.((epoch + 1) / total);
    if ((epoch + 1) % EPOCHS_PER_YIELD === 0) await new Promise<void>((resolve) => setTimeout(resolve, 0));
  }
  throwIfAborted(signal);
  const embedding = model.getEmbedding(); // [rows, components]
  const points = new Float32Array(rows * components);
  embedding.forEach((row, r) => row.forEach((x, c) => (points[r * components + c] = x)));
  return { points: { data: points, rows, cols: components } };
}
