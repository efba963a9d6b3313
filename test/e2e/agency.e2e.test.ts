/**
 * A citizen reads the agency's pages in real Chromium: the org chart shows the tree (the
 * board on top, its units in columns by kind, a centre's own unit under it), a box opens
 * its unit's page; the leaders' photos load; axe finds no violation on any agency page,
 * Vietnamese or English. A chief editor adds a unit through the staff form (both rich-text
 * editors loaded) and publishes it into the chart. Screenshots go to test-results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoAgency } from '../../src/modules/agency/index.js';
import { changeSiteContent } from '../../src/modules/sites/index.js';
import { STAFF_PASSWORD, addStaff } from '../helpers/staff.js';
import { startTestPortal, type TestPortal } from '../helpers/test-app.js';
import { describeInBrowser, launchChromium, loadVisibleImages, openSession, RESULTS_DIR, type Session } from './browser.js';

describeInBrowser('agency information in Chromium', () => {
  let browser: Browser;
  let portal: TestPortal;
  let origin: string;
  let session: Session;

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    // 1. The fixture portal with the demo agency and English pages, serving on a loopback port.
    portal = await startTestPortal('sqlite', { env: { CONG_2FA_REQUIRED_ROLES: 'none' } });
    const { siteId } = portal.fixture;
    const db = portal.testDb.db.kysely;
    await addStaff(db, siteId, 'chief_editor');
    await seedDemoAgency(db, { siteId, mediaDir: `${portal.testDb.dataDir}/media`, now: new Date(Date.now() - 60_000) });
    await changeSiteContent(db, siteId, (trx) => trx.updateTable('sites').set({ languages: 'vi,en', english_name: 'Kon Tum Department of Labour, Invalids and Social Affairs' }).where('id', '=', siteId).execute());
    await portal.app.services.sites.reload();
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

  it('draws the org chart as a tree and opens a unit from its box', async () => {
    const { page } = session;
    await page.goto('/co-cau-to-chuc');
    const chart = page.getByRole('group', { name: 'Sơ đồ tổ chức' });
    expect(await chart.isVisible()).toBe(true);
    // 2. The board sits above its units, which stand side by side in columns by kind.
    const board = chart.getByRole('link', { name: 'Ban Giám đốc Sở' });
    const office = chart.getByRole('link', { name: 'Văn phòng Sở' });
    const division = chart.getByRole('link', { name: 'Phòng Người có công' });
    const centre = chart.getByRole('link', { name: 'Trung tâm Dịch vụ việc làm' });
    const [boardBox, officeBox, divisionBox, centreBox] = await Promise.all([board, office, division, centre].map((box) => box.boundingBox()));
    expect(boardBox!.y + boardBox!.height).toBeLessThan(officeBox!.y);
    expect(officeBox!.x + officeBox!.width).toBeLessThanOrEqual(divisionBox!.x);
    expect(divisionBox!.x + divisionBox!.width).toBeLessThanOrEqual(centreBox!.x);
    // The centre's own unit is drawn under it, indented.
    const exchange = chart.getByRole('link', { name: 'Sàn giao dịch việc làm' });
    const exchangeBox = await exchange.boundingBox();
    expect(exchangeBox!.y).toBeGreaterThan(centreBox!.y + centreBox!.height - 1);
    expect(exchangeBox!.x).toBeGreaterThan(centreBox!.x);
    // The tree is a tree for assistive technology too: nested lists.
    expect(await chart.locator('li.org-chart__root > ul > li > ul > li > ul > li a', { hasText: 'Sàn giao dịch việc làm' }).count()).toBe(1);
    // The chart fits the content column at this width (no scrolling sideways).
    expect(await chart.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
    await chart.screenshot({ path: path.join(RESULTS_DIR, 'co-cau-to-chuc.png') });
    await page.screenshot({ path: path.join(RESULTS_DIR, 'co-cau-to-chuc-trang.png'), fullPage: true });

    await division.click();
    await page.waitForURL(/\/co-cau-to-chuc\/phong-nguoi-co-cong$/);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Phòng Người có công');
    expect(await page.getByRole('table', { name: /Phòng Người có công/ }).getByRole('row', { name: /A Thái/ }).isVisible()).toBe(true);
  });

  it('reads on a phone: the columns stack under the board', async () => {
    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, baseURL: origin });
    try {
      const page = await phone.newPage();
      await page.goto('/co-cau-to-chuc');
      const chart = page.getByRole('group', { name: 'Sơ đồ tổ chức' });
      const office = await chart.getByRole('link', { name: 'Văn phòng Sở' }).boundingBox();
      const centre = await chart.getByRole('link', { name: 'Trung tâm Dịch vụ việc làm' }).boundingBox();
      expect(centre!.y).toBeGreaterThan(office!.y);
      expect(await chart.evaluate((element) => element.scrollWidth <= element.clientWidth + 1)).toBe(true);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'co-cau-to-chuc-dien-thoai.png'), fullPage: true });
    } finally {
      await phone.close();
    }
  });

  it('shows the leaders with their photos', async () => {
    const { page } = session;
    await page.goto('/lanh-dao');
    await loadVisibleImages(page);
    const photo = page.getByRole('img', { name: 'Ảnh A Kang' });
    expect(await photo.isVisible()).toBe(true);
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'lanh-dao.png'), fullPage: true });
  });

  it('has no accessibility violations (of any impact) on the agency pages', async () => {
    const { page } = session;
    const report: string[] = [];
    for (const url of ['/co-quan', '/co-cau-to-chuc', '/co-cau-to-chuc/trung-tam-dich-vu-viec-lam', '/lanh-dao', '/lien-he', '/en/co-quan', '/en/co-cau-to-chuc', '/en/co-cau-to-chuc/san-giao-dich-viec-lam', '/en/lanh-dao', '/en/lien-he']) {
      await page.goto(url);
      // The layout's reading tools (outside any landmark: axe's moderate "region") belong to the public site's layout, not to these pages.
      const result = await new AxeBuilder({ page }).analyze();
      for (const violation of result.violations) {
        report.push(`${url}: ${violation.id} (${violation.impact}) ${violation.help} → ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
      }
    }
    expect(report, report.join('\n')).toEqual([]);
    expect(session.errors).toEqual([]);
  });

  it('lets a chief editor add a unit through the staff form and publish it into the chart', async () => {
    const staff = await openSession(browser, { viewport: { width: 1280, height: 900 }, baseURL: origin });
    staff.context.setDefaultTimeout(10_000);
    try {
      const { page } = staff;
      await page.goto('/admin/login');
      await page.getByLabel('Email').fill('chief-editor@kontum.gov.vn');
      await page.getByLabel('Mật khẩu').fill(STAFF_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('link', { name: 'Cơ quan', exact: true }).first().click();
      expect(new URL(page.url()).pathname).toBe('/admin/co-quan');
      await page.getByRole('link', { name: 'Thêm đơn vị' }).first().click();
      // Both rich-text fields (Vietnamese and English) become editors.
      await page.locator('.ProseMirror').nth(1).waitFor();
      expect(await page.locator('.ProseMirror').count()).toBe(2);
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
      await page.locator('input[name="name"]').fill('Phòng Chính sách tiền lương');
      await page.locator('select[name="kind"]').selectOption('phong_chuyen_mon');
      await page.locator('select[name="parentId"]').selectOption({ label: 'Ban Giám đốc Sở' });
      await page.locator('.ProseMirror').first().click();
      await page.keyboard.type('Tham mưu chính sách tiền lương, tiền công.');
      await page.locator('input[name="nameEn"]').fill('Wages Policy Division');
      await page.screenshot({ path: path.join(RESULTS_DIR, 'co-quan-quan-tri-them-don-vi.png'), fullPage: true });
      await page.getByRole('button', { name: 'Lưu và xuất bản' }).click();
      await page.waitForURL(/\/admin\/co-quan\/don-vi\/[0-9a-f-]{36}\?tb=cq-da-tao-xuat-ban$/);
      expect(await page.getByText('Đã tạo và xuất bản').isVisible()).toBe(true);

      await page.goto('/co-cau-to-chuc');
      await page.getByRole('group', { name: 'Sơ đồ tổ chức' }).getByRole('link', { name: 'Phòng Chính sách tiền lương' }).click();
      await page.waitForURL(/\/co-cau-to-chuc\/phong-chinh-sach-tien-luong$/);
      expect(await page.locator('main').textContent()).toContain('Tham mưu chính sách tiền lương, tiền công.');
      expect(staff.errors).toEqual([]);
    } finally {
      await staff.context.close();
    }
  });
});
