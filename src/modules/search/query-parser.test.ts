import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../platform/errors.js';
import { MAX_QUERY_LENGTH, MAX_QUERY_WORDS, parseSearchQuery, toFts5ExactMatch, toFts5Match, toTsExactQuery, toTsQuery, type ParsedQuery } from './query-parser.js';

const shape = (query: ParsedQuery) => query.terms.map((t) => (t.isPhrase ? `"${t.words.map((w) => w.exact).join(' ')}"` : t.words[0]!.exact));

/** Queries made of the characters that mean something to FTS5, tsquery or SQL, mixed with words. */
const hostileQuery = fc
  .array(fc.oneof(fc.constantFrom('"', '*', '^', ':', '-', '+', '(', ')', '{', '}', 'NEAR', 'OR', 'AND', 'NOT', "'", ';', '--', '\\', '%', '_', '&', '|', '!', '<->', ':*', '\u0000', ' ', '😀', 'hội', 'nghị', 'dak', 'Lắk'), fc.string({ unit: 'binary', maxLength: 5 })), { maxLength: 40 })
  .map((parts) => parts.join(''));

describe('parseSearchQuery', () => {
  it.each([
    ['hoi nghi', ['hoi', 'nghi']],
    ['  Hội   NGHỊ  ', ['hội', 'nghị']],
    ['"hội nghị" tổng kết', ['"hội nghị"', 'tổng', 'kết']],
    ['"hội nghị', ['hội', 'nghị']],
    ['a "b c" "d', ['a', '"b c"', 'd']],
    ['"một"', ['một']],
    ['hoi OR nghi', ['hoi', 'or', 'nghi']],
    ['NEAR(hoi nghi, 2)', ['near', 'hoi', 'nghi', '2']],
    ['title:hoi -nghi ^x hoi*', ['title', 'hoi', 'nghi', 'x']],
    ["'; drop table search_records; --", ['drop', 'table', 'search', 'records']],
    ['hội hội HỘI', ['hội']],
    ['', []],
    ['!!! 😀 \u0000 " *', []],
  ])('%j → %j', (raw, expected) => {
    expect(shape(parseSearchQuery(raw))).toEqual(expected);
  });

  it('lists the words typed with diacritics (đ included) for exact ranking', () => {
    expect(parseSearchQuery('hỏi nghi Đắk lak').exactWords).toEqual(['hỏi', 'đắk']);
    expect(parseSearchQuery('"hoi nghị"').exactWords).toEqual(['nghị']);
    expect(parseSearchQuery('HOI NGHI').exactWords).toEqual([]);
  });

  it('reads NFD input like NFC', () => {
    expect(parseSearchQuery('Hội nghị Đắk Lắk'.normalize('NFD'))).toEqual(parseSearchQuery('Hội nghị Đắk Lắk'));
  });

  it(`keeps the first ${MAX_QUERY_WORDS} words and says so`, () => {
    const query = parseSearchQuery('một hai ba bốn năm sáu bảy tám chín mười "mười một"');
    expect(shape(query)).toEqual(['một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười']);
    expect(query.isShortened).toBe(true);
    expect(parseSearchQuery('một hai').isShortened).toBe(false);
  });

  it(`refuses more than ${MAX_QUERY_LENGTH} characters with a Vietnamese 400`, () => {
    expect(() => parseSearchQuery('a'.repeat(MAX_QUERY_LENGTH))).not.toThrow();
    for (const raw of ['a'.repeat(MAX_QUERY_LENGTH + 1), 'hội nghị '.repeat(1200), '"'.repeat(10_000)]) {
      const error = (() => {
        try {
          parseSearchQuery(raw);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).message).toContain('Từ khóa tìm kiếm quá dài');
    }
  });

  it('never throws anything but a 400 for too long, and never lets syntax through', () => {
    fc.assert(
      fc.property(fc.oneof(hostileQuery, fc.string({ unit: 'binary', maxLength: 300 })), (raw) => {
        let query: ParsedQuery;
        try {
          query = parseSearchQuery(raw);
        } catch (error) {
          return error instanceof InvalidInputError && raw.normalize('NFC').trim().length > MAX_QUERY_LENGTH;
        }
        const words = query.terms.flatMap((t) => t.words);
        expect(words.length).toBeLessThanOrEqual(MAX_QUERY_WORDS);
        for (const word of words) {
          expect(word.folded).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
          expect(word.exact).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
        }
        if (query.terms.length > 0) {
          // FTS5: only quoted strings of word characters and spaces, separated by spaces.
          expect(toFts5Match(query)).toMatch(/^"[\p{L}\p{N}\p{M} ]+"( "[\p{L}\p{N}\p{M} ]+")*$/u);
          // tsquery: only quoted lexemes joined by & and <->.
          expect(toTsQuery(query)).toMatch(/^(\( )?'[\p{L}\p{N}\p{M}]+'( <-> '[\p{L}\p{N}\p{M}]+')*( \))?( & (\( )?'[\p{L}\p{N}\p{M}]+'( <-> '[\p{L}\p{N}\p{M}]+')*( \))?)*$/u);
        }
        if (query.exactWords.length > 0) {
          expect(toFts5ExactMatch(query)).toMatch(/^"[\p{L}\p{N}\p{M}]+"( "[\p{L}\p{N}\p{M}]+")*$/u);
          expect(toTsExactQuery(query)).toMatch(/^'[\p{L}\p{N}\p{M}]+'( & '[\p{L}\p{N}\p{M}]+')*$/u);
        }
        return true;
      }),
      { numRuns: 3000 },
    );
  });

  it('writes phrases for both engines', () => {
    const query = parseSearchQuery('"hội nghị" đắk');
    expect(toFts5Match(query)).toBe('"hoi nghi" "dak"');
    expect(toTsQuery(query)).toBe("( 'hoi' <-> 'nghi' ) & 'dak'");
    expect(toFts5ExactMatch(query)).toBe('"hội" "nghị" "đắk"');
    expect(toTsExactQuery(query)).toBe("'hội' & 'nghị' & 'đắk'");
  });
});
