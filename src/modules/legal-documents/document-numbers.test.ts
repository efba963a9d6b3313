import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentSlug, looksLikeDocumentNumber, matchesNumberPrefix, normaliseDocumentNumber, numberIdentity, numberYear } from './document-numbers.js';

describe('document numbers', () => {
  it('give one key for every spelling of a number', () => {
    const spellings = [
      '20/2021/NĐ-CP',
      '20/2021/ND-CP',
      ' 20 / 2021 / nđ-cp ',
      'số 20/2021/NĐ-CP',
      'Số: 20/2021/NĐ-CP',
      'Nghị định số 20/2021/NĐ-CP',
      'Nghị định 20/2021/NĐ-CP',
      '20/2021/NĐ-CP'.normalize('NFD'),
      'số 20/2021/NĐ-CP'.normalize('NFD'),
      '20\u00a0/\u00a02021/NĐ\u2013CP',
      '20/2021/NĐ - CP',
      '020/2021/nd-cp',
      '20／2021／ＮĐ-CP'.replace('Ｎ', 'N'),
    ];
    for (const spelling of spellings) expect(normaliseDocumentNumber(spelling), spelling).toBe('20/2021/nd-cp');
    expect(normaliseDocumentNumber('26/2020/TT-BLĐTBXH')).toBe('26/2020/tt-bldtbxh');
    expect(normaliseDocumentNumber('1234/QĐ-UBND')).toBe('1234/qd-ubnd');
    expect(normaliseDocumentNumber('05/2021/TT-BLĐTBXH')).toBe('5/2021/tt-bldtbxh');
  });

  it('give no key for text without a digit', () => {
    for (const text of ['', '   ', 'NĐ-CP', 'số', '///', '<script>']) expect(normaliseDocumentNumber(text)).toBe('');
  });

  it('find a document by the start of its number, at a part boundary only', () => {
    expect(matchesNumberPrefix('20/2021/nd-cp', normaliseDocumentNumber('20/2021'))).toBe(true);
    expect(matchesNumberPrefix('20/2021/nd-cp', normaliseDocumentNumber('20/2021/ND'))).toBe(true);
    expect(matchesNumberPrefix('20/2021/nd-cp', '20/2021/nd-cp')).toBe(true);
    expect(matchesNumberPrefix('120/2021/nd-cp', '20/2021')).toBe(false);
    expect(matchesNumberPrefix('20/20210/nd-cp', '20/2021')).toBe(false);
    expect(matchesNumberPrefix('20/2021/nd-cp', '')).toBe(false);
  });

  it('tell a number from other search words', () => {
    expect(looksLikeDocumentNumber('20/2021')).toBe(true);
    expect(looksLikeDocumentNumber('Nghị định 20/2021/NĐ-CP')).toBe(true);
    expect(looksLikeDocumentNumber('trợ cấp')).toBe(false);
    expect(looksLikeDocumentNumber('2021')).toBe(false);
  });

  it('read the year of a number', () => {
    expect(numberYear('20/2021/nd-cp')).toBe(2021);
    expect(numberYear('123/kh-ubnd')).toBeNull();
    expect(numberYear('2021/kh-ubnd')).toBeNull();
  });

  it('tell numbers apart: by key, and for a number without a year also by the year of issue', () => {
    expect(numberIdentity('20/2021/nd-cp', '2022-01-01')).toBe('20/2021/nd-cp');
    expect(numberIdentity('123/kh-ubnd', '2024-03-01')).toBe('123/kh-ubnd@2024');
    expect(numberIdentity('123/kh-ubnd', null)).toBe('123/kh-ubnd@');
  });

  it('make slugs from numbers, with the year of issue when the number has none', () => {
    expect(documentSlug('20/2021/NĐ-CP')).toBe('20-2021-nd-cp');
    expect(documentSlug('26/2020/TT-BLĐTBXH', '2020-12-30')).toBe('26-2020-tt-bldtbxh');
    expect(documentSlug('123/KH-UBND', '2024-03-01')).toBe('123-kh-ubnd-2024');
    expect(documentSlug('')).toBe('van-ban');
  });

  it('never throw, and give keys that are stable and made of safe characters', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('20/2021/NĐ-CP', 'số 1/QĐ', ' / / ')), (text) => {
        const key = normaliseDocumentNumber(text);
        expect(key).toMatch(/^[a-z0-9/.-]*$/);
        expect(normaliseDocumentNumber(key)).toBe(key);
        expect(normaliseDocumentNumber(text.normalize('NFD'))).toBe(normaliseDocumentNumber(text.normalize('NFC')));
        const slug = documentSlug(text, '2024-01-01');
        expect(slug).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
        expect(() => looksLikeDocumentNumber(text)).not.toThrow();
      }),
    );
  });
});
