import { Layer, relu, sequential, type CallContext } from '@chatgpt-explained/nn-core';
import * as tf from '@tensorflow/tfjs-core';
import { EssayError } from '../errors';
import { CURVE_NET_HIDDEN, curveNetInit } from './curve-net';

/**
 * `count` independent dense layers computed as one batched matrix product: input `[N, B, inputs]`,
 * weight `[N, inputs, units]`, bias `[N, 1, units]`, output `[N, B, units]`. Slice `k` of every
 * weight is net `k`'s own dense layer; no value crosses between slices. Starts as {@link curveNetInit} says.
 */
export class StackedDense extends Layer {
  readonly kind = 'StackedDense';

  constructor(
    readonly count: number,
    readonly inputs: number,
    readonly units: number,
  ) {
    super();
    const { init, biasInit } = curveNetInit(inputs);
    this.addWeight('weight', [count, inputs, units], init);
    this.addWeight('bias', [count, 1, units], biasInit);
  }

  call(x: tf.Tensor, ctx: CallContext): tf.Tensor {
    if (x.rank !== 3 || x.shape[0] !== this.count || x.shape[2] !== this.inputs) {
      throw new EssayError(
        'INVALID_ARGUMENT',
        `StackedDense${ctx.path ? ` at ${ctx.path}` : ''}: input must have shape [${this.count}, B, ${this.inputs}], got [${x.shape.join(', ')}]`,
        { argument: 'x', value: [...x.shape], expected: `[${this.count}, B, ${this.inputs}]` },
      );
    }
    const y = tf.matMul(x as tf.Tensor3D, this.w('weight') as tf.Tensor3D); // [N, B, units]
    return tf.add(y, this.w('bias')); // [N, B, units]
  }
}

/**
 * `count` nets of the shape of `curveNet(hidden)` (1 → hidden → 1, ReLU), trained together as one
 * model: input `[B, 1]`, output `[B, N]`, column `k` being net `k`'s answer. With the `l2` loss (the
 * sum over the last axis of squared errors, averaged over examples) the total loss is the sum of the
 * nets' own losses, so each net's gradient is exactly its own, and Adam, which updates every weight
 * element on its own, trains each net as if it were alone on the same batches. One batched step
 * costs about what one small net's step does, so N nets train in the time of one.
 *
 * Each net's weights start as `curveNet`'s do ({@link curveNetInit}); the nets differ only through
 * those random starts. Weights are named `layers.0.weight` `[N, 1, h₁]`, `layers.0.bias` `[N, 1, h₁]`, ….
 */
export class NetStack extends Layer {
  readonly kind = 'NetStack';

  constructor(
    readonly count: number,
    readonly hidden: readonly number[] = CURVE_NET_HIDDEN,
  ) {
    super();
    const layers: Layer[] = [];
    let inputs = 1;
    hidden.forEach((units) => {
      layers.push(new StackedDense(count, inputs, units), relu());
      inputs = units;
    });
    layers.push(new StackedDense(count, inputs, 1));
    this.addChild('layers', sequential(layers));
  }

  call(x: tf.Tensor, ctx: CallContext): tf.Tensor {
    if (x.rank !== 2 || x.shape[1] !== 1) {
      throw new EssayError('INVALID_ARGUMENT', `NetStack: input must have shape [B, 1], got [${x.shape.join(', ')}]`, {
        argument: 'x',
        value: [...x.shape],
        expected: '[B, 1]',
      });
    }
    const batch = x.shape[0]!;
    const tiled = tf.broadcastTo(tf.reshape(x, [1, batch, 1]), [this.count, batch, 1]); // [N, B, 1]
    const y = this.callChild('layers', tiled, ctx); // [N, B, 1]
    return tf.transpose(tf.reshape(y, [this.count, batch])); // [B, N]
  }
}
