/**
 * @chatgpt-explained/trainer/node: what only works in Node, kept out of the root entry so browsers
 * never load `node:fs`.
 */
export {
  fileCheckpointStore,
  type CheckpointFileSystem,
  type FileCheckpointStore,
  type FileCheckpointStoreOptions,
} from './file-store';
