/**
 * The admin's site management screens end to end, through HTTP as a browser uses them:
 * each change shows on the public site at the next request (cached pages included), old
 * category URLs answer 301, other roles are refused, and bad input gets a 400 page in
 * Vietnamese, never a 500.
 */
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { BROWSER_UA, startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import type { Role } from '../accounts/index.js';
import { importImage } from '../media/index.js';
import { createSite } from '../sites/index.js';

describe.each(ENGINES)('site management on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  let imageId: string;
  let foreignImageId: string;
  const users = new Map<Role, { email: string; userId: string }>();

  beforeAll(async () => {
    portal = await startTestPortal(engine, { env: { CONG_2FA_REQUIRED_ROLES: 'none', TRUST_PROXY: '127.0.0.1' } });
    const db = portal.testDb.db.kysely;
    siteId = portal.fixture.siteId;
    for (const role of ['admin', 'editor', 'chief_editor'] as const) users.set(role, await addStaff(db, siteId, role));
    const mediaDir = path.join(portal.testDb.dataDir, 'media');
    const bytes = await sharp({ create: { width: 600, height: 200, channels: 3, background: '#0b4f9c' } }).jpeg().toBuffer();
    imageId = (await importImage(db, mediaDir, { siteId, bytes, alt: 'Ảnh banner Tết' })).id;
    const otherSite = await createSite(db, { host: 'syt.kontum.gov.vn', name: 'Sở Y tế' });
    foreignImageId = (await importImage(db, mediaDir, { siteId: otherSite, bytes, alt: 'Ảnh của trang khác' })).id;
  });
  afterAll(async () => portal.close());

  // Each client comes from its own address (through the trusted proxy), as in staff.routes.test.ts.
  let address = 0;
  const clientFor = async (role: Role): Promise<StaffClient> => {
    const client = new StaffClient(portal.app, { 'x-forwarded-for': `198.51.100.${++address}` });
    const answer = await client.login(users.get(role)!.email);
    expect(answer.statusCode, answer.body.slice(0, 300)).toBe(303);
    await client.get('/admin');
    return client;
  };
  /** A reader's request: no cookie, so cached pages are served when there are any. */
  const read = (url: string) => portal.app.inject({ method: 'GET', url, headers: { 'user-agent': BROWSER_UA } });
  const categoryIdAt = async (categoryPath: string) => (await portal.testDb.db.kysely.selectFrom('categories').select('id').where('site_id', '=', siteId).where('path', '=', categoryPath).executeTakeFirstOrThrow()).id;
  const expectRedirect = async (from: string, to: string) => {
    const answer = await read(from);
    expect(answer.statusCode, from).toBe(301);
    expect(answer.headers.location, from).toBe(to);
  };

  it('creates, renames, moves, reorders and deletes a category, the public site following at each next request', async () => {
    const admin = await clientFor('admin');
    const { news, intro } = portal.fixture.categories;
    const list = await admin.get('/admin/chuyen-muc');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Thêm chuyên mục');
    expect(list.body).toContain('/tin-tuc/thong-bao');

    // 1. Created under "Tin tức": its page exists at once (the 404 was cached).
    expect((await read('/tin-tuc/chuyen-doi-so')).statusCode).toBe(404);
    const created = await admin.post('/admin/chuyen-muc', { name: 'Chuyển đổi số', parentId: news.id });
    expect(created.statusCode, created.body.slice(0, 500)).toBe(303);
    expect(created.headers.location).toBe('/admin/chuyen-muc?tb=da-luu');
    const page = await read('/tin-tuc/chuyen-doi-so');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Chuyển đổi số');
    const id = await categoryIdAt('tin-tuc/chuyen-doi-so');

    // 2. Renamed with a new slug: the new URL serves, the old one (cached a moment ago) answers 301.
    const edit = await admin.get(`/admin/chuyen-muc/${id}`);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('value="chuyen-doi-so"');
    expect((await admin.post(`/admin/chuyen-muc/${id}`, { name: 'Chính quyền số', slug: 'chinh-quyen-so' })).statusCode).toBe(303);
    expect((await read('/tin-tuc/chinh-quyen-so')).body).toContain('Chính quyền số');
    await expectRedirect('/tin-tuc/chuyen-doi-so', '/tin-tuc/chinh-quyen-so');

    // 3. Moved under "Giới thiệu": every old URL leads to the newest in one hop.
    expect((await read('/tin-tuc/chinh-quyen-so')).statusCode).toBe(200);
    expect((await admin.post(`/admin/chuyen-muc/${id}/chuyen`, { parentId: intro.id })).statusCode).toBe(303);
    expect((await read('/gioi-thieu/chinh-quyen-so')).statusCode).toBe(200);
    await expectRedirect('/tin-tuc/chinh-quyen-so', '/gioi-thieu/chinh-quyen-so');
    await expectRedirect('/tin-tuc/chuyen-doi-so', '/gioi-thieu/chinh-quyen-so');
    // A move under itself is refused on the edit page, with the field.
    const cycle = await admin.post(`/admin/chuyen-muc/${intro.id}/chuyen`, { parentId: id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.body).toContain('Không thể chuyển chuyên mục vào chính nó hoặc vào một chuyên mục con của nó.');

    // 4. Reordered: "Chính quyền số" goes before "Văn phòng Sở".
    expect((await admin.post(`/admin/chuyen-muc/${id}/thu-tu`, { huong: 'len' })).statusCode).toBe(303);
    const children = await portal.testDb.db.kysely.selectFrom('categories').select('name').where('parent_id', '=', intro.id).orderBy('position').execute();
    expect(children.map((c) => c.name)).toEqual(['Chính quyền số', 'Văn phòng Sở']);

    // 5. A category with articles stays, with the reason; an empty one goes.
    const refused = await admin.post(`/admin/chuyen-muc/${portal.fixture.categories.announcements.id}/xoa`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('bài viết nên chưa xoá được');
    expect((await admin.post(`/admin/chuyen-muc/${id}/xoa`, {})).statusCode).toBe(303);
    expect((await read('/gioi-thieu/chinh-quyen-so')).statusCode).toBe(404);

    const actions = await portal.testDb.db.kysely.selectFrom('audit_log').select('action').where('target_id', '=', id).execute();
    expect(actions.map((a) => a.action).sort()).toEqual(['category.created', 'category.deleted', 'category.moved', 'category.renamed', 'category.reordered']);
  });

  it('adds, edits, reorders and deletes a menu item, seen in the public menu at the next request', async () => {
    const admin = await clientFor('admin');
    expect((await read('/')).body).not.toContain('Hỏi đáp trực tuyến');
    expect((await admin.get('/admin/menu')).statusCode).toBe(200);
    expect((await admin.post('/admin/menu', { label: 'Hỏi đáp trực tuyến', url: '/hoi-dap' })).statusCode).toBe(303);
    expect((await read('/')).body).toContain('<a href="/hoi-dap">Hỏi đáp trực tuyến</a>');

    const { id } = await portal.testDb.db.kysely.selectFrom('menu_items').select('id').where('label', '=', 'Hỏi đáp trực tuyến').executeTakeFirstOrThrow();
    expect((await admin.get(`/admin/menu/${id}`)).body).toContain('value="/hoi-dap"');
    expect((await admin.post(`/admin/menu/${id}`, { label: 'Hỏi - đáp', url: 'https://dichvucong.gov.vn/hoi-dap' })).statusCode).toBe(303);
    expect((await read('/')).body).toContain('<a href="https://dichvucong.gov.vn/hoi-dap">Hỏi - đáp</a>');
    expect((await admin.post(`/admin/menu/${id}/thu-tu`, { huong: 'len' })).statusCode).toBe(303);
    expect((await admin.post(`/admin/menu/${id}/xoa`, {})).statusCode).toBe(303);
    expect((await read('/')).body).not.toContain('Hỏi - đáp');
  });

  it('shows a banner inside its window only', async () => {
    const admin = await clientFor('admin');
    const home = await read('/');
    expect(home.body).not.toContain('Chúc mừng năm mới');
    expect((await admin.get('/admin/banner')).statusCode).toBe(200);
    const ended = await admin.post('/admin/banner', { title: 'Banner đợt trước', position: 'sidebar', mediaId: imageId, linkUrl: '/', showFrom: '2020-01-01T08:00', showUntil: '2020-02-01T08:00' });
    expect(ended.statusCode, ended.body.slice(0, 500)).toBe(303);
    expect((await admin.post('/admin/banner', { title: 'Chúc mừng năm mới', position: 'sidebar', mediaId: imageId, linkUrl: '/tin-tuc', showFrom: '', showUntil: '' })).statusCode).toBe(303);
    const after = await read('/');
    expect(after.body).toContain('alt="Chúc mừng năm mới"');
    expect(after.body).not.toContain('Banner đợt trước');
    const list = await admin.get('/admin/banner');
    expect(list.body).toContain('Đã hết hạn');
    expect(list.body).toContain('Đang hiện');

    // Ended by an edit: gone from the next page.
    const { id } = await portal.testDb.db.kysely.selectFrom('banners').select('id').where('title', '=', 'Chúc mừng năm mới').executeTakeFirstOrThrow();
    expect((await admin.get(`/admin/banner/${id}`)).statusCode).toBe(200);
    expect((await admin.post(`/admin/banner/${id}`, { title: 'Chúc mừng năm mới', position: 'sidebar', mediaId: imageId, linkUrl: '/tin-tuc', showFrom: '', showUntil: '2021-01-01T00:00' })).statusCode).toBe(303);
    expect((await read('/')).body).not.toContain('Chúc mừng năm mới');
  });

  it('adds a sidebar block of links, shown on the next page', async () => {
    const admin = await clientFor('admin');
    expect((await admin.get('/admin/khoi-ben-le')).statusCode).toBe(200);
    const added = await admin.post('/admin/khoi-ben-le', { title: 'Văn bản mới', kind: 'links', categoryId: '', itemLimit: '5', linkLabel: ['Công báo tỉnh', ''], linkUrl: ['https://congbao.kontum.gov.vn', ''] });
    expect(added.statusCode, added.body.slice(0, 500)).toBe(303);
    const home = await read('/');
    expect(home.body).toContain('Văn bản mới');
    expect(home.body).toContain('href="https://congbao.kontum.gov.vn"');
    const { id } = await portal.testDb.db.kysely.selectFrom('sidebar_blocks').select('id').where('title', '=', 'Văn bản mới').executeTakeFirstOrThrow();
    const edit = await admin.get(`/admin/khoi-ben-le/${id}`);
    expect(edit.body).toContain('value="Công báo tỉnh"');
    expect((await admin.post(`/admin/khoi-ben-le/${id}/xoa`, {})).statusCode).toBe(303);
    expect((await read('/')).body).not.toContain('Văn bản mới');
  });

  it('refuses an editor and a chief editor every screen and every form (403)', async () => {
    const db = portal.testDb.db.kysely;
    const categoryId = portal.fixture.categories.office.id;
    const menuId = (await db.selectFrom('menu_items').select('id').where('site_id', '=', siteId).executeTakeFirstOrThrow()).id;
    const bannerId = (await db.selectFrom('banners').select('id').where('site_id', '=', siteId).executeTakeFirstOrThrow()).id;
    const blockId = (await db.selectFrom('sidebar_blocks').select('id').where('site_id', '=', siteId).executeTakeFirstOrThrow()).id;
    const pages = ['/admin/chuyen-muc', `/admin/chuyen-muc/${categoryId}`, '/admin/menu', `/admin/menu/${menuId}`, '/admin/banner', `/admin/banner/${bannerId}`, '/admin/khoi-ben-le', `/admin/khoi-ben-le/${blockId}`, '/admin/thong-tin-trang'];
    const forms: [string, Record<string, string>][] = [
      ['/admin/chuyen-muc', { name: 'Của biên tập viên' }],
      [`/admin/chuyen-muc/${categoryId}`, { name: 'Đổi tên', slug: 'doi-ten' }],
      [`/admin/chuyen-muc/${categoryId}/chuyen`, { parentId: '' }],
      [`/admin/chuyen-muc/${categoryId}/thu-tu`, { huong: 'len' }],
      [`/admin/chuyen-muc/${categoryId}/xoa`, {}],
      ['/admin/menu', { label: 'Mục lạ', url: '/' }],
      [`/admin/menu/${menuId}`, { label: 'Mục lạ', url: '/' }],
      [`/admin/menu/${menuId}/thu-tu`, { huong: 'xuong' }],
      [`/admin/menu/${menuId}/xoa`, {}],
      ['/admin/banner', { title: 'Banner lạ', position: 'header', mediaId: imageId, linkUrl: '/' }],
      [`/admin/banner/${bannerId}`, { title: 'Banner lạ', position: 'header', mediaId: imageId, linkUrl: '/' }],
      [`/admin/banner/${bannerId}/thu-tu`, { huong: 'xuong' }],
      [`/admin/banner/${bannerId}/xoa`, {}],
      ['/admin/khoi-ben-le', { title: 'Khối lạ', kind: 'links', linkLabel: 'A', linkUrl: '/a' }],
      [`/admin/khoi-ben-le/${blockId}`, { title: 'Khối lạ', kind: 'links', linkLabel: 'A', linkUrl: '/a' }],
      [`/admin/khoi-ben-le/${blockId}/thu-tu`, { huong: 'xuong' }],
      [`/admin/khoi-ben-le/${blockId}/xoa`, {}],
      ['/admin/thong-tin-trang', { name: 'Trang của biên tập viên' }],
    ];
    const before = await db.selectFrom('sites').select('content_version').where('id', '=', siteId).executeTakeFirstOrThrow();
    for (const role of ['editor', 'chief_editor'] as const) {
      const client = await clientFor(role);
      for (const url of pages) {
        const answer = await client.get(url);
        expect(answer.statusCode, `${role} GET ${url}`).toBe(403);
        expect(answer.body).toContain('Bạn không có quyền thực hiện thao tác này.');
      }
      for (const [url, fields] of forms) expect((await client.post(url, fields)).statusCode, `${role} POST ${url}`).toBe(403);
    }
    const after = await db.selectFrom('sites').select('content_version').where('id', '=', siteId).executeTakeFirstOrThrow();
    expect(Number(after.content_version)).toBe(Number(before.content_version));
  });

  it('answers bad input with a 400 page in Vietnamese, never a 500', async () => {
    const admin = await clientFor('admin');
    const menuId = (await portal.testDb.db.kysely.selectFrom('menu_items').select('id').where('site_id', '=', siteId).executeTakeFirstOrThrow()).id;
    const categoryId = portal.fixture.categories.office.id;
    const banner = { title: 'Banner', position: 'sidebar', mediaId: imageId, linkUrl: '/', showFrom: '', showUntil: '' };
    const settings = { name: 'Sở', governingBody: '', englishName: '', address: '', phone: '', fax: '', email: '', responsiblePerson: '', licence: '', logoMediaId: '', origin: '' };
    const cases: [string, Record<string, string | string[]>, string][] = [
      ['/admin/menu', { label: 'Mục', url: 'javascript:alert(document.cookie)' }, 'Địa chỉ liên kết phải là đường dẫn trên trang'],
      ['/admin/menu', { label: 'Mục', url: 'data:text/html,<script>alert(1)</script>' }, 'Địa chỉ liên kết phải là đường dẫn trên trang'],
      [`/admin/menu/${menuId}`, { label: '', url: '/' }, 'Tên mục menu không được để trống.'],
      ['/admin/banner', { ...banner, linkUrl: 'javascript:alert(1)' }, 'Địa chỉ liên kết phải là đường dẫn trên trang'],
      ['/admin/banner', { ...banner, showFrom: '2026-05-01T08:00', showUntil: '2026-04-01T08:00' }, 'Thời điểm bắt đầu hiện phải trước thời điểm thôi hiện.'],
      ['/admin/banner', { ...banner, showFrom: '2026-02-30T08:00' }, 'Thời điểm bắt đầu hiện không phải ngày giờ hợp lệ.'],
      ['/admin/banner', { ...banner, mediaId: foreignImageId }, 'Ảnh được chọn không có trong thư viện của trang này.'],
      ['/admin/khoi-ben-le', { title: 'Liên kết', kind: 'links', linkLabel: ['A'], linkUrl: ['javascript:alert(1)'] }, 'Liên kết thứ 1: Địa chỉ liên kết phải là'],
      ['/admin/khoi-ben-le', { title: 'Bài mới', kind: 'latest_in_category', categoryId, itemLimit: '500' }, 'Số bài hiển thị phải là số nguyên từ 1 đến 20.'],
      ['/admin/chuyen-muc', { name: '' }, 'Tên chuyên mục không được để trống.'],
      ['/admin/chuyen-muc', { name: 'Tin'.repeat(3_334) }, 'Tên chuyên mục phải có từ 1 đến 200 ký tự.'],
      ['/admin/chuyen-muc', { name: 'Quản trị', slug: 'admin' }, '"admin" là địa chỉ dành riêng'],
      [`/admin/chuyen-muc/${categoryId}`, { name: 'x'.repeat(10_000) }, 'Tên chuyên mục phải có từ 1 đến 200 ký tự.'],
      ['/admin/thong-tin-trang', { ...settings, name: '' }, 'Tên trang không được để trống.'],
      ['/admin/thong-tin-trang', { ...settings, name: 'S'.repeat(10_000) }, 'Tên trang không được dài quá 200 ký tự.'],
      ['/admin/thong-tin-trang', { ...settings, email: 'khong-phai-email' }, 'Email không đúng dạng'],
      ['/admin/thong-tin-trang', { ...settings, logoMediaId: foreignImageId }, 'Ảnh logo được chọn không có trong thư viện của trang này.'],
      ['/admin/thong-tin-trang', { ...settings, origin: 'javascript:alert(1)' }, 'không phải địa chỉ gốc hợp lệ'],
    ];
    for (const [url, fields, message] of cases) {
      const answer = await admin.post(url, fields);
      expect(answer.statusCode, `${url} ${JSON.stringify(fields).slice(0, 120)}`).toBe(400);
      expect(answer.headers['content-type']).toContain('text/html');
      expect(answer.body, url).toContain(message.replace(/"/g, '&quot;'));
      // The form comes back with the error summary, and nothing typed becomes a live link.
      expect(answer.body).toContain('error-summary');
      // (The layout's empty favicon, href="data:,", is the one data: address on the page.)
      expect(answer.body).not.toMatch(/href="(?:javascript:|data:(?!,"))/i);
    }
    const direction = await admin.post(`/admin/chuyen-muc/${categoryId}/thu-tu`, { huong: 'sang-trai' });
    expect(direction.statusCode).toBe(400);
    expect(direction.body).toContain('Hãy bấm nút');
    expect((await admin.get('/admin/menu/khong-co-muc-nay')).statusCode).toBe(404);
    expect((await admin.get('/admin/chuyen-muc/khong-co')).statusCode).toBe(404);
  });

  it('escapes what an admin types, in the staff screens and on the public site', async () => {
    const admin = await clientFor('admin');
    expect((await admin.post('/admin/menu', { label: '<img src=x onerror=alert(1)>', url: '/tin-tuc?a=1&b="2"' })).statusCode).toBe(303);
    const list = await admin.get('/admin/menu');
    expect(list.body).toContain('&lt;img src=x onerror=alert(1)>');
    expect(list.body).not.toContain('<img src=x');
    const home = await read('/');
    expect(home.body).toContain('&lt;img src=x onerror=alert(1)>');
    expect(home.body).toContain('href="/tin-tuc?a=1&amp;b=&quot;2&quot;"');
  });

  // Last: it renames the site the other tests read.
  it('shows the new site name in the public header at the next request', async () => {
    const admin = await clientFor('admin');
    const form = await admin.get('/admin/thong-tin-trang');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum"');
    expect((await read('/')).body).toContain('<span class="site-brand__name">Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum</span>');
    const saved = await admin.post('/admin/thong-tin-trang', {
      name: 'Sở Nội vụ tỉnh Kon Tum',
      governingBody: 'Ủy ban nhân dân tỉnh Kon Tum',
      englishName: 'Kon Tum Department of Home Affairs',
      address: '2 Trần Phú, TP. Kon Tum',
      phone: '0260 3862 999',
      fax: '',
      email: 'snv@kontum.gov.vn',
      responsiblePerson: 'Giám đốc Sở Nội vụ',
      licence: 'Giấy phép số 99/GP-TTĐT.',
      logoMediaId: imageId,
      origin: 'https://snv.kontum.gov.vn',
    });
    expect(saved.statusCode, saved.body.slice(0, 500)).toBe(303);
    expect(saved.headers.location).toBe('/admin/thong-tin-trang?tb=da-luu');
    const home = await read('/');
    expect(home.body).toContain('<span class="site-brand__name">Sở Nội vụ tỉnh Kon Tum</span>');
    expect(home.body).toContain('Chịu trách nhiệm chính: Giám đốc Sở Nội vụ');
    expect(home.body).toContain('Giấy phép số 99/GP-TTĐT.');
    expect(home.body).toContain('https://snv.kontum.gov.vn');
    expect((await read('/tin-tuc/thong-bao')).body).toContain('Sở Nội vụ tỉnh Kon Tum');
    // The staff header too, on the page the redirect leads to.
    expect((await admin.get('/admin/thong-tin-trang?tb=da-luu')).body).toContain('Sở Nội vụ tỉnh Kon Tum');
    const [entry] = await portal.testDb.db.kysely.selectFrom('audit_log').select('action').where('action', '=', 'site.settings_updated').execute();
    expect(entry).toBeDefined();
  });
});
