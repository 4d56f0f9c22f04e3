import type { Axis, Mark, Scale } from 'vega';
import type { SpecChecker } from './check';
import type { Raster } from './raster';

/** A rectangle of the plane, `[min, max]` along each axis. */
export interface Extent {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/** Checks an `extent` field: `{ x: [min, max], y: [min, max] }`. */
export function checkExtent(check: SpecChecker, path: string, value: unknown): Extent {
  const extent = check.object(path, value, ['x', 'y']);
  const x = check.range(`${path}.x`, extent.x);
  const y = check.range(`${path}.y`, extent.y);
  if (x === undefined || y === undefined) {
    check.fail('INVALID_ARGUMENT', path, value, 'must have both x and y ranges', '{ x: [min, max], y: [min, max] }');
  }
  return { x, y };
}

/** Plot size from a grid's shape: the longer side `long` pixels, or derived from the one side given. */
export function plotSize(
  check: SpecChecker,
  spec: Record<string, unknown>,
  aspect: number,
  long = 400,
): { width: number; height: number } {
  const limits = { min: 20, max: 10_000 };
  const clamp = (v: number) => Math.round(Math.min(limits.max, Math.max(80, v)));
  const width = spec.width === undefined ? undefined : check.number('spec.width', spec.width, 0, limits);
  const height = spec.height === undefined ? undefined : check.number('spec.height', spec.height, 0, limits);
  if (width !== undefined && height !== undefined) return { width, height };
  if (width !== undefined) return { width, height: clamp(width * aspect) };
  if (height !== undefined) return { width: clamp(height / aspect), height };
  return aspect <= 1 ? { width: long, height: clamp(long * aspect) } : { width: clamp(long / aspect), height: long };
}

/** Linear x and y scales over an extent, y upwards. */
export function extentScales(extent: Extent): Scale[] {
  return [
    { name: 'x', type: 'linear', domain: [...extent.x], range: 'width', zero: false, nice: false },
    { name: 'y', type: 'linear', domain: [...extent.y], range: 'height', zero: false, nice: false },
  ];
}

/** Bottom and left axes with titles; `extra` adds Vega axis properties per orientation. */
export function plotAxes(xLabel: string, yLabel: string, extra: { x?: Partial<Axis>; y?: Partial<Axis> } = {}): Axis[] {
  return [
    { orient: 'bottom', scale: 'x', title: xLabel, labelOverlap: true, zindex: 1, ...extra.x },
    { orient: 'left', scale: 'y', title: yLabel, labelOverlap: true, zindex: 1, ...extra.y },
  ] as Axis[];
}

/** The raster stretched over the whole plot area, with a thin frame. */
export function imageMarks(raster: Raster): Mark[] {
  return [
    {
      type: 'image',
      encode: {
        enter: {
          x: { value: 0 },
          y: { value: 0 },
          width: { signal: 'width' },
          height: { signal: 'height' },
          url: { value: raster.url },
          aspect: { value: false },
          smooth: { value: true },
        },
      },
    },
    {
      type: 'rect',
      encode: {
        enter: {
          x: { value: 0 },
          y: { value: 0 },
          width: { signal: 'width' },
          height: { signal: 'height' },
          stroke: { value: '#666666' },
          strokeWidth: { value: 1 },
          fill: { value: 'transparent' },
        },
      },
    },
  ] as Mark[];
}
