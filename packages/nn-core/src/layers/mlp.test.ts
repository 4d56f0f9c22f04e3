import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { describeOnBackends } from '../../test/layer-backends';
import { refMlp } from '../test/reference-layers';
import { maxRelativeError, randomValues } from '../test/reference-ops';
import { thrown } from '../test/thrown';
import { mlp, type MlpOptions } from './mlp';

tf.env().set('PROD', true);

/** Two dense layers of ≤ 16 inputs around GELU: float32 within 1e-5 relative (floor 1). */
const TOLERANCE = 1e-5;

describeOnBackends('mlp forward against float64 loops', () => {
  it('c_proj(gelu_tanh(c_fc(x))) for [B, T, C] with mlpRatio 2', async () => {
    const [rows, c, hidden] = [6, 8, 16];
    const layer = mlp({ embedDim: c, mlpRatio: 2 }).initialize();
    const weights = {
      'c_fc.weight': randomValues(c * hidden, 1),
      'c_fc.bias': randomValues(hidden, 2),
      'c_proj.weight': randomValues(hidden * c, 3, -0.5, 0.5),
      'c_proj.bias': randomValues(c, 4),
    };
    layer.setWeights(weights);
    const x = randomValues(rows * c, 5, -2, 2);
    const before = tf.memory().numTensors;
    const input = tf.tensor(Float32Array.from(x), [2, 3, c]);
    const y = layer.apply(input);
    expect(y.shape).toEqual([2, 3, c]);
    expect(maxRelativeError(await y.data(), refMlp(x, rows, c, hidden, weights))).toBeLessThanOrEqual(TOLERANCE);
    tf.dispose([input, y]);
    expect(tf.memory().numTensors).toBe(before);
    layer.dispose();
  });
});

describe('mlp options', () => {
  it("has Hugging Face GPT-2's names (c_fc, act, c_proj, dropout) and 8·C² + 5·C weights at ratio 4", () => {
    const layer = mlp({ embedDim: 768 });
    expect(layer.hidden).toBe(3072);
    expect(layer.parameterCount()).toBe(8 * 768 * 768 + 5 * 768);
    expect(layer.capturePaths()).toEqual(['c_fc', 'act', 'c_proj', 'dropout']);
  });

  it('takes a ratio given as a quotient whose product rounds to the width (n_inner 1000 at C = 240)', () => {
    expect((1000 / 240) * 240).not.toBe(1000); // 1000.0000000000001 in float64
    expect(mlp({ embedDim: 240, mlpRatio: 1000 / 240 }).hidden).toBe(1000);
    expect(mlp({ embedDim: 7, mlpRatio: 29 / 7 }).hidden).toBe(29);
  });

  it.each([
    ['mlpRatio', { embedDim: 6, mlpRatio: 0.25 }, 0.25, 'mlpRatio 0.25 × embedDim 6 is not a whole number'],
    ['mlpRatio', { embedDim: 6, mlpRatio: -1 }, -1, 'mlpRatio must be a finite number > 0'],
    ['dropout', { embedDim: 6, dropout: 2 }, 2, 'dropout must be a number in [0, 1)'],
    ['ratio', { embedDim: 6, ratio: 2 }, 2, 'unknown option "ratio"'],
  ] as const)('refuses a bad %s', (argument, options, value, message) => {
    const error = thrown(() => mlp(options as unknown as MlpOptions));
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.argument).toBe(argument);
    expect(error.value).toEqual(value);
    expect(error.message).toContain(`mlp: ${message}`);
  });
});
