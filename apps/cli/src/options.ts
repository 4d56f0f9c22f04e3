import { BACKEND_NAMES } from '@chatgpt-explained/nn-core';
import { Option } from 'commander';

/** `--backend <name>`: which compute backend to start; `auto` picks the fastest that works here. */
export function backendOption(): Option {
  return new Option('--backend <name>', 'compute backend (auto picks a hardware GPU, then wasm, then cpu)')
    .choices(['auto', ...BACKEND_NAMES])
    .default('auto')
    .env('CHATGPT_EXPLAINED_BACKEND');
}

/** `--json`: print one JSON document on stdout instead of text. */
export function jsonOption(): Option {
  return new Option('--json', 'print the result as JSON on stdout');
}
