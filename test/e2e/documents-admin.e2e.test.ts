/**
 * The legal documents registry's staff screens in real Chromium:
 * 1. a chief editor opens Văn bản from the nav and adds a document through the form
 *    (the body editor island loaded), first with a wrong date, then right;
 * 2. publishes it from its page, and finds it on the public /van-ban;
 * 3. previews a sheet import with a broken row.
 * axe-core checks the list, the form and the import preview (no serious or critical findings).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STAFF_PASSWORD, addStaff } from '../helpers/staff.js';
import { startTestPortal, type TestPortal } from '../helpers/test-app.js';
import { describeInBrowser, launchChromium, openSession, RESULTS_DIR, type Session } from './browser.js';

describeInBrowser('the legal documents staff screens in Chromium', () => {
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
    await page.screenshot({ path: path.join(RESULTS_DIR, `van-ban-quan-tri-${name.replace(/\s+/g, '-')}.png`), fullPage: true });
    const results = await new AxeBuilder({ page }).analyze();
    for (const violation of results.violations) {
      if (violation.impact === 'serious' || violation.impact === 'critical') axeFindings.push(`${name}: ${violation.id} (${violation.nodes.length}) ${violation.nodes[0]?.target.join(' ')}`);
    }
  };

  it('takes a document from the form to the public registry, and previews an import', async () => {
    const page = session.page;
    // 1. Log in and open the registry from the nav.
    await page.goto(`${origin}/admin/login`);
    await page.getByLabel('Email').fill('chief-editor@kontum.gov.vn');
    await page.getByLabel('Mật khẩu').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Văn bản', exact: true }).first().click();
    expect(new URL(page.url()).pathname).toBe('/admin/van-ban');
    await checkAxe(page, 'danh sách văn bản');

    // 2. The form, with a date that does not exist first.
    await page.getByRole('link', { name: 'Thêm văn bản' }).first().click();
    await page.locator('.ProseMirror').first().waitFor();
    await checkAxe(page, 'thêm văn bản');
    await page.locator('input[name="number"]').fill('27/2025/QĐ-UBND');
    await page.locator('select[name="typeId"]').selectOption({ label: 'Quyết định' });
    await page.locator('input[name="issuer"]').fill('Ủy ban nhân dân tỉnh Kon Tum');
    await page.locator('input[name="signer"]').fill('Nguyễn Văn A');
    await page.locator('input[name="issuedOn"]').fill('30/02/2025');
    await page.locator('textarea[name="summary"]').fill('Quy định chính sách hỗ trợ đào tạo nghề cho người khuyết tật');
    await page.locator('.ProseMirror').first().click();
    await page.keyboard.type('Điều 1. Phạm vi điều chỉnh');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await expect.poll(() => page.locator('#f-issuedOn-error').textContent()).toContain('Ngày ban hành không hợp lệ');
    expect(await page.locator('input[name="issuedOn"]').inputValue()).toBe('30/02/2025');
    await checkAxe(page, 'biểu mẫu có lỗi');
    await page.locator('input[name="issuedOn"]').fill('20/02/2025');
    await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
    await page.waitForURL(/\/admin\/van-ban\/[0-9a-f-]{36}\?tb=vb-da-tao$/);
    await expect.poll(() => page.locator('.flash').first().textContent()).toContain('Đã tạo văn bản');
    expect(await page.locator('textarea[name="body_html"]').inputValue()).toContain('Điều 1. Phạm vi điều chỉnh');
    await checkAxe(page, 'trang văn bản');

    // 3. Publish, and the public registry lists it.
    await page.getByRole('button', { name: 'Xuất bản', exact: true }).click();
    await page.waitForURL(/\?tb=vb-da-xuat-ban$/);
    await page.goto(`${origin}/van-ban`);
    await expect.poll(() => page.getByRole('link', { name: '27/2025/QĐ-UBND' }).count()).toBeGreaterThan(0);

    // 4. An import preview with a broken row.
    await page.goto(`${origin}/admin/van-ban/nhap`);
    const csv = ['Số ký hiệu,Loại văn bản,Cơ quan ban hành,Ngày ban hành,Trích yếu', '28/2025/QĐ-UBND,Quyết định,UBND tỉnh,01/03/2025,Dòng đúng', '29/2025/QĐ-UBND,Quyết định,UBND tỉnh,99/99/2025,Dòng sai ngày'].join('\n');
    await page.locator('input[type="file"][name="file"]').setInputFiles({ name: 'van-ban.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Xem trước' }).click();
    await expect.poll(() => page.locator('tr[data-line="3"]').textContent()).toContain('không hợp lệ');
    expect(await page.getByRole('button', { name: 'Nhập 1 văn bản hợp lệ' }).count()).toBe(1);
    await checkAxe(page, 'xem trước nhập');

    // 5. The managed lists.
    await page.goto(`${origin}/admin/van-ban`);
    await page.getByRole('link', { name: 'Danh mục' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Danh mục văn bản');
    await checkAxe(page, 'danh mục');

    expect(axeFindings).toEqual([]);
    // The form shown again with its error is answered 400 on purpose; nothing else may fail.
    expect(session.errors.filter((e) => !e.includes('status of 400'))).toEqual([]);
  });
});
