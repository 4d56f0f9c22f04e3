import type { CorpusText } from '../data';

/** The few Node fs functions the tests use, typed here: the package has no Node types. */
interface NodeFs {
  readFileSync(path: string, encoding: 'utf8'): string;
  readFileSync(path: string): Uint8Array;
  readdirSync(path: string): string[];
  existsSync(path: string): boolean;
}

/**
 * For tests only (not exported by the package): the repository's `data/` folder. Tests run inside
 * the repository; the package may not reach outside itself by a relative path, so Node's fs comes
 * from `process.getBuiltinModule` and the root is found from the working directory.
 */
export function repoDataDir(): { fs: NodeFs; dir: string } {
  const { process } = globalThis as unknown as {
    process: { cwd(): string; getBuiltinModule(id: 'node:fs'): NodeFs };
  };
  const fs = process.getBuiltinModule('node:fs');
  let dir = process.cwd();
  while (!fs.existsSync(`${dir}/pnpm-workspace.yaml`)) {
    const up = dir.replace(/\/[^/]*$/, '');
    if (up === dir || up === '') throw new Error('repoDataDir: run the tests inside the repository');
    dir = up;
  }
  return { fs, dir: `${dir}/data` };
}

/** For tests only: the bundled corpus, `data/corpus/*.txt`, in file-name order. */
export function repoCorpus(): CorpusText[] {
  const { fs, dir } = repoDataDir();
  return fs
    .readdirSync(`${dir}/corpus`)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => ({ name: f.slice(0, -4), text: fs.readFileSync(`${dir}/corpus/${f}`, 'utf8') }));
}

/** For tests only: every file of a folder under `data/` (e.g. `models/corpus-gpt2`), by name, as bytes. */
export function repoFiles(folder: string): Record<string, Uint8Array> {
  const { fs, dir } = repoDataDir();
  return Object.fromEntries(
    fs
      .readdirSync(`${dir}/${folder}`)
      .map((name) => [name, new Uint8Array(fs.readFileSync(`${dir}/${folder}/${name}`))]),
  );
}

/** For tests only: one file under `data/` as bytes, or undefined when the repository lacks it. */
export function repoFile(path: string): Uint8Array | undefined {
  const { fs, dir } = repoDataDir();
  return fs.existsSync(`${dir}/${path}`) ? new Uint8Array(fs.readFileSync(`${dir}/${path}`)) : undefined;
}

/** For tests only: one file under `data/` as bytes; throws, failing the test, when it is missing. */
export function repoData(path: string): Uint8Array {
  const bytes = repoFile(path);
  if (bytes === undefined) throw new Error(`repoData: data/${path} is missing`);
  return bytes;
}
