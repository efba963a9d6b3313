/**
 * A citizen asks a question in real Chromium (the challenge filled like a person would),
 * gets the tracking code and follows it; the chief editor assigns it, answers it in the
 * rich-text editor and publishes it; the Q&A appears at /hoi-dap. axe checks the list,
 * the form, the tracking page and a Q&A page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseChallengeAnswer } from '../../src/modules/public-forms/index.js';
import { seedDemoQuestions } from '../../src/modules/questions/index.js';
import { STAFF_PASSWORD, addStaff } from '../helpers/staff.js';
import { startTestPortal, type TestPortal } from '../helpers/test-app.js';
import { describeInBrowser, launchChromium, openSession, RESULTS_DIR, type Session } from './browser.js';

describeInBrowser('questions and answers in Chromium', () => {
  let browser: Browser;
  let portal: TestPortal;
  let origin: string;
  let session: Session;
  const axeFindings: string[] = [];

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    portal = await startTestPortal('sqlite', { env: { CONG_2FA_REQUIRED_ROLES: 'none' } });
    await addStaff(portal.testDb.db.kysely, portal.fixture.siteId, 'chief_editor');
    await seedDemoQuestions(portal.testDb.db.kysely, { siteId: portal.fixture.siteId, now: new Date(Date.now() - 60_000) });
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
    await page.screenshot({ path: path.join(RESULTS_DIR, `hoi-dap-${name.replace(/\s+/g, '-')}.png`), fullPage: true });
    const results = await new AxeBuilder({ page }).analyze();
    for (const violation of results.violations) {
      if (violation.impact === 'serious' || violation.impact === 'critical') axeFindings.push(`${name}: ${violation.id} (${violation.nodes.length}) ${violation.nodes[0]?.target.join(' ')}`);
    }
  };

  it('lets a citizen ask, follow the question with its code, and read the published answer', async () => {
    const { page } = session;
    // 1. The list, then the form.
    await page.goto('/hoi-dap');
    await checkAxe(page, 'danh sach');
    await page.getByRole('link', { name: 'Đặt câu hỏi' }).first().click();
    await page.waitForURL(/\/hoi-dap\/dat-cau-hoi$/);
    await checkAxe(page, 'bieu mau');
    await page.getByLabel('Họ và tên').fill('Đỗ Thị Ngọc');
    await page.getByLabel('Thư điện tử').fill('ngoc.do@gmail.com');
    await page.getByLabel('Tên hiển thị khi câu hỏi được công bố').fill('Chị Ngọc');
    await page.getByLabel('Lĩnh vực').selectOption({ label: 'Người có công' });
    await page.getByLabel('Tiêu đề').fill('Trợ cấp cho con của thương binh đang đi học');
    await page.getByLabel('Nội dung câu hỏi').fill('Bố tôi là thương binh hạng 2/4. Tôi đang học đại học, xin hỏi tôi có được hỗ trợ học phí không?');
    // 2. The challenge, read from its label as a person would.
    const label = await page.locator('label[for="bieu-mau-kiem-tra"]').textContent();
    const [a, b] = /Câu hỏi kiểm tra: (.+?) bằng mấy/.exec(label ?? '')![1]!.split(' cộng ');
    await page.getByLabel(/Câu hỏi kiểm tra/).fill(String(parseChallengeAnswer(a)! + parseChallengeAnswer(b)!));
    // The minimum fill time: a person takes longer than 3 seconds.
    await page.waitForTimeout(3_200);
    await page.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await page.getByRole('heading', { name: 'Cơ quan đã nhận câu hỏi của bạn' }).waitFor();
    const code = (await page.locator('.tracking-code').textContent())!;
    expect(code).toMatch(/^HD-[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    // 3. Follow it with the code.
    await page.goto('/hoi-dap/tra-cuu');
    await page.getByLabel('Mã tra cứu').fill(code.toLowerCase());
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await page.getByText('Đã tiếp nhận').waitFor();
    expect(await page.content()).not.toContain('ngoc.do@gmail.com');
    await checkAxe(page, 'tra cuu');

    // 4. The chief editor assigns it to themself, answers in the editor and publishes.
    await page.goto('/admin/login');
    await page.getByLabel('Email').fill('chief-editor@kontum.gov.vn');
    await page.getByLabel('Mật khẩu').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('link', { name: 'Hỏi đáp', exact: true }).first().click();
    expect(new URL(page.url()).pathname).toBe('/admin/hoi-dap');
    await page.getByRole('link', { name: 'Trợ cấp cho con của thương binh đang đi học' }).click();
    expect(await page.content()).toContain('ngoc.do@gmail.com');
    await page.getByLabel('Cán bộ xử lý').selectOption({ label: 'Cán bộ chief_editor' });
    await page.getByRole('button', { name: 'Giao', exact: true }).click();
    await page.getByText('Đã giao câu hỏi.').waitFor();
    await page.locator('.ProseMirror').first().click();
    await page.keyboard.type('Con của thương binh đang học đại học được miễn học phí theo Nghị định 81/2021/NĐ-CP.');
    await page.getByRole('button', { name: 'Xuất bản câu hỏi và trả lời' }).click();
    await page.getByText('Đã xuất bản câu hỏi và câu trả lời').waitFor();

    // 5. A reader (no staff session) finds it in the list, with the display name; the
    // tracking page links to it. (axe runs as script: this context keeps JavaScript on.)
    const reader = await browser.newContext({ baseURL: origin });
    reader.setDefaultTimeout(10_000);
    try {
      const publicPage = await reader.newPage();
      await publicPage.goto('/hoi-dap');
      await publicPage.getByRole('link', { name: 'Trợ cấp cho con của thương binh đang đi học' }).click();
      await publicPage.getByText('Nghị định 81/2021/NĐ-CP').waitFor();
      expect(await publicPage.content()).toContain('Chị Ngọc');
      expect(await publicPage.content()).not.toContain('ngoc.do@gmail.com');
      await checkAxe(publicPage, 'cau hoi');
      await publicPage.goto(`/hoi-dap/tra-cuu?ma=${code}`);
      await publicPage.getByRole('link', { name: 'Xem câu trả lời' }).waitFor();
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
      await page.goto('/hoi-dap/dat-cau-hoi');
      await page.getByLabel('Họ và tên').fill('Lý Văn Tư');
      await page.getByLabel('Số điện thoại').fill('0905 123 456');
      await page.getByLabel('Lĩnh vực').selectOption({ label: 'Việc làm' });
      await page.getByLabel('Tiêu đề').fill('Hỏi về sàn giao dịch việc làm');
      await page.getByLabel('Nội dung câu hỏi').fill('Xin hỏi phiên giao dịch việc làm tháng tới tổ chức vào ngày nào?');
      const label = await page.locator('label[for="bieu-mau-kiem-tra"]').textContent();
      const [a, b] = /Câu hỏi kiểm tra: (.+?) bằng mấy/.exec(label ?? '')![1]!.split(' cộng ');
      await page.getByLabel(/Câu hỏi kiểm tra/).fill(String(parseChallengeAnswer(a)! + parseChallengeAnswer(b)!));
      await page.waitForTimeout(3_200);
      await page.getByRole('button', { name: 'Gửi câu hỏi' }).click();
      await page.getByRole('heading', { name: 'Cơ quan đã nhận câu hỏi của bạn' }).waitFor();
      expect(await page.locator('.tracking-code').textContent()).toMatch(/^HD-/);
    } finally {
      await plain.close();
    }
  }, 30_000);
});
