/** Index of the first place two id lists differ (the shorter length if one is a prefix), or -1. */
export function firstDifference(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/**
 * Describes where `ids` first departs from the reference ids: the token index, the ids on both sides
 * around it, and the text there (decoded with the reference, which is known to round-trip).
 */
export function describeIdMismatch(
  name: string,
  ids: readonly number[],
  referenceName: string,
  reference: readonly number[],
  decode: (ids: number[]) => string,
): string {
  const i = firstDifference(ids, reference);
  const from = Math.max(0, i - 5);
  const prefix = decode(reference.slice(0, from)).length;
  const context = decode(reference.slice(from, i + 6));
  return [
    `${name} differs from ${referenceName} at token ${i} of ${reference.length} (${name} has ${ids.length} tokens)`,
    `  near character ${prefix} of the text: ${JSON.stringify(context)}`,
    `  ${referenceName.padEnd(name.length)} ids[${from}…]: ${reference.slice(from, i + 6).join(', ')}`,
    `  ${name.padEnd(referenceName.length)} ids[${from}…]: ${ids.slice(from, i + 6).join(', ')}`,
  ].join('\n');
}

/** Describes where a decoded text first departs from the original, or `undefined` when equal. */
export function describeRoundTripMismatch(name: string, decoded: string, text: string): string | undefined {
  if (decoded === text) return undefined;
  let i = 0;
  while (i < decoded.length && i < text.length && decoded[i] === text[i]) i++;
  const around = (s: string) => JSON.stringify(s.slice(Math.max(0, i - 40), i + 40));
  return [
    `${name}: decode(encode(text)) differs from the text at character ${i} (lengths ${decoded.length} and ${text.length})`,
    `  text:    ${around(text)}`,
    `  decoded: ${around(decoded)}`,
  ].join('\n');
}
