// The benchmark's models built with nn-core, their fixed batch, and their loss: what one training
// step of ours differentiates. torch_train.py builds the same models from the same values.
import { dense, sequential, type Layer, type TfCore } from '@chatgpt-explained/nn-core';
import type * as tfc from '@tensorflow/tfjs-core';
import type { MlpModelConfig, TrainModelConfig } from '../train-types';
import { fillLabels, fillValues, weightValues } from './fill';
import { buildBlock } from './block';

/** A model with its weights set, a fixed batch, and the loss on that batch. */
export interface TrainTask {
  readonly model: Layer;
  /** Number of weights. */
  readonly parameters: number;
  /** Forward and loss (a scalar), to be called inside `tf.variableGrads`. */
  loss(): tfc.Scalar;
  /** Frees the model's weights and the batch. */
  dispose(): void;
}

/** Sets every weight of `model` from {@link weightValues} (the rule torch_train.py follows). */
export function fillWeights(model: Layer): void {
  const values: Record<string, Float32Array> = {};
  for (const { name, variable } of model.namedWeights()) values[name] = weightValues(name, variable.shape);
  model.setWeights(values);
}

function mlp(config: MlpModelConfig): Layer {
  return sequential({
    hidden: dense({ inputs: config.inputs, units: config.hidden, activation: config.activation }),
    out: dense({ inputs: config.hidden, units: config.outputs }),
  });
}

/** Builds `config`'s model and batch on the active backend. */
export function buildTask(tf: TfCore, config: TrainModelConfig): TrainTask {
  const model = config.kind === 'mlp' ? mlp(config) : buildBlock(config);
  model.initialize({ seed: 0 });
  fillWeights(model);
  const { id } = config;
  if (config.kind === 'mlp') {
    const { batch, inputs, outputs } = config;
    const x = tf.tensor2d(fillValues(batch * inputs, `${id}.x`, 1), [batch, inputs]); // [B, in]
    if (config.loss === 'softmax-cross-entropy') {
      const labels = tf.tensor1d(fillLabels(batch, `${id}.labels`, outputs), 'int32'); // [B]
      const onehot = tf.oneHot(labels, outputs); // [B, out]
      labels.dispose();
      return {
        model,
        parameters: model.parameterCount(),
        loss: () => tf.losses.softmaxCrossEntropy(onehot, model.apply(x, { training: true })) as tfc.Scalar,
        dispose: () => {
          tf.dispose([x, onehot]);
          model.dispose();
        },
      };
    }
    const target = tf.tensor2d(fillValues(batch * outputs, `${id}.target`, 1), [batch, outputs]); // [B, out]
    return {
      model,
      parameters: model.parameterCount(),
      loss: () => tf.mean(tf.square(tf.sub(model.apply(x, { training: true }), target))), // []
      dispose: () => {
        tf.dispose([x, target]);
        model.dispose();
      },
    };
  }
  const { batch, context, width } = config;
  const n = batch * context * width;
  const x = tf.tensor3d(fillValues(n, `${id}.x`, 1), [batch, context, width]); // [B, T, C]
  const target = tf.tensor3d(fillValues(n, `${id}.target`, 1), [batch, context, width]); // [B, T, C]
  return {
    model,
    parameters: model.parameterCount(),
    loss: () => tf.mean(tf.square(tf.sub(model.apply(x, { training: true }), target))), // []
    dispose: () => {
      tf.dispose([x, target]);
      model.dispose();
    },
  };
}

/**
 * One training step: forward, loss, gradients of every trainable weight (`tf.variableGrads`), and
 * plain SGD (`w ← w − lr · grad`), all in one `tf.tidy`; resolves with the loss read back, as
 * PyTorch's `loss.item()`.
 */
export function makeStep(
  tf: TfCore,
  task: TrainTask,
  learningRate: number,
): { step: () => Promise<number>; dispose: () => void } {
  const variables = task.model.trainableVariables();
  const lr = tf.scalar(learningRate); // []
  const step = async () => {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => task.loss(), variables);
      for (const v of variables) v.assign(tf.sub(v, tf.mul(grads[v.name]!, lr)));
      return value;
    });
    const data = await loss.data();
    loss.dispose();
    return data[0]!;
  };
  return { step, dispose: () => lr.dispose() };
}
