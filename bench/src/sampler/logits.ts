import type { LogitsSpec } from '../sampler-types';
import type { Rng } from '../tokenizer/rng';

/** A standard normal variate by Box–Muller. */
function normal(rng: Rng): number {
  return Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/**
 * Logit vectors shaped like a language model's: every token gets normal noise (sd `noiseSd`), and a
 * few "plausible next tokens" at random ids stand `headLift` above it, so that most of the
 * probability sits on a handful to a few dozen tokens and top-p 0.9 keeps some of them. Stored as
 * Float32Array, as a model returns them. Same seed, same vectors, on every machine.
 */
export function generateLogits(spec: LogitsSpec, rng: Rng): Float32Array[] {
  const vectors: Float32Array[] = [];
  for (let v = 0; v < spec.vectors; v++) {
    const logits = new Float32Array(spec.vocabulary);
    for (let i = 0; i < logits.length; i++) logits[i] = spec.noiseSd * normal(rng);
    const head = rng.int(spec.head.min, spec.head.max);
    for (let h = 0; h < head; h++) {
      const id = rng.int(0, spec.vocabulary - 1);
      logits[id] = spec.noiseSd * 3 + spec.headLift.min + (spec.headLift.max - spec.headLift.min) * rng.next();
    }
    vectors.push(logits);
  }
  return vectors;
}
