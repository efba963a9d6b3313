/**
 * A citizen's journeys through the public site in real Chromium: menu → category → the
 * seed-like article, its gallery, printing, the view counter, accessibility and how the
 * page looks on a phone and a desktop. Screenshots and the PDF land in test-results/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { SEED_TITLE } from '../helpers/fixture-site.js';
import type { TestPortal } from '../helpers/test-app.js';
import { describeInBrowser, launchChromium, loadVisibleImages, openSession, RESULTS_DIR, servePortal, type Session } from './browser.js';

const DESKTOP = { width: 1366, height: 900 };
const PHONE = { width: 390, height: 844 };
/** A Vietnamese integer: 69.535, 2.578, 7. */
const VI_NUMBER = /^\d{1,3}(\.\d{3})*$/;
const toNumber = (text: string) => Number(text.trim().replace(/\./g, ''));

describeInBrowser('public site in Chromium', () => {
  let browser: Browser;
  let portal: TestPortal;
  let origin: string;
  let articleUrl: string;
  let session: Session | undefined;

  /**
   * The one tab every journey uses (a new tab costs a renderer process, about a second on a
   * busy machine), back at desktop size and on screen media. Its requests and errors are
   * checked at the end.
   */
  async function reader(): Promise<Page> {
    if (!session) {
      session = await openSession(browser, { viewport: DESKTOP, baseURL: origin });
      // The print dialog cannot open headless: record the calls instead.
      await session.context.addInitScript(() => {
        const calls: number[] = [];
        (window as unknown as { printCalls: number[] }).printCalls = calls;
        window.print = () => void calls.push(Date.now());
      });
    }
    await session.page.setViewportSize(DESKTOP);
    await session.page.emulateMedia({ media: 'screen' });
    return session.page;
  }

  const views = async (page: Page) => {
    const text = (await page.locator('.article__views').textContent()) ?? '';
    expect(text.trim()).toMatch(VI_NUMBER);
    return toNumber(text);
  };

  const isDisplayed = (locator: Locator) => locator.evaluate((element) => element.getClientRects().length > 0 && getComputedStyle(element).visibility !== 'hidden');

  beforeAll(async () => {
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    // 1. Server and browser start together; both take about a second.
    const [served, launched] = await Promise.all([servePortal(), launchChromium()]);
    portal = served.portal;
    origin = served.origin;
    browser = launched;
    articleUrl = `/tin-tuc/thong-bao/${portal.fixture.seedSlug}`;
  });

  afterAll(async () => {
    await session?.context.close().catch(() => {});
    await browser?.close();
    await portal?.close();
  });

  it('goes from the home page through the menu to the article and shows every element of the seed page', async () => {
    const page = await reader();
    await page.goto('/');
    await expect.poll(() => page.locator('html').getAttribute('class')).toContain('has-js');

    // 1. The nested menu opens on keyboard focus and on hover.
    const nav = page.getByRole('navigation', { name: 'Menu chính' });
    const newsItem = nav.locator('li', { has: page.locator('> a', { hasText: 'Tin tức' }) });
    const submenuLink = newsItem.getByRole('link', { name: 'Thông báo', exact: true });
    expect(await submenuLink.isVisible()).toBe(false);
    await newsItem.locator('> a').focus();
    await expect.poll(() => submenuLink.isVisible()).toBe(true);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await expect.poll(() => submenuLink.isVisible()).toBe(false);
    await newsItem.locator('> a').hover();
    await submenuLink.click();
    await page.waitForURL(`${origin}/tin-tuc/thong-bao`);

    // 2. The category page: breadcrumb with separators drawn by CSS.
    const breadcrumb = page.getByRole('navigation', { name: 'Đường dẫn' });
    await breadcrumb.waitFor();
    expect(await breadcrumb.locator('.breadcrumb__label').textContent()).toBe('Bạn đang ở:');
    expect(await breadcrumb.locator('a').allTextContents()).toEqual(['Trang chủ', 'Tin tức', 'Thông báo']);
    const separators = await breadcrumb.locator('li + li').evaluateAll((items) => items.map((li) => getComputedStyle(li, '::before').content));
    expect(separators).toEqual(['"›"', '"›"']);
    expect(await breadcrumb.getByRole('link', { name: 'Thông báo' }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Thông báo');

    // 3. The article, reached by its title in the list.
    await page.locator('main .article-list').getByRole('link', { name: SEED_TITLE }).click();
    await page.waitForURL(`${origin}${articleUrl}`);
    await expect.poll(() => page.locator('html').getAttribute('class')).toContain('has-js');
    await loadVisibleImages(page);

    const main = page.locator('main');
    const article = main.locator('article');
    const mustSee: Record<string, Locator> = {
      breadcrumb: main.getByRole('navigation', { name: 'Đường dẫn' }),
      title: page.getByRole('heading', { level: 1, name: SEED_TITLE }),
      lead: article.locator('.article__lead', { hasText: 'Sáng 13/01/2022, Sở tổng kết năm 2021' }),
      figures: article.getByText('6.518/5.700 người, đạt 114,35% kế hoạch'),
      'second paragraph': article.getByText('Tỷ lệ lao động qua đào tạo đạt 55,7%.'),
      'inline image': article.locator('.article__body figure img[alt="Giám đốc Sở phát biểu"]'),
      'inline caption': article.locator('.article__body figure figcaption', { hasText: 'Đ/c Giám đốc Sở phát biểu chỉ đạo tại Hội nghị' }),
      'gallery heading': article.getByRole('heading', { level: 2, name: 'Một số hình ảnh tại Hội nghị' }),
      byline: article.getByText('Tin và ảnh: Lê Thương'),
      'posted by': article.getByText('Đăng bởi:'),
      'poster name': article.getByText('SLĐTBXH Kon Tum'),
      'posted on': article.locator('.article__meta div', { hasText: 'Ngày đăng:' }).getByText('16/01/2022'),
      views: article.locator('.article__meta div', { hasText: 'Lượt xem:' }).locator('dd'),
      back: article.getByRole('link', { name: 'Quay về' }),
      'print button': article.getByRole('button', { name: 'In bài viết' }),
      'sidebar Thông báo': page.getByRole('complementary').getByRole('heading', { name: 'Thông báo' }),
      'sidebar Thông tin chung': page.getByRole('complementary').getByRole('heading', { name: 'Thông tin chung' }),
      'visit counter': page.locator('.visit-counter__number'),
      emblem: page.locator('header img[alt^="Quốc huy"]'),
      'governing body': page.locator('header').getByText('Ủy ban nhân dân tỉnh Kon Tum'),
      'agency name': page.locator('header').getByText('Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum'),
      'footer address': page.locator('footer').getByText('Địa chỉ: 123 Trần Hưng Đạo, TP. Kon Tum'),
      'footer phone': page.locator('footer').getByText(/Điện thoại: 0260 3862 000/),
      'footer email': page.locator('footer').getByRole('link', { name: 'sldtbxh@kontum.gov.vn' }),
    };
    const hidden: string[] = [];
    for (const [name, locator] of Object.entries(mustSee)) {
      if ((await locator.count()) !== 1 || !(await locator.isVisible())) hidden.push(`${name} (${await locator.count()} found)`);
    }
    expect(hidden, 'not visible on the article page').toEqual([]);

    expect(await article.getByRole('link', { name: 'Quay về' }).getAttribute('href')).toBe('/tin-tuc/thong-bao');
    expect((await mustSee.views!.textContent())!.trim()).toMatch(VI_NUMBER);
    expect(await views(page)).toBeGreaterThanOrEqual(2577);
    const visits = (await mustSee['visit counter']!.textContent())!.trim();
    expect(visits).toMatch(VI_NUMBER);
    expect(toNumber(visits)).toBeGreaterThanOrEqual(69_534);
    expect(await page.getByRole('complementary').getByRole('heading', { name: 'Lượt truy cập' }).isVisible()).toBe(true);
    // the emblem and the inline photo are real files that decoded
    for (const image of [mustSee.emblem!, mustSee['inline image']!]) {
      expect(await image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    }
    expect(await page.title()).toBe(`${SEED_TITLE} - Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum`);
  });

  it('lists the latest articles under every section of the home page', async () => {
    const page = await reader();
    await page.goto('/');
    const sections = page.locator('.home-sections > section');
    expect(await sections.count()).toBe(2);
    const empty: string[] = [];
    for (const section of await sections.all()) {
      if ((await section.locator('a:not(.section-title a)').count()) === 0) empty.push((await section.locator('.section-title').textContent()) ?? '?');
    }
    expect(empty, 'home sections without any article').toEqual([]);
  });

  it('opens the gallery photos large, moves with the arrow keys and closes with Escape', async () => {
    const page = await reader();
    await page.goto(articleUrl);
    await expect.poll(() => page.locator('html').getAttribute('class')).toContain('has-js');
    const lightbox = page.locator('.lightbox:target');
    expect(await lightbox.count()).toBe(0);

    // 1. Every thumbnail is a real, decoded image.
    const thumbnails = page.locator('.gallery__grid img');
    expect(await thumbnails.count()).toBe(3);
    for (const thumbnail of await thumbnails.all()) {
      await thumbnail.scrollIntoViewIfNeeded();
      await expect.poll(() => thumbnail.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    }
    const thumbWidth = await thumbnails.first().evaluate((img) => img.getBoundingClientRect().width);

    // 2. The first thumbnail opens #anh-1 with a larger, loaded image.
    await page.locator('.gallery__grid a').first().click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#anh-1');
    expect(await lightbox.getAttribute('id')).toBe('anh-1');
    expect(await lightbox.isVisible()).toBe(true);
    const large = lightbox.locator('img');
    await expect.poll(() => large.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);
    const largeBox = await large.evaluate((img) => img.getBoundingClientRect().width);
    expect(largeBox).toBeGreaterThan(thumbWidth * 1.5);
    expect(await lightbox.getByText('Toàn cảnh Hội nghị, ảnh 1').isVisible()).toBe(true);
    // a full-screen view: no strip of the page left undimmed at any edge (soft, so the keys are still tested)
    const gaps = await lightbox.evaluate((box) => {
      const rect = box.getBoundingClientRect();
      const { clientWidth, clientHeight } = document.documentElement;
      return { top: rect.top, left: rect.left, bottom: clientHeight - rect.bottom, right: clientWidth - rect.right };
    });
    expect.soft(gaps, 'gaps between the open photo view and the window edges').toEqual({ top: 0, left: 0, bottom: 0, right: 0 });

    // 3. ArrowRight moves to the second photo.
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => lightbox.getAttribute('id')).toBe('anh-2');
    expect(await page.locator('#anh-2').isVisible()).toBe(true);
    expect(await page.locator('#anh-1').isVisible()).toBe(false);
    await expect.poll(() => page.locator('#anh-2 img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBeGreaterThan(0);

    // 4. Escape closes it.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('.lightbox:target').count()).toBe(0);
    expect(await page.locator('.lightbox').evaluateAll((boxes) => boxes.filter((box) => box.getClientRects().length > 0).length)).toBe(0);
  });

  it('prints the article without menu, sidebar and buttons, and the print button calls window.print', async () => {
    const page = await reader();
    await page.goto(articleUrl);
    await expect.poll(() => page.locator('html').getAttribute('class')).toContain('has-js');

    // 1. The button calls window.print.
    await page.getByRole('button', { name: 'In bài viết' }).click();
    expect(await page.evaluate(() => (window as unknown as { printCalls: number[] }).printCalls.length)).toBe(1);

    // 2. Print media: what an archive copy should and should not show.
    await loadVisibleImages(page);
    await page.emulateMedia({ media: 'print' });
    const expectations: [string, Locator, boolean][] = [
      ['main menu', page.locator('.main-nav'), false],
      ['sidebar', page.locator('.sidebar'), false],
      ['print button', page.locator('[data-action="print"]'), false],
      // role queries skip hidden elements, so CSS selectors find what print hides
      ['back link', page.locator('.article__actions a', { hasText: 'Quay về' }), false],
      ['breadcrumb', page.locator('.breadcrumb'), false],
      ['title', page.locator('h1', { hasText: SEED_TITLE }), true],
      ['body', page.locator('.article__body'), true],
      ['figures', page.getByText('6.518/5.700 người, đạt 114,35% kế hoạch'), true],
      ['byline', page.getByText('Tin và ảnh: Lê Thương'), true],
      ['source address', page.locator('.print-source'), true],
    ];
    const wrong: string[] = [];
    for (const [name, locator, shouldShow] of expectations) {
      if ((await isDisplayed(locator)) !== shouldShow) wrong.push(`${name} should be ${shouldShow ? 'shown' : 'hidden'}`);
    }
    expect(wrong, 'print view').toEqual([]);
    // The site's canonical origin, not the address this browser used (no request header reaches a cached page).
    expect(await page.locator('.print-source').textContent()).toBe(`Nguồn: ${portal.app.services.sites.resolve(undefined)!.origin}${articleUrl}`);

    // 3. A PDF comes out of it.
    const pdfPath = path.join(RESULTS_DIR, 'article-print.pdf');
    await page.pdf({ path: pdfPath, format: 'A4' });
    await page.emulateMedia({ media: 'screen' });
    const pdf = fs.readFileSync(pdfPath);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.length).toBeGreaterThan(10_000);
    // Chromium writes image dictionaries uncompressed: the inline photo and the 3 gallery photos are printed
    expect(pdf.toString('latin1').match(/\/Subtype\s*\/Image/g)?.length ?? 0, 'photos in the PDF').toBeGreaterThanOrEqual(4);
  });

  it('raises "Lượt xem" by exactly one when the reader reloads the article', async () => {
    const page = await reader();
    await page.goto(articleUrl);
    const before = await views(page);
    const reload = await page.reload();
    const shown = await views(page);
    let why = 'views after a reload';
    if (shown !== before + 1) {
      // Say whether the server failed to count or the browser kept a stale copy.
      const validator = (await reload!.request().allHeaders())['if-none-match'];
      const served = /class="article__views">([\d.]+)</.exec(await (await page.request.get(articleUrl)).text())?.[1];
      why = `the reload sent If-None-Match: ${validator ?? '(none)'}; a fetch without the browser cache then got "Lượt xem: ${served}"`;
    }
    expect(shown, why).toBe(before + 1);
    await page.goto(articleUrl);
    expect(await views(page), 'second visit').toBe(before + 2);
  });

  it('enlarges the text and switches to high contrast from the keyboard, remembered on the next page, with the page still served from the cache', async () => {
    const page = await reader();
    await page.goto('/tin-tuc/thong-bao');
    const sizeOf = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
    const normal = await sizeOf();
    await page.getByRole('button', { name: 'Tăng cỡ chữ' }).focus();
    await page.keyboard.press('Enter');
    expect(await sizeOf()).toBeGreaterThan(normal);
    await page.getByRole('button', { name: 'Tương phản cao' }).focus();
    await page.keyboard.press('Space');
    expect(await page.getByRole('button', { name: 'Tương phản cao' }).getAttribute('aria-pressed')).toBe('true');
    const next = await page.goto(articleUrl);
    expect(next!.headers()['cache-control']).toBe('no-cache');
    expect(await page.evaluate(() => [document.documentElement.dataset.textSize, document.documentElement.dataset.contrast])).toEqual(['1', 'high']);
    await page.getByRole('button', { name: 'Cỡ chữ mặc định' }).click();
    await page.getByRole('button', { name: 'Tương phản cao' }).click();
    expect(await sizeOf()).toBe(normal);
    expect(await page.evaluate(() => document.documentElement.dataset.contrast)).toBeUndefined();
  });

  it('searches without diacritics from the header box, without script, and opens a result', async () => {
    const page = await reader();
    await page.goto('/tin-tuc/thong-bao');
    const box = page.getByRole('search').first().getByRole('searchbox', { name: 'Tìm kiếm trên trang' });
    await box.fill('hoi nghi trien khai');
    await box.press('Enter');
    await page.waitForURL(/\/tim-kiem\?q=hoi\+nghi\+trien\+khai$/);
    await expect.poll(() => page.locator('.search-summary').textContent()).toMatch(/^\d+ kết quả cho "hoi nghi trien khai"/);
    const first = page.locator('.search-hit').first();
    // Matches are marked in the title with their diacritics.
    expect(await first.locator('.search-hit__title mark').allTextContents()).toEqual(expect.arrayContaining(['Hội', 'nghị', 'triển', 'khai']));
    await first.getByRole('link', { name: SEED_TITLE }).click();
    await page.waitForURL(new RegExp(`${articleUrl}$`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(SEED_TITLE);

    // The same search with script off: the header box is a plain form.
    const noScript = await browser.newContext({ javaScriptEnabled: false, baseURL: origin });
    try {
      const plain = await noScript.newPage();
      await plain.goto('/');
      await plain.getByRole('searchbox', { name: 'Tìm kiếm trên trang' }).fill('dak lak');
      await plain.getByRole('button', { name: 'Tìm', exact: true }).click();
      await plain.waitForURL(/\/tim-kiem\?q=dak\+lak$/);
      expect(await plain.locator('.search-summary').textContent()).toContain('"dak lak"');
    } finally {
      await noScript.close();
    }
    // A query that cannot be run (a 400, which the shared tab would log as an error) is as accessible.
    const refused = await browser.newContext({ baseURL: origin });
    try {
      const tab = await refused.newPage();
      const answer = await tab.goto('/tim-kiem?q=%22%3F');
      expect(answer?.status()).toBe(400);
      expect(await tab.getByRole('alert').textContent()).toContain('Hãy nhập từ khóa cần tìm');
      const { violations } = await new AxeBuilder({ page: tab }).analyze();
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
    } finally {
      await refused.close();
    }
  });

  it('has no serious or critical accessibility violations on the home, category, article and search pages', async () => {
    const page = await reader();
    const report: string[] = [];
    for (const url of ['/', '/tin-tuc/thong-bao', articleUrl, '/tim-kiem?q=hoi+nghi', '/tim-kiem?q=khong+co+dau&category=tin-tuc&from=2020-01-01']) {
      await page.goto(url);
      await expect.poll(() => page.locator('html').getAttribute('class')).toContain('has-js');
      const result = await new AxeBuilder({ page }).analyze();
      for (const violation of result.violations) {
        if (violation.impact !== 'serious' && violation.impact !== 'critical') continue;
        report.push(`${url}: ${violation.id} (${violation.impact}) ${violation.help} → ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`);
      }
    }
    expect(report, report.join('\n')).toEqual([]);
  });

  it('saves full-page screenshots at phone and desktop widths', async () => {
    const shots: [string, string, { width: number; height: number }][] = [
      ['article-phone.png', articleUrl, PHONE],
      ['article-desktop.png', articleUrl, DESKTOP],
      ['home-desktop.png', '/', DESKTOP],
    ];
    const page = await reader();
    for (const [file, url, viewport] of shots) {
      await page.setViewportSize(viewport);
      await page.goto(url);
      await expect.poll(() => page.locator('html').getAttribute('class')).toContain('has-js');
      await loadVisibleImages(page);
      // nothing may stick out sideways (no horizontal scrolling on a phone)
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${file}: page width`).toBeLessThanOrEqual(viewport.width);
      const broken = await page.evaluate(() => [...document.images].filter((img) => img.getClientRects().length > 0 && img.naturalWidth === 0).map((img) => img.currentSrc || img.src));
      expect(broken, `${file}: broken images`).toEqual([]);
      const shot = await page.screenshot({ path: path.join(RESULTS_DIR, file), fullPage: true });
      expect(shot.length).toBeGreaterThan(10_000);
    }
  });

  it('never requests anything outside the test server, and logs no errors', () => {
    const requests = session?.requests ?? [];
    expect(requests.length).toBeGreaterThan(20);
    // data: and blob: URLs never touch the network
    const outside = requests.filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);
    expect(outside, 'requests leaving the test server').toEqual([]);
    expect(session?.errors).toEqual([]);
  });
});
