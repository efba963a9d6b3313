import { describe, expect, it } from 'vitest';
import { monthLexeme, nextWindowMonths, tsvectorText } from './search-index.postgres.js';

describe('tsvectorText', () => {
  it('writes lexemes with positions and field weights, a gap between fields', () => {
    expect(tsvectorText([{ words: ['hoi', 'nghi'], weight: 'A' }, { words: ['hoi'], weight: 'B' }])).toBe("'hoi':1A,4B 'nghi':2A");
  });

  it('stays within PostgreSQL limits: position 16383, 256 positions per lexeme', () => {
    const text = tsvectorText([{ words: Array(20_000).fill('a').map((a, i) => (i % 2 ? a : `w${i}`)), weight: 'B' }]);
    const positionsOfA = text.match(/'a':([^ ]+)/)![1]!.split(',');
    expect(positionsOfA).toHaveLength(256);
    expect(text).toContain("'w19998':16383B");
  });
});

describe('monthLexeme', () => {
  it('names the UTC month of a time with a lexeme no word can be', () => {
    expect(monthLexeme(Date.UTC(2025, 11, 31, 23, 59))).toBe('_m202512');
    expect(monthLexeme(Date.UTC(1999, 0, 1))).toBe('_m199901');
  });
});

describe('nextWindowMonths', () => {
  it('widens the window to where the matches found so far say the limit lies, with a margin', () => {
    expect(nextWindowMonths({ months: 1, found: 280, limit: 501 })).toBe(3);
    expect(nextWindowMonths({ months: 1, found: 100, limit: 501 })).toBe(7);
    expect(nextWindowMonths({ months: 3, found: 400, limit: 501 })).toBe(9);
  });

  it('looks in all months when the guess is beyond two years, or nothing was found', () => {
    expect(nextWindowMonths({ months: 1, found: 10, limit: 501 })).toBe(Infinity);
    expect(nextWindowMonths({ months: 1, found: 0, limit: 501 })).toBe(Infinity);
    expect(nextWindowMonths({ months: 9, found: 300, limit: 501 })).toBe(Infinity);
  });

  it('grows at least threefold, so a query runs at most four windows', () => {
    let months = 1;
    const windows = [months];
    while (months !== Infinity) {
      months = nextWindowMonths({ months, found: 500, limit: 501 });
      windows.push(months);
    }
    expect(windows).toEqual([1, 3, 9, Infinity]);
  });
});
