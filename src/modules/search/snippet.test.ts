import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { highlightWords, openingSnippet, snippetAtFirstMatch } from './snippet.js';
import { foldWord } from './words.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const marked = (text: string, ranges: { start: number; end: number }[]) => ranges.map((r) => text.slice(r.start, r.end));

describe('snippets', () => {
  it('marks the original words (diacritics kept) of folded matches', () => {
    const text = 'Sở tổ chức Hội nghị tại Đắk Lắk; hội viên dự.';
    expect(marked(text, highlightWords(text, new Set(['hoi', 'dak'])))).toEqual(['Hội', 'Đắk', 'hội']);
  });

  it('cuts around the first match at spaces and says where it was cut', () => {
    const text = `${'mở đầu '.repeat(40)}Hội nghị tổng kết ${'phần sau '.repeat(40)}`;
    const snippet = snippetAtFirstMatch(text, new Set(['hoi', 'nghi']), 120)!;
    expect(snippet.text.length).toBeLessThanOrEqual(120);
    expect(snippet.text).toContain('Hội nghị tổng kết');
    expect(text).toContain(` ${snippet.text} `);
    expect(marked(snippet.text, snippet.highlights)).toEqual(['Hội', 'nghị']);
    expect(snippet).toMatchObject({ isCutStart: true, isCutEnd: true });
  });

  it('says when nothing matches, and opens the text instead', () => {
    expect(snippetAtFirstMatch('Không có gì.', new Set(['hoi']))).toBeUndefined();
    expect(openingSnippet('một hai ba bốn năm', new Set(['ba']), 10)).toEqual({ text: 'một hai ba', highlights: [{ start: 8, end: 10 }], isCutStart: false, isCutEnd: true });
  });

  it('gives ranges inside the snippet that are whole matching words, and never splits a character', () => {
    const word = fc.constantFrom('hội', 'nghị', 'Đắk', 'lắk', '😀', 'a', 'tổng', 'kết', '\n', '𝐀𝐁');
    fc.assert(fc.property(fc.array(word, { maxLength: 200 }), fc.integer({ min: 10, max: 300 }), (words, length) => {
      const text = words.join(' ');
      const snippet = snippetAtFirstMatch(text, new Set(['hoi', 'dak']), length);
      if (!snippet) return !/hội|đắk/i.test(text);
      expect(snippet.text).not.toMatch(LONE_SURROGATE);
      expect(text).toContain(snippet.text);
      expect(snippet.text.length).toBeLessThanOrEqual(Math.max(length, 4));
      for (const range of snippet.highlights) expect(['hoi', 'dak']).toContain(foldWord(snippet.text.slice(range.start, range.end)));
      return snippet.highlights.length > 0;
    }));
  });
});
