/**
 * A citizen looks for a tender in real Chromium: the list of projects and procurement
 * notices, filtered by kind with the form (no script needed), then a tender's page with
 * its closing time and its notice as a PDF; axe checks every page of the section. Then a
 * chief editor adds a tender through the staff form (a wrong closing time first) and
 * publishes it; axe checks the staff screens too.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoProjects } from '../../src/modules/projects/index.js';
import { STAFF_PASSWORD, addStaff } from '../helpers/staff.js';
import { startTestPortal, type TestPortal } from '../helpers/test-app.js';
import { describeInBrowser, launchChromium, openSession, RESULTS_DIR, type Session } from './browser.js';

describeInBrowser('projects and procurement in Chromium', () => {
  let browser: Browser;
  let portal: TestPortal;
  let origin: string;
  let session: Session;

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    // 1. The fixture portal with the demo's projects, serving on a loopback port.
    portal = await startTestPortal('sqlite');
    await seedDemoProjects(portal.testDb.db.kysely, { siteId: portal.fixture.siteId, mediaDir: `${portal.testDb.dataDir}/media`, now: new Date(Date.now() - 60_000) });
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

  it('filters the list by kind, opens a tender and finds its closing time and notice', async () => {
    const { page } = session;
    await page.goto('/du-an-dau-thau');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Dự án, đấu thầu, mua sắm công');
    const list = page.getByRole('list', { name: /Danh sách dự án, gói thầu/ });
    expect(await list.getByRole('listitem').count()).toBe(8);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'du-an-dau-thau-danh-sach.png'), fullPage: true });
    // 2. Choose the kind in the form and send it, as a reader would.
    await page.getByLabel('Loại', { exact: true }).selectOption('tender');
    await page.getByRole('button', { name: 'Tìm dự án, gói thầu' }).click();
    await page.waitForURL(/\/du-an-dau-thau\?.*kind=tender/);
    expect(await page.getByRole('status').textContent()).toContain('2 mục.');
    expect(await list.getByRole('listitem').count()).toBe(2);
    expect(await page.getByRole('link', { name: /Cải tạo, nâng cấp Trung tâm/ }).count()).toBe(0);
    // 3. Open the open tender.
    await page.getByRole('link', { name: /Gói thầu số 05/ }).click();
    await page.waitForURL(/\/du-an-dau-thau\/goi-thau-so-05-/);
    expect(await page.getByRole('note').textContent()).toMatch(/thời điểm đóng thầu là \d\d:\d\d ngày \d\d\/\d\d\/\d{4}/);
    expect(await page.locator('.document__facts').textContent()).toContain('3.250.000.000 đồng (3,25 tỷ đồng)');
    const view = page.getByRole('link', { name: 'Xem Thong bao moi thau goi thau so 05.pdf' });
    const href = await view.getAttribute('href');
    expect(href).toMatch(/^\/media\/.+\.pdf$/);
    const pdf = await page.request.get(href!);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect(await page.getByRole('link', { name: 'Tải về Thong bao moi thau goi thau so 05.pdf' }).getAttribute('download')).toBe('Thong bao moi thau goi thau so 05.pdf');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'du-an-dau-thau.png'), fullPage: true });
  });

  it('works without script: the filter form is a plain GET form', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false, baseURL: origin });
    try {
      const page = await plain.newPage();
      await page.goto('/du-an-dau-thau');
      await page.getByLabel('Tình trạng').selectOption('awarded');
      await page.getByRole('button', { name: 'Tìm dự án, gói thầu' }).click();
      await page.waitForURL(/status=awarded/);
      expect(await page.getByRole('link', { name: /Gói thầu số 02/ }).count()).toBe(1);
      expect(await page.getByRole('status').textContent()).toContain('1 mục.');
    } finally {
      await plain.close();
    }
  });

  it('has no serious or critical accessibility violations on the section\'s pages', async () => {
    const { page } = session;
    const report: string[] = [];
    for (const url of [
      '/du-an-dau-thau',
      '/du-an-dau-thau?kind=tender',
      '/du-an-dau-thau?kind=thang',
      '/du-an-dau-thau?q=khong+co+gi',
      '/du-an-dau-thau/goi-thau-so-05-thiet-bi-dao-tao-nghe-dien-dan-dung-va-han',
      '/du-an-dau-thau/goi-thau-so-02-thi-cong-khoi-nha-o-doi-tuong',
      '/du-an-dau-thau/cai-tao-nang-cap-trung-tam-bao-tro-xa-hoi-tinh',
    ]) {
      await page.goto(url);
      const result = await new AxeBuilder({ page }).analyze();
      for (const violation of result.violations) {
        if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
        report.push(`${url}: ${violation.id} (${violation.impact}) ${violation.help} → ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
      }
    }
    expect(report, report.join('\n')).toEqual([]);
    // The one 400 is the page of a filter that cannot be used (?kind=thang), on purpose.
    expect(session.errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  });
});

describeInBrowser('the projects staff screens in Chromium', () => {
  let browser: Browser;
  let portal: TestPortal;
  let origin: string;
  let session: Session;
  const axeFindings: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    portal = await startTestPortal('sqlite', { env: { CONG_2FA_REQUIRED_ROLES: 'none' } });
    await addStaff(portal.testDb.db.kysely, portal.fixture.siteId, 'chief_editor');
    await portal.app.listen({ port: 0, host: '127.0.0.1' });
    const address = portal.app.server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchChromium();
    session = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    session.context.setDefaultTimeout(10_000);
  }, 60_000);

  afterAll(async () => {
    await session?.context.close();
    await browser?.close();
    await portal?.close();
  });

  const checkAxe = async (page: Page, name: string) => {
    await page.screenshot({ path: path.join(RESULTS_DIR, `du-an-quan-tri-${name.replace(/\s+/g, '-')}.png`), fullPage: true });
    const results = await new AxeBuilder({ page }).analyze();
    for (const violation of results.violations) {
      if (violation.impact === 'serious' || violation.impact === 'critical') axeFindings.push(`${name}: ${violation.id} (${violation.nodes.length}) ${violation.nodes[0]?.target.join(' ')}`);
    }
  };

  it('takes a tender from the form to the public list', async () => {
    const page = session.page;
    // 1. Log in and open the section from the nav.
    await page.goto(`${origin}/admin/login`);
    await page.getByLabel('Email').fill('chief-editor@kontum.gov.vn');
    await page.getByLabel('Mật khẩu').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Dự án, đấu thầu', exact: true }).first().click();
    expect(new URL(page.url()).pathname).toBe('/admin/du-an');
    await checkAxe(page, 'danh sach');

    // 2. The form, with a closing time that does not exist first.
    await page.getByRole('link', { name: 'Thêm dự án, gói thầu' }).first().click();
    await page.locator('.ProseMirror').first().waitFor();
    await checkAxe(page, 'them moi');
    await page.locator('select[name="kind"]').selectOption('tender');
    await page.locator('textarea[name="name"]').fill('Gói thầu số 09: Mua sắm thiết bị phòng học nghề sửa chữa xe máy');
    await page.locator('input[name="owner"]').fill('Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum');
    await page.locator('input[name="budget"]').fill('1,2 tỷ');
    await page.locator('input[name="startsOn"]').fill('01/12/2026');
    await page.locator('input[name="closesAt"]').fill('31/12/2026 25:00');
    await page.locator('select[name="status"]').selectOption('open');
    await page.locator('.ProseMirror').first().click();
    await page.keyboard.type('Đấu thầu rộng rãi trong nước, qua mạng.');
    await page.getByRole('button', { name: 'Lưu và xuất bản' }).click();
    await expect.poll(() => page.locator('#f-closesAt-error').textContent()).toContain('Thời điểm đóng thầu không hợp lệ');
    expect(await page.locator('input[name="budget"]').inputValue()).toBe('1,2 tỷ');
    await checkAxe(page, 'bieu mau co loi');
    await page.locator('input[name="closesAt"]').fill('31/12/2026 09:00');
    await page.getByRole('button', { name: 'Lưu và xuất bản' }).click();
    await page.waitForURL(/\/admin\/du-an\/[0-9a-f-]{36}\?tb=da-da-tao-xuat-ban$/);
    expect(await page.locator('input[name="budget"]').inputValue()).toBe('1.200.000.000');
    await checkAxe(page, 'mot muc');

    // 3. The public list has it, with its closing time.
    await page.goto(`${origin}/du-an-dau-thau`);
    const item = page.getByRole('listitem').filter({ hasText: 'Gói thầu số 09' });
    expect(await item.textContent()).toContain('Đóng thầu: 09:00 ngày 31/12/2026');
    expect(await item.textContent()).toContain('Giá gói thầu: 1.200.000.000 đồng');
    expect(axeFindings, axeFindings.join('\n')).toEqual([]);
  });
});
