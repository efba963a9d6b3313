/**
 * Shared set-up for browser journeys: finds Debian's Chromium (or CHROMIUM_PATH), skips the
 * suite with one line when there is none, serves the fixture portal on a real port and
 * records every request the browser makes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { describe } from 'vitest';
import { startTestPortal, type TestPortal } from '../helpers/test-app.js';

/** Where screenshots and the print PDF go (ignored by git). */
export const RESULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results');

/**
 * Without these Chromium waits for the network (QUIC probes, component updates, sync) and
 * hangs on a closed network.
 */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** CHROMIUM_PATH, when set, replaces Debian's path (and a wrong one skips rather than falls back). */
const wantedPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const chromiumPath: string | undefined = fs.existsSync(wantedPath) ? wantedPath : undefined;

/** `describe` when Chromium is there, otherwise `describe.skip` and one line saying why. */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumPath) {
    describe(name, body);
    return;
  }
  console.log(`Bỏ qua kiểm thử trình duyệt: không tìm thấy Chromium ở ${wantedPath} (cài gói chromium hoặc đặt CHROMIUM_PATH).`);
  describe.skip(name, body);
}

export function launchChromium(): Promise<Browser> {
  if (!chromiumPath) throw new Error('Chromium not found');
  return chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_ARGS, timeout: 20_000 });
}

/** The fixture portal listening on 127.0.0.1 and a random port. */
export async function servePortal(): Promise<{ portal: TestPortal; origin: string }> {
  const portal = await startTestPortal('sqlite');
  await portal.app.listen({ port: 0, host: '127.0.0.1' });
  const address = portal.app.server.address();
  if (!address || typeof address === 'string') throw new Error(`unexpected server address: ${String(address)}`);
  return { portal, origin: `http://127.0.0.1:${address.port}` };
}

/** What a browsing session did that a journey may want to assert on afterwards. */
export interface Session {
  context: BrowserContext;
  page: Page;
  /** Every URL the browser requested, in order. */
  requests: string[];
  /** Console errors (CSP violations included) and uncaught page errors. */
  errors: string[];
}

/**
 * A fresh context (AxeBuilder needs a page made from one) with request and error recording.
 */
export async function openSession(browser: Browser, options: BrowserContextOptions = {}): Promise<Session> {
  const context = await browser.newContext({ locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh', ...options });
  context.setDefaultTimeout(5_000);
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  return { context, page, requests, errors };
}

/**
 * Scrolls through the page so lazy images come into view, then waits until every image
 * that is displayed has finished loading (lightboxes stay closed, so theirs stay unloaded).
 */
export async function loadVisibleImages(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const step = Math.max(200, window.innerHeight - 100);
    for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForFunction(() => [...document.images].filter((img) => img.getClientRects().length > 0).every((img) => img.complete));
}
