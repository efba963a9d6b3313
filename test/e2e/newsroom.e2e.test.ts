/**
 * The newsroom in real Chromium, through the real staff UI on the fixture portal:
 * 1. an author logs in, writes an article with a table and two images (one uploaded, one
 *    pasted) and a gallery, and submits it;
 * 2. the chief editor sees it waiting and returns it with a comment;
 * 3. the author fixes it and submits again; the chief publishes it;
 * 4. the article is on the public site with its gallery.
 * Also: a .docx import, two-factor set-up and login, and axe-core on the staff pages.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { generate } from 'otplib';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { STAFF_PASSWORD, addStaff } from '../helpers/staff.js';
import { startTestPortal, type TestPortal } from '../helpers/test-app.js';
import { describeInBrowser, launchChromium, openSession, RESULTS_DIR, type Session } from './browser.js';

describeInBrowser('the newsroom in Chromium', () => {
  let browser: Browser;
  let portal: TestPortal;
  let origin: string;
  const sessions: Session[] = [];
  const axeFindings: string[] = [];

  beforeAll(async () => {
    portal = await startTestPortal('sqlite');
    const db = portal.testDb.db.kysely;
    const siteId = (await db.selectFrom('sites').select('id').executeTakeFirstOrThrow()).id;
    await addStaff(db, siteId, 'author');
    await addStaff(db, siteId, 'chief_editor');
    await addStaff(db, siteId, 'admin');
    await portal.app.listen({ port: 0, host: '127.0.0.1' });
    const address = portal.app.server.address();
    origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    for (const session of sessions) await session.context.close();
    await browser?.close();
    await portal?.close();
  });

  const open = async (): Promise<Page> => {
    const session = await openSession(browser, { viewport: { width: 1280, height: 900 } });
    session.context.setDefaultTimeout(10_000);
    sessions.push(session);
    return session.page;
  };

  const logIn = async (page: Page, email: string) => {
    await page.goto(`${origin}/admin/login`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Mật khẩu').fill(STAFF_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  };

  /** axe on the page as it is; serious and critical findings are collected and checked at the end. */
  const checkAxe = async (page: Page, name: string) => {
    const results = await new AxeBuilder({ page }).analyze();
    for (const violation of results.violations) {
      if (violation.impact === 'serious' || violation.impact === 'critical') axeFindings.push(`${name}: ${violation.id} (${violation.nodes.length})`);
    }
  };

  const bodyHtml = (page: Page) => page.locator('textarea[name="body_html"]').inputValue();

  it('takes an article from an author, through a return, to the public site', async () => {
    const png = (color: string) => sharp({ create: { width: 800, height: 500, channels: 3, background: color } }).png().toBuffer();

    // 1. The author writes.
    const author = await open();
    await logIn(author, 'author@kontum.gov.vn');
    expect(new URL(author.url()).pathname).toBe('/admin');
    await checkAxe(author, 'tổng quan');
    await author.getByRole('link', { name: 'Viết bài mới' }).first().click();
    await checkAxe(author, 'viết bài mới');
    await author.locator('input[name="title"]').fill('Tập huấn kỹ năng số cho cán bộ cấp xã');
    await author.locator('form[action="/admin/bai-viet"] select[name="categoryId"]').selectOption({ label: '— Thông báo' });
    await author.getByRole('button', { name: 'Tạo bản nháp' }).click();
    await expect.poll(() => author.url()).toMatch(/\/admin\/bai-viet\/[0-9a-f-]{36}\?tb=da-tao$/);
    const articleUrl = author.url().split('?')[0]!;

    await author.getByLabel('Sapo (tóm tắt)').fill('Sở tổ chức lớp tập huấn kỹ năng số cho 120 cán bộ cấp xã.');
    await author.locator('.editor__content').click();
    await author.keyboard.type('Lớp tập huấn diễn ra trong hai ngày tại Hội trường Sở.');
    await author.getByRole('button', { name: 'Bảng', exact: true }).click();
    await author.keyboard.type('Nội dung');
    await author.keyboard.press('Tab');
    await author.keyboard.type('Số giờ');
    await author.keyboard.press('Tab');
    await author.keyboard.type('Ghi chú');
    await author.locator('.editor__content').click({ position: { x: 5, y: 5 } });
    await author.keyboard.press('Control+End');
    // One image uploaded with the picker…
    await author.locator('.editor input[type="file"]').setInputFiles({ name: 'lop-tap-huan.png', mimeType: 'image/png', buffer: await png('#2b5b8a') });
    await expect.poll(() => bodyHtml(author)).toMatch(/data-media-id="[0-9a-f-]{36}"/);
    author.once('dialog', (dialog) => void dialog.accept('Học viên thực hành trên máy tính'));
    await author.locator('.editor-figure').first().getByRole('button', { name: 'Sửa mô tả ảnh' }).click();
    // …and one pasted, at the end of the text (not over the selected picture).
    await author.locator('.editor__content p').first().click();
    await author.keyboard.press('Control+End');
    const pasted = [...(await png('#8a2b2b'))];
    await author.locator('.editor__content').evaluate((target, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, pasted);
    await expect.poll(async () => (await bodyHtml(author)).match(/data-media-id="[0-9a-f-]{36}"/g)?.length ?? 0).toBe(2);
    // The gallery: two photos with captions.
    await author.locator('fieldset[data-gallery] input[type="file"]').setInputFiles([
      { name: 'anh-1.png', mimeType: 'image/png', buffer: await png('#2b8a4a') },
      { name: 'anh-2.png', mimeType: 'image/png', buffer: await png('#8a7b2b') },
    ]);
    await expect.poll(() => author.locator('input[name="gallery_caption"]').count()).toBe(2);
    await author.locator('input[name="gallery_caption"]').nth(0).fill('Giảng viên hướng dẫn');
    await author.locator('input[name="gallery_caption"]').nth(1).fill('Học viên thảo luận nhóm');
    await author.getByLabel('Tiêu đề thư viện ảnh').fill('Một số hình ảnh tại lớp tập huấn');
    await checkAxe(author, 'soạn bài');
    await author.screenshot({ path: `${RESULTS_DIR}/newsroom-editor.png`, fullPage: true });
    await author.getByRole('button', { name: 'Lưu và gửi duyệt' }).click();
    await expect.poll(() => author.url()).toContain('tb=da-gui-duyet');
    const stored = await portal.testDb.db.kysely.selectFrom('articles').select(['status', 'body_html']).where('title', '=', 'Tập huấn kỹ năng số cho cán bộ cấp xã').executeTakeFirstOrThrow();
    expect(stored.status).toBe('submitted');
    expect(stored.body_html).toContain('<table>');
    expect(stored.body_html.match(/<img data-media-id/g)).toHaveLength(2);

    // 2. The chief editor sees it waiting, and returns it: the pasted picture has no description.
    const chief = await open();
    await logIn(chief, 'chief-editor@kontum.gov.vn');
    await chief.getByRole('link', { name: 'Tập huấn kỹ năng số cho cán bộ cấp xã' }).click();
    await expect(chief.getByText('Còn thiếu: mô tả (alt) cho 1 ảnh')).toBeDefined();
    expect(await chief.locator('.checklist').textContent()).toContain('mô tả (alt) cho 1 ảnh');
    await checkAxe(chief, 'duyệt bài');
    await chief.getByLabel('Lời nhắn cho người viết').fill('Ảnh thứ hai chưa có mô tả cho người khiếm thị.');
    await chief.getByRole('button', { name: 'Trả lại' }).click();
    await expect.poll(() => chief.url()).toContain('tb=da-tra-lai');

    // 3. The author sees the comment, fixes it and submits again; the chief publishes.
    await author.goto(`${origin}/admin`);
    expect(await author.locator('.queue__comment').first().textContent()).toContain('Ảnh thứ hai chưa có mô tả');
    await author.goto(articleUrl);
    author.once('dialog', (dialog) => void dialog.accept('Toàn cảnh lớp học'));
    await author.locator('.editor-figure').nth(1).getByRole('button', { name: 'Sửa mô tả ảnh' }).click();
    await author.getByRole('button', { name: 'Lưu và gửi duyệt' }).click();
    await expect.poll(() => author.url()).toContain('tb=da-gui-duyet');
    await chief.goto(articleUrl);
    expect(await chief.locator('.editor-layout__side').textContent()).toContain('Đã đủ tiêu đề');
    await chief.getByRole('button', { name: 'Xuất bản' }).click();
    await expect.poll(() => chief.url()).toContain('tb=da-xuat-ban');

    // 4. A reader finds it, with its gallery.
    const reader = await open();
    await reader.goto(`${origin}/tin-tuc/thong-bao/tap-huan-ky-nang-so-cho-can-bo-cap-xa`);
    expect(await reader.locator('h1').textContent()).toContain('Tập huấn kỹ năng số cho cán bộ cấp xã');
    expect(await reader.locator('article table').count()).toBe(1);
    expect(await reader.getByText('Một số hình ảnh tại lớp tập huấn').count()).toBe(1);
    expect(await reader.getByText('Học viên thảo luận nhóm').count()).toBeGreaterThan(0);
    expect(await reader.locator('img[alt="Toàn cảnh lớp học"]').count()).toBe(1);
    expect(await reader.locator('.staff-bar').count()).toBe(0);
    await reader.screenshot({ path: `${RESULTS_DIR}/newsroom-published.png`, fullPage: true });
  }, 120_000);

  it('imports a Word document as a new draft', async () => {
    const docx = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ text: 'Kế hoạch chuyển đổi số năm 2027', heading: HeadingLevel.TITLE }),
              new Paragraph({ text: 'Mục tiêu', heading: HeadingLevel.HEADING_1 }),
              new Paragraph({ children: [new TextRun({ text: '100% hồ sơ được xử lý trực tuyến.', bold: true })] }),
            ],
          },
        ],
      }),
    );
    const page = await open();
    await logIn(page, 'author@kontum.gov.vn');
    await page.goto(`${origin}/admin/bai-viet/moi`);
    await page.locator('#docx-category').selectOption({ label: '— Thông báo' });
    await page.locator('#docx-file').setInputFiles({ name: 'ke-hoach.docx', mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', buffer: docx });
    await page.getByRole('button', { name: 'Nhập thành bản nháp' }).click();
    await expect.poll(() => page.url()).toContain('tb=da-tao');
    expect(await page.locator('input[name="title"]').inputValue()).toBe('Kế hoạch chuyển đổi số năm 2027');
    const html = await bodyHtml(page);
    expect(html).toContain('<h2>Mục tiêu</h2>');
    expect(html).toContain('<strong>100% hồ sơ được xử lý trực tuyến.</strong>');
  }, 60_000);

  it('sets up two-factor login for an admin, then asks for the code at the next login', async () => {
    const page = await open();
    await logIn(page, 'admin@kontum.gov.vn');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/tai-khoan/xac-thuc-hai-lop');
    await checkAxe(page, 'cài xác thực hai lớp');
    const secret = (await page.locator('code.token').textContent())!.trim();
    await page.getByLabel('Mã xác thực').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Bật xác thực hai lớp' }).click();
    expect(await page.locator('.recovery-codes li').count()).toBe(10);
    await page.goto(`${origin}/admin/thanh-vien`);
    await checkAxe(page, 'thành viên');
    await page.goto(`${origin}/admin/thu-vien`);
    await checkAxe(page, 'thư viện');
    await page.goto(`${origin}/admin/nhat-ky`);
    await checkAxe(page, 'nhật ký');
    await page.goto(`${origin}/admin/tai-khoan`);
    await checkAxe(page, 'tài khoản');
    await page.getByRole('button', { name: 'Đăng xuất' }).first().click();

    await logIn(page, 'admin@kontum.gov.vn');
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin/xac-thuc');
    await checkAxe(page, 'nhập mã hai lớp');
    await page.getByLabel('Mã xác thực').fill(await generate({ secret }));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/admin');
  }, 60_000);

  it('finds no serious or critical accessibility violation on the staff pages', () => {
    expect(axeFindings).toEqual([]);
    for (const session of sessions) expect(session.errors).toEqual([]);
  });
});
