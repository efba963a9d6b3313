import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { BROWSER_UA, startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { minimalPdf } from '../../../test/fixtures/media/build.js';
import { createArticle } from '../articles/index.js';
import { createCategory } from '../categories/index.js';
import { addBanner } from '../navigation/index.js';
import { createSite } from '../sites/index.js';
import { deleteWith } from './media-library.js';
import { deleteMedia, findMediaUsage, getMedia, listMedia, MediaInUseError, updateMediaDetails, uploadMedia, type Media } from './index.js';

const smallJpeg = (background = '#2b5b8a') => sharp({ create: { width: 64, height: 48, channels: 3, background } }).jpeg().toBuffer();

describe.each(ENGINES)('the media library on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;
  let categoryId: string;
  let mediaDir: string;

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(testDb.db.kysely, { host: 'so-tu-phap.example', name: 'Sở Tư pháp' });
    otherSiteId = await createSite(testDb.db.kysely, { host: 'so-y-te.example', name: 'Sở Y tế' });
    categoryId = (await createCategory(testDb.db.kysely, { siteId, name: 'Tin tức' })).id;
    mediaDir = path.join(testDb.dataDir, 'media');
  });
  afterAll(async () => testDb.destroy());

  const kysely = () => testDb.db.kysely;
  const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 8, minute));
  const uploadImage = async (input: { originalName: string; alt?: string; caption?: string; site?: string }, now = new Date()) =>
    uploadMedia(kysely(), mediaDir, { siteId: input.site ?? siteId, uploadedBy: null, bytes: await smallJpeg(), originalName: input.originalName, alt: input.alt, caption: input.caption }, now);
  const contentVersion = async () => Number((await kysely().selectFrom('sites').select('content_version').where('id', '=', siteId).executeTakeFirstOrThrow()).content_version);

  describe('listMedia', () => {
    let plan: Media;
    let meeting: Media;
    let province: Media;
    let recruitment: Media;

    beforeAll(async () => {
      await kysely().deleteFrom('media').execute();
      plan = await uploadMedia(kysely(), mediaDir, { siteId, uploadedBy: 'user-1', bytes: minimalPdf(), originalName: 'Kế hoạch số 12.pdf' }, at(1));
      meeting = await uploadImage({ originalName: 'IMG_0001.jpg', alt: 'Hội nghị tổng kết', caption: 'Đồng chí Giám đốc Sở phát biểu' }, at(2));
      province = await uploadImage({ originalName: 'Đắk Lắk.jpg' }, at(3));
      recruitment = await uploadImage({ originalName: 'KE HOACH tuyen dung.png', alt: '100% đạt' }, at(4));
      await uploadImage({ originalName: 'Kế hoạch của sở khác.jpg', site: otherSiteId }, at(5));
    });

    const ids = (page: { items: Media[] }) => page.items.map((m) => m.id);

    it('lists the site’s files newest first, a page at a time, with the total', async () => {
      const first = await listMedia(kysely(), { siteId, page: 1, pageSize: 3 });
      expect(ids(first)).toEqual([recruitment.id, province.id, meeting.id]);
      expect(first).toMatchObject({ total: 4, page: 1, pageSize: 3, pageCount: 2 });
      expect(ids(await listMedia(kysely(), { siteId, page: 2, pageSize: 3 }))).toEqual([plan.id]);
      expect(await listMedia(kysely(), { siteId, page: 9, pageSize: 3 })).toMatchObject({ items: [], total: 4 });
    });

    it('finds words in the name, alt text and caption, ignoring case and diacritics', async () => {
      const search = async (query: string, extra: { kind?: 'image' | 'document' } = {}) => ids(await listMedia(kysely(), { siteId, query, page: 1, pageSize: 20, ...extra }));
      expect(await search('ke hoach')).toEqual([recruitment.id, plan.id]);
      expect(await search('KẾ HOẠCH')).toEqual([recruitment.id, plan.id]);
      expect(await search('hoạch 12')).toEqual([plan.id]);
      expect(await search('dak lak')).toEqual([province.id]);
      expect(await search('đắk')).toEqual([province.id]);
      expect(await search('dong chi giam doc')).toEqual([meeting.id]);
      expect(await search('tong ket')).toEqual([meeting.id]);
      expect(await search('100%')).toEqual([recruitment.id]);
      expect(await search('img_0001')).toEqual([meeting.id]);
      expect(await search('g_0')).toEqual([meeting.id]);
      expect(await search('%_%')).toEqual([]);
      expect(await search('ke hoach', { kind: 'document' })).toEqual([plan.id]);
      expect(await search('   ')).toEqual([recruitment.id, province.id, meeting.id, plan.id]);
      expect(await search('không có')).toEqual([]);
    });

    it('pages search results with their own total', async () => {
      const page = await listMedia(kysely(), { siteId, query: 'ke hoach', page: 2, pageSize: 1 });
      expect(ids(page)).toEqual([plan.id]);
      expect(page).toMatchObject({ total: 2, pageCount: 2 });
    });

    it('refuses a page below 1 or a page size above 100', async () => {
      await expect(listMedia(kysely(), { siteId, page: 0, pageSize: 10 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
      await expect(listMedia(kysely(), { siteId, page: 1, pageSize: 101 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    });
  });

  describe('getMedia and updateMediaDetails', () => {
    it('answers NOT_FOUND for another site’s file or a made-up id', async () => {
      const media = await uploadImage({ originalName: 'a.jpg' });
      expect(await getMedia(kysely(), { siteId, mediaId: media.id })).toEqual(media);
      await expect(getMedia(kysely(), { siteId: otherSiteId, mediaId: media.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(getMedia(kysely(), { siteId, mediaId: '../../etc/passwd' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(updateMediaDetails(kysely(), { siteId: otherSiteId, mediaId: media.id, alt: 'x', caption: '' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('changes alt text and caption (NFC, trimmed) and drops the site’s cached pages', async () => {
      const media = await uploadImage({ originalName: 'b.jpg', alt: 'cũ' });
      const before = await contentVersion();
      const updated = await updateMediaDetails(kysely(), { siteId, mediaId: media.id, alt: '  Ho\u0302\u0323i nghi\u0323 ', caption: 'Dòng 1\r\nDòng 2' });
      expect(updated).toMatchObject({ id: media.id, alt: 'Hội nghị', caption: 'Dòng 1\nDòng 2', originalName: 'b.jpg' });
      expect(await contentVersion()).toBe(before + 1);
      await expect(updateMediaDetails(kysely(), { siteId, mediaId: media.id, alt: 'x'.repeat(501), caption: '' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'alt' });
    });
  });

  describe('findMediaUsage and deleteMedia', () => {
    const folderOf = (media: Media) => path.join(mediaDir, media.id);

    async function articleUsing(media: Media, title: string, uses: { cover?: boolean; gallery?: boolean; body?: boolean }) {
      return createArticle(kysely(), {
        siteId,
        categoryId,
        title,
        bodyHtml: uses.body ? `<p>Mở đầu</p><figure><img data-media-id="${media.id}" alt="Ảnh"><figcaption>Chú thích</figcaption></figure>` : '<p>Không ảnh</p>',
        coverMediaId: uses.cover ? media.id : null,
        gallery: uses.gallery ? [{ mediaId: media.id, caption: 'Ảnh 1' }] : [],
        status: 'published',
      });
    }

    it('deletes an unused file and its folder at once', async () => {
      const media = await uploadMedia(kysely(), mediaDir, { siteId, uploadedBy: null, bytes: minimalPdf(), originalName: 'Công văn.pdf' });
      expect(fs.existsSync(folderOf(media))).toBe(true);
      expect(await findMediaUsage(kysely(), { siteId, mediaId: media.id })).toEqual([]);

      expect(await deleteMedia(kysely(), mediaDir, { siteId, mediaId: media.id, isConfirmed: false })).toEqual({ id: media.id, usages: [], areFilesRemoved: true });
      expect(fs.existsSync(folderOf(media))).toBe(false);
      await expect(getMedia(kysely(), { siteId, mediaId: media.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });

    it('says where a file is used and deletes it only once confirmed, clearing covers and galleries', async () => {
      const media = await uploadImage({ originalName: 'Hội nghị.jpg' });
      const cover = await articleUsing(media, 'Bài có ảnh đại diện', { cover: true });
      const gallery = await articleUsing(media, 'Bài có thư viện ảnh', { gallery: true, body: true });
      // A published article's edit in progress, whose snapshot names the file.
      const revisionId = crypto.randomUUID();
      await kysely().insertInto('article_revisions').values({ id: revisionId, article_id: cover.id, number: 1, author_id: null, snapshot: JSON.stringify({ coverMediaId: media.id }), created_at: new Date().toISOString() }).execute();
      await kysely().updateTable('articles').set({ pending_revision_id: revisionId, pending_status: 'draft' }).where('id', '=', cover.id).execute();

      const usages = await findMediaUsage(kysely(), { siteId, mediaId: media.id });
      expect(usages).toEqual([
        { place: 'cover', articleId: cover.id, articleTitle: 'Bài có ảnh đại diện' },
        { place: 'gallery', articleId: gallery.id, articleTitle: 'Bài có thư viện ảnh' },
        { place: 'body', articleId: gallery.id, articleTitle: 'Bài có thư viện ảnh' },
        { place: 'pending-edit', articleId: cover.id, articleTitle: 'Bài có ảnh đại diện' },
      ]);

      // 1. Not confirmed: refused, nothing changes.
      const refusal = await deleteMedia(kysely(), mediaDir, { siteId, mediaId: media.id, isConfirmed: false }).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(MediaInUseError);
      expect(refusal).toMatchObject({ code: 'CONFLICT', status: 409, isConfirmable: true, usages });
      expect((refusal as Error).message).toContain('ảnh đại diện của bài “Bài có ảnh đại diện”');
      expect((refusal as Error).message).toContain('“Hội nghị.jpg”');
      expect(fs.existsSync(folderOf(media))).toBe(true);

      // 2. Confirmed: cover cleared, gallery item removed, body left as it is; pages drop.
      const before = await contentVersion();
      const deleted = await deleteMedia(kysely(), mediaDir, { siteId, mediaId: media.id, isConfirmed: true });
      expect(deleted).toEqual({ id: media.id, usages, areFilesRemoved: true });
      expect(await contentVersion()).toBe(before + 1);
      expect(fs.existsSync(folderOf(media))).toBe(false);
      const articles = await kysely().selectFrom('articles').select(['id', 'cover_media_id', 'body_html']).where('id', 'in', [cover.id, gallery.id]).execute();
      expect(articles.find((a) => a.id === cover.id)?.cover_media_id).toBeNull();
      expect(articles.find((a) => a.id === gallery.id)?.body_html).toContain(`data-media-id="${media.id}"`);
      expect(await kysely().selectFrom('article_gallery').select('media_id').where('article_id', '=', gallery.id).execute()).toEqual([]);
    });

    it('never deletes a file a banner or the site logo shows, even confirmed', async () => {
      const bannerImage = await uploadImage({ originalName: 'banner.jpg' });
      await addBanner(kysely(), { siteId, position: 'header', title: 'Dịch vụ công', mediaId: bannerImage.id, linkUrl: '/', sortOrder: 0 });
      const logo = await uploadImage({ originalName: 'logo.png' });
      await kysely().updateTable('sites').set({ logo_media_id: logo.id }).where('id', '=', siteId).execute();

      for (const [media, place] of [[bannerImage, 'banner “Dịch vụ công”'], [logo, 'logo của trang “Sở Tư pháp”']] as const) {
        const refusal = await deleteMedia(kysely(), mediaDir, { siteId, mediaId: media.id, isConfirmed: true }).catch((error: unknown) => error);
        expect(refusal).toMatchObject({ code: 'CONFLICT', isConfirmable: false });
        expect((refusal as Error).message).toContain(place);
        expect(fs.existsSync(folderOf(media))).toBe(true);
        expect(await getMedia(kysely(), { siteId, mediaId: media.id })).toMatchObject({ id: media.id });
      }
      await kysely().updateTable('sites').set({ logo_media_id: null }).where('id', '=', siteId).execute();
    });

    it('deletes nothing, row or file, when the transaction fails before the commit', async () => {
      const media = await uploadImage({ originalName: 'd.jpg' });
      const failure = new Error('audit log unavailable');
      await expect(deleteWith(kysely(), mediaDir, { siteId, mediaId: media.id, isConfirmed: true }, new Date(), async () => Promise.reject(failure))).rejects.toBe(failure);
      expect(fs.existsSync(folderOf(media))).toBe(true);
      expect(await getMedia(kysely(), { siteId, mediaId: media.id })).toEqual(media);
    });

    it('answers NOT_FOUND for another site’s file, and refuses to run inside a transaction', async () => {
      const media = await uploadImage({ originalName: 'c.jpg' });
      await expect(deleteMedia(kysely(), mediaDir, { siteId: otherSiteId, mediaId: media.id, isConfirmed: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(findMediaUsage(kysely(), { siteId: otherSiteId, mediaId: media.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(kysely().transaction().execute((trx) => deleteMedia(trx, mediaDir, { siteId, mediaId: media.id, isConfirmed: true }))).rejects.toThrow(/outside a transaction/);
      expect(fs.existsSync(folderOf(media))).toBe(true);
    });
  });
});

describe.each(ENGINES)('a deleted picture on the public pages on %s', (engine) => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal(engine);
  });
  afterAll(async () => portal.close());

  it('disappears from the cached article page without breaking it', async () => {
    const { siteId, seedSlug } = portal.fixture;
    const kysely = portal.testDb.db.kysely;
    const url = `/tin-tuc/thong-bao/${seedSlug}`;
    const get = () => portal.app.inject({ url, headers: { 'user-agent': BROWSER_UA } });
    const article = await kysely.selectFrom('articles').select(['id', 'cover_media_id']).where('slug', '=', seedSlug).executeTakeFirstOrThrow();
    const inlineAndCover = article.cover_media_id!;
    const [galleryPhoto] = await kysely.selectFrom('article_gallery').select('media_id').where('article_id', '=', article.id).orderBy('position').execute();
    const before = await get();
    expect(before.body).toContain(`/media/${inlineAndCover}/`);
    expect(before.body).toContain(`/media/${galleryPhoto!.media_id}/`);

    const mediaDir = path.join(portal.testDb.dataDir, 'media');
    for (const mediaId of [inlineAndCover, galleryPhoto!.media_id]) await deleteMedia(kysely, mediaDir, { siteId, mediaId, isConfirmed: true });

    const after = await get();
    expect(after.statusCode).toBe(200);
    expect(after.body).not.toContain(`/media/${inlineAndCover}/`);
    expect(after.body).not.toContain(`/media/${galleryPhoto!.media_id}/`);
    // The inline figure's caption stays, without its picture.
    expect(after.body).toContain('Đ/c Giám đốc Sở phát biểu chỉ đạo tại Hội nghị');
  });
});
