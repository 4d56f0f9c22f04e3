// The shipped parentheses transformers (data/models/parens-1block, parens-2block): their files agree
// with their training logs, the first training steps replayed on wasm give the logged losses, and
// the 2-block model meets the criterion on held-out strings it was never trained on.
import * as tf from '@tensorflow/tfjs-core';
import {
  evaluateParens,
  heldOutParensStrings,
  loadParensModel,
  parensModelConfig,
  parensTrainingStrings,
  trainParensModel,
  type ParensProcess,
  type ParensSplit,
} from '@chatgpt-explained/essay';
import { configFromHuggingFace, gpt2ParameterCount } from '@chatgpt-explained/gpt2';
import { createBackendRegistry, initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { dataDir } from './data-dir';
import { readParensModel } from './essay-data';

/** Steps replayed from the log. */
const REPLAY_STEPS = 20;
/** Same reasoning as default-model.test.ts: wasm runs the same float32 arithmetic everywhere. */
const TOLERANCE = 1e-5;

interface ParensLog {
  readonly recipe: {
    readonly process: ParensProcess;
    readonly split: ParensSplit;
    readonly training: {
      readonly steps: number;
      readonly batchSize: number;
      readonly trainingStrings: number;
      readonly learningRate: number;
      readonly warmupSteps: number;
      readonly weightDecay: number;
      readonly seed: number;
    };
    readonly heads: number;
    readonly maxLength: number;
    readonly evaluation: { readonly perLength: number; readonly heldOutUpTo: number };
  };
  readonly model: { readonly name: string; readonly blocks: number; readonly dim: number };
  readonly parameters: number;
  readonly steps: readonly { readonly step: number; readonly loss: number; readonly learningRate: number }[];
}

let compute: ComputeContext;

beforeAll(async () => {
  tf.env().set('PROD', true);
  compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
});

for (const name of ['parens-1block', 'parens-2block'] as const) {
  describe(`shipped model ${name}`, () => {
    const dir = join(dataDir(), 'models', name);
    const log = JSON.parse(readFileSync(join(dir, 'loss-log.json'), 'utf8')) as ParensLog;
    const { recipe } = log;
    const shape = { blocks: log.model.blocks, dim: log.model.dim, heads: recipe.heads, maxLength: recipe.maxLength };

    it('ships config, weights, model card and a log of every step that agree', () => {
      for (const file of ['config.json', 'model.safetensors', 'loss-log.json', 'MODEL_CARD.md'])
        expect(existsSync(join(dir, file)), file).toBe(true);
      const config = configFromHuggingFace(JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')));
      expect(config).toEqual(parensModelConfig(shape));
      expect(gpt2ParameterCount(config)).toBe(log.parameters);
      expect(log.steps.map((s) => s.step)).toEqual(Array.from({ length: recipe.training.steps }, (_, i) => i + 1));
      expect(readFileSync(join(dir, 'MODEL_CARD.md'), 'utf8')).toContain(log.parameters.toLocaleString('en-US'));
    });

    it(`replays the first ${REPLAY_STEPS} logged training steps`, { timeout: 120_000 }, async () => {
      const before = tf.memory().numTensors;
      const replay = await trainParensModel(compute, {
        model: shape,
        process: recipe.process,
        split: recipe.split,
        ...recipe.training,
        untilStep: REPLAY_STEPS,
      });
      replay.model.dispose();
      expect(tf.memory().numTensors).toBe(before);
      for (let i = 0; i < REPLAY_STEPS; i++) {
        expect(Math.abs(replay.losses[i]! - log.steps[i]!.loss), `step ${i + 1}`).toBeLessThan(TOLERANCE);
        expect(replay.learningRates[i]).toBeCloseTo(log.steps[i]!.learningRate, 12);
      }
    });
  });
}

describe('the shipped 2-block model on held-out strings (issue 8, item 3)', () => {
  it(
    'gives End > 0.5 after balanced and < 0.05 after unbalanced prefixes of ≤ 12 characters, ≥ 95% of the time each',
    { timeout: 120_000 },
    async () => {
      const dir = join(dataDir(), 'models', 'parens-2block');
      const { recipe } = JSON.parse(readFileSync(join(dir, 'loss-log.json'), 'utf8')) as ParensLog;
      const heldOut = heldOutParensStrings(recipe.split, {
        maxLength: recipe.evaluation.heldOutUpTo,
        perLength: recipe.evaluation.perLength,
      });
      // Whole strings held out: none of them is among the strings the model was trained on.
      const training = new Set(
        parensTrainingStrings(recipe.process, recipe.split, recipe.training.trainingStrings, recipe.training.seed),
      );
      expect(heldOut.filter((h) => training.has(h.text))).toEqual([]);

      const model = await loadParensModel(compute, await readParensModel(dir));
      try {
        const evaluation = await evaluateParens(compute, model, heldOut);
        const { short } = evaluation;
        expect(short.prefixes).toBeGreaterThan(1000);
        expect(short.balanced).toBeGreaterThan(100);
        expect(short.balancedAccuracy).toBeGreaterThanOrEqual(0.95);
        expect(short.unbalancedAccuracy).toBeGreaterThanOrEqual(0.95);
        // The same numbers as the model card reports for 1–12 and 13–24 characters.
        const card = readFileSync(join(dir, 'MODEL_CARD.md'), 'utf8');
        expect(card).toContain(`**${(100 * short.thresholdAccuracy).toFixed(1)}%**`);
        expect(card).toContain(`**${(100 * evaluation.long.thresholdAccuracy).toFixed(1)}%**`);
      } finally {
        model.dispose();
      }
    },
  );
});
