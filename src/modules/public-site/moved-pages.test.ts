/**
 * URLs that last, end to end: after a category moves, its old URLs, those of the
 * categories below it and those of its articles answer 301 to where they are now.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { BROWSER_UA, startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { createCategory, moveCategory } from '../categories/index.js';
import { createSite } from '../sites/index.js';

describe.each(ENGINES)('moved pages on %s', (engine) => {
  let portal: TestPortal;
  let seedSlug: string;

  beforeEach(async () => {
    portal = await startTestPortal(engine);
    seedSlug = portal.fixture.seedSlug;
  });
  afterEach(async () => portal?.close());

  const get = (url: string, host = 'localhost') => portal.app.inject({ method: 'GET', url, headers: { 'user-agent': BROWSER_UA, host } });
  const expectRedirect = async (from: string, to: string) => {
    const response = await get(from);
    expect(response.statusCode, from).toBe(301);
    expect(response.headers.location, from).toBe(to);
  };
  const expectStatus = async (url: string, status: number) => expect((await get(url)).statusCode, url).toBe(status);
  /** Moves a fixture category and drops cached pages (content versions will do this by themselves). */
  const move = async (name: keyof TestPortal['fixture']['categories'], parent: keyof TestPortal['fixture']['categories'] | null) => {
    const { siteId, categories } = portal.fixture;
    await moveCategory(portal.testDb.db.kysely, { siteId, categoryId: categories[name].id, newParentId: parent === null ? null : categories[parent].id });
    portal.app.services.pages.invalidateSite(siteId);
  };

  it('sends the old URLs of a moved category, its children and their articles to the new ones', async () => {
    // 1. Warm the cache with the pages about to move.
    await expectStatus('/tin-tuc/thong-bao', 200);
    await expectStatus(`/tin-tuc/thong-bao/${seedSlug}`, 200);
    // 2. Tin tức (with Thông báo and Tin hoạt động) moves under Giới thiệu.
    await move('news', 'intro');
    await expectRedirect('/tin-tuc', '/gioi-thieu/tin-tuc');
    await expectRedirect('/tin-tuc/thong-bao', '/gioi-thieu/tin-tuc/thong-bao');
    await expectRedirect('/tin-tuc/thong-bao?page=3', '/gioi-thieu/tin-tuc/thong-bao?page=3');
    await expectRedirect('/tin-tuc/tin-hoat-dong', '/gioi-thieu/tin-tuc/tin-hoat-dong');
    await expectRedirect(`/tin-tuc/thong-bao/${seedSlug}`, `/gioi-thieu/tin-tuc/thong-bao/${seedSlug}`);
    // 3. The new URLs are pages, and what was never there is still a 404.
    for (const url of ['/gioi-thieu/tin-tuc', '/gioi-thieu/tin-tuc/thong-bao', '/gioi-thieu/tin-tuc/thong-bao?page=3', `/gioi-thieu/tin-tuc/thong-bao/${seedSlug}`]) await expectStatus(url, 200);
    for (const url of ['/khong-co', '/gioi-thieu/khong-co', '/tin-tuc-cu/thong-bao']) await expectStatus(url, 404);
  });

  it('follows an unknown page below an old path to the new path in one hop, where it is a 404', async () => {
    await move('announcements', 'intro');
    await expectRedirect('/tin-tuc/thong-bao/bai-da-go', '/gioi-thieu/thong-bao/bai-da-go');
    await expectStatus('/gioi-thieu/thong-bao/bai-da-go', 404);
  });

  it('sends the oldest URLs straight to the newest after two moves, never through a chain', async () => {
    await move('announcements', 'intro');
    await move('announcements', 'office');
    for (const old of ['/tin-tuc/thong-bao', '/gioi-thieu/thong-bao']) await expectRedirect(old, '/gioi-thieu/van-phong-so/thong-bao');
    await expectRedirect(`/tin-tuc/thong-bao/${seedSlug}`, `/gioi-thieu/van-phong-so/thong-bao/${seedSlug}`);
    await expectStatus('/gioi-thieu/van-phong-so/thong-bao', 200);
  });

  it('serves a category moved back at its first URL, not a redirect loop', async () => {
    await move('announcements', 'intro');
    await expectRedirect('/tin-tuc/thong-bao', '/gioi-thieu/thong-bao');
    await move('announcements', 'news');
    await expectStatus('/tin-tuc/thong-bao', 200);
    await expectStatus(`/tin-tuc/thong-bao/${seedSlug}`, 200);
    await expectRedirect('/gioi-thieu/thong-bao', '/tin-tuc/thong-bao');
  });

  it('lets a new category at an old URL own it, while deeper old URLs still redirect', async () => {
    await move('news', 'intro');
    await createCategory(portal.testDb.db.kysely, { siteId: portal.fixture.siteId, name: 'Tin tức' });
    portal.app.services.pages.invalidateSite(portal.fixture.siteId);
    await expectStatus('/tin-tuc', 200);
    await expectStatus('/tin-tuc/bai-khong-co', 404);
    await expectRedirect('/tin-tuc/thong-bao', '/gioi-thieu/tin-tuc/thong-bao');
  });

  it('never uses a redirect of another site', async () => {
    await createSite(portal.testDb.db.kysely, { host: 'phong.kontum.gov.vn', name: 'Phòng Lao động - Thương binh và Xã hội huyện Đắk Hà', parentId: portal.fixture.siteId });
    await portal.app.services.sites.reload();
    await move('announcements', 'intro');
    await expectRedirect('/tin-tuc/thong-bao', '/gioi-thieu/thong-bao');
    for (const url of ['/tin-tuc/thong-bao', `/tin-tuc/thong-bao/${seedSlug}`]) expect((await get(url, 'phong.kontum.gov.vn')).statusCode, url).toBe(404);
  });

  it('looks for a redirect only on the way to a 404, in one query', async () => {
    await move('announcements', 'intro');
    await portal.app.services.stats.stop();
    const redirectQueries = async (url: string) => {
      portal.queries.length = 0;
      await get(url);
      return portal.queries.filter((q) => /\bredirects\b/.test(q)).length;
    };
    expect(await redirectQueries('/gioi-thieu/thong-bao')).toBe(0);
    expect(await redirectQueries(`/gioi-thieu/thong-bao/${seedSlug}`)).toBe(0);
    expect(await redirectQueries('/tin-tuc/thong-bao/a/b/c/d/e')).toBe(1);
    expect(await redirectQueries('/khong-co/bai-viet')).toBe(1);
  });
});
