import { utf8Bytes, type BlockSource } from './block-source';
import type { Rng } from './rng';

/** Parts that identifiers, strings and comments are built from. */
const WORDS = [
  'get',
  'set',
  'user',
  'count',
  'buffer',
  'token',
  'index',
  'value',
  'name',
  'list',
  'map',
  'item',
  'node',
  'tree',
  'cache',
  'size',
  'length',
  'offset',
  'start',
  'end',
  'parse',
  'load',
  'save',
  'read',
  'write',
  'result',
  'error',
  'config',
  'options',
  'request',
  'response',
  'data',
  'text',
  'line',
  'file',
  'path',
  'state',
  'event',
  'handler',
  'queue',
  'stack',
  'entry',
  'key',
  'id',
  'total',
  'max',
  'min',
  'sum',
  'score',
  'model',
  'layer',
  'weight',
  'batch',
  'step',
  'rate',
  'loss',
  'grad',
  'input',
  'output',
  'vocab',
  'merge',
  'rank',
  'byte',
  'chunk',
  'stream',
  'reader',
  'writer',
  'client',
  'server',
  'session',
  'format',
  'render',
  'update',
  'create',
  'delete',
  'find',
  'filter',
  'sort',
  'apply',
  'build',
  'check',
  'valid',
  'ready',
  'pending',
  'active',
  'hidden',
  'next',
  'prev',
  'first',
  'last',
  'temp',
  'local',
] as const;
const TS_TYPES = ['number', 'string', 'boolean', 'Uint8Array', 'number[]', 'string[]', 'Map<string, number>'];
const TS_OPS = ['+', '-', '*', '/', '%', '===', '!==', '<', '>', '<=', '>=', '&&', '||', '??', '&', '|', '>>>'];
const PY_OPS = ['+', '-', '*', '/', '//', '%', '==', '!=', '<', '>', '<=', '>=', 'and', 'or', '**'];

/** One of the two languages the generator writes. */
type Lang = 'ts' | 'py';

function word(rng: Rng): string {
  return rng.pick(WORDS);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A random identifier: 1–3 words in the language's case, sometimes with a number. */
function identifier(rng: Rng, lang: Lang, pascal = false): string {
  const parts = Array.from({ length: rng.int(1, 3) }, () => word(rng));
  const joined =
    lang === 'py' && !pascal ? parts.join('_') : parts.map((p, i) => (i === 0 && !pascal ? p : capitalize(p))).join('');
  return rng.chance(0.1) ? `${joined}${rng.int(0, 99)}` : joined;
}

function numberLiteral(rng: Rng): string {
  const r = rng.next();
  if (r < 0.5) return String(rng.int(0, 1000));
  if (r < 0.8) return (rng.next() * 100).toFixed(rng.int(1, 4));
  return `0x${rng.int(0, 0xffffff).toString(16)}`;
}

function stringLiteral(rng: Rng, lang: Lang): string {
  const words = Array.from({ length: rng.int(1, 6) }, () => word(rng)).join(rng.pick([' ', '-', '_', '/', ': ']));
  if (lang === 'ts' && rng.chance(0.2)) return `\`${words} \${${identifier(rng, lang)}}\``;
  if (lang === 'py' && rng.chance(0.2)) return `f"${words} {${identifier(rng, lang)}}"`;
  return lang === 'ts' ? `'${words}'` : `"${words}"`;
}

function expression(rng: Rng, lang: Lang, depth = 0): string {
  const r = rng.next();
  if (depth > 2 || r < 0.3) return rng.chance(0.6) ? identifier(rng, lang) : numberLiteral(rng);
  if (r < 0.45) return stringLiteral(rng, lang);
  if (r < 0.7) {
    const op = rng.pick(lang === 'ts' ? TS_OPS : PY_OPS);
    return `${expression(rng, lang, depth + 1)} ${op} ${expression(rng, lang, depth + 1)}`;
  }
  if (r < 0.85) {
    const args = Array.from({ length: rng.int(0, 3) }, () => expression(rng, lang, depth + 1));
    const callee = rng.chance(0.4) ? `${identifier(rng, lang)}.${identifier(rng, lang)}` : identifier(rng, lang);
    return `${callee}(${args.join(', ')})`;
  }
  if (r < 0.93) return `${identifier(rng, lang)}[${expression(rng, lang, depth + 1)}]`;
  const items = Array.from({ length: rng.int(1, 4) }, () => expression(rng, lang, depth + 1));
  return `[${items.join(', ')}]`;
}

function comment(rng: Rng, lang: Lang): string {
  const words = Array.from({ length: rng.int(3, 12) }, () => word(rng)).join(' ');
  return `${lang === 'ts' ? '//' : '#'} ${capitalize(words)}.`;
}

/** Statements of a function body, nested blocks included, at `indent` levels. */
function statements(rng: Rng, lang: Lang, indent: number, out: string[]): void {
  const pad = (lang === 'ts' ? '  ' : '    ').repeat(indent);
  const count = rng.int(1, indent > 2 ? 3 : 6);
  for (let i = 0; i < count; i++) {
    const r = rng.next();
    const name = identifier(rng, lang);
    if (r < 0.1) out.push(`${pad}${comment(rng, lang)}`);
    else if (r < 0.4)
      out.push(
        lang === 'ts' ? `${pad}const ${name} = ${expression(rng, lang)};` : `${pad}${name} = ${expression(rng, lang)}`,
      );
    else if (r < 0.55 && indent < 4) {
      out.push(lang === 'ts' ? `${pad}if (${expression(rng, lang)}) {` : `${pad}if ${expression(rng, lang)}:`);
      statements(rng, lang, indent + 1, out);
      if (lang === 'ts') out.push(`${pad}}`);
    } else if (r < 0.7 && indent < 4) {
      const list = identifier(rng, lang);
      out.push(
        lang === 'ts'
          ? `${pad}for (let ${name} = 0; ${name} < ${list}.length; ${name}++) {`
          : `${pad}for ${name} in range(len(${list})):`,
      );
      statements(rng, lang, indent + 1, out);
      if (lang === 'ts') out.push(`${pad}}`);
    } else if (r < 0.9) out.push(`${pad}${expression(rng, lang)}${lang === 'ts' ? ';' : ''}`);
    else out.push(`${pad}return ${expression(rng, lang)}${lang === 'ts' ? ';' : ''}`);
  }
}

/** One top-level unit: an import, a constant, a function or a class, as lines. */
function unit(rng: Rng, lang: Lang): string[] {
  const out: string[] = [];
  const r = rng.next();
  const params = Array.from({ length: rng.int(0, 4) }, () =>
    lang === 'ts' ? `${identifier(rng, lang)}: ${rng.pick(TS_TYPES)}` : identifier(rng, lang),
  );
  if (r < 0.15) {
    const names = Array.from({ length: rng.int(1, 4) }, () => identifier(rng, lang)).join(', ');
    const from = Array.from({ length: rng.int(1, 3) }, () => word(rng));
    out.push(
      lang === 'ts' ? `import { ${names} } from './${from.join('-')}';` : `from ${from.join('.')} import ${names}`,
    );
  } else if (r < 0.3) {
    out.push(comment(rng, lang));
    const name = identifier(rng, lang).toUpperCase();
    out.push(lang === 'ts' ? `export const ${name} = ${expression(rng, lang)};` : `${name} = ${expression(rng, lang)}`);
  } else if (r < 0.8) {
    const name = identifier(rng, lang);
    const doc = Array.from({ length: rng.int(4, 14) }, () => word(rng)).join(' ');
    if (lang === 'ts') {
      out.push(`/** ${capitalize(doc)}. */`, `export function ${name}(${params.join(', ')}): ${rng.pick(TS_TYPES)} {`);
      statements(rng, lang, 1, out);
      out.push('}');
    } else {
      out.push(`def ${name}(${params.join(', ')}):`, `    """${capitalize(doc)}."""`);
      statements(rng, lang, 1, out);
    }
  } else {
    const name = identifier(rng, lang, true);
    out.push(lang === 'ts' ? `export class ${name} {` : `class ${name}:`);
    for (let m = rng.int(1, 3); m > 0; m--) {
      const method = identifier(rng, lang);
      out.push(
        lang === 'ts' ? `  ${method}(${params.join(', ')}) {` : `    def ${method}(${['self', ...params].join(', ')}):`,
      );
      statements(rng, lang, 2, out);
      if (lang === 'ts') out.push('  }');
    }
    if (lang === 'ts') out.push('}');
  }
  out.push('');
  return out;
}

/**
 * Synthetic TypeScript- and Python-like source from a seeded RNG: imports, constants, functions and
 * classes with random identifiers, nested indentation, operators, strings, numbers and comments.
 * Every block is freshly generated, so none repeats another.
 */
export function createCodeSource(rng: Rng): BlockSource {
  return {
    next(targetBytes) {
      const lang: Lang = rng.chance(0.6) ? 'ts' : 'py';
      const lines: string[] = [];
      let bytes = 0;
      while (bytes < targetBytes) {
        for (const line of unit(rng, lang)) {
          lines.push(line);
          bytes += utf8Bytes(line) + 1;
        }
      }
      return `${lines.join('\n')}\n`;
    },
  };
}
