// The navigation use-cases of navigation.staff.ts (menu, banners, sidebar blocks): the role
// matrix, the checks on every field, ordering, and the audit log, on every engine.
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { minimalPdf } from '../../../test/fixtures/media/build.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { createCategory, type Category } from '../categories/index.js';
import { importImage, uploadMedia } from '../media/index.js';
import { createSite } from '../sites/index.js';
import { loadMenu, loadSidebarBlocks, loadVisibleBanners } from './navigation.service.js';
import {
  addBannerAsStaff,
  addMenuItemAsStaff,
  addSidebarBlockAsStaff,
  deleteBanner,
  deleteMenuItem,
  deleteSidebarBlock,
  getBannerForStaff,
  listBannersForStaff,
  listMenuForStaff,
  listSidebarBlocksForStaff,
  parseLinkUrl,
  reorderBanner,
  reorderMenuItem,
  reorderSidebarBlock,
  updateBanner,
  updateMenuItem,
  updateSidebarBlock,
} from './navigation.staff.js';

const NOW = new Date('2026-03-02T03:00:00Z');

function scopeOf(siteId: string, role: string | null): RequestScope {
  const actor: Actor | null = role ? { id: `user-${role}`, label: `${role}@so.gov.vn`, displayName: role, role, isSuperAdmin: false, via: 'session' } : null;
  return { siteId, actor, clientIp: '203.0.113.9', now: NOW };
}

describe('link addresses', () => {
  it.each(['/', '/tin-tuc/thong-bao', '/tim-kiem?q=viec+lam', 'https://dichvucong.gov.vn', 'http://kontum.gov.vn/a?b=c#d', 'HTTPS://Example.gov.vn/Đường'])('accepts %s', (url) => {
    expect(parseLinkUrl(url)).toBe(url);
  });

  it.each([
    'javascript:alert(1)',
    ' JavaScript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    '//evil.example/x',
    '/\\evil.example',
    'https://user:pass@evil.example',
    'mailto:a@b.vn',
    'tin-tuc',
    'https://',
    '/tin tuc',
    `/${'a'.repeat(2_001)}`,
  ])('refuses %j', (url) => {
    expect(parseLinkUrl(url)).toBeUndefined();
  });
});

describe.each(ENGINES)('navigation for staff on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;
  let admin: RequestScope;
  let imageId: string;
  let foreignImageId: string;
  let documentId: string;
  let category: Category;
  let foreignCategory: Category;

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    const db = testDb.db.kysely;
    const mediaDir = path.join(testDb.dataDir, 'media');
    siteId = await createSite(db, { host: 'localhost', name: 'Sở' });
    otherSiteId = await createSite(db, { host: 'phong.kontum.gov.vn', name: 'Phòng' });
    admin = scopeOf(siteId, 'admin');
    const bytes = await sharp({ create: { width: 600, height: 200, channels: 3, background: '#0b4f9c' } }).jpeg().toBuffer();
    imageId = (await importImage(db, mediaDir, { siteId, bytes, alt: 'Banner' })).id;
    foreignImageId = (await importImage(db, mediaDir, { siteId: otherSiteId, bytes, alt: 'Banner khác' })).id;
    documentId = (await uploadMedia(db, mediaDir, { siteId, uploadedBy: null, bytes: minimalPdf(), originalName: 'Kế hoạch.pdf' })).id;
    category = await createCategory(db, { siteId, name: 'Thông báo' });
    foreignCategory = await createCategory(db, { siteId: otherSiteId, name: 'Thông báo' });
  });
  afterAll(async () => testDb.destroy());

  beforeEach(async () => {
    const db = testDb.db.kysely;
    for (const table of ['menu_items', 'banners', 'sidebar_blocks', 'audit_log'] as const) await db.deleteFrom(table).execute();
  });

  /** The audit log's actions, sorted (the entries share the scope's time). */
  const actions = async () => (await testDb.db.kysely.selectFrom('audit_log').select('action').execute()).map((e) => e.action).sort();
  const version = async () => Number((await testDb.db.kysely.selectFrom('sites').select('content_version').where('id', '=', siteId).executeTakeFirstOrThrow()).content_version);
  const banner = (extra: Record<string, unknown> = {}) => ({ position: 'sidebar', title: 'Dịch vụ công', mediaId: imageId, linkUrl: 'https://dichvucong.gov.vn', ...extra });

  it.each(['author', 'editor', 'chief_editor'])('refuses a %s everything, reading included', async (role) => {
    const db = testDb.db.kysely;
    const scope = scopeOf(siteId, role);
    const itemId = await addMenuItemAsStaff(db, admin, { label: 'Trang chủ', url: '/' });
    const bannerId = await addBannerAsStaff(db, admin, banner());
    const blockId = await addSidebarBlockAsStaff(db, admin, { title: 'Liên kết', kind: 'links', links: [{ label: 'A', url: '/a' }] });
    for (const attempt of [
      () => listMenuForStaff(db, scope),
      () => addMenuItemAsStaff(db, scope, { label: 'X', url: '/' }),
      () => updateMenuItem(db, scope, { itemId, label: 'X', url: '/' }),
      () => reorderMenuItem(db, scope, { itemId, direction: 'up' }),
      () => deleteMenuItem(db, scope, { itemId }),
      () => listBannersForStaff(db, scope),
      () => addBannerAsStaff(db, scope, banner()),
      () => updateBanner(db, scope, { bannerId, ...banner() }),
      () => reorderBanner(db, scope, { bannerId, direction: 'up' }),
      () => deleteBanner(db, scope, { bannerId }),
      () => listSidebarBlocksForStaff(db, scope),
      () => addSidebarBlockAsStaff(db, scope, { title: 'X', kind: 'links', links: [{ label: 'A', url: '/a' }] }),
      () => updateSidebarBlock(db, scope, { blockId, title: 'X', kind: 'links', links: [{ label: 'A', url: '/a' }] }),
      () => reorderSidebarBlock(db, scope, { blockId, direction: 'up' }),
      () => deleteSidebarBlock(db, scope, { blockId }),
    ]) {
      await expect(attempt()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    }
    expect(await actions()).toEqual(['banner.added', 'menu.item_added', 'sidebar_block.added']);
  });

  describe('the menu', () => {
    it('adds items in order, two levels, and the public menu follows', async () => {
      const db = testDb.db.kysely;
      const before = await version();
      const home = await addMenuItemAsStaff(db, admin, { label: 'Trang chủ', url: '/' });
      const news = await addMenuItemAsStaff(db, admin, { label: '  Tin   tức ', url: '/tin-tuc' });
      await addMenuItemAsStaff(db, admin, { label: 'Thông báo', url: '/tin-tuc/thong-bao', parentId: news });
      await addMenuItemAsStaff(db, admin, { label: 'Dịch vụ công', url: 'https://dichvucong.gov.vn', parentId: news });
      expect(await version()).toBeGreaterThan(before);
      const menu = await loadMenu(db, siteId);
      expect(menu.map((i) => [i.label, i.children.map((c) => c.label)])).toEqual([
        ['Trang chủ', []],
        ['Tin tức', ['Thông báo', 'Dịch vụ công']],
      ]);
      const listed = await listMenuForStaff(db, admin);
      expect(listed.map((i) => `${i.depth}:${i.label}`)).toEqual(['0:Trang chủ', '0:Tin tức', '1:Thông báo', '1:Dịch vụ công']);
      expect(listed.find((i) => i.id === news)?.hasChildren).toBe(true);
      expect(listed.find((i) => i.id === home)?.hasChildren).toBe(false);
    });

    it.each([
      ['a javascript: address', { label: 'X', url: 'javascript:alert(1)' }, 'url'],
      ['a data: address', { label: 'X', url: 'data:text/html,hi' }, 'url'],
      ['a protocol-relative address', { label: 'X', url: '//evil.example' }, 'url'],
      ['no address', { label: 'X', url: '  ' }, 'url'],
      ['no label', { label: ' ', url: '/' }, 'label'],
      ['a label of 10,000 characters', { label: 'a'.repeat(10_000), url: '/' }, 'label'],
      ['a label with a control character', { label: 'Tin\u0007', url: '/' }, 'label'],
      ['an unknown parent', { label: 'X', url: '/', parentId: 'no-such-item' }, 'parentId'],
    ])('refuses %s with the field', async (_, input, field) => {
      await expect(addMenuItemAsStaff(testDb.db.kysely, admin, input)).rejects.toMatchObject({ code: 'INVALID_INPUT', field });
      expect(await actions()).toEqual([]);
    });

    it('keeps the menu to two levels and an item out of itself', async () => {
      const db = testDb.db.kysely;
      const news = await addMenuItemAsStaff(db, admin, { label: 'Tin tức', url: '/tin-tuc' });
      const notices = await addMenuItemAsStaff(db, admin, { label: 'Thông báo', url: '/tin-tuc/thong-bao', parentId: news });
      const about = await addMenuItemAsStaff(db, admin, { label: 'Giới thiệu', url: '/gioi-thieu' });
      await expect(addMenuItemAsStaff(db, admin, { label: 'Sâu', url: '/', parentId: notices })).rejects.toMatchObject({ field: 'parentId' });
      await expect(updateMenuItem(db, admin, { itemId: news, label: 'Tin tức', url: '/tin-tuc', parentId: news })).rejects.toMatchObject({ field: 'parentId' });
      await expect(updateMenuItem(db, admin, { itemId: news, label: 'Tin tức', url: '/tin-tuc', parentId: about })).rejects.toMatchObject({ field: 'parentId' });
      // A child moves to another parent, last there; a parent's label and address change.
      await updateMenuItem(db, admin, { itemId: notices, label: 'Thông báo', url: '/thong-bao', parentId: about });
      await updateMenuItem(db, admin, { itemId: news, label: 'Tin tức - Sự kiện', url: '/tin-tuc', parentId: null });
      const menu = await loadMenu(db, siteId);
      expect(menu.map((i) => [i.label, i.children.map((c) => `${c.label} ${c.url}`)])).toEqual([
        ['Tin tức - Sự kiện', []],
        ['Giới thiệu', ['Thông báo /thong-bao']],
      ]);
    });

    it('reorders among the items of one parent, and deletes an item with its children', async () => {
      const db = testDb.db.kysely;
      const a = await addMenuItemAsStaff(db, admin, { label: 'A', url: '/a' });
      const b = await addMenuItemAsStaff(db, admin, { label: 'B', url: '/b' });
      const b1 = await addMenuItemAsStaff(db, admin, { label: 'B1', url: '/b1', parentId: b });
      await addMenuItemAsStaff(db, admin, { label: 'B2', url: '/b2', parentId: b });
      await reorderMenuItem(db, admin, { itemId: b, direction: 'up' });
      await reorderMenuItem(db, admin, { itemId: b, direction: 'up' }); // already first
      await reorderMenuItem(db, admin, { itemId: b1, direction: 'down' });
      expect((await listMenuForStaff(db, admin)).map((i) => i.label)).toEqual(['B', 'B2', 'B1', 'A']);
      await deleteMenuItem(db, admin, { itemId: b });
      expect((await listMenuForStaff(db, admin)).map((i) => i.id)).toEqual([a]);
      await expect(deleteMenuItem(db, admin, { itemId: b })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await actions()).toEqual(['menu.item_added', 'menu.item_added', 'menu.item_added', 'menu.item_added', 'menu.item_deleted', 'menu.item_reordered', 'menu.item_reordered']);
    });

    it('finds no item of another site', async () => {
      const db = testDb.db.kysely;
      const foreign = await addMenuItemAsStaff(db, scopeOf(otherSiteId, 'admin'), { label: 'Khác', url: '/' });
      await expect(updateMenuItem(db, admin, { itemId: foreign, label: 'Của tôi', url: '/' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(deleteMenuItem(db, admin, { itemId: foreign })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(addMenuItemAsStaff(db, admin, { label: 'Con', url: '/', parentId: foreign })).rejects.toMatchObject({ field: 'parentId' });
      expect((await loadMenu(db, otherSiteId)).map((i) => i.label)).toEqual(['Khác']);
    });
  });

  describe('banners', () => {
    it('shows a banner inside its window only, and stores the window as given', async () => {
      const db = testDb.db.kysely;
      const past = await addBannerAsStaff(db, admin, banner({ title: 'Hết hạn', showUntil: new Date('2026-03-01T00:00:00Z') }));
      const future = await addBannerAsStaff(db, admin, banner({ title: 'Sắp tới', showFrom: new Date('2026-04-01T00:00:00Z') }));
      const now = await addBannerAsStaff(db, admin, banner({ title: 'Đang hiện', showFrom: '2026-03-01T00:00:00.000Z', showUntil: new Date('2026-03-31T00:00:00Z') }));
      expect((await loadVisibleBanners(db, siteId, NOW)).map((b) => b.title)).toEqual(['Đang hiện']);
      const listed = await listBannersForStaff(db, admin);
      expect(Object.fromEntries(listed.map((b) => [b.id, b.state]))).toEqual({ [past]: 'ended', [future]: 'waiting', [now]: 'showing' });
      expect(await getBannerForStaff(db, admin, now)).toMatchObject({ showFrom: '2026-03-01T00:00:00.000Z', showUntil: '2026-03-31T00:00:00.000Z', sortOrder: 2 });
    });

    it.each([
      ['a start after its end', { showFrom: new Date('2026-05-01T00:00:00Z'), showUntil: new Date('2026-04-01T00:00:00Z') }, 'showUntil'],
      ['a start equal to its end', { showFrom: new Date('2026-05-01T00:00:00Z'), showUntil: new Date('2026-05-01T00:00:00Z') }, 'showUntil'],
      ['an unreadable time', { showFrom: '31/02/2026' }, 'showFrom'],
      ['a day that never was', { showFrom: '2026-02-30T08:00:00.000Z' }, 'showFrom'],
      ['a time without its zone', { showUntil: '2026-04-01T08:00' }, 'showUntil'],
      ['a year far away', { showUntil: new Date('9999-01-01T00:00:00Z') }, 'showUntil'],
      ['a javascript: link', { linkUrl: 'javascript:alert(document.cookie)' }, 'linkUrl'],
      ['no title', { title: '' }, 'title'],
      ['a title of 10,000 characters', { title: 'x'.repeat(10_000) }, 'title'],
      ['an unknown position', { position: 'footer' }, 'position'],
      ['no image', { mediaId: '' }, 'mediaId'],
      ['an image of nothing', { mediaId: 'no-such-media' }, 'mediaId'],
    ])('refuses %s with the field', async (_, extra, field) => {
      const error = await addBannerAsStaff(testDb.db.kysely, admin, banner(extra)).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID_INPUT', field });
      expect(await actions()).toEqual([]);
    });

    it('refuses an image of another site and a document, with the field', async () => {
      const db = testDb.db.kysely;
      await expect(addBannerAsStaff(db, admin, banner({ mediaId: foreignImageId }))).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'mediaId', message: 'Ảnh được chọn không có trong thư viện của trang này.' });
      await expect(addBannerAsStaff(db, admin, banner({ mediaId: documentId }))).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'mediaId' });
    });

    it('updates, reorders within a position and deletes, audited', async () => {
      const db = testDb.db.kysely;
      const a = await addBannerAsStaff(db, admin, banner({ title: 'A' }));
      const b = await addBannerAsStaff(db, admin, banner({ title: 'B' }));
      const h = await addBannerAsStaff(db, admin, banner({ title: 'H', position: 'header' }));
      await reorderBanner(db, admin, { bannerId: b, direction: 'up' });
      await reorderBanner(db, admin, { bannerId: h, direction: 'down' }); // alone in its position
      expect((await listBannersForStaff(db, admin)).map((x) => x.title)).toEqual(['H', 'B', 'A']);
      await updateBanner(db, admin, { bannerId: a, ...banner({ title: 'A mới', position: 'header', linkUrl: '' }) });
      expect(await getBannerForStaff(db, admin, a)).toMatchObject({ title: 'A mới', position: 'header', linkUrl: '', sortOrder: 1 });
      await deleteBanner(db, admin, { bannerId: h });
      await expect(getBannerForStaff(db, admin, h)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(updateBanner(db, scopeOf(otherSiteId, 'admin'), { bannerId: a, ...banner({ mediaId: foreignImageId }) })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await actions()).toEqual(['banner.added', 'banner.added', 'banner.added', 'banner.deleted', 'banner.reordered', 'banner.updated']);
    });
  });

  describe('sidebar blocks', () => {
    it('adds both kinds, in order, as the public sidebar reads them', async () => {
      const db = testDb.db.kysely;
      await addSidebarBlockAsStaff(db, admin, { title: 'Thông báo mới', kind: 'latest_in_category', categoryId: category.id, itemLimit: '7' });
      await addSidebarBlockAsStaff(db, admin, { title: 'Liên kết', kind: 'links', links: [{ label: '', url: '' }, { label: 'Dịch vụ công', url: 'https://dichvucong.gov.vn' }, { label: ' ', url: ' ' }] });
      expect(await loadSidebarBlocks(db, siteId)).toMatchObject([
        { kind: 'latest_in_category', title: 'Thông báo mới', categoryId: category.id, itemLimit: 7 },
        { kind: 'links', title: 'Liên kết', links: [{ label: 'Dịch vụ công', url: 'https://dichvucong.gov.vn' }] },
      ]);
    });

    it.each([
      ['an item limit of 0', { kind: 'latest_in_category', categoryId: 'C', itemLimit: 0 }, 'itemLimit'],
      ['an item limit of 21', { kind: 'latest_in_category', categoryId: 'C', itemLimit: '21' }, 'itemLimit'],
      ['an item limit that is no number', { kind: 'latest_in_category', categoryId: 'C', itemLimit: '5 bài' }, 'itemLimit'],
      ['no category', { kind: 'latest_in_category', categoryId: '', itemLimit: 5 }, 'categoryId'],
      ['a category of another site', { kind: 'latest_in_category', categoryId: 'F', itemLimit: 5 }, 'categoryId'],
      ['no link', { kind: 'links', links: [{ label: '', url: '' }] }, 'links'],
      ['a link without an address', { kind: 'links', links: [{ label: 'A', url: '' }] }, 'links'],
      ['a javascript: link', { kind: 'links', links: [{ label: 'A', url: '/a' }, { label: 'B', url: 'javascript:alert(1)' }] }, 'links'],
      ['31 links', { kind: 'links', links: Array.from({ length: 31 }, (_, i) => ({ label: `L${i}`, url: `/l${i}` })) }, 'links'],
      ['an unknown kind', { kind: 'html' }, 'kind'],
    ] as [string, { kind: string; categoryId?: string; itemLimit?: number | string; links?: { label: string; url: string }[] }, string][])('refuses %s with the field', async (_, extra, field) => {
      const categoryId = extra.categoryId === 'C' ? category.id : extra.categoryId === 'F' ? foreignCategory.id : extra.categoryId;
      const error = await addSidebarBlockAsStaff(testDb.db.kysely, admin, { title: 'Khối', ...extra, categoryId }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'INVALID_INPUT', field });
      expect(await actions()).toEqual([]);
    });

    it('names the link at fault', async () => {
      const error = await addSidebarBlockAsStaff(testDb.db.kysely, admin, { title: 'Khối', kind: 'links', links: [{ label: 'A', url: '/a' }, { label: 'B', url: 'javascript:alert(1)' }] }).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/^Liên kết thứ 2: /);
    });

    it('changes a block’s kind, reorders and deletes, audited', async () => {
      const db = testDb.db.kysely;
      const a = await addSidebarBlockAsStaff(db, admin, { title: 'A', kind: 'links', links: [{ label: 'A', url: '/a' }] });
      const b = await addSidebarBlockAsStaff(db, admin, { title: 'B', kind: 'links', links: [{ label: 'B', url: '/b' }] });
      await updateSidebarBlock(db, admin, { blockId: a, title: 'A mới', kind: 'latest_in_category', categoryId: category.id, itemLimit: 3 });
      await reorderSidebarBlock(db, admin, { blockId: b, direction: 'up' });
      expect(await listSidebarBlocksForStaff(db, admin)).toMatchObject([
        { id: b, kind: 'links' },
        { id: a, kind: 'latest_in_category', title: 'A mới', itemLimit: 3, categoryId: category.id },
      ]);
      await deleteSidebarBlock(db, admin, { blockId: b });
      expect((await listSidebarBlocksForStaff(db, admin)).map((x) => x.id)).toEqual([a]);
      expect(await actions()).toEqual(['sidebar_block.added', 'sidebar_block.added', 'sidebar_block.deleted', 'sidebar_block.reordered', 'sidebar_block.updated']);
    });
  });
});
