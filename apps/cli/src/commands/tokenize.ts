import { ENCODING_NAMES, getEncoding, type EncodingName, type TokenPiece } from '@chatgpt-explained/tokenizer';
import { Option, type Command } from 'commander';
import type { CommandContext } from '../main';
import { jsonOption } from '../options';
import { readTextInput } from '../read-input';
import { isLibraryError } from '../usage-error';

interface TokenizeOptions {
  readonly encoding: EncodingName;
  readonly allowSpecial?: boolean;
  readonly json?: boolean;
}

/**
 * What `tokenize --json` prints, on one line: the ids, and each token's text. A token holding only
 * part of a character (an emoji is often cut in two) has U+FFFD for the bytes it cannot complete,
 * so joining `tokens` gives back the text except where a character was cut; the ids are exact.
 */
export interface TokenizeReport {
  readonly ids: number[];
  readonly tokens: string[];
}

/** Characters drawn as a visible sign in the piece table. */
const VISIBLE: Readonly<Record<string, string>> = { ' ': '␣', '\n': '↵', '\t': '⇥', '\r': '␍' };
/** Other characters that would be invisible or move the cursor: controls, format characters, other spaces. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Z}]/u;

function showCharacter(character: string): string {
  const sign = VISIBLE[character];
  if (sign !== undefined) return sign;
  if (!INVISIBLE.test(character)) return character;
  return `<U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`;
}

const hex = (byte: number) => `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;

/** Length of the UTF-8 sequence a lead byte starts; 0 for a byte that cannot start one. */
function sequenceLength(lead: number): number {
  if (lead < 0x80) return 1;
  if (lead >= 0xc2 && lead <= 0xdf) return 2;
  if (lead >= 0xe0 && lead <= 0xef) return 3;
  if (lead >= 0xf0 && lead <= 0xf4) return 4;
  return 0;
}

/**
 * A token's text for the piece table: spaces, newlines, tabs and carriage returns as ␣ ↵ ⇥ ␍,
 * other invisible characters as `<U+00A0>`, and bytes that are not whole UTF-8 characters (part of
 * a character cut across tokens) as `<0xF0 0x9F>`. Special tokens are shown as they are.
 */
export function showPiece(piece: Pick<TokenPiece, 'text' | 'bytes' | 'complete' | 'special'>): string {
  if (piece.special) return piece.text;
  if (piece.complete) return Array.from(piece.text, showCharacter).join('');
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const { bytes } = piece;
  let out = '';
  let loose: number[] = [];
  const flush = () => {
    if (loose.length > 0) out += `<${loose.map(hex).join(' ')}>`;
    loose = [];
  };
  for (let i = 0; i < bytes.length;) {
    const length = sequenceLength(bytes[i]!);
    let character: string | undefined;
    if (length > 0 && i + length <= bytes.length) {
      try {
        character = decoder.decode(bytes.subarray(i, i + length));
      } catch {
        character = undefined;
      }
    }
    if (character === undefined) {
      loose.push(bytes[i]!);
      i += 1;
    } else {
      flush();
      out += showCharacter(character);
      i += length;
    }
  }
  flush();
  return out;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

/** The piece table and summary line that `tokenize` prints without `--json`. */
export function formatPieces(pieces: readonly TokenPiece[], encoding: string): string {
  const bytes = pieces.reduce((n, piece) => n + piece.bytes.length, 0);
  const summary =
    `${plural(pieces.length, 'token')}, ${plural(bytes, 'byte')}` +
    (pieces.length > 0 ? `, ${(bytes / pieces.length).toFixed(2)} bytes/token` : '') +
    ` (${encoding})`;
  if (pieces.length === 0) return `${summary}\n`;
  const indexWidth = Math.max(1, String(pieces.length - 1).length);
  const idWidth = Math.max(2, ...pieces.map((piece) => String(piece.id).length));
  const lines = [
    `${'#'.padStart(indexWidth)}  ${'id'.padStart(idWidth)}  token`,
    ...pieces.map(
      (piece, index) =>
        `${String(index).padStart(indexWidth)}  ${String(piece.id).padStart(idWidth)}  ${showPiece(piece)}`,
    ),
    '',
    summary,
  ];
  return `${lines.join('\n')}\n`;
}

function encodingOption(): Option {
  return new Option('--encoding <name>', "the encoding (gpt2 is GPT-2's, the same as r50k_base)")
    .choices(ENCODING_NAMES)
    .default('gpt2');
}

/** Line number (from 1) of UTF-16 index `index` of `text`. */
function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

const HELP_AFTER = `
The table shows each token's index, id and text: ␣ is a space, ↵ a newline, ⇥ a tab, <U+00A0> another
invisible character, <0xF0 0x9F> bytes of a character cut across tokens. --json prints one line
{"ids":[…],"tokens":[…]}; a token holding part of a character has U+FFFD in its text.

Examples:
  echo 'The best thing about AI is its ability to' | chatgpt-explained tokenize
  chatgpt-explained tokenize --encoding cl100k_base --json essay.txt
`;

/**
 * Registers `tokenize [FILE|-]`: encodes a text (FILE, or stdin for `-` or no FILE) and shows its
 * tokens: a table of index, id and token text (whitespace made visible) and a summary, or with
 * `--json` one line `{"ids":[…],"tokens":[…]}`.
 */
export function registerTokenizeCommand(program: Command, context: CommandContext): void {
  const { io } = context;
  program
    .command('tokenize')
    .description('show how a text is cut into tokens: each token with its id, or the ids and tokens as JSON')
    .argument('[FILE]', 'UTF-8 text file to tokenize; - or no FILE reads stdin')
    .addOption(encodingOption())
    .addOption(
      new Option(
        '--allow-special',
        'encode special tokens such as <|endoftext|> in the text as their own ids (default: refuse them)',
      ),
    )
    .addOption(jsonOption())
    .addHelpText('after', HELP_AFTER)
    .action(async (file: string | undefined, options: TokenizeOptions) => {
      // Keep a byte-order mark: it is part of the text and takes tokens of its own.
      const text = await readTextInput(io, file, { signal: context.signal, keepBom: true });
      const encoding = await getEncoding(options.encoding);
      let pieces: TokenPiece[];
      try {
        pieces = encoding.pieces(text, options.allowSpecial === true ? { allowedSpecial: 'all' } : {});
      } catch (error) {
        if (isLibraryError(error) && error.code === 'SPECIAL_TOKEN_NOT_ALLOWED') {
          const token = String(error.value);
          const line = lineOf(text, text.indexOf(token));
          throw new Error(
            `the text contains the special token ${token} (line ${line}); pass --allow-special to encode it as one token`,
          );
        }
        throw error;
      }
      if (options.json) {
        const report: TokenizeReport = { ids: pieces.map((p) => p.id), tokens: pieces.map((p) => p.text) };
        io.stdout.write(`${JSON.stringify(report)}\n`);
        return;
      }
      io.stdout.write(formatPieces(pieces, options.encoding));
    });
}
