import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { createArticle } from '../articles/index.js';
import { createCategory } from '../categories/index.js';
import { createSite } from '../sites/index.js';
import { RATING_RATE_LIMIT } from './ratings.routes.js';

const UA = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0';

describe.each(ENGINES)('rating a page on %s', (engine) => {
  let portal: TestPortal;
  let origin: string;
  let seedPath: string;
  let otherPath: string;
  let otherSitePath: string;
  const db = () => portal.testDb.db.kysely;
  const ratings = () => db().selectFrom('ratings').selectAll().where('site_id', '=', portal.fixture.siteId).execute();
  /** Each test rates from its own address: the per-address limit must not leak between tests. */
  let nextAddress = 1;
  const newAddress = () => `203.0.113.${nextAddress++}`;

  const rate = (fields: Record<string, string>, options: { ip: string; ua?: string; headers?: Record<string, string> }): Promise<LightMyRequestResponse> =>
    portal.app.inject({
      method: 'POST',
      url: '/danh-gia',
      remoteAddress: options.ip,
      payload: new URLSearchParams(fields).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin, 'user-agent': options.ua ?? UA, ...options.headers },
    });
  const rateJson = (body: unknown, options: { ip: string; ua?: string; headers?: Record<string, string> }): Promise<LightMyRequestResponse> =>
    portal.app.inject({
      method: 'POST',
      url: '/danh-gia',
      remoteAddress: options.ip,
      payload: JSON.stringify(body),
      headers: { 'content-type': 'application/json', accept: 'application/json', origin, 'user-agent': options.ua ?? UA, ...options.headers },
    });

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    origin = portal.app.services.sites.resolve('localhost')!.origin;
    seedPath = `/tin-tuc/thong-bao/${portal.fixture.seedSlug}`;
    otherPath = '/gioi-thieu/van-phong-so/gioi-thieu-van-phong-so';
    // Another site of the installation, with a published article of its own.
    const otherSiteId = await createSite(db(), { host: 'xa.example.vn', name: 'UBND xã Ví Dụ' });
    const category = await createCategory(db(), { siteId: otherSiteId, name: 'Tin xã', position: 0 });
    const article = await createArticle(db(), { siteId: otherSiteId, categoryId: category.id, title: 'Tin của xã khác', bodyHtml: '<p>x</p>', status: 'published', publishedAt: new Date('2022-01-01T00:00:00Z') });
    otherSitePath = `/tin-xa/${article.slug}`;
  });
  afterAll(async () => portal.close());

  it('places the same rating form on every article, with no token and no reader data', async () => {
    portal.queries.length = 0;
    const page = await portal.app.inject({ url: seedPath });
    expect(page.statusCode).toBe(200);
    // The first request renders (the cache test below relies on seeing no such query on a hit).
    expect(portal.queries.some((sql) => /from "articles"/i.test(sql))).toBe(true);
    expect(page.body).toContain('<form class="rating__form" method="post" action="/danh-gia"');
    expect(page.body).toContain(`<input type="hidden" name="path" value="${seedPath}"/>`);
    expect(page.body).toContain('Thông tin có hữu ích không?');
    expect(page.body).toContain('name="useful" value="yes"');
    expect(page.body).toContain('name="website"');
    expect(page.body).toContain('Đánh giá không lưu tên, địa chỉ IP');
  });

  it('stores a rating sent by a form and shows the thank-you page: the day only, no address, no user agent', async () => {
    const ip = newAddress();
    const answer = await rate({ path: seedPath, useful: 'yes', comment: '  Rất rõ ràng, cảm ơn.  ' }, { ip });
    expect(answer.statusCode).toBe(303);
    expect(answer.headers.location).toBe(`/danh-gia/cam-on?trang=${encodeURIComponent(seedPath)}`);
    expect(answer.headers['set-cookie']).toBeUndefined();
    const rows = (await ratings()).filter((r) => r.comment === 'Rất rõ ràng, cảm ơn.');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ page_path: seedPath, is_useful: 1, category_id: portal.fixture.categories.announcements.id });
    expect(rows[0]!.day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(JSON.stringify(rows)).not.toContain(ip);
    expect(JSON.stringify(rows)).not.toContain('Chrome');

    const thanks = await portal.app.inject({ url: answer.headers.location as string });
    expect(thanks.statusCode).toBe(200);
    expect(thanks.headers['cache-control']).toMatch(/no-store|private/);
    expect(thanks.body).toContain('Cảm ơn bạn đã đánh giá');
    expect(thanks.body).toContain(`<a class="button" href="${seedPath}">Quay lại trang bạn vừa đọc</a>`);
    // A link back only ever goes to one of our paths.
    for (const trang of ['https://evil.example/', '//evil.example/x', 'javascript:alert(1)', '/a b']) {
      const other = await portal.app.inject({ url: `/danh-gia/cam-on?trang=${encodeURIComponent(trang)}` });
      expect(other.statusCode).toBe(200);
      expect(other.body).not.toContain('evil.example');
      expect(other.body).not.toContain('javascript:');
      expect(other.body).toContain('<a class="button" href="/">Về trang chủ</a>');
    }
  });

  it('answers JSON when asked, and keeps one rating per reader per page (the second replaces the first)', async () => {
    const ip = newAddress();
    const first = await rateJson({ path: otherPath, useful: 'yes' }, { ip });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({ status: 'received', message: 'Cảm ơn bạn đã đánh giá.' });
    const again = await rateJson({ path: otherPath, useful: 'no', comment: 'Thiếu số điện thoại.' }, { ip });
    expect(again.statusCode).toBe(200);
    let rows = (await ratings()).filter((r) => r.page_path === otherPath);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ is_useful: 0, comment: 'Thiếu số điện thoại.' });
    // Another reader (address or browser) and another page count separately.
    await rateJson({ path: otherPath, useful: 'yes' }, { ip: newAddress() });
    await rateJson({ path: otherPath, useful: 'yes' }, { ip, ua: 'Mozilla/5.0 (Android 14) Firefox/140.0' });
    await rateJson({ path: seedPath, useful: 'no' }, { ip });
    rows = (await ratings()).filter((r) => r.page_path === otherPath);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((r) => r.reader_key)).size).toBe(3);
  });

  it('keeps the article cached: the same ETag and bytes before and after a rating, and no cookie', async () => {
    // The ETag and page end with the visit and view counters, filled in per request: compared without them.
    const withoutCounters = (etag: unknown) => String(etag).replace(/-[\d.]+-[\d.]+"$/, '"');
    const withoutViews = (html: string) => html.replace(/<dd class="article__views">[\d.]+<\/dd>/, '').replace(/69\.5\d\d/g, '');
    const before = await portal.app.inject({ url: seedPath });
    const rated = await rate({ path: seedPath, useful: 'no' }, { ip: newAddress() });
    expect(rated.statusCode).toBe(303);
    portal.queries.length = 0;
    const after = await portal.app.inject({ url: seedPath });
    expect(withoutCounters(after.headers.etag)).toBe(withoutCounters(before.headers.etag));
    expect(withoutViews(after.body)).toBe(withoutViews(before.body));
    // Served from the cache: the rating did not make the page render again.
    expect(portal.queries.filter((sql) => /from "articles"/i.test(sql))).toEqual([]);
    expect(after.headers['set-cookie']).toBeUndefined();
    expect(rated.headers['set-cookie']).toBeUndefined();
  });

  it('drops a filled honeypot silently: the same thanks, nothing stored', async () => {
    const count = (await ratings()).length;
    const form = await rate({ path: seedPath, useful: 'yes', website: 'http://spam.example', comment: 'Mua ngay' }, { ip: newAddress() });
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toContain('/danh-gia/cam-on');
    const json = await rateJson({ path: seedPath, useful: 'yes', website: 'x' }, { ip: newAddress() });
    expect(json.statusCode).toBe(200);
    expect(json.json().status).toBe('received');
    expect((await ratings()).length).toBe(count);
  });

  it('answers a burst from one address with 429 (HTML and JSON), and nothing more is stored', async () => {
    const ip = newAddress();
    for (let n = 0; n < RATING_RATE_LIMIT.max; n++) expect((await rate({ path: seedPath, useful: 'yes' }, { ip, ua: `bot ${n}` })).statusCode).toBe(303);
    const count = (await ratings()).length;
    const html = await rate({ path: seedPath, useful: 'yes' }, { ip, ua: 'bot x' });
    expect(html.statusCode).toBe(429);
    expect(html.headers['retry-after']).toBeDefined();
    expect(html.body).toContain('<html');
    const json = await rateJson({ path: seedPath, useful: 'yes' }, { ip, ua: 'bot y' });
    expect(json.statusCode).toBe(429);
    expect(json.json().error.code).toBe('RATE_LIMITED');
    expect((await ratings()).length).toBe(count);
    // Another address is not held back.
    expect((await rate({ path: seedPath, useful: 'yes' }, { ip: newAddress() })).statusCode).toBe(303);
  });

  it('refuses bad input with a clear Vietnamese 400 and stores nothing', async () => {
    const count = (await ratings()).length;
    const cases: [unknown, string][] = [
      [{ path: seedPath, useful: 'yes', comment: 'ý'.repeat(501) }, 'comment'],
      [{ path: seedPath, useful: 'yes', comment: 'a'.repeat(2_000) }, 'comment'],
      [{ path: seedPath, useful: 'maybe' }, 'useful'],
      [{ path: seedPath }, 'useful'],
      [{ path: seedPath, useful: true }, 'useful'],
      [{ path: seedPath, useful: 'yes', comment: { x: 1 } }, 'comment'],
      [{ path: seedPath, useful: 'yes', comment: ['a'] }, 'comment'],
      [{ path: '/khong-co-trang-nay', useful: 'yes' }, 'path'],
      [{ path: '/tin-tuc/thong-bao/ban-nhap-chua-duyet', useful: 'yes' }, 'path'],
      [{ path: '/tin-tuc/thong-bao/bai-hen-gio-dang-nam-sau', useful: 'yes' }, 'path'],
      [{ path: otherSitePath, useful: 'yes' }, 'path'],
      [{ path: 'https://evil.example/', useful: 'yes' }, 'path'],
      [{ path: `${seedPath}?x=1`, useful: 'yes' }, 'path'],
      [{ path: `${seedPath}\u0000`, useful: 'yes' }, 'path'],
      [{ path: `/${'a'.repeat(600)}`, useful: 'yes' }, 'path'],
      [{ path: 42, useful: 'yes' }, 'path'],
      [{ useful: 'yes' }, 'path'],
      [['yes'], 'useful'],
      ['yes', 'useful'],
    ];
    for (const [body, field] of cases) {
      const answer = await rateJson(body, { ip: newAddress() });
      expect(answer.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
      const error = answer.json().error;
      expect(error.field, JSON.stringify(body).slice(0, 80)).toBe(field);
      expect(error.message).toMatch(/[àáảãạăâđêôơư]/i);
    }
    // Without script: the site's error page says the same in Vietnamese.
    const form = await rate({ path: seedPath, useful: 'yes', comment: 'x'.repeat(501) }, { ip: newAddress() });
    expect(form.statusCode).toBe(400);
    expect(form.body).toContain('không được dài quá 500 ký tự (bạn đã nhập 501 ký tự)');
    // A body far over the form limit is refused before it is read whole.
    const huge = await rate({ path: seedPath, useful: 'yes', comment: 'x'.repeat(100_000) }, { ip: newAddress() });
    expect(huge.statusCode).toBe(413);
    expect((await ratings()).length).toBe(count);
  });

  it('keeps HTML, script and formulas as plain text, and drops control characters', async () => {
    const payload = '<script>alert(1)</script><img src=x onerror=alert(2)>\u0007\u202e';
    expect((await rateJson({ path: seedPath, useful: 'no', comment: payload }, { ip: newAddress() })).statusCode).toBe(200);
    const row = (await ratings()).find((r) => r.comment.startsWith('<script>'));
    expect(row!.comment).toBe('<script>alert(1)</script><img src=x onerror=alert(2)>');
  });

  it('refuses a rating posted from another site (403, nothing stored)', async () => {
    const count = (await ratings()).length;
    const attempts: Record<string, string>[] = [
      { origin: 'https://evil.example' },
      { origin: 'null' },
      { origin: '', referer: 'https://evil.example/trang' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
    ];
    for (const headers of attempts) {
      const answer = await rateJson({ path: seedPath, useful: 'yes' }, { ip: newAddress(), headers });
      expect(answer.statusCode, JSON.stringify(headers)).toBe(403);
      expect(answer.json().error.code).toBe('FORBIDDEN');
    }
    const form = await rate({ path: seedPath, useful: 'yes' }, { ip: newAddress(), headers: { origin: 'https://evil.example' } });
    expect(form.statusCode).toBe(403);
    expect(form.body).toContain('Đánh giá chỉ được gửi từ chính các trang của cổng thông tin này.');
    // The referer of one of our own pages is enough when a browser sends no Origin.
    const ownReferer = await portal.app.inject({ method: 'POST', url: '/danh-gia', remoteAddress: newAddress(), payload: { path: seedPath, useful: 'yes' }, headers: { accept: 'application/json', referer: `${origin}${seedPath}` } });
    expect(ownReferer.statusCode).toBe(200);
    expect((await ratings()).length).toBe(count + 1);
  });
});
