/**
 * A citizen comments on a draft in real Chromium: the list, the draft's page with its PDF,
 * the comment form (challenge answered as a person reads it, after the minimum fill time),
 * the receipt; a closed draft shows its report and no form. axe checks every new page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoConsultations } from '../../src/modules/consultations/index.js';
import { parseChallengeAnswer } from '../../src/modules/public-forms/index.js';
import { STAFF_PASSWORD, addStaff } from '../helpers/staff.js';
import { startTestPortal, type TestPortal } from '../helpers/test-app.js';
import { describeInBrowser, launchChromium, openSession, RESULTS_DIR, type Session } from './browser.js';

const OPEN = '/du-thao/ke-hoach-ho-tro-viec-lam-2027';
const CLOSED = '/du-thao/quy-dinh-ho-tro-nguoi-cao-tuoi-co-don';

describeInBrowser('draft consultations in Chromium', () => {
  let browser: Browser;
  let portal: TestPortal;
  let session: Session;
  let origin = '';

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    portal = await startTestPortal('sqlite', { env: { CONG_2FA_REQUIRED_ROLES: 'none' } });
    await addStaff(portal.testDb.db.kysely, portal.fixture.siteId, 'editor');
    await seedDemoConsultations(portal.testDb.db.kysely, { siteId: portal.fixture.siteId, mediaDir: `${portal.testDb.dataDir}/media`, now: new Date(Date.now() - 60_000) });
    await portal.app.listen({ port: 0, host: '127.0.0.1' });
    const address = portal.app.server.address();
    if (!address || typeof address === 'string') throw new Error(`unexpected server address: ${String(address)}`);
    browser = await launchChromium();
    origin = `http://127.0.0.1:${address.port}`;
    session = await openSession(browser, { viewport: { width: 1366, height: 900 }, baseURL: origin });
  });

  afterAll(async () => {
    await session?.context.close().catch(() => {});
    await browser?.close();
    await portal?.close();
  });

  it('opens an open draft from the list and sends a comment, getting a receipt code', async () => {
    const { page } = session;
    await page.goto('/du-thao');
    await page.screenshot({ path: path.join(RESULTS_DIR, 'du-thao-danh-sach.png'), fullPage: true });
    expect(await page.getByText(/còn 1[345] ngày/).isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Dự thảo Kế hoạch hỗ trợ việc làm cho người lao động năm 2027' }).click();
    await page.waitForURL(new RegExp(`${OPEN}$`));
    expect(await page.getByRole('link', { name: 'Xem du-thao-ke-hoach-ho-tro-viec-lam-2027.pdf' }).getAttribute('href')).toMatch(/^\/media\//);
    await page.getByRole('link', { name: 'Gửi góp ý', exact: true }).click();
    await page.waitForURL(new RegExp(`${OPEN}/gop-y$`));
    await page.getByLabel('Họ và tên hoặc tên tổ chức').fill('Hợp tác xã Nông nghiệp Đăk Tô');
    await page.getByLabel('Bạn góp ý với tư cách').selectOption({ label: 'Tổ chức' });
    await page.getByLabel('Thư điện tử').fill('htx.dakto@gmail.com');
    await page.getByLabel('Điều, khoản được góp ý (không bắt buộc)').fill('Điều 7');
    await page.getByLabel('Nội dung góp ý').fill('Đề nghị ưu tiên đào tạo nghề trồng và chế biến sâm Ngọc Linh cho lao động địa phương.');
    const label = (await page.locator('label[for="gop-y-kiem-tra"]').textContent()) ?? '';
    const [a, b] = /Câu hỏi kiểm tra: (.+?) bằng mấy/.exec(label)![1]!.split(' cộng ');
    await page.getByLabel(/Câu hỏi kiểm tra/).fill(String(parseChallengeAnswer(a)! + parseChallengeAnswer(b)!));
    await page.screenshot({ path: path.join(RESULTS_DIR, 'du-thao-gop-y.png'), fullPage: true });
    // The minimum fill time: a person takes longer than this anyway.
    await page.waitForTimeout(3_100);
    await page.getByRole('button', { name: 'Gửi góp ý' }).click();
    await page.getByRole('heading', { name: 'Cơ quan đã nhận góp ý của bạn' }).waitFor();
    expect(await page.locator('.tracking-code').textContent()).toMatch(/^GY-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'du-thao-bien-nhan.png'), fullPage: true });
    const row = await portal.testDb.db.kysely.selectFrom('consultation_comments').selectAll().where('email', '=', 'htx.dakto@gmail.com').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ org_type: 'organisation', section: 'Điều 7' });
  });

  it('shows a closed draft with its report and without a form', async () => {
    const { page } = session;
    await page.goto(CLOSED);
    expect(await page.getByRole('heading', { name: 'Báo cáo tiếp thu, giải trình ý kiến góp ý' }).isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Gửi góp ý' }).count()).toBe(0);
    const answer = await page.goto(`${CLOSED}/gop-y`);
    expect(answer?.status()).toBe(409);
    expect(await page.getByRole('heading', { name: /Đợt lấy ý kiến đã kết thúc ngày/ }).isVisible()).toBe(true);
  });

  it('passes axe on the list, the drafts, the form and the closed notice', async () => {
    const { page } = session;
    const report: string[] = [];
    for (const url of ['/du-thao', OPEN, `${OPEN}/gop-y`, CLOSED, `${CLOSED}/gop-y`]) {
      await page.goto(url);
      const result = await new AxeBuilder({ page }).analyze();
      for (const violation of result.violations) {
        if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
        report.push(`${url}: ${violation.id} (${violation.impact}) ${violation.help} → ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
      }
    }
    expect(report, report.join('\n')).toEqual([]);
  });

  it('shows the comment to an editor in the staff inbox, escaped, with its contact details; axe passes', async () => {
    const staff = await openSession(browser, { viewport: { width: 1280, height: 900 }, baseURL: origin });
    staff.context.setDefaultTimeout(10_000);
    try {
      const { page } = staff;
      await page.goto('/admin/login');
      await page.getByLabel('Email').fill('editor@kontum.gov.vn');
      await page.getByLabel('Mật khẩu').fill(STAFF_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('link', { name: 'Lấy ý kiến dự thảo' }).first().click();
      expect(new URL(page.url()).pathname).toBe('/admin/du-thao');
      await page.getByRole('link', { name: '4' }).click();
      await page.getByText('Hợp tác xã Nông nghiệp Đăk Tô').waitFor();
      expect(await page.getByText('htx.dakto@gmail.com').isVisible()).toBe(true);
      await page.getByLabel('Đối tượng').selectOption({ label: 'Doanh nghiệp' });
      await page.getByRole('button', { name: 'Lọc' }).click();
      await page.getByText('1 góp ý khớp bộ lọc').first().waitFor();
      await page.screenshot({ path: path.join(RESULTS_DIR, 'du-thao-gop-y-can-bo.png'), fullPage: true });
      const axe = await new AxeBuilder({ page }).analyze();
      expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`)).toEqual([]);
    } finally {
      await staff.context.close();
    }
  });
});
