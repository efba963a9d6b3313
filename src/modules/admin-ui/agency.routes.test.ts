/**
 * The agency staff screens through HTTP on both engines, as staff use them: roles and
 * permissions, the draft → publish workflow, revisions and the audit log, and classes of
 * bad input answered on the form in Vietnamese (never a 500).
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope, type Role } from '../accounts/index.js';
import { createUnit } from '../agency/index.js';
import { importImage } from '../media/index.js';
import { createSite } from '../sites/index.js';

const ROLES: Role[] = ['author', 'editor', 'chief_editor'];
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }): { payload: Buffer; contentType: string } {
  const boundary = 'agency-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe.each(ENGINES)('the agency staff screens on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  let boardId: string;
  let otherSiteUnitId: string;
  let otherSitePhotoId: string;
  const users = new Map<Role, { email: string; userId: string }>();
  const db = () => portal.testDb.db.kysely;

  beforeAll(async () => {
    portal = await startTestPortal(engine, { env: { CONG_2FA_REQUIRED_ROLES: 'none', TRUST_PROXY: '127.0.0.1' } });
    siteId = portal.fixture.siteId;
    for (const role of ROLES) users.set(role, await addStaff(db(), siteId, role));
    boardId = (await createUnit(db(), operatorScope(siteId), { name: 'Ban Giám đốc Sở', kind: 'ban_giam_doc', isPublishing: true })).id;
    // Another agency on the same installation: its ids must be unknown here.
    const otherSite = await createSite(db(), { host: 'so-khac.kontum.gov.vn', name: 'Sở Khác' });
    otherSiteUnitId = (await createUnit(db(), operatorScope(otherSite), { name: 'Văn phòng Sở Khác', kind: 'van_phong' })).id;
    const bytes = await sharp({ create: { width: 60, height: 80, channels: 3, background: '#888' } }).jpeg().toBuffer();
    otherSitePhotoId = (await importImage(db(), `${portal.testDb.dataDir}/media`, { siteId: otherSite, bytes, alt: 'ảnh' })).id;
  });
  afterAll(async () => portal.close());

  let address = 0;
  const clientFor = async (role: Role): Promise<StaffClient> => {
    const client = new StaffClient(portal.app, { 'x-forwarded-for': `198.51.100.${++address}` });
    const answer = await client.login(users.get(role)!.email);
    expect(answer.statusCode, answer.body.slice(0, 300)).toBe(303);
    return client;
  };
  const count = async (table: 'agency_units' | 'agency_officials') => Number((await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', siteId).executeTakeFirstOrThrow()).n);

  const unitForm = (fields: Record<string, string> = {}) => ({ name: 'Phòng Việc làm', kind: 'phong_chuyen_mon', parentId: boardId, position: '2', functionsHtml: '<p>Tham mưu về việc làm.</p>', phone: '0260 3862 353', email: 'vieclam@kontum.gov.vn', nameEn: '', functionsEnHtml: '', slug: '', _action: 'save', ...fields });

  it('opens the screens to editors and chiefs, and answers authors 403 without writing', async () => {
    const author = await clientFor('author');
    expect((await author.get('/admin')).body).not.toContain('href="/admin/co-quan"');
    for (const url of ['/admin/co-quan', '/admin/co-quan/thong-tin', '/admin/co-quan/don-vi/moi', '/admin/co-quan/can-bo/moi', `/admin/co-quan/don-vi/${boardId}`]) expect((await author.get(url)).statusCode, url).toBe(403);
    const before = await count('agency_units');
    await author.get('/admin');
    expect((await author.post('/admin/co-quan/don-vi', unitForm())).statusCode).toBe(403);
    expect((await author.post('/admin/co-quan/can-bo', { fullName: 'Ai Đó' })).statusCode).toBe(403);
    expect(await count('agency_units')).toBe(before);

    const editor = await clientFor('editor');
    expect((await editor.get('/admin')).body).toContain('href="/admin/co-quan"');
    const home = await editor.get('/admin/co-quan');
    expect(home.statusCode).toBe(200);
    for (const text of ['Thêm đơn vị', 'Thêm cán bộ', 'Ban Giám đốc Sở', 'Đã xuất bản']) expect(main(home.body)).toContain(text);
    for (const url of ['/admin/co-quan/don-vi/khong-co', `/admin/co-quan/don-vi/${otherSiteUnitId}`, '/admin/co-quan/can-bo/khong-co']) expect((await editor.get(url)).statusCode, url).toBe(404);
  });

  it('takes a unit from draft to published: the editor drafts, only the chief publishes, each save a revision in the audit log', async () => {
    const editor = await clientFor('editor');
    const form = await editor.get('/admin/co-quan/don-vi/moi');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('data-editor');
    expect(form.body).not.toContain('Lưu và xuất bản');
    const created = await editor.post('/admin/co-quan/don-vi', unitForm());
    expect(created.statusCode, main(created.body).slice(0, 800)).toBe(303);
    const location = created.headers.location as string;
    expect(location).toMatch(/^\/admin\/co-quan\/don-vi\/[0-9a-f-]{36}\?tb=cq-da-tao$/);
    const path = location.split('?')[0]!;
    const id = path.split('/').pop()!;
    expect((await portal.app.inject({ url: '/co-cau-to-chuc' })).body).not.toContain('Phòng Việc làm');
    expect((await portal.app.inject({ url: '/co-cau-to-chuc/phong-viec-lam' })).statusCode).toBe(404);

    // The editor may keep working on the draft, and may not publish it.
    await editor.get(path);
    expect((await editor.post(path, unitForm({ name: 'Phòng Lao động - Việc làm' }))).statusCode).toBe(303);
    expect((await editor.post(`${path}/xuat-ban`)).statusCode).toBe(403);

    const chief = await clientFor('chief_editor');
    const chiefPage = await chief.get(path);
    expect(chiefPage.body).toContain(`action="${path}/xuat-ban"`);
    expect(main(chiefPage.body)).toMatch(/2 phiên bản gần nhất/);
    expect((await chief.post(`${path}/xuat-ban`)).headers.location).toBe(`${path}?tb=cq-da-xuat-ban`);
    const chart = await portal.app.inject({ url: '/co-cau-to-chuc' });
    expect(chart.body).toContain('href="/co-cau-to-chuc/phong-viec-lam">Phòng Lao động - Việc làm</a>');

    // Published: the editor sees it read-only and cannot change it.
    const readOnly = await editor.get(path);
    expect(readOnly.body).toContain('chỉ trưởng ban biên tập hoặc quản trị được sửa');
    expect((await editor.post(path, unitForm({ name: 'Sửa lén' }))).statusCode).toBe(403);
    expect((await editor.post(`${path}/xoa`)).statusCode).toBe(409);
    expect((await db().selectFrom('agency_units').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name).toBe('Phòng Lao động - Việc làm');

    const audit = await db().selectFrom('audit_log').select('action').where('target_id', '=', id).orderBy('created_at').execute();
    expect(audit.map((a) => a.action)).toEqual(['agency.unit_created', 'agency.unit_saved', 'agency.unit_published']);

    // The chief takes it down; then the editor may delete it.
    await chief.get(path);
    expect((await chief.post(`${path}/go-xuong`)).headers.location).toBe(`${path}?tb=cq-da-go`);
    expect((await portal.app.inject({ url: '/co-cau-to-chuc/phong-viec-lam' })).statusCode).toBe(404);
    await editor.get(path);
    expect((await editor.post(`${path}/xoa`)).headers.location).toBe('/admin/co-quan?tb=cq-da-xoa');
    expect((await editor.get(path)).statusCode).toBe(404);
  });

  it('answers each class of bad unit input on the form, in Vietnamese, with a 4xx and nothing written', async () => {
    const editor = await clientFor('editor');
    const { id: childId } = await createUnit(db(), operatorScope(siteId), { name: 'Phòng Con', parentId: boardId });
    const { id: grandchildId } = await createUnit(db(), operatorScope(siteId), { name: 'Tổ Cháu', parentId: childId });
    const cases: [string, Record<string, string>, string, string][] = [
      ['empty name', { name: '   ' }, 'name', 'Tên đơn vị không được để trống.'],
      ['too long', { name: 'Phòng '.repeat(60) }, 'name', 'Tên đơn vị không được dài quá 200 ký tự.'],
      ['unknown kind', { kind: 'bo_phan' }, 'kind', 'Hãy chọn loại đơn vị trong danh sách.'],
      ['unknown parent', { parentId: '00000000-0000-4000-8000-000000000000' }, 'parentId', 'Đơn vị cấp trên không có trong cơ cấu tổ chức của trang.'],
      ["another site's parent", { parentId: otherSiteUnitId }, 'parentId', 'Đơn vị cấp trên không có trong cơ cấu tổ chức của trang.'],
      ['bad phone', { phone: '<b>gọi ngay</b>' }, 'phone', 'Số điện thoại không hợp lệ'],
      ['bad e-mail', { email: 'vanphong@' }, 'email', 'Địa chỉ thư điện tử không hợp lệ'],
      ['bad slug', { slug: 'Phòng Việc Làm' }, 'slug', 'Địa chỉ đơn vị chỉ gồm chữ thường'],
      ['bad order', { position: 'thứ hai' }, 'position', 'Thứ tự phải là một số nguyên'],
    ];
    await editor.get('/admin/co-quan/don-vi/moi');
    const before = await count('agency_units');
    for (const [label, fields, field, message] of cases) {
      const answer = await editor.post('/admin/co-quan/don-vi', unitForm(fields));
      expect(answer.statusCode, label).toBe(400);
      expect(main(answer.body), label).toContain(message);
      expect(answer.body, label).toContain(`id="f-${field}-error"`);
    }
    expect(await count('agency_units')).toBe(before);
    // A unit cannot move under itself or one of its own units.
    const child = `/admin/co-quan/don-vi/${childId}`;
    await editor.get(child);
    for (const parentId of [childId, grandchildId]) {
      const answer = await editor.post(child, unitForm({ name: 'Phòng Con', parentId }));
      expect(answer.statusCode).toBe(400);
      expect(main(answer.body)).toMatch(/không thể trực thuộc chính nó|đang \(trực tiếp hay gián tiếp\) trực thuộc/);
    }
    // Markup in a name is text: stored as typed, escaped wherever it shows.
    const created = await editor.post('/admin/co-quan/don-vi', unitForm({ name: '<img src=x onerror=alert(1)> Tổ "Kiểm tra"', functionsHtml: '<p onclick="x()">Nhiệm vụ</p><script>alert(1)</script>' }));
    expect(created.statusCode).toBe(303);
    const page = await editor.get(created.headers.location as string);
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)> Tổ &quot;Kiểm tra&quot;');
    const stored = await db().selectFrom('agency_units').select(['functions_html', 'slug']).where('id', '=', (created.headers.location as string).split('/').pop()!.split('?')[0]!).executeTakeFirstOrThrow();
    expect(stored.functions_html).toBe('<p>Nhiệm vụ</p>');
    expect(stored.slug).toBe('img-src-x-onerror-alert-1-to-kiem-tra');
    // No token, no change.
    expect((await editor.post('/admin/co-quan/don-vi', unitForm({ name: 'Không có mã' }), { csrf: null })).statusCode).toBe(403);
  });

  it('manages officials: leaders and contacts, photo from the library or uploaded, bad input refused', async () => {
    const editor = await clientFor('editor');
    await editor.get('/admin/co-quan/can-bo/moi');
    const form = { fullName: 'Nguyễn Văn Bình', positionTitle: 'Phó Giám đốc Sở', positionEn: 'Deputy Director', unitId: boardId, phone: '0260 3862 360', email: 'nvbinh@kontum.gov.vn', photoMediaId: '', fieldsInCharge: 'Lao động\nViệc làm', fieldsInChargeEn: '', isLeader: '1', leaderOrder: '2', isContactPoint: '1', _action: 'save' };
    const bad: [string, Record<string, string>, string][] = [
      ['empty name', { fullName: '' }, 'Họ và tên không được để trống.'],
      ['bad e-mail', { email: 'binh at kontum' }, 'Địa chỉ thư điện tử không hợp lệ'],
      ["another site's unit", { unitId: otherSiteUnitId }, 'Đơn vị công tác không có trong cơ cấu tổ chức của trang.'],
      ["another site's photo", { photoMediaId: otherSitePhotoId }, 'Ảnh phải là một ảnh trong thư viện của trang.'],
      ['too many fields', { fieldsInCharge: 'Lĩnh vực rất dài\n'.repeat(100) }, 'Lĩnh vực phụ trách không được dài quá'],
      ['control characters only', { fullName: '\u0000\u0007\u202e' }, 'Họ và tên không được để trống.'],
    ];
    for (const [label, fields, message] of bad) {
      const answer = await editor.post('/admin/co-quan/can-bo', { ...form, ...fields });
      expect(answer.statusCode, label).toBe(400);
      expect(main(answer.body), label).toContain(message);
    }
    expect(await count('agency_officials')).toBe(0);
    const created = await editor.post('/admin/co-quan/can-bo', form);
    expect(created.statusCode).toBe(303);
    const path = (created.headers.location as string).split('?')[0]!;
    const stored = await db().selectFrom('agency_officials').selectAll().where('site_id', '=', siteId).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ full_name: 'Nguyễn Văn Bình', is_leader: 1, leader_order: 2, is_contact_point: 1, fields_in_charge: 'Lao động\nViệc làm', publication: 'draft' });
    expect((await portal.app.inject({ url: '/lanh-dao' })).body).not.toContain('Nguyễn Văn Bình');

    // Unticking a box saves "no".
    await editor.get(path);
    expect((await editor.post(path, { ...form, isContactPoint: undefined as unknown as string })).statusCode).toBe(303);
    expect((await db().selectFrom('agency_officials').select('is_contact_point').where('id', '=', stored.id).executeTakeFirstOrThrow()).is_contact_point).toBe(0);

    // A portrait uploaded on the official's page goes to the library and becomes their photo.
    const page = await editor.get(path);
    expect(page.body).toContain(`action="${path}/anh"`);
    const cookies = (editor as unknown as { cookies: Map<string, string> }).cookies;
    const post = async (file: { name: string; type: string; bytes: Buffer }, csrf: string | null) => {
      const { payload, contentType } = multipart(csrf === null ? {} : { _csrf: csrf }, file);
      return portal.app.inject({ method: 'POST', url: `${path}/anh`, payload, headers: { 'x-forwarded-for': '198.51.100.250', cookie: [...cookies].map(([n, v]) => `${n}=${v}`).join('; '), 'content-type': contentType } });
    };
    const photo = await sharp({ create: { width: 300, height: 400, channels: 3, background: '#c0a080' } }).jpeg().toBuffer();
    expect((await post({ name: 'anh.jpg', type: 'image/jpeg', bytes: photo }, null)).statusCode).toBe(403);
    const notImage = await post({ name: 'anh.jpg', type: 'image/jpeg', bytes: Buffer.from('không phải ảnh') }, editor.csrfToken);
    expect(notImage.statusCode).toBeGreaterThanOrEqual(400);
    expect(notImage.statusCode).toBeLessThan(500);
    const uploaded = await post({ name: 'anh.jpg', type: 'image/jpeg', bytes: photo }, editor.csrfToken);
    expect(uploaded.statusCode, uploaded.body.slice(0, 300)).toBe(303);
    expect(uploaded.headers.location).toBe(`${path}?tb=cq-da-doi-anh`);
    const withPhoto = await db().selectFrom('agency_officials').select('photo_media_id').where('id', '=', stored.id).executeTakeFirstOrThrow();
    expect(withPhoto.photo_media_id).toMatch(/^[0-9a-f-]{36}$/);

    // Published by the chief, the leader shows with the photo.
    const chief = await clientFor('chief_editor');
    await chief.get(path);
    expect((await chief.post(`${path}/xuat-ban`)).statusCode).toBe(303);
    const leaders = await portal.app.inject({ url: '/lanh-dao' });
    expect(leaders.body).toContain('<h2>Nguyễn Văn Bình</h2>');
    expect(leaders.body).toContain('alt="Ảnh Nguyễn Văn Bình"');
    expect((await editor.get(path)).body).toContain('chỉ trưởng ban biên tập hoặc quản trị được sửa');
  });

  it('keeps the profile for the chief: editors read it, bad links refused, saved text on the public pages at once', async () => {
    const editor = await clientFor('editor');
    const readOnly = await editor.get('/admin/co-quan/thong-tin');
    expect(readOnly.statusCode).toBe(200);
    expect(readOnly.body).toContain('chỉ trưởng ban biên tập hoặc quản trị được sửa');
    expect((await editor.post('/admin/co-quan/thong-tin', { overviewHtml: '<p>Sửa lén</p>' })).statusCode).toBe(403);

    const chief = await clientFor('chief_editor');
    await chief.get('/admin/co-quan/thong-tin');
    const fields = { overviewHtml: '<p>Sở là cơ quan chuyên môn.</p>', overviewEnHtml: '', functionsHtml: '<p>Tham mưu.</p>', functionsEnHtml: '', addressEn: '', mapUrl: 'https://www.openstreetmap.org/#map=17/14.35/108.0', officeHours: 'Sáng 7 giờ', officeHoursEn: '' };
    for (const mapUrl of ['javascript:alert(1)', 'http://ban-do.vn/x', 'ban do']) {
      const answer = await chief.post('/admin/co-quan/thong-tin', { ...fields, mapUrl });
      expect(answer.statusCode, mapUrl).toBe(400);
      expect(main(answer.body), mapUrl).toContain('Liên kết bản đồ');
    }
    expect((await portal.app.inject({ url: '/co-quan' })).body).not.toContain('Sở là cơ quan chuyên môn.');
    const saved = await chief.post('/admin/co-quan/thong-tin', fields);
    expect(saved.headers.location).toBe('/admin/co-quan/thong-tin?tb=cq-da-luu-thong-tin');
    expect((await portal.app.inject({ url: '/co-quan' })).body).toContain('<p>Sở là cơ quan chuyên môn.</p>');
    expect(main((await chief.get('/admin/co-quan/thong-tin')).body)).toMatch(/1 phiên bản gần nhất/);
  });
});

