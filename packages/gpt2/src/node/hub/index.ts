/**
 * Downloads from the Hugging Face Hub into a local cache (Node only: it writes files).
 */
export {
  DEFAULT_HUB_ENDPOINT,
  DEFAULT_MODEL_FILES,
  downloadModel,
  type DownloadModelOptions,
  type DownloadProgressEvent,
  type DownloadedModel,
} from './download-model';
export { repoFolderName } from './cache-layout';
