/**
 * How search cuts text into words, the same for the index, the query and the snippet on
 * both engines: a word is a run of letters, digits and combining marks; everything else
 * (spaces, punctuation, symbols, emoji, NUL) separates words. Each word has two forms:
 *
 *   exact   lower-cased, NFC, diacritics kept   "hội", "đắk"  (ranks exact matches first)
 *   folded  lower-cased, diacritics dropped, đ→d  "hoi", "dak"  (what matching uses)
 *
 * Because words are found in the original text, each keeps its offsets there: a snippet
 * is cut from the original (with diacritics) around the first folded match, and no
 * position ever has to be mapped back from folded text (whose length may differ).
 * The index is fed these words joined by single spaces, so neither FTS5's tokenizer nor
 * PostgreSQL's parser has a say in where words begin and end.
 */
import { foldVietnamese, toNfc } from '../../platform/i18n/vi.js';

/** Longer runs (a pasted hash, a URL without punctuation) are cut to this many characters. */
export const MAX_WORD_LENGTH = 60;

/**
 * Words of one record that are indexed (title not counted): keeps a PostgreSQL tsvector
 * far below its 1 MB limit. About 300 pages of text; the rest stays readable, not findable.
 */
export const MAX_INDEXED_WORDS = 50_000;

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const NOT_WORD_CHAR = /[^\p{L}\p{N}\p{M}]/gu;

export interface Word {
  /** Offsets in the text the word was found in, in UTF-16 code units: text.slice(start, end). */
  start: number;
  end: number;
  exact: string;
  folded: string;
}

function cut(word: string): string {
  if (word.length <= MAX_WORD_LENGTH) return word;
  // By code points: a cut through a surrogate pair would leave half a character.
  return Array.from(word).slice(0, MAX_WORD_LENGTH).join('');
}

/** The folded form of one word; empty when nothing of it remains (a lone combining mark). */
export function foldWord(word: string): string {
  return foldVietnamese(word).replace(NOT_WORD_CHAR, '');
}

/**
 * Forms of words seen lately. Vietnamese is written in a few thousand syllables, so nearly
 * every word of a text is a hit: indexing gets several times faster. Bounded: emptied
 * when full.
 */
const forms = new Map<string, { exact: string; folded: string }>();
const MAX_CACHED_FORMS = 20_000;

function formsOf(word: string): { exact: string; folded: string } {
  let entry = forms.get(word);
  if (!entry) {
    if (forms.size >= MAX_CACHED_FORMS) forms.clear();
    const raw = cut(word);
    entry = { exact: raw.toLowerCase(), folded: foldWord(raw) };
    forms.set(word, entry);
  }
  return entry;
}

/**
 * The words of a text, lazily, with their offsets in `text`. The text should be NFC (what
 * the index stores); use wordsOf for text from outside.
 */
export function* scanWords(text: string): Generator<Word> {
  for (const match of text.matchAll(WORD)) {
    const { exact, folded } = formsOf(match[0]);
    if (!folded) continue;
    yield { start: match.index, end: match.index + match[0].length, exact, folded };
  }
}

/** All the words of any text (normalised to NFC first, so NFD input gives the same words). */
export function wordsOf(text: string): Word[] {
  return [...scanWords(toNfc(text))];
}

/** The folded and exact word lists of a text, at most `limit` words (a plain loop: indexing's hot path). */
export function indexWords(text: string, limit = MAX_INDEXED_WORDS): { folded: string[]; exact: string[] } {
  const folded: string[] = [];
  const exact: string[] = [];
  const pattern = new RegExp(WORD);
  const nfc = toNfc(text);
  let match: RegExpExecArray | null;
  while (folded.length < limit && (match = pattern.exec(nfc)) !== null) {
    const entry = formsOf(match[0]);
    if (!entry.folded) continue;
    folded.push(entry.folded);
    exact.push(entry.exact);
  }
  return { folded, exact };
}
