/**
 * Texts that exercise every corner of byte-level BPE pre-tokenization, assembled by hand for the
 * parity tests against tiktoken: white space runs, contractions, digits, punctuation, emoji and ZWJ
 * sequences, CJK, combining marks, lone surrogates, code, and long runs. `mixedParityTexts` combines
 * them at random (seeded) into many more.
 */
export const PARITY_TEXTS: readonly string[] = [
  // white space
  '',
  ' ',
  '  ',
  '   ',
  '\n',
  '\n\n',
  ' \n',
  '\n ',
  ' \n ',
  'a  b',
  'a   b',
  'a    b',
  'a\n\nb',
  'a \n b',
  'a\n \nb',
  '\t\tx',
  'x\t',
  'x   ',
  '   x',
  '\r\n',
  'line one\r\nline two\r\n',
  '\u00a0x',
  'a\u00a0\u00a0b',
  'a\u3000b',
  'a\u2028b\u2029c',
  '\ufeffabc',
  'a\ufeff b',
  'a\u0085b',
  'a\u180eb',
  '\v\f',
  ' \t \n \r ',
  'end with spaces  ',
  '    indented\n        more\n',
  // contractions
  "don't",
  "I'm here, we're there, they've gone, she'll come, he'd know, it's fine",
  "DON'T SHOUT, IT'S LOUD",
  "'s",
  "''s",
  "x's's",
  "'S 'T 'RE",
  'rock’n’roll isn’t dead',
  "'ll've",
  "l'amour",
  "' s",
  " 's",
  "'",
  "'''",
  "cats' toys",
  "O'Neill's",
  // digits and numbers
  '123',
  '1234567890123',
  ' 42',
  'pi is 3.14159',
  '1,000,000',
  '٣٤٥ ١٢',
  'x² + y³',
  'Ⅻ and ⅻ',
  '½ ¾',
  '0x1F 0b1010',
  'a1b2c3',
  '2024-11-25T10:20:30Z',
  '+1 (555) 010-9999',
  // punctuation and symbols
  '!!!',
  '...',
  ' ...',
  'wait—what?',
  '“quoted” and ‘single’',
  '«guillemets»',
  '()[]{}',
  '<|endoftext',
  '|>',
  '<|endoftext|',
  '<|endoftext |>',
  '@#$%^&*',
  '```js\nconst x = 1;\n```',
  'a => b !== c && d',
  '#!/bin/bash\necho "$HOME"',
  '© ® ™ § ¶ † ‡ • …',
  // emoji
  '😀',
  '👍🏽',
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🇯🇵🇺🇸🇩🇪',
  '1️⃣ #️⃣',
  '❤️ ♥ ☺',
  '🧑🏾‍💻 at work',
  ' 😀 😀',
  'a😀b',
  '😀😃😄😁😆😅😂🤣🥲☺️😊😇',
  '👩🏻‍❤️‍💋‍👨🏼',
  // CJK and other scripts
  '你好，世界',
  '日本語のテキストです。',
  '한국어 텍스트',
  '漢字かなカナ',
  '我们的生活中有很多美好的事情比如说和朋友一起吃饭今天天气很好我想去公园散步',
  'Здравствуй, мир! Ёлка',
  'Γειά σου Κόσμε',
  'مرحبا بالعالم',
  'שָׁלוֹם עוֹלָם',
  'नमस्ते दुनिया',
  'สวัสดีชาวโลก',
  'ᐊᐃᑦᑕᖅ',
  // combining marks
  'e\u0301',
  'Ame\u0301lie',
  '\u0301',
  ' \u0301x',
  'a\u0308\u0304',
  'ñ n\u0303',
  'z̸̢̛a̵l̶g̷o̶',
  'ﬁne ﬂow',
  // lone surrogates
  '\ud800',
  '\udc00',
  'a\ud800b',
  '\ud800\ud800',
  '\udc00\ud800',
  'x\udfff ',
  ' \ud83d',
  '\ud83d ',
  'ok\ud83d\ude00\ud83d',
  // control and invisible characters
  '\u0000\u0001\u007f',
  '\u200b zero width',
  'a\u200db',
  '\u200e\u200f',
  // code
  'function add(a, b) {\n  return a + b;\n}\n',
  'def f(x):\n    if x > 0:\n        return x ** 2\n    return None\n',
  '{"key": [1, 2.5, "three", null, true], "nested": {"a": {}}}',
  'const u=new URL("https://example.com/a/b?c=d&e=f#g");if(u.hash){x+=1}',
  'https://en.wikipedia.org/wiki/Byte_pair_encoding',
  '/usr/local/lib/node_modules/.bin/tsc --noEmit -p .',
  'SGVsbG8sIFdvcmxkIQ==',
  'deadbeef cafebabe 0123456789abcdef',
  'camelCaseIdentifier snake_case_name SCREAMING_CASE kebab-case',
  'HELLO World hElLo',
  // long runs
  '='.repeat(100),
  ' '.repeat(200),
  ' '.repeat(200) + 'x',
  '\n'.repeat(50) + 'y',
  'a'.repeat(1000),
  'ab'.repeat(300),
  '9'.repeat(400),
  '!?'.repeat(150),
  '😀'.repeat(100),
  '的'.repeat(300),
  'antidisestablishmentarianism pneumonoultramicroscopicsilicovolcanoconiosis',
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.',
  'The best thing about AI is its ability to',
];

/** A seeded generator (mulberry32) for building mixed texts reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` texts, each 2–6 corpus texts (or cut-off parts of them) joined at random. */
export function mixedParityTexts(count: number, seed = 1): string[] {
  const random = seededRandom(seed);
  const pick = (): string => PARITY_TEXTS[Math.floor(random() * PARITY_TEXTS.length)]!;
  const texts: string[] = [];
  for (let i = 0; i < count; i++) {
    let text = '';
    const parts = 2 + Math.floor(random() * 5);
    for (let p = 0; p < parts; p++) {
      const part = pick();
      const cut = random() < 0.3 ? Math.floor(random() * (part.length + 1)) : part.length;
      text += part.slice(0, cut);
    }
    texts.push(text);
  }
  return texts;
}
