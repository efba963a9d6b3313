import { describe, expect, it } from 'vitest';
import { monthLexeme, tsvectorText } from './search-index.postgres.js';

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
