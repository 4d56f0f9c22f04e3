/**
 * @chatgpt-explained/gpt2/node: the parts that need Node's file system (checkpoint directories, the
 * Hugging Face Hub download cache). Everything else is in the main entry and runs in browsers too.
 */
export {};
export { directorySource } from './directory-source';
export { saveCheckpoint } from './save-checkpoint';
export {
  DEFAULT_HUB_ENDPOINT,
  DEFAULT_MODEL_FILES,
  downloadModel,
  repoFolderName,
  type DownloadModelOptions,
  type DownloadProgressEvent,
  type DownloadedModel,
} from './hub';
