/**
 * The English pages (/en/) in real Chromium: no serious accessibility violations on the
 * English home, a category and an article; the header's language switch is a plain link
 * a keyboard reaches, and it lands on the article's translation.
 */
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle } from '../../src/modules/articles/index.js';
import { changeSiteContent } from '../../src/modules/sites/index.js';
import type { TestPortal } from '../helpers/test-app.js';
import { describeInBrowser, launchChromium, openSession, servePortal, type Session } from './browser.js';

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };

describeInBrowser('English pages in Chromium', () => {
  let browser: Browser;
  let portal: TestPortal;
  let origin: string;
  let session: Session | undefined;
  let englishUrl: string;
  let seedUrl: string;

  beforeAll(async () => {
    const [served, launched] = await Promise.all([servePortal(), launchChromium()]);
    portal = served.portal;
    origin = served.origin;
    browser = launched;
    // 1. English on, an English name for the categories, and a translation of the seed article.
    const db = portal.testDb.db.kysely;
    const { siteId, categories, seedSlug } = portal.fixture;
    await db.updateTable('categories').set({ name_en: 'News' }).where('id', '=', categories.news.id).execute();
    await db.updateTable('categories').set({ name_en: 'Announcements' }).where('id', '=', categories.announcements.id).execute();
    const seed = await db.selectFrom('articles').select('id').where('slug', '=', seedSlug).executeTakeFirstOrThrow();
    const translation = await createArticle(db, {
      siteId,
      categoryId: categories.announcements.id,
      title: 'Conference on the 2022 tasks of labour, people with merit and social affairs',
      lead: 'On 13 January 2022 the Department reviewed 2021 and set its tasks for 2022.',
      bodyHtml: '<p>In 2021 the sector found jobs for 6,518 people, 114.35% of the plan.</p><h2>Results</h2><p>Vocational training reached 55.7% of workers.</p>',
      byline: 'Text and photos: Lê Thương',
      status: 'published',
      isFeatured: true,
      publishedAt: new Date('2022-01-17T01:30:00Z'),
      language: 'en',
      translationOf: seed.id,
    });
    await changeSiteContent(db, siteId, (trx) => trx.updateTable('sites').set({ languages: 'vi,en' }).where('id', '=', siteId).execute());
    await portal.app.services.sites.reload();
    portal.app.services.pages.invalidateSite(siteId);
    englishUrl = `/en/tin-tuc/thong-bao/${translation.slug}`;
    seedUrl = `/tin-tuc/thong-bao/${seedSlug}`;
  });

  afterAll(async () => {
    await session?.context.close().catch(() => {});
    await browser?.close();
    await portal?.close();
  });

  async function reader() {
    session ??= await openSession(browser, { viewport: DESKTOP, baseURL: origin, locale: 'en-GB' });
    await session.page.setViewportSize(DESKTOP);
    return session.page;
  }

  it('has no serious or critical accessibility violations on the English home, category, article and search', async () => {
    const page = await reader();
    const report: string[] = [];
    for (const url of ['/en', '/en/tin-tuc/thong-bao', englishUrl, '/en/tim-kiem?q=conference', '/en/tim-kiem?q=nothing+like+this']) {
      await page.goto(url);
      await expect.poll(() => page.locator('html').getAttribute('class')).toContain('has-js');
      expect(await page.locator('html').getAttribute('lang'), url).toBe('en');
      const result = await new AxeBuilder({ page }).analyze();
      for (const violation of result.violations) {
        if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
        report.push(`${url}: ${violation.id} (${violation.impact}) ${violation.help} → ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
      }
    }
    expect(report, report.join('\n')).toEqual([]);
  });

  it('switches from the English article to its Vietnamese version and back, from the keyboard', async () => {
    const page = await reader();
    await page.goto(englishUrl);
    const toVietnamese = page.getByRole('link', { name: 'Tiếng Việt' });
    await toVietnamese.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${origin}${seedUrl}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi');
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(`${origin}${englishUrl}`);
    expect(await page.locator('h1').first().textContent()).toContain('Conference on the 2022 tasks');
  });

  it('fits a phone screen with the switch in the header', async () => {
    const page = await reader();
    await page.setViewportSize(PHONE);
    await page.goto(englishUrl);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    expect(await page.locator('.language-switch').isVisible()).toBe(true);
  });

  it('logs no errors and never leaves the test server', () => {
    const outside = (session?.requests ?? []).filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);
    expect(outside).toEqual([]);
    expect(session?.errors).toEqual([]);
  });
});
