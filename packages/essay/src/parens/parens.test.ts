/**
 * The parentheses transformer's pieces: sequences checked by hand, the masked loss against a float64
 * recomputation, held-out strings never trained on, training that lowers the loss and can be
 * stopped, next-token probabilities that a model reading each prefix alone agrees with, save/load
 * round trips, and the evaluation's tallies against counts made by hand. No tensor leaks.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createGpt2Model } from '@chatgpt-explained/gpt2';
import { createBackendRegistry, initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { beforeAll, describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import { PAD_TARGET, heldOutParensStrings, parensSequences, parensTrainingStrings } from './dataset';
import {
  evaluateParens,
  groupByTrainedLength,
  tallyPrefixes,
  type ParensEvaluation,
  type PrefixResult,
} from './evaluate';
import { PARENS_SPLIT, enumerateBalanced, isBalanced, isHeldOut, parensProcess, parensSplit } from './language';
import { loadParensModel, parensModelConfig, parensNext, parensProbabilities, saveParensModel } from './model';
import { maskedCrossEntropy, trainParensModel } from './train';

let compute: ComputeContext;

beforeAll(async () => {
  tf.env().set('PROD', true);
  compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
});

/** A small, quick run: strings up to 8 characters, a 1-block model of 16. */
const TINY = {
  model: { blocks: 1, dim: 16, heads: 2, maxLength: 10 },
  process: { maxLength: 8 },
  trainingStrings: 400,
  batchSize: 16,
  steps: 40,
  warmupSteps: 5,
  learningRate: 0.01,
} as const;

describe('parentheses sequences', () => {
  it('encode End s End with the targets shifted by one and padding left out', () => {
    const { inputs, targets } = parensSequences(['(())', '()'], 6);
    // Worked by hand: ( is 0, ) is 1, End is 2, padding targets are −1.
    expect([...inputs]).toEqual([2, 0, 0, 1, 1, 2, 2, 0, 1, 2, 2, 2]);
    expect([...targets]).toEqual([0, 0, 1, 1, 2, -1, 0, 1, 2, -1, -1, -1]);
    expect(PAD_TARGET).toBe(-1);
    expect(() => parensSequences(['(((())))'], 8)).toThrow(EssayError);
  });

  it('never trains on a held-out string, and draws the same strings for the same seed', () => {
    const process = parensProcess();
    const strings = parensTrainingStrings(process, PARENS_SPLIT, 20_000, 5);
    expect(strings.some((s) => isHeldOut(s, PARENS_SPLIT))).toBe(false);
    expect(strings.every(isBalanced)).toBe(true);
    expect(parensTrainingStrings(process, PARENS_SPLIT, 100, 5)).toEqual(strings.slice(0, 100));
    const held = heldOutParensStrings(PARENS_SPLIT, { maxLength: 24 });
    const training = new Set(strings);
    expect(held.filter((h) => training.has(h.text))).toEqual([]);
  });

  it('holds out, at the short lengths, exactly the strings the hash picks', () => {
    const held = heldOutParensStrings(PARENS_SPLIT, { maxLength: 12, perLength: 1000 });
    const expected = [2, 4, 6, 8, 10, 12].flatMap((n) =>
      enumerateBalanced(n).filter((s) => isHeldOut(s, PARENS_SPLIT)),
    );
    expect(held.map((h) => h.text)).toEqual(expected);
    const long = heldOutParensStrings(PARENS_SPLIT, { maxLength: 24, perLength: 50 }).filter((h) => h.length === 24);
    expect(long.length).toBe(50);
    expect(new Set(long.map((h) => h.text)).size).toBe(50);
    expect(long.every((h) => isBalanced(h.text) && isHeldOut(h.text, PARENS_SPLIT))).toBe(true);
  });
});

describe('the masked cross-entropy', () => {
  it('averages −log p of the target over the real positions only (float64 reference)', () => {
    const logits = [
      [
        [1, 2, 0.5],
        [0, -1, 3],
        [2, 2, 2],
      ],
      [
        [0.1, 0.2, 0.3],
        [5, 0, 0],
        [1, 0, -1],
      ],
    ];
    const targets = [
      [0, 2, -1],
      [1, -1, -1],
    ];
    let total = 0;
    let count = 0;
    logits.forEach((row, b) =>
      row.forEach((l, t) => {
        const y = targets[b]![t]!;
        if (y < 0) return;
        const logSum = Math.log(l.reduce((s, v) => s + Math.exp(v), 0));
        total += logSum - l[y]!;
        count++;
      }),
    );
    const before = tf.memory().numTensors;
    const l = tf.tensor3d(logits);
    const y = tf.tensor2d(targets, [2, 3], 'int32');
    const loss = maskedCrossEntropy(tf)(l, y);
    expect(loss.dataSync()[0]).toBeCloseTo(total / count, 5);
    tf.dispose([l, y, loss]);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('training and reading a parentheses transformer', () => {
  it('lowers the loss, leaves no tensors behind, and is the same run for the same seed', async () => {
    const before = tf.memory().numTensors;
    const a = await trainParensModel(compute, TINY);
    const b = await trainParensModel(compute, { ...TINY, steps: 5 });
    expect(a.losses).toHaveLength(40);
    expect(b.losses).toEqual(a.losses.slice(0, 5));
    const first = a.losses.slice(0, 5).reduce((s, v) => s + v, 0) / 5;
    const last = a.losses.slice(-5).reduce((s, v) => s + v, 0) / 5;
    expect(last).toBeLessThan(first - 0.2);
    a.model.dispose();
    b.model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops when aborted, with the signal reason, and refuses bad options', async () => {
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    const run = trainParensModel(compute, {
      ...TINY,
      signal: controller.signal,
      onProgress: (e) => {
        if (e.step === 2) controller.abort(new Error('stop here'));
      },
    });
    await expect(run).rejects.toThrow('stop here');
    expect(tf.memory().numTensors).toBe(before);
    await expect(trainParensModel(compute, { ...TINY, steps: 0 })).rejects.toMatchObject({ argument: 'steps' });
    await expect(trainParensModel(compute, { ...TINY, model: { ...TINY.model, maxLength: 6 } })).rejects.toMatchObject({
      argument: 'model.maxLength',
    });
  });

  it('gives after each prefix of a string what it gives reading that prefix alone, and saves and loads', async () => {
    const start = tf.memory().numTensors;
    const config = parensModelConfig({ blocks: 2, dim: 16, heads: 2, maxLength: 12 });
    const model = createGpt2Model(config).initialize({ seed: 3 });
    const text = '(()(()))()';
    await parensNext(compute, model, ''); // the model keeps a transposed copy of wte, made on first use
    const before = tf.memory().numTensors;
    const [rows] = await parensProbabilities(compute, model, [text]);
    for (let k = 0; k <= text.length; k++) {
      const alone = await parensNext(compute, model, text.slice(0, k));
      const p = alone.tokens.map((t) => t.probability);
      expect(p.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 5);
      for (let i = 0; i < 3; i++) expect(rows![k]![i]).toBeCloseTo(p[i]!, 5);
    }
    expect(tf.memory().numTensors).toBe(before);

    const files = await saveParensModel(model);
    expect(Object.keys(files).sort()).toEqual(['config.json', 'model.safetensors']);
    const loaded = await loadParensModel(compute, files);
    const [again] = await parensProbabilities(compute, loaded, [text]);
    expect(again!.map((r) => [...r])).toEqual(rows!.map((r) => [...r]));
    loaded.dispose();
    model.dispose();
    expect(tf.memory().numTensors).toBe(start);

    await expect(parensNext(compute, model, '(x')).rejects.toMatchObject({ argument: 'texts[0]' });
  });

  it('refuses a checkpoint over another vocabulary', async () => {
    const other = createGpt2Model({ ...parensModelConfig({ dim: 16, heads: 2, blocks: 1 }), vocabSize: 5 }).initialize({
      seed: 1,
    });
    const files = await saveParensModel(other);
    other.dispose();
    await expect(loadParensModel(compute, files)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      argument: 'config',
    });
  });
});

describe('judging where strings may end', () => {
  it('tallies the two criteria as counted by hand', () => {
    const r = (balanced: boolean, end: number, top: boolean): PrefixResult => ({
      prefix: '',
      length: 1,
      balanced,
      maxDepth: 1,
      probabilities: [0, 1 - end, end],
      argmaxRight: top,
      thresholdRight: balanced ? end > 0.5 : end < 0.05,
    });
    const t = tallyPrefixes([r(true, 0.6, true), r(true, 0.4, false), r(false, 0.01, true), r(false, 0.2, true)]);
    expect(t).toEqual({
      prefixes: 4,
      balanced: 2,
      argmaxAccuracy: 3 / 4,
      thresholdAccuracy: 2 / 4,
      balancedAccuracy: 1 / 2,
      unbalancedAccuracy: 1 / 2,
    });
  });

  it('groups prefixes by whether their strings are within the training lengths (counted by hand)', () => {
    const result = (prefix: string, right: boolean): PrefixResult => ({
      prefix,
      length: prefix.length,
      balanced: isBalanced(prefix),
      maxDepth: 1,
      probabilities: [0, 0, 0],
      argmaxRight: right,
      thresholdRight: right,
    });
    // Held out: "()" (2 characters, within 4), prefixes "(" "()"; and "(())()" (6, longer), prefixes
    // "(" "((" "(()" "(())" "(())(" "(())()". "(" belongs to both.
    const prefixes = [
      result('(', true),
      result('()', true),
      result('((', false),
      result('(()', true),
      result('(())', false),
      result('(())(', true),
      result('(())()', false),
    ];
    const evaluation = { prefixes, shortUpTo: 1 } as unknown as ParensEvaluation;
    const groups = groupByTrainedLength(
      evaluation,
      [
        { text: '()', length: 2, maxDepth: 1 },
        { text: '(())()', length: 6, maxDepth: 2 },
      ],
      4,
    );
    expect(groups.short).toMatchObject({ prefixes: 1, thresholdAccuracy: 1 }); // "("
    expect(groups.long).toMatchObject({ prefixes: 1, thresholdAccuracy: 1 }); // "()"
    expect(groups.beyond).toMatchObject({ prefixes: 6, thresholdAccuracy: 3 / 6 }); // "(" "(()" "(())(" right
    expect(groupByTrainedLength(evaluation, [{ text: '()', length: 2, maxDepth: 1 }], 4).beyond).toBeNull();
  });

  it('judges every distinct prefix once, with the right balance and depth', async () => {
    const model = createGpt2Model(parensModelConfig({ blocks: 1, dim: 16, heads: 2, maxLength: 8 })).initialize({
      seed: 2,
    });
    const heldOut = heldOutParensStrings(parensSplit({ heldOutFraction: 0.5 }), { maxLength: 8 });
    const evaluation = await evaluateParens(compute, model, heldOut);
    const distinct = new Set(
      heldOut.flatMap((h) => Array.from({ length: h.length }, (_, k) => h.text.slice(0, k + 1))),
    );
    expect(evaluation.prefixes.map((p) => p.prefix).sort()).toEqual([...distinct].sort());
    for (const p of evaluation.prefixes) {
      expect(p.balanced).toBe(isBalanced(p.prefix));
      let depth = 0;
      let max = 0;
      for (const c of p.prefix) max = Math.max(max, (depth += c === '(' ? 1 : -1));
      expect(p.maxDepth).toBe(max);
    }
    expect(evaluation.short.prefixes).toBe(evaluation.prefixes.length);
    model.dispose();
  });
});
