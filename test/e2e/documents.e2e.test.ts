/**
 * A citizen looks up a legal document in real Chromium: by its number from the header's
 * search box, then on the registry's own pages; axe checks every registry page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { operatorScope } from '../../src/modules/accounts/index.js';
import { createLegalDocument, ensureDefaultLists, listDocumentListItems, markDocumentReplaced } from '../../src/modules/legal-documents/index.js';
import type { TestPortal } from '../helpers/test-app.js';
import { describeInBrowser, launchChromium, openSession, RESULTS_DIR, servePortal, type Session } from './browser.js';

describeInBrowser('legal documents in Chromium', () => {
  let browser: Browser;
  let portal: TestPortal;
  let origin: string;
  let session: Session;

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const [served, launched] = await Promise.all([servePortal(), launchChromium()]);
    portal = served.portal;
    origin = served.origin;
    browser = launched;
    const db = portal.testDb.db.kysely;
    const siteId = portal.fixture.siteId;
    const scope = operatorScope(siteId);
    await ensureDefaultLists(db, { siteId, now: new Date() });
    const types = new Map((await listDocumentListItems(db, { siteId, list: 'type' })).map((t) => [t.name, t.id]));
    const create = (number: string, issuedOn: string, summary: string, extra = {}) => createLegalDocument(db, scope, { number, issuedOn, summary, typeId: types.get('Nghị định'), issuer: 'Chính phủ', isPublishing: true, ...extra });
    const old = await create('136/2013/NĐ-CP', '21/10/2013', 'Quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội');
    const current = await create('20/2021/NĐ-CP', '15/03/2021', 'Quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội', { bodyHtml: '<p>Nghị định này thay thế Nghị định số 136/2013/NĐ-CP.</p>' });
    await markDocumentReplaced(db, scope, { documentId: old.id, replacedById: current.id });
    await create('21/2021/NĐ-CP', '19/03/2021', 'Quy định thi hành Luật Bảo vệ môi trường về bảo vệ môi trường làng nghề');
    session = await openSession(browser, { viewport: { width: 1366, height: 900 }, baseURL: origin });
  });

  afterAll(async () => {
    await session?.context.close().catch(() => {});
    await browser?.close();
    await portal?.close();
  });

  it('finds a decree typed without diacritics from the header search box and opens it', async () => {
    const { page } = session;
    await page.goto('/');
    const box = page.getByRole('searchbox', { name: 'Tìm kiếm trên trang' });
    await box.fill('20/2021/ND-CP');
    await box.press('Enter');
    await page.waitForURL(/\/tim-kiem\?q=20%2F2021%2FND-CP$/);
    const first = page.locator('.search-hit').first();
    expect(await first.locator('.search-hit__type').textContent()).toBe('Văn bản');
    await first.getByRole('link').first().click();
    await page.waitForURL(/\/van-ban\/20-2021-nd-cp$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('20/2021/NĐ-CP');
    // The decree it replaced is cited in its text: the link says it was replaced.
    const citation = page.locator('a.citation');
    expect(await citation.getAttribute('href')).toBe('/van-ban/136-2013-nd-cp');
    expect(await citation.textContent()).toContain('đã bị thay thế');
    await citation.click();
    await page.waitForURL(/\/van-ban\/136-2013-nd-cp$/);
    expect(await page.getByRole('note').textContent()).toContain('đã bị thay thế bởi');
  });

  it('filters the registry from its form without script', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false, baseURL: origin });
    try {
      const page = await plain.newPage();
      await page.goto('/van-ban');
      await page.getByLabel('Tình trạng').selectOption('replaced');
      await page.getByRole('button', { name: 'Tìm văn bản' }).click();
      await page.waitForURL(/status=replaced/);
      expect(await page.locator('.documents-table tbody tr').count()).toBe(1);
      expect(await page.locator('.documents-table tbody th a').textContent()).toBe('136/2013/NĐ-CP');
    } finally {
      await plain.close();
    }
  });

  it('has no serious or critical accessibility violations on the registry pages', async () => {
    const { page } = session;
    const report: string[] = [];
    for (const url of ['/van-ban', '/van-ban?q=20%2F2021', '/van-ban/20-2021-nd-cp', '/van-ban/136-2013-nd-cp', '/ke-hoach-chuong-trinh', '/bao-cao-thong-ke', '/cong-khai-ngan-sach']) {
      await page.goto(url);
      const result = await new AxeBuilder({ page }).analyze();
      for (const violation of result.violations) {
        if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
        report.push(`${url}: ${violation.id} (${violation.impact}) ${violation.help} → ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
      }
    }
    expect(report, report.join('\n')).toEqual([]);
    await page.goto('/van-ban/20-2021-nd-cp');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'van-ban-desktop.png'), fullPage: true });
    expect(session.errors).toEqual([]);
  });
});
