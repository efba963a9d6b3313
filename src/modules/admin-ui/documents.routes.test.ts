import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../../../test/fixtures/media/build.js';
import { ENGINES } from '../../../test/helpers/databases.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import type { Role } from '../accounts/index.js';
import { operatorScope } from '../accounts/index.js';
import { createLegalDocument, ensureDefaultLists, listDocumentListItems } from '../legal-documents/index.js';

const ROLES: Role[] = ['author', 'editor', 'chief_editor'];

function multipart(fields: Record<string, string>, file: { name: string; type: string; bytes: Buffer }): { payload: Buffer; contentType: string } {
  const boundary = 'documents-boundary';
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe.each(ENGINES)('the legal documents staff screens on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  const users = new Map<Role, { email: string; userId: string }>();
  const types = new Map<string, string>();

  beforeAll(async () => {
    portal = await startTestPortal(engine, { env: { CONG_2FA_REQUIRED_ROLES: 'none', TRUST_PROXY: '127.0.0.1' } });
    const db = portal.testDb.db.kysely;
    siteId = portal.fixture.siteId;
    for (const role of ROLES) users.set(role, await addStaff(db, siteId, role));
    await ensureDefaultLists(db, { siteId, now: new Date() });
    for (const item of await listDocumentListItems(db, { siteId, list: 'type' })) types.set(item.name, item.id);
  });
  afterAll(async () => portal.close());

  let address = 0;
  const clientFor = async (role: Role): Promise<StaffClient> => {
    const client = new StaffClient(portal.app, { 'x-forwarded-for': `198.51.100.${++address}` });
    const answer = await client.login(users.get(role)!.email);
    expect(answer.statusCode, answer.body.slice(0, 300)).toBe(303);
    return client;
  };

  /** A multipart post with the client's cookies and last CSRF token (unless `csrf` is given). */
  const postFile = async (client: StaffClient, url: string, file: { name: string; type: string; bytes: Buffer }, fields: Record<string, string> = {}, csrf: string | null = client.csrfToken) => {
    const cookies = (client as unknown as { cookies: Map<string, string> }).cookies;
    const { payload, contentType } = multipart({ ...(csrf === null ? {} : { _csrf: csrf }), ...fields }, file);
    return portal.app.inject({ method: 'POST', url, payload, headers: { 'x-forwarded-for': '198.51.100.250', cookie: [...cookies].map(([n, v]) => `${n}=${v}`).join('; '), 'content-type': contentType } });
  };

  const documentCount = async () => Number((await portal.testDb.db.kysely.selectFrom('legal_documents').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', siteId).executeTakeFirstOrThrow()).n);

  const seed = (number: string, summary: string, isPublishing = false) =>
    createLegalDocument(portal.testDb.db.kysely, operatorScope(siteId), { number, typeId: types.get('Nghị định'), issuer: 'Chính phủ', issuedOn: number.includes('2021') ? '24/07/2021' : '01/02/2013', summary, isPublishing });

  it('shows the nav item and the screens to editors, and answers authors 403', async () => {
    const author = await clientFor('author');
    expect((await author.get('/admin')).body).not.toContain('href="/admin/van-ban"');
    for (const url of ['/admin/van-ban', '/admin/van-ban/moi', '/admin/van-ban/nhap', '/admin/van-ban/danh-muc']) {
      expect((await author.get(url)).statusCode, url).toBe(403);
    }
    const before = await documentCount();
    await author.get('/admin');
    expect((await author.post('/admin/van-ban', { number: '1/2024/QĐ-UBND', typeId: types.get('Quyết định')!, summary: 'x' })).statusCode).toBe(403);
    expect(await documentCount()).toBe(before);

    const editor = await clientFor('editor');
    const home = await editor.get('/admin');
    expect(home.body).toContain('href="/admin/van-ban"');
    const list = await editor.get('/admin/van-ban');
    expect(list.statusCode).toBe(200);
    for (const text of ['Thêm văn bản', 'Nhập từ bảng tính', 'Danh mục', 'Bản nháp', 'Đã xuất bản', 'Đã gỡ xuống']) expect(list.body).toContain(text);
    expect((await editor.get('/admin/van-ban/khong-co-van-ban-nay')).statusCode).toBe(404);
  });

  it('creates a draft, lists it, lets only the chief editor publish it, and shows it at /van-ban', async () => {
    const editor = await clientFor('editor');
    const form = await editor.get('/admin/van-ban/moi');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('data-editor');
    expect(form.body).not.toContain('Lưu và xuất bản');
    const created = await editor.post('/admin/van-ban', {
      number: '15/2024/QĐ-UBND',
      typeId: types.get('Quyết định')!,
      issuer: 'Ủy ban nhân dân tỉnh Kon Tum',
      signer: 'Nguyễn Văn A',
      issuedOn: '16/01/2024',
      effectiveOn: '01/02/2024',
      expiresOn: '',
      fieldId: '',
      summary: 'Quy định mức hỗ trợ học nghề cho lao động nông thôn',
      body_html: '<p>Điều 1. Phạm vi điều chỉnh</p>',
      status: 'in_force',
      slug: '',
      _action: 'save',
    });
    expect(created.statusCode, created.body.slice(0, 500)).toBe(303);
    const location = created.headers.location as string;
    expect(location).toMatch(/^\/admin\/van-ban\/[0-9a-f-]{36}\?tb=vb-da-tao$/);
    const path = location.split('?')[0]!;

    const drafts = await editor.get('/admin/van-ban?xem=nhap');
    expect(main(drafts.body)).toContain('15/2024/QĐ-UBND');
    expect(main(drafts.body)).toContain('badge--draft');
    expect(main((await editor.get('/admin/van-ban?xem=da-xuat-ban')).body)).not.toContain('15/2024/QĐ-UBND');
    expect(main((await editor.get('/admin/van-ban?q=hoc%20nghe')).body)).toContain('15/2024/QĐ-UBND');

    const page = await editor.get(location);
    expect(page.body).toContain('Đã tạo văn bản');
    expect(page.body).toContain('value="16/01/2024"');
    expect(page.body).not.toContain(`action="${path}/xuat-ban"`);
    expect((await editor.post(`${path}/xuat-ban`)).statusCode).toBe(403);
    expect((await portal.app.inject({ url: '/van-ban' })).body).not.toContain('15/2024/QĐ-UBND');

    const chief = await clientFor('chief_editor');
    const chiefPage = await chief.get(path);
    expect(chiefPage.body).toContain(`action="${path}/xuat-ban"`);
    const published = await chief.post(`${path}/xuat-ban`);
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`${path}?tb=vb-da-xuat-ban`);
    const publicList = await portal.app.inject({ url: '/van-ban' });
    expect(publicList.body).toContain('>15/2024/QĐ-UBND</a>');

    // A published document is the chief's: the editor sees it read-only and cannot save it.
    const readOnly = await editor.get(path);
    expect(readOnly.body).toContain('chỉ trưởng ban biên tập hoặc quản trị được sửa');
    expect((await editor.post(path, { summary: 'Sửa lén' })).statusCode).toBe(403);
    // The chief can take it down again.
    await chief.get(path);
    expect((await chief.post(`${path}/go-xuong`)).headers.location).toBe(`${path}?tb=vb-da-go`);
    expect(main((await chief.get('/admin/van-ban?xem=da-go')).body)).toContain('15/2024/QĐ-UBND');
  });

  it('tells the chief editor what a draft lacks before it can be published', async () => {
    const { id } = await createLegalDocument(portal.testDb.db.kysely, operatorScope(siteId), { number: '7/2024/KH-UBND', typeId: types.get('Kế hoạch'), summary: 'Kế hoạch chưa đủ thông tin' });
    const chief = await clientFor('chief_editor');
    await chief.get(`/admin/van-ban/${id}`);
    const answer = await chief.post(`/admin/van-ban/${id}/xuat-ban`);
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toContain('Văn bản chưa đủ để xuất bản: thiếu cơ quan ban hành, ngày ban hành.');
    expect(answer.body).toContain('Còn thiếu: cơ quan ban hành');
    // Filled in, it publishes, and the page links to its public address.
    await chief.post(`/admin/van-ban/${id}`, { issuer: 'UBND tỉnh', issuedOn: '2024-03-05' });
    expect((await chief.post(`/admin/van-ban/${id}/xuat-ban`)).statusCode).toBe(303);
    const page = await chief.get(`/admin/van-ban/${id}`);
    expect(page.body).toMatch(/href="\/van-ban\/7-2024-kh-ubnd[^"]*"/);
    expect(page.body).toContain('value="05/03/2024"');
  });

  it('refuses a post without the CSRF token (403) and writes nothing', async () => {
    const editor = await clientFor('editor');
    await editor.get('/admin/van-ban/moi');
    const before = await documentCount();
    const answer = await editor.post('/admin/van-ban', { number: '2/2024/QĐ-UBND', typeId: types.get('Quyết định')!, issuedOn: '01/01/2024', summary: 'Không có token' }, { csrf: null });
    expect(answer.statusCode).toBe(403);
    const upload = await postFile(editor, '/admin/van-ban/nhap', { name: 'a.csv', type: 'text/csv', bytes: Buffer.from('Số ký hiệu\n') }, {}, null);
    expect(upload.statusCode).toBe(403);
    expect(await documentCount()).toBe(before);
  });

  it('shows an invalid date beside its field in Vietnamese, with what was typed kept', async () => {
    const editor = await clientFor('editor');
    await editor.get('/admin/van-ban/moi');
    const before = await documentCount();
    const answer = await editor.post('/admin/van-ban', { number: '3/2024/QĐ-UBND', typeId: types.get('Quyết định')!, issuer: 'UBND tỉnh', issuedOn: '31/02/2024', summary: 'Trích yếu đã gõ', _action: 'save' });
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toContain('Ngày ban hành không hợp lệ: hãy ghi theo dạng ngày/tháng/năm');
    expect(answer.body).toMatch(/<input[^>]*id="f-issuedOn"[^>]*value="31\/02\/2024"[^>]*aria-invalid="true"/);
    expect(answer.body).toContain('href="#f-issuedOn"');
    expect(answer.body).toContain('value="3/2024/QĐ-UBND"');
    expect(answer.body).toContain('Trích yếu đã gõ');
    expect(await documentCount()).toBe(before);

    // The same on an existing document's form.
    const { id } = await seed('40/2013/NĐ-CP', 'Văn bản để sửa ngày');
    await editor.get(`/admin/van-ban/${id}`);
    const saved = await editor.post(`/admin/van-ban/${id}`, { number: '40/2013/NĐ-CP', typeId: types.get('Nghị định')!, issuer: 'Chính phủ', issuedOn: '01/02/2013', expiresOn: 'mai', summary: 'Văn bản để sửa ngày' });
    expect(saved.statusCode).toBe(400);
    expect(saved.body).toContain('Ngày hết hiệu lực không hợp lệ');
    expect(saved.body).toContain('value="mai"');
  });

  it('marks a document replaced by another found by its number, and says clearly when none has it', async () => {
    const old = await seed('31/2013/NĐ-CP', 'Văn bản cũ');
    await seed('75/2021/NĐ-CP', 'Văn bản mới');
    const editor = await clientFor('editor');
    const path = `/admin/van-ban/${old.id}`;
    await editor.get(path);
    const missing = await editor.post(`${path}/thay-the`, { replacedByNumber: '99/2099/NĐ-CP' });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Không tìm thấy văn bản số &quot;99/2099/NĐ-CP&quot;');
    expect(missing.body).toContain('value="99/2099/NĐ-CP"');
    const marked = await editor.post(`${path}/thay-the`, { replacedByNumber: ' số 75/2021/nd-cp ' });
    expect(marked.statusCode, marked.body.slice(0, 400)).toBe(303);
    const page = await editor.get(path);
    expect(page.body).toMatch(/bị thay thế bởi <a href="\/admin\/van-ban\/[0-9a-f-]{36}">75\/2021\/NĐ-CP<\/a>/);
    expect(main((await editor.get('/admin/van-ban?q=31%2F2013')).body)).toContain('Bị thay thế');
    // Related by number, and removed again.
    const related = await editor.post(`${path}/lien-quan`, { relatedNumber: '75/2021/NĐ-CP' });
    expect(related.statusCode).toBe(303);
    expect((await editor.get(path)).body).toMatch(/lien-quan\/[0-9a-f-]{36}\/go/);
  });

  it('attaches a PDF of the library, uploads and attaches another, and detaches', async () => {
    const { id } = await seed('12/2013/NĐ-CP', 'Văn bản có tệp');
    const editor = await clientFor('editor');
    const path = `/admin/van-ban/${id}`;
    await editor.get('/admin/thu-vien');
    const library = await postFile(editor, '/admin/media', { name: 'Kế hoạch 12.pdf', type: 'application/pdf', bytes: minimalPdf() }, {});
    expect(library.statusCode, library.body.slice(0, 300)).toBe(303);
    const media = await portal.testDb.db.kysely.selectFrom('media').select(['id']).where('site_id', '=', siteId).where('original_name', '=', 'Kế hoạch 12.pdf').executeTakeFirstOrThrow();

    const page = await editor.get(path);
    expect(page.body).toContain(`<option value="${media.id}">Kế hoạch 12.pdf</option>`);
    const attached = await editor.post(`${path}/tep`, { mediaId: media.id });
    expect(attached.headers.location).toBe(`${path}?tb=vb-da-dinh-kem`);
    expect((await editor.get(path)).body).toContain('>Kế hoạch 12.pdf</a>');

    const uploaded = await postFile(editor, `${path}/tep/tai-len`, { name: 'Phụ lục.pdf', type: 'application/pdf', bytes: minimalPdf('Phu luc') });
    expect(uploaded.statusCode, uploaded.body.slice(0, 300)).toBe(303);
    const withBoth = await editor.get(path);
    expect(withBoth.body).toContain('>Phụ lục.pdf</a>');
    expect((await postFile(editor, `${path}/tep/tai-len`, { name: 'x.pdf', type: 'application/pdf', bytes: minimalPdf() }, {}, null)).statusCode).toBe(403);

    const detached = await editor.post(`${path}/tep/${media.id}/go`);
    expect(detached.headers.location).toBe(`${path}?tb=vb-da-go-tep`);
    expect((await editor.get(path)).body).not.toContain('>Kế hoạch 12.pdf</a>');

    const wrong = await editor.post(`${path}/tep`, { mediaId: '00000000-0000-4000-8000-000000000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('Tệp đính kèm phải là một tài liệu');
  });

  it('previews an import with a broken row without writing, then imports the valid rows', async () => {
    const editor = await clientFor('editor');
    const page = await editor.get('/admin/van-ban/nhap');
    expect(page.body).toContain('mau-nhap-van-ban.csv');
    const template = await editor.get('/admin/van-ban/nhap/mau-nhap-van-ban.csv');
    expect(template.headers['content-type']).toContain('text/csv');
    expect(template.body).toContain('Số ký hiệu,Loại văn bản,Cơ quan ban hành');

    const csv = [
      'Số ký hiệu,Loại văn bản,Cơ quan ban hành,Người ký,Ngày ban hành,Ngày hiệu lực,Ngày hết hiệu lực,Lĩnh vực,Trích yếu',
      '101/2022/QĐ-UBND,Quyết định,UBND tỉnh,,05/01/2022,,,Trẻ em,Quyết định nhập thử một',
      '102/2022/QĐ-UBND,Quyết định,UBND tỉnh,,31/02/2022,,,,Dòng có ngày sai',
      '103/2022/QĐ-UBND,Kế hoạch,UBND tỉnh,,06/01/2022,,,,Kế hoạch nhập thử hai',
    ].join('\n');
    const before = await documentCount();
    const preview = await postFile(editor, '/admin/van-ban/nhap', { name: 'van-ban.csv', type: 'text/csv', bytes: Buffer.from(csv) });
    expect(preview.statusCode, preview.body.slice(0, 500)).toBe(200);
    expect(preview.body).toContain('Ngày ban hành &quot;31/02/2022&quot; không hợp lệ');
    expect(preview.body).toMatch(/<tr class="import-row import-row--error[^"]*" data-line="3">/);
    expect(preview.body).toContain('Nhập 2 văn bản hợp lệ');
    expect(preview.body).not.toContain('Xuất bản luôn');
    expect(await documentCount()).toBe(before);
    const token = /name="token" value="([0-9a-f]{64})"/.exec(preview.body)![1]!;

    // The token is the editor's own: another staff member cannot apply it, nor can a forged post.
    const chief = await clientFor('chief_editor');
    await chief.get('/admin/van-ban/nhap');
    expect((await chief.post('/admin/van-ban/nhap/ap-dung', { token })).statusCode).toBe(400);
    expect((await editor.post('/admin/van-ban/nhap/ap-dung', { token }, { csrf: null })).statusCode).toBe(403);
    // An editor may not publish on import.
    expect((await editor.post('/admin/van-ban/nhap/ap-dung', { token, isPublishing: '1' })).statusCode).toBe(403);
    expect(await documentCount()).toBe(before);

    const applied = await editor.post('/admin/van-ban/nhap/ap-dung', { token });
    expect(applied.statusCode, applied.body.slice(0, 400)).toBe(303);
    expect(applied.headers.location).toBe('/admin/van-ban?tao=2&bo=1&tb=vb-da-nhap');
    expect(await documentCount()).toBe(before + 2);
    const list = await editor.get(applied.headers.location as string);
    expect(list.body).toContain('Đã nhập 2 văn bản; bỏ qua 1 dòng có lỗi.');
    expect(main(list.body)).toContain('101/2022/QĐ-UBND');
    expect(main(list.body)).not.toContain('102/2022/QĐ-UBND');
    // Used once only.
    expect((await editor.post('/admin/van-ban/nhap/ap-dung', { token })).statusCode).toBe(400);

    const broken = await postFile(editor, '/admin/van-ban/nhap', { name: 'x.csv', type: 'text/csv', bytes: Buffer.from('Tên,Tuổi\nA,1\n') });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('Bảng thiếu cột');
  });

  it('offers "Xuất bản luôn" to the chief editor and publishes the imported rows', async () => {
    const chief = await clientFor('chief_editor');
    await chief.get('/admin/van-ban/nhap');
    const csv = 'Số ký hiệu,Loại văn bản,Cơ quan ban hành,Ngày ban hành,Trích yếu\n201/2023/QĐ-UBND,Quyết định,UBND tỉnh,02/03/2023,Quyết định xuất bản ngay\n';
    const preview = await postFile(chief, '/admin/van-ban/nhap', { name: 'a.csv', type: 'text/csv', bytes: Buffer.from(csv) });
    expect(preview.body).toContain('Xuất bản luôn');
    const token = /name="token" value="([0-9a-f]{64})"/.exec(preview.body)![1]!;
    expect((await chief.post('/admin/van-ban/nhap/ap-dung', { token, isPublishing: '1' })).statusCode).toBe(303);
    expect((await portal.app.inject({ url: '/van-ban' })).body).toContain('>201/2023/QĐ-UBND</a>');
  });

  it('manages the lists: add, rename, reorder, and refuses deleting one in use', async () => {
    const editor = await clientFor('editor');
    const readOnly = await editor.get('/admin/van-ban/danh-muc');
    expect(readOnly.statusCode).toBe(200);
    expect(readOnly.body).toContain('Chỉ trưởng ban biên tập hoặc quản trị được sửa danh mục.');
    expect((await editor.post('/admin/van-ban/danh-muc/loai', { name: 'Công điện' })).statusCode).toBe(403);

    const chief = await clientFor('chief_editor');
    await chief.get('/admin/van-ban/danh-muc');
    expect((await chief.post('/admin/van-ban/danh-muc/loai', { name: 'Công điện' })).headers.location).toBe('/admin/van-ban/danh-muc?tb=dm-da-them');
    const repeated = await chief.post('/admin/van-ban/danh-muc/loai', { name: 'Công điện' });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.body).toContain('đã có mục này');
    const db = portal.testDb.db.kysely;
    const item = await db.selectFrom('document_types').select('id').where('site_id', '=', siteId).where('name', '=', 'Công điện').executeTakeFirstOrThrow();
    expect((await chief.post(`/admin/van-ban/danh-muc/loai/${item.id}`, { name: 'Công điện khẩn', position: '0' })).headers.location).toBe('/admin/van-ban/danh-muc?tb=dm-da-luu');
    const renamed = await chief.get('/admin/van-ban/danh-muc');
    expect(renamed.body).toContain('value="Công điện khẩn"');
    expect(renamed.body.indexOf('value="Công điện khẩn"')).toBeLessThan(renamed.body.indexOf('value="Luật"'));
    expect((await chief.post(`/admin/van-ban/danh-muc/loai/${item.id}`, { name: 'Công điện khẩn', position: 'x' })).statusCode).toBe(400);

    await seed('55/2013/NĐ-CP', 'Dùng loại Nghị định');
    const inUse = await chief.post(`/admin/van-ban/danh-muc/loai/${types.get('Nghị định')}/xoa`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.body).toMatch(/Mục này đang được \d+ văn bản dùng nên chưa xoá được/);
    expect((await chief.post(`/admin/van-ban/danh-muc/loai/${item.id}/xoa`)).headers.location).toBe('/admin/van-ban/danh-muc?tb=dm-da-xoa');
    const field = await chief.post('/admin/van-ban/danh-muc/linh-vuc', { name: 'Việc làm thanh niên' });
    expect(field.statusCode).toBe(303);
  });

  it('puts a type in a collection, whose page then lists its documents; refuses a collection that is not one', async () => {
    const chief = await clientFor('chief_editor');
    await chief.get('/admin/van-ban/danh-muc');
    expect((await chief.post('/admin/van-ban/danh-muc/loai', { name: 'Báo cáo tài chính', collection: 'budget' })).statusCode).toBe(303);
    const db = portal.testDb.db.kysely;
    const type = await db.selectFrom('document_types').select(['id', 'collection']).where('site_id', '=', siteId).where('name', '=', 'Báo cáo tài chính').executeTakeFirstOrThrow();
    expect(type.collection).toBe('budget');
    const lists = await chief.get('/admin/van-ban/danh-muc');
    expect(lists.body).toContain('<option value="budget" selected>Công khai ngân sách</option>');
    for (const bad of ['ngan-sach', '', 'legal\u0000', 'x'.repeat(5000)]) {
      const refused = await chief.post(`/admin/van-ban/danh-muc/loai/${type.id}`, { name: 'Báo cáo tài chính', collection: bad });
      expect(refused.statusCode, bad).toBe(400);
      expect(refused.body).toContain('Hãy chọn nhóm của loại văn bản');
    }
    expect((await chief.post(`/admin/van-ban/danh-muc/loai/${type.id}`, { name: 'Báo cáo tài chính', position: '3', collection: 'statistics' })).statusCode).toBe(303);
    expect((await db.selectFrom('document_types').select('collection').where('id', '=', type.id).executeTakeFirstOrThrow()).collection).toBe('statistics');
    const editor = await clientFor('editor');
    await editor.get('/admin/van-ban/danh-muc');
    expect((await editor.post(`/admin/van-ban/danh-muc/loai/${type.id}`, { name: 'Báo cáo tài chính', collection: 'legal' })).statusCode).toBe(403);
  });
});
