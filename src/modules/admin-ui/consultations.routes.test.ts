import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../../../test/fixtures/media/build.js';
import { ENGINES } from '../../../test/helpers/databases.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import type { Role } from '../accounts/index.js';
import { operatorScope } from '../accounts/index.js';
import { commentFoldedText, createConsultation, newReceiptCode } from '../consultations/index.js';
import { createSite } from '../sites/index.js';

const ROLES: Role[] = ['author', 'editor', 'chief_editor', 'admin'];
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

const DRAFT = {
  title: 'Dự thảo Quy chế phối hợp giải quyết việc làm cho bộ đội xuất ngũ',
  issuingUnit: 'Phòng Lao động - Việc làm',
  opensAt: '01/01/2026 08:00',
  closesAt: '31/12/2030 17:00',
  slug: '',
  summaryHtml: '<p>Quy chế phối hợp giữa Sở và Bộ Chỉ huy quân sự tỉnh.</p><script>alert(1)</script><img src=x onerror=alert(2)>',
};

describe.each(ENGINES)('the draft consultation staff screens on %s', (engine) => {
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
  /** A multipart upload with the client's cookies (and its CSRF token unless null). */
  const postFile = async (client: StaffClient, url: string, file: { name: string; type: string; bytes: Buffer }, csrf: string | null = client.csrfToken) => {
    const boundary = 'du-thao-boundary';
    const cookies = (client as unknown as { cookies: Map<string, string> }).cookies;
    const parts: Buffer[] = csrf === null ? [] : [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`)];
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
    return portal.app.inject({ method: 'POST', url, payload: Buffer.concat(parts), headers: { 'x-forwarded-for': '198.51.100.250', cookie: [...cookies].map(([n, v]) => `${n}=${v}`).join('; '), 'content-type': `multipart/form-data; boundary=${boundary}` } });
  };
  const count = async () => Number((await db().selectFrom('consultations').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const addComment = async (consultationId: string, fields: { name: string; email?: string; phone?: string; orgType?: string; section?: string; body: string }) => {
    const id = crypto.randomUUID();
    await db()
      .insertInto('consultation_comments')
      .values({ id, site_id: siteId, consultation_id: consultationId, receipt_code: newReceiptCode(), commenter_name: fields.name, email: fields.email ?? '', phone: fields.phone ?? '', org_type: fields.orgType ?? '', section: fields.section ?? '', body: fields.body, folded_text: commentFoldedText(fields.section ?? '', fields.body), received_at: new Date().toISOString() })
      .execute();
    return id;
  };

  it('answers authors 403 and writes nothing; shows the screens to editors', async () => {
    const author = await clientFor('author');
    expect((await author.get('/admin')).body).not.toContain('href="/admin/du-thao"');
    for (const url of ['/admin/du-thao', '/admin/du-thao/moi']) expect((await author.get(url)).statusCode, url).toBe(403);
    const before = await count();
    await author.get('/admin');
    expect((await author.post('/admin/du-thao', DRAFT)).statusCode).toBe(403);
    expect(await count()).toBe(before);
    const editor = await clientFor('editor');
    expect((await editor.get('/admin')).body).toContain('href="/admin/du-thao"');
    expect((await editor.get('/admin/du-thao')).statusCode).toBe(200);
  });

  it('refuses bad drafts by class with the message on the form, never a 500', async () => {
    const editor = await clientFor('editor');
    await editor.get('/admin/du-thao/moi');
    const before = await count();
    const cases: [Record<string, string | string[]>, string][] = [
      [{ title: '' }, 'Hãy nhập tên dự thảo'],
      [{ title: 'x'.repeat(501) }, 'Tên dự thảo không được dài quá 500 ký tự'],
      [{ title: ['a', 'b'] }, 'Tên dự thảo không hợp lệ'],
      [{ opensAt: '' }, 'Hãy nhập thời điểm bắt đầu'],
      [{ closesAt: '31/02/2030 25:99' }, 'không đúng dạng ngày giờ'],
      [{ closesAt: '01/01/2025 08:00' }, 'phải sau thời điểm bắt đầu'],
      [{ slug: 'Có Dấu/../x' }, 'Địa chỉ chỉ gồm chữ thường'],
      [{ issuingUnit: 'x'.repeat(301) }, 'Cơ quan chủ trì soạn thảo không được dài quá'],
    ];
    for (const [fields, message] of cases) {
      const answer = await editor.post('/admin/du-thao', { ...DRAFT, ...fields });
      expect(answer.statusCode, JSON.stringify(fields).slice(0, 60)).toBe(400);
      expect(main(answer.body), JSON.stringify(fields).slice(0, 60)).toContain(message);
    }
    expect(await count()).toBe(before);
    // Without the CSRF token: refused before anything is read.
    expect((await editor.post('/admin/du-thao', DRAFT, { csrf: null })).statusCode).toBe(403);
  });

  it('lets an editor write a draft (sanitised, a revision per save) but only a chief editor open and close it', async () => {
    const editor = await clientFor('editor');
    await editor.get('/admin/du-thao/moi');
    expect((await editor.get('/admin/du-thao/moi')).body).not.toContain('value="publish"');
    const created = await editor.post('/admin/du-thao', DRAFT);
    expect(created.statusCode).toBe(303);
    const id = /\/admin\/du-thao\/([0-9a-f-]{36})/.exec(created.headers.location as string)![1]!;
    const row = await db().selectFrom('consultations').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.slug).toBe('du-thao-quy-che-phoi-hop-giai-quyet-viec-lam-cho-bo-doi-xuat-ngu');
    expect(row.summary_html).not.toContain('<script');
    expect(row.summary_html).not.toContain('onerror');
    expect(row.opens_at).toBe('2026-01-01T01:00:00.000Z');
    const page = await editor.get(`/admin/du-thao/${id}`);
    expect(page.statusCode).toBe(200);
    expect(main(page.body)).toContain('value="01/01/2026 08:00"');
    await editor.post(`/admin/du-thao/${id}`, { ...DRAFT, issuingUnit: 'Phòng Lao động - Việc làm - An toàn lao động' });
    const revisions = await db().selectFrom('consultation_revisions').select('number').where('consultation_id', '=', id).execute();
    expect(revisions.length).toBe(2);
    // The draft's file: uploaded to the library and attached; without the token, refused.
    await editor.get(`/admin/du-thao/${id}`);
    expect((await postFile(editor, `/admin/du-thao/${id}/tep/tai-len`, { name: 'Du thao quy che.pdf', type: 'application/pdf', bytes: minimalPdf('Du thao quy che') })).statusCode).toBe(303);
    expect((await postFile(editor, `/admin/du-thao/${id}/tep/tai-len`, { name: 'x.pdf', type: 'application/pdf', bytes: minimalPdf() }, null)).statusCode).toBe(403);
    const files = await db().selectFrom('consultation_attachments').select('media_id').where('consultation_id', '=', id).execute();
    expect(files.length).toBe(1);
    expect(main((await editor.get(`/admin/du-thao/${id}`)).body)).toContain('Du thao quy che.pdf');
    expect((await editor.post(`/admin/du-thao/${id}/xuat-ban`)).statusCode).toBe(403);
    expect((await portal.app.inject({ url: `/du-thao/${row.slug}` })).statusCode).toBe(404);

    const chief = await clientFor('chief_editor');
    await chief.get(`/admin/du-thao/${id}`);
    expect((await chief.post(`/admin/du-thao/${id}/xuat-ban`)).statusCode).toBe(303);
    expect(main((await portal.app.inject({ url: `/du-thao/${row.slug}` })).body)).toContain('Đang lấy ý kiến');
    // A published draft is the chief editor's to change.
    await editor.get(`/admin/du-thao/${id}`);
    expect((await editor.post(`/admin/du-thao/${id}`, DRAFT)).statusCode).toBe(403);
    // The report cannot be published while comments are still taken.
    await chief.get(`/admin/du-thao/${id}`);
    const early = await chief.post(`/admin/du-thao/${id}/bao-cao`, { reportHtml: '<p>Tiếp thu 3 ý kiến.</p>', _action: 'publish' });
    expect(early.statusCode).toBe(409);
    expect(main(early.body)).toContain('sau khi đợt lấy ý kiến kết thúc');
    expect((await chief.post(`/admin/du-thao/${id}/ket-thuc`)).statusCode).toBe(303);
    const closed = await portal.app.inject({ url: `/du-thao/${row.slug}/gop-y` });
    expect(closed.statusCode).toBe(409);
    await chief.get(`/admin/du-thao/${id}`);
    expect((await chief.post(`/admin/du-thao/${id}/bao-cao`, { reportHtml: '<p>Tiếp thu 3 ý kiến.</p><script>x()</script>', _action: 'publish' })).statusCode).toBe(303);
    const publicPage = main((await portal.app.inject({ url: `/du-thao/${row.slug}` })).body);
    expect(publicPage).toContain('Tiếp thu 3 ý kiến.');
    expect(publicPage).not.toContain('<script>x()');
    expect(publicPage).toContain('aria-label="Xem Du thao quy che.pdf"');
    // The published report is searchable with the draft.
    const record = await db().selectFrom('search_records').selectAll().where('record_id', '=', id).executeTakeFirstOrThrow();
    expect(JSON.stringify(record)).toContain('Tiếp thu 3 ý kiến');
    const actions = (await db().selectFrom('audit_log').select('action').where('target_id', '=', id).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['consultation.created', 'consultation.saved', 'consultation.published', 'consultation.closed_early', 'consultation.report_saved', 'consultation.report_published']));
  });

  it('lists comments escaped with filters, and exports CSV and XLSX with formulas neutralised, audited', async () => {
    const { id } = await createConsultation(db(), operatorScope(siteId), { title: 'Dự thảo có góp ý', opensAt: new Date(Date.now() - 3_600_000).toISOString(), closesAt: new Date(Date.now() + 86_400_000).toISOString(), isPublishing: true });
    await addComment(id, { name: '<script>alert(1)</script>', email: 'a@b.vn', orgType: 'business', section: 'Điều 5', body: '=HYPERLINK("http://evil","bấm") <img src=x onerror=alert(1)>' });
    await addComment(id, { name: 'Nguyễn Văn An', phone: '0912345678', orgType: 'individual', section: 'Điều 7', body: '+SUM(1,2) đề nghị tăng mức hỗ trợ học nghề' });
    const editor = await clientFor('editor');
    const list = await editor.get(`/admin/du-thao/${id}/gop-y`);
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain('<script>alert(1)');
    expect(list.body).not.toContain('<img src=x');
    expect(main(list.body)).toContain('&lt;script>alert(1)&lt;/script>');
    expect(main(list.body)).toContain('a@b.vn');
    expect(main(list.body)).toContain('2 góp ý');
    // Editors handle comments but not personal-data requests.
    expect(main(list.body)).not.toContain('du-lieu-ca-nhan/xoa');
    expect(main((await editor.get(`/admin/du-thao/${id}/gop-y?doi_tuong=business`)).body)).toContain('1 góp ý khớp bộ lọc');
    expect(main((await editor.get(`/admin/du-thao/${id}/gop-y?dieu=dieu+7`)).body)).toContain('Nguyễn Văn An');
    expect(main((await editor.get(`/admin/du-thao/${id}/gop-y?q=hoc+nghe`)).body)).toContain('1 góp ý khớp bộ lọc');
    const bad = await editor.get(`/admin/du-thao/${id}/gop-y?doi_tuong=hacker`);
    expect(bad.statusCode).toBe(400);
    expect(main(bad.body)).toContain('Đối tượng góp ý được chọn không có');

    const csv = await editor.get(`/admin/du-thao/${id}/gop-y.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://evil"",""bấm"") <img src=x onerror=alert(1)>"`);
    expect(csv.body).toContain("'+SUM(1,2)");
    expect(csv.body).not.toMatch(/(^|,)[=+@-]/m);
    const xlsx = await editor.get(`/admin/du-thao/${id}/gop-y.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: string[] = [];
    book.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value))));
    expect(cells).toContain("'<script>alert(1)</script>".slice(1));
    expect(cells.some((c) => c.startsWith("'=HYPERLINK"))).toBe(true);
    expect(cells.every((c) => !/^[=+@-]/.test(c))).toBe(true);
    const exports = await db().selectFrom('audit_log').select('action').where('target_id', '=', id).where('action', '=', 'consultation.comments_exported').execute();
    expect(exports.length).toBe(2);
  });

  it('lets only personal_data.manage export and erase one commenter, audited; other sites and unknown ids are 404', async () => {
    const { id } = await createConsultation(db(), operatorScope(siteId), { title: 'Dự thảo về dữ liệu cá nhân', opensAt: new Date(Date.now() - 3_600_000).toISOString(), closesAt: new Date(Date.now() + 86_400_000).toISOString() });
    const commentId = await addComment(id, { name: 'Phạm Thị Lan', email: 'lan.pham@gmail.com', body: 'Góp ý về điều kiện vay vốn ưu đãi.' });
    const chief = await clientFor('chief_editor');
    await chief.get(`/admin/du-thao/${id}/gop-y`);
    expect((await chief.post(`/admin/du-thao/gop-y/${commentId}/du-lieu-ca-nhan/xuat`)).statusCode).toBe(403);
    const admin = await clientFor('admin');
    const page = await admin.get(`/admin/du-thao/${id}/gop-y`);
    expect(main(page.body)).toContain('du-lieu-ca-nhan/xoa');
    const exported = await admin.post(`/admin/du-thao/gop-y/${commentId}/du-lieu-ca-nhan/xuat`);
    expect(exported.statusCode).toBe(200);
    expect(JSON.parse(exported.body)).toMatchObject({ name: 'Phạm Thị Lan', email: 'lan.pham@gmail.com' });
    await admin.get(`/admin/du-thao/${id}/gop-y`);
    expect((await admin.post(`/admin/du-thao/gop-y/${commentId}/du-lieu-ca-nhan/xoa`)).statusCode).toBe(303);
    const row = await db().selectFrom('consultation_comments').selectAll().where('id', '=', commentId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ commenter_name: '', email: '', phone: '', body: 'Góp ý về điều kiện vay vốn ưu đãi.' });
    const actions = (await db().selectFrom('audit_log').select('action').where('target_id', '=', commentId).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['consultation.personal_data_exported', 'consultation.personal_data_erased']));
    // The retention setting: admin only, whole months 1–120.
    await admin.get('/admin/du-thao/cai-dat');
    expect((await admin.post('/admin/du-thao/cai-dat', { retentionMonths: '0' })).statusCode).toBe(400);
    expect((await admin.post('/admin/du-thao/cai-dat', { retentionMonths: '24' })).statusCode).toBe(303);
    expect(main((await portal.app.inject({ url: '/du-thao' })).body)).toBeDefined();
    expect((await chief.get('/admin/du-thao/cai-dat')).statusCode).toBe(403);

    const otherSite = await createSite(db(), { host: 'huyen-khac.example', name: 'Trang huyện khác' });
    const other = await createConsultation(db(), operatorScope(otherSite), { title: 'Dự thảo của trang khác', opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 86_400_000).toISOString() });
    const otherComment = await db()
      .insertInto('consultation_comments')
      .values({ id: crypto.randomUUID(), site_id: otherSite, consultation_id: other.id, receipt_code: newReceiptCode(), body: 'Góp ý trang khác', received_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const url of [`/admin/du-thao/${other.id}`, `/admin/du-thao/${other.id}/gop-y`, `/admin/du-thao/${other.id}/gop-y.csv`, '/admin/du-thao/khong-co', `/admin/du-thao/${crypto.randomUUID()}`]) {
      expect((await admin.get(url)).statusCode, url).toBe(404);
    }
    await admin.get(`/admin/du-thao/${id}`);
    expect((await admin.post(`/admin/du-thao/${other.id}/xuat-ban`)).statusCode).toBe(404);
    expect((await admin.post(`/admin/du-thao/gop-y/${otherComment.id}/du-lieu-ca-nhan/xoa`)).statusCode).toBe(404);
    expect((await admin.post(`/admin/du-thao/${id}/tep`, { mediaId: crypto.randomUUID() })).statusCode).toBe(400);
  });
});
