// Gaussian blur against values worked out by hand.
import { describe, expect, it } from 'vitest';
import { gaussianBlur, gaussianKernel } from './blur';

describe('gaussianKernel', () => {
  it('σ = 1: radius 3, weights e^(−x²/2) over their sum 2.5059…', () => {
    // e^0 = 1, e^−0.5 = 0.60653066, e^−2 = 0.13533528, e^−4.5 = 0.01110900; sum = 1 + 2·0.75297494 = 2.50594988.
    const sum = 2.50594988;
    const expected = [0.011109, 0.13533528, 0.60653066, 1, 0.60653066, 0.13533528, 0.011109].map((w) => w / sum);
    const k = gaussianKernel(1);
    expect(k.length).toBe(7);
    k.forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 6));
    expect(k[3]).toBeCloseTo(0.39905, 5); // close to 1/√(2π) = 0.39894, the continuous peak
  });

  it('σ = 0.5: radius 2, weights [e^−8, e^−2, 1, e^−2, e^−8] normalised', () => {
    const raw = [Math.exp(-8), Math.exp(-2), 1, Math.exp(-2), Math.exp(-8)]; // 0.00033546, 0.13533528, 1
    const sum = 1.27134148;
    expect(raw.reduce((a, b) => a + b, 0)).toBeCloseTo(sum, 7);
    gaussianKernel(0.5).forEach((w, i) => expect(w).toBeCloseTo(raw[i]! / sum, 7));
  });

  it('σ = 0 is the identity, a negative σ is refused', () => {
    expect(Array.from(gaussianKernel(0))).toEqual([1]);
    expect(() => gaussianKernel(-1)).toThrow(/sigma must be a finite number ≥ 0, got -1/);
  });
});

describe('gaussianBlur', () => {
  it('spreads one bright pixel into the outer product of the kernel', () => {
    const image = new Array(49).fill(0);
    image[3 * 7 + 3] = 1; // the centre of a 7×7 image
    const k = [0.011109, 0.13533528, 0.60653066, 1, 0.60653066, 0.13533528, 0.011109].map((w) => w / 2.50594988);
    const out = gaussianBlur(image, 7, 7, 1);
    for (let y = 0; y < 7; y++) for (let x = 0; x < 7; x++) expect(out[y * 7 + x]).toBeCloseTo(k[y]! * k[x]!, 6);
    // Centre: 0.39905² = 0.15924.
    expect(out[24]).toBeCloseTo(0.15924, 5);
  });

  it('at a border, ink outside counts as 0: a corner pixel keeps (0.39905 + …)-weighted share only', () => {
    const image = [1, 0, 0, 0, 0, 0, 0, 0, 0]; // 3×3, top-left pixel lit
    const c = 1 / 1.27134148; // σ = 0.5 centre weight 0.78657
    const e = Math.exp(-2) / 1.27134148; // neighbour weight 0.10645
    const out = gaussianBlur(image, 3, 3, 0.5);
    expect(out[0]).toBeCloseTo(c * c, 6); // 0.61869
    expect(out[1]).toBeCloseTo(c * e, 6);
    expect(out[4]).toBeCloseTo(e * e, 6);
    // Mass that fell off the image is lost: total < 1.
    expect(out.reduce((a, b) => a + b, 0)).toBeLessThan(1);
  });

  it('keeps a constant image constant away from the border, and σ = 0 copies', () => {
    const image = new Array(15 * 15).fill(0.5);
    const out = gaussianBlur(image, 15, 15, 1);
    expect(out[7 * 15 + 7]).toBeCloseTo(0.5, 6);
    expect(Array.from(gaussianBlur([1, 2, 3, 4], 2, 2, 0))).toEqual([1, 2, 3, 4]);
    expect(() => gaussianBlur([1, 2, 3], 2, 2, 1)).toThrow(/has 3 values; rows × cols = 2 × 2 needs 4/);
  });
});
