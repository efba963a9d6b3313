/**
 * The form parts in a real browser: axe finds nothing, the honeypot is out of the Tab order,
 * out of the accessibility tree and out of sight, and the challenge is read as its label.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { renderToString } from 'preact-render-to-string';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeInBrowser, launchChromium } from '../../../test/e2e/browser.js';
import { FormDefences, PrivacyNotice } from './index.js';

const siteCss = fs.readFileSync(path.resolve(import.meta.dirname, '../public-site/assets/site.css'), 'utf8');

function page(body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Gửi câu hỏi</title><style>${siteCss}</style></head><body><main><h1>Gửi câu hỏi</h1>${body}</main></body></html>`;
}

describeInBrowser('the public form defences in a browser', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => browser?.close());

  it('pass axe, keep the honeypot from keyboard, screen reader and eye, and label the challenge', async () => {
    const form = renderToString(
      <form method="post" action="/hoi-dap/gui">
        <label for="noi-dung">Nội dung câu hỏi</label>
        <textarea id="noi-dung" name="body" required />
        <FormDefences token="abc.def" challenge={{ question: 'Ba cộng bốn bằng mấy? (ghi bằng số)' }} challengeError="Câu trả lời cho câu hỏi kiểm tra chưa đúng." />
        <PrivacyNotice retentionDays={365} />
        <button type="submit">Gửi câu hỏi</button>
      </form>,
    );
    // The page has no script of its own; axe needs to run one.
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.setContent(page(form));
    const axe = await new AxeBuilder({ page: tab }).analyze();
    expect(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);

    // Tab through the whole page: focus never lands on the honeypot.
    const focused: string[] = [];
    for (let i = 0; i < 8; i += 1) {
      await tab.keyboard.press('Tab');
      focused.push(await tab.evaluate(() => (document.activeElement as HTMLElement | null)?.getAttribute('name') ?? document.activeElement?.tagName ?? ''));
    }
    expect(focused).toContain('challenge_answer');
    expect(focused).not.toContain('website');

    const tree = await tab.locator('main').ariaSnapshot();
    expect(tree).toContain('Câu hỏi kiểm tra: Ba cộng bốn bằng mấy? (ghi bằng số)');
    expect(tree).not.toContain('Để trống ô này');
    // Its wrapper is a 1-pixel box with overflow hidden: nothing of it shows.
    const box = await tab.locator('div:has(> input[name="website"])').boundingBox();
    expect((box?.width ?? 0) <= 1 && (box?.height ?? 0) <= 1).toBe(true);
    await expect(tab.getByRole('textbox', { name: /Câu hỏi kiểm tra/ }).getAttribute('aria-describedby')).resolves.toBe('bieu-mau-kiem-tra-loi');
    await context.close();
  }, 90_000);
});
