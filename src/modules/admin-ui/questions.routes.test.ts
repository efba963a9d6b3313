import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import type { Role } from '../accounts/index.js';
import { createSite } from '../sites/index.js';
import { listTopics, newTrackingCode } from '../questions/index.js';

const ROLES: Role[] = ['author', 'editor', 'chief_editor', 'admin'];
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe.each(ENGINES)('the Q&A staff screens on %s', (engine) => {
  let portal: TestPortal;
  let siteId: string;
  const users = new Map<Role, { email: string; userId: string }>();
  const db = () => portal.testDb.db.kysely;

  /** A question as the public form would have stored it (the form's own tests cover the form). */
  async function insertQuestion(input: { title: string; dueDay: string; site?: string; receivedAt?: string }): Promise<string> {
    const id = crypto.randomUUID();
    const at = input.receivedAt ?? new Date().toISOString();
    const topic = (await listTopics(db(), { siteId, now: new Date() }))[0]!;
    await db()
      .insertInto('questions')
      .values({ id, site_id: input.site ?? siteId, tracking_code: newTrackingCode(), topic_id: input.site ? null : topic.id, asker_name: 'Trần Văn Bình', email: 'binh.tran@gmail.com', phone: '0987654321', title: input.title, body: 'Xin hỏi chi tiết về chế độ.', public_title: input.title, public_body: 'Xin hỏi chi tiết về chế độ.', fingerprint: id, received_at: at, received_day: at.slice(0, 10), due_day: input.dueDay, created_at: at, updated_at: at })
      .execute();
    return id;
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

  it('shows the inbox to editors with contact details hidden, to the chief editor with them, and refuses authors', async () => {
    const id = await insertQuestion({ title: 'Hỏi về trợ cấp xã hội hằng tháng', dueDay: farDay(30) });
    const author = await clientFor('author');
    expect((await author.get('/admin/hoi-dap')).statusCode).toBe(403);
    expect((await author.get(`/admin/hoi-dap/${id}`)).statusCode).toBe(403);
    const editor = await clientFor('editor');
    const inbox = await editor.get('/admin/hoi-dap');
    expect(inbox.statusCode).toBe(200);
    expect(main(inbox.body)).toContain('Hỏi về trợ cấp xã hội hằng tháng');
    const page = await editor.get(`/admin/hoi-dap/${id}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('binh.tran@gmail.com');
    expect(page.body).not.toContain('0987654321');
    expect(main(page.body)).toContain('ẩn (chỉ trưởng ban biên tập xem được)');
    const chief = await clientFor('chief_editor');
    const full = await chief.get(`/admin/hoi-dap/${id}`);
    expect(full.body).toContain('binh.tran@gmail.com');
    expect(full.body).toContain('0987654321');
  });

  it('puts questions in the due-soon and overdue tabs by their deadline', async () => {
    await insertQuestion({ title: 'Câu hỏi đã quá hạn trả lời', dueDay: farDay(-10) });
    await insertQuestion({ title: 'Câu hỏi sắp đến hạn trả lời', dueDay: farDay(1) });
    const chief = await clientFor('chief_editor');
    const overdue = main((await chief.get('/admin/hoi-dap?xem=qua-han')).body);
    expect(overdue).toContain('Câu hỏi đã quá hạn trả lời');
    expect(overdue).not.toContain('Câu hỏi sắp đến hạn trả lời');
    expect(overdue).toMatch(/quá hạn \d+ ngày làm việc/);
    expect(main((await chief.get('/admin/hoi-dap?xem=sap-den-han')).body)).toContain('Câu hỏi sắp đến hạn trả lời');
  });

  it('lets the chief editor assign, the assignee draft a sanitised answer, and only the chief editor publish', async () => {
    const id = await insertQuestion({ title: 'Thủ tục hưởng trợ cấp thất nghiệp', dueDay: farDay(20) });
    const editor = await clientFor('editor');
    await editor.get(`/admin/hoi-dap/${id}`);
    // Not assigned to them yet.
    expect((await editor.post(`/admin/hoi-dap/${id}/tra-loi`, { answerHtml: '<p>Trả lời</p>', action: 'save' })).statusCode).toBe(403);
    expect((await editor.post(`/admin/hoi-dap/${id}/giao`, { assigneeId: users.get('editor')!.userId })).statusCode).toBe(403);
    const chief = await clientFor('chief_editor');
    await chief.get(`/admin/hoi-dap/${id}`);
    const bad = await chief.post(`/admin/hoi-dap/${id}/giao`, { assigneeId: users.get('author')!.userId });
    expect(bad.statusCode).toBe(400);
    expect((await chief.post(`/admin/hoi-dap/${id}/giao`, { assigneeId: users.get('editor')!.userId })).headers.location).toBe(`/admin/hoi-dap/${id}?tb=hd-da-giao`);
    await editor.get(`/admin/hoi-dap/${id}`);
    const saved = await editor.post(`/admin/hoi-dap/${id}/tra-loi`, { publicTitle: 'Thủ tục hưởng trợ cấp thất nghiệp', publicBody: 'Xin hỏi chi tiết về chế độ.', answerHtml: '<p onclick="x()">Nộp hồ sơ trong 3 tháng <script>alert(1)</script></p>', action: 'save' });
    expect(saved.statusCode, saved.body.slice(0, 300)).toBe(303);
    const row = await db().selectFrom('questions').select(['answer_html', 'status', 'publication']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.answer_html).toBe('<p>Nộp hồ sơ trong 3 tháng </p>');
    expect(row).toMatchObject({ status: 'assigned', publication: 'draft' });
    expect((await editor.post(`/admin/hoi-dap/${id}/tra-loi`, { answerHtml: '<p>x</p>', action: 'publish' })).statusCode).toBe(403);
    expect((await portal.app.inject({ url: '/hoi-dap' })).body).not.toContain('Thủ tục hưởng trợ cấp thất nghiệp');
    await chief.get(`/admin/hoi-dap/${id}`);
    const published = await chief.post(`/admin/hoi-dap/${id}/tra-loi`, { publicTitle: 'Thủ tục hưởng trợ cấp thất nghiệp', publicBody: 'Xin hỏi chi tiết về chế độ.', answerHtml: '<p>Nộp hồ sơ trong 3 tháng kể từ ngày nghỉ việc.</p>', action: 'publish' });
    expect(published.headers.location).toBe(`/admin/hoi-dap/${id}?tb=hd-da-xuat-ban`);
    const list = main((await portal.app.inject({ url: '/hoi-dap' })).body);
    expect(list).toContain('Thủ tục hưởng trợ cấp thất nghiệp');
    expect(list).not.toContain('Trần Văn Bình');
    const revisions = await db().selectFrom('question_revisions').select('number').where('question_id', '=', id).execute();
    expect(revisions.length).toBe(2);
    // Unpublished: gone from the public list.
    expect((await chief.post(`/admin/hoi-dap/${id}/go`)).statusCode).toBe(303);
    expect(main((await portal.app.inject({ url: '/hoi-dap' })).body)).not.toContain('Thủ tục hưởng trợ cấp thất nghiệp');
  });

  it('rejects with a reason, and refuses bad input with the field named', async () => {
    const id = await insertQuestion({ title: 'Câu hỏi không thuộc thẩm quyền', dueDay: farDay(20) });
    const chief = await clientFor('chief_editor');
    await chief.get(`/admin/hoi-dap/${id}`);
    for (const reason of ['', 'x'.repeat(1_001)]) {
      const refused = await chief.post(`/admin/hoi-dap/${id}/tu-choi`, { reason });
      expect(refused.statusCode).toBe(400);
      expect(main(refused.body)).toMatch(/lý do|Lý do/);
    }
    expect((await chief.post(`/admin/hoi-dap/${id}/tu-choi`, { reason: 'Đề nghị hỏi Bảo hiểm xã hội tỉnh.' })).headers.location).toBe(`/admin/hoi-dap/${id}?tb=hd-da-tu-choi`);
    expect((await chief.post(`/admin/hoi-dap/${id}/tu-choi`, { reason: 'Lần nữa cho chắc.' })).statusCode).toBe(409);
    const publish = await chief.post(`/admin/hoi-dap/${id}/tra-loi`, { answerHtml: '<p>x</p>', action: 'publish' });
    expect(publish.statusCode).toBe(409);
  });

  it('serves an attachment only to staff, as a download that cannot run in the page', async () => {
    const id = await insertQuestion({ title: 'Câu hỏi có giấy tờ kèm theo', dueDay: farDay(20) });
    const relative = `questions/${crypto.randomUUID()}.pdf`;
    const mediaDir = path.join(portal.testDb.dataDir, 'media');
    fs.mkdirSync(path.join(mediaDir, 'questions'), { recursive: true });
    fs.writeFileSync(path.join(mediaDir, relative), '%PDF-1.4\n%%EOF\n');
    await db().updateTable('questions').set({ attachment_path: relative, attachment_name: 'giấy xác nhận.pdf', attachment_type: 'application/pdf' }).where('id', '=', id).execute();
    const editor = await clientFor('editor');
    const file = await editor.get(`/admin/hoi-dap/${id}/tep`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['content-security-policy']).toContain('sandbox');
    expect(file.body).toContain('%PDF-1.4');
    expect((await (await clientFor('author')).get(`/admin/hoi-dap/${id}/tep`)).statusCode).toBe(403);
    expect((await portal.app.inject({ url: `/admin/hoi-dap/${id}/tep` })).statusCode).not.toBe(200);
    expect((await portal.app.inject({ url: `/media/${relative}` })).statusCode).toBe(404);
    const without = await insertQuestion({ title: 'Câu hỏi không có tệp', dueDay: farDay(20) });
    expect((await editor.get(`/admin/hoi-dap/${without}/tep`)).statusCode).toBe(400);
  });

  it('answers unknown ids and other sites\' questions with 404', async () => {
    const other = await createSite(db(), { host: 'other.example', name: 'Trang khác' });
    const foreign = await insertQuestion({ title: 'Câu hỏi của trang khác', dueDay: farDay(5), site: other });
    const chief = await clientFor('chief_editor');
    for (const id of [foreign, crypto.randomUUID(), 'khong-co', "'; drop table questions; --"]) {
      expect((await chief.get(`/admin/hoi-dap/${encodeURIComponent(id)}`)).statusCode, id).toBe(404);
    }
    await chief.get('/admin/hoi-dap');
    expect((await chief.post(`/admin/hoi-dap/${foreign}/tu-choi`, { reason: 'Không phải của trang này' })).statusCode).toBe(404);
  });

  it('lets only personal_data.manage export or erase the asker\'s data, each audited', async () => {
    const id = await insertQuestion({ title: 'Câu hỏi cần xoá dữ liệu', dueDay: farDay(20) });
    const chief = await clientFor('chief_editor');
    await chief.get(`/admin/hoi-dap/${id}`);
    expect((await chief.post(`/admin/hoi-dap/${id}/du-lieu-ca-nhan/xuat`)).statusCode).toBe(403);
    expect((await chief.post(`/admin/hoi-dap/${id}/du-lieu-ca-nhan/xoa`)).statusCode).toBe(403);
    const admin = await clientFor('admin');
    await admin.get(`/admin/hoi-dap/${id}`);
    const exported = await admin.post(`/admin/hoi-dap/${id}/du-lieu-ca-nhan/xuat`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('attachment');
    expect(exported.json()).toMatchObject({ name: 'Trần Văn Bình', email: 'binh.tran@gmail.com', phone: '0987654321' });
    expect((await admin.post(`/admin/hoi-dap/${id}/du-lieu-ca-nhan/xoa`)).statusCode).toBe(303);
    const row = await db().selectFrom('questions').select(['asker_name', 'email', 'phone', 'personal_erased_at']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ asker_name: '', email: '', phone: '' });
    expect(row.personal_erased_at).not.toBeNull();
    const audit = await db().selectFrom('audit_log').select('action').where('target_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['question.personal_data_exported', 'question.personal_data_erased']));
  });

  it('exports the inbox as CSV with formula payloads neutralised, and contact details only for the chief editor', async () => {
    await insertQuestion({ title: '=HYPERLINK("http://x","bấm")', dueDay: farDay(9) });
    await insertQuestion({ title: '+1+2', dueDay: farDay(9) });
    await insertQuestion({ title: '@SUM(A1)', dueDay: farDay(9) });
    await insertQuestion({ title: '-2+3', dueDay: farDay(9) });
    await insertQuestion({ title: '\tbắt đầu bằng tab', dueDay: farDay(9) });
    const editor = await clientFor('editor');
    const csv = await editor.get('/admin/hoi-dap/danh-sach.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain('"\'=HYPERLINK(""http://x"",""bấm"")"');
    for (const cell of ["'+1+2", "'@SUM(A1)", "'-2+3"]) expect(csv.body).toContain(cell);
    expect(csv.body).not.toMatch(/(^|,)[=+@-]/m);
    expect(csv.body).not.toContain('binh.tran@gmail.com');
    // What a citizen wrote never runs in the staff inbox either.
    const scripted = await insertQuestion({ title: '<script>alert("hộp thư")</script><img src=x onerror=alert(1)>', dueDay: farDay(9) });
    const inbox = await editor.get('/admin/hoi-dap');
    expect(inbox.body).not.toContain('<script>alert("hộp thư")');
    expect(inbox.body).not.toContain('<img src=x');
    expect(inbox.body).toContain('&lt;script>alert(&quot;hộp thư&quot;)&lt;/script>');
    expect((await editor.get(`/admin/hoi-dap/${scripted}`)).body).not.toContain('<img src=x');
    const chief = await clientFor('chief_editor');
    const full = await chief.get('/admin/hoi-dap/danh-sach.csv');
    expect(full.body).toContain('binh.tran@gmail.com');
    expect((await (await clientFor('author')).get('/admin/hoi-dap/danh-sach.csv')).statusCode).toBe(403);
  });

  it('keeps the settings and topics for the chief editor, with clear errors, and shows the report', async () => {
    const editor = await clientFor('editor');
    expect((await editor.get('/admin/hoi-dap/cai-dat')).statusCode).toBe(403);
    expect((await editor.get('/admin/hoi-dap/bao-cao')).statusCode).toBe(403);
    const chief = await clientFor('chief_editor');
    await chief.get('/admin/hoi-dap/cai-dat');
    for (const answerDays of ['0', 'mười', '1e3', '-5', '91']) {
      const refused = await chief.post('/admin/hoi-dap/cai-dat', { answerDays, retentionDays: '730' });
      expect(refused.statusCode, answerDays).toBe(400);
      expect(refused.body).toContain('Thời hạn trả lời phải là số nguyên');
    }
    expect((await chief.post('/admin/hoi-dap/cai-dat', { answerDays: '10', retentionDays: '365' })).statusCode).toBe(303);
    expect(await db().selectFrom('question_settings').select(['answer_days', 'retention_days']).where('site_id', '=', siteId).executeTakeFirst()).toEqual({ answer_days: 10, retention_days: 365 });
    expect((await chief.post('/admin/hoi-dap/cai-dat/linh-vuc', { name: '<b>Lao động</b> nước ngoài' })).statusCode).toBe(303);
    expect((await chief.post('/admin/hoi-dap/cai-dat/linh-vuc', { name: 'Việc làm' })).statusCode).toBe(400);
    const form = await portal.app.inject({ url: '/hoi-dap/dat-cau-hoi' });
    expect(form.body).toContain('&lt;b>Lao động&lt;/b> nước ngoài');
    expect(form.body).toContain('10 ngày làm việc');
    const report = await chief.get('/admin/hoi-dap/bao-cao');
    expect(report.statusCode).toBe(200);
    expect(main(report.body)).toContain('Câu hỏi theo tháng tiếp nhận');
  });
});
