import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { addMember, operatorScope } from '../accounts/index.js';
import { createSite } from '../sites/index.js';
import { ANNOUNCED_HOLIDAYS } from './holiday-calendar.js';
import { addHoliday, deleteHoliday, ensureHolidays, listHolidays, loadHolidays } from './holidays.service.js';
import { addWorkingDays, vietnamDay } from './working-days.js';

describe.each(ENGINES)('a site’s holidays on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  const db = () => testDb.db.kysely;
  const now = new Date('2026-11-29T23:30:00Z');

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(db(), { host: 'localhost', name: 'Sở Lao động' });
  });
  afterAll(async () => testDb.destroy());

  it('fills in the calendar once, even when several requests ask first at the same time', async () => {
    await Promise.all([1, 2, 3, 4].map(() => ensureHolidays(db(), { siteId, now })));
    const days = await loadHolidays(db(), siteId);
    const announced = Object.values(ANNOUNCED_HOLIDAYS).flat();
    for (const holiday of announced) expect(days.has(holiday.day), holiday.day).toBe(true);
    const rows = await db().selectFrom('holidays').select('day').where('site_id', '=', siteId).execute();
    expect(rows.length).toBe(new Set(rows.map((r) => r.day)).size);
    expect((await loadHolidays(db(), { siteId, from: '2026-02-01', to: '2026-02-28' })).size).toBe(5);
  });

  it('gives the deadline of a question received late on Sunday (UTC), counted from Monday in Vietnam', async () => {
    const received = vietnamDay(now);
    expect(received).toBe('2026-11-30');
    expect(addWorkingDays(received, 5, await loadHolidays(db(), siteId))).toBe('2026-12-07');
  });

  it('keeps another site’s days apart, and staff deletions stay deleted', async () => {
    const other = await createSite(db(), { host: 'huyen.localhost', name: 'UBND huyện' });
    await addHoliday(db(), operatorScope(other), { day: '2026-12-01', name: 'Ngày của huyện' });
    expect((await loadHolidays(db(), siteId)).has('2026-12-01')).toBe(false);
    expect((await loadHolidays(db(), other)).has('2026-12-01')).toBe(true);
    const tet = (await listHolidays(db(), operatorScope(siteId), { year: 2027 })).find((h) => h.day === '2027-02-05')!;
    await deleteHoliday(db(), operatorScope(siteId), { id: tet.id });
    await ensureHolidays(db(), { siteId, now });
    expect((await loadHolidays(db(), siteId)).has('2027-02-05')).toBe(false);
    await expect(deleteHoliday(db(), operatorScope(siteId), { id: tet.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('fills in a new year’s fixed holidays when it comes, without putting back deleted days', async () => {
    expect((await loadHolidays(db(), siteId)).has('2028-01-03')).toBe(false);
    await ensureHolidays(db(), { siteId, now: new Date('2027-12-31T18:00:00Z') });
    const days = await loadHolidays(db(), siteId);
    expect(days.has('2028-01-01') && days.has('2028-01-03') && days.has('2028-09-04')).toBe(true);
    expect(days.has('2027-02-05')).toBe(false);
  });

  it('lets only holiday.manage change the list (default deny)', async () => {
    const { userId } = await addMember(db(), operatorScope(siteId), { email: 'bien-tap@kontum.gov.vn', displayName: 'Biên tập', role: 'editor' });
    const editor = { siteId, actor: { id: userId, label: 'bien-tap@kontum.gov.vn', displayName: 'Biên tập', role: 'editor', isSuperAdmin: false, via: 'session' as const }, clientIp: '203.0.113.1', now };
    await expect(addHoliday(db(), editor, { day: '2026-12-02', name: 'Không được' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(listHolidays(db(), { ...editor, actor: null }, { year: 2026 })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(addHoliday(db(), operatorScope(siteId), { day: '2026-12-02', name: 42 })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'name' });
    await expect(addHoliday(db(), operatorScope(siteId), { day: { toString: () => '2026-12-02' }, name: 'Đối tượng' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'day' });
    await expect(listHolidays(db(), operatorScope(siteId), { year: '2026; drop table holidays' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'year' });
  });
});
