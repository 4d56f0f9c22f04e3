/**
 * @chatgpt-explained/embeddings/node: Node-only additions (worker threads).
 */
export { trainWord2VecParallel, type ParallelWord2VecOptions } from './train-parallel';
