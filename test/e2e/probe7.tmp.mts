import { launchChromium, servePortal, openSession } from './browser.ts';
const [{ portal, origin }, browser] = await Promise.all([servePortal(), launchChromium()]);
const s = await openSession(browser, { viewport: { width: 1366, height: 900 }, baseURL: origin });
const url = `/tin-tuc/thong-bao/${portal.fixture.seedSlug}`;
await s.page.goto(url);
console.log(await s.page.evaluate(`(() => {
  const r = (sel) => { const e = document.querySelector(sel); const b = e.getBoundingClientRect(); const cs = getComputedStyle(e); return sel + ': left=' + b.left + ' right=' + b.right + ' w=' + b.width + ' h=' + b.height + ' margin=' + cs.margin + ' padding=' + cs.padding; };
  return ['.site-header__inner', '.main-nav__list', '.page', '.content', '.header-banner img', '.nav-login'].map(r).join(' | ');
})()`));
await s.page.emulateMedia({ media: 'print' });
await s.page.evaluate(`(async () => { for (const img of document.images) img.loading = 'eager'; await new Promise(r => setTimeout(r, 500)); })()`);
await s.page.screenshot({ path: '/tmp/crops/print.png', fullPage: true });
await browser.close(); await portal.close();
