import type { ImplementationName } from '../tokenizer-types';
import { loadGptTokenizer } from './impl-gpt-tokenizer';
import { loadJsTiktoken } from './impl-js-tiktoken';
import { loadOurs } from './impl-ours';
import type { Tokenizer, TokenizerLoader } from './implementation';

/** Every implementation the benchmark knows, by name. */
export const LOADERS: Readonly<Record<ImplementationName, TokenizerLoader>> = {
  ours: loadOurs,
  'js-tiktoken': loadJsTiktoken,
  'gpt-tokenizer': loadGptTokenizer,
};

/** Loads one implementation, or returns why it could not be loaded. */
export async function loadTokenizer(
  name: ImplementationName,
): Promise<{ ok: true; tokenizer: Tokenizer } | { ok: false; error: string }> {
  try {
    return { ok: true, tokenizer: await LOADERS[name]() };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** The entry point of an implementation's memory worker (one bundle per implementation). */
export function memoryWorkerEntry(name: ImplementationName): string {
  return `bench/src/tokenizer/workers/${name}.ts`;
}
