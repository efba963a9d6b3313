import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { cfbWithStreams, docxOf, jpegWithGps, minimalOdt, minimalPdf, minimalXlsx, pngClaiming, transparentPng, zipOf } from '../../../test/fixtures/media/build.js';
import { createSite } from '../sites/index.js';
import { importImage, isMediaPath, MAX_DOCUMENT_BYTES, MAX_IMAGE_BYTES, uploadMedia, type Media } from './index.js';

/** Every file and folder below `dir`, relative: what a failed upload must not change. */
function listTree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).sort();
}

describe.each(ENGINES)('uploadMedia on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let mediaDir: string;

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(testDb.db.kysely, { host: 'localhost', name: 'Sở Tư pháp' });
    mediaDir = path.join(testDb.dataDir, 'media');
  });
  afterAll(async () => testDb.destroy());
  afterEach(() => vi.restoreAllMocks());

  const upload = (bytes: Buffer, originalName = 'tep', extra: { alt?: string; caption?: string; siteId?: string } = {}) =>
    uploadMedia(testDb.db.kysely, mediaDir, { siteId: extra.siteId ?? siteId, uploadedBy: 'user-1', bytes, originalName, alt: extra.alt, caption: extra.caption });
  const rowCount = async () => Number((await testDb.db.kysely.selectFrom('media').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const fileOf = (media: Media) => path.join(mediaDir, media.url.slice('/media/'.length));

  /** The upload is refused with `code`, and leaves no file and no row behind. */
  async function expectRefused(bytes: Buffer, originalName: string, code: string): Promise<Error> {
    const filesBefore = listTree(mediaDir);
    const rowsBefore = await rowCount();
    const error = await upload(bytes, originalName).then(
      () => undefined,
      (failure: Error) => failure,
    );
    expect(error).toMatchObject({ code });
    expect(listTree(mediaDir)).toEqual(filesBefore);
    expect(await rowCount()).toBe(rowsBefore);
    return error!;
  }

  it('re-encodes a phone photo into WebP and JPEG variants with no EXIF or GPS left', async () => {
    const original = await jpegWithGps(1000, 600);
    expect((await sharp(original).metadata()).exif).toBeDefined();

    const media = await upload(original, 'Ảnh hội nghị.jpg', { alt: '  Hội nghị  ', caption: 'Toàn cảnh' });

    expect(media).toMatchObject({ kind: 'image', mime: 'image/jpeg', originalName: 'Ảnh hội nghị.jpg', width: 1000, height: 600, alt: 'Hội nghị', caption: 'Toàn cảnh', uploadedBy: 'user-1' });
    expect(media.variants.map((v) => `${v.width}.${v.format}`)).toEqual(['320.webp', '320.jpeg', '640.webp', '640.jpeg', '960.webp', '960.jpeg', '1000.webp', '1000.jpeg']);
    expect(media.url).toBe(`/media/${media.id}/1000.jpg`);
    for (const variant of media.variants) {
      expect(isMediaPath(`/media/${variant.key}`)).toBe(true);
      const metadata = await sharp(path.join(mediaDir, variant.key)).metadata();
      expect(metadata.format).toBe(variant.format);
      expect(metadata.width).toBe(variant.width);
      expect(metadata.exif).toBeUndefined();
      expect(metadata.xmp).toBeUndefined();
    }
    const row = await testDb.db.kysely.selectFrom('media').selectAll().where('id', '=', media.id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ site_id: siteId, kind: 'image', original_name: 'Ảnh hội nghị.jpg', uploaded_by: 'user-1', bytes: original.length });
  });

  it('flattens a transparent PNG on white for JPEG and keeps the transparency in WebP', async () => {
    const media = await upload(await transparentPng(400, 300), 'logo.png');
    const jpeg = media.variants.find((v) => v.format === 'jpeg' && v.width === 400)!;
    const webp = media.variants.find((v) => v.format === 'webp' && v.width === 400)!;
    const { data } = await sharp(path.join(mediaDir, jpeg.key)).raw().toBuffer({ resolveWithObject: true });
    expect([...data.subarray(0, 3)]).toEqual([255, 255, 255]);
    expect((await sharp(path.join(mediaDir, webp.key)).metadata()).hasAlpha).toBe(true);
  });

  it('keeps only the first frame of an animated GIF', async () => {
    const frame = (background: string) => sharp({ create: { width: 40, height: 30, channels: 3, background } }).png().toBuffer();
    const animated = await sharp([await frame('#ff0000'), await frame('#0000ff')], { join: { animated: true } }).gif().toBuffer();
    expect((await sharp(animated).metadata()).pages).toBe(2);

    const media = await upload(animated, 'dong.gif');

    expect(media).toMatchObject({ width: 40, height: 30 });
    const { data } = await sharp(fileOf(media)).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(200);
    expect(data[2]).toBeLessThan(60);
  });

  it.each([
    ['pdf', 'application/pdf', async () => minimalPdf()],
    ['docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', () => docxOf('Kế hoạch số 12')],
    ['xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', async () => minimalXlsx()],
    ['odt', 'application/vnd.oasis.opendocument.text', async () => minimalOdt()],
    ['doc', 'application/msword', async () => cfbWithStreams(['\u0001CompObj', 'WordDocument', '1Table'])],
    ['xls', 'application/vnd.ms-excel', async () => cfbWithStreams(['Workbook', '\u0005SummaryInformation'])],
  ])('stores a %s document as it came, typed from its bytes', async (extension, mime, build) => {
    const bytes = await build();
    // The name says nothing true: the type comes from the bytes.
    const media = await upload(bytes, 'Kế hoạch số 12.txt');

    expect(media).toMatchObject({ kind: 'document', mime, width: 0, height: 0, variants: [], originalName: 'Kế hoạch số 12.txt' });
    expect(media.url).toBe(`/media/${media.id}/file.${extension}`);
    expect(isMediaPath(media.url)).toBe(true);
    expect(fs.readFileSync(fileOf(media)).equals(bytes)).toBe(true);
  });

  it('keeps only the last segment of a name with a path, and never uses it for one', async () => {
    const media = await upload(minimalPdf(), '../../x');
    expect(media.originalName).toBe('x');
    expect(media.url).toBe(`/media/${media.id}/file.pdf`);
    expect(fs.existsSync(path.join(mediaDir, '..', 'x'))).toBe(false);
    expect((await upload(minimalPdf(), 'C:\\Users\\an\\Báo cáo.pdf')).originalName).toBe('Báo cáo.pdf');
    expect((await upload(minimalPdf(), 'ho\r\nso\u202Efdp.exe')).originalName).toBe('hosofdp.exe');
  });

  it('refuses a PNG claiming 50,000 × 50,000 pixels from its header, before decoding it', async () => {
    const started = performance.now();
    const error = await expectRefused(pngClaiming(50_000, 50_000), 'bom.png', 'PAYLOAD_TOO_LARGE');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(error.message).toContain('50.000 × 50.000');
    expect(error.message).toContain('40 megapixel');
  });

  it.each([
    ['an SVG with a script', '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>', 'anh.svg'],
    ['an SVG with an XML declaration', '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>', 'anh.svg'],
    ['an HTML page', '<!doctype html><html><body><script>alert(1)</script></body></html>', 'trang.html'],
    ['text named as a JPEG', 'Đây không phải là ảnh.', 'x.jpg'],
  ])('refuses %s with a 415 listing what is accepted', async (_, content, name) => {
    const error = await expectRefused(Buffer.from(content, 'utf8'), name, 'UNSUPPORTED_MEDIA_TYPE');
    expect(error.message).toContain('JPEG, PNG, WebP, GIF');
    expect(error.message).toContain('PDF');
  });

  it.each([
    ['a ZIP that is not an Office file', () => zipOf([['bao-cao.txt', 'xin chào']]), 'bao-cao.docx'],
    ['a Windows executable', () => Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'anh.jpg'],
    ['a CFB container that is neither Word nor Excel', () => cfbWithStreams(['PowerPoint Document']), 'slide.ppt'],
    ['a CFB container claiming both', () => cfbWithStreams(['WordDocument', 'Workbook']), 'hai.doc'],
  ])('refuses %s', async (_, build, name) => {
    await expectRefused(build(), name, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('refuses an empty file', async () => {
    const error = await expectRefused(Buffer.alloc(0), 'rong.pdf', 'INVALID_INPUT');
    expect(error.message).toMatch(/^Tệp rỗng/);
  });

  it('refuses an image over 20 MB and a document over 50 MB, saying the limit in MB', async () => {
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).jpeg().toBuffer();
    const bigImage = Buffer.concat([jpeg, Buffer.alloc(MAX_IMAGE_BYTES + 1 - jpeg.length)]);
    expect((await expectRefused(bigImage, 'lon.jpg', 'PAYLOAD_TOO_LARGE')).message).toBe('Ảnh nặng 20,1 MB, vượt giới hạn 20 MB.');
    const pdf = minimalPdf();
    const bigDocument = Buffer.concat([pdf, Buffer.alloc(MAX_DOCUMENT_BYTES + 1 - pdf.length)]);
    expect((await expectRefused(bigDocument, 'lon.pdf', 'PAYLOAD_TOO_LARGE')).message).toBe('Tài liệu nặng 50,1 MB, vượt giới hạn 50 MB.');
  });

  it('refuses an image cut short, and leaves no temporary folder', async () => {
    const photo = await jpegWithGps(1200, 800);
    await expectRefused(photo.subarray(0, Math.floor(photo.length / 2)), 'cut.jpg', 'INVALID_INPUT');
  });

  it('leaves no file behind when the database refuses the row (unknown site)', async () => {
    const filesBefore = listTree(mediaDir);
    const rowsBefore = await rowCount();
    await expect(upload(await jpegWithGps(400, 300), 'a.jpg', { siteId: 'no-such-site' })).rejects.toThrow();
    await expect(upload(minimalPdf(), 'a.pdf', { siteId: 'no-such-site' })).rejects.toThrow();
    expect(listTree(mediaDir)).toEqual(filesBefore);
    expect(await rowCount()).toBe(rowsBefore);
  });

  it('leaves no file behind when the disk fails while moving the upload into place', async () => {
    const filesBefore = listTree(mediaDir);
    vi.spyOn(fsPromises, 'rename').mockRejectedValueOnce(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
    await expect(upload(await jpegWithGps(400, 300), 'a.jpg')).rejects.toMatchObject({ code: 'ENOSPC' });
    expect(listTree(mediaDir)).toEqual(filesBefore);
  });

  it('importImage still takes pictures only, with no original name', async () => {
    const media = await importImage(testDb.db.kysely, mediaDir, { siteId, bytes: await jpegWithGps(300, 200), alt: 'Ảnh' });
    expect(media).toMatchObject({ kind: 'image', originalName: '', uploadedBy: null, alt: 'Ảnh' });
    await expect(importImage(testDb.db.kysely, mediaDir, { siteId, bytes: minimalPdf(), alt: '' })).rejects.toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('handles a burst of uploads at once', async () => {
    const photos = await Promise.all([1, 2, 3, 4, 5].map((i) => jpegWithGps(300 + i, 200)));
    const stored = await Promise.all(photos.map((bytes, i) => upload(bytes, `anh-${i}.jpg`)));
    expect(stored.map((m) => m.width)).toEqual([301, 302, 303, 304, 305]);
  });
});
