import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../../../test/fixtures/media/build.js';
import { ENGINES } from '../../../test/helpers/databases.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope, type Role } from '../accounts/index.js';
import { createProcedure, ensureDefaultProcedureFields, listProcedureFields } from '../public-services/index.js';
import { createSite } from '../sites/index.js';

const ROLES: Role[] = ['author', 'editor', 'chief_editor'];

function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }): { payload: Buffer; contentType: string } {
  const boundary = 'procedures-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
/** A CSV cell (quoted: cells hold commas and line breaks). */
const cell = (text: string) => `"${text.replace(/"/g, '""')}"`;
const HEADER = ['Mã thủ tục', 'Tên thủ tục', 'Lĩnh vực', 'Cấp thực hiện', 'Cơ quan thực hiện', 'Mức độ', 'Thành phần hồ sơ', 'Thời hạn giải quyết', 'Phí, lệ phí', 'Căn cứ pháp lý'];
const csvOf = (rows: string[][]) => [HEADER, ...rows].map((row) => row.map(cell).join(',')).join('\r\n');

describe.each(ENGINES)('the public services staff screens on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  let otherFieldId: string;
  const users = new Map<Role, { email: string; userId: string }>();
  const fields = new Map<string, string>();
  const db = () => portal.testDb.db.kysely;

  beforeAll(async () => {
    portal = await startTestPortal(engine, { env: { CONG_2FA_REQUIRED_ROLES: 'none', TRUST_PROXY: '127.0.0.1' } });
    siteId = portal.fixture.siteId;
    for (const role of ROLES) users.set(role, await addStaff(db(), siteId, role));
    await ensureDefaultProcedureFields(db(), { siteId, now: new Date() });
    for (const item of await listProcedureFields(db(), siteId)) fields.set(item.name, item.id);
    // Another site of the installation, with its own fields.
    const otherSite = await createSite(db(), { host: 'so-khac.example.vn', name: 'Sở khác' });
    await ensureDefaultProcedureFields(db(), { siteId: otherSite, now: new Date() });
    otherFieldId = (await listProcedureFields(db(), otherSite))[0]!.id;
  });
  afterAll(async () => portal.close());

  let address = 0;
  const clientFor = async (role: Role): Promise<StaffClient> => {
    const client = new StaffClient(portal.app, { 'x-forwarded-for': `198.51.100.${++address}` });
    const answer = await client.login(users.get(role)!.email);
    expect(answer.statusCode, answer.body.slice(0, 300)).toBe(303);
    return client;
  };

  const postFile = async (client: StaffClient, url: string, file: { name: string; type: string; bytes: Buffer }, fields: Record<string, string> = {}, csrf: string | null = client.csrfToken) => {
    const cookies = (client as unknown as { cookies: Map<string, string> }).cookies;
    const { payload, contentType } = multipart({ ...(csrf === null ? {} : { _csrf: csrf }), ...fields }, file);
    return portal.app.inject({ method: 'POST', url, payload, headers: { 'x-forwarded-for': '198.51.100.250', cookie: [...cookies].map(([n, v]) => `${n}=${v}`).join('; '), 'content-type': contentType } });
  };

  const procedureCount = async () => Number((await db().selectFrom('procedures').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', siteId).executeTakeFirstOrThrow()).n);

  const complete = () => ({
    code: '',
    name: 'Đăng ký nội quy lao động',
    fieldId: fields.get('Lao động, tiền lương')!,
    level: 'province',
    agency: 'Sở Lao động - Thương binh và Xã hội',
    onlineLevel: 'full',
    portalUrl: '',
    documents: 'Văn bản đề nghị đăng ký (1 bản chính)\nNội quy lao động (1 bản chính)',
    timeLimit: '07 ngày làm việc',
    timeLimitDays: '7',
    fee: 'Không',
    methods: 'Nộp trực tiếp',
    steps_html: '<p>Bước 1</p><script>alert(1)</script>',
    result: 'Thông báo',
    legalBasis: 'Bộ luật Lao động',
    slug: '',
  });

  it('shows the nav item and the screens to editors, and answers authors 403', async () => {
    const author = await clientFor('author');
    expect((await author.get('/admin')).body).not.toContain('href="/admin/thu-tuc"');
    for (const url of ['/admin/thu-tuc', '/admin/thu-tuc/moi', '/admin/thu-tuc/nhap', '/admin/thu-tuc/linh-vuc', '/admin/thu-tuc/nhap/mau-nhap-thu-tuc.csv']) expect((await author.get(url)).statusCode, url).toBe(403);
    const before = await procedureCount();
    await author.get('/admin');
    expect((await author.post('/admin/thu-tuc', complete())).statusCode).toBe(403);
    expect(await procedureCount()).toBe(before);

    const editor = await clientFor('editor');
    expect((await editor.get('/admin')).body).toContain('href="/admin/thu-tuc"');
    const list = await editor.get('/admin/thu-tuc');
    expect(list.statusCode).toBe(200);
    for (const text of ['Thêm thủ tục', 'Nhập từ bảng tính', 'Lĩnh vực', 'Bản nháp', 'Đã xuất bản', 'Đã gỡ xuống']) expect(list.body).toContain(text);
    expect((await editor.get('/admin/thu-tuc/khong-co-thu-tuc-nay')).statusCode).toBe(404);
  });

  it('creates a draft, lets only the chief editor publish it, keeps revisions, and shows it at /thu-tuc-hanh-chinh', async () => {
    const editor = await clientFor('editor');
    const form = await editor.get('/admin/thu-tuc/moi');
    expect(form.statusCode).toBe(200);
    expect(form.body).not.toContain('Lưu và xuất bản');
    // The editor asking to publish at once is refused, and nothing is written.
    const before = await procedureCount();
    expect((await editor.post('/admin/thu-tuc', { ...complete(), _action: 'publish' })).statusCode).toBe(403);
    expect(await procedureCount()).toBe(before);
    const created = await editor.post('/admin/thu-tuc', { ...complete(), code: '2.001955', _action: 'save' });
    expect(created.statusCode, created.body.slice(0, 500)).toBe(303);
    const location = created.headers.location as string;
    expect(location).toMatch(/^\/admin\/thu-tuc\/[0-9a-f-]{36}\?tb=tt-da-tao$/);
    const path = location.split('?')[0]!;
    const page = await editor.get(location);
    expect(page.body).toContain('Đã tạo thủ tục');
    expect(page.body).toContain('Văn bản đề nghị đăng ký (1 bản chính)\nNội quy lao động (1 bản chính)</textarea>');
    // The script of the pasted steps is gone.
    expect(page.body).not.toContain('<script>alert(1)');
    expect(main((await editor.get('/admin/thu-tuc?xem=nhap')).body)).toContain('Đăng ký nội quy lao động');
    expect(main((await editor.get('/admin/thu-tuc?q=2.001955')).body)).toContain('Đăng ký nội quy lao động');
    expect(main((await editor.get('/admin/thu-tuc?xem=da-xuat-ban')).body)).not.toContain('Đăng ký nội quy lao động');
    expect((await editor.post(`${path}/xuat-ban`)).statusCode).toBe(403);
    expect((await portal.app.inject({ url: '/thu-tuc-hanh-chinh' })).body).not.toContain('Đăng ký nội quy lao động');

    // A second save: a second revision.
    await editor.get(path);
    expect((await editor.post(path, { ...complete(), code: '2.001955', fee: 'Không thu' })).statusCode).toBe(303);
    const revisions = main((await editor.get(path)).body);
    expect(revisions).toContain('2 phiên bản, mới nhất trước');

    const chief = await clientFor('chief_editor');
    await chief.get(path);
    const published = await chief.post(`${path}/xuat-ban`);
    expect(published.headers.location).toBe(`${path}?tb=tt-da-xuat-ban`);
    const publicList = main((await portal.app.inject({ url: '/thu-tuc-hanh-chinh' })).body);
    expect(publicList).toContain('>Đăng ký nội quy lao động</a>');
    const publicPage = main((await portal.app.inject({ url: '/thu-tuc-hanh-chinh/dang-ky-noi-quy-lao-dong' })).body);
    expect(publicPage).toContain('<dd>Không thu</dd>');
    expect(publicPage).toContain('<p>Bước 1</p>');
    expect(publicPage).not.toContain('alert(1)');
    // Published, it is the chief's: the editor sees it read-only and cannot save it.
    const readOnly = await editor.get(path);
    expect(readOnly.body).toContain('chỉ trưởng ban biên tập hoặc quản trị được sửa');
    expect((await editor.post(path, { fee: 'Sửa lén' })).statusCode).toBe(403);
    expect((await editor.post(`${path}/go-xuong`)).statusCode).toBe(403);
    const pdf = await db().selectFrom('media').select('id').where('site_id', '=', siteId).where('kind', '=', 'document').executeTakeFirst();
    if (pdf) expect((await editor.post(`${path}/tep`, { mediaId: pdf.id })).statusCode).toBe(403);
    expect((await postFile(editor, `${path}/tep/tai-len`, { name: 'x.pdf', type: 'application/pdf', bytes: minimalPdf() })).statusCode).toBe(403);
    await chief.get(path);
    expect((await chief.post(`${path}/go-xuong`)).headers.location).toBe(`${path}?tb=tt-da-go`);
    expect((await portal.app.inject({ url: '/thu-tuc-hanh-chinh/dang-ky-noi-quy-lao-dong' })).statusCode).toBe(404);
    // The audit log has each step.
    const actions = (await db().selectFrom('audit_log').select('action').where('target_id', '=', path.split('/').pop()!).execute()).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['procedure.created', 'procedure.saved', 'procedure.published', 'procedure.unpublished']));
  });

  it('tells the chief editor what a draft lacks before it can be published', async () => {
    const { id } = await createProcedure(db(), operatorScope(siteId), { name: 'Thủ tục chưa đủ thông tin' });
    const chief = await clientFor('chief_editor');
    const page = await chief.get(`/admin/thu-tuc/${id}`);
    expect(page.body).toContain('Còn thiếu: lĩnh vực');
    const answer = await chief.post(`/admin/thu-tuc/${id}/xuat-ban`);
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toContain('Thủ tục chưa đủ để xuất bản: thiếu lĩnh vực, cơ quan thực hiện, thành phần hồ sơ, thời hạn giải quyết');
  });

  it('answers each kind of bad input beside its field in Vietnamese, keeps what was typed, and writes nothing', async () => {
    const editor = await clientFor('editor');
    await editor.get('/admin/thu-tuc/moi');
    const before = await procedureCount();
    const cases: [Record<string, string | string[]>, string, string][] = [
      [{ name: '' }, 'name', 'Tên thủ tục không được để trống.'],
      [{ name: 'x'.repeat(501) }, 'name', 'Tên thủ tục không được dài quá 500 ký tự.'],
      [{ agency: 'a'.repeat(501) }, 'agency', 'Cơ quan thực hiện không được dài quá 500 ký tự.'],
      [{ code: 'ABC' }, 'code', 'Mã thủ tục gồm các nhóm chữ số'],
      [{ code: '1.2<script>' }, 'code', 'Mã thủ tục gồm các nhóm chữ số'],
      [{ portalUrl: 'http://dichvucong.gov.vn/' }, 'portalUrl', 'phải là một địa chỉ https đầy đủ'],
      [{ portalUrl: 'javascript:alert(1)' }, 'portalUrl', 'phải là một địa chỉ https đầy đủ'],
      [{ timeLimitDays: '1,5' }, 'timeLimitDays', 'Số ngày làm việc phải là một số nguyên'],
      [{ timeLimitDays: '-3' }, 'timeLimitDays', 'Số ngày làm việc phải là một số nguyên'],
      [{ level: 'trung-uong' }, 'level', 'Cấp thực hiện phải là cấp tỉnh, cấp huyện hoặc cấp xã.'],
      [{ onlineLevel: 'muc-4' }, 'onlineLevel', 'Mức độ dịch vụ công trực tuyến phải là'],
      [{ fieldId: '00000000-0000-4000-8000-000000000000' }, 'fieldId', 'Lĩnh vực này không có trong danh mục của trang.'],
      [{ fieldId: otherFieldId }, 'fieldId', 'Lĩnh vực này không có trong danh mục của trang.'],
      [{ documents: 'Đơn\n(2 bản sao)' }, 'documents', 'Dòng 2 của thành phần hồ sơ thiếu tên giấy tờ.'],
      [{ documents: 'Đơn (500 bản chính)' }, 'documents', 'số bản không quá 99'],
      [{ slug: 'Có Dấu' }, 'slug', 'Địa chỉ thủ tục chỉ gồm chữ thường không dấu'],
    ];
    for (const [change, field, message] of cases) {
      const answer = await editor.post('/admin/thu-tuc', { ...complete(), ...change, _action: 'save' });
      expect(answer.statusCode, JSON.stringify(change)).toBe(400);
      expect(answer.body, JSON.stringify(change)).toContain(message.replace(/"/g, '&quot;'));
      expect(answer.body, JSON.stringify(change)).toContain(`href="#f-${field}"`);
    }
    // What was typed comes back escaped, never as markup.
    const html = await editor.post('/admin/thu-tuc', { ...complete(), name: '<img src=x onerror=alert(1)>', code: 'x', _action: 'save' });
    expect(html.statusCode).toBe(400);
    expect(html.body).toContain('&lt;img src=x onerror=alert(1)>');
    expect(html.body).not.toContain('<img src=x');
    // Repeated fields (an array where one value is expected) use the first.
    expect((await editor.post('/admin/thu-tuc', { ...complete(), name: ['', 'Hai'], _action: 'save' })).statusCode).toBe(400);
    expect(await procedureCount()).toBe(before);
    // Control characters are dropped, not stored; a code already on the site is refused.
    const made = await editor.post('/admin/thu-tuc', { ...complete(), code: '1.000105', name: 'Cấp\u0000 giấy\u0007 phép', _action: 'save' });
    expect(made.statusCode, made.body.slice(0, 300)).toBe(303);
    expect((await db().selectFrom('procedures').select('name').where('code', '=', '1.000105').executeTakeFirstOrThrow()).name).toBe('Cấp giấy phép');
    await editor.get('/admin/thu-tuc/moi');
    const twice = await editor.post('/admin/thu-tuc', { ...complete(), code: '1.000105', _action: 'save' });
    expect(twice.statusCode).toBe(409);
    expect(twice.body).toContain('Mã thủ tục &quot;1.000105&quot; đã có trong danh mục thủ tục của trang.');
    // Another site's procedure is not found.
    const foreign = await createProcedure(db(), operatorScope((await db().selectFrom('sites').select('id').where('host', '=', 'so-khac.example.vn').executeTakeFirstOrThrow()).id), { name: 'Thủ tục của sở khác' });
    expect((await editor.get(`/admin/thu-tuc/${foreign.id}`)).statusCode).toBe(404);
    expect((await editor.post(`/admin/thu-tuc/${foreign.id}`, { name: 'Chiếm' })).statusCode).toBe(404);
  });

  it('refuses a post without the CSRF token (403) and writes nothing', async () => {
    const editor = await clientFor('editor');
    await editor.get('/admin/thu-tuc/moi');
    const before = await procedureCount();
    expect((await editor.post('/admin/thu-tuc', { ...complete(), _action: 'save' }, { csrf: null })).statusCode).toBe(403);
    expect((await postFile(editor, '/admin/thu-tuc/nhap', { name: 'a.csv', type: 'text/csv', bytes: Buffer.from(csvOf([])) }, {}, null)).statusCode).toBe(403);
    expect(await procedureCount()).toBe(before);
  });

  it('attaches a form of the library, uploads and attaches another, and detaches', async () => {
    const { id } = await createProcedure(db(), operatorScope(siteId), { name: 'Thủ tục có mẫu đơn' });
    const editor = await clientFor('editor');
    const path = `/admin/thu-tuc/${id}`;
    await editor.get('/admin/thu-vien');
    expect((await postFile(editor, '/admin/media', { name: 'Mẫu số 01.pdf', type: 'application/pdf', bytes: minimalPdf() })).statusCode).toBe(303);
    const media = await db().selectFrom('media').select(['id']).where('site_id', '=', siteId).where('original_name', '=', 'Mẫu số 01.pdf').executeTakeFirstOrThrow();
    expect((await editor.get(path)).body).toContain(`<option value="${media.id}">Mẫu số 01.pdf</option>`);
    expect((await editor.post(`${path}/tep`, { mediaId: media.id })).headers.location).toBe(`${path}?tb=tt-da-dinh-kem`);
    expect((await editor.get(path)).body).toContain('>Mẫu số 01.pdf</a>');
    const uploaded = await postFile(editor, `${path}/tep/tai-len`, { name: 'Tờ khai.pdf', type: 'application/pdf', bytes: minimalPdf('To khai') });
    expect(uploaded.statusCode, uploaded.body.slice(0, 300)).toBe(303);
    expect((await editor.get(path)).body).toContain('>Tờ khai.pdf</a>');
    expect((await editor.post(`${path}/tep/${media.id}/go`)).headers.location).toBe(`${path}?tb=tt-da-go-tep`);
    expect((await editor.get(path)).body).not.toContain('>Mẫu số 01.pdf</a>');
    const wrong = await editor.post(`${path}/tep`, { mediaId: '00000000-0000-4000-8000-000000000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Tệp đính kèm phải là một tài liệu');
  });

  it('previews an import with broken rows without writing, then imports the valid rows as drafts', async () => {
    const editor = await clientFor('editor');
    expect((await editor.get('/admin/thu-tuc/nhap')).body).toContain('mau-nhap-thu-tuc.csv');
    const template = await editor.get('/admin/thu-tuc/nhap/mau-nhap-thu-tuc.csv');
    expect(template.headers['content-type']).toContain('text/csv');
    expect(template.body).toContain('Mã thủ tục,Tên thủ tục,Lĩnh vực,Cấp thực hiện');
    await createProcedure(db(), operatorScope(siteId), { name: 'Đã có sẵn', code: '3.000001' });

    const good = (code: string, name: string): string[] => [code, name, 'Việc làm', 'Cấp tỉnh', 'Trung tâm Dịch vụ việc làm', 'Toàn trình', 'Đơn đề nghị (1 bản chính)\nSổ bảo hiểm xã hội (1 bản sao)', '15 ngày làm việc kể từ ngày nhận đủ hồ sơ', 'Không', 'Luật Việc làm'];
    const rows = [
      good('1.001978', 'Hưởng trợ cấp thất nghiệp nhập thử'),
      ['', '', 'Việc làm', 'Cấp tỉnh', 'Trung tâm', '', 'Đơn', '5 ngày', 'Không', ''],
      [...good('1.100002', 'Lĩnh vực sai').slice(0, 2), 'Thú y', ...good('', '').slice(3)],
      [...good('1.100003', 'Cấp sai').slice(0, 3), 'Trung ương', ...good('', '').slice(4)],
      [...good('1.100004', 'Giấy tờ sai').slice(0, 6), 'Đơn\n(1 bản chính)', ...good('', '').slice(7)],
      good('1.001978', 'Trùng mã trong bảng'),
      good('3.000001', 'Trùng mã đã có'),
      good('<script>', 'Mã là mã độc'),
      good('', 'Hỗ trợ học nghề nhập thử <b>đậm</b>'),
    ];
    const before = await procedureCount();
    const preview = await postFile(editor, '/admin/thu-tuc/nhap', { name: 'thu-tuc.csv', type: 'text/csv', bytes: Buffer.from(csvOf(rows)) });
    expect(preview.statusCode, preview.body.slice(0, 500)).toBe(200);
    for (const message of ['Thiếu tên thủ tục.', 'Lĩnh vực &quot;Thú y&quot; không có trong danh mục', 'Cấp thực hiện phải là cấp tỉnh', 'Dòng 2 của thành phần hồ sơ thiếu tên giấy tờ.', 'Trùng mã thủ tục với dòng 2 của bảng.', 'Mã thủ tục này đã có trong danh mục thủ tục của trang.', 'Mã thủ tục gồm các nhóm chữ số']) {
      expect(preview.body, message).toContain(message);
    }
    expect(preview.body).toMatch(/<tr class="import-row import-row--error[^"]*" data-line="3">/);
    expect(preview.body).toContain('<li>Đơn đề nghị (1 bản chính)</li><li>Sổ bảo hiểm xã hội (1 bản sao)</li>');
    expect(preview.body).toContain('Hỗ trợ học nghề nhập thử &lt;b>đậm&lt;/b>');
    expect(preview.body).toContain('Nhập 2 thủ tục hợp lệ');
    expect(preview.body).not.toContain('Xuất bản luôn');
    expect(await procedureCount()).toBe(before);
    const token = /name="token" value="([0-9a-f]{64})"/.exec(preview.body)![1]!;

    // The token is the editor's own; an editor may not publish on import.
    const chief = await clientFor('chief_editor');
    await chief.get('/admin/thu-tuc/nhap');
    expect((await chief.post('/admin/thu-tuc/nhap/ap-dung', { token })).statusCode).toBe(400);
    expect((await editor.post('/admin/thu-tuc/nhap/ap-dung', { token }, { csrf: null })).statusCode).toBe(403);
    expect((await editor.post('/admin/thu-tuc/nhap/ap-dung', { token, isPublishing: '1' })).statusCode).toBe(403);
    expect(await procedureCount()).toBe(before);

    const applied = await editor.post('/admin/thu-tuc/nhap/ap-dung', { token });
    expect(applied.statusCode, applied.body.slice(0, 400)).toBe(303);
    expect(applied.headers.location).toBe('/admin/thu-tuc?tao=2&bo=7&tb=tt-da-nhap');
    expect(await procedureCount()).toBe(before + 2);
    expect((await editor.get(applied.headers.location as string)).body).toContain('Đã nhập 2 thủ tục; bỏ qua 7 dòng có lỗi.');
    const imported = await db().selectFrom('procedures').select(['id', 'publication', 'portal_url', 'time_limit_days']).where('code', '=', '1.001978').executeTakeFirstOrThrow();
    expect(imported).toMatchObject({ publication: 'draft', portal_url: 'https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001978', time_limit_days: 15 });
    const documents = await db().selectFrom('procedure_documents').select(['name', 'originals', 'copies']).where('procedure_id', '=', imported.id).orderBy('position').execute();
    expect(documents).toEqual([{ name: 'Đơn đề nghị', originals: 1, copies: 0 }, { name: 'Sổ bảo hiểm xã hội', originals: 0, copies: 1 }]);
    expect((await portal.app.inject({ url: '/thu-tuc-hanh-chinh' })).body).not.toContain('nhập thử');
    // Used once only.
    expect((await editor.post('/admin/thu-tuc/nhap/ap-dung', { token })).statusCode).toBe(400);

    for (const [name, bytes, message] of [
      ['x.csv', Buffer.from('Tên,Tuổi\nA,1\n'), 'Bảng thiếu cột'],
      ['x.csv', Buffer.from(`${HEADER.join(',')}\n`), 'Bảng chỉ có dòng tiêu đề'],
      ['x.csv', Buffer.from([0xff, 0xfe, 0x41, 0x00]), 'không ở bảng mã UTF-8'],
      ['x.pdf', minimalPdf(), 'Chỉ nhập được tệp CSV'],
      ['x.xlsx', Buffer.from('PK\u0003\u0004 not a zip'), 'Không đọc được tệp Excel'],
    ] as const) {
      const broken = await postFile(editor, '/admin/thu-tuc/nhap', { name, type: 'application/octet-stream', bytes });
      expect(broken.statusCode, message).toBe(400);
      expect(broken.body, message).toContain(message);
    }
  });

  it('offers "Xuất bản luôn" to the chief editor and publishes the imported rows, found by search', async () => {
    const chief = await clientFor('chief_editor');
    await chief.get('/admin/thu-tuc/nhap');
    const csv = csvOf([['2.000777', 'Thủ tục xuất bản ngay khi nhập', 'Trẻ em', 'xã', 'Ủy ban nhân dân cấp xã', 'Một phần', 'Tờ trình', '12 giờ', 'Không', '']]);
    const preview = await postFile(chief, '/admin/thu-tuc/nhap', { name: 'a.csv', type: 'text/csv', bytes: Buffer.from(csv) });
    expect(preview.body).toContain('Xuất bản luôn');
    const token = /name="token" value="([0-9a-f]{64})"/.exec(preview.body)![1]!;
    expect((await chief.post('/admin/thu-tuc/nhap/ap-dung', { token, isPublishing: '1' })).statusCode).toBe(303);
    expect((await portal.app.inject({ url: '/thu-tuc-hanh-chinh?level=commune' })).body).toContain('>Thủ tục xuất bản ngay khi nhập</a>');
    expect(main((await portal.app.inject({ url: '/tim-kiem?q=2.000777' })).body)).toContain('href="/thu-tuc-hanh-chinh/thu-tuc-xuat-ban-ngay-khi-nhap"');
  });

  it('manages the fields: add, rename, reorder, and refuses deleting one in use', async () => {
    const editor = await clientFor('editor');
    const readOnly = await editor.get('/admin/thu-tuc/linh-vuc');
    expect(readOnly.statusCode).toBe(200);
    expect(readOnly.body).toContain('Chỉ trưởng ban biên tập hoặc quản trị được sửa danh mục lĩnh vực.');
    expect((await editor.post('/admin/thu-tuc/linh-vuc', { name: 'Lao động nước ngoài' })).statusCode).toBe(403);

    const chief = await clientFor('chief_editor');
    await chief.get('/admin/thu-tuc/linh-vuc');
    expect((await chief.post('/admin/thu-tuc/linh-vuc', { name: 'Lao động nước ngoài' })).headers.location).toBe('/admin/thu-tuc/linh-vuc?tb=lv-da-them');
    const repeated = await chief.post('/admin/thu-tuc/linh-vuc', { name: 'Lao động  nước ngoài' });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.body).toContain('Danh mục lĩnh vực đã có mục này.');
    expect((await chief.post('/admin/thu-tuc/linh-vuc', { name: 'x'.repeat(101) })).statusCode).toBe(400);
    const item = await db().selectFrom('procedure_fields').select('id').where('site_id', '=', siteId).where('name', '=', 'Lao động nước ngoài').executeTakeFirstOrThrow();
    expect((await chief.post(`/admin/thu-tuc/linh-vuc/${item.id}`, { name: 'Lao động là người nước ngoài', position: '0' })).headers.location).toBe('/admin/thu-tuc/linh-vuc?tb=lv-da-luu');
    const renamed = await chief.get('/admin/thu-tuc/linh-vuc');
    expect(renamed.body.indexOf('value="Lao động là người nước ngoài"')).toBeLessThan(renamed.body.indexOf('value="Việc làm"'));
    expect((await chief.post(`/admin/thu-tuc/linh-vuc/${item.id}`, { position: 'x' })).statusCode).toBe(400);
    expect((await chief.post(`/admin/thu-tuc/linh-vuc/${otherFieldId}`, { name: 'Chiếm' })).statusCode).toBe(404);
    const inUse = await chief.post(`/admin/thu-tuc/linh-vuc/${fields.get('Việc làm')}/xoa`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.body).toMatch(/Lĩnh vực này đang được \d+ thủ tục dùng nên chưa xoá được/);
    expect((await chief.post(`/admin/thu-tuc/linh-vuc/${item.id}/xoa`)).headers.location).toBe('/admin/thu-tuc/linh-vuc?tb=lv-da-xoa');
  });
});
