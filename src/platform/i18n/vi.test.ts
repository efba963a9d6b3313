import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { echoableText, foldVietnamese, formatDate, formatDateTime, formatNumber, formatPercent, slugify, toNfc } from './vi.js';

describe('slugify', () => {
  it('drops diacritics and maps đ to d', () => {
    expect(slugify('Đắk Lắk')).toBe('dak-lak');
    expect(slugify('Hội nghị triển khai nhiệm vụ năm 2022')).toBe('hoi-nghi-trien-khai-nhiem-vu-nam-2022');
    expect(slugify('ĐOÀN THANH NIÊN')).toBe('doan-thanh-nien');
  });

  it('turns punctuation and runs of spaces into single hyphens', () => {
    expect(slugify('  Lao động - Thương binh & Xã hội!!  ')).toBe('lao-dong-thuong-binh-xa-hoi');
    expect(slugify('Nghị định 42/2022/NĐ-CP')).toBe('nghi-dinh-42-2022-nd-cp');
    expect(slugify('"Trích" (dẫn): a…b')).toBe('trich-dan-a-b');
  });

  it('handles decomposed (NFD) input like precomposed', () => {
    expect(slugify('Hội nghị'.normalize('NFD'))).toBe('hoi-nghi');
  });

  it('returns an empty string when nothing sluggable remains', () => {
    expect(slugify('!!! ---')).toBe('');
    expect(slugify('')).toBe('');
  });

  it('cuts long titles at a word boundary within the limit', () => {
    const slug = slugify('Tăng cường công tác bảo đảm an sinh xã hội '.repeat(10), 60);
    expect(slug.length).toBeLessThanOrEqual(60);
    expect(slug).not.toMatch(/-$/);
    expect('tang-cuong-cong-tac-bao-dam-an-sinh-xa-hoi-tang-cuong-cong-tac'.startsWith(slug)).toBe(true);
    expect(slugify('a'.repeat(200), 50)).toBe('a'.repeat(50));
  });
});

describe('Vietnamese formats', () => {
  it('writes dates as dd/mm/yyyy in Vietnam time', () => {
    expect(formatDate('2022-01-16T01:30:00.000Z')).toBe('16/01/2022');
    // 18:00 UTC on the 15th is already the 16th in Hà Nội.
    expect(formatDate('2022-01-15T18:00:00.000Z')).toBe('16/01/2022');
    expect(formatDateTime('2022-01-16T01:30:00.000Z')).toBe('08:30 16/01/2022');
  });

  it('groups thousands with dots and writes decimals with a comma', () => {
    expect(formatNumber(69534)).toBe('69.534');
    expect(formatNumber(2577)).toBe('2.577');
    expect(formatNumber(0)).toBe('0');
    expect(formatNumber(1234567)).toBe('1.234.567');
    expect(formatPercent(6518 / 5700)).toBe('114,35%');
    expect(formatPercent(0.557)).toBe('55,7%');
  });

  it('folds Vietnamese for search', () => {
    expect(foldVietnamese('Đắk Lắk')).toBe('dak lak');
    expect(foldVietnamese('Hội Nghị')).toBe('hoi nghi');
  });

  it('normalises to NFC', () => {
    expect(toNfc('Hội'.normalize('NFD'))).toBe('Hội');
  });
});

describe('formatNumber', () => {
  it('groups whole numbers exactly as Intl does for vi-VN', () => {
    const intl = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
    fc.assert(fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.integer({ min: -1e6, max: 1e6 })), (n) => formatNumber(n) === intl.format(n)));
    for (const n of [0, 7, 999, 1000, 69534, 1_234_567, Number.MAX_SAFE_INTEGER]) expect(formatNumber(n)).toBe(intl.format(n));
  });
});

describe('echoableText', () => {
  it('turns every control, zero-width and bidi character into a space, and leaves Vietnamese text as it is', () => {
    for (let code = 0; code < 0x20; code++) expect(echoableText(`a${String.fromCharCode(code)}b`)).toBe('a b');
    for (const char of ['\u007f', '\u0085', '\u009f', '\u200b', '\u200e', '\u200f', '\u202a', '\u202e', '\u2066', '\u2069', '\ufeff']) expect(echoableText(`a${char}b`)).toBe('a b');
    expect(echoableText('Hội nghị "Đắk Lắk" <b>')).toBe('Hội nghị "Đắk Lắk" <b>');
    expect(echoableText(undefined)).toBe('');
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => !/[\u0000-\u001f\u202a-\u202e]/.test(echoableText(text))));
  });
});
