import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { ANNOUNCEMENT_COUNT, SEED_TITLE } from '../../../test/helpers/fixture-site.js';
import { BROWSER_UA, startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { createSite } from '../sites/index.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');

describe.each(ENGINES)('public site on %s', (engine) => {
  let portal: TestPortal;
  let seedUrl: string;

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    seedUrl = `/tin-tuc/thong-bao/${portal.fixture.seedSlug}`;
  });
  afterAll(async () => portal?.close());

  const get = (url: string, headers: Record<string, string> = {}) => portal.app.inject({ method: 'GET', url, headers: { 'user-agent': BROWSER_UA, ...headers } });

  it('serves the home page with every element of the frame', async () => {
    const response = await get('/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body;
    expect(html).toMatch(/^<!doctype html><html lang="vi">/);
    expect(html).toContain('class="skip-link" href="#noi-dung"');
    expect(html).toMatch(/<img src="\/assets\/quoc-huy\.[0-9a-f]{10}\.svg" alt="Quốc huy/);
    expect(html).toContain('Ủy ban nhân dân tỉnh Kon Tum');
    expect(html).toContain('Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum');
    expect(html).toContain('href="/admin/login">Đăng nhập</a>');
    // nested menu
    expect(html).toMatch(/<a href="\/tin-tuc">Tin tức<\/a><ul><li><a href="\/tin-tuc\/thong-bao">Thông báo<\/a>/);
    // banners: header and sidebar, expired one hidden
    expect(html).toMatch(/class="header-banner" href="\/"><picture>/);
    expect(html).toContain('alt="Dịch vụ công trực tuyến"');
    expect(html).not.toContain('Banner đã hết hạn');
    // sidebar blocks and counter
    expect(text(html)).toContain('Thông báo');
    expect(text(html)).toContain('Thông tin chung Cổng Dịch vụ công quốc gia');
    expect(text(html)).toMatch(/Lượt truy cập 69\.53\d/);
    // featured and home sections; a category can feed a home section and a sidebar block
    expect(text(html)).toContain('Tin nổi bật');
    const announcementsSection = /id="muc-0">.*?<\/section>/s.exec(html)![0];
    expect(text(announcementsSection)).toContain('Thông báo');
    expect(text(announcementsSection)).toContain(SEED_TITLE);
    expect(text(announcementsSection)).toContain('Thông báo số 24 về tuyển dụng lao động');
    expect(html).toContain(SEED_TITLE);
    // footer
    expect(text(html)).toContain('Địa chỉ: 123 Trần Hưng Đạo, TP. Kon Tum');
    expect(text(html)).toContain('Chịu trách nhiệm chính: Giám đốc Sở');
    // never drafts or scheduled articles
    expect(html).not.toContain('Bản nháp chưa duyệt');
    expect(html).not.toContain('Bài hẹn giờ đăng năm sau');
  });

  it('puts every image behind alt text', async () => {
    for (const url of ['/', '/tin-tuc/thong-bao', seedUrl]) {
      const html = (await get(url)).body;
      const images = html.match(/<img [^>]*>/g) ?? [];
      expect(images.length).toBeGreaterThan(0);
      // alt="" is written as a bare alt attribute on decorative thumbnails
      for (const img of images) expect(img).toMatch(/ alt(="[^"]|[ />])/);
    }
  });

  it('lists a category with breadcrumb, dates, thumbnails and pagination', async () => {
    const response = await get('/tin-tuc/thong-bao');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(text(html)).toContain('Bạn đang ở: Trang chủ › Tin tức › Thông báo'.replace(/ › /g, ' '));
    expect(html).toMatch(/<a href="\/tin-tuc">Tin tức<\/a><\/li><li><a href="\/tin-tuc\/thong-bao" aria-current="page">Thông báo<\/a>/);
    expect((html.match(/class="article-item[ "]/g) ?? []).length).toBe(10);
    expect(html).toMatch(/<time class="meta" datetime="2022-01-16T01:30:00.000Z">16\/01\/2022<\/time>/);
    expect(html).toContain('srcset="/media/');
    expect(html).toContain('href="/tin-tuc/thong-bao?page=2"');

    const last = await get('/tin-tuc/thong-bao?page=3');
    expect(last.statusCode).toBe(200);
    // 24 + the seed-like article = 25 published: 10, 10, 5
    expect((last.body.match(/class="article-item[ "]/g) ?? []).length).toBe(ANNOUNCEMENT_COUNT + 1 - 20);
    expect(last.body).toContain('<title>Thông báo - Trang 3 - ');
  });

  it('shows sub-categories and their articles on a parent category', async () => {
    const html = (await get('/tin-tuc')).body;
    expect(html).toMatch(/class="subcategories"[^>]*><li><a href="\/tin-tuc\/thong-bao">Thông báo<\/a><\/li><li><a href="\/tin-tuc\/tin-hoat-dong">Tin hoạt động<\/a>/);
    expect(html).toContain('Thăm và tặng quà gia đình chính sách');
  });

  it.each([
    ['0', 400],
    ['-1', 400],
    ['abc', 400],
    ['1.5', 400],
    ['99999', 404],
    ['100001', 400],
  ])('answers page=%s with a clear %i, never a 500', async (page, status) => {
    const response = await get(`/tin-tuc/thong-bao?page=${page}`);
    expect(response.statusCode).toBe(status);
    expect(response.headers['content-type']).toContain('text/html');
    expect(response.body).toContain('lang="vi"');
    expect(text(response.body)).toMatch(status === 404 ? /Trang này không tồn tại: chuyên mục chỉ có 3 trang/ : /Tham số "page" không hợp lệ/);
  });

  it('serves the seed-like article with every element of the seed page', async () => {
    const response = await get(seedUrl);
    expect(response.statusCode).toBe(200);
    const html = response.body;
    const words = text(html);
    expect(words).toContain('Bạn đang ở: Trang chủ Tin tức Thông báo');
    expect(html).toContain(`<h1 id="tieu-de">${SEED_TITLE}</h1>`);
    expect(html).toContain('<p class="article__lead">Sáng 13/01/2022');
    expect(html).toContain('6.518/5.700 người, đạt 114,35% kế hoạch');
    // inline captioned image, expanded to responsive markup
    expect(html).toMatch(/<figure><picture><source type="image\/webp" srcset="\/media\/[0-9a-f-]{36}\/320\.webp 320w, [^"]+" sizes="[^"]+"\/?><img src="\/media\/[^"]+\.jpg" srcset="[^"]+" [^>]*alt="Giám đốc Sở phát biểu"/);
    expect(html).toContain('<figcaption>Đ/c Giám đốc Sở phát biểu chỉ đạo tại Hội nghị</figcaption>');
    // gallery with larger views
    expect(words).toContain('Một số hình ảnh tại Hội nghị');
    expect((html.match(/class="lightbox" id="anh-\d"/g) ?? []).length).toBe(3);
    expect(html).toContain('href="#anh-2"');
    expect(html).toContain('<p class="article__byline">Tin và ảnh: Lê Thương</p>');
    expect(words).toContain('Đăng bởi: SLĐTBXH Kon Tum');
    expect(words).toContain('Ngày đăng: 16/01/2022');
    expect(words).toMatch(/Lượt xem: 2\.5\d\d/);
    expect(html).toContain('<a class="button" href="/tin-tuc/thong-bao">‹ Quay về</a>');
    expect(html).toContain('data-action="print"');
    expect(words).toContain('Các tin khác trong mục Thông báo');
    expect(words).toContain('Thông báo số 24 về tuyển dụng lao động');
  });

  it('answers unknown, unpublished and malformed paths with the Vietnamese 404 page', async () => {
    for (const url of ['/tin-tuc/thong-bao/khong-co-bai-nay', '/khong-ton-tai', '/tin-tuc/thong-bao/ban-nhap-chua-duyet', '/tin-tuc/thong-bao/bai-hen-gio-dang-nam-sau', '/tin-tuc/%3Cscript%3E', `/tin-tuc/thong-bao/${'a'.repeat(400)}`]) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(404);
      expect(text(response.body)).toContain('Không tìm thấy trang');
      expect(response.body).not.toContain('<script>');
      expect(response.body).not.toContain('cong-slot');
      expect(text(response.body)).toMatch(/Lượt truy cập 69\.5\d\d/);
    }
  });

  it('redirects an article under a wrong category to its canonical address', async () => {
    const response = await get(`/gioi-thieu/van-phong-so/${portal.fixture.seedSlug}`);
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe(seedUrl);
    const slash = await get('/tin-tuc/thong-bao/');
    expect(slash.statusCode).toBe(301);
    expect(slash.headers.location).toBe('/tin-tuc/thong-bao');
  });

  it('counts 1,000 concurrent views exactly', async () => {
    const { kysely } = portal.testDb.db;
    await portal.app.services.stats.flush();
    const before = await kysely.selectFrom('articles').select('view_count').where('slug', '=', portal.fixture.seedSlug).executeTakeFirstOrThrow();
    const responses = await Promise.all(Array.from({ length: 1000 }, () => get(seedUrl)));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    await portal.app.services.stats.flush();
    const after = await kysely.selectFrom('articles').select('view_count').where('slug', '=', portal.fixture.seedSlug).executeTakeFirstOrThrow();
    expect(Number(after.view_count) - Number(before.view_count)).toBe(1000);
  });

  it('shows a rising view count and does not count bots or HEAD requests', async () => {
    const views = async (ua: string) => Number(/Lượt xem: ([\d.]+)/.exec(text((await get(seedUrl, { 'user-agent': ua })).body))![1]!.replace(/\./g, ''));
    const first = await views(BROWSER_UA);
    expect(await views(BROWSER_UA)).toBe(first + 1);
    expect(await views('Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)')).toBe(first + 1);
    expect(await views('Some-Crawler/1.0')).toBe(first + 1);
    await portal.app.inject({ method: 'HEAD', url: seedUrl, headers: { 'user-agent': BROWSER_UA } });
    expect(await views(BROWSER_UA)).toBe(first + 2);
  });

  it('counts visits, not page hits, and persists them', async () => {
    const { kysely } = portal.testDb.db;
    await portal.app.services.stats.flush();
    const before = Number((await kysely.selectFrom('sites').select('visit_count').executeTakeFirstOrThrow()).visit_count);
    const visitor = { 'x-test': '1' };
    for (const url of ['/', '/tin-tuc', seedUrl]) await portal.app.inject({ url, remoteAddress: '198.51.100.20', headers: { 'user-agent': BROWSER_UA, ...visitor } });
    await portal.app.inject({ url: '/', remoteAddress: '198.51.100.21', headers: { 'user-agent': BROWSER_UA } });
    await portal.app.inject({ url: '/', remoteAddress: '198.51.100.22', headers: { 'user-agent': 'Googlebot/2.1' } });
    await portal.app.services.stats.flush();
    const after = Number((await kysely.selectFrom('sites').select('visit_count').executeTakeFirstOrThrow()).visit_count);
    expect(after - before).toBe(2);
  });

  it('serves gzip that inflates to the same page, and 304 for a matching ETag', async () => {
    const plain = await get(seedUrl);
    const gzipped = await get(seedUrl, { 'accept-encoding': 'gzip, deflate, br' });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    const inflated = zlib.gunzipSync(gzipped.rawPayload).toString();
    const withoutCounters = (html: string) => html.replace(/Lượt xem:<\/dt><dd class="article__views">[\d.]+/, '').replace(/visit-counter__number">[\d.]+/, '');
    expect(withoutCounters(inflated)).toBe(withoutCounters(plain.body));

    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    expect(plain.headers['cache-control']).toBe('no-cache');
    // A reader's revalidation counts a view, so the page changed: full answer with the new count.
    const reloaded = await get(seedUrl, { 'if-none-match': etag });
    expect(reloaded.statusCode).toBe(200);
    expect(reloaded.headers.etag).not.toBe(etag);
    // A crawler is not counted: nothing changed for it, so it gets a 304.
    const crawler = { 'user-agent': 'Googlebot/2.1' };
    const first = await get(seedUrl, crawler);
    const revalidated = await get(seedUrl, { ...crawler, 'if-none-match': first.headers.etag as string });
    expect(revalidated.statusCode).toBe(304);
    expect(revalidated.body).toBe('');
  });

  it('sends security headers on every response', async () => {
    for (const url of ['/', seedUrl, '/khong-ton-tai', '/healthz', '/tin-tuc/thong-bao/', '/tin-tuc/thong-bao?page=0', '/tin-tuc/thong-bao?page=99']) {
      const { headers } = await get(url);
      expect(headers['content-security-policy']).toContain("script-src 'self'");
      expect(headers['content-security-policy']).toContain("frame-ancestors 'self'");
      expect(headers['content-security-policy']).not.toContain('unsafe-inline');
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
  });

  it('serves hashed assets and media with long cache headers, and nothing outside the media folder', async () => {
    const home = (await get('/')).body;
    const css = /href="(\/assets\/site\.[0-9a-f]+\.css)"/.exec(home)![1]!;
    const asset = await get(css);
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.body).toContain('@media print');
    const image = /src="(\/media\/[^"]+\.jpg)"/.exec(home)![1]!;
    const media = await get(image);
    expect(media.statusCode).toBe(200);
    expect(media.headers['content-type']).toBe('image/jpeg');
    expect(media.headers['cache-control']).toContain('immutable');
    for (const url of ['/media/../cong.sqlite', '/media/%2e%2e/cong.sqlite', '/assets/site.css']) expect((await get(url)).statusCode, url).toBe(404);
  });

  it('picks the site by Host, keeps each site’s content apart, and falls back to the default site', async () => {
    await createSite(portal.testDb.db.kysely, { host: 'Phong-LDTBXH.kontum.gov.vn', name: 'Phòng Lao động - Thương binh và Xã hội huyện Đắk Hà', parentId: portal.fixture.siteId });
    await portal.app.services.sites.reload();
    const other = await get('/', { host: 'phong-ldtbxh.kontum.gov.vn:8080' });
    expect(other.statusCode).toBe(200);
    expect(other.body).toContain('Phòng Lao động - Thương binh và Xã hội huyện Đắk Hà');
    expect(other.body).not.toContain(SEED_TITLE);
    expect((await get(seedUrl, { host: 'phong-ldtbxh.kontum.gov.vn' })).statusCode).toBe(404);
    const unknown = await get('/', { host: 'khong-ai-dung.example' });
    expect(unknown.body).toContain('Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum');
  });

  it('answers /healthz', async () => {
    const response = await get('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('runs a bounded number of queries per page, and none for a cached page', async () => {
    // The once-a-second counter flush and the job runner's polling would land in the counts at random: stop their timers.
    await portal.app.services.stats.stop();
    await portal.app.services.jobs.stop();
    const counts: Record<string, number> = {};
    for (const url of ['/', '/tin-tuc/thong-bao', '/tin-tuc/thong-bao?page=3', '/tin-tuc', seedUrl, '/gioi-thieu/van-phong-so']) {
      portal.app.services.pages.invalidateSite(portal.fixture.siteId);
      portal.queries.length = 0;
      expect((await get(url)).statusCode).toBe(200);
      counts[url] = portal.queries.length;
      portal.queries.length = 0;
      await get(url);
      expect(portal.queries.length, `${url} from cache`).toBe(0);
    }
    // An article page is the costliest: the article, its gallery and its tags, the frame and the lists.
    for (const [url, count] of Object.entries(counts)) expect(count, url).toBeLessThanOrEqual(10);
    // the same page shape costs the same whatever the number of items listed
    expect(counts['/tin-tuc/thong-bao']).toBe(counts['/tin-tuc/thong-bao?page=3']);
    expect(counts['/tin-tuc/thong-bao']).toBe(counts['/gioi-thieu/van-phong-so']);
  });
});

describe('an expired cached page', () => {
  it('is served while one background render replaces it', async () => {
    const portal = await startTestPortal('sqlite', { pageTtlMs: 0 });
    const url = `/tin-tuc/thong-bao/${portal.fixture.seedSlug}`;
    const title = async () => /<h1 id="tieu-de">([^<]*)</.exec((await portal.app.inject({ url, headers: { 'user-agent': BROWSER_UA } })).body)![1];
    expect(await title()).toBe(SEED_TITLE);
    // changed behind the cache's back, as a scheduled change would be
    await portal.testDb.db.kysely.updateTable('articles').set({ title: 'Tiêu đề mới' }).where('slug', '=', portal.fixture.seedSlug).execute();
    expect(await title()).toBe(SEED_TITLE);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await title()).toBe('Tiêu đề mới');
    await portal.close();
  });
});

describe('when the database fails', () => {
  it('answers with the Vietnamese 500 page and no stack trace', async () => {
    const portal = await startTestPortal('sqlite');
    await portal.testDb.db.kysely.schema.dropTable('article_gallery').execute();
    const response = await portal.app.inject({ url: `/tin-tuc/thong-bao/${portal.fixture.seedSlug}`, headers: { 'user-agent': BROWSER_UA } });
    expect(response.statusCode).toBe(500);
    expect(response.body).toContain('Hệ thống đang gặp sự cố');
    expect(response.body).not.toMatch(/SqliteError|no such table|at .*\.ts:\d+/);
    const api = await portal.app.inject({ url: '/api/v1/khong-co' });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    await portal.close();
  });
});
