import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../main';
import { captureIo } from '../testing/capture-io';
import { showPiece, type TokenizeReport } from './tokenize';

/** OpenAI's tiktoken gives these ids for this text under gpt2 (independent of this repository's code). */
const SENTENCE = 'The best thing about AI is its ability to';
const SENTENCE_IDS = [464, 1266, 1517, 546, 9552, 318, 663, 2694, 284];

async function run(
  argv: string[],
  options: { stdin?: string | Uint8Array | (string | Uint8Array)[]; cwd?: string } = {},
) {
  const io = captureIo(options);
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

function workdir(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokenize-'));
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}

describe('chatgpt-explained tokenize --json', () => {
  it('prints exactly {"ids":[…],"tokens":[…]} on one line, with tiktoken’s ids', async () => {
    const { code, out, err } = await run(['tokenize', '--json'], { stdin: SENTENCE });
    expect([code, err]).toEqual([EXIT.ok, '']);
    expect(out.endsWith('\n')).toBe(true);
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    const report = JSON.parse(out) as TokenizeReport;
    expect(Object.keys(report)).toEqual(['ids', 'tokens']);
    expect(report.ids).toEqual(SENTENCE_IDS);
    // GPT-2's pre-tokenizer keeps the space before each word with the word.
    expect(report.tokens).toEqual(['The', ' best', ' thing', ' about', ' AI', ' is', ' its', ' ability', ' to']);
  });

  it('reads stdin for -, in several chunks, strings or bytes', async () => {
    const bytes = new TextEncoder().encode(SENTENCE);
    const { code, out } = await run(['tokenize', '--json', '-'], {
      stdin: [SENTENCE.slice(0, 10), bytes.subarray(10, 20), SENTENCE.slice(20)],
    });
    expect(code).toBe(EXIT.ok);
    expect((JSON.parse(out) as TokenizeReport).ids).toEqual(SENTENCE_IDS);
  });

  it('reads a file relative to the working directory', async () => {
    const dir = workdir({ 'sentence.txt': SENTENCE });
    mkdirSync(join(dir, 'sub'));
    const { code, out } = await run(['tokenize', '--json', '../sentence.txt'], { cwd: join(dir, 'sub') });
    expect(code).toBe(EXIT.ok);
    expect((JSON.parse(out) as TokenizeReport).ids).toEqual(SENTENCE_IDS);
  });

  it('r50k_base is the same encoding as gpt2; cl100k_base and o200k_base cut the same text back to itself', async () => {
    const r50k = await run(['tokenize', '--json', '--encoding', 'r50k_base'], { stdin: SENTENCE });
    expect((JSON.parse(r50k.out) as TokenizeReport).ids).toEqual(SENTENCE_IDS);
    for (const encoding of ['cl100k_base', 'o200k_base']) {
      const { code, out } = await run(['tokenize', '--json', '--encoding', encoding], { stdin: SENTENCE });
      expect(code, encoding).toBe(EXIT.ok);
      expect((JSON.parse(out) as TokenizeReport).tokens.join(''), encoding).toBe(SENTENCE);
    }
  });

  it('gives U+FFFD for the bytes of a character cut across tokens; the ids stay exact', async () => {
    // 🦜 (U+1F99C) is four bytes; no GPT-2 token holds all four with nothing else.
    const { code, out } = await run(['tokenize', '--json'], { stdin: '🦜' });
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(out) as TokenizeReport;
    expect(report.ids.length).toBeGreaterThan(1);
    expect(report.tokens.join('')).toContain('\ufffd');
  });

  it('an empty text has no tokens', async () => {
    const { code, out } = await run(['tokenize', '--json'], { stdin: '' });
    expect(code).toBe(EXIT.ok);
    expect(out).toBe('{"ids":[],"tokens":[]}\n');
  });
});

describe('chatgpt-explained tokenize (table)', () => {
  it('shows index, id and token with visible spaces, then a summary', async () => {
    const { code, out, err } = await run(['tokenize'], { stdin: SENTENCE });
    expect([code, err]).toEqual([EXIT.ok, '']);
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toBe('#    id  token');
    expect(lines[1]).toBe('0   464  The');
    expect(lines[2]).toBe('1  1266  ␣best');
    expect(lines[9]).toBe('8   284  ␣to');
    expect(lines[10]).toBe('');
    // 41 bytes in 9 tokens: 4.555… bytes per token.
    expect(lines[11]).toBe('9 tokens, 41 bytes, 4.56 bytes/token (gpt2)');
    expect(lines).toHaveLength(12);
  });

  it('shows newlines as ↵ and the bytes of a cut character as <0x…>', async () => {
    const { code, out } = await run(['tokenize'], { stdin: 'a\n🦜' });
    expect(code).toBe(EXIT.ok);
    expect(out).toContain('↵');
    expect(out).toMatch(/<0xF0 0x9F/);
    expect(out).not.toContain('\ufffd');
  });

  it('an empty text prints only the summary', async () => {
    expect((await run(['tokenize'], { stdin: '' })).out).toBe('0 tokens, 0 bytes (gpt2)\n');
  });
});

describe('chatgpt-explained tokenize: special tokens', () => {
  it('refuses <|endoftext|> in the text with exit 1 and one line naming --allow-special', async () => {
    const { code, out, err } = await run(['tokenize', '--json'], { stdin: 'one\ntwo<|endoftext|>' });
    expect(code).toBe(EXIT.failure);
    expect(out).toBe('');
    expect(err).toBe(
      'error: the text contains the special token <|endoftext|> (line 2); pass --allow-special to encode it as one token\n',
    );
  });

  it('encodes it as id 50256 with --allow-special', async () => {
    const alone = await run(['tokenize', '--json', '--allow-special'], { stdin: '<|endoftext|>' });
    expect(alone.code).toBe(EXIT.ok);
    expect(JSON.parse(alone.out)).toEqual({ ids: [50256], tokens: ['<|endoftext|>'] });
    const after = await run(['tokenize', '--json', '--allow-special'], { stdin: `${SENTENCE}<|endoftext|>` });
    expect((JSON.parse(after.out) as TokenizeReport).ids).toEqual([...SENTENCE_IDS, 50256]);
  });
});

describe('chatgpt-explained tokenize: errors and help', () => {
  it('an unknown encoding is a usage error (exit 2) naming the flag, the value and the choices', async () => {
    const { code, out, err } = await run(['tokenize', '--encoding', 'gpt5'], { stdin: 'x' });
    expect(code).toBe(EXIT.usage);
    expect(out).toBe('');
    expect(err).toBe(
      "error: option '--encoding <name>' argument 'gpt5' is invalid. Allowed choices are gpt2, r50k_base, cl100k_base, o200k_base.\n",
    );
  });

  it('a file that does not exist is a usage error naming it, like bpe train', async () => {
    const dir = workdir({});
    const { code, out, err } = await run(['tokenize', 'missing.txt'], { cwd: dir });
    expect(code).toBe(EXIT.usage);
    expect(out).toBe('');
    expect(err).toBe("error: file 'missing.txt' does not exist\n");
    expect((await run(['tokenize', '.'], { cwd: dir })).err).toBe("error: '.' is not a file\n");
  });

  it('text that is not UTF-8 fails with exit 1 naming the file', async () => {
    const dir = workdir({ 'latin1.txt': Uint8Array.of(0x63, 0x61, 0x66, 0xe9) });
    const { code, err } = await run(['tokenize', 'latin1.txt'], { cwd: dir });
    expect(code).toBe(EXIT.failure);
    expect(err).toBe("error: 'latin1.txt' is not valid UTF-8 text\n");
  });

  it('without a stdin to read, fails with exit 1 saying so', async () => {
    const { code, err } = await run(['tokenize']);
    expect(code).toBe(EXIT.failure);
    expect(err).toBe('error: there is no standard input to read; name a file instead\n');
  });

  it('Ctrl-C while waiting for stdin stops with exit 130', async () => {
    const io = captureIo();
    const controller = new AbortController();
    const stdin = {
      async *[Symbol.asyncIterator]() {
        yield 'The best';
        controller.abort(new Error('interrupted'));
        // A terminal that never sends more.
        await new Promise<never>(() => {});
      },
    };
    const code = await runCli(['tokenize', '--json'], { ...io, stdin }, controller.signal);
    expect(code).toBe(EXIT.interrupted);
    expect(io.out()).toBe('');
    expect(io.err()).toBe('interrupted\n');
  });

  it('a second operand is a usage error', async () => {
    const { code, err } = await run(['tokenize', 'a.txt', 'b.txt'], { stdin: '' });
    expect(code).toBe(EXIT.usage);
    expect(err).toBe("error: unexpected argument 'b.txt' for 'tokenize'\n");
  });

  it('--help names FILE, -, the encodings and --allow-special', async () => {
    const { code, out } = await run(['tokenize', '--help']);
    expect(code).toBe(EXIT.ok);
    expect(out).toMatch(/^Usage: chatgpt-explained tokenize \[options\] \[FILE\]/);
    expect(out).toMatch(/FILE +UTF-8 text file to tokenize; - or no FILE reads stdin/);
    expect(out).toContain('cl100k_base');
    expect(out).toContain('--allow-special');
    expect(out).toContain('--json');
  });
});

describe('showPiece', () => {
  const piece = (bytes: number[], special = false) => {
    const array = Uint8Array.from(bytes);
    let complete = true;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(array);
    } catch {
      complete = false;
    }
    return { bytes: array, text: new TextDecoder().decode(array), complete, special };
  };
  const utf8 = (text: string) => [...new TextEncoder().encode(text)];

  it('makes whitespace and invisible characters visible', () => {
    expect(showPiece(piece(utf8(' the')))).toBe('␣the');
    expect(showPiece(piece(utf8('a\tb\r\n')))).toBe('a⇥b␍↵');
    expect(showPiece(piece(utf8('\u00a0x\u200d\u0007')))).toBe('<U+00A0>x<U+200D><U+0007>');
    expect(showPiece(piece(utf8('é東🦜')))).toBe('é東🦜');
  });

  it('shows bytes that are not whole characters as one <0x…> group per run', () => {
    expect(showPiece(piece([0x20, 0xf0, 0x9f]))).toBe('␣<0xF0 0x9F>');
    expect(showPiece(piece([0xa6, 0x9c]))).toBe('<0xA6 0x9C>');
    expect(showPiece(piece([0x9c, 0x61, 0xc3, 0xa9, 0xe2]))).toBe('<0x9C>aé<0xE2>');
    // An overlong encoding of "/" is not UTF-8.
    expect(showPiece(piece([0xc0, 0xaf]))).toBe('<0xC0 0xAF>');
  });

  it('shows special tokens as they are', () => {
    expect(showPiece(piece(utf8('<|endoftext|>'), true))).toBe('<|endoftext|>');
  });
});
