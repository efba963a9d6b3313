import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { SEED_SLUG, SEED_TITLE } from '../../../test/helpers/fixture-site.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { createArticle, createDraft, takeStep } from '../articles/index.js';

describe.each(ENGINES)('the public read API on %s', (engine) => {
  let portal: TestPortal;
  const hidden: { id: string; slug: string; why: string }[] = [];

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    const db = portal.testDb.db.kysely;
    const { siteId, categories } = portal.fixture;
    const categoryId = categories.announcements.id;
    const scope = operatorScope(siteId);
    const draft = await createDraft(db, scope, { title: 'Bản nháp bí mật', categoryId, lead: 'x', bodyHtml: '<p>x</p>' });
    hidden.push({ ...draft, why: 'draft' });
    const submitted = await createDraft(db, scope, { title: 'Bài chờ duyệt bí mật', categoryId, lead: 'x', bodyHtml: '<p>x</p>' });
    await takeStep(db, scope, 'submit', { articleId: submitted.id });
    hidden.push({ ...submitted, why: 'submitted' });
    const scheduled = await createArticle(db, { siteId, categoryId, title: 'Bài hẹn giờ bí mật', status: 'published', publishedAt: new Date(Date.now() + 86_400_000) });
    hidden.push({ ...scheduled, why: 'scheduled' });
    const unpublished = await createDraft(db, scope, { title: 'Bài đã gỡ bí mật', categoryId, lead: 'x', bodyHtml: '<p>x</p>' });
    await takeStep(db, scope, 'publish', { articleId: unpublished.id });
    await takeStep(db, scope, 'unpublish', { articleId: unpublished.id });
    hidden.push({ ...unpublished, why: 'unpublished' });
    const archived = await createDraft(db, scope, { title: 'Bài lưu trữ bí mật', categoryId, lead: 'x', bodyHtml: '<p>x</p>' });
    await takeStep(db, scope, 'publish', { articleId: archived.id });
    await takeStep(db, scope, 'archive', { articleId: archived.id });
    hidden.push({ ...archived, why: 'archived' });
  });
  afterAll(async () => portal.close());

  const get = (url: string, headers: Record<string, string> = {}) => portal.app.inject({ url: `/api/v1${url}`, headers });

  it('never returns an article that is not published, by id, by slug or in lists', async () => {
    for (const article of hidden) {
      for (const key of [article.id, article.slug]) {
        const answer = await get(`/articles/${key}`);
        expect(answer.statusCode, `${article.why} ${key}`).toBe(404);
        expect(answer.json().error.code).toBe('NOT_FOUND');
      }
    }
    const titles: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { title: string }[]; nextCursor: string | null } = (await get(`/articles?limit=7${cursor ? `&cursor=${cursor}` : ''}`)).json();
      titles.push(...page.items.map((i: { title: string }) => i.title));
      cursor = page.nextCursor;
    } while (cursor);
    expect(titles.filter((t) => t.includes('bí mật'))).toEqual([]);
    expect(titles).toContain(SEED_TITLE);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('pages with a cursor newest first, filters by category and dates, and serves one article by slug or id', async () => {
    const all = (await get('/articles?limit=50')).json().items as { id: string; publishedAt: string; url: string }[];
    const dates = all.map((i) => i.publishedAt);
    expect([...dates].sort().reverse()).toEqual(dates);
    const announcements = (await get('/articles?category=tin-tuc/thong-bao&limit=50')).json().items as { url: string }[];
    expect(announcements.every((a) => a.url.includes('/tin-tuc/thong-bao/'))).toBe(true);
    const january = (await get('/articles?from=2022-01-01&to=2022-01-31&limit=50')).json().items as { publishedAt: string }[];
    expect(january.length).toBeGreaterThan(0);
    expect(january.every((a) => a.publishedAt >= '2021-12-31T17:00:00.000Z' && a.publishedAt < '2022-01-31T17:00:00.000Z')).toBe(true);
    const bySlug = (await get(`/articles/${SEED_SLUG}`)).json();
    expect(bySlug).toMatchObject({ title: SEED_TITLE, url: `http://localhost:3000/tin-tuc/thong-bao/${SEED_SLUG}` });
    expect((await get(`/articles/${bySlug.id}`)).json().slug).toBe(SEED_SLUG);
    expect((await get('/categories')).json().items.map((c: { path: string }) => c.path)).toContain('tin-tuc/thong-bao');
    expect((await get('/site')).json()).toMatchObject({ name: 'Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum', url: 'http://localhost:3000/' });
  });

  it('answers bad parameters with a Vietnamese 400 in JSON', async () => {
    for (const url of ['/articles?limit=0', '/articles?limit=1000', '/articles?cursor=xyz', '/articles?cursor=' + Buffer.from('["nope",1]').toString('base64url'), '/articles?from=2022-13-45', '/articles?from=hôm-qua', `/articles/${'x'.repeat(300)}`]) {
      const answer = await get(url);
      expect(answer.statusCode, url).toBe(400);
      expect(answer.json().error.code).toBe('INVALID_INPUT');
    }
    expect((await get('/articles?category=khong-co')).statusCode).toBe(404);
  });

  it('sends ETags with 304, short cache headers and CORS for GET', async () => {
    const first = await get('/articles?limit=3', { origin: 'https://tinh.kontum.gov.vn' });
    expect(first.headers['access-control-allow-origin']).toBe('*');
    expect(first.headers['cache-control']).toBe('public, max-age=60');
    const again = await get('/articles?limit=3', { 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);
    const preflight = await portal.app.inject({ method: 'OPTIONS', url: '/api/v1/articles', headers: { origin: 'https://x.vn', 'access-control-request-method': 'GET' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
    expect((await portal.app.inject({ method: 'POST', url: '/api/v1/articles' })).statusCode).toBe(404);
  });
});
