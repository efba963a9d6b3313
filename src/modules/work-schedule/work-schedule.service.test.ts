/** The schedule's use-cases on both engines: default deny, each role's rights, the rules of publication, search and content version. */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { addMember, operatorScope, type Role } from '../accounts/index.js';
import { reindexSite } from '../search/index.js';
import { createSite } from '../sites/index.js';
import { daysOf, weekKey } from './schedule-weeks.js';
import { getPublishedWeek, listPublishedAround } from './work-schedule.public.js';
import { workScheduleSearchSource } from './work-schedule.search.js';
import {
  cancelScheduleEntry,
  copyRecurringEntries,
  createScheduleEntry,
  deleteScheduleEntry,
  getScheduleEntryForEditing,
  getScheduleWeekForStaff,
  publishScheduleEntry,
  publishScheduleWeek,
  restoreScheduleEntry,
  unpublishScheduleEntry,
  updateScheduleEntry,
} from './work-schedule.service.js';

describe.each(ENGINES)('the work schedule use-cases on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;
  const people = new Map<Role, Actor>();
  const now = new Date('2026-11-25T03:00:00Z');
  const as = (role: Role | null): RequestScope => ({ siteId, actor: role ? people.get(role)! : null, clientIp: '10.0.0.1', now });
  const db = () => testDb.db.kysely;
  const week = { year: 2026, week: 48 };
  const days = daysOf(week);
  const entry = (extra: Record<string, unknown> = {}) => ({ day: days[0], startTime: '07:30', content: 'Giao ban đầu tuần', place: 'Phòng họp số 1', ...extra });
  const records = async () => (await db().selectFrom('search_records').select(['record_id', 'title']).where('type', '=', 'schedule').orderBy('record_id').execute());
  const version = async () => Number((await db().selectFrom('sites').select('content_version').where('id', '=', siteId).executeTakeFirstOrThrow()).content_version);

  beforeAll(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(db(), { host: 'sld.example.vn', name: 'Sở Lao động' });
    otherSiteId = await createSite(db(), { host: 'khac.example.vn', name: 'Sở khác' });
    for (const role of ['author', 'editor', 'chief_editor', 'admin'] as Role[]) {
      const { userId } = await addMember(db(), operatorScope(siteId), { email: `${role}@kontum.gov.vn`, displayName: role, role });
      people.set(role, { id: userId, label: `${role}@kontum.gov.vn`, displayName: role, role, isSuperAdmin: false, via: 'session' });
    }
  });
  afterAll(async () => testDb.destroy());
  beforeEach(async () => {
    await db().deleteFrom('search_records').execute();
    await db().deleteFrom('schedule_entries').execute();
  });

  it('denies by default: no actor, an author, another site\'s editor', async () => {
    for (const scope of [as(null), as('author')]) {
      await expect(createScheduleEntry(db(), scope, entry())).rejects.toMatchObject({ code: scope.actor ? 'FORBIDDEN' : 'UNAUTHENTICATED' });
      await expect(getScheduleWeekForStaff(db(), scope, { week: '2026-W48' })).rejects.toBeTruthy();
    }
    // An editor here is nobody on another site (the scope's actor has no role there).
    const stranger: RequestScope = { siteId: otherSiteId, actor: { ...people.get('editor')!, role: null }, clientIp: '10.0.0.1', now };
    await expect(createScheduleEntry(db(), stranger, entry())).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(publishScheduleWeek(db(), as('editor'), { week: '2026-W48' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await db().selectFrom('schedule_entries').select('id').execute()).toEqual([]);
  });

  it('lets an editor work on drafts and only a chief editor publish and change what is public', async () => {
    const { id, week: key } = await createScheduleEntry(db(), as('editor'), entry());
    expect(key).toBe('2026-W48');
    await updateScheduleEntry(db(), as('editor'), { entryId: id, fields: { place: 'Phòng họp số 2' } });
    // Drafts change nothing readers see.
    const before = await version();
    expect(await records()).toEqual([]);
    await expect(publishScheduleEntry(db(), as('editor'), { entryId: id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await publishScheduleWeek(db(), as('chief_editor'), { week: '2026-W48' });
    expect(await version()).toBeGreaterThan(before);
    expect((await records()).map((r) => r.title)).toEqual(['Lịch công tác tuần 48 (23/11/2026 – 29/11/2026)']);
    await expect(updateScheduleEntry(db(), as('editor'), { entryId: id, fields: { place: 'x' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(cancelScheduleEntry(db(), as('editor'), { entryId: id, kind: 'cancelled' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(deleteScheduleEntry(db(), as('chief_editor'), { entryId: id })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    const editing = await getScheduleEntryForEditing(db(), as('editor'), id);
    expect(editing.can).toEqual({ edit: false, delete: false, publish: false, cancel: false, restore: false, unpublish: false });
    expect((await getScheduleEntryForEditing(db(), as('chief_editor'), id)).can).toMatchObject({ edit: true, cancel: true, unpublish: true });
  });

  it('raises SEQUENCE and marks "Điều chỉnh" only for changes readers saw', async () => {
    const { id } = await createScheduleEntry(db(), as('editor'), entry());
    await updateScheduleEntry(db(), as('editor'), { entryId: id, fields: { startTime: '08:00' } });
    await publishScheduleEntry(db(), as('chief_editor'), { entryId: id });
    let [published] = (await getPublishedWeek(db(), { siteId, week })).entries;
    expect(published).toMatchObject({ sequence: 0, isChanged: false, startTime: '08:00' });
    // Saving the same fields again is no change readers need to hear of.
    await updateScheduleEntry(db(), as('chief_editor'), { entryId: id, fields: { startTime: '8h', place: ' Phòng  họp số 1 ' } });
    expect((await getPublishedWeek(db(), { siteId, week })).entries[0]).toMatchObject({ sequence: 0, isChanged: false });
    await updateScheduleEntry(db(), as('chief_editor'), { entryId: id, fields: { startTime: '08:30' } });
    await cancelScheduleEntry(db(), as('chief_editor'), { entryId: id, kind: 'postponed', reason: 'Trùng lịch' });
    [published] = (await getPublishedWeek(db(), { siteId, week })).entries;
    expect(published).toMatchObject({ sequence: 2, isChanged: true, cancellation: 'postponed', cancelReason: 'Trùng lịch' });
    await expect(cancelScheduleEntry(db(), as('chief_editor'), { entryId: id, kind: 'cancelled' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await restoreScheduleEntry(db(), as('chief_editor'), { entryId: id });
    await unpublishScheduleEntry(db(), as('chief_editor'), { entryId: id });
    expect((await getPublishedWeek(db(), { siteId, week })).entries).toEqual([]);
    expect(await records()).toEqual([]);
    // Back after being taken down: calendars that kept it need a higher SEQUENCE.
    await publishScheduleEntry(db(), as('chief_editor'), { entryId: id });
    expect((await getPublishedWeek(db(), { siteId, week })).entries[0]!.sequence).toBe(4);
    expect((await getScheduleEntryForEditing(db(), as('chief_editor'), id)).revisions.map((r) => r.number)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
  });

  it('keeps both weeks\' search records in step when a published entry moves to another week', async () => {
    const { id } = await createScheduleEntry(db(), as('editor'), entry());
    await createScheduleEntry(db(), as('editor'), entry({ day: days[3], content: 'Tiếp công dân định kỳ' }));
    await publishScheduleWeek(db(), as('chief_editor'), { week: weekKey(week) });
    await updateScheduleEntry(db(), as('chief_editor'), { entryId: id, fields: { day: '01/12/2026' } });
    expect((await records()).map((r) => r.record_id)).toEqual(['2026-W48', '2026-W49']);
    const { id: other } = await createScheduleEntry(db(), as('editor'), entry({ day: '2026-12-02' }));
    // A draft is not published with the week of another entry.
    expect((await getPublishedWeek(db(), { siteId, week: { year: 2026, week: 49 } })).entries.map((e) => e.id)).toEqual([id]);
    expect((await listPublishedAround(db(), { siteId, week })).map((e) => e.id)).not.toContain(other);
    // The reindex writes the same records.
    await db().deleteFrom('search_records').execute();
    await reindexSite(db(), { siteId, sources: [workScheduleSearchSource] });
    expect((await records()).map((r) => r.record_id)).toEqual(['2026-W48', '2026-W49']);
  });

  it('copies last week\'s recurring entries as drafts, once', async () => {
    const previous = daysOf({ year: 2026, week: 47 });
    await createScheduleEntry(db(), as('editor'), entry({ day: previous[0], content: 'Giao ban đầu tuần', isRecurring: true, attendees: 'Ông A Kang' }));
    await createScheduleEntry(db(), as('editor'), entry({ day: previous[3], startTime: '07:30', content: 'Tiếp công dân định kỳ', isRecurring: 'on' }));
    await createScheduleEntry(db(), as('editor'), entry({ day: previous[2], content: 'Đi công tác Kon Plông' }));
    await publishScheduleWeek(db(), as('chief_editor'), { week: '2026-W47' });
    await expect(copyRecurringEntries(db(), as('author'), { week: '2026-W48' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await copyRecurringEntries(db(), as('editor'), { week: '2026-W48' })).toEqual({ count: 2, week: '2026-W48' });
    const copied = (await getScheduleWeekForStaff(db(), as('editor'), { week: '2026-W48' })).entries;
    expect(copied.map((e) => [e.day, e.startTime, e.content, e.publication, e.isRecurring, e.attendees])).toEqual([
      [days[0], '07:30', 'Giao ban đầu tuần', 'draft', true, ['Ông A Kang']],
      [days[3], '07:30', 'Tiếp công dân định kỳ', 'draft', true, []],
    ]);
    // Drafts: nothing public changed.
    expect((await getPublishedWeek(db(), { siteId, week })).entries).toEqual([]);
    expect((await copyRecurringEntries(db(), as('editor'), { week: '2026-W48' })).count).toBe(0);
  });

  it('answers unknown and other sites\' ids, and bad weeks, with clear errors', async () => {
    const { id } = await createScheduleEntry(db(), operatorScope(otherSiteId), entry());
    for (const entryId of [id, 'khong-co', '', 'x'.repeat(500)]) {
      await expect(updateScheduleEntry(db(), as('chief_editor'), { entryId, fields: {} })).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(getScheduleEntryForEditing(db(), as('chief_editor'), entryId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
    await expect(deleteScheduleEntry(db(), as('chief_editor'), { entryId: 42 as unknown as string })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const bad of ['2026-W54', 'tuần 48', 48, null, ['2026-W48']]) {
      await expect(publishScheduleWeek(db(), as('chief_editor'), { week: bad })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'week' });
    }
    await expect(publishScheduleWeek(db(), as('chief_editor'), { week: '2026-W48' })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    await expect(cancelScheduleEntry(db(), as('chief_editor'), { entryId: id, kind: 'later' })).rejects.toMatchObject({ code: 'INVALID_INPUT', field: 'kind' });
  });
});
