import { createEncoding, parseHuggingFaceVocab } from '@chatgpt-explained/tokenizer';
import { Command } from 'commander';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../main';
import { captureIo } from '../testing/capture-io';
import { registerBpeCommand, type BpeTrainReport } from './bpe';

/** A few KB of text with plenty of repeated pairs. */
const TEXT = Array.from(
  { length: 200 },
  (_, i) => `The ${['cat', 'dog', 'bird'][i % 3]} sat on the mat, number ${i}. Naïve café — “quoted”.\n`,
).join('');

/** A temporary directory holding `corpus.txt`. */
function workdir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'bpe-train-'));
  writeFileSync(join(dir, 'corpus.txt'), TEXT);
  return dir;
}

async function run(argv: string[], cwd: string) {
  const io = captureIo({ cwd });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

function readVocab(dir: string) {
  return parseHuggingFaceVocab(
    readFileSync(join(dir, 'vocab.json'), 'utf8'),
    readFileSync(join(dir, 'merges.txt'), 'utf8'),
  );
}

describe('chatgpt-explained bpe train', () => {
  it('writes vocab.json and merges.txt that load back into a working tokenizer', async () => {
    const dir = workdir();
    const { code, out, err } = await run(['bpe', 'train', '--vocab-size', '300', '--out', 'vocab', 'corpus.txt'], dir);
    expect(code).toBe(EXIT.ok);
    expect(out).toMatch(/^Learned 43 merges from 11,756 characters in [\d.]+ s\.\n/);
    expect(out).toContain(`Vocabulary of 300 ids (256 bytes, 43 merges, 1 special) written to ${join(dir, 'vocab')}`);
    // The progress bar, off a terminal: a line per 10% and the final 100% line.
    expect(err).toMatch(/^bpe train \[#*-*\] +\d+% \d+\/43 merges$/m);
    expect(err.trimEnd().split('\n').at(-1)).toBe('bpe train [########################] 100% 43 merges');

    const def = readVocab(join(dir, 'vocab'));
    expect(def.tokens).toHaveLength(299);
    expect(def.merges).toHaveLength(43);
    expect(def.specialTokens).toEqual({ '<|endoftext|>': 299 });
    const encoding = createEncoding(def);
    expect(encoding.decode(encoding.encode(TEXT))).toBe(TEXT);
    expect(encoding.encode(TEXT).length).toBeLessThan(TEXT.length / 2);
    // Nothing but the two files (no temporary files left behind).
    expect(readdirSync(join(dir, 'vocab')).sort()).toEqual(['merges.txt', 'vocab.json']);
  });

  it('says when it stopped before the vocabulary size asked for', async () => {
    const dir = workdir();
    const { code, out } = await run(['bpe', 'train', '--vocab-size', '5000', '--out', 'v', 'corpus.txt'], dir);
    expect(code).toBe(EXIT.ok);
    expect(out).toMatch(
      /^Learned \d+ merges .* \(stopped early: no pair occurs 2 times; 4743 merges were wanted\)\.\n/,
    );
  });

  it('--json prints the report on stdout; --special and --min-frequency are honoured', async () => {
    const dir = workdir();
    const { code, out } = await run(
      [
        'bpe',
        'train',
        '--vocab-size',
        '100000',
        '--special',
        '<|endoftext|>',
        '--special',
        '<|pad|>',
        '--min-frequency',
        '150',
        '--out',
        'v',
        '--json',
        'corpus.txt',
      ],
      dir,
    );
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(out) as BpeTrainReport;
    const def = readVocab(join(dir, 'v'));
    expect(report).toEqual({
      vocabSize: def.tokens.length + 2,
      merges: def.merges!.length,
      out: join(dir, 'v'),
      files: [join(dir, 'v', 'vocab.json'), join(dir, 'v', 'merges.txt')],
    });
    expect(report.merges).toBeGreaterThan(0);
    expect(report.merges).toBeLessThan(100);
    expect(def.specialTokens).toEqual({ '<|endoftext|>': def.tokens.length, '<|pad|>': def.tokens.length + 1 });
  });

  it('reads the text from stdin for -', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bpe-train-'));
    const io = captureIo({ cwd: dir, stdin: [TEXT.slice(0, 1000), new TextEncoder().encode(TEXT.slice(1000))] });
    const program = new Command().exitOverride();
    registerBpeCommand(program, { io, signal: new AbortController().signal });
    await program.parseAsync(['bpe', 'train', '--vocab-size', '300', '--out', '.', '-'], { from: 'user' });
    expect(readVocab(dir).merges).toHaveLength(43);
    expect(io.out()).toMatch(/^Learned 43 merges from/);
  });

  it('stops on Ctrl-C with exit 130 and writes nothing', async () => {
    const dir = workdir();
    const controller = new AbortController();
    const io = captureIo({ cwd: dir });
    // Ctrl-C as soon as training reports progress.
    const stderr = {
      isTTY: false,
      write: (text: string) => {
        controller.abort(new Error('interrupted'));
        return io.stderr.write(text);
      },
    };
    const argv = ['bpe', 'train', '--vocab-size', '300', '--out', 'v', 'corpus.txt'];
    const code = await runCli(argv, { ...io, stderr }, controller.signal);
    expect(code).toBe(EXIT.interrupted);
    expect(io.out()).toBe('');
    expect(io.err().trimEnd().split('\n').at(-1)).toBe('interrupted');
    expect(existsSync(join(dir, 'v'))).toBe(false);
  });

  it('fails with exit 1 on a file that is not UTF-8', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'latin1.txt'), Uint8Array.of(0x63, 0x61, 0x66, 0xe9));
    const { code, err } = await run(['bpe', 'train', '--vocab-size', '300', '--out', 'v', 'latin1.txt'], dir);
    expect(code).toBe(EXIT.failure);
    expect(err).toBe("error: 'latin1.txt' is not valid UTF-8 text\n");
  });

  const usage: [string, string[], string | RegExp][] = [
    [
      'a vocab size that is not a number',
      ['--vocab-size', 'lots', '--out', 'v', 'corpus.txt'],
      "error: option '--vocab-size <n>' argument 'lots' is invalid. Expected an integer ≥ 257.",
    ],
    [
      'a vocab size below 257',
      ['--vocab-size', '256', '--out', 'v', 'corpus.txt'],
      "error: option '--vocab-size <n>' argument '256' is invalid. Expected an integer ≥ 257.",
    ],
    [
      'a fractional vocab size',
      ['--vocab-size', '300.5', '--out', 'v', 'corpus.txt'],
      "error: option '--vocab-size <n>' argument '300.5' is invalid. Expected an integer ≥ 257.",
    ],
    [
      'a vocab size too small for the special tokens',
      ['--vocab-size', '257', '--special', 'a', '--special', 'b', '--out', 'v', 'corpus.txt'],
      "error: option '--vocab-size <n>' argument '257' is too small: 256 bytes + 2 special tokens need at least 258",
    ],
    [
      'a special token given twice',
      ['--vocab-size', '300', '--special', 'a', '--special', 'a', '--out', 'v', 'corpus.txt'],
      "error: option '--special <token>' is given the same token twice",
    ],
    [
      'a bad minimum frequency',
      ['--vocab-size', '300', '--min-frequency', '0', '--out', 'v', 'corpus.txt'],
      "error: option '--min-frequency <n>' argument '0' is invalid. Expected an integer ≥ 1.",
    ],
    ['a missing --out', ['--vocab-size', '300', 'corpus.txt'], "error: required option '--out <dir>' not specified"],
    ['a missing --vocab-size', ['--out', 'v', 'corpus.txt'], "error: required option '--vocab-size <n>' not specified"],
    ['a missing file argument', ['--vocab-size', '300', '--out', 'v'], "error: missing required argument 'file'"],
    [
      'a file that does not exist',
      ['--vocab-size', '300', '--out', 'v', 'nope.txt'],
      "error: file 'nope.txt' does not exist",
    ],
    ['a directory for the file', ['--vocab-size', '300', '--out', 'v', '.'], "error: '.' is not a file"],
    [
      'an extra operand',
      ['--vocab-size', '300', '--out', 'v', 'corpus.txt', 'more.txt'],
      "error: unexpected argument 'more.txt' for 'train'",
    ],
  ];

  it.each(usage)('%s exits 2 with one line naming it', async (_what, args, line) => {
    const dir = workdir();
    const { code, out, err } = await run(['bpe', 'train', ...args], dir);
    expect(code).toBe(EXIT.usage);
    expect(out).toBe('');
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    if (typeof line === 'string') expect(err.trimEnd()).toBe(line);
    else expect(err.trimEnd()).toMatch(line);
    expect(existsSync(join(dir, 'v'))).toBe(false);
  });

  it('has help for bpe and bpe train', async () => {
    const dir = workdir();
    const top = await run(['--help'], dir);
    expect(top.out).toMatch(/^ {2}bpe\b/m);
    const help = await run(['bpe', 'train', '--help'], dir);
    expect(help.code).toBe(EXIT.ok);
    expect(help.out).toMatch(/^Usage: chatgpt-explained bpe train \[options\] <file>/);
    for (const flag of ['--vocab-size <n>', '--out <dir>', '--special <token>', '--min-frequency <n>', '--json']) {
      expect(help.out).toContain(flag);
    }
  });
});
