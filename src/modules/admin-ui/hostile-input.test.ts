/**
 * Hostile input through the whole newsroom: script in every field a staff member (or a
 * stolen account) can fill, and every upload the library must refuse. What is stored is
 * inert, and every page that shows it (public article, staff list, editor, library,
 * audit log) shows it as text.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { createApiToken } from '../accounts/index.js';
import { pngClaiming } from '../../../test/fixtures/media/build.js';

/** Payloads for plain-text fields: each must come back escaped, never as markup. */
const TEXT_PAYLOADS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</title><script>alert(1)</script>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '{{constructor.constructor("alert(1)")()}}',
  '<a href="javascript:alert(1)">x</a>',
  '\u0000<script>alert(1)</script>',
];

/** A page is safe when no payload's markup survived: no script/event handler/javascript: from the payloads. */
function expectInert(html: string): void {
  expect(html).not.toMatch(/<script>alert\(1\)<\/script>/);
  expect(html).not.toMatch(/<img src=x onerror/);
  expect(html).not.toMatch(/<svg onload/);
  expect(html).not.toMatch(/<iframe src="javascript:/);
  expect(html).not.toMatch(/<a href="javascript:/);
}

function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }): { payload: Buffer; contentType: string } {
  const boundary = 'hostile-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(ENGINES)('hostile input on %s', (engine) => {
  let portal: TestPortal;
  let token: string;
  let chiefToken: string;
  let categoryId: string;

  beforeAll(async () => {
    portal = await startTestPortal(engine, { env: { CONG_2FA_REQUIRED_ROLES: 'none' } });
    const db = portal.testDb.db.kysely;
    const siteId = (await db.selectFrom('sites').select('id').executeTakeFirstOrThrow()).id;
    categoryId = (await db.selectFrom('categories').select('id').where('path', '=', 'tin-tuc/thong-bao').executeTakeFirstOrThrow()).id;
    const scopeOf = async (role: 'editor' | 'chief_editor') => {
      const { userId, email } = await addStaff(db, siteId, role);
      return { siteId, actor: { id: userId, label: email, displayName: role, role, isSuperAdmin: false, via: 'session' as const }, clientIp: '127.0.0.1', now: new Date() };
    };
    token = (await createApiToken(db, await scopeOf('editor'), { name: 'x' })).token;
    chiefToken = (await createApiToken(db, await scopeOf('chief_editor'), { name: 'x' })).token;
  });
  afterAll(async () => portal.close());

  const api = (method: 'POST' | 'GET', url: string, payload?: unknown, bearer = token) => portal.app.inject({ method, url: `/api/admin/v1${url}`, payload: payload as object, headers: { authorization: `Bearer ${bearer}` } });
  const upload = (fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }) => {
    const { payload, contentType } = multipart(fields, file);
    return portal.app.inject({ method: 'POST', url: '/api/admin/v1/media', payload, headers: { authorization: `Bearer ${token}`, 'content-type': contentType } });
  };

  it('stores script in title, lead, byline, body, captions, alt and file names inertly, and every page shows it as text', async () => {
    const png = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#336699' } }).png().toBuffer();
    const mediaIds: string[] = [];
    for (const [i, payload] of TEXT_PAYLOADS.entries()) {
      const answer = await upload({ alt: `Ảnh ${i} ${payload}` }, { name: `${payload.replace(/["\r\n]/g, '')}.png`, type: 'image/png', bytes: png });
      expect(answer.statusCode, answer.body).toBe(201);
      mediaIds.push(answer.json().id);
    }
    const created = await api('POST', '/articles', {
      title: `Bài thử an toàn ${TEXT_PAYLOADS[0]}`,
      lead: TEXT_PAYLOADS.join(' '),
      byline: `Tin và ảnh: ${TEXT_PAYLOADS[1]}`,
      categoryId,
      bodyHtml: `<p>Mở đầu</p>${TEXT_PAYLOADS.join('')}<figure><img data-media-id="${mediaIds[0]}" alt='${TEXT_PAYLOADS[1]}' onerror="alert(1)"><figcaption>${TEXT_PAYLOADS[2]}</figcaption></figure>`,
      galleryTitle: TEXT_PAYLOADS[3],
      gallery: mediaIds.slice(1, 4).map((mediaId, i) => ({ mediaId, caption: TEXT_PAYLOADS[i + 4]! })),
      tags: [TEXT_PAYLOADS[6]!.slice(0, 60)],
      seoDescription: TEXT_PAYLOADS[7],
    });
    expect(created.statusCode, created.body).toBe(201);
    const article = created.json();
    expect(article.fields.bodyHtml).not.toMatch(/<script|onerror|onload|javascript:|<iframe/i);
    expect(article.fields.title).not.toContain('\u0000');
    await api('POST', `/articles/${article.id}/transitions`, { step: 'submit' });
    const published = await api('POST', `/articles/${article.id}/transitions`, { step: 'publish' }, chiefToken);
    expect(published.statusCode, published.body).toBe(200);

    const publicPage = await portal.app.inject({ url: `/tin-tuc/thong-bao/${article.fields.slug}` });
    expect(publicPage.statusCode).toBe(200);
    expectInert(publicPage.body);
    expect(publicPage.body).toContain('<h1 id="tieu-de">Bài thử an toàn &lt;script>alert(1)&lt;/script></h1>');

    const staff = new StaffClient(portal.app);
    await staff.login('editor@kontum.gov.vn');
    for (const url of ['/admin/bai-viet', `/admin/bai-viet/${article.id}`, `/admin/bai-viet/${article.id}/xem-truoc`, `/admin/bai-viet/${article.id}/phien-ban`, '/admin/thu-vien', '/admin']) {
      const page = await staff.get(url);
      expect(page.statusCode, url).toBe(200);
      expectInert(page.body);
    }
  });

  it.each([
    ['a PNG that claims 50,000 × 50,000 pixels', { name: 'bom.png', type: 'image/png', bytes: pngClaiming(50_000, 50_000) }, 413],
    ['an SVG with a script', { name: 'logo.svg', type: 'image/svg+xml', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') }, 415],
    ['an HTML page named .jpg', { name: 'anh.jpg', type: 'image/jpeg', bytes: Buffer.from('<!doctype html><script>alert(1)</script>') }, 415],
    ['an empty file', { name: 'rong.png', type: 'image/png', bytes: Buffer.alloc(0) }, 400],
    ['an executable', { name: 'setup.pdf', type: 'application/pdf', bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(2000, 1)]) }, 415],
    ['an oversized file', { name: 'lon.pdf', type: 'application/pdf', bytes: Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(51 * 1024 * 1024, 0x20)]) }, 413],
  ])('refuses %s with a clear Vietnamese error and keeps nothing', async (_name, file, status) => {
    const dir = `${portal.testDb.dataDir}/media`;
    const { readdirSync } = await import('node:fs');
    const before = readdirSync(dir).length;
    const count = async () => Number((await portal.testDb.db.kysely.selectFrom('media').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rowsBefore = await count();
    const answer = await upload({ alt: 'Thử' }, file);
    expect(answer.statusCode, answer.body).toBe(status);
    expect(answer.json().error.message).toMatch(/[àáảãạăâđêôơư]/i);
    expect(readdirSync(dir).filter((name) => !name.startsWith('.')).length).toBe(before);
    expect(await count()).toBe(rowsBefore);
  });

  it('keeps a path in a file name out of the disk: ../../x is stored under a generated name', async () => {
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } }).png().toBuffer();
    const answer = await upload({ alt: 'Thử tên' }, { name: '../../x', type: 'image/png', bytes: png });
    expect(answer.statusCode).toBe(201);
    expect(answer.json()).toMatchObject({ name: 'x' });
    expect(answer.json().url).toMatch(/^\/media\/[0-9a-f-]{36}\/\d+\.jpg$/);
  });
});
