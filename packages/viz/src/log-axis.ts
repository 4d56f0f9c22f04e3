const SUPERSCRIPT: Readonly<Record<string, string>> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** `10ⁿ` with a superscript exponent (`1` and `10` for n = 0 and 1). */
export function powerOfTenLabel(exponent: number): string {
  if (exponent === 0) return '1';
  if (exponent === 1) return '10';
  return `10${[...String(exponent)].map((ch) => SUPERSCRIPT[ch] ?? ch).join('')}`;
}

/**
 * A log axis whose ticks are the powers of ten: the domain widened to whole decades around
 * `[min, max]` (unless `fixed`), every power of ten inside it (every second or fifth one when there
 * are many), labelled `0.001`, `1`, `10,000` while short, else `10⁻⁷`, `10⁸` (through `labelExpr`).
 */
export function logAxis(
  min: number,
  max: number,
  fixed: boolean,
): { domain: [number, number]; values: number[]; format?: string; labelExpr?: string } {
  let lo = Math.floor(Math.log10(min) + 1e-9);
  let hi = Math.ceil(Math.log10(max) - 1e-9);
  if (hi <= lo) {
    lo -= 1;
    hi += 1;
  }
  const domain: [number, number] = fixed ? [min, max] : [Number(`1e${lo}`), Number(`1e${hi}`)];
  const first = Math.ceil(Math.log10(domain[0]) - 1e-9);
  const last = Math.floor(Math.log10(domain[1]) + 1e-9);
  const decades = last - first;
  const step = decades > 24 ? 5 : decades > 12 ? 2 : 1;
  const values: number[] = [];
  for (let e = first; e <= last; e += step) values.push(Number(`1e${e}`));
  if (first >= -3 && last <= 5) return { domain, values, format: ',~g' };
  const labels = Array.from({ length: last - first + 1 }, (_, i) => powerOfTenLabel(first + i));
  return { domain, values, labelExpr: `${JSON.stringify(labels)}[round(log(datum.value) / LN10) - (${first})]` };
}
