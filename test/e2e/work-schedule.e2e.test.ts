/**
 * A citizen reads the leaders' schedule in real Chromium: this week with today marked,
 * then the next week by its link; printing hides the site's navigation and sidebar and
 * gives the table the page's width; the print button works with script, and the page
 * works without; axe checks the schedule pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { changeSiteContent } from '../../src/modules/sites/index.js';
import { addWeeks, daysOf, formatDay, seedDemoWorkSchedule, weekKey, weekOfNow, weekSlug } from '../../src/modules/work-schedule/index.js';
import { STAFF_PASSWORD, addStaff } from '../helpers/staff.js';
import { startTestPortal, type TestPortal } from '../helpers/test-app.js';
import { describeInBrowser, launchChromium, openSession, RESULTS_DIR, type Session } from './browser.js';

describeInBrowser('the work schedule in Chromium', () => {
  let browser: Browser;
  let portal: TestPortal;
  let origin: string;
  let session: Session;
  const now = new Date();
  const nextWeek = addWeeks(weekOfNow(now), 1);

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    // 1. The fixture portal with the demo schedule (last, this and next week), on a loopback port.
    portal = await startTestPortal('sqlite', { env: { CONG_2FA_REQUIRED_ROLES: 'none' } });
    await addStaff(portal.testDb.db.kysely, portal.fixture.siteId, 'chief_editor');
    await seedDemoWorkSchedule(portal.testDb.db.kysely, { siteId: portal.fixture.siteId, mediaDir: '', now });
    // The English page too (/en/lich-cong-tac): the site gets English, as an admin would give it.
    await changeSiteContent(portal.testDb.db.kysely, portal.fixture.siteId, (trx) => trx.updateTable('sites').set({ languages: 'vi,en' }).where('id', '=', portal.fixture.siteId).execute());
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

  it('shows this week with today marked, then the next week by its link', async () => {
    const { page } = session;
    await page.goto('/lich-cong-tac');
    const table = page.getByRole('table', { name: /Lịch công tác của lãnh đạo/ });
    expect(await table.isVisible()).toBe(true);
    expect(await page.locator('th[aria-current="date"]').count()).toBe(1);
    expect(await page.locator('th[aria-current="date"]').textContent()).toContain('Hôm nay');
    // The postponed entry is struck through and labelled.
    const struck = page.locator('tr.schedule-entry--struck s');
    expect(await struck.count()).toBe(1);
    expect(await struck.evaluate((el) => getComputedStyle(el).textDecorationLine)).toContain('line-through');
    expect(await page.getByText('Hoãn', { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText('Điều chỉnh', { exact: true }).isVisible()).toBe(true);
    // With script the print button shows and the keyboard hint hides.
    expect(await page.getByRole('button', { name: 'In lịch' }).isVisible()).toBe(true);
    expect(await page.locator('.schedule-print-hint').isVisible()).toBe(false);
    await page.screenshot({ path: path.join(RESULTS_DIR, 'lich-cong-tac-desktop.png'), fullPage: true });

    await page.getByRole('link', { name: `Tuần ${nextWeek.week} →` }).click();
    await page.waitForURL(new RegExp(`/lich-cong-tac/${weekSlug(nextWeek)}$`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(`Lịch công tác tuần ${nextWeek.week} năm ${nextWeek.year}`);
    expect(await page.locator('th[aria-current="date"]').count()).toBe(0);
    expect(await page.getByText('Giao ban lãnh đạo Sở đầu tuần').isVisible()).toBe(true);
  });

  it('prints the table alone, full width, without the navigation and sidebar', async () => {
    const paper = await browser.newContext({ viewport: { width: 1000, height: 1400 }, baseURL: origin });
    try {
      const page = await paper.newPage();
      await page.goto(`/lich-cong-tac/${weekSlug(nextWeek)}`);
      expect(await page.locator('.main-nav').isVisible()).toBe(true);
      await page.emulateMedia({ media: 'print' });
      for (const selector of ['.main-nav', '.sidebar', '.breadcrumb', '.schedule-nav', '.schedule-tools', '.site-search']) {
        expect(await page.locator(selector).first().isVisible(), selector).toBe(false);
      }
      const widths = await page.evaluate(() => ({ table: document.querySelector('.schedule-table')!.getBoundingClientRect().width, body: document.body.getBoundingClientRect().width }));
      expect(widths.table).toBeGreaterThan(widths.body * 0.9);
      expect(await page.locator('.site-brand__name').isVisible()).toBe(true);
      await page.screenshot({ path: path.join(RESULTS_DIR, 'lich-cong-tac-in.png'), fullPage: true });
      await page.pdf({ path: path.join(RESULTS_DIR, 'lich-cong-tac-in.pdf'), format: 'A4', landscape: true });
    } finally {
      await paper.close();
    }
  });

  it('works without script: the table, the week links and how to print', async () => {
    const plain = await browser.newContext({ javaScriptEnabled: false, baseURL: origin });
    try {
      const page = await plain.newPage();
      await page.goto('/lich-cong-tac');
      expect(await page.getByRole('table').first().isVisible()).toBe(true);
      expect(await page.locator('.schedule-print-hint').isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'In lịch' }).isVisible()).toBe(false);
      await page.getByRole('link', { name: `Tuần ${nextWeek.week} →` }).click();
      await page.waitForURL(new RegExp(`/lich-cong-tac/${weekSlug(nextWeek)}$`));
    } finally {
      await plain.close();
    }
  });

  it('has no accessibility violations on the schedule pages', async () => {
    const { page } = session;
    const report: string[] = [];
    for (const url of ['/lich-cong-tac', `/lich-cong-tac/${weekSlug(nextWeek)}`, '/lich-cong-tac/2030-w10', '/en/lich-cong-tac']) {
      await page.goto(url);
      // 2. The whole page: nothing serious or critical (the shared layout's own findings are its owners').
      const whole = await new AxeBuilder({ page }).analyze();
      // 3. This module's content: nothing at all, whatever the impact.
      const content = await new AxeBuilder({ page }).include('main').analyze();
      const found = [...whole.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), ...content.violations];
      for (const violation of found) report.push(`${url}: ${violation.id} (${violation.impact}) ${violation.help} → ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
    }
    expect(report, report.join('\n')).toEqual([]);
    expect(session.errors).toEqual([]);
  });

  it('lets the chief editor enter an entry and publish the week from the staff screens', async () => {
    const staff = await openSession(browser, { viewport: { width: 1280, height: 900 }, baseURL: origin });
    const findings: string[] = [];
    const checkAxe = async (name: string) => {
      await staff.page.screenshot({ path: path.join(RESULTS_DIR, `lich-cong-tac-quan-tri-${name}.png`), fullPage: true });
      for (const violation of (await new AxeBuilder({ page: staff.page }).analyze()).violations) {
        if (violation.impact === 'serious' || violation.impact === 'critical') findings.push(`${name}: ${violation.id} ${violation.nodes[0]?.target.join(' ')}`);
      }
    };
    try {
      const { page } = staff;
      // 1. Log in and open the schedule from the nav; go to the week after next (empty).
      await page.goto('/admin/login');
      await page.getByLabel('Email').fill('chief-editor@kontum.gov.vn');
      await page.getByLabel('Mật khẩu').fill(STAFF_PASSWORD);
      await page.getByRole('button', { name: 'Đăng nhập' }).click();
      await page.getByRole('link', { name: 'Lịch công tác', exact: true }).first().click();
      await page.waitForURL(/\/admin\/lich-cong-tac$/);
      await checkAxe('tuan');
      const later = addWeeks(nextWeek, 1);
      await page.goto(`/admin/lich-cong-tac?tuan=${weekKey(later)}`);
      // 2. Add an entry for its Wednesday: first with a wrong time, then right.
      await page.getByRole('link', { name: `Thứ Tư ${formatDay(daysOf(later)[2]!)}` }).click();
      await page.getByLabel('Giờ bắt đầu').fill('25h');
      await page.getByLabel('Nội dung công việc').fill('Làm việc với huyện Đăk Tô về giải quyết việc làm');
      await page.getByLabel('Địa điểm').fill('Huyện Đăk Tô');
      await page.getByLabel('Chủ trì, tham dự').fill('Ông A Kang - Giám đốc Sở');
      await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
      expect(await page.getByText('Giờ bắt đầu không hợp lệ').first().isVisible()).toBe(true);
      await checkAxe('loi');
      await page.getByLabel('Giờ bắt đầu').fill('8h00');
      await page.getByRole('button', { name: 'Lưu bản nháp' }).click();
      await page.waitForURL(/tb=lct-da-them/);
      // 3. Publish the week; the public week page shows the entry.
      await page.getByRole('button', { name: 'Công bố lịch tuần (1 mục)' }).click();
      await page.waitForURL(/tb=lct-da-cong-bo-tuan/);
      await page.getByRole('link', { name: 'Làm việc với huyện Đăk Tô về giải quyết việc làm' }).click();
      await checkAxe('muc-lich');
      await page.goto(`/lich-cong-tac/${weekSlug(later)}`);
      expect(await page.getByText('Làm việc với huyện Đăk Tô về giải quyết việc làm').isVisible()).toBe(true);
      expect(findings, findings.join('\n')).toEqual([]);
      // The wrong time's answer is a 400 on purpose (the form again, with the message): the only console line allowed.
      expect(staff.errors.filter((line) => !line.includes('status of 400'))).toEqual([]);
    } finally {
      await staff.context.close();
    }
  });
});
