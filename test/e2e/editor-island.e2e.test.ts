/**
 * The staff islands in real Chromium, on a tiny page served here (not the portal): the
 * editor (typing, bold, tables, links, image upload, pasting from Word, autosave, the
 * leave-page guard), the gallery and the media-library uploader. The page is sent with
 * the portal's Content-Security-Policy, so anything the islands do that the policy forbids
 * (inline styles, TipTap's injected CSS) shows up as a console error.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AxeBuilder } from '@axe-core/playwright';
import * as esbuild from 'esbuild';
import fc from 'fast-check';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { sanitizeBody } from '../../src/modules/articles/sanitize-body.js';
import { SECURITY_HEADERS } from '../../src/platform/http/security-headers.js';
import { describeInBrowser, launchChromium, openSession, RESULTS_DIR, type Session } from './browser.js';

const ISLANDS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src/modules/admin-ui/islands');
const CSRF = 'token-for-the-test-0123456789';
const MEDIA_ID = '7d5b6a0e-9c1f-4e2a-8b3c-0a1b2c3d4e5f';
const INITIAL_BODY = '<h2>Tiêu đề mục</h2><p>Đoạn đầu tiên.</p>';

/** What the fake server saw. */
interface Seen {
  uploads: Array<{ csrf: string | undefined; body: Buffer; contentType: string | undefined }>;
  autosaves: Array<{ csrf: string | undefined; body: string; contentType: string | undefined }>;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

function page(title: string, islands: string[], body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>${title}</title>
<meta name="csrf-token" content="${CSRF}">
${islands.map((name) => `<link rel="stylesheet" href="/${name}.css"><script type="module" src="/${name}.js"></script>`).join('\n')}
</head><body><main>${body}</main></body></html>`;
}

const EDITOR_PAGE = page(
  'Sửa bài',
  ['editor'],
  `<form method="post" action="/save" data-article-form data-upload-url="/upload" data-autosave-url="/autosave">
  <input type="hidden" name="_csrf" value="${CSRF}">
  <label for="title">Tiêu đề</label> <input id="title" name="title" value="Bài thử">
  <label for="body">Nội dung</label>
  <textarea id="body" name="body_html" data-editor required aria-describedby="body-help">${escapeHtml(INITIAL_BODY)}</textarea>
  <p id="body-help">Ảnh chèn vào nội dung cần có mô tả.</p>
  <p data-autosave-status aria-live="polite"></p>
  <button type="submit">Lưu</button>
</form>`,
);

const GALLERY_PAGE = page(
  'Bộ sưu tập',
  ['gallery'],
  `<form method="post" action="/save"><fieldset data-gallery data-upload-url="/upload"><legend>Bộ sưu tập ảnh</legend><ol>
${['a', 'b', 'c']
  .map(
    (name, i) =>
      `<li><input type="hidden" name="gallery_media_id" value="00000000-0000-4000-8000-00000000000${i}"><img src="/thumb.png" alt=""><label>Chú thích <input name="gallery_caption" value="${name}"></label><button type="button" data-move="up" hidden>Lên</button><button type="button" data-move="down" hidden>Xuống</button><button type="button" data-remove hidden>Gỡ</button></li>`,
  )
  .join('')}
</ol></fieldset><button type="submit">Lưu</button></form>`,
);

const UPLOADER_PAGE = page(
  'Thư viện',
  ['uploader'],
  `<form data-uploader action="/upload" method="post" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="${CSRF}">
<label>Tệp <input type="file" name="file" accept="image/*"></label><label>Mô tả <input name="alt" value="Ảnh hội nghị"></label><button type="submit">Tải lên</button></form>`,
);

/** Word's clipboard HTML, trimmed: list paragraphs, mso styles, o:p, spans, a file:// image. */
const WORD_HTML = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word"><head><meta name=Generator content="Microsoft Word 15"><style><!-- p.MsoNormal {mso-style-parent:""; margin:0cm;} --></style><!--[if gte mso 9]><xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=VI style='tab-interval:36.0pt'><!--StartFragment-->
<h1 style='mso-outline-level:1'><span lang=VI style='font-family:"Times New Roman"'>Kết quả tuyển sinh<o:p></o:p></span></h1>
<p class=MsoNormal><b style='mso-bidi-font-weight:normal'><span lang=VI>Tổng số</span></b><span lang=VI> thí sinh: <i>6.518</i><o:p></o:p></span></p>
<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol;mso-fareast-font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span lang=VI>Trúng tuyển<o:p></o:p></span></p>
<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]><span lang=VI>Dự bị<o:p></o:p></span></p>
<p class=MsoNormal><o:p>&nbsp;</o:p></p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span><span style='mso-list:Ignore'>1.<span>&nbsp;&nbsp; </span></span></span><![endif]>Nộp hồ sơ</p>
<p class=MsoListParagraph style='mso-list:l1 level1 lfo2'><![if !supportLists]><span><span style='mso-list:Ignore'>2.<span>&nbsp;&nbsp; </span></span></span><![endif]>Phỏng vấn</p>
<p class=MsoNormal><span style='mso-no-proof:yes'><!--[if gte vml 1]><v:shape id="Picture_x0020_1" type="#_x0000_t75"><v:imagedata src="file:///C:/Users/x/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png" o:title=""/></v:shape><![endif]--><![if !vml]><img width=20 height=20 src="file:///C:/Users/x/AppData/Local/Temp/msohtmlclip1/01/clip_image001.png" v:shapes="Picture_x0020_1"><![endif]></span></p>
<table class=MsoTableGrid border=1 style='border-collapse:collapse;mso-yfti-tbllook:1184'><tr><td width=100 style='width:75pt;mso-border-alt:solid windowtext .5pt'><p class=MsoNormal>Ô một<o:p></o:p></p></td><td><p class=MsoNormal>Ô hai</p></td></tr></table>
<!--EndFragment--></body></html>`;

describeInBrowser('staff islands in Chromium', () => {
  let browser: Browser;
  let server: http.Server;
  let origin: string;
  let png: Buffer;
  const bundles = new Map<string, Uint8Array>();
  const seen: Seen = { uploads: [], autosaves: [] };
  /** This test's tabs, closed after it (an open tab would autosave when the next one takes focus). */
  let sessions: Session[] = [];
  const errors: string[] = [];
  let uploadCount = 0;

  async function open(pathname: string, { clock = false } = {}): Promise<Session> {
    const session = await openSession(browser, { baseURL: origin });
    sessions.push(session);
    if (clock) await session.page.clock.install();
    await session.page.goto(pathname);
    return session;
  }

  const bodyHtml = (p: Page) => p.locator('textarea[name="body_html"]').inputValue();

  beforeAll(async () => {
    // 1. The islands, bundled as the server does (islands-bundle.ts), in memory.
    const built = await esbuild.build({
      entryPoints: ['editor', 'gallery', 'uploader'].map((name) => path.join(ISLANDS, `${name}.ts`)),
      outdir: '/islands',
      entryNames: '[name]',
      bundle: true,
      format: 'esm',
      target: 'es2022',
      platform: 'browser',
      define: { 'process.env.NODE_ENV': '"production"' },
      logLevel: 'silent',
      write: false,
    });
    for (const output of built.outputFiles) bundles.set(path.basename(output.path), output.contents);
    png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 20, g: 90, b: 180 } } }).png().toBuffer();

    // 2. The fake server: pages, bundles, the media endpoint, thumbnails and autosave.
    server = http.createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks);
        const url = new URL(request.url ?? '/', 'http://x');
        const send = (status: number, type: string, content: string | Uint8Array) => {
          response.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type, 'cache-control': 'no-store' });
          response.end(content);
        };
        const csrf = request.headers['x-csrf-token'] as string | undefined;
        const pages: Record<string, string> = { '/editor': EDITOR_PAGE, '/gallery': GALLERY_PAGE, '/uploader': UPLOADER_PAGE };
        if (url.pathname === '/favicon.ico') return send(204, 'image/x-icon', '');
        if (request.method === 'GET' && pages[url.pathname]) return send(200, 'text/html; charset=utf-8', pages[url.pathname]!);
        const bundle = bundles.get(url.pathname.slice(1));
        if (request.method === 'GET' && bundle) return send(200, url.pathname.endsWith('.css') ? 'text/css' : 'text/javascript', bundle);
        if (request.method === 'GET' && (url.pathname === '/thumb.png' || /^\/admin\/media\/[0-9a-f-]{36}\/thumb$/.test(url.pathname))) return send(200, 'image/png', png);
        if (request.method === 'POST' && url.pathname === '/upload') {
          seen.uploads.push({ csrf, body, contentType: request.headers['content-type'] });
          if (body.includes('name="file"; filename="hong.png"')) return send(415, 'application/json', JSON.stringify({ error: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Tệp không phải ảnh hợp lệ.' } }));
          const id = uploadCount++ === 0 ? MEDIA_ID : `7d5b6a0e-9c1f-4e2a-8b3c-${String(uploadCount).padStart(12, '0')}`;
          return send(201, 'application/json', JSON.stringify({ media: { id, thumbUrl: `/admin/media/${id}/thumb`, alt: '' } }));
        }
        if (request.method === 'POST' && url.pathname === '/autosave') {
          seen.autosaves.push({ csrf, body: body.toString('utf8'), contentType: request.headers['content-type'] });
          return send(200, 'application/json', JSON.stringify({ savedAt: '2026-03-02T03:04:05.000Z' }));
        }
        if (request.method === 'POST' && url.pathname === '/save') return send(200, 'text/html; charset=utf-8', page('Đã lưu', [], '<p>Đã lưu</p>'));
        send(404, 'text/plain', 'not found');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no address');
    origin = `http://127.0.0.1:${address.port}`;
    browser = await launchChromium();
  });

  afterEach(async (context) => {
    for (const session of sessions) {
      await session.context.close().catch(() => undefined);
      errors.push(...session.errors.map((error) => `${context.task.name}: ${error}`));
    }
    sessions = [];
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
    // No CSP violation and no uncaught error in any page (the refused uploads answer 415 on purpose).
    expect(errors.filter((error) => !/status of 415/.test(error))).toEqual([]);
  });

  it('mounts over the textarea, and typing with bold writes <strong> into it', async () => {
    const { page: p } = await open('/editor');
    const content = p.locator('.editor__content');
    await expect.poll(() => p.locator('textarea[name="body_html"]').isHidden()).toBe(true);
    expect(await content.getAttribute('aria-labelledby')).toBe('body-label');
    expect(await content.getAttribute('aria-describedby')).toBe('body-help');

    await content.click();
    await p.keyboard.press('Control+End');
    await p.keyboard.press('Enter');
    await p.keyboard.type('Xin chào ');
    await p.getByRole('button', { name: 'Đậm' }).click();
    expect(await p.getByRole('button', { name: 'Đậm' }).getAttribute('aria-pressed')).toBe('true');
    await p.keyboard.type('cán bộ');
    await p.keyboard.press('Control+b');
    await p.keyboard.type(' và dân.');

    expect(await bodyHtml(p)).toBe(`${INITIAL_BODY}<p>Xin chào <strong>cán bộ</strong> và dân.</p>`);
    expect(await p.getByRole('button', { name: 'Đậm' }).getAttribute('aria-pressed')).toBe('false');

    const axe = await new AxeBuilder({ page: p }).include('.editor').analyze();
    expect(axe.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
  });

  it('has a one-stop toolbar that arrow keys move through', async () => {
    const { page: p } = await open('/editor');
    const toolbar = p.getByRole('toolbar', { name: 'Định dạng nội dung' });
    expect(await toolbar.locator('button[tabindex="0"]').count()).toBe(1);
    await p.locator('.editor__content').click();
    await p.keyboard.press('Alt+F10');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Đoạn văn');
    await p.keyboard.press('ArrowRight');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Tiêu đề 2');
    // Disabled buttons (table tools outside a table, undo/redo with no history) are skipped.
    await p.keyboard.press('End');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Đường kẻ ngang');
    await p.keyboard.press('ArrowRight');
    expect(await p.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Đoạn văn');
    // TipTap focuses on the next animation frame.
    await p.keyboard.press('Escape');
    await expect.poll(() => p.evaluate(() => document.activeElement?.classList.contains('editor__content'))).toBe(true);
  });

  it('inserts a 3×3 table with a header row, then adds a row', async () => {
    const { page: p } = await open('/editor');
    await p.locator('.editor__content').click();
    await p.keyboard.press('Control+End');
    await p.getByRole('button', { name: 'Bảng', exact: true }).click();
    await p.keyboard.type('Năm');
    await p.getByRole('button', { name: 'Thêm hàng' }).click();
    const html = await bodyHtml(p);
    expect(html).toContain('<table><tbody><tr><th><p>Năm</p></th><th><p></p></th><th><p></p></th></tr>');
    expect(html.match(/<tr>/g)).toHaveLength(4);
    expect(html).not.toMatch(/style=|colgroup|colwidth/);
  });

  it('refuses javascript: links and keeps https ones', async () => {
    const { page: p } = await open('/editor');
    await p.locator('.editor__content').click();
    await p.keyboard.press('Control+End');
    await p.keyboard.down('Shift');
    await p.keyboard.press('Home');
    await p.keyboard.up('Shift');
    p.once('dialog', (dialog) => void dialog.accept('java\tscript:alert(1)'));
    await p.getByRole('button', { name: 'Liên kết' }).click();
    await expect.poll(() => p.getByRole('alert').first().textContent()).toContain('Liên kết không được chấp nhận');
    expect(await bodyHtml(p)).toBe(INITIAL_BODY);
    p.once('dialog', (dialog) => void dialog.accept('dichvucong.gov.vn'));
    await p.getByRole('button', { name: 'Liên kết' }).click();
    expect(await bodyHtml(p)).toBe('<h2>Tiêu đề mục</h2><p><a href="https://dichvucong.gov.vn">Đoạn đầu tiên.</a></p>');
  });

  it('uploads a picked image with progress, shows it from the thumb URL and stores only its id', async () => {
    const { page: p } = await open('/editor');
    const uploadsBefore = seen.uploads.length;
    await p.locator('.editor__content').click();
    await p.keyboard.press('Control+End');
    await p.locator('.editor input[type="file"]').setInputFiles({ name: 'hoi-nghi.png', mimeType: 'image/png', buffer: png });

    await expect.poll(() => bodyHtml(p)).toContain('data-media-id=');
    const html = await bodyHtml(p);
    expect(html).toMatch(/<figure><img data-media-id="[0-9a-f-]{36}" alt=""><\/figure>/);
    expect(html).not.toContain('src=');
    const img = p.locator('.editor-figure img');
    await expect.poll(() => img.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth)).toBe(40);
    expect(await img.getAttribute('src')).toMatch(/^\/admin\/media\/[0-9a-f-]{36}\/thumb$/);

    // The request: CSRF header, and the alt field before the file.
    const upload = seen.uploads[uploadsBefore]!;
    expect(upload.csrf).toBe(CSRF);
    expect(upload.contentType).toMatch(/^multipart\/form-data/);
    const text = upload.body.toString('latin1');
    expect(text.indexOf('name="alt"')).toBeGreaterThan(-1);
    expect(text.indexOf('name="alt"')).toBeLessThan(text.indexOf('name="file"; filename="hoi-nghi.png"'));

    // Caption and description are editable; the stored figure follows.
    await p.locator('.editor-figure figcaption').click();
    await p.keyboard.type('Hội nghị tổng kết');
    // Enter leaves the caption for a new paragraph (it does not split the figure).
    await p.keyboard.press('Enter');
    await p.keyboard.type('Sau ảnh');
    p.once('dialog', (dialog) => void dialog.accept('Lãnh đạo Sở phát biểu'));
    await p.getByRole('button', { name: 'Sửa mô tả ảnh' }).click();
    expect(await bodyHtml(p)).toMatch(/<figure><img data-media-id="[0-9a-f-]{36}" alt="Lãnh đạo Sở phát biểu"><figcaption>Hội nghị tổng kết<\/figcaption><\/figure><p>Sau ảnh<\/p>$/);
    expect(await p.locator('.editor-figure').count()).toBe(1);
    // What the server will store is the same.
    expect(sanitizeBody(await bodyHtml(p))).toMatch(/<figure><img data-media-id="[0-9a-f-]{36}" alt="Lãnh đạo Sở phát biểu" \/><figcaption>Hội nghị tổng kết<\/figcaption><\/figure>/);
  });

  it('shows the server error of a refused upload and removes the placeholder', async () => {
    const { page: p } = await open('/editor');
    await p.locator('.editor__content').click();
    await p.locator('.editor input[type="file"]').setInputFiles({ name: 'hong.png', mimeType: 'image/png', buffer: Buffer.from('not a png') });
    await expect.poll(() => p.locator('.editor__alert').textContent()).toContain('Tệp không phải ảnh hợp lệ.');
    expect(await p.locator('.editor-figure').count()).toBe(0);
    expect(await bodyHtml(p)).toBe(INITIAL_BODY);
  });

  it('pastes Word HTML as headings, lists, emphasis and a table, without the junk', async () => {
    const { page: p } = await open('/editor');
    await p.locator('.editor__content').click();
    await p.keyboard.press('Control+End');
    await p.keyboard.press('Enter');
    const dataPng = `data:image/png;base64,${png.toString('base64')}`;
    await p.locator('.editor__content').evaluate((target, html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      data.setData('text/plain', 'Kết quả tuyển sinh');
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, WORD_HTML.replace('<table', `<p><img src="${dataPng}" alt="Biểu đồ"></p><table`));

    await expect.poll(() => bodyHtml(p)).toMatch(/data-media-id="[0-9a-f-]{36}" alt="Biểu đồ"/);
    const html = await bodyHtml(p);
    expect(html).toContain('<h2>Kết quả tuyển sinh</h2>');
    expect(html).toContain('<p><strong>Tổng số</strong> thí sinh: <em>6.518</em></p>');
    expect(html).toContain('<ul><li><p>Trúng tuyển</p></li><li><p>Dự bị</p></li></ul>');
    expect(html).toContain('<ol><li><p>Nộp hồ sơ</p></li><li><p>Phỏng vấn</p></li></ol>');
    expect(html).toContain('<table><tbody><tr><td><p>Ô một</p></td><td><p>Ô hai</p></td></tr></tbody></table>');
    expect(html).not.toMatch(/mso|o:p|class=|style=|<span|<font|lang=|file:|·|<!--/);
    // The file:// picture could not be read, and the author is told so.
    expect(await p.locator('.editor__note').textContent()).toContain('1 ảnh trong phần vừa dán không lấy được');
    await expect.poll(() => p.locator('.editor-figure img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(40);
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    await p.screenshot({ path: path.join(RESULTS_DIR, 'editor-island.png'), fullPage: true });
  });

  it('pastes Google Docs HTML without making all of it bold', async () => {
    const { page: p } = await open('/editor');
    await p.locator('.editor__content').click();
    await p.keyboard.press('Control+End');
    await p.keyboard.press('Enter');
    const docs = `<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-1a2b"><p dir="ltr" style="line-height:1.38;margin-top:0pt"><span style="font-size:11pt;font-family:Arial;font-weight:400;">Thường, </span><span style="font-size:11pt;font-weight:700;">đậm</span><span style="font-style:italic;"> nghiêng</span><span style="text-decoration:underline;"> gạch</span><span style="vertical-align:super;">2</span></p><ul style="margin-top:0;"><li dir="ltr" style="list-style-type:disc;"><p dir="ltr"><span>Mục</span></p></li></ul></b>`;
    await p.locator('.editor__content').evaluate((target, html) => {
      const data = new DataTransfer();
      data.setData('text/html', html);
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, docs);
    expect(await bodyHtml(p)).toBe(`${INITIAL_BODY}<p>Thường, <strong>đậm</strong><em> nghiêng</em><u> gạch</u><sup>2</sup></p><ul><li><p>Mục</p></li></ul>`);
  });

  it('uploads a pasted image file', async () => {
    const { page: p } = await open('/editor');
    await p.locator('.editor__content').click();
    await p.locator('.editor__content').evaluate((target, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'image.png', { type: 'image/png' }));
      target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }, [...png]);
    await expect.poll(() => bodyHtml(p)).toMatch(/<figure><img data-media-id="[0-9a-f-]{36}" alt=""><\/figure>/);
  });

  it('uploads an image file dropped on the text', async () => {
    const { page: p } = await open('/editor');
    await p.locator('.editor__content p').first().evaluate((target, bytes) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], 'keo-tha.png', { type: 'image/png' }));
      const box = target.getBoundingClientRect();
      target.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, clientX: box.right - 2, clientY: box.top + box.height / 2 }));
    }, [...png]);
    await expect.poll(() => bodyHtml(p)).toMatch(/^<h2>Tiêu đề mục<\/h2><p>Đoạn đầu tiên.<\/p><figure><img data-media-id="[0-9a-f-]{36}" alt=""><\/figure>$/);
  });

  it('autosaves 10 s after a change with the CSRF header, and on leaving the window', async () => {
    const { page: p } = await open('/editor', { clock: true });
    const before = seen.autosaves.length;
    await p.locator('.editor__content').click();
    await p.keyboard.type('Thêm ');
    await p.clock.runFor(9_000);
    expect(seen.autosaves.length).toBe(before);
    await p.clock.runFor(1_500);
    await expect.poll(() => seen.autosaves.length).toBe(before + 1);
    const save = seen.autosaves[before]!;
    expect(save.csrf).toBe(CSRF);
    expect(save.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    const fields = new URLSearchParams(save.body);
    expect(fields.get('title')).toBe('Bài thử');
    expect(fields.get('body_html')).toContain('Thêm');
    // savedAt 03:04 UTC is 10:04 in Hanoi, the context's time zone.
    await expect.poll(() => p.locator('[data-autosave-status]').textContent()).toBe('Đã tự động lưu lúc 10:04');

    // Nothing new: leaving the window saves nothing; after a change it saves at once.
    await p.evaluate(() => window.dispatchEvent(new Event('blur')));
    await p.locator('#title').fill('Bài thử mới');
    await p.evaluate(() => window.dispatchEvent(new Event('blur')));
    await expect.poll(() => seen.autosaves.length).toBe(before + 2);
    expect(new URLSearchParams(seen.autosaves[before + 1]!.body).get('title')).toBe('Bài thử mới');
  });

  it('asks before leaving with unsaved changes, but not after a submit', async () => {
    const first = await open('/editor');
    await first.page.locator('.editor__content').click();
    await first.page.keyboard.type('chưa lưu ');
    const asked = new Promise<string>((resolve) => first.page.once('dialog', (dialog) => void dialog.dismiss().then(() => resolve(dialog.type()))));
    await first.page.close({ runBeforeUnload: true });
    expect(await asked).toBe('beforeunload');

    const second = await open('/editor');
    await second.page.locator('.editor__content').click();
    await second.page.keyboard.type('lưu ngay ');
    let dialogs = 0;
    second.page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await second.page.getByRole('button', { name: 'Lưu' }).click();
    await second.page.waitForURL('**/save');
    expect(dialogs).toBe(0);
  });

  it('gallery: moves and removes items from the keyboard, and appends uploaded images', async () => {
    const { page: p } = await open('/gallery');
    const captions = () => p.locator('input[name="gallery_caption"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    const down = p.locator('li').first().getByRole('button', { name: 'Xuống' });
    await down.focus();
    await p.keyboard.press('Enter');
    expect(await captions()).toEqual(['b', 'a', 'c']);
    // The same button keeps focus, so pressing again moves the same image on.
    await p.keyboard.press('Enter');
    expect(await captions()).toEqual(['b', 'c', 'a']);
    expect(await p.locator('.gallery__status').textContent()).toContain('vị trí 3 trên 3');
    await p.locator('li').nth(1).getByRole('button', { name: 'Gỡ' }).click();
    expect(await captions()).toEqual(['b', 'a']);
    expect(await p.evaluate(() => document.activeElement?.closest('li')?.querySelector<HTMLInputElement>('input[name="gallery_caption"]')?.value)).toBe('a');

    await p.locator('fieldset input[type="file"]').setInputFiles([
      { name: 'mot.png', mimeType: 'image/png', buffer: png },
      { name: 'hai.png', mimeType: 'image/png', buffer: png },
    ]);
    await expect.poll(() => p.locator('input[name="gallery_media_id"]').count()).toBe(4);
    const ids = await p.locator('input[name="gallery_media_id"]').evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).value));
    expect(ids[2]).toMatch(/^[0-9a-f-]{36}$/);
    expect(await p.locator('li').last().locator('img').getAttribute('src')).toMatch(/^\/admin\/media\/[0-9a-f-]{36}\/thumb$/);
  });

  it('uploader: uploads several files with a progress bar each, reports a failed one, reloads when all went up', async () => {
    const { page: p } = await open('/uploader');
    const before = seen.uploads.length;
    await p.locator('input[type="file"]').setInputFiles([
      { name: 'mot.png', mimeType: 'image/png', buffer: png },
      { name: 'hong.png', mimeType: 'image/png', buffer: png },
    ]);
    await p.getByRole('button', { name: 'Tải lên' }).click();
    await expect.poll(() => p.locator('.upload-row--error').textContent()).toContain('Tệp không phải ảnh hợp lệ.');
    expect(await p.locator('.upload-row--done').count()).toBe(1);
    expect(await p.getByRole('button', { name: 'Tải lại trang để xem thư viện' }).isVisible()).toBe(true);
    expect(seen.uploads.length).toBe(before + 2);
    expect(seen.uploads[before]!.body.toString('utf8')).toContain('Ảnh hội nghị');

    await p.locator('input[type="file"]').setInputFiles([{ name: 'ba.png', mimeType: 'image/png', buffer: png }]);
    const reloaded = p.waitForEvent('load');
    await p.getByRole('button', { name: 'Tải lên' }).click();
    await reloaded;
    expect(await p.locator('.upload-row').count()).toBe(0);
  });

  it('stored bodies mean the same to Chromium as to the sanitiser (no parser differential)', async () => {
    const { page: p } = await open('/gallery');
    const fragment = fc.constantFrom('<p>', '</p>', '<table>', '<td>', '</td>', '<tr>', '<a href="/x">', '</a>', '<li>', '<ul>', '<figure>', `<img data-media-id="${MEDIA_ID}" alt="a">`, '<figcaption>', '<h1>', '<svg>', '<math>', '<noscript>', '<style>', '<template>', '<select>', '<textarea>', '<title>', '<!--', '-->', '"', "'", '<', '>', 'x', '<img src=x onerror=alert(1)>', '<iframe>', '<xmp>', '</noscript>', '</style>', '</title>');
    const samples = fc.sample(fc.array(fragment, { maxLength: 25 }), { numRuns: 400, seed: 42 }).map((parts) => sanitizeBody(parts.join('')));
    const problems = await p.evaluate((bodies: string[]) => {
      const allowed = new Set(['P', 'BR', 'H2', 'H3', 'H4', 'STRONG', 'EM', 'U', 'S', 'SUB', 'SUP', 'UL', 'OL', 'LI', 'A', 'BLOCKQUOTE', 'HR', 'TABLE', 'THEAD', 'TBODY', 'TR', 'TH', 'TD', 'FIGURE', 'IMG', 'FIGCAPTION']);
      const found: string[] = [];
      for (const body of bodies) {
        const template = document.createElement('template');
        template.innerHTML = body;
        for (const element of template.content.querySelectorAll('*')) {
          if (!allowed.has(element.tagName) || element.namespaceURI !== 'http://www.w3.org/1999/xhtml') found.push(`${element.tagName} in ${body}`);
          for (const name of element.getAttributeNames()) if (name.startsWith('on') || name === 'src' || name === 'style') found.push(`${name} in ${body}`);
        }
      }
      return found;
    }, samples);
    expect(problems).toEqual([]);
  });
});
