/**
 * MNIST-style centring of a drawn digit: hand-worked cases, MNIST's own test images as the
 * reference for where the centre of mass goes, and the shipped net reading MNIST test digits drawn
 * large anywhere on a 280×280 canvas once they are centred (and far worse when they are not).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createBackendRegistry, initBackend, type ComputeContext } from '@chatgpt-explained/nn-core';
import { wasmBackend } from '@chatgpt-explained/nn-core/backends/wasm';
import { mulberry32, readMnist, type MnistData } from '@chatgpt-explained/trainer';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoData } from '../testing/repo-data';
import { centreDigit, fieldCentre } from './centre-digit';
import { loadDigitNet } from './model-file';
import { predictDigits } from './predict';

let compute: ComputeContext;
let test: MnistData;

beforeAll(async () => {
  tf.env().set('PROD', true);
  compute = await initBackend(createBackendRegistry([wasmBackend()]), 'wasm');
  test = await readMnist({
    images: repoData('mnist/t10k-images-idx3-ubyte.gz'),
    labels: repoData('mnist/t10k-labels-idx1-ubyte.gz'),
  });
});

/** Centre of mass of a `side × side` image, pixel-index coordinates. */
function centreOfMass(pixels: ArrayLike<number>, side: number): [number, number] {
  let m = 0;
  let x = 0;
  let y = 0;
  for (let i = 0; i < side * side; i++) {
    m += pixels[i]!;
    x += pixels[i]! * (i % side);
    y += pixels[i]! * Math.floor(i / side);
  }
  return [x / m, y / m];
}

/** MNIST test image `i` drawn `scale` times larger at (`left`, `top`) on a 280×280 canvas of bytes. */
function drawLarge(i: number, scale: number, left: number, top: number): Uint8ClampedArray {
  const canvas = new Uint8ClampedArray(280 * 280);
  for (let y = 0; y < 28 * scale; y++) {
    for (let x = 0; x < 28 * scale; x++) {
      const v = test.images[i * 784 + Math.floor(y / scale) * 28 + Math.floor(x / scale)]!;
      canvas[(top + y) * 280 + left + x] = v;
    }
  }
  return canvas;
}

describe('centreDigit', () => {
  it('scales one ink pixel to a 20×20 square and puts its centre at the field centre (worked by hand)', () => {
    const data = new Float32Array(100 * 100);
    data[37 * 100 + 61] = 1;
    const r = centreDigit({ width: 100, height: 100, data });
    expect(r.box).toEqual([61, 37, 62, 38]);
    // The square's own centre is 9.5; the shift is round(14 − 9.5) = 5, so it fills rows and columns 5…24.
    for (let y = 0; y < 28; y++)
      for (let x = 0; x < 28; x++)
        expect(r.pixels[y * 28 + x], `${x},${y}`).toBeCloseTo(x >= 5 && x < 25 && y >= 5 && y < 25 ? 1 : 0, 6);
    expect(r.centreOfMass).toEqual([14.5, 14.5]);
  });

  it('keeps the aspect ratio and averages area: a 10×40 bar becomes 5×20, a half-grey pixel half ink', () => {
    const data = new Uint8Array(50 * 50);
    for (let y = 5; y < 45; y++) for (let x = 20; x < 30; x++) data[y * 50 + x] = 255;
    const r = centreDigit({ width: 50, height: 50, data });
    const columns = new Set<number>();
    const rows = new Set<number>();
    r.pixels.forEach((v, i) => {
      if (v > 0) {
        columns.add(i % 28);
        rows.add(Math.floor(i / 28));
      }
    });
    expect(columns.size).toBe(5);
    expect(rows.size).toBe(20);
    expect(Math.max(...r.pixels)).toBeCloseTo(1, 6);
    // Area averaging: a 2×2 input block with one full and one half pixel per row averages to 0.75.
    const block = new Float32Array(40 * 40);
    for (let y = 0; y < 40; y++) for (let x = 0; x < 40; x++) block[y * 40 + x] = x % 2 === 0 ? 1 : 0.5;
    const averaged = centreDigit({ width: 40, height: 40, data: block });
    expect(averaged.pixels[14 * 28 + 14]).toBeCloseTo(0.75, 5);
  });

  it('says when there is no ink, and refuses malformed images', () => {
    const empty = centreDigit({ width: 3, height: 3, data: new Float32Array(9) });
    expect(empty).toMatchObject({ hasInk: false, box: null, centreOfMass: null });
    expect(Math.max(...empty.pixels)).toBe(0);
    expect(() => centreDigit({ width: 3, height: 3, data: new Float32Array(8) })).toThrow(/image\.data/);
    expect(() => centreDigit({ width: 0, height: 3, data: new Float32Array(0) })).toThrow(/image\.width/);
    expect(() => centreDigit({ width: 3, height: 3, data: new Float32Array(9) }, { box: 40 })).toThrow(/box/);
  });

  it("puts the centre of mass where MNIST's own test digits have theirs", () => {
    let sx = 0;
    let sy = 0;
    const n = 2000;
    for (let i = 0; i < n; i++) {
      const [x, y] = centreOfMass(test.images.subarray(i * 784, (i + 1) * 784), 28);
      sx += x;
      sy += y;
    }
    // MNIST's mean centre of mass, measured from the files, lies within half a pixel of ours.
    expect(Math.abs(sx / n - fieldCentre(28))).toBeLessThan(0.5);
    expect(Math.abs(sy / n - fieldCentre(28))).toBeLessThan(0.5);
  });

  it('lets the shipped net read MNIST test digits drawn large anywhere on a canvas', { timeout: 60_000 }, async () => {
    const { net } = loadDigitNet(compute, repoData('models/digits-lenet/model.safetensors'));
    const rng = mulberry32(5);
    const count = 300;
    const centred = new Float32Array(count * 784);
    const naive = new Float32Array(count * 784);
    const labels: number[] = [];
    for (let k = 0; k < count; k++) {
      const i = 17 * k; // spread over the test set
      const scale = 4 + Math.floor(rng() * 6); // 4…9 times larger
      const left = Math.floor(rng() * (280 - 28 * scale));
      const top = Math.floor(rng() * (280 - 28 * scale));
      const canvas = drawLarge(i, scale, left, top);
      centred.set(centreDigit({ width: 280, height: 280, data: canvas }).pixels, k * 784);
      // Without centring: the canvas shrunk to 28×28 as it is (10×10 pixel averages).
      for (let y = 0; y < 28; y++)
        for (let x = 0; x < 28; x++) {
          let s = 0;
          for (let dy = 0; dy < 10; dy++)
            for (let dx = 0; dx < 10; dx++) s += canvas[(10 * y + dy) * 280 + 10 * x + dx]!;
          naive[k * 784 + y * 28 + x] = s / 100 / 255;
        }
      labels.push(test.labels[i]!);
    }
    const accuracy = async (images: Float32Array) => {
      const p = await predictDigits(compute, net, { count, rows: 28, cols: 28, images });
      return p.predicted.filter((d, k) => d === labels[k]).length / count;
    };
    const withCentring = await accuracy(centred);
    const without = await accuracy(naive);
    net.dispose();
    expect(withCentring).toBeGreaterThanOrEqual(0.95);
    expect(without).toBeLessThan(withCentring - 0.2);
  });
});
