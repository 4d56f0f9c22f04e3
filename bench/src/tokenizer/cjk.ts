import { utf8Bytes, type BlockSource } from './block-source';
import type { Rng } from './rng';

/**
 * Common Chinese characters, roughly most frequent first (the generator favours the start of the
 * list). Written from general frequency lists; duplicates are dropped when the list is built.
 */
const HANZI_SOURCE =
  '的一是不了人我在有他这为之大来以个中上们到说国和地也子时道出而要于就下得可你年生自会那后能对着事其里所去行过家十用发天如然作方成者多日都三小军二无同么经法当起与好看学进种将还分此心前面又定见只主没公从知全己意开想实现外头两高本她很最因些重新长明物点正间水机动问员力理工使它特加声门月回部手变内西位度电路白平相放向性少接品反北便代号组数权走气立难题非报即先务感病思指商活提格资级况利青几记区式办求美保必传象南流信结处连调林片张每色教量议治达世改应由院建济影空联马场局收集真往规步程告管口究布带价及准消农认验系战体德比神书政交克社任容产原周身安命条光完持候段料团写华约早识别备石直取决图整确打义深九般技质七转六强府切极导统根斯观越织装算低音众复儿须际断近矿千委素半省列习响支史劳酸历市何除构称太精值率族维划选标存毛亲快效查江型眼王按养易置派层始却专状育厂京适属圆包火住满县照参红细引听该铁严龙飞爱吃喝睡跑话朋友老师校医司今昨晚午电脑飞车东冬春夏秋山河湖海风雨雪云花草树木鸟鱼猫狗牛羊米饭菜茶酒钱买卖店街城界英语汉文字读喜欢希望觉需可应已或但所虽常较样些每';

/** The same characters, each once, in order. */
const HANZI = [...new Set(HANZI_SOURCE)];
const HIRAGANA = [
  ...'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをんがぎぐげござじずぜぞだでどばびぶべぼぱぴぷぺぽゃゅょっ',
];
const KATAKANA = [
  ...'アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワンガギグゲゴザジズゼゾダデドバビブベボパピプペポャュョッ',
];
const PARTICLES = ['の', 'に', 'は', 'を', 'が', 'で', 'と', 'も', 'へ', 'から', 'まで', 'より'];
const ENDINGS = ['です。', 'ます。', 'ました。', 'でした。', 'している。', 'だ。', 'ですか？', 'ません。'];

/** Picks from a frequency-ordered list, favouring the front (about as skewed as real text). */
function frequent<T>(rng: Rng, items: readonly T[]): T {
  const u = rng.next();
  return items[Math.floor(u * u * items.length)]!;
}

function hanzi(rng: Rng, min: number, max: number): string {
  let s = '';
  for (let n = rng.int(min, max); n > 0; n--) s += frequent(rng, HANZI);
  return s;
}

/** A Chinese sentence: clauses joined by ，or 、, sometimes a 「quote」, ended by 。！ or ？. */
function chineseSentence(rng: Rng): string {
  const clauses = Array.from({ length: rng.int(1, 4) }, () =>
    rng.chance(0.1) ? `「${hanzi(rng, 2, 8)}」` : hanzi(rng, 3, 12),
  );
  let s = clauses[0]!;
  for (const c of clauses.slice(1)) s += (rng.chance(0.8) ? '，' : '、') + c;
  return s + rng.pick(['。', '。', '。', '。', '！', '？']);
}

/** A Japanese sentence: kanji words with particles, a katakana word now and then, a verb ending. */
function japaneseSentence(rng: Rng): string {
  let s = rng.chance(0.1) ? '「' : '';
  for (let n = rng.int(2, 5); n > 0; n--) {
    if (rng.chance(0.2)) {
      let kana = '';
      for (let k = rng.int(2, 5); k > 0; k--) kana += rng.pick(KATAKANA);
      s += rng.chance(0.3) ? `${kana}ー` : kana;
    } else {
      s += hanzi(rng, 1, 3);
      if (rng.chance(0.4)) s += rng.pick(HIRAGANA) + rng.pick(HIRAGANA);
    }
    s += rng.pick(PARTICLES);
    if (rng.chance(0.2)) s += '、';
  }
  s += hanzi(rng, 1, 2) + rng.pick(ENDINGS);
  return s.startsWith('「') ? `${s.slice(0, -1)}」${s.slice(-1)}` : s;
}

/**
 * Seeded random Chinese (and some Japanese) text: paragraphs of sentences over a few hundred common
 * characters, with CJK punctuation (，。、「」). Freshly generated every block, never repeating.
 */
export function createCjkSource(rng: Rng): BlockSource {
  return {
    next(targetBytes) {
      let block = '';
      let bytes = 0;
      while (bytes < targetBytes) {
        const japanese = rng.chance(0.25);
        let paragraph = '';
        for (let n = rng.int(2, 6); n > 0; n--) paragraph += japanese ? japaneseSentence(rng) : chineseSentence(rng);
        paragraph += '\n';
        block += paragraph;
        bytes += utf8Bytes(paragraph);
      }
      return block;
    },
  };
}
