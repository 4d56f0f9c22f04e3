import type { AppFiles } from './task';

/**
 * The app's own files over `fetch`, relative to the site root (the worker's bundle sits in
 * `assets/`, so `../` is the root whatever folder the site is served from).
 */
export function appFiles(root: URL): AppFiles {
  const cache = new Map<string, Promise<Uint8Array>>();
  const bytes = (path: string): Promise<Uint8Array> => {
    let found = cache.get(path);
    if (!found) {
      found = fetch(new URL(path, root)).then(async (response) => {
        if (!response.ok) throw new Error(`app file ${path}: HTTP ${response.status}`);
        return new Uint8Array(await response.arrayBuffer());
      });
      found.catch(() => cache.delete(path));
      cache.set(path, found);
    }
    return found;
  };
  return { bytes, text: async (path) => new TextDecoder().decode(await bytes(path)) };
}
