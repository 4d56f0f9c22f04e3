import { scheme } from 'vega';

/** An opaque colour as `[r, g, b]`, each 0–255. */
export type Rgb = readonly [number, number, number];

/** Parses the colour strings Vega's schemes produce: `#rrggbb` and `rgb(r, g, b)`. */
export function parseColor(color: string): Rgb {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(color);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /^rgb\(\s*(\d+),\s*(\d+),\s*(\d+)\s*\)$/.exec(color);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  throw new Error(`unexpected colour ${JSON.stringify(color)} from a Vega scheme`);
}

/** `count` colours sampled evenly along Vega's continuous scheme `name`, first to last. */
export function sampleScheme(name: string, count: number): Rgb[] {
  const interpolate = scheme(name) as ((t: number) => string) | undefined;
  if (typeof interpolate !== 'function') throw new Error(`Vega has no continuous scheme ${name}`);
  return Array.from({ length: count }, (_, i) => parseColor(interpolate(count === 1 ? 0 : i / (count - 1))));
}

/** The colours of Vega's categorical scheme `name` (`tableau10`, `category20`). */
export function categoricalColors(name: string): Rgb[] {
  const colors = scheme(name) as readonly string[] | undefined;
  if (!Array.isArray(colors)) throw new Error(`Vega has no categorical scheme ${name}`);
  return colors.map(parseColor);
}

/** Categorical colours for `count` classes: `tableau10` up to 10, `category20` up to 20. */
export function classScheme(count: number): string {
  return count <= 10 ? 'tableau10' : 'category20';
}

/**
 * Maps values to one of `levels` positions along a colour scheme the way a Vega interpolating scale
 * of the same `type`, `domain` and `reverse` does, so the raster matches the legend's gradient.
 */
export function scalePosition(
  type: 'linear' | 'sqrt' | 'log',
  domain: readonly [number, number],
  reverse: boolean,
): (value: number) => number {
  const f =
    type === 'log'
      ? Math.log
      : type === 'sqrt'
        ? (v: number) => Math.sign(v) * Math.sqrt(Math.abs(v))
        : (v: number) => v;
  const lo = f(domain[0]);
  const span = f(domain[1]) - lo;
  return (value) => {
    const t = Math.min(1, Math.max(0, (f(value) - lo) / span));
    return reverse ? 1 - t : t;
  };
}

/** `color` mixed with white: `strength` 1 is the colour itself, 0 is white. */
export function tint(color: Rgb, strength: number): Rgb {
  return [
    Math.round(255 + (color[0] - 255) * strength),
    Math.round(255 + (color[1] - 255) * strength),
    Math.round(255 + (color[2] - 255) * strength),
  ];
}
