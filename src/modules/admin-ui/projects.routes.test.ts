import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { minimalPdf } from '../../../test/fixtures/media/build.js';
import { ENGINES } from '../../../test/helpers/databases.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import type { Role } from '../accounts/index.js';
import { operatorScope } from '../accounts/index.js';
import { createSite } from '../sites/index.js';
import { createProject } from '../projects/index.js';

const ROLES: Role[] = ['author', 'editor', 'chief_editor'];

function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }): { payload: Buffer; contentType: string } {
  const boundary = 'projects-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

/** A complete tender form, as a browser posts it. */
const TENDER = {
  kind: 'tender',
  name: 'Gói thầu số 07: Mua sắm trang thiết bị phòng phục hồi chức năng',
  owner: 'Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum',
  budget: '2,4 tỷ',
  fundingSource: 'Ngân sách tỉnh',
  location: 'Thành phố Kon Tum',
  startsOn: '01/12/2026',
  endsOn: '',
  closesAt: '21/12/2026 09:30',
  status: 'open',
  winner: '',
  winningPrice: '',
  body_html: '<p>Đấu thầu rộng rãi trong nước.</p><script>alert(1)</script>',
  slug: '',
};

describe.each(ENGINES)('the projects staff screens on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  const users = new Map<Role, { email: string; userId: string }>();
  const db = () => portal.testDb.db.kysely;

  beforeAll(async () => {
    portal = await startTestPortal(engine, { env: { CONG_2FA_REQUIRED_ROLES: 'none', TRUST_PROXY: '127.0.0.1' } });
    siteId = portal.fixture.siteId;
    for (const role of ROLES) users.set(role, await addStaff(db(), siteId, role));
  });
  afterAll(async () => portal.close());

  let address = 0;
  const clientFor = async (role: Role): Promise<StaffClient> => {
    const client = new StaffClient(portal.app, { 'x-forwarded-for': `198.51.100.${++address}` });
    const answer = await client.login(users.get(role)!.email);
    expect(answer.statusCode, answer.body.slice(0, 300)).toBe(303);
    return client;
  };

  const postFile = async (client: StaffClient, url: string, file: { name: string; type: string; bytes: Buffer }, csrf: string | null = client.csrfToken) => {
    const cookies = (client as unknown as { cookies: Map<string, string> }).cookies;
    const { payload, contentType } = multipart(csrf === null ? {} : { _csrf: csrf }, file);
    return portal.app.inject({ method: 'POST', url, payload, headers: { 'x-forwarded-for': '198.51.100.250', cookie: [...cookies].map(([n, v]) => `${n}=${v}`).join('; '), 'content-type': contentType } });
  };

  const projectCount = async () => Number((await db().selectFrom('projects').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

  it('shows the nav item and the screens to editors, and answers authors 403 without writing', async () => {
    const author = await clientFor('author');
    expect((await author.get('/admin')).body).not.toContain('href="/admin/du-an"');
    for (const url of ['/admin/du-an', '/admin/du-an/moi']) expect((await author.get(url)).statusCode, url).toBe(403);
    const before = await projectCount();
    await author.get('/admin');
    expect((await author.post('/admin/du-an', TENDER)).statusCode).toBe(403);
    expect(await projectCount()).toBe(before);

    const editor = await clientFor('editor');
    expect((await editor.get('/admin')).body).toContain('href="/admin/du-an"');
    const list = await editor.get('/admin/du-an');
    expect(list.statusCode).toBe(200);
    for (const text of ['Thêm dự án, gói thầu', 'Bản nháp', 'Đã xuất bản', 'Đã gỡ xuống']) expect(list.body).toContain(text);
    expect((await editor.get('/admin/du-an/khong-co')).statusCode).toBe(404);
  });

  it('creates a draft tender, lists and filters it, lets only the chief editor publish it, and shows it publicly', async () => {
    const editor = await clientFor('editor');
    const form = await editor.get('/admin/du-an/moi');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('data-editor');
    expect(form.body).not.toContain('Lưu và xuất bản');
    const created = await editor.post('/admin/du-an', { ...TENDER, _action: 'save' });
    expect(created.statusCode, main(created.body).slice(0, 800)).toBe(303);
    const location = created.headers.location as string;
    expect(location).toMatch(/^\/admin\/du-an\/[0-9a-f-]{36}\?tb=da-da-tao$/);
    const path = location.split('?')[0]!;

    const page = await editor.get(location);
    expect(page.body).toContain('Đã tạo (bản nháp).');
    expect(page.body).toContain('value="2.400.000.000"');
    expect(page.body).toContain('value="21/12/2026 09:30"');
    expect(page.body).toContain('value="01/12/2026"');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    const row = await db().selectFrom('projects').selectAll().where('id', '=', path.split('/').pop()!).executeTakeFirstOrThrow();
    expect(Number(row.budget)).toBe(2_400_000_000);
    expect(row.closes_at).toBe('2026-12-21T02:30:00.000Z');
    expect(row.description_html).toBe('<p>Đấu thầu rộng rãi trong nước.</p>');
    expect(row.slug).toBe('goi-thau-so-07-mua-sam-trang-thiet-bi-phong-phuc-hoi-chuc-nang');

    expect(main((await editor.get('/admin/du-an?xem=nhap')).body)).toContain('Gói thầu số 07');
    expect(main((await editor.get('/admin/du-an?loai=project')).body)).not.toContain('Gói thầu số 07');
    expect(main((await editor.get('/admin/du-an?q=phuc+hoi+chuc+nang')).body)).toContain('Gói thầu số 07');
    expect(main((await editor.get('/admin/du-an?xem=da-xuat-ban')).body)).not.toContain('Gói thầu số 07');

    expect(page.body).not.toContain(`action="${path}/xuat-ban"`);
    expect((await editor.post(`${path}/xuat-ban`)).statusCode).toBe(403);
    expect(main((await portal.app.inject({ url: '/du-an-dau-thau' })).body)).not.toContain('Gói thầu số 07');

    const chief = await clientFor('chief_editor');
    expect((await chief.get(path)).body).toContain(`action="${path}/xuat-ban"`);
    const published = await chief.post(`${path}/xuat-ban`);
    expect(published.headers.location).toBe(`${path}?tb=da-da-xuat-ban`);
    expect(main((await portal.app.inject({ url: '/du-an-dau-thau' })).body)).toContain('Gói thầu số 07');

    // Published, it is the chief's: the editor sees it read-only and cannot save it.
    const readOnly = await editor.get(path);
    expect(readOnly.body).toContain('chỉ trưởng ban biên tập hoặc quản trị được sửa');
    expect((await editor.post(path, { name: 'Sửa lén' })).statusCode).toBe(403);
    // The chief records the result; the public page shows the winner.
    await chief.get(path);
    const awarded = await chief.post(path, { ...TENDER, status: 'awarded', winner: 'Công ty Cổ phần Thiết bị Y tế Tây Nguyên', winningPrice: '2.315.000.000' });
    expect(awarded.statusCode, main(awarded.body).slice(0, 800)).toBe(303);
    const publicPage = main((await portal.app.inject({ url: '/du-an-dau-thau/goi-thau-so-07-mua-sam-trang-thiet-bi-phong-phuc-hoi-chuc-nang' })).body);
    expect(publicPage).toContain('<dd>Công ty Cổ phần Thiết bị Y tế Tây Nguyên</dd>');
    expect(publicPage).toContain('<dd>2.315.000.000 đồng (2,315 tỷ đồng)</dd>');
    // Revisions: created, then saved.
    const revisions = main((await chief.get(path)).body);
    expect(revisions).toContain('2 phiên bản, mới nhất trước');
    // The chief takes it down again.
    expect((await chief.post(`${path}/go-xuong`)).headers.location).toBe(`${path}?tb=da-da-go`);
    expect(main((await chief.get('/admin/du-an?xem=da-go')).body)).toContain('Gói thầu số 07');
    const audit = await db().selectFrom('audit_log').select('action').where('target_id', '=', row.id).execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['project.created', 'project.published', 'project.saved', 'project.unpublished']);
  });

  it('answers each class of bad input on the form with a Vietnamese message beside its field, and saves nothing', async () => {
    const editor = await clientFor('editor');
    await editor.get('/admin/du-an/moi');
    const before = await projectCount();
    const cases: [Record<string, string>, string, string][] = [
      [{ kind: '' }, 'kind', 'Hãy chọn loại'],
      [{ kind: 'hop-dong' }, 'kind', 'Hãy chọn loại'],
      [{ name: '   ' }, 'name', 'không được để trống'],
      [{ name: 'x'.repeat(501) }, 'name', 'không được dài quá 500 ký tự'],
      [{ owner: 'Sở\u0000'.repeat(200) }, 'owner', 'không được dài quá 300 ký tự'],
      [{ budget: 'mười tỷ' }, 'budget', 'Giá gói thầu không hợp lệ'],
      [{ budget: '-5.000.000' }, 'budget', 'Giá gói thầu không hợp lệ'],
      [{ budget: '12,5' }, 'budget', 'Giá gói thầu không hợp lệ'],
      [{ budget: '9'.repeat(30) }, 'budget', 'Giá gói thầu không hợp lệ'],
      [{ startsOn: '31/02/2026' }, 'startsOn', 'Ngày phát hành hồ sơ mời thầu không hợp lệ'],
      [{ closesAt: '21/12/2026 25:00' }, 'closesAt', 'Thời điểm đóng thầu không hợp lệ'],
      [{ closesAt: 'ngày mai' }, 'closesAt', 'Thời điểm đóng thầu không hợp lệ'],
      [{ closesAt: '20/11/2026 09:00' }, 'closesAt', 'phải sau ngày phát hành hồ sơ'],
      [{ status: 'in_progress' }, 'status', 'Tình trạng này không dùng cho đấu thầu'],
      [{ status: '<script>' }, 'status', 'Tình trạng này không dùng cho đấu thầu'],
      [{ status: 'awarded' }, 'winner', 'hãy ghi nhà thầu trúng thầu'],
      [{ status: 'awarded', winner: 'Công ty A' }, 'winningPrice', 'hãy ghi giá trúng thầu'],
      [{ slug: 'Có Dấu' }, 'slug', 'Địa chỉ chỉ gồm chữ thường'],
      [{ kind: 'project', endsOn: '01/01/2020', startsOn: '01/01/2021', status: '' }, 'endsOn', 'Ngày hoàn thành không được trước ngày khởi công'],
    ];
    for (const [change, field, message] of cases) {
      const answer = await editor.post('/admin/du-an', { ...TENDER, ...change, _action: 'save' });
      expect(answer.statusCode, JSON.stringify(change)).toBe(400);
      expect(answer.body, JSON.stringify(change)).toContain(message);
      expect(answer.body, JSON.stringify(change)).toMatch(new RegExp(`id="f-${field}"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="f-${field}"`));
    }
    // Script in text fields is shown back as text, never run.
    const scripted = await editor.post('/admin/du-an', { ...TENDER, name: '<script>alert("x")</script>', budget: 'x', _action: 'save' });
    expect(scripted.statusCode).toBe(400);
    expect(scripted.body).not.toContain('<script>alert("x")</script>');
    expect(scripted.body).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
    expect(await projectCount()).toBe(before);
    // Without the form's token nothing is written.
    expect((await editor.post('/admin/du-an', { ...TENDER, _action: 'save' }, { csrf: null })).statusCode).toBe(403);
    expect(await projectCount()).toBe(before);
  });

  it('attaches a PDF from an upload, refuses images, other sites\' files and unknown items, and detaches it', async () => {
    const { id } = await createProject(db(), operatorScope(siteId), { kind: 'purchase', name: 'Mua sắm bàn ghế phòng học nghề', owner: 'Sở' });
    const path = `/admin/du-an/${id}`;
    const editor = await clientFor('editor');
    await editor.get(path);
    const uploaded = await postFile(editor, `${path}/tep/tai-len`, { name: 'Ke hoach mua sam.pdf', type: 'application/pdf', bytes: minimalPdf('Ke hoach mua sam') });
    expect(uploaded.statusCode, uploaded.body.slice(0, 400)).toBe(303);
    expect(uploaded.headers.location).toBe(`${path}?tb=da-da-dinh-kem`);
    const page = await editor.get(path);
    expect(main(page.body)).toContain('Ke hoach mua sam.pdf');
    const attached = await db().selectFrom('project_attachments').select('media_id').where('project_id', '=', id).execute();
    expect(attached).toHaveLength(1);

    const image = await postFile(editor, `${path}/tep/tai-len`, { name: 'anh.png', type: 'image/png', bytes: await sharp({ create: { width: 40, height: 30, channels: 3, background: '#0b4f9c' } }).png().toBuffer() });
    expect(image.statusCode).toBe(400);
    expect(image.body).toContain('không phải ảnh');
    await editor.get(path);
    expect((await postFile(editor, `${path}/tep/tai-len`, { name: 'x.pdf', type: 'application/pdf', bytes: minimalPdf() }, null)).statusCode).toBe(403);
    await editor.get(path);
    expect((await editor.post(`${path}/tep`, { mediaId: 'khong-co' })).statusCode).toBe(400);
    // Another site's file is not this site's library.
    const otherSite = await createSite(db(), { host: 'khac.example', name: 'Trang khác' });
    const foreign = await db().insertInto('media').values({ ...(await db().selectFrom('media').selectAll().where('id', '=', attached[0]!.media_id).executeTakeFirstOrThrow()), id: crypto.randomUUID(), site_id: otherSite, storage_key: `khac-${Date.now()}.pdf` }).returning('id').executeTakeFirstOrThrow();
    await editor.get(path);
    const stolen = await editor.post(`${path}/tep`, { mediaId: foreign.id });
    expect(stolen.statusCode).toBe(400);
    expect(stolen.body).toContain('trong thư viện của trang');
    expect((await editor.post('/admin/du-an/khong-co/tep', { mediaId: attached[0]!.media_id })).statusCode).toBe(404);

    await editor.get(path);
    const detached = await editor.post(`${path}/tep/${attached[0]!.media_id}/go`);
    expect(detached.headers.location).toBe(`${path}?tb=da-da-go-tep`);
    expect(await db().selectFrom('project_attachments').select('media_id').where('project_id', '=', id).execute()).toHaveLength(0);
    expect(main((await editor.get(path)).body)).toContain('3 phiên bản, mới nhất trước');
  });

  it('keeps script typed into any field inert on every page that shows it (staff list, form, audit log, public list and page)', async () => {
    const payloads = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", '</title><script>alert(1)</script>', '<a href="javascript:alert(1)">x</a>', '\u0000<script>alert(1)</script>'];
    const inert = (html: string, where: string) => {
      expect(html, where).not.toMatch(/<script>alert\(1\)<\/script>/);
      expect(html, where).not.toMatch(/<img src=x onerror/);
      expect(html, where).not.toMatch(/<svg onload/);
      expect(html, where).not.toMatch(/<a href="javascript:/);
    };
    const chief = await clientFor('chief_editor');
    for (const [i, payload] of payloads.entries()) {
      await chief.get('/admin/du-an/moi');
      const text = `${payload} ${i}`;
      const created = await chief.post('/admin/du-an', { ...TENDER, name: text, owner: text, fundingSource: text, location: text, winner: text, body_html: `<p>${payload}</p>`, slug: `thu-doc-${i}`, _action: 'publish' });
      expect(created.statusCode, payload).toBe(303);
      const path = (created.headers.location as string).split('?')[0]!;
      inert((await chief.get(path)).body, `form ${payload}`);
      inert((await chief.get('/admin/du-an')).body, `staff list ${payload}`);
      inert((await chief.get('/admin/nhat-ky')).body, `audit ${payload}`);
      inert((await portal.app.inject({ url: `/du-an-dau-thau/thu-doc-${i}` })).body, `public page ${payload}`);
      inert((await portal.app.inject({ url: '/du-an-dau-thau?kind=tender' })).body, `public list ${payload}`);
      // The API gives text fields as data (JSON, for the reader to escape); only its HTML must be clean.
      const api = await portal.app.inject({ url: `/api/v1/projects/thu-doc-${i}` });
      expect(api.headers['content-type'], payload).toBe('application/json; charset=utf-8');
      expect(api.json().name, payload).toBe(text.replace('\u0000', '').trim());
      inert(api.json().descriptionHtml, `api html ${payload}`);
    }
  });

  it('never shows or changes another site\'s item', async () => {
    const otherSite = await createSite(db(), { host: 'huyen.example', name: 'Trang huyện' });
    const { id } = await createProject(db(), operatorScope(otherSite), { kind: 'project', name: 'Dự án của trang huyện', owner: 'UBND huyện' });
    const chief = await clientFor('chief_editor');
    expect((await chief.get(`/admin/du-an/${id}`)).statusCode).toBe(404);
    await chief.get('/admin/du-an');
    expect((await chief.post(`/admin/du-an/${id}`, { name: 'Sửa' })).statusCode).toBe(404);
    expect((await chief.post(`/admin/du-an/${id}/xuat-ban`)).statusCode).toBe(404);
    // Ids that cannot exist (markup, a very long one) are not found, and an address holding a
    // NUL is refused before any route (400): never a database error.
    for (const [bad, status] of [['%00', 400], ['%3Cscript%3E', 404], ['x'.repeat(500), 404], [`${id}%00`, 400]] as const) {
      expect((await chief.get(`/admin/du-an/${bad}`)).statusCode, bad).toBe(status);
      await chief.get('/admin/du-an');
      expect((await chief.post(`/admin/du-an/${bad}`, { name: 'x' })).statusCode, bad).toBe(status);
    }
    expect(main((await chief.get('/admin/du-an')).body)).not.toContain('Dự án của trang huyện');
  });
});
