/**
 * The one Spearman every implementation is scored with: ours (@chatgpt-explained/embeddings, average
 * ranks for ties, as scipy.stats.spearmanr; spearman.test.ts checks it against scipy).
 */
export { spearman } from '@chatgpt-explained/embeddings';
