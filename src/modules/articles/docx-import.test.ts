import { AlignmentType, Document, HeadingLevel, ImageRun, LevelFormat, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError, UnsupportedMediaTypeError } from '../../platform/errors.js';
import { importDocx, type DocxImage } from './docx-import.js';

const MEDIA_ID = '0b7c7f5e-2d1a-4c3b-8e9f-00112233aabb';

let png: Buffer;

beforeAll(async () => {
  png = await sharp({ create: { width: 8, height: 6, channels: 3, background: { r: 200, g: 30, b: 30 } } }).png().toBuffer();
});

/** A storeImage stub that records what it was given. */
function imageStore(answer: (image: DocxImage) => Promise<{ id: string }> = async () => ({ id: MEDIA_ID })) {
  const stored: DocxImage[] = [];
  return {
    stored,
    storeImage: async (image: DocxImage) => {
      stored.push(image);
      return answer(image);
    },
  };
}

function build(children: Array<Paragraph | Table>): Promise<Buffer> {
  const doc = new Document({
    styles: { paragraphStyles: [{ id: 'Caption', name: 'Caption', run: { italics: true } }] },
    numbering: { config: [{ reference: 'so', levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }] }] },
    sections: [{ children }],
  });
  return Packer.toBuffer(doc);
}

const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });

describe('importDocx', () => {
  it('turns headings, emphasis, lists, a table and an image into a sanitised body', async () => {
    // 1. A document with a Title paragraph and every construct editors use.
    const bytes = await build([
      new Paragraph({ text: 'Thông báo tuyển dụng viên chức năm 2026', heading: HeadingLevel.TITLE }),
      new Paragraph({ text: 'Điều kiện đăng ký', heading: HeadingLevel.HEADING_1 }),
      new Paragraph({ children: [new TextRun('Người dự tuyển '), new TextRun({ text: 'phải có', bold: true }), new TextRun({ text: ' bằng đại học', italics: true })] }),
      new Paragraph({ text: 'Hồ sơ gồm', heading: HeadingLevel.HEADING_2 }),
      new Paragraph({ text: 'Đơn đăng ký', bullet: { level: 0 } }),
      new Paragraph({ text: 'Bản sao văn bằng', bullet: { level: 0 } }),
      new Paragraph({ text: 'Nộp hồ sơ', numbering: { reference: 'so', level: 0 } }),
      new Paragraph({ text: 'Phỏng vấn', numbering: { reference: 'so', level: 0 } }),
      new Table({ rows: [new TableRow({ children: [cell('Vị trí'), cell('Số lượng')] }), new TableRow({ children: [cell('Kế toán'), cell('2')] })] }),
      new Paragraph({ children: [new ImageRun({ type: 'png', data: png, transformation: { width: 8, height: 6 }, altText: { name: 'anh', description: 'Trụ sở Sở Nội vụ', title: 'Trụ sở' } })] }),
      new Paragraph({ text: 'Hình 1. Trụ sở', style: 'Caption' }),
    ]);
    const store = imageStore();

    // 2. Import it.
    const result = await importDocx(bytes, { storeImage: store.storeImage });

    // 3. The Title paragraph is the title and is gone from the body; headings move down one.
    expect(result.title).toBe('Thông báo tuyển dụng viên chức năm 2026');
    expect(result.bodyHtml).not.toContain('tuyển dụng viên chức năm 2026');
    expect(result.bodyHtml).toContain('<h2>Điều kiện đăng ký</h2>');
    expect(result.bodyHtml).toContain('<h3>Hồ sơ gồm</h3>');
    expect(result.bodyHtml).toContain('<strong>phải có</strong>');
    expect(result.bodyHtml).toContain('<em> bằng đại học</em>');
    expect(result.bodyHtml).toContain('<ul><li>Đơn đăng ký</li><li>Bản sao văn bằng</li></ul>');
    expect(result.bodyHtml).toContain('<ol><li>Nộp hồ sơ</li><li>Phỏng vấn</li></ol>');
    expect(result.bodyHtml).toMatch(/<table>.*<td><p>Kế toán<\/p><\/td><td><p>2<\/p><\/td>.*<\/table>/);
    expect(result.bodyHtml).toContain(`<figure><img data-media-id="${MEDIA_ID}" alt="Trụ sở Sở Nội vụ" /><figcaption>Hình 1. Trụ sở</figcaption></figure>`);
    expect(result.bodyHtml).not.toMatch(/src=|class=|style=/);

    // 4. The image bytes reached the store as a PNG with Word's description.
    expect(store.stored).toHaveLength(1);
    expect(store.stored[0]!.contentType).toBe('image/png');
    expect(store.stored[0]!.altText).toBe('Trụ sở Sở Nội vụ');
    expect((await sharp(store.stored[0]!.bytes).metadata()).width).toBe(8);

    // 5. Vietnamese text arrives composed (NFC), as stored bodies are.
    expect(result.title.normalize('NFC')).toBe(result.title);
    expect(result.bodyHtml.normalize('NFC')).toBe(result.bodyHtml);
    expect(result.warnings).toEqual([]);
  });

  it('takes an opening heading as the title, and keeps later headings as sections', async () => {
    const bytes = await build([new Paragraph({ text: 'Lịch tiếp công dân', heading: HeadingLevel.HEADING_1 }), new Paragraph('Thứ Năm hằng tuần.'), new Paragraph({ text: 'Địa điểm', heading: HeadingLevel.HEADING_1 })]);
    const result = await importDocx(bytes, imageStore());
    expect(result.title).toBe('Lịch tiếp công dân');
    expect(result.bodyHtml).toBe('<p>Thứ Năm hằng tuần.</p><h2>Địa điểm</h2>');
  });

  it('falls back to the first paragraph, shortened to 200 characters, and says so', async () => {
    const long = 'Ủy ban nhân dân tỉnh thông báo '.repeat(10).trim();
    const bytes = await build([new Paragraph(''), new Paragraph(long), new Paragraph('Nội dung.')]);
    const result = await importDocx(bytes, imageStore());
    expect(result.title.length).toBeLessThanOrEqual(200);
    expect(long.startsWith(result.title)).toBe(true);
    expect(result.bodyHtml).toContain(`<p>${long}</p>`);
    expect(result.warnings).toHaveLength(2);
  });

  it('skips an image the media library refuses, with a warning, and passes storage failures on', async () => {
    const bytes = await build([new Paragraph({ text: 'Ảnh', heading: HeadingLevel.TITLE }), new Paragraph({ children: [new ImageRun({ type: 'png', data: png, transformation: { width: 8, height: 6 } })] })]);

    const refused = await importDocx(bytes, imageStore(async () => Promise.reject(new UnsupportedMediaTypeError('Định dạng ảnh không được hỗ trợ.'))));
    expect(refused.bodyHtml).not.toContain('<img');
    expect(refused.warnings.join(' ')).toContain('Định dạng ảnh không được hỗ trợ.');

    const broken = new Error('disk full');
    await expect(importDocx(bytes, imageStore(async () => Promise.reject(broken)))).rejects.toBe(broken);
  });

  it('refuses what is not a .docx with INVALID_INPUT, corrupt zips included', async () => {
    const docx = await build([new Paragraph('x')]);
    const samples: Array<[string, Buffer]> = [
      ['empty', Buffer.alloc(0)],
      ['text', Buffer.from('Xin chào, đây không phải tệp Word')],
      ['png', png],
      ['old .doc', Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(512)])],
      ['truncated zip', docx.subarray(0, Math.floor(docx.length / 2))],
      ['zip with a corrupt entry', Buffer.concat([docx.subarray(0, 60), Buffer.alloc(400, 0x41), docx.subarray(460)])],
      ['zip without Word parts', await zipWithout(docx)],
    ];
    for (const [name, bytes] of samples) {
      const error = await importDocx(bytes, imageStore()).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect({ name, isInvalidInput: error instanceof InvalidInputError }).toEqual({ name, isInvalidInput: true });
      expect((error as InvalidInputError).message).toMatch(/^Tệp không phải là tài liệu Word \(\.docx\)/);
    }
  });
});

/** The same zip with every "word/" entry renamed, so it is a zip but not a Word document. */
async function zipWithout(docx: Buffer): Promise<Buffer> {
  const copy = Buffer.from(docx);
  let at = copy.indexOf('word/');
  while (at >= 0) {
    copy.write('xxxx/', at);
    at = copy.indexOf('word/', at + 1);
  }
  return copy;
}
