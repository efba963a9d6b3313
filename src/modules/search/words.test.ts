import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldVietnamese, slugify } from '../../platform/i18n/vi.js';
import { MAX_WORD_LENGTH, foldWord, indexWords, wordsOf } from './words.js';

/** Vietnamese letters with every tone, upper and lower case, NFC and NFD, plus ASCII, digits and punctuation. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const VIETNAMESE = 'aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐEÊOÔƠUƯáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵÁÀẢÃẠẮẰẲẴẶẤẦẨẪẬÉÈẺẼẸẾỀỂỄỆÍÌỈĨỊÓÒỎÕỌỐỒỔỖỘỚỜỞỠỢÚÙỦŨỤỨỪỬỮỰÝỲỶỸỴ0123456789 .,-/"\'';
const vietnameseText = fc.string({ unit: fc.constantFrom(...Array.from(VIETNAMESE)) }).map((s) => (s.length % 2 ? s.normalize('NFD') : s));
/** Any code points, lone surrogates included: whatever a client can send. */
const anyText = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme-composite' }), vietnameseText);

describe('foldVietnamese', () => {
  it.each([
    ['Hội nghị', 'hoi nghi'],
    ['Đắk Lắk', 'dak lak'],
    ['ĐOÀN THANH NIÊN', 'doan thanh nien'],
    ['Khánh Hòa'.normalize('NFD'), 'khanh hoa'],
    ['Nghị định 42/2022/NĐ-CP', 'nghi dinh 42/2022/nd-cp'],
  ])('folds %j to %j', (text, folded) => {
    expect(foldVietnamese(text)).toBe(folded);
  });

  it('is idempotent', () => {
    fc.assert(fc.property(anyText, (text) => foldVietnamese(foldVietnamese(text)) === foldVietnamese(text)), { numRuns: 2000 });
  });

  it('folds NFC and NFD input the same', () => {
    fc.assert(fc.property(anyText, (text) => foldVietnamese(text.normalize('NFC')) === foldVietnamese(text.normalize('NFD'))), { numRuns: 2000 });
  });

  it('never throws, nor does slugify', () => {
    fc.assert(fc.property(anyText, fc.integer({ min: 1, max: 200 }), (text, length) => {
      foldVietnamese(text);
      return slugify(text, length).length <= length;
    }), { numRuns: 2000 });
  });

  it('is idempotent and NFC/NFD-blind on every single code point', () => {
    for (let cp = 0; cp <= 0x10ffff; cp += cp < 0x3000 ? 1 : 7) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const text = String.fromCodePoint(cp);
      const folded = foldVietnamese(text);
      if (foldVietnamese(folded) !== folded || foldVietnamese(text.normalize('NFD')) !== foldVietnamese(text.normalize('NFC'))) {
        expect.fail(`U+${cp.toString(16)} folds unstably`);
      }
    }
  });
});

describe('words', () => {
  it('cuts text into words with an exact and a folded form, and their offsets', () => {
    const text = 'Hội nghị (Đắk Lắk), NĐ-CP; 2026!';
    expect(wordsOf(text).map((w) => [text.slice(w.start, w.end), w.exact, w.folded])).toEqual([
      ['Hội', 'hội', 'hoi'],
      ['nghị', 'nghị', 'nghi'],
      ['Đắk', 'đắk', 'dak'],
      ['Lắk', 'lắk', 'lak'],
      ['NĐ', 'nđ', 'nd'],
      ['CP', 'cp', 'cp'],
      ['2026', '2026', '2026'],
    ]);
  });

  it('treats emoji, symbols, NUL and lone surrogates as separators', () => {
    expect(wordsOf('hoi😀nghi\u0000x\uD800y*z').map((w) => w.folded)).toEqual(['hoi', 'nghi', 'x', 'y', 'z']);
    expect(wordsOf('😀 !!! \u0000 ---')).toEqual([]);
  });

  it('cuts very long words by code points', () => {
    const [word] = wordsOf('𝐀'.repeat(100));
    expect(Array.from(word!.exact)).toHaveLength(MAX_WORD_LENGTH);
    expect(word!.exact).not.toMatch(LONE_SURROGATE);
  });

  it('gives the same words for NFC and NFD text, each folded word stable and made of word characters only', () => {
    fc.assert(fc.property(anyText, (text) => {
      const nfc = wordsOf(text.normalize('NFC'));
      expect(wordsOf(text.normalize('NFD'))).toEqual(nfc);
      for (const word of nfc) {
        expect(word.folded).toMatch(/^[\p{L}\p{N}\p{M}]+$/u);
        expect(foldWord(word.folded)).toBe(word.folded);
        expect(word.end).toBeGreaterThan(word.start);
      }
    }), { numRuns: 1000 });
  });

  it('caps the words indexed per record', () => {
    expect(indexWords('một hai ba bốn', 3)).toEqual({ folded: ['mot', 'hai', 'ba'], exact: ['một', 'hai', 'ba'] });
  });
});
