import { utf8Bytes, type BlockSource } from './block-source';
import type { Rng } from './rng';

const ZWJ = '\u200d';
const VS16 = '\ufe0f';

/** Ranges of single-code-point pictographs (all assigned, all shown as emoji). */
const PICTOGRAPH_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1f300, 0x1f5ff], // Miscellaneous Symbols and Pictographs
  [0x1f600, 0x1f64f], // Emoticons
  [0x1f680, 0x1f6c5], // Transport and Map Symbols
  [0x1f910, 0x1f93a], // Supplemental Symbols and Pictographs (faces, gestures)
  [0x1f940, 0x1f9ff], // Supplemental Symbols and Pictographs (food, animals, people)
];
/** Emoji that take a skin tone modifier (U+1F3FB–U+1F3FF). */
const TONEABLE = [...'👋🤚✋👌👍👎✊👊👏🙌🙏💪👶👦👧🧑👨👩👴👵🧒🤞🤟🤘🤙👈👉👆👇☝'];
/** Professions joined to a person by a zero-width joiner (👩‍💻, 🧑‍🚀). */
const PROFESSIONS = [...'💻🚀🍳🎓🏫🔬🎨🚒🌾🔧🏭💼⚕'];
/** Whole ZWJ and variation-selector sequences, as written. */
const SEQUENCES = [
  '👨‍👩‍👧‍👦',
  '👩‍👩‍👦',
  '👨‍👨‍👧',
  '🏳️‍🌈',
  '🏳️‍⚧️',
  '🏴‍☠️',
  '❤️‍🔥',
  '❤️‍🩹',
  '🐻‍❄️',
  '😶‍🌫️',
  '👁️‍🗨️',
  '🧔‍♀️',
  '🏃‍♂️',
  '🤷‍♀️',
  '🙋‍♂️',
  '❤️',
  '☀️',
  '✔️',
  '⚠️',
  '✨',
  '⭐',
  '✅',
];
/** ISO 3166 codes whose regional indicator pairs are flags. */
const COUNTRIES =
  'US GB FR DE JP CN KR IN BR CA AU IT ES MX RU NL SE NO FI DK PL PT IE CH AT BE GR TR IL EG ZA NG KE AR CL CO PE NZ SG TH VN ID PH MY UA CZ HU RO IS'.split(
    ' ',
  );
const KEYCAP_BASES = [...'0123456789#*'];
/** Short words that emoji sit between, as in chat messages. */
const WORDS =
  'ok lol yes no wow omg so good nice love this that me you we us go now soon haha thanks same mood yay nope hi bye fun cool wait what why how lit fr ngl tbh idk brb gg'.split(
    ' ',
  );

function pictograph(rng: Rng): string {
  const [lo, hi] = rng.pick(PICTOGRAPH_RANGES);
  return String.fromCodePoint(rng.int(lo, hi));
}

function flag(rng: Rng): string {
  const code = rng.pick(COUNTRIES);
  return String.fromCodePoint(0x1f1e6 + code.charCodeAt(0) - 65, 0x1f1e6 + code.charCodeAt(1) - 65);
}

function toned(rng: Rng): string {
  return rng.pick(TONEABLE) + String.fromCodePoint(rng.int(0x1f3fb, 0x1f3ff));
}

function family(rng: Rng): string {
  const members = Array.from({ length: rng.int(2, 4) }, () => rng.pick([...'👨👩👧👦']));
  return members.join(ZWJ);
}

function worker(rng: Rng): string {
  const person = rng.pick([...'🧑👨👩']);
  const tone = rng.chance(0.5) ? String.fromCodePoint(rng.int(0x1f3fb, 0x1f3ff)) : '';
  return person + tone + ZWJ + rng.pick(PROFESSIONS);
}

/** One emoji of any kind: single, toned, ZWJ sequence, flag or keycap. */
function emoji(rng: Rng): string {
  const r = rng.next();
  if (r < 0.45) return pictograph(rng);
  if (r < 0.6) return toned(rng);
  if (r < 0.7) return rng.pick(SEQUENCES);
  if (r < 0.77) return family(rng);
  if (r < 0.84) return worker(rng);
  if (r < 0.94) return flag(rng);
  return `${rng.pick(KEYCAP_BASES)}${VS16}\u20e3`;
}

/**
 * Seeded random emoji between short words and spaces, like chat messages: single emoji, skin tone
 * modifiers, ZWJ sequences (👨‍👩‍👧‍👦, 🏳️‍🌈), flags (regional indicator pairs) and keycaps.
 * Freshly generated every block, never repeating.
 */
export function createEmojiSource(rng: Rng): BlockSource {
  return {
    next(targetBytes) {
      let block = '';
      let bytes = 0;
      while (bytes < targetBytes) {
        const parts: string[] = [];
        for (let n = rng.int(2, 8); n > 0; n--) {
          if (rng.chance(0.5)) parts.push(rng.pick(WORDS));
          // One to three emoji written together, as people do.
          let run = '';
          for (let k = rng.int(1, 3); k > 0; k--) run += emoji(rng);
          parts.push(run);
        }
        const line = `${parts.join(' ')}\n`;
        block += line;
        bytes += utf8Bytes(line);
      }
      return block;
    },
  };
}
