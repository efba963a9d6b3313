import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { StaffClient, addStaff } from '../../../test/helpers/staff.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import type { Role } from '../accounts/index.js';
import { createSite } from '../sites/index.js';
import { addHoliday, ensureHolidays, loadHolidays } from '../working-days/index.js';
import { operatorScope } from '../accounts/index.js';

const ROLES: Role[] = ['author', 'editor', 'chief_editor', 'admin'];
const main = (html: string) => html.slice(html.indexOf('<main'), html.indexOf('</main>'));

describe.each(ENGINES)('the holidays staff screen on %s', (engine) => {
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
  const holidayId = async (day: string) => (await db().selectFrom('holidays').select('id').where('site_id', '=', siteId).where('day', '=', day).executeTakeFirstOrThrow()).id;

  it('lists a year’s days off, filled in from the calendar, with Vietnamese dates and weekdays', async () => {
    const chief = await clientFor('chief_editor');
    expect((await chief.get('/admin')).body).toContain('href="/admin/ngay-nghi"');
    const page = await chief.get('/admin/ngay-nghi?nam=2026');
    expect(page.statusCode).toBe(200);
    const body = main(page.body);
    expect(body).toContain('Ngày nghỉ lễ năm 2026');
    expect(body).toMatch(/<time datetime="2026-02-17">17\/02\/2026<\/time>[\s\S]*?Thứ Ba[\s\S]*?Tết Nguyên đán/);
    expect(body).toContain('Nghỉ bù Giỗ Tổ Hùng Vương');
    expect(body).toContain('<caption');
    expect(body).not.toContain('2025-01-01');
    // The current year by default, and another year by link.
    expect((await chief.get('/admin/ngay-nghi')).statusCode).toBe(200);
    expect(main((await chief.get('/admin/ngay-nghi?nam=2025')).body)).toContain('27/01/2025');
  });

  it('adds a day off written dd/mm/yyyy, audited, and working-day deadlines then skip it', async () => {
    const chief = await clientFor('chief_editor');
    await chief.get('/admin/ngay-nghi?nam=2026');
    const added = await chief.post('/admin/ngay-nghi', { day: '24/11/2026', name: 'Ngày Văn hoá <script>alert(1)</script>' });
    expect(added.statusCode).toBe(303);
    expect(added.headers.location).toBe('/admin/ngay-nghi?nam=2026&tb=da-luu');
    const page = main((await chief.get('/admin/ngay-nghi?nam=2026')).body);
    expect(page).toContain('24/11/2026');
    expect(page).toContain('Ngày Văn hoá &lt;script>alert(1)&lt;/script>');
    expect(page).not.toContain('<script>alert(1)');
    expect((await loadHolidays(db(), siteId, { from: '2026-11-01', to: '2026-11-30' })).has('2026-11-24')).toBe(true);
    const audit = await db().selectFrom('audit_log').select(['action', 'actor_id', 'detail']).where('action', '=', 'holiday.added').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_id).toBe(users.get('chief_editor')!.userId);
  });

  it('deletes a day off, audited; deleted days of the calendar are not put back', async () => {
    const admin = await clientFor('admin');
    await admin.get('/admin/ngay-nghi?nam=2026');
    const id = await holidayId('2026-09-01');
    const deleted = await admin.post(`/admin/ngay-nghi/${id}/xoa`, { nam: '2026' });
    expect(deleted.statusCode).toBe(303);
    expect(deleted.headers.location).toBe('/admin/ngay-nghi?nam=2026&tb=da-xoa');
    await ensureHolidays(db(), { siteId, now: new Date() });
    expect((await loadHolidays(db(), { siteId })).has('2026-09-01')).toBe(false);
    expect(await db().selectFrom('audit_log').select('action').where('action', '=', 'holiday.deleted').execute()).toHaveLength(1);
  });

  it('answers bad input with the form again and a Vietnamese message, never a 500', async () => {
    const chief = await clientFor('chief_editor');
    await chief.get('/admin/ngay-nghi?nam=2026');
    const cases: [Record<string, string | string[]>, string, string][] = [
      [{ day: '30/02/2026', name: 'Ngày sai' }, 'day', 'ngày có thật'],
      [{ day: '2026-13-01', name: 'Ngày sai' }, 'day', 'ngày có thật'],
      [{ day: 'hôm qua', name: 'Ngày sai' }, 'day', 'dd/mm/yyyy'],
      [{ day: '', name: 'Trống' }, 'day', 'dd/mm/yyyy'],
      [{ day: '01/01/1999', name: 'Quá xa' }, 'day', '2000'],
      [{ day: ['01/03/2026', '02/03/2026'], name: 'Hai ngày' }, 'day', 'dd/mm/yyyy'],
      [{ day: '02/03/2026', name: '' }, 'name', 'Hãy nhập tên'],
      [{ day: '02/03/2026', name: '\u0000\u202e \u200b' }, 'name', 'Hãy nhập tên'],
      [{ day: '02/03/2026', name: 'x'.repeat(121) }, 'name', '120 ký tự'],
      [{ day: '17/02/2026', name: 'Trùng' }, 'day', 'đã có'],
    ];
    for (const [fields, field, message] of cases) {
      const answer = await chief.post('/admin/ngay-nghi', fields);
      expect(answer.statusCode, JSON.stringify(fields)).toBe(400);
      expect(main(answer.body), JSON.stringify(fields)).toContain(message);
      expect(main(answer.body), field).toContain(`id="f-${field}-error"`);
    }
    expect(await db().selectFrom('audit_log').select('action').where('action', '=', 'holiday.added').execute()).toHaveLength(1);
    for (const year of ['abc', '1999', '20260', '-1']) {
      const page = await chief.get(`/admin/ngay-nghi?nam=${year}`);
      expect(page.statusCode, year).toBe(400);
      expect(page.body, year).toContain('Năm phải là một số');
    }
  });

  it('refuses unknown ids, other sites’ days and posts without the CSRF token', async () => {
    const chief = await clientFor('chief_editor');
    await chief.get('/admin/ngay-nghi');
    expect((await chief.post('/admin/ngay-nghi/khong-co/xoa')).statusCode).toBe(404);
    expect((await chief.post(`/admin/ngay-nghi/${'x'.repeat(500)}/xoa`)).statusCode).toBe(404);
    const otherSite = await createSite(db(), { host: 'huyen.localhost', name: 'UBND huyện' });
    const other = await addHoliday(db(), operatorScope(otherSite), { day: '05/05/2026', name: 'Ngày của huyện' });
    expect((await chief.post(`/admin/ngay-nghi/${other.id}/xoa`)).statusCode).toBe(404);
    expect(main((await chief.get('/admin/ngay-nghi?nam=2026')).body)).not.toContain('Ngày của huyện');
    const forged = await chief.post('/admin/ngay-nghi', { day: '06/05/2026', name: 'Không có CSRF' }, { csrf: null });
    expect(forged.statusCode).toBe(403);
    expect((await loadHolidays(db(), siteId)).has('2026-05-06')).toBe(false);
  });

  it('is for chief editors and admins only: others get 403 and no nav item', async () => {
    for (const role of ['author', 'editor'] as const) {
      const client = await clientFor(role);
      expect((await client.get('/admin')).body, role).not.toContain('href="/admin/ngay-nghi"');
      expect((await client.get('/admin/ngay-nghi')).statusCode, role).toBe(403);
      expect((await client.post('/admin/ngay-nghi', { day: '07/05/2026', name: 'Không được' })).statusCode, role).toBe(403);
      expect((await client.post(`/admin/ngay-nghi/${await holidayId('2026-02-17')}/xoa`)).statusCode, role).toBe(403);
    }
    expect((await portal.app.inject({ url: '/admin/ngay-nghi' })).statusCode).toBe(303);
    expect((await loadHolidays(db(), siteId)).has('2026-02-17')).toBe(true);
  });
});
