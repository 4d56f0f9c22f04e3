import type { Spec as VegaSpec } from 'vega';
import { BASE_KEYS, checkBase, type SpecChecker } from './check';
import { titleOf } from './theme';
import { compileLite } from './vega-lite';

const KEYS = [...BASE_KEYS, 'points', 'xLabel', 'yLabel', 'legendTitle'];
const POINT_KEYS = ['x', 'y', 'label', 'group'];

/** Checks a scatter spec and builds its Vega spec (through Vega-Lite). */
export function scatterToVega(input: unknown, check: SpecChecker): VegaSpec {
  const spec = check.object('spec', input, KEYS);
  const base = checkBase(check, spec, { width: 440, height: 360 });
  const xLabel = check.string('spec.xLabel', spec.xLabel);
  const yLabel = check.string('spec.yLabel', spec.yLabel);
  const legendTitle = check.optionalString('spec.legendTitle', spec.legendTitle) ?? 'group';

  const groups: string[] = [];
  let grouped: boolean | undefined;
  const rows = check.array('spec.points', spec.points).map((item, i) => {
    const path = `spec.points[${i}]`;
    const point = check.object(path, item, POINT_KEYS);
    const x = check.finite(`${path}.x`, point.x);
    const y = check.finite(`${path}.y`, point.y);
    const label = check.optionalString(`${path}.label`, point.label);
    const group = check.optionalString(`${path}.group`, point.group);
    if (grouped === undefined) grouped = group !== undefined;
    else if (grouped !== (group !== undefined)) {
      check.fail(
        'INVALID_ARGUMENT',
        `${path}.group`,
        group,
        grouped ? 'is missing, but earlier points have a group' : 'is set, but earlier points have none',
        'a group on every point or on none',
      );
    }
    if (group !== undefined && !groups.includes(group)) groups.push(group);
    return { x, y, label: label ?? null, g: group ?? null };
  });

  // Domains with room around the points, and on the right for their labels (about 7 px a character).
  const longest = rows.reduce((n, r) => Math.max(n, r.label?.length ?? 0), 0);
  const labelShare = longest === 0 ? 0 : Math.min(0.4, (longest * 7 + 10) / base.width);
  const xDomain = paddedDomain(
    rows.map((r) => r.x),
    labelShare,
  );
  const yDomain = paddedDomain(
    rows.map((r) => r.y),
    0,
  );
  const color = grouped
    ? { field: 'g', type: 'nominal', title: legendTitle, scale: { domain: groups } }
    : { value: '#4c78a8' };
  const position = {
    x: {
      field: 'x',
      type: 'quantitative',
      title: xLabel,
      scale: { domain: xDomain, nice: false },
      axis: { grid: true },
    },
    y: {
      field: 'y',
      type: 'quantitative',
      title: yLabel,
      scale: { domain: yDomain, nice: false },
      axis: { grid: true },
    },
  };
  const layer: Record<string, unknown>[] = [
    { mark: { type: 'point', filled: true, size: 55, opacity: 0.9 }, encoding: { ...position, color } },
  ];
  if (rows.some((r) => r.label !== null)) {
    layer.push({
      transform: [{ filter: 'datum.label != null' }],
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: 6, fontSize: 11, color: '#222222' },
      encoding: { ...position, text: { field: 'label', type: 'nominal' } },
    });
  }
  const title = titleOf(base.title, base.subtitle);
  return compileLite(
    {
      ...(title === undefined ? {} : { title }),
      width: base.width,
      height: base.height,
      data: { values: rows },
      layer,
    },
    check.operation,
  );
}

/**
 * `[min, max]` of `values` widened by 6% on each side, and on the right so that `rightShare` of the
 * axis length is left free beyond that.
 */
function paddedDomain(values: readonly number[], rightShare: number): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === hi) {
    lo -= 1;
    hi += 1;
  }
  const padded = (hi - lo) * 1.12;
  const right = (padded * rightShare) / (1 - rightShare);
  return [lo - 0.06 * (hi - lo), hi + 0.06 * (hi - lo) + right];
}
