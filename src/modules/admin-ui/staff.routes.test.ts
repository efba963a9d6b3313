import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { ENGINES } from '../../../test/helpers/databases.js';
import { STAFF_PASSWORD, StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { SEED_SLUG, SEED_TITLE } from '../../../test/helpers/fixture-site.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { createDraft, takeStep } from '../articles/index.js';
import { createCategory } from '../categories/index.js';
import { createSite } from '../sites/index.js';
import { addMember, operatorScope, type Role } from '../accounts/index.js';

const ROLES: Role[] = ['author', 'editor', 'chief_editor', 'admin'];

describe.each(ENGINES)('the staff side on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  let categoryId: string;
  const users = new Map<Role, { email: string; userId: string }>();

  beforeAll(async () => {
    portal = await startTestPortal(engine, { env: { CONG_2FA_REQUIRED_ROLES: 'none', TRUST_PROXY: '127.0.0.1' } });
    const db = portal.testDb.db.kysely;
    siteId = (await db.selectFrom('sites').select('id').executeTakeFirstOrThrow()).id;
    categoryId = (await db.selectFrom('categories').select('id').where('site_id', '=', siteId).where('path', '=', 'tin-tuc/thong-bao').executeTakeFirstOrThrow()).id;
    for (const role of ROLES) users.set(role, await addStaff(db, siteId, role));
  });
  afterAll(async () => portal.close());

  // Each test client comes from its own address (through the trusted proxy), as staff do:
  // the per-address login limit is tested on its own.
  let address = 0;
  const clientFor = async (role: Role): Promise<StaffClient> => {
    const client = new StaffClient(portal.app, { 'x-forwarded-for': `198.51.100.${++address}` });
    const answer = await client.login(users.get(role)!.email);
    expect(answer.statusCode, answer.body.slice(0, 300)).toBe(303);
    return client;
  };

  describe('logging in', () => {
    it('sends anonymous visitors of /admin to the login form, and back after it', async () => {
      const client = new StaffClient(portal.app);
      const first = await client.get('/admin/bai-viet');
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe('/admin/login?next=%2Fadmin%2Fbai-viet');
      await client.get(first.headers.location as string);
      const login = await client.post('/admin/login', { email: users.get('editor')!.email, password: STAFF_PASSWORD, next: '/admin/bai-viet' });
      expect(login.headers.location).toBe('/admin/bai-viet');
      const cookie = login.cookies.find((c) => c.name === 'cong_session')!;
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
      expect((await client.get('/admin/bai-viet')).statusCode).toBe(200);
    });

    it('never follows a next= that leaves the staff area', async () => {
      for (const next of ['//evil.example/admin', 'https://evil.example', '/admin/../x', '/\\evil.example', '/admin//evil']) {
        const client = new StaffClient(portal.app);
        await client.get('/admin/login');
        const login = await client.post('/admin/login', { email: users.get('editor')!.email, password: STAFF_PASSWORD, next });
        expect(login.headers.location).toBe('/admin');
      }
    });

    it('answers a wrong password and an unknown account alike, and logs both with the real address', async () => {
      const proxied = new StaffClient(portal.app, { 'x-forwarded-for': '203.0.113.44' });
      await proxied.get('/admin/login');
      const wrong = await proxied.post('/admin/login', { email: users.get('author')!.email, password: 'không phải mật khẩu này' });
      const unknown = await proxied.post('/admin/login', { email: 'nobody@kontum.gov.vn', password: 'không phải mật khẩu này' });
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      const message = (body: string) => /<div class="flash[^"]*"[^>]*>([\s\S]*?)<\/div>/.exec(body)?.[1];
      expect(message(wrong.body)).toBe(message(unknown.body));
      const failures = await portal.testDb.db.kysely.selectFrom('audit_log').select(['ip', 'target_id']).where('action', '=', 'login.failed').where('ip', '=', '203.0.113.44').execute();
      expect(failures.map((f) => f.target_id).sort()).toEqual(['author@kontum.gov.vn', 'nobody@kontum.gov.vn']);
    });

    it('sets a __Host- Secure cookie behind an https proxy', async () => {
      const client = new StaffClient(portal.app, { 'x-forwarded-proto': 'https' });
      const login = await client.login(users.get('editor')!.email);
      const cookie = login.cookies.find((c) => c.name === '__Host-cong_session');
      expect(cookie).toMatchObject({ secure: true, httpOnly: true, path: '/' });
    });

    it('slows an account after repeated failures with 429 and Retry-After', async () => {
      const db = portal.testDb.db.kysely;
      const { email } = await addStaff(db, siteId, 'author', 'slow');
      const client = new StaffClient(portal.app);
      await client.get('/admin/login');
      for (let i = 0; i < 5; i++) expect((await client.post('/admin/login', { email, password: 'sai mật khẩu nhiều lần' })).statusCode).toBe(401);
      const throttled = await client.post('/admin/login', { email, password: STAFF_PASSWORD });
      expect(throttled.statusCode).toBe(429);
      expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
      expect(throttled.body).toContain('Đăng nhập sai quá nhiều lần');
    });

    it('logs out, and ends sessions of a disabled account at once', async () => {
      const db = portal.testDb.db.kysely;
      const victim = await addStaff(db, siteId, 'editor', 'leaving');
      const client = new StaffClient(portal.app);
      await client.login(victim.email);
      expect((await client.get('/admin')).statusCode).toBe(200);
      const admin = await clientFor('admin');
      await admin.get('/admin/thanh-vien');
      expect((await admin.post(`/admin/thanh-vien/${victim.userId}/khoa`, { disabled: '1' })).statusCode).toBe(303);
      expect((await client.get('/admin')).headers.location).toMatch(/^\/admin\/login/);
      expect((await client.login(victim.email)).statusCode).toBe(403);

      const editor = await clientFor('editor');
      await editor.get('/admin');
      expect((await editor.post('/admin/logout')).headers.location).toMatch(/^\/admin\/login/);
      expect((await editor.get('/admin')).statusCode).toBe(303);
    });

    it('ends a session after the idle time', async () => {
      const client = await clientFor('editor');
      expect((await client.get('/admin')).statusCode).toBe(200);
      await portal.testDb.db.kysely.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() }).execute();
      expect((await client.get('/admin')).statusCode).toBe(303);
    });
  });

  describe('CSRF', () => {
    it('refuses a state-changing request without the token or with a wrong one', async () => {
      const client = await clientFor('editor');
      await client.get('/admin/bai-viet/moi');
      for (const csrf of [null, '', 'x', `${client.csrfToken}x`, client.csrfToken.split('').reverse().join('')]) {
        const answer = await client.post('/admin/bai-viet', { title: 'Giả mạo', categoryId }, { csrf });
        expect(answer.statusCode).toBe(403);
      }
      const other = await clientFor('author');
      await other.get('/admin/bai-viet/moi');
      // A token from another browser's secret does not fit this one's cookie.
      expect((await client.post('/admin/bai-viet', { title: 'Giả mạo', categoryId }, { csrf: other.csrfToken })).statusCode).toBe(403);
      expect((await client.post('/admin/bai-viet', { title: 'Thật', categoryId })).statusCode).toBe(303);
      const anonymous = new StaffClient(portal.app, { 'x-forwarded-for': '192.0.2.200' });
      expect((await anonymous.post('/admin/login', { email: users.get('editor')!.email, password: STAFF_PASSWORD }, { csrf: null })).statusCode).toBe(403);
    });
  });

  describe('the permission matrix', () => {
    /** What each role may do; anything else must be refused (403, or 404 where the article is hidden from them). */
    const MATRIX: Record<string, Role[]> = {
      'create a draft': ['author', 'editor', 'chief_editor', 'admin'],
      "edit another's draft": ['editor', 'chief_editor', 'admin'],
      "submit another's draft": ['editor', 'chief_editor', 'admin'],
      'return a submitted article': ['editor', 'chief_editor', 'admin'],
      'publish a submitted article': ['chief_editor', 'admin'],
      'unpublish a published article': ['chief_editor', 'admin'],
      'archive a published article': ['chief_editor', 'admin'],
      'see the members': ['admin'],
      'add a member': ['admin'],
      'read the audit log': ['admin'],
      'open the library': ['author', 'editor', 'chief_editor', 'admin'],
    };

    const articleIn = async (state: 'draft' | 'submitted' | 'published'): Promise<string> => {
      const db = portal.testDb.db.kysely;
      const scope = (role: Role) => ({ siteId, actor: { id: users.get(role)!.userId, label: users.get(role)!.email, displayName: role, role, isSuperAdmin: false, via: 'session' as const }, clientIp: '127.0.0.1', now: new Date() });
      const { id } = await createDraft(db, scope('editor'), { title: `Bài ${state} ${Math.random()}`, categoryId, lead: 'Tóm tắt.', bodyHtml: '<p>Nội dung.</p>' });
      if (state !== 'draft') await takeStep(db, scope('editor'), 'submit', { articleId: id });
      if (state === 'published') await takeStep(db, scope('chief_editor'), 'publish', { articleId: id });
      return id;
    };

    const ACTIONS: Record<string, (client: StaffClient) => Promise<number>> = {
      'create a draft': async (c) => (await c.post('/admin/bai-viet', { title: 'Bài mới', categoryId })).statusCode,
      "edit another's draft": async (c) => (await c.post(`/admin/bai-viet/${await articleIn('draft')}`, { title: 'Sửa', categoryId })).statusCode,
      "submit another's draft": async (c) => (await c.post(`/admin/bai-viet/${await articleIn('draft')}/buoc`, { step: 'submit' })).statusCode,
      'return a submitted article': async (c) => (await c.post(`/admin/bai-viet/${await articleIn('submitted')}/buoc`, { step: 'return', comment: 'Sửa lại.' })).statusCode,
      'publish a submitted article': async (c) => (await c.post(`/admin/bai-viet/${await articleIn('submitted')}/buoc`, { step: 'publish' })).statusCode,
      'unpublish a published article': async (c) => (await c.post(`/admin/bai-viet/${await articleIn('published')}/buoc`, { step: 'unpublish' })).statusCode,
      'archive a published article': async (c) => (await c.post(`/admin/bai-viet/${await articleIn('published')}/buoc`, { step: 'archive' })).statusCode,
      'see the members': async (c) => (await c.get('/admin/thanh-vien')).statusCode,
      'add a member': async (c) => (await c.post('/admin/thanh-vien', { email: `new${Math.random()}@kontum.gov.vn`.replace('0.', ''), displayName: 'Người mới', role: 'author', password: 'Một câu mật khẩu thật dài' })).statusCode,
      'read the audit log': async (c) => (await c.get('/admin/nhat-ky')).statusCode,
      'open the library': async (c) => (await c.get('/admin/thu-vien')).statusCode,
    };

    it.each(ROLES)('is enforced for %s on every action', async (role) => {
      const client = await clientFor(role);
      await client.get('/admin');
      const outcomes: Record<string, string> = {};
      const expected: Record<string, string> = {};
      for (const [action, run] of Object.entries(ACTIONS)) {
        const status = await run(client);
        outcomes[action] = status === 200 || status === 303 ? 'allowed' : status === 403 || status === 404 ? 'refused' : `unexpected ${status}`;
        expected[action] = MATRIX[action]!.includes(role) ? 'allowed' : 'refused';
      }
      expect(outcomes).toEqual(expected);
    });

    it("refuses crafted requests for others' drafts and other sites' articles, by id and by slug", async () => {
      const db = portal.testDb.db.kysely;
      const draft = await articleIn('draft');
      const author = await clientFor('author');
      for (const path of [`/admin/bai-viet/${draft}`, `/admin/bai-viet/${draft}/xem-truoc`, `/admin/bai-viet/${draft}/phien-ban`]) expect((await author.get(path)).statusCode).toBe(404);
      await author.get('/admin');
      expect((await author.post(`/admin/bai-viet/${draft}`, { title: 'Chiếm', categoryId })).statusCode).toBe(404);
      expect((await author.post(`/admin/bai-viet/${draft}/buoc`, { step: 'submit' })).statusCode).toBe(404);

      const otherSite = await createSite(db, { host: 'syt.example.vn', name: 'Sở Y tế' });
      const otherCategory = await createCategory(db, { siteId: otherSite, name: 'Tin' });
      const operator = { siteId: otherSite, actor: { id: 'cli', label: 'cli', displayName: 'cli', role: null, isSuperAdmin: true, via: 'cli' as const }, clientIp: '', now: new Date() };
      const foreign = await createDraft(db, operator, { title: 'Bài của Sở Y tế', categoryId: otherCategory.id });
      const admin = await clientFor('admin');
      expect((await admin.get(`/admin/bai-viet/${foreign.id}`)).statusCode).toBe(404);
      await admin.get('/admin');
      expect((await admin.post(`/admin/bai-viet/${foreign.id}/buoc`, { step: 'publish' })).statusCode).toBe(404);
      // By slug: the public site of this host does not know the other site's drafts either.
      expect((await portal.app.inject({ url: `/tin/${foreign.slug}` })).statusCode).toBe(404);
      // A session of this site does not open the other site's staff area.
      const elsewhere = await admin.get('/admin', { host: 'syt.example.vn' });
      expect(elsewhere.statusCode).toBe(403);
    });

    it('answers 409 to approving an article that is already published', async () => {
      const chief = await clientFor('chief_editor');
      await chief.get('/admin');
      const id = await articleIn('published');
      const again = await chief.post(`/admin/bai-viet/${id}/buoc`, { step: 'publish' });
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('Không thể xuất bản');
    });
  });

  describe('the public site for logged-in staff', () => {
    it('shows staff an edit bar on a page rendered for them alone, and never to readers', async () => {
      const url = `/tin-tuc/thong-bao/${SEED_SLUG}`;
      const reader = await portal.app.inject({ url });
      expect(reader.body).not.toContain('staff-bar');
      const editor = await clientFor('editor');
      const mine = await editor.get(url);
      expect(mine.statusCode).toBe(200);
      expect(mine.headers['cache-control']).toBe('private, no-store');
      expect(mine.body).toContain('Sửa bài này');
      expect(mine.body).toContain(SEED_TITLE);
      const readerAfter = await portal.app.inject({ url });
      expect(readerAfter.body).not.toContain('staff-bar');
      expect(readerAfter.headers['cache-control']).toBe('no-cache');
      // A forged or stale session cookie gets the public page, not a personal one.
      const forged = await portal.app.inject({ url, headers: { cookie: 'cong_session=forged-token-value' } });
      expect(forged.body).not.toContain('staff-bar');
    });

    it('previews a draft exactly as the public page, while the public URL stays 404', async () => {
      const editor = await clientFor('editor');
      await editor.get('/admin/bai-viet/moi');
      const created = await editor.post('/admin/bai-viet', { title: 'Bản nháp cần xem trước', categoryId });
      const id = /bai-viet\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
      const preview = await editor.get(`/admin/bai-viet/${id}/xem-truoc`);
      expect(preview.statusCode).toBe(200);
      expect(preview.body).toContain('Bản xem trước');
      expect(preview.body).toContain('Bản nháp cần xem trước');
      expect(preview.headers['cache-control']).toBe('no-store');
      expect((await portal.app.inject({ url: '/tin-tuc/thong-bao/ban-nhap-can-xem-truoc' })).statusCode).toBe(404);
    });
  });

  describe('publishing through the UI', () => {
    it('shows a published article on the next request', async () => {
      const editor = await clientFor('editor');
      await editor.get('/admin/bai-viet/moi');
      const created = await editor.post('/admin/bai-viet', { title: 'Thông báo lịch tiếp dân tháng 12', categoryId });
      const id = /bai-viet\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
      await editor.get(`/admin/bai-viet/${id}`);
      const saved = await editor.post(`/admin/bai-viet/${id}`, { title: 'Thông báo lịch tiếp dân tháng 12', categoryId, lead: 'Lịch tiếp công dân của lãnh đạo Sở.', body_html: '<p>Nội dung <strong>lịch</strong>.</p><script>alert(1)</script>', _action: 'submit' });
      expect(saved.headers.location).toContain('da-gui-duyet');
      const url = '/tin-tuc/thong-bao/thong-bao-lich-tiep-dan-thang-12';
      expect((await portal.app.inject({ url })).statusCode).toBe(404);
      const chief = await clientFor('chief_editor');
      await chief.get(`/admin/bai-viet/${id}`);
      expect((await chief.post(`/admin/bai-viet/${id}/buoc`, { step: 'publish' })).statusCode).toBe(303);
      const page = await portal.app.inject({ url });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Nội dung <strong>lịch</strong>.');
      expect(page.body).not.toContain('alert(1)');
    });
  });

  it('lets a member of several sites switch to the staff area of another of their sites, and only theirs', async () => {
    const db = portal.testDb.db.kysely;
    const second = await createSite(db, { host: 'sxd.example.vn', name: 'Sở Xây dựng' });
    const third = await createSite(db, { host: 'stc.example.vn', name: 'Sở Tài chính' });
    await addMember(db, operatorScope(second), { email: users.get('editor')!.email, displayName: 'x', role: 'author' });
    await portal.app.services.sites.reload();
    const editor = await clientFor('editor');
    const home = await editor.get('/admin');
    expect(home.body).toContain('Sở Xây dựng (sxd.example.vn)');
    expect(home.body).not.toContain('stc.example.vn');
    expect((await editor.get(`/admin/chuyen-trang?site=${second}`)).headers.location).toBe('http://sxd.example.vn/admin');
    expect((await editor.get(`/admin/chuyen-trang?site=${third}`)).headers.location).toBe('/admin');
  });

  it('keeps the staff area and the admin API closed outside CONG_STAFF_ALLOW, and the public site open', async () => {
    const closed = await startTestPortal(engine, { env: { CONG_STAFF_ALLOW: '10.20.0.0/16', TRUST_PROXY: '127.0.0.1' } });
    try {
      for (const url of ['/admin/login', '/admin', '/api/admin/v1/articles']) {
        expect((await closed.app.inject({ url })).statusCode, url).toBe(403);
        expect((await closed.app.inject({ url, headers: { 'x-forwarded-for': '10.30.0.5' } })).statusCode, url).toBe(403);
      }
      expect((await closed.app.inject({ url: '/admin/login', headers: { 'x-forwarded-for': '10.20.3.4' } })).statusCode).toBe(200);
      expect((await closed.app.inject({ url: '/' })).statusCode).toBe(200);
    } finally {
      await closed.close();
    }
  });

  it('asks admins to set up two-factor login first when the operator requires it, then asks for codes', async () => {
    const strict = await startTestPortal(engine, {});
    try {
      const db = strict.testDb.db.kysely;
      const strictSite = (await db.selectFrom('sites').select('id').executeTakeFirstOrThrow()).id;
      const { email } = await addStaff(db, strictSite, 'admin');
      const client = new StaffClient(strict.app);
      await client.login(email);
      const home = await client.get('/admin');
      expect(home.headers.location).toBe('/admin/tai-khoan/xac-thuc-hai-lop?tb=can-2fa');
      const setup = await client.get(home.headers.location as string);
      const secret = /<code class="token">([A-Z2-7]+)<\/code>/.exec(setup.body)![1]!;
      const enabled = await client.post('/admin/tai-khoan/xac-thuc-hai-lop', { code: await generate({ secret }) });
      expect(enabled.statusCode).toBe(200);
      expect(enabled.body).toContain('Mã khôi phục');
      expect((await client.get('/admin')).statusCode).toBe(200);

      const again = new StaffClient(strict.app);
      expect((await again.login(email)).headers.location).toBe('/admin/xac-thuc?next=%2Fadmin');
      expect((await again.get('/admin')).statusCode).toBe(303);
      await again.get('/admin/xac-thuc');
      expect((await again.post('/admin/xac-thuc', { code: '000000' })).statusCode).toBe(401);
      expect((await again.post('/admin/xac-thuc', { code: await generate({ secret }) })).statusCode).toBe(303);
      expect((await again.get('/admin')).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });
});
