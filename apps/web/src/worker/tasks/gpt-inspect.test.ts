import type { HiddenState } from '@chatgpt-explained/gpt2';
import { describe, expect, it } from 'vitest';
import { hiddenStateSpec, rowNorms, tokenAxisLabels } from './gpt-inspect';

const layer: HiddenState = {
  layer: 2,
  label: 'after block 1',
  shape: [2, 3],
  data: Float32Array.from([3, 4, 0, -1, 0, 0]),
};

describe('GPT inspection helpers', () => {
  it('rowNorms gives each token vector its Euclidean length', () => {
    expect(rowNorms(layer)).toEqual([5, 1]);
  });

  it('tokenAxisLabels quotes tokens and numbers the repeated ones by position', () => {
    expect(tokenAxisLabels([' the', 'cat', ' the', '\n'])).toEqual(['" the" #1', '"cat"', '" the" #3', '"\\n"']);
  });

  it('hiddenStateSpec draws tokens × dimensions on a scale symmetric around 0', () => {
    const spec = hiddenStateSpec(layer, ['"a"', '"b"']);
    expect(spec.values).toEqual([
      [3, 4, 0],
      [-1, 0, 0],
    ]);
    expect(spec.rowLabels).toEqual(['"a"', '"b"']);
    const [low, high] = spec.color!.domain!;
    expect(low).toBe(-high);
    expect(high).toBe(4);
    expect(spec.title).toBe('Layer 2: after block 1');
  });
});
