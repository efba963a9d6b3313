/**
 * The work schedule's staff screens over HTTP on both engines, as a browser uses them
 * (form, CSRF token, 303): who may enter, publish and change entries, what bad input
 * gets back, and that every act leaves a revision and an audit entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope, type Role } from '../accounts/index.js';
import { createSite } from '../sites/index.js';
import { createScheduleEntry, daysOf, formatDay, weekKey, weekSlug } from '../work-schedule/index.js';

const ROLES: Role[] = ['author', 'editor', 'chief_editor'];
const WEEK = { year: 2030, week: 10 };
const KEY = weekKey(WEEK);
const DAYS = daysOf(WEEK);
const PUBLIC_URL = `/lich-cong-tac/${weekSlug(WEEK)}`;

const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

const entryForm = (over: Record<string, string> = {}) => ({
  day: formatDay(DAYS[0]!),
  startTime: '7h30',
  endTime: '09:00',
  content: 'Giao ban đầu tuần tháng Ba',
  place: 'Phòng họp số 1',
  attendees: 'Ông A Kang - Giám đốc Sở\r\nCác Phó Giám đốc Sở',
  preparer: 'Văn phòng Sở',
  note: '',
  ...over,
});

describe.each(ENGINES)('the work schedule staff screens on %s', (engine) => {
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
  const entryCount = async () => Number((await db().selectFrom('schedule_entries').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', siteId).executeTakeFirstOrThrow()).n);
  const idOf = async (content: string) => (await db().selectFrom('schedule_entries').select('id').where('content', '=', content).executeTakeFirstOrThrow()).id;

  it('shows the nav item and the week to editors, and answers authors 403', async () => {
    const author = await clientFor('author');
    expect((await author.get('/admin')).body).not.toContain('href="/admin/lich-cong-tac"');
    for (const url of ['/admin/lich-cong-tac', '/admin/lich-cong-tac/moi']) expect((await author.get(url)).statusCode, url).toBe(403);
    await author.get('/admin');
    expect((await author.post('/admin/lich-cong-tac', entryForm())).statusCode).toBe(403);
    expect(await entryCount()).toBe(0);

    const editor = await clientFor('editor');
    expect((await editor.get('/admin')).body).toContain('href="/admin/lich-cong-tac"');
    const grid = await editor.get(`/admin/lich-cong-tac?tuan=${KEY}`);
    expect(grid.statusCode).toBe(200);
    expect(main(grid.body)).toContain('Tuần này chưa có mục lịch nào.');
    expect(main(grid.body)).toContain(`href="/admin/lich-cong-tac/moi?ngay=${DAYS[0]}"`);
    expect(main(grid.body)).toContain('tuần 10 năm 2030 (04/03/2030 – 10/03/2030)');
    expect((await editor.get('/admin/lich-cong-tac')).statusCode).toBe(200);
    expect((await editor.get('/admin/lich-cong-tac?tuan=2030-W99')).statusCode).toBe(400);
    expect((await editor.get('/admin/lich-cong-tac/khong-co-muc-nay')).statusCode).toBe(404);
  });

  it('enters a draft, lets only the chief editor publish the week, and marks later changes "Điều chỉnh"', async () => {
    const editor = await clientFor('editor');
    const form = await editor.get(`/admin/lich-cong-tac/moi?ngay=${DAYS[0]}`);
    expect(form.body).toContain(`value="${formatDay(DAYS[0]!)}"`);
    const created = await editor.post('/admin/lich-cong-tac', entryForm());
    expect(created.statusCode, created.body.slice(0, 500)).toBe(303);
    expect(created.headers.location).toBe(`/admin/lich-cong-tac?tuan=${KEY}&tb=lct-da-them`);
    await editor.post('/admin/lich-cong-tac', entryForm({ day: DAYS[2]!, isAllDay: '1', startTime: '', endTime: '', content: 'Đi công tác huyện Kon Plông', attendees: 'Bà Nguyễn Thị Thu Hà - Phó Giám đốc Sở' }));
    const grid = await editor.get(created.headers.location as string);
    expect(main(grid.body)).toContain('Đã thêm mục lịch');
    expect(main(grid.body)).toContain('Giao ban đầu tuần tháng Ba');
    expect(main(grid.body)).toContain('7 giờ 30 – 9 giờ');
    expect(main(grid.body)).toContain('Cả ngày');
    expect(main(grid.body)).toContain('Trưởng ban biên tập hoặc quản trị công bố lịch tuần.');
    expect((await portal.app.inject({ url: PUBLIC_URL })).body).not.toContain('Giao ban đầu tuần tháng Ba');

    // The editor cannot publish; the chief editor publishes the week's drafts at once.
    expect((await editor.post('/admin/lich-cong-tac/cong-bo-tuan', { week: KEY })).statusCode).toBe(403);
    const chief = await clientFor('chief_editor');
    const chiefGrid = await chief.get(`/admin/lich-cong-tac?tuan=${KEY}`);
    expect(chiefGrid.body).toContain('Công bố lịch tuần (2 mục)');
    const published = await chief.post('/admin/lich-cong-tac/cong-bo-tuan', { week: KEY });
    expect(published.headers.location).toBe(`/admin/lich-cong-tac?tuan=${KEY}&tb=lct-da-cong-bo-tuan&so=2`);
    expect(main((await chief.get(published.headers.location as string)).body)).toContain('Đã công bố lịch tuần: 2 mục lịch');
    const publicPage = main((await portal.app.inject({ url: PUBLIC_URL })).body);
    expect(publicPage).toContain('Giao ban đầu tuần tháng Ba');
    expect(publicPage).toContain('Đi công tác huyện Kon Plông');
    // Nothing left to publish: the week again, saying so.
    const again = await chief.post('/admin/lich-cong-tac/cong-bo-tuan', { week: KEY });
    expect(again.statusCode).toBe(409);
    expect(main(again.body)).toContain('không có mục lịch nháp nào để công bố');

    // A published entry is the chief's: the editor sees it read-only and can neither save nor delete it.
    const id = await idOf('Giao ban đầu tuần tháng Ba');
    const readOnly = await editor.get(`/admin/lich-cong-tac/${id}`);
    expect(readOnly.body).toContain('chỉ trưởng ban biên tập hoặc quản trị được sửa');
    expect((await editor.post(`/admin/lich-cong-tac/${id}`, entryForm({ content: 'Sửa lén' }))).statusCode).toBe(403);
    expect((await editor.post(`/admin/lich-cong-tac/${id}/xoa`)).statusCode).toBe(409);
    expect((await editor.post(`/admin/lich-cong-tac/${id}/hoan-huy`, { kind: 'cancelled' })).statusCode).toBe(403);

    await chief.get(`/admin/lich-cong-tac/${id}`);
    const saved = await chief.post(`/admin/lich-cong-tac/${id}`, entryForm({ startTime: '8h', endTime: '10h' }));
    expect(saved.headers.location).toBe(`/admin/lich-cong-tac?tuan=${KEY}&tb=lct-da-luu-cong-khai`);
    const changed = main((await portal.app.inject({ url: PUBLIC_URL })).body);
    expect(changed).toContain('>Điều chỉnh</strong>');
    expect(changed).toContain('8 giờ – 10 giờ');

    // Postponed: struck through publicly, with the reason; then restored.
    await chief.get(`/admin/lich-cong-tac/${id}`);
    expect((await chief.post(`/admin/lich-cong-tac/${id}/hoan-huy`, { kind: 'bogus' })).statusCode).toBe(400);
    expect((await chief.post(`/admin/lich-cong-tac/${id}/hoan-huy`, { kind: 'postponed', reason: 'Trùng lịch họp tỉnh' })).headers.location).toBe(`/admin/lich-cong-tac/${id}?tb=lct-da-hoan-huy`);
    expect(main((await portal.app.inject({ url: PUBLIC_URL })).body)).toMatch(/>Hoãn<\/strong><p class="schedule-entry__content"><s>Giao ban đầu tuần tháng Ba<\/s>/);
    expect((await chief.post(`/admin/lich-cong-tac/${id}/hoan-huy`, { kind: 'cancelled' })).statusCode).toBe(409);
    expect((await chief.post(`/admin/lich-cong-tac/${id}/khoi-phuc`)).statusCode).toBe(303);
    expect(main((await portal.app.inject({ url: PUBLIC_URL })).body)).not.toContain('<s>Giao ban đầu tuần tháng Ba');

    // Every act left a revision and an audit entry.
    const page = await chief.get(`/admin/lich-cong-tac/${id}`);
    expect(page.body).toContain('5 phiên bản, mới nhất trước');
    const actions = (await db().selectFrom('audit_log').select('action').where('target_id', 'in', [id, KEY]).execute()).map((a) => a.action).sort();
    expect(actions).toEqual(['schedule.created', 'schedule.postponed', 'schedule.restored', 'schedule.updated', 'schedule.week_published']);
    const row = await db().selectFrom('schedule_entries').select(['sequence', 'is_changed']).where('id', '=', id).executeTakeFirstOrThrow();
    expect(Number(row.sequence)).toBe(3);
    expect(Number(row.is_changed)).toBe(1);
  });

  it('answers bad input on the form with a Vietnamese message beside the field, and saves nothing', async () => {
    const editor = await clientFor('editor');
    await editor.get('/admin/lich-cong-tac/moi');
    const before = await entryCount();
    const cases: [Record<string, string>, string, string][] = [
      [{ day: '' }, 'day', 'Hãy ghi ngày của mục lịch'],
      [{ day: '31/02/2030' }, 'day', 'Ngày không hợp lệ'],
      [{ day: '01/01/1990' }, 'day', 'Ngày phải trong các năm 2000 đến 2100.'],
      [{ startTime: '25:00' }, 'startTime', 'Giờ bắt đầu không hợp lệ'],
      [{ startTime: '' }, 'startTime', 'Hãy ghi giờ bắt đầu, hoặc chọn'],
      [{ endTime: '07:00' }, 'endTime', 'Giờ kết thúc phải sau giờ bắt đầu.'],
      [{ content: '   \u0000\u200b ' }, 'content', 'Nội dung công việc không được để trống.'],
      [{ content: 'x'.repeat(2_001) }, 'content', 'Nội dung không được dài quá 2000 ký tự.'],
      [{ place: 'p'.repeat(301) }, 'place', 'Địa điểm không được dài quá 300 ký tự.'],
      [{ attendees: Array.from({ length: 21 }, (_, i) => `Người ${i}`).join('\n') }, 'attendees', 'tối đa 20 dòng'],
    ];
    for (const [fields, field, message] of cases) {
      const answer = await editor.post('/admin/lich-cong-tac', entryForm(fields));
      expect(answer.statusCode, field).toBe(400);
      expect(main(answer.body), field).toContain(message);
      expect(answer.body, field).toContain(`aria-invalid="true"`);
    }
    expect(await entryCount()).toBe(before);

    // HTML and control characters are text: stored clean, shown escaped.
    const created = await editor.post('/admin/lich-cong-tac', entryForm({ day: DAYS[4]!, content: '<img src=x onerror=alert(1)>\u202eHọp\u0007 kín', place: '"><script>alert(1)</script>' }));
    expect(created.statusCode).toBe(303);
    const row = await db().selectFrom('schedule_entries').select(['id', 'content', 'place']).where('day', '=', DAYS[4]!).executeTakeFirstOrThrow();
    expect(row.content).toBe('<img src=x onerror=alert(1)> Họp kín');
    const page = await editor.get(`/admin/lich-cong-tac/${row.id}`);
    expect(page.body).not.toContain('<img src=x');
    expect(page.body).not.toContain('<script>alert(1)');

    // Without the form's token nothing is saved.
    expect((await editor.post('/admin/lich-cong-tac', entryForm(), { csrf: null })).statusCode).toBe(403);
    expect((await editor.post('/admin/lich-cong-tac', entryForm(), { csrf: 'gia-mao' })).statusCode).toBe(403);
    // A draft may be deleted, with its revisions; the audit log keeps the act.
    expect((await editor.post(`/admin/lich-cong-tac/${row.id}/xoa`)).headers.location).toBe(`/admin/lich-cong-tac?tuan=${KEY}&tb=lct-da-xoa`);
    expect(await db().selectFrom('schedule_entry_revisions').select('id').where('entry_id', '=', row.id).execute()).toEqual([]);
    expect(await db().selectFrom('audit_log').select('action').where('target_id', '=', row.id).where('action', '=', 'schedule.deleted').execute()).toHaveLength(1);
  });

  it('shows every hostile payload as text wherever the entry appears, to staff and the public', async () => {
    const payloads = ['<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', "'><svg onload=alert(1)>", '</title><script>alert(1)</script>', '<a href="javascript:alert(1)">x</a>', '\u0000<script>alert(1)</script>'];
    const chief = await clientFor('chief_editor');
    await chief.get('/admin/lich-cong-tac/moi');
    const week = { year: 2030, week: 20 };
    const days = daysOf(week);
    for (const [i, payload] of payloads.entries()) {
      const answer = await chief.post('/admin/lich-cong-tac', entryForm({ day: formatDay(days[i % 7]!), content: `Họp ${payload}`, place: payload, attendees: payload, preparer: payload, note: payload }));
      expect(answer.statusCode, payload).toBe(303);
    }
    await chief.get(`/admin/lich-cong-tac?tuan=${weekKey(week)}`);
    expect((await chief.post('/admin/lich-cong-tac/cong-bo-tuan', { week: weekKey(week) })).statusCode).toBe(303);
    const id = (await db().selectFrom('schedule_entries').select('id').where('week', '=', weekKey(week)).executeTakeFirstOrThrow()).id;
    const pages = [
      (await chief.get(`/admin/lich-cong-tac?tuan=${weekKey(week)}`)).body,
      (await chief.get(`/admin/lich-cong-tac/${id}`)).body,
      (await chief.get('/admin/nhat-ky')).body,
      (await portal.app.inject({ url: `/lich-cong-tac/${weekSlug(week)}` })).body,
      (await portal.app.inject({ url: `/tim-kiem?q=${encodeURIComponent('họp')}` })).body,
    ];
    for (const html of pages) {
      expect(html).not.toMatch(/<script>alert\(1\)<\/script>/);
      expect(html).not.toMatch(/<img src=x onerror/);
      expect(html).not.toMatch(/<svg onload/);
      expect(html).not.toMatch(/<a href="javascript:/);
      expect(html).not.toContain('\u0000');
    }
    expect(pages[3]).toContain('Họp &lt;script>alert(1)&lt;/script>');
    // The API gives the text as typed (less control characters), as JSON: data, never markup.
    const api = await portal.app.inject({ url: `/api/v1/schedule?week=${weekKey(week)}` });
    expect(api.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(api.json().entries.map((e: { place: string }) => e.place)).toContain('<script>alert(1)</script>');
    expect(api.body).not.toContain('\\u0000');
  });

  it('copies last week\'s recurring entries from the week grid', async () => {
    const editor = await clientFor('editor');
    await editor.get('/admin/lich-cong-tac/moi');
    const previous = daysOf({ year: 2030, week: 30 });
    expect((await editor.post('/admin/lich-cong-tac', entryForm({ day: formatDay(previous[0]!), content: 'Giao ban thường kỳ', isRecurring: '1' }))).statusCode).toBe(303);
    const target = weekKey({ year: 2030, week: 31 });
    const grid = await editor.get(`/admin/lich-cong-tac?tuan=${target}`);
    expect(grid.body).toContain('Chép các mục lặp lại của tuần trước');
    const copied = await editor.post('/admin/lich-cong-tac/chep-tuan-truoc', { week: target });
    expect(copied.headers.location).toBe(`/admin/lich-cong-tac?tuan=${target}&tb=lct-da-chep&so=1`);
    const after = main((await editor.get(copied.headers.location as string)).body);
    expect(after).toContain('Đã chép 1 mục lặp lại từ tuần trước');
    expect(after).toContain('Giao ban thường kỳ');
    expect((await editor.post('/admin/lich-cong-tac/chep-tuan-truoc', { week: target })).headers.location).toBe(`/admin/lich-cong-tac?tuan=${target}&tb=lct-khong-co-muc-lap-lai`);
    expect((await editor.post('/admin/lich-cong-tac/chep-tuan-truoc', { week: 'tuần sau' })).statusCode).toBe(400);
  });

  it('treats another site\'s entry as not found', async () => {
    const other = await createSite(db(), { host: 'khac.kontum.gov.vn', name: 'Sở khác' });
    const { id } = await createScheduleEntry(db(), operatorScope(other), { day: DAYS[1], startTime: '08:00', content: 'Lịch nơi khác' });
    const chief = await clientFor('chief_editor');
    expect((await chief.get(`/admin/lich-cong-tac/${id}`)).statusCode).toBe(404);
    await chief.get('/admin/lich-cong-tac');
    for (const step of ['', '/cong-bo', '/hoan-huy', '/xoa', '/go-xuong']) expect((await chief.post(`/admin/lich-cong-tac/${id}${step}`, entryForm({ kind: 'cancelled' }))).statusCode, step).toBe(404);
    expect(main((await chief.get(`/admin/lich-cong-tac?tuan=${KEY}`)).body)).not.toContain('Lịch nơi khác');
  });
});
