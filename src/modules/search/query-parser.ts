/**
 * What a reader types, turned into terms the index can run safely. The grammar is tiny:
 * words are all required, "quoted words" must stand together. Everything else (FTS
 * operators like NEAR( OR * ^ : -, SQL metacharacters, NUL, emoji) is a separator, so a
 * term only ever holds letters, digits and combining marks and nothing typed reaches an
 * FTS5 MATCH or a tsquery as syntax. Words and length are capped, so no query costs
 * more than a normal one.
 */
import { InvalidInputError } from '../../platform/errors.js';
import { toNfc } from '../../platform/i18n/vi.js';
import { wordsOf } from './words.js';

/** Characters of a query, after NFC normalisation and trimming. */
export const MAX_QUERY_LENGTH = 200;
/** Words used from a query (phrase words included); further words are ignored. */
export const MAX_QUERY_WORDS = 10;

export interface QueryWord {
  /** Lower-cased, with the diacritics the reader typed. */
  exact: string;
  /** Without diacritics, đ→d: what is matched. */
  folded: string;
}

export interface QueryTerm {
  words: QueryWord[];
  /** Words that must stand together, in this order (a quoted phrase of two words or more). */
  isPhrase: boolean;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** Words the reader typed with diacritics (or đ): records holding all of them exactly rank first. */
  exactWords: string[];
  /** True when words beyond MAX_QUERY_WORDS were ignored. */
  isShortened: boolean;
}

export const queryMessages = {
  tooLong: `Từ khóa tìm kiếm quá dài: tối đa ${MAX_QUERY_LENGTH} ký tự.`,
  tooLongHelp: 'Hãy rút gọn thành vài từ chính, ví dụ "hội nghị tổng kết".',
};

/**
 * Parses a query. An empty result (no letter or digit typed) is not an error here: the
 * caller shows the search form; searchSite refuses it.
 * @throws INVALID_INPUT when the query is longer than MAX_QUERY_LENGTH.
 */
export function parseSearchQuery(raw: string): ParsedQuery {
  // Refuse a huge input before normalising it (NFD text is at most ~3x its NFC form).
  if (raw.length > MAX_QUERY_LENGTH * 4) throw new InvalidInputError(queryMessages.tooLong, { field: 'q', help: queryMessages.tooLongHelp });
  const text = toNfc(raw).trim();
  if (text.length > MAX_QUERY_LENGTH) throw new InvalidInputError(queryMessages.tooLong, { field: 'q', help: queryMessages.tooLongHelp });

  const parts = text.split('"');
  // An odd number of quotes leaves the last one open: its words count as plain words.
  const isOpenQuote = parts.length % 2 === 0;
  const terms: QueryTerm[] = [];
  const seen = new Set<string>();
  let budget = MAX_QUERY_WORDS;
  let isShortened = false;
  parts.forEach((part, index) => {
    const isQuoted = index % 2 === 1 && !(isOpenQuote && index === parts.length - 1);
    const words = wordsOf(part).map((w) => ({ exact: w.exact, folded: w.folded }));
    if (words.length > budget) isShortened = true;
    const kept = words.slice(0, budget);
    budget -= kept.length;
    const groups = isQuoted && kept.length > 1 ? [kept] : kept.map((w) => [w]);
    for (const group of groups) {
      const key = group.map((w) => w.exact).join(' ');
      if (seen.has(key)) continue;
      seen.add(key);
      terms.push({ words: group, isPhrase: group.length > 1 });
    }
  });
  const exactWords = [...new Set(terms.flatMap((t) => t.words).filter((w) => w.exact !== w.folded).map((w) => w.exact))];
  return { terms, exactWords, isShortened };
}

/** Every folded word of the query, for highlighting. */
export function foldedWordsOf(query: ParsedQuery): Set<string> {
  return new Set(query.terms.flatMap((t) => t.words.map((w) => w.folded)));
}

/**
 * FTS5 MATCH text: each term a quoted string ("hoi" "hoi nghi"), which FTS5 reads as
 * AND of phrases. Terms hold no quote (the parser split on them); doubling is belt and braces.
 */
export function toFts5Match(query: ParsedQuery): string {
  return query.terms.map((t) => `"${t.words.map((w) => w.folded).join(' ').replace(/"/g, '""')}"`).join(' ');
}

/** FTS5 MATCH text requiring every exact word. */
export function toFts5ExactMatch(query: ParsedQuery): string {
  return query.exactWords.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ');
}

function tsLexeme(word: string): string {
  return `'${word.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/** PostgreSQL tsquery text: 'hoi' & ( 'hoi' <-> 'nghi' ), cast with ::tsquery (lexemes as given, no dictionary). */
export function toTsQuery(query: ParsedQuery): string {
  return query.terms.map((t) => (t.isPhrase ? `( ${t.words.map((w) => tsLexeme(w.folded)).join(' <-> ')} )` : tsLexeme(t.words[0]!.folded))).join(' & ');
}

/** PostgreSQL tsquery requiring every exact word. */
export function toTsExactQuery(query: ParsedQuery): string {
  return query.exactWords.map(tsLexeme).join(' & ');
}
