// The gpt2 commands on a tiny random checkpoint written to a temporary directory, checked against
// the model loaded here with the library and next-token probabilities computed here in float64.
import { gpt2FromCheckpoint, loadCheckpoint, nextTokens, type Gpt2 } from '@chatgpt-explained/gpt2';
import { directorySource } from '@chatgpt-explained/gpt2/node';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import * as tf from '@tensorflow/tfjs-core';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, runCli } from '../../main';
import { bundledModelAvailable } from '../../model-source';
import { captureIo } from '../../testing/capture-io';
import type { Gpt2AttentionReport } from './attention';
import type { Gpt2GenerateReport } from './generate';
import type { Gpt2NextReport } from './next';
import type { Gpt2ScoreReport } from './score';
import type { Gpt2WeightsReport } from './weights';
import { writeTinyCheckpoint, type TinyCheckpoint } from './test-checkpoint';

let dir: string;
let work: string;
let tiny: TinyCheckpoint;
let gpt: Gpt2;

async function run(
  argv: string[],
  options: { env?: Record<string, string>; signal?: AbortSignal; onOut?: (text: string) => void } = {},
) {
  const io = captureIo({ cwd: work, ...(options.env === undefined ? {} : { env: options.env }) });
  const stdout = options.onOut
    ? { ...io, stdout: { write: (text: string) => (io.stdout.write(text), options.onOut!(text)), isTTY: false } }
    : io;
  const code = await runCli(argv, stdout, options.signal);
  return { code, out: io.out(), err: io.err() };
}

/** Next-token probabilities after `ids`, softmax in float64 of one forward pass of the model loaded here. */
function probabilities(ids: number[]): Float64Array {
  const logits = tf.tidy(() =>
    gpt.model.forward(tf.tensor2d([ids], [1, ids.length], 'int32'), { lastOnly: true }).logits.dataSync(),
  );
  let max = -Infinity;
  for (const x of logits) max = Math.max(max, x);
  const exps = Float64Array.from(logits, (x) => Math.exp(x - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}

beforeAll(async () => {
  tf.env().set('PROD', true);
  await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
  work = mkdtempSync(join(tmpdir(), 'gpt2-cli-'));
  dir = join(work, 'tiny');
  tiny = await writeTinyCheckpoint(dir);
  gpt = await gpt2FromCheckpoint(await loadCheckpoint(directorySource(dir)));
});
afterAll(() => gpt?.dispose());

describe('chatgpt-explained gpt2 next', () => {
  it('--json lists the top tokens in descending probability, as the softmax computed here', async () => {
    const { code, out, err } = await run([
      'gpt2',
      'next',
      '--backend',
      'cpu',
      '--model',
      'tiny',
      '--top',
      '7',
      '--json',
      'hello, bye',
    ]);
    expect(code, err).toBe(EXIT.ok);
    expect(err).toMatch(/^backend: cpu .*\nmodel: .*tiny \(0\.0M parameters, 2 layers, 16 dims, context 64\)\n$/);
    const report = JSON.parse(out) as Gpt2NextReport;
    expect(Object.keys(report)).toEqual(['tokens']);
    expect(report.tokens).toHaveLength(7);
    const p = probabilities(tiny.encoding.encode('hello, bye'));
    const order = Array.from(p.keys()).sort((a, b) => p[b]! - p[a]! || a - b);
    expect(report.tokens.map((t) => t.id)).toEqual(order.slice(0, 7));
    report.tokens.forEach((t, i) => {
      expect(t.probability).toBeCloseTo(p[t.id]!, 6);
      expect(t.text).toBe(tiny.encoding.decode([t.id]));
      if (i > 0) expect(t.probability).toBeLessThanOrEqual(report.tokens[i - 1]!.probability);
    });
    expect(report.tokens.reduce((s, t) => s + t.probability, 0)).toBeLessThanOrEqual(1 + 1e-6);
  });

  it('--bits 8 and 4 keep the matrices quantised: probabilities as the quantised model computes them', async () => {
    const checkpoint = await loadCheckpoint(directorySource(dir));
    for (const bits of [8, 4] as const) {
      const args = ['gpt2', 'next', '--backend', 'cpu', '--model', dir, '--bits', String(bits), '--top', '5', '--json'];
      const { code, out, err } = await run([...args, 'hello, bye']);
      expect(code, err).toBe(EXIT.ok);
      expect(err).toContain(`${bits}-bit weights`);
      const report = JSON.parse(out) as Gpt2NextReport;
      const quantized = await gpt2FromCheckpoint(checkpoint, { quantize: { bits } });
      try {
        const want = (await nextTokens(quantized, 'hello, bye', { top: 5 })).tokens;
        expect(report.tokens.map((t) => t.id)).toEqual(want.map((t) => t.id));
        report.tokens.forEach((t, i) => expect(t.probability).toBeCloseTo(want[i]!.probability, 6));
      } finally {
        quantized.dispose();
      }
    }
    const bad = await run(['gpt2', 'next', '--model', dir, '--bits', '16', 'x']);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toContain("option '--bits <bits>' argument '16' is invalid. Allowed choices are 32, 8, 4.");
    // `weights` draws the float matrices, which quantised loading does not keep: no --bits there.
    const weights = await run(['gpt2', 'weights', '--model', dir, '--bits', '8']);
    expect(weights.code).toBe(EXIT.usage);
    expect(weights.err).toContain("unknown option '--bits'");
  });

  it('prints a table of rank, percentage and quoted token', async () => {
    const { code, out } = await run(['gpt2', 'next', '--backend', 'cpu', '--model', dir, '--top', '3', 'abc']);
    expect(code).toBe(EXIT.ok);
    const lines = out.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^1 +\d+\.\d\d% +".*"$/);
  });

  it('refuses bad options with exit 2, naming the option and value', async () => {
    const top = await run(['gpt2', 'next', '--model', dir, '--top', '0', 'x']);
    expect(top.code).toBe(EXIT.usage);
    expect(top.err).toMatch(/option '--top <k>' argument '0' is invalid/);
    const big = await run(['gpt2', 'next', '--backend', 'cpu', '--model', dir, '--top', '300', 'x']);
    expect(big.code).toBe(EXIT.usage);
    expect(big.err).toContain("option '--top <k>' argument '300' is more than the model's 257 tokens");
    const missing = await run(['gpt2', 'next', '--backend', 'cpu', '--model', './no-such-dir', 'x']);
    expect(missing.code).toBe(EXIT.usage);
    expect(missing.err).toContain("option '--model <id|dir>' argument './no-such-dir': there is no such directory");
    // An empty value (an unset variable) is refused, not taken for the working directory.
    const empty = await run(['gpt2', 'next', '--backend', 'cpu', '--model', '', 'x']);
    expect(empty.code).toBe(EXIT.usage);
    expect(empty.err).toContain("option '--model <id|dir>' argument '': name a directory or a Hugging Face model id");
    const badId = await run(['gpt2', 'next', '--backend', 'cpu', '--model', 'not an id!', 'x']);
    expect(badId.code).toBe(EXIT.usage);
    expect(badId.err).toContain("argument 'not an id!' is neither a directory nor a Hugging Face model id");
    expect((await run(['gpt2', 'next', '--model', dir])).code).toBe(EXIT.usage); // no prompt
  });
});

describe('chatgpt-explained gpt2 generate', () => {
  it('greedy --json equals repeated `next --top 1`, generated tokens only', async () => {
    const prompt = 'The cat';
    const { code, out, err } = await run([
      'gpt2',
      'generate',
      '--backend',
      'cpu',
      '--model',
      dir,
      '--temperature',
      '0',
      '--max-tokens',
      '6',
      '--json',
      prompt,
    ]);
    expect(code, err).toBe(EXIT.ok);
    const report = JSON.parse(out) as Gpt2GenerateReport;
    expect(Object.keys(report)).toEqual(['ids', 'text']);
    expect(report.ids).toHaveLength(6);
    expect(report.text).toBe(tiny.encoding.decode(report.ids));
    let text = prompt;
    for (const id of report.ids) {
      const next = JSON.parse(
        (await run(['gpt2', 'next', '--backend', 'cpu', '--model', dir, '--top', '1', '--json', text])).out,
      ) as Gpt2NextReport;
      expect(next.tokens[0]!.id).toBe(id);
      text += next.tokens[0]!.text;
    }
    expect(text).toBe(prompt + report.text);
  });

  it('streams the prompt and the text to stdout; seeds reproduce samples; --stop ends before the stop text', async () => {
    const args = [
      'gpt2',
      'generate',
      '--backend',
      'cpu',
      '--model',
      dir,
      '--temperature',
      '0.8',
      '--top-k',
      '20',
      '--top-p',
      '0.9',
      '--max-tokens',
      '12',
    ];
    const writes: string[] = [];
    const a = await run([...args, '--seed', '3', 'Once'], { onOut: (t) => writes.push(t) });
    expect(a.code, a.err).toBe(EXIT.ok);
    expect(writes[0]).toBe('Once');
    expect(writes.length).toBeGreaterThan(3); // token by token
    expect(a.err).toMatch(/12 tokens; ended by --max-tokens reached\n$/);
    const b = await run([...args, '--seed', '3', 'Once']);
    expect(b.out).toBe(a.out);
    const generated = a.out.slice('Once'.length, -1);
    const stop = generated.slice(4, 6);
    const stopped = await run([...args, '--seed', '3', '--json', '--stop', stop, 'Once']);
    expect((JSON.parse(stopped.out) as Gpt2GenerateReport).text).toBe(generated.slice(0, generated.indexOf(stop)));
  });

  it('refuses bad sampling options with exit 2', async () => {
    for (const [option, value] of [
      ['--temperature', '-1'],
      ['--top-p', '1.5'],
      ['--top-k', '0'],
      ['--max-tokens', '0'],
      ['--seed', 'x'],
      ['--repetition-penalty', '0'],
    ] as const) {
      const r = await run(['gpt2', 'generate', '--model', dir, option, value, 'x']);
      expect(r.code, option).toBe(EXIT.usage);
      expect(r.err, option).toMatch(
        new RegExp(`option '${option} <.>' argument '${value.replace('.', '\\.')}' is invalid`),
      );
    }
  });

  it('Ctrl-C stops generation: exit 130', async () => {
    const controller = new AbortController();
    const r = await run(['gpt2', 'generate', '--backend', 'cpu', '--model', dir, '--max-tokens', '60', 'Hi'], {
      signal: controller.signal,
      onOut: (text) => text !== 'Hi' && controller.abort(),
    });
    expect(r.code).toBe(EXIT.interrupted);
    expect(r.err).toContain('interrupted');
    expect(r.out.length).toBeLessThan('Hi'.length + 5);
  });
});

describe('chatgpt-explained gpt2 score', () => {
  it('--json: every token with its log-probability from the text before it, and bits per byte', async () => {
    const text = 'hello there';
    const { code, out } = await run(['gpt2', 'score', '--backend', 'cpu', '--model', dir, '--json', text]);
    expect(code).toBe(EXIT.ok);
    const report = JSON.parse(out) as Gpt2ScoreReport;
    const ids = tiny.encoding.encode(text);
    expect(report.tokens.map((t) => t.id)).toEqual(ids);
    ids.forEach((id, i) => {
      const p = probabilities([tiny.config.bosTokenId, ...ids.slice(0, i)]);
      expect(report.tokens[i]!.logProb).toBeCloseTo(Math.log(p[id]!), 4);
    });
    const bits = -report.tokens.reduce((s, t) => s + t.logProb, 0) / Math.LN2;
    expect(report.bytes).toBe(11);
    expect(report.bitsPerByte).toBeCloseTo(bits / 11, 6);
    const plain = await run(['gpt2', 'score', '--backend', 'cpu', '--model', dir, text]);
    expect(plain.out).toMatch(/\n11 tokens, 11 bytes: [\d.]+ bits, [\d.]+ bits per byte/);
  });

  it('refuses <|endoftext|> written in the text (exit 2) unless --allow-special, in every text command', async () => {
    const eot = tiny.config.eosTokenId;
    const text = 'ab<|endoftext|>cd';
    for (const command of ['next', 'generate', 'score', 'attention']) {
      const refused = await run(['gpt2', command, '--backend', 'cpu', '--model', dir, text]);
      expect(refused.code, command).toBe(EXIT.usage);
      expect(refused.err, command).toContain(
        'the text contains the special token <|endoftext|>; add --allow-special to read it as one token',
      );
    }
    const args = ['gpt2', 'score', '--backend', 'cpu', '--model', dir, '--allow-special', '--json', text];
    const allowed = await run(args);
    expect(allowed.code, allowed.err).toBe(EXIT.ok);
    const ids = (JSON.parse(allowed.out) as Gpt2ScoreReport).tokens.map((t) => t.id);
    expect(ids).toEqual([...tiny.encoding.encode('ab'), eot, ...tiny.encoding.encode('cd')]);
  });
});

describe('chatgpt-explained gpt2 attention and weights', () => {
  it('attention --out writes a heatmap per head; --head one; --json every weight, rows summing to 1', async () => {
    const a = await run(['gpt2', 'attention', '--backend', 'cpu', '--model', dir, '--out', 'att.svg', 'hello, bye']);
    expect(a.code, a.err).toBe(EXIT.ok);
    expect(existsSync(join(work, 'att-head0.svg')) && existsSync(join(work, 'att-head1.svg'))).toBe(true);
    expect(a.out).toMatch(/^block 0, head 0: "h" → "h" 100%, /);
    const one = await run([
      'gpt2',
      'attention',
      '--backend',
      'cpu',
      '--model',
      dir,
      '--block',
      '1',
      '--head',
      '1',
      '--out',
      'one.png',
      'hello',
    ]);
    expect(one.code).toBe(EXIT.ok);
    expect([...readFileSync(join(work, 'one.png')).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    const json = JSON.parse(
      (await run(['gpt2', 'attention', '--backend', 'cpu', '--model', dir, '--json', 'hello, bye'])).out,
    ) as Gpt2AttentionReport;
    expect(json.tokens).toHaveLength(10);
    expect(json.heads).toHaveLength(2);
    for (const head of json.heads) head.forEach((row) => expect(row.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 5));
    const bad = await run(['gpt2', 'attention', '--backend', 'cpu', '--model', dir, '--block', '2', 'x']);
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.err).toContain("option '--block <n>' argument '2' is not a block: the model has 2 (0 … 1)");
    const ext = await run(['gpt2', 'attention', '--model', dir, '--out', 'a.jpg', 'x']);
    expect(ext.code).toBe(EXIT.usage);
    expect(ext.err).toContain("'a.jpg' must end in .svg or .png");
  });

  it('weights --out writes the matrix, its moving average and the histograms; --json summarises', async () => {
    const r = await run([
      'gpt2',
      'weights',
      '--backend',
      'cpu',
      '--model',
      dir,
      '--block',
      '1',
      '--window',
      '4',
      '--out',
      'w.svg',
      '--json',
    ]);
    expect(r.code, r.err).toBe(EXIT.ok);
    for (const file of ['w.svg', 'w-average.svg', 'w-histograms.svg'])
      expect(existsSync(join(work, file)), file).toBe(true);
    const report = JSON.parse(r.out) as Gpt2WeightsReport;
    expect(report.matrix).toMatchObject({ name: 'h.1.attn.c_proj.weight', shape: [16, 16] });
    expect(report.movingAverage).toMatchObject({ window: 4, shape: [13, 13] });
    expect(report.blocks.map((b) => b.count)).toEqual([12 * 256 + 13 * 16, 12 * 256 + 13 * 16]);
    const fc = JSON.parse(
      (await run(['gpt2', 'weights', '--backend', 'cpu', '--model', dir, '--matrix', 'mlp.c_fc', '--json'])).out,
    ) as Gpt2WeightsReport;
    expect(fc.matrix.shape).toEqual([16, 64]);
    const window = await run(['gpt2', 'weights', '--backend', 'cpu', '--model', dir, '--window', '17']);
    expect(window.code).toBe(EXIT.usage);
    expect(window.err).toContain(
      "option '--window <w>' argument '17' is larger than the 16×16 matrix h.0.attn.c_proj.weight",
    );
  });
});

describe('chatgpt-explained gpt2 --model from the Hub', () => {
  let server: Server;
  let endpoint: string;
  const commit = 'a'.repeat(40);
  const requests: string[] = [];
  const authorizations: Array<string | undefined> = [];

  beforeAll(async () => {
    const files = Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
    // The Hub's resolve URLs: X-Repo-Commit, an ETag and Content-Length; GET sends the bytes.
    server = createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      authorizations.push(req.headers.authorization);
      const match = /^\/test-org\/tiny\/resolve\/[^/]+\/(.+)$/.exec(req.url ?? '');
      const body = match ? files[match[1]!] : undefined;
      if (body === undefined) {
        res.writeHead(404, { 'X-Error-Code': 'EntryNotFound' }).end();
        return;
      }
      res.writeHead(200, {
        'X-Repo-Commit': commit,
        ETag: `"${createHash('sha1').update(body).digest('hex')}"`,
        'Content-Length': String(body.length),
      });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('downloads into --cache-dir with a progress bar, then works offline from the cache', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'gpt2-hub-'));
    const args = [
      'gpt2',
      'next',
      '--backend',
      'cpu',
      '--model',
      'test-org/tiny',
      '--cache-dir',
      cache,
      '--top',
      '2',
      '--json',
      'abc',
    ];
    const first = await run(args, { env: { HF_ENDPOINT: endpoint } });
    expect(first.code, first.err).toBe(EXIT.ok);
    expect(first.err).toMatch(/downloading test-org\/tiny model\.safetensors \(2\/4\) \[#+\] 100%/);
    expect(first.err).toContain('model: test-org/tiny (Hub download, aaaaaaaaaa)');
    const direct = JSON.parse(
      (await run(['gpt2', 'next', '--backend', 'cpu', '--model', dir, '--top', '2', '--json', 'abc'])).out,
    ) as Gpt2NextReport;
    expect(JSON.parse(first.out)).toEqual(direct);
    const gets = requests.filter((r) => r.startsWith('GET')).length;
    const offline = await run(args, { env: { HF_ENDPOINT: endpoint, HF_HUB_OFFLINE: '1' } });
    expect(offline.code, offline.err).toBe(EXIT.ok);
    expect(offline.err).toContain('model: test-org/tiny (Hub cache, aaaaaaaaaa)');
    expect(requests.filter((r) => r.startsWith('GET')).length).toBe(gets);
  });

  it('sends HF_TOKEN as a Bearer token', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'gpt2-hub-'));
    authorizations.length = 0;
    const args = ['gpt2', 'next', '--backend', 'cpu', '--model', 'test-org/tiny', '--cache-dir', cache, 'x'];
    const r = await run(args, { env: { HF_ENDPOINT: endpoint, HF_TOKEN: 'hf_test' } });
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(authorizations.length).toBeGreaterThan(0);
    expect(authorizations.every((a) => a === 'Bearer hf_test')).toBe(true);
  });

  it('--offline with a model not in the cache fails with exit 1 and says so', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'gpt2-hub-'));
    const r = await run([
      'gpt2',
      'next',
      '--backend',
      'cpu',
      '--model',
      'gpt2',
      '--cache-dir',
      cache,
      '--offline',
      'x',
    ]);
    expect(r.code).toBe(EXIT.failure);
    expect(r.err).toMatch(/offline mode: revision "main" of model "gpt2" is not in the cache/);
  });
});

describe('chatgpt-explained gpt2 without --model', () => {
  it('every subcommand has --help naming --model, --backend and --json or --out', async () => {
    for (const name of ['next', 'generate', 'score', 'attention', 'weights']) {
      const { code, out } = await run(['gpt2', name, '--help']);
      expect(code, name).toBe(EXIT.ok);
      expect(out, name).toMatch(new RegExp(`^Usage: chatgpt-explained gpt2 ${name} `));
      for (const option of ['--model <id|dir>', '--backend <name>', '--offline']) expect(out, name).toContain(option);
    }
  });

  it('uses the bundled model, offline', async () => {
    expect(bundledModelAvailable()).toBe(true);
    const r = await run(
      ['gpt2', 'next', '--backend', 'cpu', '--top', '3', '--json', 'The best thing about AI is its ability to'],
      {
        env: { HF_HUB_OFFLINE: '1' },
      },
    );
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(r.err).toContain('model: bundled corpus-gpt2');
    expect((JSON.parse(r.out) as Gpt2NextReport).tokens).toHaveLength(3);
  });
});
