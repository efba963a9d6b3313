/**
 * A citizen asks the agency for information in real Chromium (the challenge filled like a
 * person would), gets the tracking code and looks the request up; the chief editor takes
 * it up and answers it in the rich-text editor; the status page shows the answer. axe
 * checks the section page, the form and the status page. The form also works without script.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoInformationAccess } from '../../src/modules/information-access/index.js';
import { parseChallengeAnswer } from '../../src/modules/public-forms/index.js';
import { STAFF_PASSWORD, addStaff } from '../helpers/staff.js';
import { startTestPortal, type TestPortal } from '../helpers/test-app.js';
import { describeInBrowser, launchChromium, openSession, RESULTS_DIR, type Session } from './browser.js';

describeInBrowser('access to information in Chromium', () => {
  let browser: Browser;
  let portal: TestPortal;
  let origin: string;
  let session: Session;
  const axeFindings: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    portal = await startTestPortal('sqlite', { env: { CONG_2FA_REQUIRED_ROLES: 'none' } });
    await addStaff(portal.testDb.db.kysely, portal.fixture.siteId, 'chief_editor');
    await seedDemoInformationAccess(portal.testDb.db.kysely, { siteId: portal.fixture.siteId, now: new Date(Date.now() - 60_000) });
    await portal.app.listen({ port: 0, host: '127.0.0.1' });
    const address = portal.app.server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchChromium();
    session = await openSession(browser, { viewport: { width: 1280, height: 900 }, baseURL: origin });
    session.context.setDefaultTimeout(10_000);
  }, 60_000);

  afterAll(async () => {
    await session?.context.close().catch(() => {});
    await browser?.close();
    await portal?.close();
  });

  const checkAxe = async (page: Page, name: string) => {
    await page.screenshot({ path: path.join(RESULTS_DIR, `tiep-can-thong-tin-${name.replace(/\s+/g, '-')}.png`), fullPage: true });
    const results = await new AxeBuilder({ page }).analyze();
    for (const violation of results.violations) {
      if (violation.impact === 'serious' || violation.impact === 'critical') axeFindings.push(`${name}: ${violation.id} (${violation.nodes.length}) ${violation.nodes[0]?.target.join(' ')}`);
    }
  };

  const fillChallenge = async (page: Page) => {
    const label = await page.locator('label[for="bieu-mau-kiem-tra"]').textContent();
    const [a, b] = /Câu hỏi kiểm tra: (.+?) bằng mấy/.exec(label ?? '')![1]!.split(' cộng ');
    await page.getByLabel(/Câu hỏi kiểm tra/).fill(String(parseChallengeAnswer(a)! + parseChallengeAnswer(b)!));
  };

  it('lets a citizen request information, follow it with the code, and read the answer', async () => {
    const { page } = session;
    // 1. The section, then the form.
    await page.goto('/tiep-can-thong-tin');
    await page.getByRole('heading', { name: 'Đầu mối cung cấp thông tin' }).waitFor();
    expect(await page.getByRole('link', { name: 'Dự toán, quyết toán ngân sách được công khai' }).getAttribute('href')).toBe('/cong-khai-ngan-sach');
    await checkAxe(page, 'chuyen muc');
    await page.getByRole('link', { name: 'Gửi phiếu yêu cầu cung cấp thông tin' }).click();
    await page.waitForURL(/\/tiep-can-thong-tin\/yeu-cau$/);
    await checkAxe(page, 'bieu mau');
    await page.getByLabel('Họ và tên').fill('Đỗ Thị Ngọc');
    await page.getByLabel('Số định danh cá nhân / CCCD').fill('062195009876');
    await page.getByRole('textbox', { name: 'Địa chỉ' }).fill('Thôn 4, xã Đắk Cấm, thành phố Kon Tum');
    await page.getByRole('textbox', { name: 'Thư điện tử' }).fill('ngoc.do@gmail.com');
    await page.getByLabel('Thông tin cần cung cấp').fill('Đề nghị cung cấp danh sách các lớp dạy nghề miễn phí cho lao động nông thôn mở trong quý tới.');
    await page.getByLabel('Mục đích sử dụng thông tin').fill('Đăng ký học nghề.');
    await page.getByLabel('Qua thư điện tử').check();
    await fillChallenge(page);
    // The minimum fill time: a person takes longer than 3 seconds.
    await page.waitForTimeout(3_200);
    await page.getByRole('button', { name: 'Gửi phiếu yêu cầu' }).click();
    await page.getByRole('heading', { name: 'Cơ quan đã nhận phiếu yêu cầu của bạn' }).waitFor();
    const code = (await page.locator('.tracking-code').textContent())!;
    expect(code).toMatch(/^TT-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    // 2. Follow it with the code: the status, no personal data.
    await page.goto('/tiep-can-thong-tin/tra-cuu');
    await page.getByLabel('Mã tra cứu').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByText('Đã tiếp nhận').waitFor();
    for (const personal of ['ngoc.do@gmail.com', '062195009876', 'Đỗ Thị Ngọc']) expect(await page.content()).not.toContain(personal);
    await checkAxe(page, 'tra cuu');

    // 3. The chief editor takes it up and answers in the editor.
    await page.goto('/admin/login');
    await page.getByLabel('Email').fill('chief-editor@kontum.gov.vn');
    await page.getByLabel('Mật khẩu').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Tiếp cận thông tin', exact: true }).first().click();
    expect(new URL(page.url()).pathname).toBe('/admin/tiep-can-thong-tin');
    await page.getByRole('link', { name: code }).click();
    expect(await page.content()).toContain('062195009876');
    await page.getByRole('button', { name: 'Tôi nhận xử lý yêu cầu này' }).click();
    await page.getByText('Bạn đã nhận xử lý yêu cầu.').waitFor();
    await page.locator('.ProseMirror').first().click();
    await page.keyboard.type('Quý tới Trường Trung cấp nghề tỉnh mở 4 lớp may công nghiệp và 2 lớp sửa chữa máy nông nghiệp.');
    await page.getByRole('button', { name: 'Gửi câu trả lời' }).click();
    await page.getByText('Đã trả lời; người yêu cầu đọc được câu trả lời khi tra cứu.').waitFor();

    // 4. A reader (no staff session) sees the answer on the status page.
    const reader = await browser.newContext({ baseURL: origin });
    reader.setDefaultTimeout(10_000);
    try {
      const publicPage = await reader.newPage();
      await publicPage.goto(`/tiep-can-thong-tin/tra-cuu?ma=${code}`);
      await publicPage.getByText('Đã cung cấp thông tin').waitFor();
      await publicPage.getByText('2 lớp sửa chữa máy nông nghiệp').waitFor();
      await checkAxe(publicPage, 'da tra loi');
    } finally {
      await reader.close();
    }
    expect(axeFindings, axeFindings.join('\n')).toEqual([]);
  }, 90_000);

  it('shows the form and sends it without JavaScript', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false, baseURL: origin });
    plain.setDefaultTimeout(10_000);
    try {
      const page = await plain.newPage();
      await page.goto('/tiep-can-thong-tin/yeu-cau');
      await page.getByLabel('Họ và tên').fill('Lý Văn Tư');
      await page.getByLabel('Số định danh cá nhân / CCCD').fill('062090001111');
      await page.getByRole('textbox', { name: 'Địa chỉ' }).fill('Phường Thắng Lợi, Kon Tum');
      await page.getByLabel('Số điện thoại').fill('0905 123 456');
      await page.getByLabel('Thông tin cần cung cấp').fill('Đề nghị cung cấp kế hoạch tổ chức phiên giao dịch việc làm năm nay.');
      await page.getByLabel('Mục đích sử dụng thông tin').fill('Tìm việc làm.');
      await page.getByLabel('Nhận trực tiếp tại cơ quan').check();
      await fillChallenge(page);
      await page.waitForTimeout(3_200);
      await page.getByRole('button', { name: 'Gửi phiếu yêu cầu' }).click();
      await page.getByRole('heading', { name: 'Cơ quan đã nhận phiếu yêu cầu của bạn' }).waitFor();
      expect(await page.locator('.tracking-code').textContent()).toMatch(/^TT-/);
    } finally {
      await plain.close();
    }
  }, 30_000);
});
