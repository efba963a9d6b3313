import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { createApiToken, type Role } from '../accounts/index.js';

describe.each(ENGINES)('the admin API on %s', (engine) => {
  let portal: TestPortal;
  let categoryId: string;
  const tokens = new Map<Role, string>();

  beforeAll(async () => {
    portal = await startTestPortal(engine, { env: { CONG_2FA_REQUIRED_ROLES: 'none' } });
    const db = portal.testDb.db.kysely;
    const siteId = (await db.selectFrom('sites').select('id').executeTakeFirstOrThrow()).id;
    categoryId = (await db.selectFrom('categories').select('id').where('path', '=', 'tin-tuc/thong-bao').executeTakeFirstOrThrow()).id;
    for (const role of ['author', 'editor', 'chief_editor', 'admin'] as Role[]) {
      const { userId, email } = await addStaff(db, siteId, role);
      const scope = { siteId, actor: { id: userId, label: email, displayName: role, role, isSuperAdmin: false, via: 'session' as const }, clientIp: '127.0.0.1', now: new Date() };
      tokens.set(role, (await createApiToken(db, scope, { name: 'Thử' })).token);
    }
  });
  afterAll(async () => portal.close());

  const call = (role: Role | null, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
    portal.app.inject({ method, url: `/api/admin/v1${url}`, payload: payload as object, headers: role ? { authorization: `Bearer ${tokens.get(role)}` } : {} });

  it('refuses requests without a valid token, in JSON', async () => {
    for (const authorization of [undefined, '', 'Bearer', 'Bearer cong_nope', `Basic ${tokens.get('admin')}`, `Bearer ${tokens.get('admin')}x`]) {
      const answer = await portal.app.inject({ url: '/api/admin/v1/articles', headers: authorization === undefined ? {} : { authorization } });
      expect(answer.statusCode).toBe(401);
      expect(answer.json()).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    }
    // A staff session cookie is not an API credential.
    const client = new StaffClient(portal.app);
    await client.login('editor@kontum.gov.vn');
    expect((await client.get('/api/admin/v1/articles')).statusCode).toBe(401);
  });

  it('walks an article through the workflow with the same checks as the UI', async () => {
    const created = await call('author', 'POST', '/articles', { title: 'Bài gửi qua API', categoryId, lead: 'Tóm tắt.', bodyHtml: '<p>Nội dung<img src=x onerror=alert(1)></p>' });
    expect(created.statusCode).toBe(201);
    const article = created.json();
    expect(article).toMatchObject({ status: 'draft', fields: { title: 'Bài gửi qua API', bodyHtml: '<p>Nội dung</p>' } });

    const forbidden = await call('author', 'POST', `/articles/${article.id}/transitions`, { step: 'publish' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.code).toBe('FORBIDDEN');
    expect((await call('author', 'POST', `/articles/${article.id}/transitions`, { step: 'submit' })).json().status).toBe('submitted');
    expect((await call('chief_editor', 'POST', `/articles/${article.id}/transitions`, { step: 'publish' })).json().status).toBe('published');
    const again = await call('chief_editor', 'POST', `/articles/${article.id}/transitions`, { step: 'publish' });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('INVALID_TRANSITION');
    expect((await portal.app.inject({ url: '/tin-tuc/thong-bao/bai-gui-qua-api' })).statusCode).toBe(200);

    const edited = await call('editor', 'PATCH', `/articles/${article.id}`, { title: 'Bài gửi qua API (sửa)' });
    expect(edited.json()).toMatchObject({ status: 'published', workingState: 'draft', hasWorkingCopy: true });
    expect((await call('editor', 'GET', `/articles/${article.id}/revisions`)).json().items).toHaveLength(2);
    // Once the edit is submitted, its author waits for the review like anyone.
    await call('editor', 'POST', `/articles/${article.id}/transitions`, { step: 'submit' });
    expect((await call('author', 'PATCH', `/articles/${article.id}`, { title: 'Không' })).statusCode).toBe(403);
  });

  it('validates bodies with the schemas, in Vietnamese', async () => {
    for (const body of [{ title: { text: 'x' } }, { title: 'x', categoryId: 'not-a-uuid' }, { title: 'x'.repeat(301) }, { title: 'x', gallery: [{ mediaId: 'x' }] }, 'not json', [1, 2]]) {
      const answer = await call('editor', 'POST', '/articles', body);
      // A body that is not JSON at all is refused as such (415).
      expect([400, 415]).toContain(answer.statusCode);
      expect(answer.json().error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/không hợp lệ/) });
    }
    // Unknown properties are dropped, never stored.
    const extra = await call('editor', 'POST', '/articles', { title: 'Có trường lạ', categoryId, isAdmin: true });
    expect(extra.statusCode).toBe(201);
  });

  it('lets only admins manage categories and members', async () => {
    expect((await call('editor', 'POST', '/categories', { name: 'Chuyên mục mới' })).statusCode).toBe(403);
    const created = await call('admin', 'POST', '/categories', { name: 'Chuyển đổi số' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ slug: 'chuyen-doi-so', path: 'chuyen-doi-so' });
    expect((await call('admin', 'POST', '/categories', { name: 'API', slug: 'api' })).json().error.code).toBe('INVALID_INPUT');
    expect((await call('admin', 'POST', '/categories', { name: 'Chuyển đổi số' })).statusCode).toBe(409);
    expect((await call('editor', 'GET', '/categories')).json().items.length).toBeGreaterThan(3);
    expect((await call('chief_editor', 'GET', '/members')).statusCode).toBe(403);
    expect((await call('admin', 'GET', '/members')).json().items.map((m: { role: string }) => m.role)).toContain('author');
    expect((await call('admin', 'POST', '/members', { email: 'moi@kontum.gov.vn', displayName: 'Người mới', role: 'author' })).statusCode).toBe(201);
  });

  it('uploads a file to the library', async () => {
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#2b5b8a' } }).png().toBuffer();
    const boundary = 'cong-boundary';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="alt"\r\n\r\nẢnh thử\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="../../anh thử.png"\r\nContent-Type: image/png\r\n\r\n`),
      png,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const answer = await portal.app.inject({ method: 'POST', url: '/api/admin/v1/media', payload, headers: { authorization: `Bearer ${tokens.get('author')}`, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(answer.statusCode).toBe(201);
    expect(answer.json()).toMatchObject({ kind: 'image', alt: 'Ảnh thử', name: 'anh thử.png', width: 40 });
  });

  it('slows down a client that floods the API with made-up tokens', async () => {
    const statuses = new Map<number, number>();
    for (let i = 0; i < 620; i++) {
      const answer = await portal.app.inject({ url: '/api/admin/v1/articles', remoteAddress: '203.0.113.99', headers: { authorization: `Bearer cong_${String(i).padStart(43, 'x')}` } });
      statuses.set(answer.statusCode, (statuses.get(answer.statusCode) ?? 0) + 1);
    }
    expect(statuses.get(401)).toBe(600);
    expect(statuses.get(429)).toBe(20);
    // Others are not affected.
    expect((await call('editor', 'GET', '/articles')).statusCode).toBe(200);
  });

  it('describes itself with OpenAPI and a readable page', async () => {
    const spec = (await portal.app.inject({ url: '/api/docs/json' })).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/admin/v1/articles', '/api/admin/v1/articles/{id}/transitions', '/api/admin/v1/media', '/api/admin/v1/members']));
    expect(Object.keys(spec.paths).some((p: string) => p.startsWith('/admin') || p === '/')).toBe(false);
    const page = await portal.app.inject({ url: '/api/docs' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('POST /api/admin/v1/articles/{id}/transitions');
  });
});
