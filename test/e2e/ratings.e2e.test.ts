/**
 * A reader rates an article in real Chromium: with script the form is sent by fetch() and
 * the thanks appear in place (an aria-live status); without script the form posts and the
 * reader lands on the thank-you page with a link back. axe checks the article with the
 * form and the thank-you page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { TestPortal } from '../helpers/test-app.js';
import { describeInBrowser, launchChromium, openSession, RESULTS_DIR, servePortal, type Session } from './browser.js';

describeInBrowser('rating a page in Chromium', () => {
  let browser: Browser;
  let portal: TestPortal;
  let origin: string;
  let articlePath: string;
  const sessions: Session[] = [];
  const ratings = () => portal.testDb.db.kysely.selectFrom('ratings').selectAll().execute();

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    ({ portal, origin } = await servePortal());
    articlePath = `/tin-tuc/thong-bao/${portal.fixture.seedSlug}`;
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const session of sessions) await session.context.close().catch(() => {});
    await browser?.close();
    await portal?.close();
  });

  const open = async (options: { javaScriptEnabled: boolean }) => {
    const session = await openSession(browser, { viewport: { width: 1366, height: 900 }, baseURL: origin, ...options });
    sessions.push(session);
    return session;
  };

  const axeReport = async (page: Page, label: string): Promise<string[]> => {
    const result = await new AxeBuilder({ page }).analyze();
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${label}: ${v.id} (${v.impact}) ${v.help} → ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
  };

  it('rates an article with script: the thanks appear in place and the page stays where it was', async () => {
    const { page, errors } = await open({ javaScriptEnabled: true });
    await page.goto(articlePath);
    const form = page.getByRole('region', { name: 'Thông tin có hữu ích không?' });
    await form.getByLabel(/Góp ý thêm/).fill('Bài viết rõ ràng <b>và</b> đầy đủ.');
    await form.getByRole('button', { name: 'Có', exact: true }).click();
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Cảm ơn bạn đã đánh giá.' }).count()).toBe(1);
    expect(new URL(page.url()).pathname).toBe(articlePath);
    expect(await form.getByRole('button', { name: 'Có', exact: true }).isVisible()).toBe(false);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'danh-gia-js.png') });
    const rows = await ratings();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ page_path: articlePath, is_useful: 1, comment: 'Bài viết rõ ràng <b>và</b> đầy đủ.' });
    expect(errors).toEqual([]);
  });

  it('rates an article without script: the thank-you page, then back to the article', async () => {
    const { page } = await open({ javaScriptEnabled: false });
    await page.goto(articlePath);
    // The honeypot is off screen: a reader never sees it.
    const trap = await page.locator('input[name="website"]').boundingBox();
    expect(trap === null || trap.x + trap.width <= 0).toBe(true);
    await page.getByRole('region', { name: 'Thông tin có hữu ích không?' }).screenshot({ path: path.join(RESULTS_DIR, 'danh-gia-form.png') });
    await page.getByRole('button', { name: 'Không', exact: true }).click();
    await page.waitForURL(/\/danh-gia\/cam-on\?trang=/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Cảm ơn bạn đã đánh giá');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'danh-gia-cam-on.png') });
    await page.getByRole('link', { name: 'Quay lại trang bạn vừa đọc' }).click();
    await page.waitForURL((url) => url.pathname === articlePath);
    // The same address and browser as the first test: the same reader, who changed their mind.
    const rows = await ratings();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ page_path: articlePath, is_useful: 0, comment: '' });
  });

  it('passes axe on the article with the rating form and on the thank-you page', async () => {
    const { page } = await open({ javaScriptEnabled: true });
    await page.goto(articlePath);
    const report = await axeReport(page, articlePath);
    await page.goto(`/danh-gia/cam-on?trang=${encodeURIComponent(articlePath)}`);
    report.push(...(await axeReport(page, '/danh-gia/cam-on')));
    expect(report, report.join('\n')).toEqual([]);
  });
});
