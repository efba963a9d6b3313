import crypto from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { minimalPdf } from '../../../test/fixtures/media/build.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import type { Role } from '../accounts/index.js';
import { createSite } from '../sites/index.js';
import { eraseRequesterDataPastRetention, newTrackingCode } from '../information-access/index.js';

const ROLES: Role[] = ['author', 'editor', 'chief_editor', 'admin'];
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));
const BASE = '/admin/tiep-can-thong-tin';

describe.each(ENGINES)('the access-to-information staff screens on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  const users = new Map<Role, { email: string; userId: string }>();
  const db = () => portal.testDb.db.kysely;

  /** A request as the public form would have stored it (the form's own tests cover the form). */
  async function insertRequest(input: { content: string; dueDay: string; site?: string; fullName?: string; closedAt?: string; status?: string }): Promise<{ id: string; code: string }> {
    const id = crypto.randomUUID();
    const code = newTrackingCode();
    const at = new Date().toISOString();
    await db()
      .insertInto('information_requests')
      .values({ id, site_id: input.site ?? siteId, tracking_code: code, status: input.status ?? 'received', full_name: input.fullName ?? 'Trần Văn Bình', id_number: '062090004321', address: 'Phường Duy Tân, Kon Tum', phone: '0987654321', email: 'binh.tran@gmail.com', content: input.content, purpose: 'Để biết.', delivery: 'email', fingerprint: id, received_at: at, received_day: at.slice(0, 10), due_day: input.dueDay, first_due_day: input.dueDay, closed_at: input.closedAt ?? null, created_at: at, updated_at: at })
      .execute();
    return { id, code };
  }

  beforeAll(async () => {
    portal = await startTestPortal(engine, { env: { CONG_2FA_REQUIRED_ROLES: 'none', TRUST_PROXY: '127.0.0.1' } });
    siteId = portal.fixture.siteId;
    for (const role of ROLES) users.set(role, await addStaff(db(), siteId, role));
  });
  afterAll(async () => portal.close());

  let address = 0;
  const clientFor = async (role: Role): Promise<StaffClient> => {
    const client = new StaffClient(portal.app, { 'x-forwarded-for': `198.51.100.${++address}` });
    expect((await client.login(users.get(role)!.email)).statusCode).toBe(303);
    return client;
  };
  const farDay = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

  it('shows personal data only to the chief editor and up; the list masks the citizen number', async () => {
    const { id } = await insertRequest({ content: 'Đề nghị cung cấp danh sách hộ nghèo của xã.', dueDay: farDay(30) });
    for (const role of ['author', 'editor'] as const) {
      const client = await clientFor(role);
      for (const url of [BASE, `${BASE}/${id}`, `${BASE}/yeu-cau.csv`, `${BASE}/yeu-cau.xlsx`, `${BASE}/danh-muc`, `${BASE}/dau-moi`]) expect((await client.get(url)).statusCode, `${role} ${url}`).toBe(403);
    }
    const chief = await clientFor('chief_editor');
    const inbox = await chief.get(BASE);
    expect(inbox.statusCode).toBe(200);
    expect(main(inbox.body)).toContain('Đề nghị cung cấp danh sách hộ nghèo của xã.');
    expect(main(inbox.body)).toContain('********4321');
    expect(main(inbox.body)).not.toContain('062090004321');
    const page = await chief.get(`${BASE}/${id}`);
    expect(page.statusCode).toBe(200);
    expect(main(page.body)).toContain('062090004321');
    expect(main(page.body)).toContain('binh.tran@gmail.com');
    // Only personal_data.manage (admin) gets the export and erase buttons.
    expect(main(page.body)).not.toContain('du-lieu-ca-nhan/xuat');
    expect((await chief.post(`${BASE}/${id}/du-lieu-ca-nhan/xuat`)).statusCode).toBe(403);
    expect((await chief.post(`${BASE}/${id}/du-lieu-ca-nhan/xoa`)).statusCode).toBe(403);
  });

  it('takes up, extends once with a reason, answers with a sanitised text; each act audited', async () => {
    const { id } = await insertRequest({ content: 'Đề nghị cung cấp kế hoạch đào tạo nghề năm nay.', dueDay: farDay(20) });
    const chief = await clientFor('chief_editor');
    await chief.get(`${BASE}/${id}`);
    expect((await chief.post(`${BASE}/${id}/nhan-xu-ly`)).statusCode).toBe(303);
    await chief.get(`${BASE}/${id}`);
    // Bad extensions: wrong numbers, no reason.
    for (const fields of [{ days: '16', reason: 'Cần tổng hợp thêm.' }, { days: 'abc', reason: 'Cần tổng hợp thêm.' }, { days: '5', reason: '' }]) {
      const refused = await chief.post(`${BASE}/${id}/gia-han`, fields);
      expect(refused.statusCode, JSON.stringify(fields)).toBe(400);
    }
    expect((await chief.post(`${BASE}/${id}/gia-han`, { days: '10', reason: 'Cần tổng hợp từ các phòng.' })).statusCode).toBe(303);
    await chief.get(`${BASE}/${id}`);
    expect((await chief.post(`${BASE}/${id}/gia-han`, { days: '5', reason: 'Lần hai gia hạn.' })).statusCode).toBe(409);
    await chief.get(`${BASE}/${id}`);
    expect((await chief.post(`${BASE}/${id}/tra-loi`, { answerHtml: '', mediaId: '' })).statusCode).toBe(400);
    expect((await chief.post(`${BASE}/${id}/tra-loi`, { answerHtml: '<p>x</p>', mediaId: 'khong-co' })).statusCode).toBe(400);
    const answered = await chief.post(`${BASE}/${id}/tra-loi`, { answerHtml: '<p>Kế hoạch như sau<script>alert(1)</script><img src=x onerror=alert(2)></p>', mediaId: '' });
    expect(answered.statusCode).toBe(303);
    const row = await db().selectFrom('information_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.status).toBe('answered');
    expect(row.answer_html).not.toMatch(/script|onerror/);
    expect(row.extension_reason).toBe('Cần tổng hợp từ các phòng.');
    const actions = (await db().selectFrom('audit_log').select('action').where('target_id', '=', id).execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['information_request.taken_up', 'information_request.extended', 'information_request.answered']));
    // Closed: no more steps.
    await chief.get(`${BASE}/${id}`);
    expect((await chief.post(`${BASE}/${id}/tu-choi`, { refuseReason: 'Muộn rồi mới từ chối.' })).statusCode).toBe(409);
  });

  it('uploads a file for the answer (CSRF checked first), and the status page links to it', async () => {
    const { id, code } = await insertRequest({ content: 'Đề nghị cung cấp báo cáo tổng kết năm.', dueDay: farDay(20) });
    const chief = await clientFor('chief_editor');
    await chief.get(`${BASE}/${id}`);
    const cookies = (chief as unknown as { cookies: Map<string, string> }).cookies;
    const upload = (csrf: string | null, file: { name: string; type: string; bytes: Buffer }) => {
      const boundary = 'ia-boundary';
      const parts: Buffer[] = [];
      if (csrf !== null) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\n${csrf}\r\n`));
      parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${boundary}--\r\n`));
      return portal.app.inject({ method: 'POST', url: `${BASE}/${id}/tep/tai-len`, payload: Buffer.concat(parts), headers: { 'x-forwarded-for': '198.51.100.250', cookie: [...cookies].map(([n, v]) => `${n}=${v}`).join('; '), 'content-type': `multipart/form-data; boundary=${boundary}` } });
    };
    expect((await upload(null, { name: 'Báo cáo.pdf', type: 'application/pdf', bytes: minimalPdf() })).statusCode).toBe(403);
    const notADocument = await upload(chief.csrfToken, { name: 'x.txt', type: 'text/plain', bytes: Buffer.from('=cmd|calc') });
    expect(notADocument.statusCode).toBeGreaterThanOrEqual(400);
    expect(notADocument.statusCode).toBeLessThan(500);
    const uploaded = await upload(chief.csrfToken, { name: 'Báo cáo tổng kết.pdf', type: 'application/pdf', bytes: minimalPdf('Bao cao') });
    expect(uploaded.statusCode).toBe(303);
    const page = await chief.get(uploaded.headers.location as string);
    const media = await db().selectFrom('media').select('id').where('original_name', '=', 'Báo cáo tổng kết.pdf').executeTakeFirstOrThrow();
    expect(page.body).toMatch(new RegExp(`<option[^>]*value="${media.id}"[^>]*selected`));
    expect((await chief.post(`${BASE}/${id}/tra-loi`, { answerHtml: '', mediaId: media.id })).statusCode).toBe(303);
    const status = await portal.app.inject({ url: `/tiep-can-thong-tin/tra-cuu?ma=${code}` });
    expect(main(status.body)).toContain('Báo cáo tổng kết.pdf');
  });

  it('puts requests under the right tabs (overdue, due soon) and refuses another site’s request', async () => {
    await insertRequest({ content: 'Yêu cầu đã quá hạn trả lời.', dueDay: '2020-01-06', status: 'in_progress' });
    const other = await createSite(db(), { host: 'khac.example.vn', name: 'Sở khác' });
    const foreign = await insertRequest({ content: 'Yêu cầu của trang khác.', dueDay: farDay(20), site: other });
    const chief = await clientFor('chief_editor');
    expect(main((await chief.get(`${BASE}?xem=qua-han`)).body)).toContain('Yêu cầu đã quá hạn trả lời.');
    expect(main((await chief.get(`${BASE}?xem=moi`)).body)).not.toContain('Yêu cầu đã quá hạn trả lời.');
    expect((await chief.get(`${BASE}/${foreign.id}`)).statusCode).toBe(404);
    await chief.get(BASE);
    expect((await chief.post(`${BASE}/${foreign.id}/tra-loi`, { answerHtml: '<p>x</p>' })).statusCode).toBe(404);
    expect((await db().selectFrom('information_requests').select('status').where('id', '=', foreign.id).executeTakeFirstOrThrow()).status).toBe('received');
    expect((await chief.get(`${BASE}/khong-co`)).statusCode).toBe(404);
  });

  it('exports CSV and XLSX with formula payloads neutralised, audited', async () => {
    await insertRequest({ content: '=HYPERLINK("http://x","bấm")', fullName: '@SUM(A1)', dueDay: farDay(20) });
    const chief = await clientFor('chief_editor');
    const csv = await chief.get(`${BASE}/yeu-cau.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x"",""bấm"")"`);
    expect(csv.body).toContain(`'@SUM(A1)`);
    const xlsx = await chief.get(`${BASE}/yeu-cau.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const cells: unknown[] = [];
    workbook.worksheets[0]!.eachRow((row) => row.eachCell((cell) => cells.push(cell.value)));
    expect(cells).toContain(`'=HYPERLINK("http://x","bấm")`);
    expect(cells.some((c) => typeof c === 'object' && c !== null && 'formula' in c)).toBe(false);
    const exports = await db().selectFrom('audit_log').select('action').where('action', '=', 'information_request.exported').execute();
    expect(exports.length).toBeGreaterThanOrEqual(2);
  });

  it('lets the admin export and erase one requester’s data, audited; retention erases closed requests past the period', async () => {
    const { id, code } = await insertRequest({ content: 'Đề nghị cung cấp quyết định hỗ trợ.', dueDay: farDay(20) });
    const admin = await clientFor('admin');
    const page = await admin.get(`${BASE}/${id}`);
    expect(main(page.body)).toContain('du-lieu-ca-nhan/xuat');
    const exported = await admin.post(`${BASE}/${id}/du-lieu-ca-nhan/xuat`);
    expect(exported.statusCode).toBe(200);
    expect(JSON.parse(exported.body)).toMatchObject({ trackingCode: code, idNumber: '062090004321', email: 'binh.tran@gmail.com' });
    await admin.get(`${BASE}/${id}`);
    expect((await admin.post(`${BASE}/${id}/du-lieu-ca-nhan/xoa`)).statusCode).toBe(303);
    const erased = await db().selectFrom('information_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(erased).toMatchObject({ full_name: '', id_number: '', email: '', phone: '', address: '' });
    expect(erased.content).toBe('Đề nghị cung cấp quyết định hỗ trợ.');
    // Retention: closed 3 years ago (past 24 months) goes; closed yesterday stays.
    const old = await insertRequest({ content: 'Yêu cầu đã đóng từ lâu.', dueDay: '2023-01-10', status: 'answered', closedAt: new Date(Date.now() - 3 * 365 * 86_400_000).toISOString() });
    const recent = await insertRequest({ content: 'Yêu cầu mới đóng.', dueDay: farDay(1), status: 'answered', closedAt: new Date(Date.now() - 86_400_000).toISOString() });
    expect(await eraseRequesterDataPastRetention(db(), { now: new Date() })).toBeGreaterThanOrEqual(1);
    expect((await db().selectFrom('information_requests').select('full_name').where('id', '=', old.id).executeTakeFirstOrThrow()).full_name).toBe('');
    expect((await db().selectFrom('information_requests').select('full_name').where('id', '=', recent.id).executeTakeFirstOrThrow()).full_name).toBe('Trần Văn Bình');
    const actions = (await db().selectFrom('audit_log').select('action').execute()).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(['information_request.personal_data_exported', 'information_request.personal_data_erased', 'information_request.personal_data_expired']));
  });

  it('edits the focal point and the list (add, refuse bad links, reorder, hide, delete); the public page follows', async () => {
    const chief = await clientFor('chief_editor');
    await chief.get(`${BASE}/dau-moi`);
    expect((await chief.post(`${BASE}/dau-moi`, { name: '', phone: '', retentionMonths: '24' })).statusCode).toBe(400);
    await chief.get(`${BASE}/dau-moi`);
    expect((await chief.post(`${BASE}/dau-moi`, { name: 'Chánh Văn phòng <b>Sở</b>', unit: 'Văn phòng Sở', phone: '0260 3862 345', email: 'vp@example.gov.vn', address: 'Kon Tum', hours: '', position: '', retentionMonths: '999' })).statusCode).toBe(400);
    await chief.get(`${BASE}/dau-moi`);
    expect((await chief.post(`${BASE}/dau-moi`, { name: 'Chánh Văn phòng <b>Sở</b>', unit: 'Văn phòng Sở', phone: '0260 3862 345', email: 'vp@example.gov.vn', address: 'Kon Tum', hours: '', position: '', retentionMonths: '24' })).statusCode).toBe(303);
    for (const link of ['javascript:alert(1)', '//evil.example', 'http://khong-an-toan.vn']) {
      await chief.get(`${BASE}/danh-muc`);
      const refused = await chief.post(`${BASE}/danh-muc`, { title: 'Mục xấu', link, isPublished: '1' });
      expect(refused.statusCode, link).toBe(400);
      expect(main(refused.body)).toContain('Đường dẫn');
    }
    for (const [title, link] of [['Thông tin thứ nhất', '/van-ban'], ['Thông tin thứ hai', 'https://congbao.chinhphu.vn/']] as const) {
      await chief.get(`${BASE}/danh-muc`);
      expect((await chief.post(`${BASE}/danh-muc`, { title, category: 'Văn bản', link, updatedDay: '05/03/2026', isPublished: '1' })).statusCode).toBe(303);
    }
    // Bad input by class: impossible date, too long, empty, repeated field; never a 500.
    const badItems: Record<string, string | string[]>[] = [
      { title: 'Ngày sai', link: '/van-ban', updatedDay: '31/02/2026' },
      { title: 'x'.repeat(301), link: '/van-ban' },
      { title: '   ', link: '/van-ban' },
      { title: 'Nhóm quá dài', category: 'y'.repeat(151), link: '/van-ban' },
      { title: ['Hai', 'tên'], link: '/van-ban' },
    ];
    for (const fields of badItems) {
      await chief.get(`${BASE}/danh-muc`);
      expect((await chief.post(`${BASE}/danh-muc`, { ...fields, isPublished: '1' })).statusCode, JSON.stringify(fields).slice(0, 60)).toBe(400);
    }
    // Control and bidi characters are dropped, markup stays text.
    await chief.get(`${BASE}/danh-muc`);
    expect((await chief.post(`${BASE}/danh-muc`, { title: 'Mục\u0000 có\u202e <i>ký tự</i> lạ', link: '/van-ban', isPublished: '1' })).statusCode).toBe(303);
    expect((await db().selectFrom('information_items').select('title').where('title', 'like', 'Mục có%').executeTakeFirstOrThrow()).title).toBe('Mục có <i>ký tự</i> lạ');
    expect(main((await portal.app.inject({ url: '/tiep-can-thong-tin' })).body)).toContain('Mục có &lt;i>ký tự&lt;/i> lạ');
    const items = await db().selectFrom('information_items').select(['id', 'title']).where('site_id', '=', siteId).orderBy('position').execute();
    const second = items.find((i) => i.title === 'Thông tin thứ hai')!;
    await chief.get(`${BASE}/danh-muc`);
    expect((await chief.post(`${BASE}/danh-muc/${second.id}/di-chuyen`, { direction: 'up' })).statusCode).toBe(303);
    const section = main((await portal.app.inject({ url: '/tiep-can-thong-tin' })).body);
    expect(section).toContain('Chánh Văn phòng &lt;b>Sở&lt;/b>');
    expect(section.indexOf('Thông tin thứ hai')).toBeLessThan(section.indexOf('Thông tin thứ nhất'));
    // Hidden (box unchecked), then deleted.
    await chief.get(`${BASE}/danh-muc/${second.id}`);
    expect((await chief.post(`${BASE}/danh-muc/${second.id}`, { title: 'Thông tin thứ hai', link: 'https://congbao.chinhphu.vn/', category: '', updatedDay: '' })).statusCode).toBe(303);
    expect(main((await portal.app.inject({ url: '/tiep-can-thong-tin' })).body)).not.toContain('Thông tin thứ hai');
    await chief.get(`${BASE}/danh-muc`);
    expect((await chief.post(`${BASE}/danh-muc/${second.id}/xoa`)).statusCode).toBe(303);
    expect(await db().selectFrom('information_items').select('id').where('id', '=', second.id).executeTakeFirst()).toBeUndefined();
    await chief.get(`${BASE}/danh-muc`);
    expect((await chief.post(`${BASE}/danh-muc/khong-co/xoa`)).statusCode).toBe(404);
    // Without the CSRF token: refused.
    expect((await chief.post(`${BASE}/danh-muc`, { title: 'x', link: '/van-ban' }, { csrf: null })).statusCode).toBe(403);
  });
});
