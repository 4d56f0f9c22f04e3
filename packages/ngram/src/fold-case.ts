const folded = new Map<string, string>();

/**
 * The lower case of one character (a code point as a string), by `String.prototype.toLowerCase` of
 * that character alone: locale-independent and without context, so the result never depends on the
 * neighbours. "Σ" gives "σ" (never the final "ς"), "İ" (U+0130) gives "i" + U+0307 (two code points),
 * "ß" stays "ß" (full case folding would give "ss"; this does not), "ǅ" gives "ǆ".
 */
export function foldCharacter(character: string): string {
  let lower = folded.get(character);
  if (lower === undefined) {
    lower = character.toLowerCase();
    folded.set(character, lower);
  }
  return lower;
}
