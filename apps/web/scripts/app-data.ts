/**
 * The repository's data files the web app serves as its own (under `data/` of the site), with their
 * licences and model cards: the build copies them into `dist/data/`, the dev server serves them from
 * the repository. The page never fetches data from another host; only real GPT-2 comes from the
 * Hugging Face Hub, and only when the reader asks.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';
import type { Plugin } from 'vite';

/** The repository's `data/` folder. */
export const REPO_DATA = join(import.meta.dirname, '../../../data');

/** Paths under `data/` that the site ships. */
export const APP_DATA_FILES: readonly string[] = [
  'letter-frequencies/english.json',
  'corpus/README.md',
  'corpus/pg84-frankenstein.txt',
  'wikipedia/ATTRIBUTION.txt',
  'wikipedia/cat.txt',
  'wikipedia/dog.txt',
  'models/README.md',
  ...['config.json', 'model.safetensors', 'vocab.json', 'merges.txt', 'MODEL_CARD.md', 'loss-log.json'].map(
    (f) => `models/corpus-gpt2/${f}`,
  ),
  ...['model.safetensors', 'MODEL_CARD.md'].map((f) => `models/digits-lenet/${f}`),
  ...['vectors.bin', 'MODEL_CARD.md'].map((f) => `models/corpus-word2vec/${f}`),
  ...['parens-1block', 'parens-2block'].flatMap((m) =>
    ['config.json', 'model.safetensors', 'MODEL_CARD.md'].map((f) => `models/${m}/${f}`),
  ),
];

const TYPES: Record<string, string> = {
  json: 'application/json',
  txt: 'text/plain; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
};

/** The Vite plugin: emits the files at build, serves them in dev. */
export function appData(files: readonly string[] = APP_DATA_FILES): Plugin {
  return {
    name: 'chatgpt-explained-app-data',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
        if (!path.startsWith('data/') || !files.includes(path.slice(5))) return next();
        const file = normalize(join(REPO_DATA, path.slice(5)));
        if (!file.startsWith(REPO_DATA + sep) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('content-type', TYPES[file.split('.').pop() ?? ''] ?? 'application/octet-stream');
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const path of files) {
        this.emitFile({ type: 'asset', fileName: `data/${path}`, source: readFileSync(join(REPO_DATA, path)) });
      }
    },
  };
}
