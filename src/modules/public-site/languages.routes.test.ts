import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { SEED_TITLE } from '../../../test/helpers/fixture-site.js';
import { BROWSER_UA, startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { createArticle } from '../articles/index.js';
import { changeSiteContent } from '../sites/index.js';

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ');
const ORIGIN = 'http://localhost:3000';

describe.each(ENGINES)('English pages on %s', (engine) => {
  let portal: TestPortal;
  let seedUrl: string;
  let englishSlug: string;
  let englishOnlySlug: string;

  const get = (url: string) => portal.app.inject({ method: 'GET', url, headers: { 'user-agent': BROWSER_UA } });

  /** Turns the site's languages to `languages` as an admin would, and lets the app see it. */
  async function setLanguages(languages: string): Promise<void> {
    const { db } = portal.testDb;
    await changeSiteContent(db.kysely, portal.fixture.siteId, (trx) => trx.updateTable('sites').set({ languages }).where('id', '=', portal.fixture.siteId).execute());
    await portal.app.services.sites.reload();
    portal.app.services.pages.invalidateSite(portal.fixture.siteId);
  }

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    const { db } = portal.testDb;
    const { siteId, categories } = portal.fixture;
    seedUrl = `/tin-tuc/thong-bao/${portal.fixture.seedSlug}`;
    await db.kysely.updateTable('categories').set({ name_en: 'News' }).where('id', '=', categories.news.id).execute();
    await db.kysely.updateTable('categories').set({ name_en: 'Announcements' }).where('id', '=', categories.announcements.id).execute();
    const seed = await db.kysely.selectFrom('articles').select('id').where('slug', '=', portal.fixture.seedSlug).executeTakeFirstOrThrow();
    const translation = await createArticle(db.kysely, {
      siteId,
      categoryId: categories.announcements.id,
      title: 'Conference on the 2022 tasks of labour, people with merit and social affairs',
      lead: 'On 13 January 2022 the Department reviewed 2021 and set its tasks for 2022.',
      bodyHtml: '<p>In 2021 the sector found jobs for 6,518 people.</p>',
      status: 'published',
      isFeatured: true,
      publishedAt: new Date('2022-01-17T01:30:00Z'),
      language: 'en',
      translationOf: seed.id,
    });
    englishSlug = translation.slug;
    const englishOnly = await createArticle(db.kysely, { siteId, categoryId: categories.office.id, title: 'Contacts of the Department Office', lead: 'Phones and e-mail.', bodyHtml: '<p>Call us.</p>', status: 'published', publishedAt: new Date('2022-02-01T01:00:00Z'), language: 'en' });
    englishOnlySlug = englishOnly.slug;
    await setLanguages('vi,en');
  });
  afterAll(async () => portal?.close());

  it('renders the English home in English, with lang="en" and hreflang links', async () => {
    const response = await get('/en');
    expect(response.statusCode).toBe(200);
    const html = response.body;
    expect(html).toMatch(/^<!doctype html><html lang="en">/);
    expect(html).toContain('<meta property="og:locale" content="en_US"/>');
    expect(html).toContain('<meta name="DC.language" content="en"/>');
    expect(html).toContain('Skip to main content');
    expect(html).toContain('Search this site');
    expect(text(html)).toContain('Visits');
    expect(html).toContain('Conference on the 2022 tasks');
    expect(html).not.toContain(SEED_TITLE);
    expect(html).not.toContain('Thông báo số 24');
    // English category names and URLs
    expect(html).toContain('href="/en/tin-tuc/thong-bao"');
    expect(text(html)).toContain('Announcements');
    // hreflang: itself, the Vietnamese home, x-default
    expect(html).toContain(`<link rel="alternate" hreflang="en" href="${ORIGIN}/en"/>`);
    expect(html).toContain(`<link rel="alternate" hreflang="vi" href="${ORIGIN}/"/>`);
    expect(html).toContain(`<link rel="alternate" hreflang="x-default" href="${ORIGIN}/"/>`);
    // the switcher goes to the Vietnamese home
    expect(html).toMatch(/<a class="language-switch" href="\/" hreflang="vi" lang="vi"[^>]*>Tiếng Việt<\/a>/);
  });

  it('has one spelling of the English home: /en/ redirects to /en', async () => {
    const response = await get('/en/');
    expect(response.statusCode).toBe(301);
    expect(response.headers.location).toBe('/en');
  });

  it('shows the Vietnamese home with a switcher to English and hreflang links', async () => {
    const html = (await get('/')).body;
    expect(html).toMatch(/^<!doctype html><html lang="vi">/);
    expect(html).toMatch(/<a class="language-switch" href="\/en" hreflang="en" lang="en"[^>]*>English<\/a>/);
    expect(html).toContain(`<link rel="alternate" hreflang="en" href="${ORIGIN}/en"/>`);
    expect(html).toContain(`<link rel="alternate" hreflang="x-default" href="${ORIGIN}/"/>`);
  });

  it('switches between an article and its translation, both ways', async () => {
    const english = await get(`/en/tin-tuc/thong-bao/${englishSlug}`);
    expect(english.statusCode).toBe(200);
    expect(english.body).toMatch(/<html lang="en">/);
    expect(english.body).toContain(`<a class="language-switch" href="${seedUrl}"`);
    expect(english.body).toContain(`<link rel="alternate" hreflang="vi" href="${ORIGIN}${seedUrl}"/>`);
    expect(english.body).toContain(`<link rel="alternate" hreflang="x-default" href="${ORIGIN}${seedUrl}"/>`);
    expect(text(english.body)).toContain('You are here: Home');
    expect(text(english.body)).toContain('Posted by:');
    const vietnamese = (await get(seedUrl)).body;
    expect(vietnamese).toContain(`<a class="language-switch" href="/en/tin-tuc/thong-bao/${englishSlug}"`);
    expect(vietnamese).toContain(`<link rel="alternate" hreflang="en" href="${ORIGIN}/en/tin-tuc/thong-bao/${englishSlug}"/>`);
  });

  it('sends the switcher of an article without translation to the other home, with no hreflang links', async () => {
    const html = (await get(`/en/gioi-thieu/van-phong-so/${englishOnlySlug}`)).body;
    expect(html).toContain('<a class="language-switch" href="/"');
    expect(html).not.toContain('hreflang="vi" href=');
    expect(html).not.toContain('hreflang="x-default"');
  });

  it('never lists English articles on Vietnamese pages, nor the reverse', async () => {
    for (const url of ['/', '/tin-tuc', '/tin-tuc/thong-bao', '/gioi-thieu', seedUrl, '/luu-tru', '/luu-tru/2022/01', '/rss.xml', '/sitemap.xml']) {
      const body = (await get(url)).body;
      expect(body, url).not.toContain('Conference on the 2022 tasks');
      expect(body, url).not.toContain('Contacts of the Department Office');
    }
    for (const url of ['/en', '/en/tin-tuc', '/en/tin-tuc/thong-bao', '/en/gioi-thieu', `/en/tin-tuc/thong-bao/${englishSlug}`]) {
      const body = (await get(url)).body;
      expect(body, url).not.toContain(SEED_TITLE);
      expect(body, url).not.toContain('Thông báo số');
      expect(body, url).not.toContain('Thăm và tặng quà');
    }
    expect(text((await get('/en/gioi-thieu')).body)).toContain('Contacts of the Department Office');
  });

  it('finds an article only at the URL of its own language', async () => {
    expect((await get(`/tin-tuc/thong-bao/${englishSlug}`)).statusCode).toBe(404);
    expect((await get(`/en${seedUrl}`)).statusCode).toBe(404);
  });

  it('names categories in English, falling back to the Vietnamese name', async () => {
    const html = (await get('/en/tin-tuc/thong-bao')).body;
    expect(html).toMatch(/<h1 class="section-title" id="tieu-de">Announcements<\/h1>/);
    expect(html).toContain(`<link rel="alternate" hreflang="vi" href="${ORIGIN}/tin-tuc/thong-bao"/>`);
    expect(html).toContain('<a class="language-switch" href="/tin-tuc/thong-bao"');
    const intro = (await get('/en/gioi-thieu')).body;
    expect(intro).toMatch(/<h1 class="section-title" id="tieu-de">Giới thiệu<\/h1>/);
  });

  it('lists the English pages in their own sitemap, named in robots.txt', async () => {
    const sitemap = (await get('/en/sitemap.xml')).body;
    expect(sitemap).toContain(`<loc>${ORIGIN}/en</loc>`);
    expect(sitemap).toContain(`<loc>${ORIGIN}/en/tin-tuc/thong-bao/${englishSlug}</loc>`);
    expect(sitemap).not.toContain(portal.fixture.seedSlug);
    expect((await get('/sitemap.xml')).body).not.toContain(englishSlug);
    const robots = (await get('/robots.txt')).body;
    expect(robots).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
    expect(robots).toContain(`Sitemap: ${ORIGIN}/en/sitemap.xml`);
  });

  it('has an English feed of English articles', async () => {
    const response = await get('/en/rss.xml');
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('<language>en</language>');
    expect(response.body).toContain(`<link>${ORIGIN}/en/tin-tuc/thong-bao/${englishSlug}</link>`);
    expect(response.body).not.toContain(portal.fixture.seedSlug);
    expect((await get('/rss.xml')).body).not.toContain(englishSlug);
    expect((await get('/en')).body).toContain('<link rel="alternate" type="application/rss+xml" title="Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum" href="/en/rss.xml"/>');
  });

  it('serves English articles over the public API only when asked, with their /en URLs, and finds them in search as English', async () => {
    const vietnamese = (await get('/api/v1/articles?limit=50')).json().items.map((a: { slug: string }) => a.slug);
    expect(vietnamese).not.toContain(englishSlug);
    const english = (await get('/api/v1/articles?language=en')).json().items;
    expect(english.find((a: { slug: string }) => a.slug === englishSlug)).toMatchObject({ language: 'en', url: `http://localhost:3000/en/tin-tuc/thong-bao/${englishSlug}` });
    expect((await get(`/api/v1/articles/${englishSlug}?language=en`)).statusCode).toBe(200);
    expect((await get(`/api/v1/articles/${englishSlug}`)).statusCode).toBe(404);
    const found = (await get('/api/v1/search?q=contacts+department+office&language=en')).json().items;
    expect(found[0]).toMatchObject({ language: 'en', url: `http://localhost:3000/en/gioi-thieu/van-phong-so/${englishOnlySlug}` });
    // The Vietnamese search page finds Vietnamese content only; the English one, English content, in English.
    expect((await get('/tim-kiem?q=contacts+department+office')).body).toContain('Không tìm thấy kết quả nào');
    const englishSearch = await get('/en/tim-kiem?q=contacts+department+office');
    expect(englishSearch.statusCode).toBe(200);
    expect(englishSearch.body).toContain('<html lang="en">');
    expect(englishSearch.body).toContain('1 result for &quot;contacts department office&quot;.');
    expect(englishSearch.body).toContain('<span class="breadcrumb__label">You are here:</span>');
    expect(englishSearch.body).toContain(`href="/en/gioi-thieu/van-phong-so/${englishOnlySlug}"`);
    expect(englishSearch.body).toMatch(/<form class="site-search" role="search" action="\/en\/tim-kiem"/);
    expect(englishSearch.body).toContain('hreflang="vi" href="http://localhost:3000/tim-kiem"');
    const refused = await get('/en/tim-kiem?q=%22&from=2026-02-31');
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('The start date is not valid.');
  });

  it('answers unknown English pages with an English 404', async () => {
    const response = await get('/en/khong-co-trang-nay');
    expect(response.statusCode).toBe(404);
    expect(response.body).toMatch(/<html lang="en">/);
    expect(response.body).toContain('Page not found');
  });

  it('answers 404 under /en/ and shows no switcher when the site has no English', async () => {
    await setLanguages('vi');
    try {
      for (const url of ['/en', `/en/tin-tuc/thong-bao/${englishSlug}`, '/en/tin-tuc', '/en/sitemap.xml', '/en/rss.xml']) expect((await get(url)).statusCode, url).toBe(404);
      expect((await get('/robots.txt')).body).not.toContain('/en/sitemap.xml');
      const home = (await get('/')).body;
      expect(home).not.toContain('language-switch');
      expect(home).not.toContain('hreflang=');
    } finally {
      await setLanguages('vi,en');
    }
  });
});
