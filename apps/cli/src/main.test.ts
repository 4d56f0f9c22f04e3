import { ESSAY_SECTIONS } from '@chatgpt-explained/essay';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackendsReport } from './commands/backends';
import type { TourReport } from './commands/tour';
import { createProgram, EXIT, runCli } from './main';
import { captureIo } from './testing/capture-io';

async function run(argv: string[], env: Record<string, string> = {}, cwd?: string) {
  const io = captureIo({ env, ...(cwd === undefined ? {} : { cwd }) });
  const code = await runCli(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** Usage errors: exit 2, nothing on stdout, exactly one line on stderr. */
async function expectUsageError(argv: string[], line: string | RegExp, env: Record<string, string> = {}) {
  const { code, out, err } = await run(argv, env);
  expect(code).toBe(EXIT.usage);
  expect(out).toBe('');
  expect(err.endsWith('\n')).toBe(true);
  expect(err.trimEnd().split('\n')).toHaveLength(1);
  if (typeof line === 'string') expect(err.trimEnd()).toBe(line);
  else expect(err.trimEnd()).toMatch(line);
}

/** Every command of the program, in the order `--help` lists them. */
const COMMANDS = [
  'tour',
  'backends',
  'bpe',
  'tokenize',
  'letters',
  'ngram',
  'nn',
  'gpt2',
  'digits',
  'embed',
  'parens',
  'rule30',
  'help',
];

describe('chatgpt-explained: help and usage errors', () => {
  it('--help lists every command on stdout and exits 0', async () => {
    const { code, out, err } = await run(['--help']);
    expect(code).toBe(EXIT.ok);
    expect(err).toBe('');
    expect(out).toMatch(/^Usage: chatgpt-explained \[options\] \[command\]/);
    for (const command of COMMANDS) expect(out).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  it('every command has --help', async () => {
    const program = createProgram({ io: captureIo(), signal: new AbortController().signal });
    const names = program.commands.map((c) => c.name());
    expect(names).toEqual(COMMANDS);
    for (const name of names) {
      const { code, out } = await run([name, '--help']);
      expect(code, name).toBe(EXIT.ok);
      expect(out, name).toMatch(new RegExp(`^Usage: chatgpt-explained ${name} `));
      expect(out, name).toContain('--help');
    }
  });

  it('with no command prints help on stderr and exits 2', async () => {
    const { code, out, err } = await run([]);
    expect(code).toBe(EXIT.usage);
    expect(out).toBe('');
    expect(err).toMatch(/^Usage: chatgpt-explained/);
  });

  it('an unknown command exits 2 naming it', () =>
    expectUsageError(['frobnicate'], "error: unknown command 'frobnicate'"));

  it('a misspelt command gets its suggestion on the same line', () =>
    expectUsageError(['tuor'], "error: unknown command 'tuor' (Did you mean tour?)"));

  it('an unknown flag exits 2 naming it', () =>
    expectUsageError(['backends', '--frob'], "error: unknown option '--frob'"));

  it('a bad value exits 2 naming the flag and the value', () =>
    expectUsageError(
      ['tour', '--backend', 'metal'],
      "error: option '--backend <name>' argument 'metal' is invalid. Allowed choices are auto, webgpu, cuda, wasm, webgl, cpu.",
    ));

  it('a bad value from the environment is named the same way', () =>
    expectUsageError(
      ['tour'],
      "error: CHATGPT_EXPLAINED_BACKEND='tpu' is invalid; allowed: auto, webgpu, cuda, wasm, webgl, cpu",
      {
        CHATGPT_EXPLAINED_BACKEND: 'tpu',
      },
    ));

  it('`help <command>` prints that command’s help on stdout and exits 0', async () => {
    const { code, out, err } = await run(['help', 'tour']);
    expect([code, err]).toEqual([EXIT.ok, '']);
    expect(out).toMatch(/^Usage: chatgpt-explained tour \[options\]/);
    expect((await run(['help'])).out).toMatch(/^Usage: chatgpt-explained \[options\] \[command\]/);
  });

  it('`help` of an unknown command exits 2 naming it', () =>
    expectUsageError(
      ['help', 'frob'],
      "error: unknown command 'frob' (commands: tour, backends, bpe, tokenize, letters, ngram, nn, gpt2, digits, embed, parens, rule30, help)",
    ));

  it('an extra operand exits 2 naming it', () =>
    expectUsageError(['backends', 'extra'], "error: unexpected argument 'extra' for 'backends'"));
});

describe('chatgpt-explained backends', () => {
  it('--json reports every backend; cpu and wasm work; cuda names its install step', async () => {
    const { code, out } = await run(['backends', '--json']);
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(out) as BackendsReport;
    const byName = Object.fromEntries(report.backends.map((b) => [b.backend, b]));
    expect(Object.keys(byName).sort()).toEqual(['cpu', 'cuda', 'wasm', 'webgl', 'webgpu']);
    expect(byName['cpu']?.works).toBe(true);
    expect(byName['wasm']?.works).toBe(true);
    expect(byName['webgl']).toMatchObject({ works: false, reason: expect.stringContaining('needs a browser') });
    expect(byName['cuda']).toMatchObject({
      works: false,
      reason: expect.stringContaining('npm install @tensorflow/tfjs-node-gpu'),
    });
    // auto takes a hardware GPU that works, else wasm.
    const gpu = report.backends.find((b) => (b.backend === 'webgpu' || b.backend === 'cuda') && b.works && b.hardware);
    expect(report.auto.backend).toBe(gpu?.backend ?? 'wasm');
  });

  it('prints a table on stdout and nothing but progress on stderr', async () => {
    const { code, out } = await run(['backends']);
    expect(code).toBe(EXIT.ok);
    expect(out).toMatch(/^backend +status +detail$/m);
    expect(out).toMatch(/^wasm +works +WebAssembly/m);
    expect(out).toMatch(/^auto → /m);
  });
});

describe('chatgpt-explained tour', () => {
  it('--json lists every essay item, runs on the backend asked for and writes the same report to --out', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tour-'));
    const { code, out, err } = await run(
      ['tour', '--json', '--quick', '--backend', 'wasm', '--out', 'figures'],
      {},
      dir,
    );
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(out) as TourReport;
    expect(report.backend.name).toBe('wasm');
    expect(report.items.map((i) => i.id)).toEqual(ESSAY_SECTIONS.flatMap((s) => s.items.map((i) => i.id)));
    expect(JSON.parse(readFileSync(join(dir, 'figures', 'tour.json'), 'utf8'))).toEqual(report);
    expect(err).toMatch(/^backend: wasm \(wasm as requested/);
  }, 180_000); // the whole quick tour, GPT-2, digit and word-vector steps included: ~35 s alone, more beside other tests

  it('takes the backend from CHATGPT_EXPLAINED_BACKEND when --backend is not given', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tour-'));
    const { out } = await run(['tour', '--json', '--only', '3.1'], { CHATGPT_EXPLAINED_BACKEND: 'cpu' }, dir);
    expect((JSON.parse(out) as TourReport).backend.reason).toMatch(/^cpu as requested/);
  });

  it('honours CHATGPT_EXPLAINED_QUICK=1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tour-'));
    const { out } = await run(
      ['tour', '--json', '--backend', 'cpu', '--only', '2.1,3.1'],
      { CHATGPT_EXPLAINED_QUICK: '1' },
      dir,
    );
    const report = JSON.parse(out) as TourReport;
    expect(report.quick).toBe(true);
    // --only: just those items ran; the report still lists every item.
    expect(report.items.filter((i) => i.result !== undefined).map((i) => i.id)).toEqual(['2.1', '3.1']);
  });

  it('--only with an item that is not runnable is a usage error naming it', async () => {
    const { code, err } = await run(['tour', '--only', '3.1,99.9']);
    expect(code).toBe(EXIT.usage);
    expect(err).toMatch(/--only <items>.*'99\.9' is not a runnable essay item/);
  });

  it('a backend that cannot start fails with exit 1 and one line saying why', async () => {
    const { code, out, err } = await run(['tour', '--backend', 'cuda']);
    expect(code).toBe(EXIT.failure);
    expect(out).toBe('');
    expect(err.trimEnd().split('\n')).toHaveLength(1);
    expect(err).toMatch(/^error: cuda backend needs @tensorflow\/tfjs-node-gpu/);
  });
});
