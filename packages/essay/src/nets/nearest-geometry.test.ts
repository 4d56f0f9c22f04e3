// The geometry of the nearest-point task against hand-computed boxes and labels, and nearestIndex
// against an independent formulation of a Voronoi region (an intersection of half-planes).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EssayError } from '../errors';
import {
  labelAgreement,
  checkPlanePoints,
  nearestGrid,
  labelRows,
  nearestBox,
  nearestIndex,
  nearestLabels,
  nearestInputs,
  type PlanePoint,
} from './nearest-geometry';

const TRIANGLE: PlanePoint[] = [
  { x: 0, y: 0 },
  { x: 4, y: 1 },
  { x: 1, y: 3 },
];

describe('nearestBox', () => {
  it('pads the bounding box by half its larger side on every side', () => {
    // Bounding box [0, 4] × [0, 3]; larger side s = 4; padded by 2.
    expect(nearestBox(TRIANGLE)).toEqual({ x: [-2, 6], y: [-2, 5], center: { x: 2, y: 1.5 }, side: 4 });
    // Collinear on a vertical line: width 0, s = 6 from the height.
    expect(
      nearestBox([
        { x: 1, y: -1 },
        { x: 1, y: 5 },
      ]),
    ).toEqual({
      x: [-2, 4],
      y: [-4, 8],
      center: { x: 1, y: 2 },
      side: 6,
    });
  });
});

describe('nearestGrid', () => {
  it('puts the grid at cell centres, row 0 at the bottom, x fastest', () => {
    // Box [-2, 6] × [-2, 5], 2 × 2 cells: x centres −2 + 8·(0.25, 0.75) = 0, 4; y −2 + 7·(0.25, 0.75) = −0.25, 3.25.
    expect(Array.from(nearestGrid(nearestBox(TRIANGLE), 2))).toEqual([0, -0.25, 4, -0.25, 0, 3.25, 4, 3.25]);
  });
});

describe('nearestIndex and nearestLabels', () => {
  it('label the 2 × 2 grid of the triangle by hand', () => {
    // Squared distances to A(0,0), B(4,1), C(1,3):
    // (0, −0.25): 0.0625, 17.5625, 11.5625 → A      (4, −0.25): 16.0625, 1.5625, 19.5625 → B
    // (0, 3.25): 10.5625, 21.0625, 1.0625 → C       (4, 3.25): 26.5625, 5.0625, 9.0625 → B
    const labels = nearestLabels(TRIANGLE, nearestGrid(nearestBox(TRIANGLE), 2));
    expect(Array.from(labels)).toEqual([0, 1, 2, 1]);
    expect(labelRows(labels, 2)).toEqual([
      [0, 1],
      [2, 1],
    ]);
  });

  it('give a point on a boundary to the lowest index', () => {
    const pair = [
      { x: 0, y: 0 },
      { x: 2, y: 0 },
    ];
    expect(nearestIndex(pair, 1, 7)).toBe(0);
    expect(nearestIndex([pair[1]!, pair[0]!], 1, 7)).toBe(0);
    expect(nearestIndex(pair, 1.000001, 7)).toBe(1);
    // The circumcentre of the triangle (0,0), (2,0), (0,2) is (1, 1), equidistant from all three.
    expect(
      nearestIndex(
        [
          { x: 2, y: 0 },
          { x: 0, y: 2 },
          { x: 0, y: 0 },
        ],
        1,
        1,
      ),
    ).toBe(0);
  });

  it('cut exactly collinear points into parallel strips at the midpoints', () => {
    // (0,0), (2,0), (6,0): boundaries at x = 1 and x = 4; box [-3, 9] × [-3, 3].
    const points = [
      { x: 0, y: 0 },
      { x: 2, y: 0 },
      { x: 6, y: 0 },
    ];
    const size = 12; // cell centres at x = −2.5, −1.5, …, 8.5
    const rows = labelRows(nearestLabels(points, nearestGrid(nearestBox(points), size)), size);
    const strip = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2];
    for (const row of rows) expect(row).toEqual(strip);
  });

  it('agree with the half-plane form of a Voronoi region, for any points and query', () => {
    // x is in point i's region iff for every j: 2(pⱼ − pᵢ)·x ≤ |pⱼ|² − |pᵢ|² (strictly for j < i).
    const coordinate = fc.double({ min: -10, max: 10, noNaN: true });
    const point = fc.record({ x: coordinate, y: coordinate });
    fc.assert(
      fc.property(fc.array(point, { minLength: 2, maxLength: 8 }), point, (points, q) => {
        const i = nearestIndex(points, q.x, q.y);
        const pi = points[i]!;
        points.forEach((pj, j) => {
          const lhs = 2 * ((pj.x - pi.x) * q.x + (pj.y - pi.y) * q.y);
          const rhs = pj.x ** 2 + pj.y ** 2 - pi.x ** 2 - pi.y ** 2;
          const slack = 1e-9 * (1 + Math.abs(rhs) + Math.abs(lhs));
          if (j < i) expect(lhs).toBeLessThan(rhs + slack);
          else expect(lhs).toBeLessThanOrEqual(rhs + slack);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('nearestInputs', () => {
  it('maps the padded box so its larger side spans [-1, 1]', () => {
    const box = nearestBox(TRIANGLE); // [-2, 6] × [-2, 5], centre (2, 1.5), s = 4
    expect(Array.from(nearestInputs(box, [-2, -2, 6, 5, 2, 1.5]))).toEqual([-1, -0.875, 1, 0.875, 0, 0]);
  });
});

describe('labelAgreement', () => {
  it('is the share of equal labels', () => {
    expect(labelAgreement([0, 1, 2, 1], Int32Array.from([0, 1, 1, 1]))).toBe(0.75);
    expect(labelAgreement([2], [2])).toBe(1);
  });

  it('refuses arrays of different or zero length', () => {
    expect(() => labelAgreement([0, 1], [0])).toThrow(
      'labelAgreement: predicted has 2 labels, truth 1; they must have the same non-zero length',
    );
    expect(() => labelAgreement([], [])).toThrow(EssayError);
  });
});

describe('checkPlanePoints', () => {
  const op = 'test';
  it('accepts 2 to 8 distinct finite points', () => {
    expect(checkPlanePoints(op, TRIANGLE)).toBe(TRIANGLE);
  });

  it('refuses too few or too many points, bad coordinates and duplicates, naming them', () => {
    expect(() => checkPlanePoints(op, [{ x: 0, y: 0 }])).toThrow('test: points must hold 2 to 8 points, got 1 points');
    expect(() =>
      checkPlanePoints(
        op,
        Array.from({ length: 9 }, (_, i) => ({ x: i, y: 0 })),
      ),
    ).toThrow(/got 9 points/);
    expect(() =>
      checkPlanePoints(op, [
        { x: 0, y: 0 },
        { x: Number.NaN, y: 1 },
      ]),
    ).toThrow('test: points[1].x must be a finite number of magnitude ≤ 1e9, got NaN');
    expect(() =>
      checkPlanePoints(op, [
        { x: 0, y: 0 },
        { x: 1, y: 2e9 },
      ]),
    ).toThrow(/points\[1\]\.y/);
    let error: unknown;
    try {
      checkPlanePoints(op, [
        { x: 1, y: 2 },
        { x: 3, y: 4 },
        { x: 1, y: 2 },
      ]);
    } catch (e) {
      error = e;
    }
    expect(EssayError.isInstance(error) && error.argument).toBe('points');
    expect((error as Error).message).toBe(
      'test: points[0] and points[2] are the same point (1, 2); the points must be distinct',
    );
  });
});
