/**
 * A citizen reads an indicator in real Chromium: the list, then an indicator's page with
 * its SVG chart (drawn on the server, shown without script) and its table; axe checks
 * every indicator page. The indicator pages are registered here when app.ts does not
 * (yet) register them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoIndicators } from '../../src/modules/indicators/index.js';
import { startTestPortal, type TestPortal } from '../helpers/test-app.js';
import { describeInBrowser, launchChromium, openSession, RESULTS_DIR, type Session } from './browser.js';

describeInBrowser('indicators in Chromium', () => {
  let browser: Browser;
  let portal: TestPortal;
  let origin: string;
  let session: Session;

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    // 1. The fixture portal, serving on a loopback port.
    portal = await startTestPortal('sqlite');
    await seedDemoIndicators(portal.testDb.db.kysely, portal.fixture.siteId, new Date(Date.now() - 60_000));
    await portal.app.listen({ port: 0, host: '127.0.0.1' });
    const address = portal.app.server.address();
    if (!address || typeof address === 'string') throw new Error(`unexpected server address: ${String(address)}`);
    origin = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
    session = await openSession(browser, { viewport: { width: 1366, height: 900 }, baseURL: origin });
  });

  afterAll(async () => {
    await session?.context.close().catch(() => {});
    await browser?.close();
    await portal?.close();
  });

  it('opens an indicator from the list and shows its chart and the table holding 114,35%', async () => {
    const { page } = session;
    await page.goto('/chi-tieu');
    await page.getByRole('link', { name: 'Giải quyết việc làm cho người lao động' }).click();
    await page.waitForURL(/\/chi-tieu\/giai-quyet-viec-lam$/);
    const chart = page.getByRole('img', { name: /Biểu đồ cột: Giải quyết việc làm cho người lao động/ });
    expect(await chart.isVisible()).toBe(true);
    const box = await chart.boundingBox();
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.height).toBeGreaterThan(200);
    // The chart is described by the table, which holds the same numbers.
    expect(await chart.getAttribute('aria-describedby')).toContain('bang-so-lieu');
    const table = page.locator('#bang-so-lieu');
    const row2021 = table.getByRole('row', { name: /Năm 2021/ });
    expect(await row2021.textContent()).toContain('114,35%');
    expect(await row2021.textContent()).toContain('6.518');
    expect(await page.getByRole('link', { name: 'Tải về dạng CSV' }).getAttribute('href')).toBe('/chi-tieu/giai-quyet-viec-lam.csv');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'chi-tieu-desktop.png'), fullPage: true });
  });

  it('draws the chart without script', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false, baseURL: origin });
    try {
      const page = await plain.newPage();
      await page.goto('/chi-tieu/giai-quyet-viec-lam-theo-huyen');
      const charts = page.locator('svg[role="img"]');
      expect(await charts.count()).toBe(1);
      expect(await charts.first().isVisible()).toBe(true);
      expect(await charts.first().getAttribute('aria-label')).toBeNull();
      expect(await page.locator('svg[role="img"] > title').textContent()).toBe('Biểu đồ cột: Giải quyết việc làm theo huyện, thành phố (người) theo địa bàn, năm 2021');
      expect(await page.locator('#bang-so-lieu').textContent()).toContain('Huyện Ia H’Drai');
    } finally {
      await plain.close();
    }
  });

  it('prints every chart whole on an A4 page', async () => {
    // 2. A4 portrait less the print margins (210 − 2 × 16 mm) is about 673 CSS pixels wide.
    const paper = await browser.newContext({ viewport: { width: 673, height: 950 }, baseURL: origin });
    try {
      const page = await paper.newPage();
      await page.emulateMedia({ media: 'print' });
      for (const url of ['/chi-tieu/giai-quyet-viec-lam', '/chi-tieu/giai-quyet-viec-lam-theo-huyen', '/chi-tieu/nguoi-tham-gia-bao-hiem-that-nghiep']) {
        await page.goto(url);
        const drawings = page.locator('.indicator-chart__drawing');
        for (let i = 0; i < (await drawings.count()); i++) {
          const drawing = drawings.nth(i);
          expect(await drawing.locator('svg').isVisible(), url).toBe(true);
          const fits = await drawing.evaluate((element) => element.scrollWidth <= element.clientWidth);
          expect(fits, `${url}: chart ${i + 1} is cut off in print`).toBe(true);
        }
      }
      await page.goto('/chi-tieu/giai-quyet-viec-lam-theo-huyen');
      await page.screenshot({ path: path.join(RESULTS_DIR, 'chi-tieu-in.png'), fullPage: true });
      await page.pdf({ path: path.join(RESULTS_DIR, 'chi-tieu-in.pdf'), format: 'A4', margin: { top: '18mm', bottom: '18mm', left: '16mm', right: '16mm' } });
    } finally {
      await paper.close();
    }
  });

  it('has no serious or critical accessibility violations on the indicator pages', async () => {
    const { page } = session;
    const report: string[] = [];
    for (const url of ['/chi-tieu', '/chi-tieu?kind=quarter', '/chi-tieu/giai-quyet-viec-lam', '/chi-tieu/giai-quyet-viec-lam-theo-huyen', '/chi-tieu/nguoi-tham-gia-bao-hiem-that-nghiep']) {
      await page.goto(url);
      const result = await new AxeBuilder({ page }).analyze();
      for (const violation of result.violations) {
        if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
        report.push(`${url}: ${violation.id} (${violation.impact}) ${violation.help} → ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
      }
    }
    expect(report, report.join('\n')).toEqual([]);
    expect(session.errors).toEqual([]);
  });
});
