/**
 * Hand-labelled senses of two words of the bundled corpus, for essay 12.1 (see `word-senses.ts`).
 *
 * Which occurrences: every case-sensitive occurrence of the word preceded by a space or a line break
 * and not followed by a letter, digit or underscore ({@link findWordOccurrences}), so `ball-room`
 * counts (its `ball` is the word), while `tennis-ball`, `Balls` and `balls` do not: each kept
 * occurrence is the same single token of the shipped model (` ball`, ` spring`) once a line break
 * before it is read as a space. Counted on `data/corpus/*.txt`: `ball` 80 times (86 case-insensitive,
 * whole word), `spring` 81 times (99 case-insensitive; `Spring` is another token).
 *
 * How they were labelled: by reading each occurrence in its sentence (one person, 2026-12-07), not
 * by a rule, because the cues are often far from the word (a ball "at Netherfield" is a dance; "her
 * ball bounded across the room" is a ball of yarn). The senses:
 * - `ball`: `dance` (a party for dancing; also `ball-room`, `ball-dress`, `ball-book`) or
 *   `round object` (tennis and croquet balls, a ball of yarn or twine, a bullet, the Earth as "this
 *   ball", and the simile "as swift in motion as a ball").
 * - `spring`: `season`; `leap or arise` (the verb: "spring to the boats", Stubb's "spring, my men",
 *   "currents that spring from one head", and the noun for a leap or bounce: "the final spring",
 *   "full of swing and spring"); `source or coil` (a spring of water or a figurative source, "their
 *   spring, their head", and an elastic device: "a cunning spring", "spring-carriage").
 *
 * Each entry is `[book, occurrence, sense, context]`: `book` is the corpus file's name, `occurrence`
 * counts the word's occurrences in that book from 0 in text order, and `context` is the text just
 * before and including the word, with white space collapsed, so that a reader can check a label
 * without opening the book, and the code can check that the entry still points at the same place.
 */

/** One labelled occurrence: `[book, occurrence index in that book, sense, context ending with the word]`. */
export type SenseLabel = readonly [book: string, occurrence: number, sense: string, context: string];

/** A word with its senses and every occurrence labelled. */
export interface SenseLabelSet {
  /** The word exactly as it appears (case-sensitive). */
  readonly word: string;
  /** The senses, each with a short description, in the order figures list them. */
  readonly senses: readonly { readonly id: string; readonly description: string }[];
  /** Every occurrence {@link findWordOccurrences} finds in the bundled corpus, labelled. */
  readonly labels: readonly SenseLabel[];
}

/** `ball` in the bundled corpus: 50 dances, 30 round objects. */
export const BALL_SENSES: SenseLabelSet = {
  word: 'ball',
  senses: [
    { id: 'dance', description: 'a party for dancing' },
    { id: 'round object', description: 'a ball to throw or hit, a ball of yarn, a bullet, the globe' },
  ],
  labels: [
    ['pg1342-pride-and-prejudice', 0, 'dance', 'heard in more than one ball'],
    ['pg1342-pride-and-prejudice', 1, 'dance', 'fretfully. “When is your next ball'],
    ['pg1342-pride-and-prejudice', 2, 'dance', 'with you at the next ball'],
    ['pg1342-pride-and-prejudice', 3, 'dance', 'a large party for the ball'],
    ['pg1342-pride-and-prejudice', 4, 'dance', 'comforted the day before the ball'],
    ['pg1342-pride-and-prejudice', 5, 'dance', 'dance, was angry that the ball'],
    ['pg1342-pride-and-prejudice', 6, 'dance', 'to care for at a ball'],
    ['pg1342-pride-and-prejudice', 7, 'dance', 'delightful evening, a most excellent ball'],
    ['pg1342-pride-and-prejudice', 8, 'dance', 'meet to talk over a ball'],
    ['pg1342-pride-and-prejudice', 9, 'dance', 'had to come to the ball'],
    ['pg1342-pride-and-prejudice', 10, 'dance', 'her without admiration at the ball'],
    ['pg1342-pride-and-prejudice', 11, 'dance', 'Forster to give us a ball'],
    ['pg1342-pride-and-prejudice', 12, 'dance', 'the country to give a ball'],
    ['pg1342-pride-and-prejudice', 13, 'dance', 'on the subject of the ball'],
    ['pg1342-pride-and-prejudice', 14, 'dance', 'the very day of the ball'],
    ['pg1342-pride-and-prejudice', 15, 'dance', 'when you have given _your_ ball'],
    ['pg1342-pride-and-prejudice', 16, 'dance', 'hearing her brother mentioning a ball'],
    ['pg1342-pride-and-prejudice', 17, 'dance', 'among us to whom a ball'],
    ['pg1342-pride-and-prejudice', 18, 'dance', 'begins; but as for the ball'],
    ['pg1342-pride-and-prejudice', 19, 'dance', 'near so much like a ball'],
    ['pg1342-pride-and-prejudice', 20, 'dance', 'invitation for the long expected ball'],
    ['pg1342-pride-and-prejudice', 21, 'dance', 'The prospect of the Netherfield ball'],
    ['pg1342-pride-and-prejudice', 22, 'dance', 'could satisfy them, and a ball'],
    ['pg1342-pride-and-prejudice', 23, 'dance', 'was, at any rate, a ball'],
    ['pg1342-pride-and-prejudice', 24, 'dance', 'you,” said he, “that a ball'],
    ['pg1342-pride-and-prejudice', 25, 'dance', 'had not been a Netherfield ball'],
    ['pg1342-pride-and-prejudice', 26, 'dance', 'to the day of the ball'],
    ['pg1342-pride-and-prejudice', 27, 'dance', 'talk of books in a ball'],
    ['pg1342-pride-and-prejudice', 28, 'dance', 'his absence from the Netherfield ball'],
    ['pg1342-pride-and-prejudice', 29, 'dance', 'and remarkable. At his own ball'],
    ['pg1342-pride-and-prejudice', 30, 'dance', 'must know, was at a ball'],
    ['pg1342-pride-and-prejudice', 31, 'dance', 'at a ball--and at this ball'],
    ['pg1342-pride-and-prejudice', 32, 'dance', 'ever be introduced in a ball'],
    ['pg1342-pride-and-prejudice', 33, 'dance', 'in love before. At that ball'],
    ['pg1342-pride-and-prejudice', 34, 'dance', 'he had avoided the Netherfield ball'],
    ['pg1342-pride-and-prejudice', 35, 'dance', 'having passed at the Netherfield ball'],
    ['pg1342-pride-and-prejudice', 36, 'dance', 'with him at the next ball'],
    ['pg2641-a-room-with-a-view', 0, 'round object', 'said: “The name of this ball'],
    ['pg2641-a-room-with-a-view', 1, 'round object', 'play. “I shall miss every ball'],
    ['pg2641-a-room-with-a-view', 2, 'round object', 'to hunt for a lost ball'],
    ['pg2641-a-room-with-a-view', 3, 'round object', 'the garden with a tennis ball'],
    ['pg2641-a-room-with-a-view', 4, 'round object', 'from below. “Found the lost ball'],
    ['pg2701-moby-dick', 0, 'round object', '“These things are reciprocal; the ball'],
    ['pg2701-moby-dick', 1, 'round object', 'my substitute for pistol and ball'],
    ['pg2701-moby-dick', 2, 'round object', 'belike the whole world’s a ball'],
    ['pg2701-moby-dick', 3, 'round object', 'wild and unearthly, that the ball'],
    ['pg2701-moby-dick', 4, 'round object', 'the next night an iron ball'],
    ['pg2701-moby-dick', 5, 'round object', 'true; it happened on this ball'],
    ['pg2701-moby-dick', 6, 'round object', 'the fatal powder, and the ball'],
    ['pg2701-moby-dick', 7, 'round object', 'malefactors with the chain and ball'],
    ['pg2701-moby-dick', 8, 'round object', 'through the ribs—and with a ball'],
    ['pg37106-little-women', 0, 'round object', 'rattled like castanets, and her ball'],
    ['pg37106-little-women', 1, 'dance', 'caught frequent glimpses of dainty ball'],
    ['pg37106-little-women', 2, 'dance', 'and everything in but my ball'],
    ['pg37106-little-women', 3, 'dance', 'her godmother, going to the ball'],
    ['pg37106-little-women', 4, 'round object', 'Her empty bed, her idle ball'],
    ['pg37106-little-women', 5, 'round object', 'he gave a stroke, his ball'],
    ['pg37106-little-women', 6, 'round object', 'go!" returned Fred, croqueting her ball'],
    ['pg37106-little-women', 7, 'round object', 'went off to get her ball'],
    ['pg37106-little-women', 8, 'round object', "had nearly won, for Kate's ball"],
    ['pg37106-little-women', 9, 'round object', "she added, as, leaving Kate's ball"],
    ['pg37106-little-women', 10, 'dance', 'of breath brought the impromptu ball'],
    ['pg37106-little-women', 11, 'round object', 'bonnet, and a third playing ball'],
    ['pg37106-little-women', 12, 'round object', 'as Amy picked up her ball'],
    ['pg37106-little-women', 13, 'dance', 'to-night." "What happens then, a ball'],
    ['pg37106-little-women', 14, 'dance', "on Flo's old white silk ball"],
    ['pg37106-little-women', 15, 'dance', 'the thought of entering the ball'],
    ['pg37106-little-women', 16, 'dance', 'add lustre to their Christmas ball'],
    ['pg37106-little-women', 17, 'dance', 'her native heath in a ball'],
    ['pg37106-little-women', 18, 'dance', '"One usually does at a ball'],
    ['pg37106-little-women', 19, 'dance', 'penitence. She showed him her ball'],
    ['pg37106-little-women', 20, 'round object', 'he danced like an india-rubber ball'],
    ['pg37106-little-women', 21, 'dance', 'that vividly recalled the Christmas ball'],
    ['pg37106-little-women', 22, 'dance', 'gorgeous array, promenading down a ball'],
    ['pg37106-little-women', 23, 'round object', 'she had to drop her ball'],
    ['pg37106-little-women', 24, 'round object', 'dive after the little blue ball'],
    ['pg37106-little-women', 25, 'round object', 'flushed and laughing, without the ball'],
    ['pg84-frankenstein', 0, 'round object', 'which I had received. The ball'],
    ['tinyshakespeare', 0, 'round object', 'when from under this terrestrial ball'],
    ['tinyshakespeare', 1, 'round object', 'swift in motion as a ball'],
  ],
};

/** `spring` in the bundled corpus: 49 seasons, 21 leaps or risings, 11 sources or coils. */
export const SPRING_SENSES: SenseLabelSet = {
  word: 'spring',
  senses: [
    { id: 'season', description: 'the season between winter and summer' },
    { id: 'leap or arise', description: 'to leap or rise up (verb), a leap or bounce (noun)' },
    { id: 'source or coil', description: 'a source of water or of anything, or an elastic device' },
  ],
  labels: [
    ['pg1342-pride-and-prejudice', 0, 'season', 'Darcy much grown since the spring'],
    ['pg1342-pride-and-prejudice', 1, 'season', 'taken you to town every spring'],
    ['pg1342-pride-and-prejudice', 2, 'season', 'my being in town last spring'],
    ['pg1342-pride-and-prejudice', 3, 'season', 'my attentions to you last spring'],
    ['pg1342-pride-and-prejudice', 4, 'season', 'merely from my information last spring'],
    ['pg2641-a-room-with-a-view', 0, 'season', 'sometimes rise odours reminiscent of spring'],
    ['pg2641-a-room-with-a-view', 1, 'season', 'smiling village. The season was spring'],
    ['pg2641-a-room-with-a-view', 2, 'season', 'Lucy had developed since the spring'],
    ['pg2641-a-room-with-a-view', 3, 'season', 'as you came in the spring'],
    ['pg2641-a-room-with-a-view', 4, 'season', 'because they were reminiscent of spring'],
    ['pg2641-a-room-with-a-view', 5, 'season', 'she spent on me last spring'],
    ['pg2641-a-room-with-a-view', 6, 'season', 'was evening and again the spring'],
    ['pg2641-a-room-with-a-view', 7, 'season', 'should go off in the spring'],
    ['pg2701-moby-dick', 0, 'leap or arise', 'an exasperated whale, purposing to spring'],
    ['pg2701-moby-dick', 1, 'season', 'with milk; nor in the spring'],
    ['pg2701-moby-dick', 2, 'season', 'of a newly developing bloom—the spring'],
    ['pg2701-moby-dick', 3, 'leap or arise', 'he roared. “Spring, thou sheep-head; spring'],
    ['pg2701-moby-dick', 4, 'leap or arise', 'thy backbone! Why don’t ye spring'],
    ['pg2701-moby-dick', 5, 'leap or arise', 'say, all of ye—spring! Quohog! spring'],
    ['pg2701-moby-dick', 6, 'leap or arise', 'chap with the red whiskers; spring'],
    ['pg2701-moby-dick', 7, 'leap or arise', 'red whiskers; spring there, Scotch-cap; spring'],
    ['pg2701-moby-dick', 8, 'leap or arise', 'say, all of ye, and spring'],
    ['pg2701-moby-dick', 9, 'season', 'grass shot up by the spring'],
    ['pg2701-moby-dick', 10, 'leap or arise', 'some organizations seems rather to spring'],
    ['pg2701-moby-dick', 11, 'season', 'rolling through the bright Quito spring'],
    ['pg2701-moby-dick', 12, 'leap or arise', 'what will. (Spring, my men, spring'],
    ['pg2701-moby-dick', 13, 'leap or arise', 'hearse-plumed head and bidding him spring'],
    ['pg2701-moby-dick', 14, 'source or coil', 'water; clear as any mountain spring'],
    ['pg2701-moby-dick', 15, 'leap or arise', 'log! Oh! my lads, _do_ spring'],
    ['pg2701-moby-dick', 16, 'leap or arise', 'clams and muffins—oh, _do_, _do_, spring'],
    ['pg2701-moby-dick', 17, 'source or coil', 'researches up to the very spring'],
    ['pg2701-moby-dick', 18, 'leap or arise', 'away, word was passed to spring'],
    ['pg2701-moby-dick', 19, 'leap or arise', 'all ready for the final spring'],
    ['pg2701-moby-dick', 20, 'source or coil', 'as to ride in a spring'],
    ['pg2701-moby-dick', 21, 'season', 'truly, like the smell of spring'],
    ['pg2701-moby-dick', 22, 'leap or arise', 'runs, and then comes the spring'],
    ['pg2701-moby-dick', 23, 'source or coil', 'hung obedient to a cunning spring'],
    ['pg2701-moby-dick', 24, 'source or coil', 'by reason of its cunning spring'],
    ['pg37106-little-women', 0, 'leap or arise', 'being full of swing and spring'],
    ['pg37106-little-women', 1, 'season', 'She is going in the spring'],
    ['pg37106-little-women', 2, 'season', 'friendship flourished like grass in spring'],
    ['pg37106-little-women', 3, 'season', 'small party,--it looks heavy for spring'],
    ['pg37106-little-women', 4, 'leap or arise', '"didn\'t dawdle, but had some spring'],
    ['pg37106-little-women', 5, 'season', 'C. AND P. O. As spring'],
    ['pg37106-little-women', 6, 'source or coil', 'and got water from a spring'],
    ['pg37106-little-women', 7, 'season', 'When Jo came home that spring'],
    ['pg37106-little-women', 8, 'season', '"She is coming in the spring'],
    ['pg37106-little-women', 9, 'season', 'immortality of love. So the spring'],
    ['pg37106-little-women', 10, 'season', 'at the window, and the spring'],
    ['pg37106-little-women', 11, 'season', 'was coming home in the spring'],
    ['pg37106-little-women', 12, 'season', 'regularity, all through the early spring'],
    ['pg37106-little-women', 13, 'season', 'little pale and pensive that spring'],
    ['pg37106-little-women', 14, 'season', 'and moody mists; the warm spring'],
    ['pg37106-little-women', 15, 'source or coil', 'your body move, as the spring'],
    ['pg37106-little-women', 16, 'season', 'they flourished like dandelions in spring'],
    ['pg84-frankenstein', 0, 'season', 'been dreadfully severe, but the spring'],
    ['pg84-frankenstein', 1, 'season', 'more particularly than before. Winter, spring'],
    ['pg84-frankenstein', 2, 'season', 'window. It was a divine spring'],
    ['pg84-frankenstein', 3, 'season', 'was retarded until the ensuing spring'],
    ['pg84-frankenstein', 4, 'season', 'spent cheerfully; and although the spring'],
    ['pg84-frankenstein', 5, 'season', 'indeed divine; the flowers of spring'],
    ['pg84-frankenstein', 6, 'season', 'showers and genial warmth of spring'],
    ['pg84-frankenstein', 7, 'season', 'one of the first of spring'],
    ['pg84-frankenstein', 8, 'season', 'now budding with the fresh spring'],
    ['pg84-frankenstein', 9, 'season', 'sun or gentle breezes of spring'],
    ['pg84-frankenstein', 10, 'leap or arise', 'Saying this, he endeavoured to spring'],
    ['tinyshakespeare', 0, 'source or coil', 'Mowbray their first head and spring'],
    ['tinyshakespeare', 1, 'leap or arise', 'both your bloods, Currents that spring'],
    ['tinyshakespeare', 2, 'season', "that hath suffer'd this disorder'd spring"],
    ['tinyshakespeare', 3, 'season', 'lap of the new come spring'],
    ['tinyshakespeare', 4, 'season', 'you well in this new spring'],
    ['tinyshakespeare', 5, 'source or coil', 'tears, back to your native spring'],
    ['tinyshakespeare', 6, 'source or coil', 'these ambiguities, And know their spring'],
    ['tinyshakespeare', 7, 'season', 'saw our sunshine made thy spring'],
    ['tinyshakespeare', 8, 'season', 'winter should cut off our spring'],
    ['tinyshakespeare', 9, 'leap or arise', 'that tender spray did sweetly spring'],
    ['tinyshakespeare', 10, 'leap or arise', 'loins no hopeful branch may spring'],
    ['tinyshakespeare', 11, 'source or coil', 'to flow: Now stops thy spring'],
    ['tinyshakespeare', 12, 'season', "had some flowers o' the spring"],
    ['tinyshakespeare', 13, 'season', 'Welcome hither, As is the spring'],
    ['tinyshakespeare', 14, 'season', 'in speech, yet sweet as spring'],
  ],
};

/** The labelled words, by word. */
export const SENSE_LABELS: Readonly<Record<string, SenseLabelSet>> = { ball: BALL_SENSES, spring: SPRING_SENSES };
