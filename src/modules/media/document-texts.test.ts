import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { docxOf, minimalXlsx, pdfOfPages, transparentPng } from '../../../test/fixtures/media/build.js';
import { createSite } from '../sites/index.js';
import { extractMissingDocumentTexts, findDocumentTexts, uploadMedia, type Media } from './index.js';

describe.each(ENGINES)('document texts on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;
  let mediaDir: string;
  let pdf: Media;
  let docx: Media;
  let image: Media;
  let xlsx: Media;
  let otherSitePdf: Media;

  const upload = (bytes: Buffer, originalName: string, site = siteId) => uploadMedia(testDb.db.kysely, mediaDir, { siteId: site, uploadedBy: 'user-1', bytes, originalName });
  const textOf = async (media: Media) => (await testDb.db.kysely.selectFrom('media').select('text_content').where('id', '=', media.id).executeTakeFirstOrThrow()).text_content;
  /** As a row uploaded before text extraction existed. */
  const forgetText = (media: Media) => testDb.db.kysely.updateTable('media').set({ text_content: null }).where('id', '=', media.id).execute();

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(testDb.db.kysely, { host: 'localhost', name: 'Sở Giáo dục và Đào tạo' });
    otherSiteId = await createSite(testDb.db.kysely, { host: 'other.localhost', name: 'Sở Tư pháp' });
    mediaDir = path.join(testDb.dataDir, 'media');
    pdf = await upload(pdfOfPages(['Ke hoach tuyen sinh nam 2026']), 'Kế hoạch tuyển sinh.pdf');
    docx = await upload(await docxOf('Kế hoạch tuyển sinh Đắk Lắk'), 'Kế hoạch.docx');
    image = await upload(await transparentPng(40, 30), 'logo.png');
    xlsx = await upload(minimalXlsx(), 'Bảng điểm.xlsx');
    otherSitePdf = await upload(pdfOfPages(['Ho so tu phap']), 'Hồ sơ.pdf', otherSiteId);
  });
  afterAll(async () => testDb.destroy());

  it("stores a document's text on upload, and '' for an image or a kind without a reader", async () => {
    expect(await textOf(pdf)).toBe('Ke hoach tuyen sinh nam 2026');
    expect(await textOf(docx)).toBe('Kế hoạch tuyển sinh Đắk Lắk');
    expect(await textOf(image)).toBe('');
    expect(await textOf(xlsx)).toBe('');
  });

  it("finds the site's documents among the ids, in the order asked, each once", async () => {
    const texts = await findDocumentTexts(testDb.db.kysely, { siteId, mediaIds: [docx.id, image.id, otherSitePdf.id, crypto.randomUUID(), pdf.id, docx.id] });
    expect(texts).toEqual([
      { id: docx.id, name: 'Kế hoạch.docx', url: docx.url, text: 'Kế hoạch tuyển sinh Đắk Lắk' },
      { id: pdf.id, name: 'Kế hoạch tuyển sinh.pdf', url: `/media/${pdf.id}/file.pdf`, text: 'Ke hoach tuyen sinh nam 2026' },
    ]);
    expect(await findDocumentTexts(testDb.db.kysely, { siteId, mediaIds: [] })).toEqual([]);
  });

  it('reads more ids than one query takes', async () => {
    const ids = [...Array.from({ length: 1200 }, () => crypto.randomUUID()), xlsx.id, pdf.id];
    expect((await findDocumentTexts(testDb.db.kysely, { siteId, mediaIds: ids })).map((t) => t.id)).toEqual([xlsx.id, pdf.id]);
  });

  it("gives '' for a text never extracted, and a name for a file without one", async () => {
    await forgetText(xlsx);
    await testDb.db.kysely.updateTable('media').set({ original_name: '' }).where('id', '=', xlsx.id).execute();
    expect(await findDocumentTexts(testDb.db.kysely, { siteId, mediaIds: [xlsx.id] })).toEqual([{ id: xlsx.id, name: 'tai-lieu.xlsx', url: xlsx.url, text: '' }]);
  });

  it("fills the texts never extracted from the files, '' for a missing file, and only the site's when asked", async () => {
    // 1. Rows as before the migration; the DOCX's file is gone.
    for (const media of [pdf, docx, image, xlsx, otherSitePdf]) await forgetText(media);
    await fs.rm(path.join(mediaDir, docx.id), { recursive: true });

    // 2. The site's documents only: images are not documents.
    const progress: Array<{ done: number; total: number }> = [];
    expect(await extractMissingDocumentTexts(testDb.db.kysely, mediaDir, { siteId, onProgress: (p) => progress.push(p) })).toBe(3);
    expect(progress).toEqual([0, 1, 2, 3].map((done) => ({ done, total: 3 })));
    expect(await textOf(pdf)).toBe('Ke hoach tuyen sinh nam 2026');
    expect(await textOf(docx)).toBe('');
    expect(await textOf(xlsx)).toBe('');
    expect(await textOf(image)).toBeNull();
    expect(await textOf(otherSitePdf)).toBeNull();

    // 3. Every site, then nothing left to do.
    expect(await extractMissingDocumentTexts(testDb.db.kysely, mediaDir)).toBe(1);
    expect(await textOf(otherSitePdf)).toBe('Ho so tu phap');
    expect(await extractMissingDocumentTexts(testDb.db.kysely, mediaDir)).toBe(0);
  });
});
