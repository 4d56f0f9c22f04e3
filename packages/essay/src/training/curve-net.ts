import { dense, relu, sequential, type ComputeContext, type Layer, type Sequential } from '@chatgpt-explained/nn-core';

/** Hidden layer sizes of the nets of essay 6.1–6.4: 1 → 32 → 32 → 1 with ReLU (the essay's "Ramp"). */
export const CURVE_NET_HIDDEN: readonly number[] = [32, 32];

/**
 * How the curve nets' weights start: weights normal with standard deviation √(2/fan-in) (He, suited
 * to ReLU), biases uniform in [-1, 1], so an untrained net already bends at random places across
 * [-1, 1] (with zero biases every first-layer kink would sit at x = 0).
 */
export function curveNetInit(inputs: number): { init: { normal: number }; biasInit: { uniform: [number, number] } } {
  return { init: { normal: Math.sqrt(2 / inputs) }, biasInit: { uniform: [-1, 1] } };
}

/**
 * A net with one input and one output: dense layers of `hidden` sizes, each followed by ReLU, then a
 * linear output, started as {@link curveNetInit} says. Weights are named
 * `0.weight`, `0.bias`, `2.weight`, … (the ReLUs are layers 1, 3, …). Not initialised: call
 * `initialize({ seed })`.
 */
export function curveNet(hidden: readonly number[] = CURVE_NET_HIDDEN): Sequential {
  const layers: Layer[] = [];
  let inputs = 1;
  for (const units of [...hidden, 1]) {
    layers.push(dense({ inputs, units, ...curveNetInit(inputs) }));
    if (layers.length < 2 * hidden.length + 1) layers.push(relu());
    inputs = units;
  }
  return sequential(layers);
}

/** The model's outputs at `xs` (a model with one input and `outputs` outputs), as rows of numbers. Disposes its tensors. */
export async function predictRows(
  compute: ComputeContext,
  model: Layer,
  xs: readonly number[],
  outputs = 1,
): Promise<number[][]> {
  const { tf } = compute;
  const output = tf.tidy(() => model.apply(tf.tensor2d([...xs], [xs.length, 1]))); // [n, outputs]
  let flat: Float32Array;
  try {
    flat = (await output.data()) as Float32Array;
  } finally {
    output.dispose();
  }
  return xs.map((_, i) => Array.from(flat.subarray(i * outputs, (i + 1) * outputs)));
}

/** The outputs of a one-input, one-output model at `xs`. Disposes its tensors. */
export async function predictCurve(compute: ComputeContext, model: Layer, xs: readonly number[]): Promise<number[]> {
  return (await predictRows(compute, model, xs)).map((row) => row[0]!);
}

/** Mean over examples of the squared error (the trainer's `l2` loss for one output), in float64. */
export function meanSquaredError(predicted: readonly number[], target: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < predicted.length; i++) sum += (predicted[i]! - target[i]!) ** 2;
  return sum / predicted.length;
}
