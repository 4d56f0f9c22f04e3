import { tensorByteLimit } from '@chatgpt-explained/nn-core';
import { gpt2WeightShapes } from '../checkpoint/layout';
import type { Gpt2Config } from '../config';
import { Gpt2Error } from '../errors';

/**
 * Throws `Gpt2Error` BACKEND_LIMIT when the active backend cannot compute with one of the weights of
 * a model of `config` (see nn-core's `tensorByteLimit`: on WebGPU, GPT-2's 50,257 × 768 token
 * embedding is 154 MB, more than many devices bind, and the backend would silently compute zeros).
 */
export function checkBackendFits(config: Gpt2Config): void {
  const limit = tensorByteLimit();
  if (limit === undefined) return;
  for (const [name, shape] of gpt2WeightShapes(config)) {
    const bytes = 4 * shape.reduce((a, b) => a * b, 1);
    if (bytes > limit.bytes) {
      const mb = (n: number) => `${(n / 1e6).toFixed(0)} MB`;
      throw new Gpt2Error(
        'BACKEND_LIMIT',
        `gpt2: ${name} [${shape.join(', ')}] is ${mb(bytes)} as float32, but ${limit.reason}; use the wasm or ` +
          'cpu backend, or a GPU whose limit is larger',
        {
          argument: 'config',
          value: `${name} [${shape.join(', ')}]`,
          expected: `tensors of at most ${limit.bytes} bytes`,
        },
      );
    }
  }
}
