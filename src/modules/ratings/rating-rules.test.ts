import { describe, expect, it } from 'vitest';
import { checkRatingInput, cleanComment, isPagePathShaped, ratingDay, readerKey } from './rating-rules.js';
import { sheetCell, toCsv } from './rating-sheet.js';

describe('a rating', () => {
  it('takes yes or no, an optional comment and the page path', () => {
    expect(checkRatingInput({ path: '/tin-tuc/a', useful: 'yes' })).toEqual({ path: '/tin-tuc/a', isUseful: true, comment: '' });
    expect(checkRatingInput({ path: '/tin-tuc/a', useful: 'no', comment: ' Thiếu số điện thoại ' })).toEqual({ path: '/tin-tuc/a', isUseful: false, comment: 'Thiếu số điện thoại' });
  });

  it.each([
    [{ path: '/a', useful: 'có' }, 'useful'],
    [{ path: '/a', useful: 1 }, 'useful'],
    [{ path: '/a' }, 'useful'],
    [{ path: '/a', useful: 'yes', comment: 5 }, 'comment'],
    [{ path: '/a', useful: 'yes', comment: 'ạ'.repeat(501) }, 'comment'],
    [{ path: 'a', useful: 'yes' }, 'path'],
    [{ path: '//evil.example/a', useful: 'yes' }, 'path'],
    [{ path: '/a?b=c', useful: 'yes' }, 'path'],
    [{ path: '/a#b', useful: 'yes' }, 'path'],
    [{ path: '/a\\b', useful: 'yes' }, 'path'],
    [{ path: '/a b', useful: 'yes' }, 'path'],
    [{ path: '/a\u202eb', useful: 'yes' }, 'path'],
    [{ path: `/${'a'.repeat(500)}`, useful: 'yes' }, 'path'],
    [{ path: ['/a'], useful: 'yes' }, 'path'],
  ])('refuses %j (field %s)', (input, field) => {
    expect(() => checkRatingInput(input)).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field }));
  });

  it('counts a 500-character Vietnamese comment as 500, however it was typed', () => {
    const decomposed = 'ệ'.normalize('NFD').repeat(500);
    expect(checkRatingInput({ path: '/a', useful: 'yes', comment: decomposed }).comment).toBe('ệ'.repeat(500));
  });

  it('cleans a comment: control, zero-width and bidi characters out, line breaks kept', () => {
    expect(cleanComment('a\u0000b\u0007c\u200bd\u202ee\r\nf\r\n\r\n\r\n\r\ng\t')).toBe('abcde\nf\n\ng');
    expect(cleanComment('<b>x</b>')).toBe('<b>x</b>');
  });

  it('tells a path shaped like ours from anything else', () => {
    expect(isPagePathShaped('/van-ban/12-2022-nd-cp')).toBe(true);
    expect(isPagePathShaped('/')).toBe(true);
    for (const path of ['', 'x', '//x', '/x?y', '/x\n', 'javascript:alert(1)', 'https://x.vn/']) expect(isPagePathShaped(path), path).toBe(false);
  });
});

describe('the reader key', () => {
  const base = { secret: 's1', clientIp: '203.0.113.1', userAgent: 'Chrome', siteId: 'site', path: '/a' };

  it('is the same for the same reader, page and day, and differs when any of them changes', () => {
    expect(readerKey(base)).toBe(readerKey({ ...base }));
    for (const change of [{ secret: 's2' }, { clientIp: '203.0.113.2' }, { userAgent: 'Firefox' }, { siteId: 'other' }, { path: '/b' }]) expect(readerKey({ ...base, ...change })).not.toBe(readerKey(base));
  });

  it('holds neither the address nor the user agent', () => {
    const key = readerKey(base);
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(key).not.toContain('203');
  });

  it('cannot be confused by moving characters between the parts', () => {
    expect(readerKey({ ...base, clientIp: '1', userAgent: '23' })).not.toBe(readerKey({ ...base, clientIp: '12', userAgent: '3' }));
  });
});

describe('the rating day', () => {
  it("is Vietnam's calendar day, whatever the server's time zone", () => {
    expect(ratingDay(new Date('2026-11-29T16:59:59Z'))).toBe('2026-11-29');
    expect(ratingDay(new Date('2026-11-29T17:00:00Z'))).toBe('2026-11-30');
  });
});

describe('the export', () => {
  it('neutralises every formula start and quotes what needs quoting', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) expect(sheetCell(`${start}1+1`).replace(/^"/, '')).toMatch(/^'/);
    expect(sheetCell('=A1,"x"')).toBe(`"'=A1,""x"""`);
    expect(sheetCell('Bình thường')).toBe('Bình thường');
    expect(sheetCell(3)).toBe('3');
    expect(toCsv(['a', 'b'], [['1', '2']])).toBe('\ufeffa,b\r\n1,2\r\n');
  });
});
