/**
 * A value as error messages show it: JSON where possible (strings quoted, so `""` and `" "` differ),
 * else `String(value)`; cut to 80 characters.
 */
export function show(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
