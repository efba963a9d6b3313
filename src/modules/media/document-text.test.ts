import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cfbWithStreams, docxInflatingTo, docxOf, minimalOdt, minimalPdf, minimalXlsx, pdfInflatingTo, pdfOfPages, pdfWithPassword, zipOf } from '../../../test/fixtures/media/build.js';
import { cleanDocumentText, extractDocumentText, MAX_PDF_PAGES, MAX_TEXT_CHARS, type ExtractionLimits } from './document-text.js';

const MEGABYTE = 1024 * 1024;
/** Small enough that a test's bomb goes past them quickly. */
const TIGHT: ExtractionLimits = { timeoutMs: 30_000, maxMemoryBytes: 64 * MEGABYTE };

describe('extractDocumentText', () => {
  it('reads the text of every page of a PDF', async () => {
    expect(await extractDocumentText(pdfOfPages(['Ke hoach tuyen sinh nam 2026', 'So Giao duc va Dao tao']), 'pdf')).toBe('Ke hoach tuyen sinh nam 2026\nSo Giao duc va Dao tao');
  });

  it('reads a DOCX with Vietnamese text, composed characters turned NFC', async () => {
    expect(await extractDocumentText(await docxOf('Kế hoạch tuyển sinh Đắk Lắk'), 'docx')).toBe('Kế hoạch tuyển sinh Đắk Lắk');
    expect(await extractDocumentText(await docxOf('Quyết định số 12'.normalize('NFD')), 'docx')).toBe('Quyết định số 12');
  });

  it('gives nothing for the kinds without a reader', async () => {
    expect(await extractDocumentText(minimalXlsx(), 'xlsx')).toBe('');
    expect(await extractDocumentText(minimalOdt(), 'odt')).toBe('');
    expect(await extractDocumentText(cfbWithStreams(['WordDocument']), 'doc')).toBe('');
    expect(await extractDocumentText(cfbWithStreams(['Workbook']), 'xls')).toBe('');
  });

  it(`reads the first ${MAX_PDF_PAGES} pages of a PDF only`, async () => {
    const pages = Array.from({ length: MAX_PDF_PAGES + 1 }, (_, i) => `Trang ${i + 1}`);
    const lines = (await extractDocumentText(pdfOfPages(pages), 'pdf')).split('\n');
    expect(lines).toHaveLength(MAX_PDF_PAGES);
    expect(lines.at(-1)).toBe(`Trang ${MAX_PDF_PAGES}`);
  });

  it('gives nothing for an encrypted PDF, a truncated one, or a zip that is not a Word file', async () => {
    expect(await extractDocumentText(pdfWithPassword(), 'pdf')).toBe('');
    const pdf = minimalPdf();
    for (const length of [0, 8, 100, 300]) expect(await extractDocumentText(pdf.subarray(0, length), 'pdf')).toBe('');
    expect(await extractDocumentText(zipOf([['notes.txt', 'Ghi chú']]), 'docx')).toBe('');
    expect(await extractDocumentText(minimalXlsx(), 'docx')).toBe('');
    expect(await extractDocumentText((await docxOf('Kế hoạch')).subarray(0, 2000), 'docx')).toBe('');
  });

  it('ends a PDF or a DOCX that inflates past the memory limit, and reads the same file when small', async () => {
    // 1. Within the limits, the bomb's text is read: the limit, not the builder, gives '' below.
    expect(await extractDocumentText(pdfInflatingTo(MEGABYTE), 'pdf', TIGHT)).toBe('Hello');
    expect(await extractDocumentText(docxInflatingTo(MEGABYTE), 'docx', TIGHT)).toBe('Hello');
    // 2. 256 MB from about 250 KB of file.
    expect(await extractDocumentText(pdfInflatingTo(256 * MEGABYTE), 'pdf', TIGHT)).toBe('');
    expect(await extractDocumentText(docxInflatingTo(256 * MEGABYTE), 'docx', TIGHT)).toBe('');
  });

  it('ends a reader that takes too long', async () => {
    expect(await extractDocumentText(minimalPdf(), 'pdf', { ...TIGHT, timeoutMs: 1 })).toBe('');
  });

  it('never throws on random bytes, nor on a PDF or DOCX with bytes changed', async () => {
    const docx = await docxOf('Kế hoạch tuyển sinh');
    const pdf = pdfOfPages(['Ke hoach tuyen sinh']);
    const changes = fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 20 });
    const changed = (file: Buffer, edits: Array<[number, number]>) => {
      const copy = Buffer.from(file);
      for (const [at, byte] of edits) copy[at % copy.length] = byte;
      return copy;
    };
    // Each run starts a worker thread: few runs, many shapes.
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.tuple(fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.from(bytes)), fc.constantFrom('pdf' as const, 'docx' as const)),
          fc.tuple(fc.uint8Array({ maxLength: 2000 }).map((bytes) => Buffer.concat([Buffer.from('%PDF-1.4\n'), bytes])), fc.constant('pdf' as const)),
          fc.tuple(changes.map((edits) => changed(pdf, edits)), fc.constant('pdf' as const)),
          fc.tuple(changes.map((edits) => changed(docx, edits)), fc.constant('docx' as const)),
        ),
        async ([bytes, ext]) => {
          expect(typeof (await extractDocumentText(bytes, ext))).toBe('string');
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('cleanDocumentText', () => {
  it('keeps line breaks and drops controls, extra spaces and empty lines', () => {
    expect(cleanDocumentText('  Kế\u0000hoạch\t\tnăm  2026 \r\n\r\n\r\n\u000cTrang\u00a0hai\u2028cuối \n')).toBe('Kế hoạch năm 2026\n\nTrang hai\ncuối');
  });

  it('turns composed characters NFC and drops halves of surrogate pairs', () => {
    expect(cleanDocumentText('Đắk Lắk'.normalize('NFD'))).toBe('Đắk Lắk');
    expect(cleanDocumentText('a\ud800b 😀')).toBe('a b 😀');
  });

  it(`keeps ${MAX_TEXT_CHARS.toLocaleString('en')} characters at most, never half of a pair`, () => {
    expect(cleanDocumentText('a'.repeat(MAX_TEXT_CHARS + 5))).toHaveLength(MAX_TEXT_CHARS);
    const cut = cleanDocumentText(`${'a'.repeat(MAX_TEXT_CHARS - 1)}😀`);
    expect(cut).toBe('a'.repeat(MAX_TEXT_CHARS - 1));
  });

  it('gives stored text for any input: NFC, no controls but line feeds, no spaces around lines', () => {
    // Any UTF-16 unit (lone surrogates too), with the troublesome ones often.
    const character = fc.oneof(fc.constantFrom(' ', '\n', '\r', '\t', '\u0000', '\u00a0', '\u2028', '\u0301', 'e', 'đ', '😀'), fc.integer({ min: 0, max: 0xffff }).map((unit) => String.fromCharCode(unit)));
    fc.assert(
      fc.property(fc.string({ unit: character, maxLength: 200 }), (raw) => {
        const clean = cleanDocumentText(raw);
        expect(clean.normalize('NFC')).toBe(clean);
        expect(clean).not.toMatch(/(?!\n)[\p{Cc}\p{Cs}]/u);
        expect(clean).not.toMatch(/^\s|\s$|[^\S\n]\n|\n[^\S\n]|[^\S\n]{2}|\n{3}/);
        expect(cleanDocumentText(clean)).toBe(clean);
      }),
      { numRuns: 2000 },
    );
  });
});
