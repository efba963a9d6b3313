import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { docxOf, pdfOfPages } from '../../../test/fixtures/media/build.js';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { rebuildSearchIndex } from '../../content-search.js';
import { createCategory } from '../categories/index.js';
import { uploadMedia } from '../media/index.js';
import { reindexSite, searchSite } from '../search/index.js';
import { createSite } from '../sites/index.js';
import { articleSearchRecord, articlesSearchSource, syncArticleSearch } from './articles.search.js';
import { createArticle, type NewArticle } from './articles.service.js';

const NOW = new Date('2026-06-01T00:00:00.000Z');

describe.each(ENGINES)('articles in search on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let categoryId: string;
  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(testDb.db.kysely, { host: 'localhost', name: 'Sở' });
    const parent = await createCategory(testDb.db.kysely, { siteId, name: 'Tin tức' });
    categoryId = (await createCategory(testDb.db.kysely, { siteId, name: 'Thông báo', parent })).id;
  });
  afterAll(async () => testDb.destroy());
  beforeEach(async () => {
    await testDb.db.kysely.deleteFrom('search_records').execute();
    await testDb.db.kysely.deleteFrom('articles').execute();
  });

  const db = () => testDb.db.kysely;
  const article = (title: string, extra: Partial<NewArticle> = {}) =>
    createArticle(db(), { siteId, categoryId, title, lead: 'Tóm tắt về chế độ.', bodyHtml: '<p>Chi trả <strong>trợ cấp</strong> cho người có công.</p>', status: 'published', publishedAt: new Date('2026-05-01T00:00:00.000Z'), ...extra });
  const search = async (query: string, now = NOW) => (await searchSite(db(), { siteId, query, now })).hits;

  it('makes a record of the public version: title, lead and body as text, URL under the category path', async () => {
    const { id, slug } = await article('Chi trả trợ cấp tháng 6');
    await syncArticleSearch(db(), { siteId, articleId: id });
    const [hit] = await search('tro cap nguoi co cong');
    expect(hit).toMatchObject({ type: 'article', id, title: 'Chi trả trợ cấp tháng 6', url: `/tin-tuc/thong-bao/${slug}`, categoryId, publishedAt: '2026-05-01T00:00:00.000Z' });
    expect(hit!.snippet.text).toBe('Tóm tắt về chế độ.\nChi trả trợ cấp cho người có công.');
  });

  it('removes an article that is no longer published at once', async () => {
    const { id } = await article('Thông báo tuyển dụng');
    await syncArticleSearch(db(), { siteId, articleId: id });
    await db().updateTable('articles').set({ status: 'unpublished' }).where('id', '=', id).execute();
    await syncArticleSearch(db(), { siteId, articleId: id });
    expect(await search('tuyển dụng')).toEqual([]);
  });

  it('indexes a scheduled article, found from its publication time', async () => {
    const { id } = await article('Lịch tiếp công dân', { publishedAt: new Date('2026-07-01T00:00:00.000Z') });
    await syncArticleSearch(db(), { siteId, articleId: id });
    expect(await search('lịch tiếp')).toEqual([]);
    expect(await search('lịch tiếp', new Date('2026-07-01T00:00:00.000Z'))).toHaveLength(1);
  });

  it('finds words inside the PDF and DOCX files an article links to, and says which file', async () => {
    const mediaDir = path.join(testDb.dataDir, 'media');
    const pdf = await uploadMedia(db(), mediaDir, { siteId, uploadedBy: null, bytes: pdfOfPages(['Danh sach doanh nghiep tuyen lao dong xuat khau']), originalName: 'Danh sách doanh nghiệp.pdf' });
    const docx = await uploadMedia(db(), mediaDir, { siteId, uploadedBy: null, bytes: await docxOf('Biểu mẫu đăng ký học nghề may công nghiệp tại Đắk Hà'), originalName: 'Biểu mẫu.docx' });
    const body = `<p>Xem <a href="${pdf.url}">danh sách</a> và <a href="${docx.url}">biểu mẫu</a>.</p>`;
    const { id } = await article('Thông báo tuyển lao động', { bodyHtml: body });
    const [fromPdf] = await search('xuat khau');
    expect(fromPdf).toMatchObject({ id, attachment: { name: 'Danh sách doanh nghiệp.pdf', url: pdf.url } });
    expect(fromPdf!.snippet.text).toContain('xuat khau');
    const [fromDocx] = await search('may cong nghiep dak ha');
    expect(fromDocx).toMatchObject({ id, attachment: { name: 'Biểu mẫu.docx', url: docx.url } });
    // A file the article stops linking to is no longer searched with it.
    await db().updateTable('articles').set({ body_html: `<p>Xem <a href="${docx.url}">biểu mẫu</a>.</p>` }).where('id', '=', id).execute();
    await syncArticleSearch(db(), { siteId, articleId: id });
    expect(await search('xuat khau')).toEqual([]);
    expect(await search('may cong nghiep')).toHaveLength(1);
  });

  it('reads the text of files uploaded before text extraction when the index is rebuilt', async () => {
    const mediaDir = path.join(testDb.dataDir, 'media');
    const pdf = await uploadMedia(db(), mediaDir, { siteId, uploadedBy: null, bytes: pdfOfPages(['Quy trinh giai quyet che do thai san']), originalName: 'Quy trình.pdf' });
    await db().updateTable('media').set({ text_content: null }).where('id', '=', pdf.id).execute();
    await article('Hướng dẫn chế độ', { bodyHtml: `<p><a href="${pdf.url}">Quy trình</a></p>` });
    expect(await search('thai san')).toEqual([]);
    const result = await rebuildSearchIndex(db(), { siteId, mediaDir });
    expect(result.documentsRead).toBe(1);
    expect((await search('thai san'))[0]?.attachment?.url).toBe(pdf.url);
  });

  it('reindexes the published articles of a site, never drafts', async () => {
    for (let i = 0; i < 450; i++) await article(`Bài số ${i} về an sinh xã hội`);
    await article('Bản nháp về an sinh xã hội', { status: 'draft', publishedAt: null });
    expect(await articlesSearchSource.countRecords!(db(), siteId)).toBe(450);
    const result = await reindexSite(db(), { siteId, sources: [articlesSearchSource] });
    expect(result).toEqual({ indexed: 450, removed: 0 });
    expect((await searchSite(db(), { siteId, query: 'an sinh', now: NOW })).total).toBe(450);
    expect(await search('bản nháp')).toEqual([]);
  });

  it('reads an article without a category path or lead sensibly', () => {
    const record = articleSearchRecord({ id: 'a', site_id: 's', title: 'T', lead: '', body_html: '<p>x</p>', slug: 'bai', category_id: 'c', category_path: null, published_at: '2026-01-01T00:00:00.000Z', language: 'vi' });
    expect(record).toMatchObject({ url: '/bai', text: 'x', language: 'vi' });
    const english = articleSearchRecord({ id: 'b', site_id: 's', title: 'T', lead: '', body_html: '<p>x</p>', slug: 'about', category_id: 'c', category_path: null, published_at: '2026-01-01T00:00:00.000Z', language: 'en' });
    expect(english).toMatchObject({ url: '/en/about', language: 'en' });
  });

  it('files an English article under /en with its language, apart from Vietnamese searches', async () => {
    const { id, slug } = await article('Job fair for young workers', { language: 'en', lead: 'About the fair.', bodyHtml: '<p>Employers from Kon Tum.</p>' });
    const [hit] = (await searchSite(db(), { siteId, query: 'job fair', language: 'en', now: NOW })).hits;
    expect(hit).toMatchObject({ id, url: `/en/tin-tuc/thong-bao/${slug}`, language: 'en' });
    expect((await searchSite(db(), { siteId, query: 'job fair', language: 'vi', now: NOW })).hits).toEqual([]);
  });
});
