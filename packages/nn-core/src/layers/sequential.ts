import type * as tf from '@tensorflow/tfjs-core';
import { NnCoreError } from '../errors';
import { Layer, type CallContext } from './layer';

/**
 * Layers run one after another. Children are named by their index (`0`, `1`, …) or, when given a
 * record, by its keys in order; weights are then named `0.weight`, `hidden.bias`, ….
 */
export class Sequential extends Layer {
  readonly kind = 'Sequential';
  private readonly names: string[];

  constructor(layers: readonly Layer[] | Readonly<Record<string, Layer>>) {
    super();
    const entries: Array<[string, Layer]> = Array.isArray(layers)
      ? (layers as readonly Layer[]).map((l, i) => [String(i), l])
      : Object.entries(layers as Record<string, Layer>);
    if (entries.length === 0) {
      throw new NnCoreError('INVALID_ARGUMENT', 'sequential: needs at least one layer', {
        argument: 'layers',
        value: layers,
        expected: 'a non-empty array or record of layers',
      });
    }
    for (const [name, layer] of entries) {
      if (name === '' || name.includes('.')) {
        throw new NnCoreError(
          'INVALID_ARGUMENT',
          `sequential: layer name ${JSON.stringify(name)} is empty or has a dot`,
          {
            argument: 'layers',
            value: name,
            expected: 'names without dots',
          },
        );
      }
      this.addChild(name, layer);
    }
    this.names = entries.map(([name]) => name);
  }

  call(x: tf.Tensor, ctx: CallContext): tf.Tensor {
    let y = x;
    for (const name of this.names) y = this.callChild(name, y, ctx);
    return y;
  }
}

/** Composes layers in order; see {@link Sequential}. */
export function sequential(layers: readonly Layer[] | Readonly<Record<string, Layer>>): Sequential {
  return new Sequential(layers);
}
