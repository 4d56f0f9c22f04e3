import { checkOptions } from './check-options';
import { BYTE_TO_UNICODE, bytesToVocabString, tryVocabStringToBytes } from './byte-unicode';
import { deriveMerges } from './derive-merges';
import { TokenizerError } from './errors';
import type { BpeDefinition, PatternName } from './types';

/** Options of {@link parseHuggingFaceVocab}. */
export interface ParseHuggingFaceVocabOptions {
  /** Name of the encoding. Default `'bpe'`. */
  readonly name?: string;
  /**
   * How text is split before BPE: a named pattern or a regular expression's source (`u` flag).
   * The files do not say; default `'gpt2'`, the pattern of every GPT-2-style `vocab.json`.
   */
  readonly pattern?: BpeDefinition['pattern'];
}

/** The two Hugging Face files of a byte-level BPE vocabulary, as text. */
export interface HuggingFaceVocabFiles {
  /** `vocab.json`: vocab string → id, in id order. */
  readonly vocabJson: string;
  /** `merges.txt`: `#version: 0.2`, then one `left right` merge per line in priority order. */
  readonly mergesTxt: string;
}

const PATTERN_NAMES: readonly PatternName[] = ['gpt2', 'cl100k', 'o200k'];
const VOCAB = 'vocab.json';
const MERGES = 'merges.txt';

function fileError(file: string, message: string, value: unknown, expected: string, cause?: unknown): TokenizerError {
  return new TokenizerError('INVALID_VOCAB_FILE', `parseHuggingFaceVocab: ${file}: ${message}`, {
    argument: file,
    value,
    expected,
    ...(cause === undefined ? {} : { cause }),
  });
}

function checkPattern(pattern: unknown, fn: string): BpeDefinition['pattern'] {
  if (typeof pattern === 'string' && (PATTERN_NAMES as readonly string[]).includes(pattern)) {
    return pattern as PatternName;
  }
  if (typeof pattern === 'object' && pattern !== null && typeof (pattern as { regex?: unknown }).regex === 'string') {
    const regex = (pattern as { regex: string }).regex;
    try {
      new RegExp(regex, 'u');
    } catch (error) {
      throw new TokenizerError('INVALID_ARGUMENT', `${fn}: options.pattern.regex does not compile with the u flag`, {
        argument: 'options.pattern',
        value: pattern,
        expected: 'a regular expression source valid with the u flag',
        cause: error,
      });
    }
    return { regex };
  }
  throw new TokenizerError('INVALID_ARGUMENT', `${fn}: options.pattern is ${JSON.stringify(pattern)}`, {
    argument: 'options.pattern',
    value: pattern,
    expected: `one of ${PATTERN_NAMES.join(', ')} or { regex: string }`,
  });
}

/** The merges of `merges.txt` as vocab-string pairs, each with its 1-based line number and text. */
function readMergeLines(mergesTxt: string): { left: string; right: string; line: number; text: string }[] {
  const lines = mergesTxt.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const merges: { left: string; right: string; line: number; text: string }[] = [];
  lines.forEach((text, index) => {
    if (index === 0 && text.startsWith('#version')) return;
    const parts = text.split(' ');
    if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
      throw fileError(
        MERGES,
        `line ${index + 1} is ${JSON.stringify(text)}`,
        text,
        "two vocab strings separated by one space, such as 'Ġ t'",
      );
    }
    merges.push({ left: parts[0]!, right: parts[1]!, line: index + 1, text });
  });
  return merges;
}

/**
 * Reads a byte-level BPE vocabulary from Hugging Face's two files (GPT-2's `encoder.json` and
 * `vocab.bpe` are the same files under other names).
 *
 * - `vocab.json` maps vocab strings (bytes written with GPT-2's byte alphabet, see
 *   `bytesToVocabString`) to ids. The ids must be 0…N-1, each once.
 * - An entry is a special token when its string is not written in the byte alphabet, or when it is
 *   longer than one character and no line of `merges.txt` makes it (`<|endoftext|>`: ordinary BPE
 *   can never produce it). Special tokens must have the highest ids, after every ordinary token.
 * - All 256 single bytes must be tokens.
 * - `merges.txt` has an optional `#version` first line, then one `left right` pair per line, highest
 *   priority first; both must be ordinary tokens and so must their concatenation. Lines may end in
 *   `\n` or `\r\n`; a final newline is optional; no other blank line is allowed.
 *
 * Anything else is refused with `INVALID_VOCAB_FILE`: `argument` is the file name, the message names
 * the key or line, `value` is what was found. Bad options throw `INVALID_ARGUMENT`.
 */
export function parseHuggingFaceVocab(
  vocabJson: string,
  mergesTxt: string,
  options?: ParseHuggingFaceVocabOptions,
): BpeDefinition {
  const fn = 'parseHuggingFaceVocab';
  checkOptions(fn, options, ['name', 'pattern']);
  const name = options?.name ?? 'bpe';
  if (typeof name !== 'string' || name === '') {
    throw new TokenizerError('INVALID_ARGUMENT', `${fn}: options.name is ${JSON.stringify(name)}`, {
      argument: 'options.name',
      value: name,
      expected: 'a non-empty string',
    });
  }
  const pattern = checkPattern(options?.pattern ?? 'gpt2', fn);
  if (typeof vocabJson !== 'string') {
    throw new TokenizerError('INVALID_ARGUMENT', `${fn}: vocabJson is not a string`, {
      argument: 'vocabJson',
      value: vocabJson,
      expected: 'the text of vocab.json',
    });
  }
  if (typeof mergesTxt !== 'string') {
    throw new TokenizerError('INVALID_ARGUMENT', `${fn}: mergesTxt is not a string`, {
      argument: 'mergesTxt',
      value: mergesTxt,
      expected: 'the text of merges.txt',
    });
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(vocabJson);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw fileError(VOCAB, `not valid JSON (${detail})`, vocabJson.slice(0, 80), 'a JSON object', error);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw fileError(
      VOCAB,
      `expected a JSON object of vocab string → id, found ${Array.isArray(parsed) ? 'an array' : JSON.stringify(parsed)}`,
      parsed,
      'a JSON object',
    );
  }

  // Ids: non-negative integers, each once, 0…N-1.
  const idOfKey = new Map<string, number>();
  const keyOfId: (string | undefined)[] = [];
  for (const key in parsed) {
    const id = (parsed as Record<string, unknown>)[key];
    if (typeof id !== 'number' || !Number.isSafeInteger(id) || id < 0) {
      throw fileError(
        VOCAB,
        `key ${JSON.stringify(key)} has id ${JSON.stringify(id)}`,
        id,
        'a non-negative integer id',
      );
    }
    const other = id < keyOfId.length ? keyOfId[id] : undefined;
    if (other !== undefined) {
      throw fileError(
        VOCAB,
        `keys ${JSON.stringify(other)} and ${JSON.stringify(key)} both have id ${id}`,
        id,
        'each id used by one key',
      );
    }
    if (id >= idOfKey.size + (1 << 20)) {
      throw fileError(VOCAB, `key ${JSON.stringify(key)} has id ${id}, far beyond the number of keys`, id, 'ids 0…N-1');
    }
    while (keyOfId.length <= id) keyOfId.push(undefined);
    keyOfId[id] = key;
    idOfKey.set(key, id);
  }
  const size = idOfKey.size;
  const gap = keyOfId.findIndex((key) => key === undefined);
  if (gap >= 0) {
    throw fileError(
      VOCAB,
      `no key has id ${gap}, yet the highest id is ${keyOfId.length - 1} (ids must run 0…${size - 1} without gaps)`,
      gap,
      `ids 0…${size - 1}, each once`,
    );
  }

  // The merges as ids; the tokens they make are ordinary.
  const mergeLines = readMergeLines(mergesTxt);
  const made = new Uint8Array(size);
  const mergeIds = mergeLines.map(({ left, right, line, text }) => {
    const ids = [idOfKey.get(left), idOfKey.get(right)] as const;
    [left, right].forEach((part, i) => {
      if (ids[i] === undefined) {
        throw fileError(
          MERGES,
          `line ${line} (${JSON.stringify(text)}): ${JSON.stringify(part)} is not a token of vocab.json`,
          part,
          'merge parts that are ordinary tokens of vocab.json',
        );
      }
    });
    const result = idOfKey.get(left + right);
    if (result === undefined) {
      throw fileError(
        MERGES,
        `line ${line} (${JSON.stringify(text)}): the merged token ${JSON.stringify(left + right)} is not in vocab.json`,
        left + right,
        'merges whose concatenation is a token of vocab.json',
      );
    }
    made[result] = 1;
    return [ids[0]!, ids[1]!, result] as const;
  });

  // Which entries are special: not in the byte alphabet, or longer than one byte and made by no merge.
  const tokens: Uint8Array[] = [];
  const specials: [string, number][] = [];
  for (let id = 0; id < size; id++) {
    const key = keyOfId[id]!;
    const bytes = tryVocabStringToBytes(key);
    if (bytes === undefined || (key.length > 1 && made[id] === 0)) specials.push([key, id]);
    else tokens.push(bytes);
  }
  const firstSpecial = specials[0];
  if (firstSpecial !== undefined && firstSpecial[1] < tokens.length) {
    const [key, id] = firstSpecial;
    const why = tryVocabStringToBytes(key) === undefined ? 'not written in the byte alphabet' : 'no merge makes it';
    throw fileError(
      VOCAB,
      `key ${JSON.stringify(key)} is a special token (${why}) but has id ${id}, among the ordinary tokens ` +
        `(ordinary ids run to ${tokens.length - 1})`,
      key,
      'special tokens after every ordinary token',
    );
  }
  for (let byte = 0; byte < 256; byte++) {
    const char = BYTE_TO_UNICODE[byte]!;
    if (!idOfKey.has(char)) {
      throw fileError(
        VOCAB,
        `no key for byte 0x${byte.toString(16).padStart(2, '0')} (${JSON.stringify(char)})`,
        char,
        'all 256 single-byte tokens',
      );
    }
  }

  // Merge parts are ordinary (the results are, by the rule above); no pair twice.
  const seen = new Map<number, number>();
  const merges = mergeIds.map(([left, right], index) => {
    const { line, text } = mergeLines[index]!;
    for (const part of [left, right]) {
      if (part >= tokens.length) {
        throw fileError(
          MERGES,
          `line ${line} (${JSON.stringify(text)}): ${JSON.stringify(keyOfId[part])} is a special token`,
          keyOfId[part],
          'merge parts that are ordinary tokens of vocab.json',
        );
      }
    }
    const pair = left * size + right;
    const earlier = seen.get(pair);
    if (earlier !== undefined) {
      throw fileError(
        MERGES,
        `line ${line} repeats line ${earlier} (${JSON.stringify(text)})`,
        text,
        'each merge once',
      );
    }
    seen.set(pair, line);
    return [left, right] as const;
  });

  return { name, tokens, merges, pattern, specialTokens: Object.fromEntries(specials) };
}

/** JSON string literal as Python's `json.dumps` writes it by default: everything outside ASCII as `\uXXXX`. */
function pythonJsonString(s: string): string {
  return JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Writes a vocabulary as Hugging Face's `vocab.json` and `merges.txt`, laid out exactly like GPT-2's
 * own files (`encoder.json` / `vocab.bpe`), so formatting the parsed GPT-2 files gives them back byte
 * for byte:
 * - `vocab.json`: one JSON object, every token in id order then the special tokens, separators `, `
 *   and `: `, non-ASCII escaped as `\uXXXX`, no final newline (Python's `json.dumps` defaults).
 * - `merges.txt`: `#version: 0.2`, then one `left right` line per merge, each ending in `\n`.
 *
 * A definition without `merges` (tiktoken style) gets merges from {@link deriveMerges}: for each
 * multi-byte token in id order, the split into two tokens with the lowest higher id.
 *
 * Throws `INVALID_ARGUMENT` when the definition cannot be written so that
 * {@link parseHuggingFaceVocab} reads it back the same: a missing single byte, a merge that does not
 * make a token, special tokens whose ids do not follow the ordinary tokens without gaps, or a special
 * token whose string is also an ordinary token's vocab string.
 */
export function formatHuggingFaceVocab(def: BpeDefinition): HuggingFaceVocabFiles {
  const fn = 'formatHuggingFaceVocab';
  const invalid = (argument: string, message: string, value: unknown, expected: string) =>
    new TokenizerError('INVALID_ARGUMENT', `${fn}: ${message}`, { argument, value, expected });

  const keys = def.tokens.map((bytes, id) => {
    if (!(bytes instanceof Uint8Array)) {
      throw invalid(`def.tokens[${id}]`, `token ${id} is not a Uint8Array`, bytes, "the token's bytes");
    }
    return bytesToVocabString(bytes);
  });
  const idOfKey = new Map<string, number>();
  keys.forEach((key, id) => {
    const other = idOfKey.get(key);
    if (other !== undefined) {
      throw invalid(
        `def.tokens[${id}]`,
        `tokens ${other} and ${id} have the same bytes`,
        def.tokens[id],
        'distinct tokens',
      );
    }
    idOfKey.set(key, id);
  });
  for (let byte = 0; byte < 256; byte++) {
    if (!idOfKey.has(BYTE_TO_UNICODE[byte]!)) {
      throw invalid('def.tokens', `byte ${byte} is not a token`, byte, 'all 256 single bytes as tokens');
    }
  }

  const specials = Object.entries(def.specialTokens).sort((a, b) => a[1] - b[1]);
  specials.forEach(([key, id], index) => {
    if (id !== def.tokens.length + index) {
      throw invalid(
        'def.specialTokens',
        `special token ${JSON.stringify(key)} has id ${id}; vocab.json needs special ids ${def.tokens.length}… right after the ordinary tokens, without gaps`,
        id,
        `id ${def.tokens.length + index}`,
      );
    }
    if (idOfKey.has(key)) {
      throw invalid(
        'def.specialTokens',
        `special token ${JSON.stringify(key)} is also the vocab string of ordinary token ${idOfKey.get(key)}`,
        key,
        'special tokens distinct from every ordinary token',
      );
    }
  });

  const merges = def.merges ?? deriveMerges(def.tokens);
  const lines = merges.map(([left, right], index) => {
    const l = keys[left];
    const r = keys[right];
    if (l === undefined || r === undefined || !idOfKey.has(l + r)) {
      throw invalid(
        `def.merges[${index}]`,
        `merge ${index} [${left}, ${right}] does not join two tokens into a token`,
        [left, right],
        'ids of two tokens whose concatenation is a token',
      );
    }
    return `${l} ${r}\n`;
  });
  // parseHuggingFaceVocab reads a multi-byte token that no merge makes as a special token.
  const made = new Map<string, number>();
  lines.forEach((line, index) => {
    const earlier = made.get(line);
    if (earlier !== undefined) {
      throw invalid(
        `def.merges[${index}]`,
        `merges ${earlier} and ${index} are the same pair`,
        merges[index],
        'each merge once',
      );
    }
    made.set(line, index);
  });
  const madeKeys = new Set(merges.map(([left, right]) => keys[left]! + keys[right]!));
  keys.forEach((key, id) => {
    if (key.length > 1 && !madeKeys.has(key)) {
      throw invalid(
        `def.tokens[${id}]`,
        `token ${id} (${JSON.stringify(key)}) is made by no merge`,
        def.tokens[id],
        'a merge for every token of two or more bytes',
      );
    }
  });

  const vocabEntries = [...keys.map((key, id) => [key, id] as const), ...specials];
  const vocabJson = `{${vocabEntries.map(([key, id]) => `${pythonJsonString(key)}: ${id}`).join(', ')}}`;
  return { vocabJson, mergesTxt: `#version: 0.2\n${lines.join('')}` };
}
