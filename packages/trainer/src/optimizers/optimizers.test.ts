/**
 * Each optimizer against PyTorch's update rules, written out below in float64 exactly as
 * torch/optim/{sgd,adam,adamw}.py performs them (single-tensor path), for three steps on a small
 * vector with changing gradients and learning rates.
 */
import * as tf from '@tensorflow/tfjs-core';
import { createBackendRegistry, initBackend } from '@chatgpt-explained/nn-core';
import { cpuBackend } from '@chatgpt-explained/nn-core/backends/cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { code } from '../testing/errors';
import { adam, adamw } from './adam';
import { momentum } from './momentum';
import type { Optimizer } from './optimizer';
import { sgd } from './sgd';

tf.env().set('PROD', true);
beforeAll(async () => {
  await initBackend(createBackendRegistry([cpuBackend()]), 'cpu');
});

const W0 = [0.5, -1.25, 2, 0.001];
const GRADS = [
  [0.1, -0.4, 1.5, 0],
  [-0.3, 0.2, 0.7, 1e-4],
  [0.05, -2, -0.6, 0.3],
];
const RATES = [0.1, 0.05, 0.2];

/** A variable holding `values` (the initial tensor freed, so only the variable counts). */
function variableOf(values: number[] | tf.Tensor): tf.Variable {
  return tf.tidy(() => tf.variable(values instanceof tf.Tensor ? values : tf.tensor1d(values), true));
}

type Reference = (w: number[], g: number[], lr: number, t: number) => void;

/** PyTorch SGD: d_p = g + wd·p; with momentum, buf = g (t = 1) or μ·buf + d_p; nesterov d_p = d_p + μ·buf. */
function torchSgd(mu: number, nesterov: boolean, wd: number): Reference {
  let buf: number[] | undefined;
  return (w, g, lr) => {
    let d = g.map((gi, i) => gi + wd * w[i]!);
    if (mu !== 0) {
      buf = buf === undefined ? [...d] : buf.map((b, i) => mu * b + d[i]!);
      d = nesterov ? d.map((di, i) => di + mu * buf![i]!) : [...buf];
    }
    for (let i = 0; i < w.length; i++) w[i] = w[i]! - lr * d[i]!;
  };
}

/** PyTorch Adam / AdamW (amsgrad off, maximize off). */
function torchAdam(b1: number, b2: number, eps: number, wd: number, decoupled: boolean): Reference {
  const m = W0.map(() => 0);
  const v = W0.map(() => 0);
  return (w, g, lr, t) => {
    if (decoupled) for (let i = 0; i < w.length; i++) w[i] = w[i]! * (1 - lr * wd);
    const grad = decoupled ? g : g.map((gi, i) => gi + wd * w[i]!);
    const bc1 = 1 - b1 ** t;
    const bc2 = 1 - b2 ** t;
    const stepSize = lr / bc1;
    for (let i = 0; i < w.length; i++) {
      m[i] = m[i]! + (grad[i]! - m[i]!) * (1 - b1); // exp_avg.lerp_(grad, 1 - beta1)
      v[i] = v[i]! * b2 + (1 - b2) * grad[i]! * grad[i]!;
      const denom = Math.sqrt(v[i]!) / Math.sqrt(bc2) + eps;
      w[i] = w[i]! - (stepSize * m[i]!) / denom;
    }
  };
}

const CASES: Array<{ name: string; make: () => Optimizer; reference: () => Reference }> = [
  { name: 'sgd', make: () => sgd({ learningRate: 0.1 }), reference: () => torchSgd(0, false, 0) },
  {
    name: 'sgd + weight decay',
    make: () => sgd({ learningRate: 0.1, weightDecay: 0.1 }),
    reference: () => torchSgd(0, false, 0.1),
  },
  { name: 'momentum', make: () => momentum({ learningRate: 0.1 }), reference: () => torchSgd(0.9, false, 0) },
  {
    name: 'momentum nesterov',
    make: () => momentum({ learningRate: 0.1, momentum: 0.8, nesterov: true, weightDecay: 0.01 }),
    reference: () => torchSgd(0.8, true, 0.01),
  },
  { name: 'adam', make: () => adam({ learningRate: 0.1 }), reference: () => torchAdam(0.9, 0.999, 1e-8, 0, false) },
  {
    name: 'adam + L2',
    make: () => adam({ learningRate: 0.1, beta1: 0.8, beta2: 0.99, epsilon: 1e-6, weightDecay: 0.05 }),
    reference: () => torchAdam(0.8, 0.99, 1e-6, 0.05, false),
  },
  { name: 'adamw', make: () => adamw({ learningRate: 0.1 }), reference: () => torchAdam(0.9, 0.999, 1e-8, 0.01, true) },
  {
    name: 'adamw strong decay',
    make: () => adamw({ learningRate: 0.1, weightDecay: 0.5 }),
    reference: () => torchAdam(0.9, 0.999, 1e-8, 0.5, true),
  },
];

describe('optimizers against PyTorch update rules in float64', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s: three steps', async (_name, { make, reference }) => {
    const before = tf.memory().numTensors;
    const optimizer = make();
    const variable = variableOf(W0);
    const expected = [...W0];
    const ref = reference();
    for (let t = 1; t <= 3; t++) {
      const grad = tf.tensor1d(GRADS[t - 1]!);
      optimizer.step([{ name: 'w', variable, grad }], RATES[t - 1]);
      grad.dispose();
      ref(expected, GRADS[t - 1]!, RATES[t - 1]!, t);
      const got = Array.from(await variable.data());
      got.forEach((value, i) =>
        expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(2e-6 * Math.max(1, Math.abs(expected[i]!))),
      );
    }
    optimizer.dispose();
    variable.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('state() and loadState() carry a run over to a fresh optimizer exactly', async () => {
    const a = adamw({ learningRate: 0.05 });
    const b = adamw({ learningRate: 0.05 });
    const wa = variableOf(W0);
    const wb = variableOf(W0);
    for (const g of GRADS.slice(0, 2)) {
      const grad = tf.tensor1d(g);
      a.step([{ name: 'w', variable: wa, grad }]);
      grad.dispose();
    }
    const state = a.state();
    expect(Object.keys(state).sort()).toEqual(['m.w', 'step', 'v.w']);
    expect(Array.from(await state['step']!.data())).toEqual([2]);
    wb.assign(wa);
    b.loadState(state);
    tf.dispose(Object.values(state));
    const grad = tf.tensor1d(GRADS[2]!);
    a.step([{ name: 'w', variable: wa, grad }]);
    b.step([{ name: 'w', variable: wb, grad }]);
    expect(Array.from(await wb.data())).toEqual(Array.from(await wa.data()));
    tf.dispose([grad, wa, wb]);
    a.dispose();
    b.dispose();
  });

  it('adamw decays only the weights its filter selects', async () => {
    const optimizer = adamw({ learningRate: 0.1, weightDecay: 0.5, decay: (_name, shape) => shape.length >= 2 });
    const matrix = variableOf(tf.ones([1, 2]));
    const bias = variableOf(tf.ones([2]));
    const zeroGradM = tf.zeros([1, 2]);
    const zeroGradB = tf.zeros([2]);
    optimizer.step([
      { name: 'w', variable: matrix, grad: zeroGradM },
      { name: 'b', variable: bias, grad: zeroGradB },
    ]);
    // Zero gradients: Adam moves nothing; decay multiplies the matrix by 1 − 0.1·0.5.
    expect(Array.from(await matrix.data())).toEqual([0.95, 0.95].map(Math.fround));
    expect(Array.from(await bias.data())).toEqual([1, 1]);
    tf.dispose([matrix, bias, zeroGradM, zeroGradB]);
    optimizer.dispose();
  });

  it('refuses bad hyperparameters, rates, state names and gradient shapes', () => {
    expect(code(() => sgd({ learningRate: -1 }))).toEqual(['INVALID_ARGUMENT', 'learningRate']);
    expect(code(() => momentum({ learningRate: 0.1, momentum: 1 }))).toEqual(['INVALID_ARGUMENT', 'momentum']);
    expect(code(() => adam({ learningRate: 0.1, beta2: 1.5 }))).toEqual(['INVALID_ARGUMENT', 'beta2']);
    const optimizer = adam({ learningRate: 0.1 });
    const w = variableOf(tf.zeros([2]));
    const g = tf.zeros([3]);
    const before = tf.memory().numTensors;
    expect(code(() => optimizer.step([{ name: 'w', variable: w, grad: g }], NaN))).toEqual([
      'INVALID_ARGUMENT',
      'learningRate',
    ]);
    expect(code(() => optimizer.step([{ name: 'w', variable: w, grad: g }]))).toEqual(['SHAPE_MISMATCH', 'w']);
    expect(code(() => optimizer.loadState({ 'velocity.w': g }))).toEqual(['INVALID_ARGUMENT', 'state']);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([w, g]);
    optimizer.dispose();
  });
});
