/**
 * A citizen looks up an administrative procedure in real Chromium: the list grouped by
 * field, a field chosen in the filter form (sent without script), a procedure opened,
 * its form downloaded and the button to the national portal found; axe checks the list,
 * a filtered list and the procedure's page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { minimalPdf } from '../fixtures/media/build.js';
import { operatorScope } from '../../src/modules/accounts/index.js';
import { uploadToLibrary } from '../../src/modules/media/index.js';
import { attachProcedureFile, seedDemoPublicServices } from '../../src/modules/public-services/index.js';
import type { TestPortal } from '../helpers/test-app.js';
import { describeInBrowser, launchChromium, openSession, RESULTS_DIR, servePortal, type Session } from './browser.js';

describeInBrowser('public services in Chromium', () => {
  let browser: Browser;
  let portal: TestPortal;
  let origin: string;
  let session: Session;
  let detailPath: string;

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const [served, launched] = await Promise.all([servePortal(), launchChromium()]);
    portal = served.portal;
    origin = served.origin;
    browser = launched;
    const db = portal.testDb.db.kysely;
    const siteId = portal.fixture.siteId;
    const mediaDir = `${portal.testDb.dataDir}/media`;
    await seedDemoPublicServices(db, { siteId, mediaDir, now: new Date(Date.now() - 60_000) });
    const procedure = await db.selectFrom('procedures').select(['id', 'slug']).where('code', '=', '2.000286').executeTakeFirstOrThrow();
    detailPath = `/thu-tuc-hanh-chinh/${procedure.slug}`;
    const form = await uploadToLibrary(db, mediaDir, operatorScope(siteId), { bytes: minimalPdf('To khai'), originalName: 'Tờ khai đề nghị trợ giúp xã hội.pdf' });
    await attachProcedureFile(db, operatorScope(siteId), { procedureId: procedure.id, mediaId: form.id });
    session = await openSession(browser, { viewport: { width: 1366, height: 900 }, baseURL: origin });
  });

  afterAll(async () => {
    await session?.context.close().catch(() => {});
    await browser?.close();
    await portal?.close();
  });

  it('filters the list by a field and opens a procedure with its documents, form and portal button', async () => {
    const { page } = session;
    await page.goto('/thu-tuc-hanh-chinh');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Thủ tục hành chính');
    expect(await page.getByRole('heading', { level: 2, name: 'Việc làm' }).isVisible()).toBe(true);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'thu-tuc-hanh-chinh-danh-sach.png'), fullPage: true });
    await page.getByLabel('Lĩnh vực').selectOption({ label: 'Bảo trợ xã hội (2)' });
    await page.getByRole('button', { name: 'Tìm thủ tục' }).click();
    await page.waitForURL(/\/thu-tuc-hanh-chinh\?q=&field=bao-tro-xa-hoi/);
    expect(await page.getByRole('status').textContent()).toBe('2 thủ tục hành chính.');
    expect(await page.locator('main').getByRole('heading', { level: 2 }).allTextContents()).toEqual(['Bảo trợ xã hội']);
    await page.getByRole('link', { name: /^Thực hiện, điều chỉnh, thôi hưởng trợ cấp xã hội hằng tháng/ }).click();
    await page.waitForURL((url) => url.pathname === detailPath);
    const button = page.getByRole('link', { name: 'Nộp hồ sơ trực tuyến' });
    expect(await button.isVisible()).toBe(true);
    expect(await button.getAttribute('href')).toBe('https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=2.000286');
    expect(await button.getAttribute('rel')).toBe('noopener');
    const documents = page.getByRole('table', { name: 'Các giấy tờ cần nộp' });
    expect(await documents.getByRole('row').count()).toBe(3);
    expect(await documents.getByRole('rowheader').first().textContent()).toContain('Tờ khai đề nghị trợ giúp xã hội');
    // The form downloads from the site's own media.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tải về Tờ khai đề nghị trợ giúp xã hội.pdf' }).click()]);
    expect(download.suggestedFilename()).toBe('Tờ khai đề nghị trợ giúp xã hội.pdf');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'thu-tuc-hanh-chinh-chi-tiet.png'), fullPage: true });
  });

  it('filters without script', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false, baseURL: origin });
    try {
      const page = await plain.newPage();
      await page.goto('/thu-tuc-hanh-chinh');
      await page.getByLabel('Cấp thực hiện').selectOption('commune');
      await page.getByRole('button', { name: 'Tìm thủ tục' }).click();
      await page.waitForURL(/level=commune/);
      expect(await page.getByRole('status').textContent()).toBe('1 thủ tục hành chính.');
    } finally {
      await plain.close();
    }
  });

  it('has no accessibility violations on the procedure pages', async () => {
    const { page } = session;
    const report: string[] = [];
    for (const url of ['/thu-tuc-hanh-chinh', '/thu-tuc-hanh-chinh?field=nguoi-co-cong', '/thu-tuc-hanh-chinh?level=trung-uong', detailPath]) {
      await page.goto(url);
      // Every rule at every impact, on everything but the shared layout's reading tools, which
      // site.js inserts outside any landmark on every public page (axe 'region'): not this module's markup.
      const result = await new AxeBuilder({ page }).analyze();
      for (const violation of result.violations) {
        report.push(`${url}: ${violation.id} (${violation.impact}) ${violation.help} → ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
      }
    }
    expect(report, report.join('\n')).toEqual([]);
    expect(session.errors.filter((e) => !e.includes('400'))).toEqual([]);
  });
});
