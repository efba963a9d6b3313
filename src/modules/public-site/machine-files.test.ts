import { XMLParser } from 'fast-xml-parser';
import Parser from 'rss-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { SEED_TITLE } from '../../../test/helpers/fixture-site.js';
import { BROWSER_UA, startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { setSiteOrigin } from '../sites/index.js';
import { operatorScope } from '../accounts/index.js';
import { createLegalDocument, ensureDefaultLists, listDocumentListItems } from '../legal-documents/index.js';
import { upsertSearchRecord } from '../search/index.js';
import { renderSitemap, renderSitemapPart } from './machine-files.js';

const ORIGIN = 'https://sldtbxh.kontum.gov.vn';
/** RFC 822 as RSS 2.0 wants it: "Sun, 16 Jan 2022 01:30:00 GMT". */
const RFC_822 = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

describe.each(ENGINES)('feeds, sitemaps and robots.txt on %s', (engine) => {
  let portal: TestPortal;
  const get = (url: string, headers: Record<string, string> = {}) => portal.app.inject({ url, headers: { 'user-agent': BROWSER_UA, ...headers } });

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    await setSiteOrigin(portal.testDb.db.kysely, { origin: ORIGIN });
    await portal.app.services.sites.reload();
    // Pages of other modules, as search knows them: a published document, a draft, and a record pointing into a page.
    const db = portal.testDb.db.kysely;
    const siteId = portal.fixture.siteId;
    await ensureDefaultLists(db, { siteId, now: new Date() });
    const decree = (await listDocumentListItems(db, { siteId, list: 'type' })).find((t) => t.name === 'Nghị định')!.id;
    await createLegalDocument(db, operatorScope(siteId), { number: '20/2021/NĐ-CP', typeId: decree, issuer: 'Chính phủ', issuedOn: '15/03/2021', summary: 'Chính sách trợ giúp xã hội', isPublishing: true });
    await createLegalDocument(db, operatorScope(siteId), { number: '99/2025/NĐ-CP', typeId: decree, issuer: 'Chính phủ', issuedOn: '01/02/2025', summary: 'Bản nháp chưa công bố' });
    await upsertSearchRecord(db, { siteId, type: 'agency', id: 'lanh-dao-1', title: 'Giám đốc Sở', text: '', url: '/lanh-dao#can-bo-1', publishedAt: new Date(Date.now() - 60_000).toISOString(), categoryId: null, language: 'vi', attachments: [] });
  });
  afterAll(async () => portal.close());

  it('serves an RSS 2.0 feed of the site that a real parser reads, with absolute links from the stored origin', async () => {
    const answer = await get('/rss.xml', { host: 'forged.example' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    const feed = await new Parser().parseString(answer.body);
    expect(feed.title).toBe('Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum');
    expect(feed.items.length).toBeGreaterThan(5);
    expect(feed.items.map((i) => i.title)).toContain(SEED_TITLE);
    expect(feed.items.map((i) => i.title)).not.toContain('Bản nháp chưa duyệt');
    for (const item of feed.items) {
      expect(item.link!.startsWith(`${ORIGIN}/`)).toBe(true);
      expect(item.pubDate).toMatch(RFC_822);
    }
    expect(answer.body).not.toContain('forged.example');
  });

  it('serves a feed per category, linked from the category page, and 404 for unknown ones', async () => {
    const feed = await new Parser().parseString((await get('/rss/tin-tuc/thong-bao.xml')).body);
    expect(feed.title).toBe('Thông báo - Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum');
    expect(feed.items.every((i) => i.link!.startsWith(`${ORIGIN}/tin-tuc/thong-bao/`))).toBe(true);
    const page = await get('/tin-tuc/thong-bao');
    expect(page.body).toContain('<link rel="alternate" type="application/rss+xml" title="Thông báo" href="/rss/tin-tuc/thong-bao.xml"/>');
    expect((await get('/rss/khong-co.xml')).statusCode).toBe(404);
    expect((await get('/rss/Tin-Tuc.xml')).headers.location).toBe('/rss/tin-tuc.xml');
    for (const url of ['/rss/', '/rss/..%2Fadmin.xml', '/rss/tin-tuc', '/rss//tin-tuc.xml', '/rss/tin tuc.xml']) expect([301, 400, 404], url).toContain((await get(url)).statusCode);
  });

  it('does not count feed and sitemap fetches as visits, and answers them with ETag and 304', async () => {
    // A new reader (own address) fetching only machine files leaves the visit counter where it was.
    const visitsOnPage = async () => Number(/visit-counter__number">([\d.]+)</.exec((await get('/', { 'x-forwarded-for': '198.51.100.1' })).body)![1]!.replace(/\./g, ''));
    const before = await visitsOnPage();
    for (const url of ['/rss.xml', '/sitemap.xml', '/robots.txt', '/rss/tin-tuc.xml']) await portal.app.inject({ url, remoteAddress: '203.0.113.50', headers: { 'user-agent': BROWSER_UA } });
    expect(await visitsOnPage()).toBe(before);
    const first = await get('/rss.xml');
    const again = await get('/rss.xml', { 'if-none-match': first.headers.etag as string });
    expect(again.statusCode).toBe(304);
  });

  it('lists every public page in a sitemap that follows the protocol, and nothing else', async () => {
    const answer = await get('/sitemap.xml');
    expect(answer.headers['content-type']).toBe('application/xml; charset=utf-8');
    const xml = new XMLParser().parse(answer.body);
    const urls = ([] as { loc: string; lastmod?: string }[]).concat(xml.urlset.url);
    const locs = urls.map((u) => u.loc);
    expect(locs).toContain(`${ORIGIN}/`);
    expect(locs).toContain(`${ORIGIN}/tin-tuc/thong-bao`);
    expect(locs.some((loc) => loc.endsWith('/hoi-nghi-trien-khai-nhiem-vu-cong-tac-lao-dong-nguoi-co-cong-va-xa-hoi-nam-2022'))).toBe(true);
    expect(locs.some((loc) => loc.includes('ban-nhap'))).toBe(false);
    // Other modules' published pages too, never a draft nor a place inside another page.
    expect(locs).toContain(`${ORIGIN}/van-ban/20-2021-nd-cp`);
    expect(locs.some((loc) => loc.includes('99-2025'))).toBe(false);
    expect(locs.some((loc) => loc.includes('#'))).toBe(false);
    expect(new Set(locs).size).toBe(locs.length);
    for (const url of urls) {
      expect(url.loc.startsWith(`${ORIGIN}/`)).toBe(true);
      if (url.lastmod) expect(url.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    }
    expect(answer.body.length).toBeLessThan(50 * 1024 * 1024);
  });

  it('becomes a sitemap index with parts beyond the per-file limit, every URL in exactly one part', async () => {
    const site = portal.app.services.sites.resolve(undefined)!;
    const ctx = { db: portal.testDb.db.kysely, site, now: new Date(), assets: { css: '', js: '', emblem: '' } };
    const whole = new XMLParser().parse((await renderSitemap(ctx)).kind === 'page' ? ((await renderSitemap(ctx)) as { html: string }).html : '');
    const all = ([] as { loc: string }[]).concat(whole.urlset.url).map((u) => u.loc);
    const index = await renderSitemap(ctx, 10);
    const parsed = new XMLParser().parse((index as { html: string }).html);
    const parts = ([] as { loc: string }[]).concat(parsed.sitemapindex.sitemap).map((s) => s.loc);
    expect(parts).toEqual(Array.from({ length: Math.ceil(all.length / 10) }, (_, i) => `${ORIGIN}/sitemap-${i + 1}.xml`));
    const seen: string[] = [];
    for (let part = 1; part <= parts.length; part++) {
      const xml = new XMLParser().parse(((await renderSitemapPart(ctx, part, 10)) as { html: string }).html);
      const locs = ([] as { loc: string }[]).concat(xml.urlset.url).map((u) => u.loc);
      expect(locs.length).toBeLessThanOrEqual(10);
      seen.push(...locs);
    }
    expect(seen).toEqual(all);
    await expect(renderSitemapPart(ctx, parts.length + 1, 10)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const url of ['/sitemap-1.xml', '/sitemap-0.xml', '/sitemap-01.xml', '/sitemap-x.xml', '/sitemap-1.xml.gz']) expect((await get(url)).statusCode, url).toBe(404);
  });

  it('points crawlers at the sitemap and keeps them out of the staff side', async () => {
    const answer = await get('/robots.txt');
    expect(answer.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(answer.body).toContain('Disallow: /admin\n');
    expect(answer.body).toContain(`Sitemap: ${ORIGIN}/sitemap.xml\n`);
  });
});

describe.each(ENGINES)('page metadata on %s', (engine) => {
  let portal: TestPortal;
  beforeAll(async () => {
    portal = await startTestPortal(engine);
  });
  afterAll(async () => portal.close());

  const jsonLdOf = (html: string) => [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)].map((m) => JSON.parse(m[1]!) as Record<string, unknown>);

  it('gives an article Open Graph, Twitter, Dublin Core and JSON-LD (NewsArticle and BreadcrumbList) that parse', async () => {
    const html = (await portal.app.inject({ url: '/tin-tuc/thong-bao/hoi-nghi-trien-khai-nhiem-vu-cong-tac-lao-dong-nguoi-co-cong-va-xa-hoi-nam-2022' })).body;
    for (const tag of ['property="og:type" content="article"', 'property="og:image" content="http://localhost:3000/media/', 'name="twitter:card" content="summary_large_image"', 'name="DC.language" content="vi"', 'name="DC.date" content="2022-01-16"']) expect(html).toContain(tag);
    const blocks = jsonLdOf(html);
    expect(blocks.map((b) => b['@type'])).toEqual(['NewsArticle', 'BreadcrumbList']);
    expect(blocks[0]).toMatchObject({ headline: SEED_TITLE, datePublished: '2022-01-16T01:30:00.000Z', author: { name: 'Lê Thương' } });
    expect((blocks[1]!.itemListElement as unknown[]).length).toBe(4);
    const home = jsonLdOf((await portal.app.inject({ url: '/' })).body);
    expect(home.map((b) => b['@type'])).toEqual(['WebSite', 'GovernmentOrganization']);
  });

  it('keeps a title that tries to close the JSON-LD block inside it', async () => {
    const { createArticle } = await import('../articles/index.js');
    const title = 'Thông báo </script><script>alert(1)</script> mới';
    await createArticle(portal.testDb.db.kysely, { siteId: portal.fixture.siteId, categoryId: portal.fixture.categories.announcements.id, title, slug: 'thong-bao-thu-json-ld', lead: 'Tóm tắt', status: 'published', publishedAt: new Date() });
    const html = (await portal.app.inject({ url: '/tin-tuc/thong-bao/thong-bao-thu-json-ld' })).body;
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(jsonLdOf(html)[0]!.headline).toBe(title);
  });
});
