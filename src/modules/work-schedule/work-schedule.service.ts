/**
 * The staff's use-cases on the leaders' schedule: enter, edit and delete entries,
 * publish a week (or one entry), postpone or cancel a published entry, restore it, take
 * it down. Every function takes the request scope and checks the actor first (default
 * deny): 'schedule.edit' to work on entries the public does not see, 'schedule.publish'
 * to publish and to change anything the public sees. Each runs in one transaction with
 * its audit entry and a revision of the entry; when readers see the change, the site's
 * content version and the week's search record follow. Another site's entry is simply
 * not found.
 *
 * A published entry is never deleted or silently rewritten: citizens and their calendar
 * apps saw it. A change marks it "Điều chỉnh" and raises its iCalendar SEQUENCE; one that
 * will not happen is postponed ("Hoãn") or cancelled ("Huỷ"), shown struck through.
 */
import crypto from 'node:crypto';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { ForbiddenError, InvalidInputError } from '../../platform/errors.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { changeSiteContent } from '../sites/index.js';
import {
  checkCancelReason,
  checkEntryFields,
  compareEntries,
  rowToEntry,
  rowToFields,
  weekKeyOfDay,
  type Cancellation,
  type ScheduleEntry,
  type ScheduleEntryFields,
  type ScheduleEntryInput,
  type ScheduleEntryRow,
} from './schedule-entries.js';
import { addDays, addWeeks, parseWeek, weekKey } from './schedule-weeks.js';
import { ScheduleEntryNotFoundError, SchedulePublicationStepError } from './work-schedule.errors.js';
import { syncWeekSearch } from './work-schedule.search.js';

const messages = {
  publishedNeedsPublisher: 'Mục lịch này đang hiển thị công khai: chỉ trưởng ban biên tập hoặc quản trị được thay đổi.',
  publishedNeedsPublisherHelp: 'Hãy nhờ trưởng ban biên tập sửa, hoãn hoặc huỷ mục lịch.',
  weekInvalid: 'Tuần không hợp lệ: hãy ghi theo dạng năm-W số tuần, ví dụ 2026-W48.',
  nothingToPublish: 'Tuần này không có mục lịch nháp nào để công bố.',
  alreadyPublished: 'Mục lịch này đã được công bố.',
  notPublished: 'Mục lịch này chưa được công bố.',
  publishedNotDeleted: 'Mục lịch đã công bố thì không xoá được: người dân đã thấy nó.',
  publishedNotDeletedHelp: 'Nếu công việc không diễn ra, hãy chọn "Hoãn" hoặc "Huỷ" để người dân thấy thay đổi.',
  cancelKind: 'Hãy chọn hoãn hoặc huỷ.',
  alreadyCancelled: 'Mục lịch này đã được ghi là hoãn hoặc huỷ.',
  notCancelled: 'Mục lịch này không bị hoãn hay huỷ.',
} as const;

/** A week as staff or the API name it ('2026-W48'). @throws INVALID_INPUT on `week`. */
export function requireWeekKey(text: unknown): string {
  const week = typeof text === 'string' ? parseWeek(text.trim()) : null;
  if (!week) throw new InvalidInputError(messages.weekInvalid, { field: 'week' });
  return weekKey(week);
}

function authorId(scope: RequestScope): string | null {
  return scope.actor && scope.actor.via !== 'cli' ? scope.actor.id : null;
}

async function lockEntry(trx: Kysely<Database>, scope: RequestScope, entryId: unknown): Promise<ScheduleEntryRow> {
  if (typeof entryId !== 'string' || entryId.length > 100) throw new ScheduleEntryNotFoundError();
  let query = trx.selectFrom('schedule_entries').selectAll().where('id', '=', entryId).where('site_id', '=', scope.siteId);
  // SQLite's BEGIN IMMEDIATE already holds the only write lock.
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new ScheduleEntryNotFoundError();
  return row;
}

/** Changing what readers see takes a publisher. */
function requireMayChange(scope: RequestScope, row: { publication: string }): void {
  requirePermission(scope.actor, 'schedule.edit');
  if (row.publication === 'published' && !hasPermission(scope.actor, 'schedule.publish')) {
    throw new ForbiddenError(messages.publishedNeedsPublisher, messages.publishedNeedsPublisherHelp);
  }
}

async function addRevision(trx: Kysely<Database>, scope: RequestScope, entryId: string): Promise<void> {
  const last = await trx.selectFrom('schedule_entry_revisions').select((eb) => eb.fn.max('number').as('n')).where('entry_id', '=', entryId).executeTakeFirst();
  const row = await trx.selectFrom('schedule_entries').selectAll().where('id', '=', entryId).executeTakeFirstOrThrow();
  const entry = rowToEntry(row);
  const snapshot = { ...rowToFields(row), publication: entry.publication, cancellation: entry.cancellation, cancelReason: entry.cancelReason, isChanged: entry.isChanged, sequence: entry.sequence };
  await trx
    .insertInto('schedule_entry_revisions')
    .values({ id: crypto.randomUUID(), entry_id: entryId, number: Number(last?.n ?? 0) + 1, author_id: authorId(scope), snapshot: JSON.stringify(snapshot), created_at: scope.now.toISOString() })
    .execute();
}

/**
 * After a change to entries readers saw or now see: the weeks' search records and the
 * site's content version (cached pages and the feed are rendered again).
 */
async function publishChanges(trx: Kysely<Database>, scope: RequestScope, input: { weeks: string[]; isVisible: boolean }): Promise<void> {
  if (!input.isVisible) return;
  await changeSiteContent(trx, scope.siteId, async (t) => {
    for (const week of new Set(input.weeks)) await syncWeekSearch(t, { siteId: scope.siteId, week });
  });
}

function rowValues(fields: ScheduleEntryFields) {
  return {
    day: fields.day,
    week: weekKeyOfDay(fields.day),
    start_time: fields.startTime,
    end_time: fields.endTime,
    content: fields.content,
    place: fields.place,
    attendees: fields.attendees.join('\n'),
    preparer: fields.preparer,
    note: fields.note,
    is_recurring: fields.isRecurring ? 1 : 0,
  };
}

function summaryOf(fields: Pick<ScheduleEntryFields, 'day' | 'startTime' | 'content'>) {
  return { day: fields.day, startTime: fields.startTime, content: fields.content.slice(0, 200) };
}

/**
 * Enters a new entry as a draft.
 * @throws FORBIDDEN without schedule.edit; INVALID_INPUT for bad fields.
 */
export async function createScheduleEntry(db: Kysely<Database>, scope: RequestScope, input: ScheduleEntryInput): Promise<{ id: string; week: string }> {
  requirePermission(scope.actor, 'schedule.edit');
  const fields = checkEntryFields(input);
  return inTransaction(db, async (trx) => {
    const id = crypto.randomUUID();
    const now = scope.now.toISOString();
    const values = rowValues(fields);
    await trx.insertInto('schedule_entries').values({ id, site_id: scope.siteId, ...values, publication: 'draft', created_by: authorId(scope), created_at: now, updated_at: now }).execute();
    await addRevision(trx, scope, id);
    await recordAudit(trx, scope, { action: 'schedule.created', targetType: 'schedule_entry', targetId: id, detail: summaryOf(fields) });
    return { id, week: values.week };
  });
}

/**
 * Saves an edit. A published entry changes for readers at once: that takes
 * schedule.publish, marks it "Điều chỉnh" and raises its SEQUENCE.
 * @throws NOT_FOUND; FORBIDDEN; INVALID_INPUT.
 */
export async function updateScheduleEntry(db: Kysely<Database>, scope: RequestScope, input: { entryId: string; fields: ScheduleEntryInput }): Promise<{ week: string }> {
  requirePermission(scope.actor, 'schedule.edit');
  return inTransaction(db, async (trx) => {
    const row = await lockEntry(trx, scope, input.entryId);
    requireMayChange(scope, row);
    const fields = checkEntryFields(input.fields, rowToFields(row));
    const values = rowValues(fields);
    // A save that changes nothing is no change for readers: no "Điều chỉnh", no new SEQUENCE.
    if (JSON.stringify(fields) === JSON.stringify(rowToFields(row))) return { week: row.week };
    const isPublic = row.publication === 'published';
    await trx
      .updateTable('schedule_entries')
      .set({ ...values, updated_at: scope.now.toISOString(), ...(isPublic ? { is_changed: 1, sequence: Number(row.sequence) + 1 } : {}) })
      .where('id', '=', row.id)
      .execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'schedule.updated', targetType: 'schedule_entry', targetId: row.id, detail: { ...summaryOf(fields), ...(row.day !== fields.day ? { previousDay: row.day } : {}), ...(isPublic ? { public: true } : {}) } });
    await publishChanges(trx, scope, { weeks: [row.week, values.week], isVisible: isPublic });
    return { week: values.week };
  });
}

/**
 * Deletes an entry readers never see (a draft, or one taken down).
 * @throws NOT_FOUND; FORBIDDEN; INVALID_TRANSITION for a published entry.
 */
export async function deleteScheduleEntry(db: Kysely<Database>, scope: RequestScope, input: { entryId: string }): Promise<{ week: string }> {
  requirePermission(scope.actor, 'schedule.edit');
  return inTransaction(db, async (trx) => {
    const row = await lockEntry(trx, scope, input.entryId);
    if (row.publication === 'published') throw new SchedulePublicationStepError(messages.publishedNotDeleted, messages.publishedNotDeletedHelp);
    await trx.deleteFrom('schedule_entry_revisions').where('entry_id', '=', row.id).execute();
    await trx.deleteFrom('schedule_entries').where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'schedule.deleted', targetType: 'schedule_entry', targetId: row.id, detail: summaryOf(rowToFields(row)) });
    return { week: row.week };
  });
}

/**
 * "Công bố lịch tuần": publishes every draft of the week at once (entries taken down
 * stay down: they were withdrawn on purpose).
 * @throws FORBIDDEN without schedule.publish; INVALID_INPUT for a bad week; INVALID_TRANSITION when there is no draft.
 */
export async function publishScheduleWeek(db: Kysely<Database>, scope: RequestScope, input: { week: unknown }): Promise<{ count: number; week: string }> {
  requirePermission(scope.actor, 'schedule.publish');
  const week = requireWeekKey(input.week);
  return inTransaction(db, async (trx) => {
    let query = trx.selectFrom('schedule_entries').select(['id']).where('site_id', '=', scope.siteId).where('week', '=', week).where('publication', '=', 'draft');
    if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
    const drafts = await query.execute();
    if (drafts.length === 0) throw new SchedulePublicationStepError(messages.nothingToPublish, 'Hãy thêm mục lịch cho tuần, hoặc chọn tuần khác.');
    const now = scope.now.toISOString();
    const ids = drafts.map((d) => d.id);
    await trx.updateTable('schedule_entries').set({ publication: 'published', published_at: now, updated_at: now }).where('id', 'in', ids).execute();
    for (const id of ids) await addRevision(trx, scope, id);
    await recordAudit(trx, scope, { action: 'schedule.week_published', targetType: 'schedule_week', targetId: week, detail: { week, entries: ids.length } });
    await publishChanges(trx, scope, { weeks: [week], isVisible: true });
    return { count: ids.length, week };
  });
}

/**
 * Publishes one entry (a draft, or one taken down).
 * @throws FORBIDDEN without schedule.publish; NOT_FOUND; INVALID_TRANSITION when already published.
 */
export async function publishScheduleEntry(db: Kysely<Database>, scope: RequestScope, input: { entryId: string }): Promise<{ week: string }> {
  requirePermission(scope.actor, 'schedule.publish');
  return inTransaction(db, async (trx) => {
    const row = await lockEntry(trx, scope, input.entryId);
    if (row.publication === 'published') throw new SchedulePublicationStepError(messages.alreadyPublished);
    const now = scope.now.toISOString();
    // Back after being taken down: calendars that kept the old copy need a higher SEQUENCE.
    const wasPublic = row.published_at !== null;
    await trx
      .updateTable('schedule_entries')
      .set({ publication: 'published', published_at: row.published_at ?? now, updated_at: now, ...(wasPublic ? { sequence: Number(row.sequence) + 1 } : {}) })
      .where('id', '=', row.id)
      .execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'schedule.published', targetType: 'schedule_entry', targetId: row.id, detail: summaryOf(rowToFields(row)) });
    await publishChanges(trx, scope, { weeks: [row.week], isVisible: true });
    return { week: row.week };
  });
}

/**
 * Postpones ("Hoãn") or cancels ("Huỷ") a published entry: it stays on the schedule,
 * struck through, and calendars get STATUS:CANCELLED.
 * @throws FORBIDDEN without schedule.publish; NOT_FOUND; INVALID_INPUT for the kind or reason; INVALID_TRANSITION when not published or already so.
 */
export async function cancelScheduleEntry(db: Kysely<Database>, scope: RequestScope, input: { entryId: string; kind: unknown; reason?: unknown }): Promise<{ week: string }> {
  requirePermission(scope.actor, 'schedule.publish');
  if (input.kind !== 'postponed' && input.kind !== 'cancelled') throw new InvalidInputError(messages.cancelKind, { field: 'kind' });
  const kind: Cancellation = input.kind;
  const reason = checkCancelReason(input.reason);
  return inTransaction(db, async (trx) => {
    const row = await lockEntry(trx, scope, input.entryId);
    if (row.publication !== 'published') throw new SchedulePublicationStepError(messages.notPublished, 'Mục lịch chưa công bố thì sửa hoặc xoá, không cần hoãn hay huỷ.');
    if (row.cancellation) throw new SchedulePublicationStepError(messages.alreadyCancelled);
    await trx
      .updateTable('schedule_entries')
      .set({ cancellation: kind, cancel_reason: reason, sequence: Number(row.sequence) + 1, updated_at: scope.now.toISOString() })
      .where('id', '=', row.id)
      .execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: kind === 'postponed' ? 'schedule.postponed' : 'schedule.cancelled', targetType: 'schedule_entry', targetId: row.id, detail: { ...summaryOf(rowToFields(row)), reason } });
    await publishChanges(trx, scope, { weeks: [row.week], isVisible: true });
    return { week: row.week };
  });
}

/**
 * Puts back a postponed or cancelled entry (it will happen after all): shown "Điều chỉnh".
 * @throws FORBIDDEN without schedule.publish; NOT_FOUND; INVALID_TRANSITION when it is not postponed or cancelled.
 */
export async function restoreScheduleEntry(db: Kysely<Database>, scope: RequestScope, input: { entryId: string }): Promise<{ week: string }> {
  requirePermission(scope.actor, 'schedule.publish');
  return inTransaction(db, async (trx) => {
    const row = await lockEntry(trx, scope, input.entryId);
    if (!row.cancellation) throw new SchedulePublicationStepError(messages.notCancelled);
    await trx
      .updateTable('schedule_entries')
      .set({ cancellation: '', cancel_reason: '', is_changed: 1, sequence: Number(row.sequence) + 1, updated_at: scope.now.toISOString() })
      .where('id', '=', row.id)
      .execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'schedule.restored', targetType: 'schedule_entry', targetId: row.id, detail: summaryOf(rowToFields(row)) });
    await publishChanges(trx, scope, { weeks: [row.week], isVisible: row.publication === 'published' });
    return { week: row.week };
  });
}

/**
 * Takes a published entry off the public schedule, its feed and search (an entry
 * published by mistake; one that will not happen is postponed or cancelled instead).
 * @throws FORBIDDEN without schedule.publish; NOT_FOUND; INVALID_TRANSITION when not published.
 */
export async function unpublishScheduleEntry(db: Kysely<Database>, scope: RequestScope, input: { entryId: string }): Promise<{ week: string }> {
  requirePermission(scope.actor, 'schedule.publish');
  return inTransaction(db, async (trx) => {
    const row = await lockEntry(trx, scope, input.entryId);
    if (row.publication !== 'published') throw new SchedulePublicationStepError(messages.notPublished);
    await trx.updateTable('schedule_entries').set({ publication: 'unpublished', updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'schedule.unpublished', targetType: 'schedule_entry', targetId: row.id, detail: summaryOf(rowToFields(row)) });
    await publishChanges(trx, scope, { weeks: [row.week], isVisible: true });
    return { week: row.week };
  });
}

/**
 * "Chép các mục lặp lại của tuần trước": the previous week's recurring entries (giao ban,
 * tiếp công dân) become drafts on the same weekday and time of `week`. An entry the week
 * already has (same day, time and content) is not copied again, so a second click adds
 * nothing.
 * @throws FORBIDDEN without schedule.edit; INVALID_INPUT for a bad week.
 */
export async function copyRecurringEntries(db: Kysely<Database>, scope: RequestScope, input: { week: unknown }): Promise<{ count: number; week: string }> {
  requirePermission(scope.actor, 'schedule.edit');
  const week = requireWeekKey(input.week);
  const target = parseWeek(week)!;
  const previous = weekKey(addWeeks(target, -1));
  return inTransaction(db, async (trx) => {
    const sources = await trx.selectFrom('schedule_entries').selectAll().where('site_id', '=', scope.siteId).where('week', '=', previous).where('is_recurring', '=', 1).where('publication', '!=', 'unpublished').execute();
    const existing = await trx.selectFrom('schedule_entries').select(['day', 'start_time', 'content']).where('site_id', '=', scope.siteId).where('week', '=', week).execute();
    const has = new Set(existing.map((e) => `${e.day} ${e.start_time ?? ''} ${e.content}`));
    const now = scope.now.toISOString();
    let count = 0;
    for (const source of sources.map(rowToFields).sort((a, b) => (a.day === b.day ? 0 : a.day < b.day ? -1 : 1))) {
      const fields = { ...source, day: addDays(source.day, 7) };
      if (has.has(`${fields.day} ${fields.startTime ?? ''} ${fields.content}`)) continue;
      const id = crypto.randomUUID();
      await trx.insertInto('schedule_entries').values({ id, site_id: scope.siteId, ...rowValues(fields), publication: 'draft', created_by: authorId(scope), created_at: now, updated_at: now }).execute();
      await addRevision(trx, scope, id);
      count++;
    }
    await recordAudit(trx, scope, { action: 'schedule.recurring_copied', targetType: 'schedule_week', targetId: week, detail: { week, from: previous, entries: count } });
    return { count, week };
  });
}

export interface StaffScheduleWeek {
  week: string;
  /** Every entry of the week, in the schedule's order. */
  entries: ScheduleEntry[];
  draftCount: number;
  /** What the actor may do: drives which buttons show (the services check again). */
  can: { edit: boolean; publish: boolean };
}

/** The staff's week grid: every entry of the week, whatever its publication. @throws FORBIDDEN; INVALID_INPUT for a bad week. */
export async function getScheduleWeekForStaff(db: Kysely<Database>, scope: RequestScope, input: { week: unknown }): Promise<StaffScheduleWeek> {
  requirePermission(scope.actor, 'schedule.edit');
  const week = requireWeekKey(input.week);
  const rows = await db.selectFrom('schedule_entries').selectAll().where('site_id', '=', scope.siteId).where('week', '=', week).execute();
  const entries = rows.map(rowToEntry).sort(compareEntries);
  return { week, entries, draftCount: entries.filter((e) => e.publication === 'draft').length, can: { edit: true, publish: hasPermission(scope.actor, 'schedule.publish') } };
}

export interface ScheduleRevision {
  number: number;
  createdAt: string;
  authorName: string;
  snapshot: Partial<ScheduleEntryFields> & { publication?: string; cancellation?: string };
}

export interface ScheduleEntryForEditing {
  entry: ScheduleEntry;
  revisions: ScheduleRevision[];
  can: { edit: boolean; delete: boolean; publish: boolean; cancel: boolean; restore: boolean; unpublish: boolean };
}

/** @throws FORBIDDEN without schedule.edit; NOT_FOUND for another site's entry. */
export async function getScheduleEntryForEditing(db: Kysely<Database>, scope: RequestScope, entryId: string): Promise<ScheduleEntryForEditing> {
  requirePermission(scope.actor, 'schedule.edit');
  if (typeof entryId !== 'string' || entryId.length > 100) throw new ScheduleEntryNotFoundError();
  const row = await db.selectFrom('schedule_entries').selectAll().where('id', '=', entryId).where('site_id', '=', scope.siteId).executeTakeFirst();
  if (!row) throw new ScheduleEntryNotFoundError();
  const revisions = await db
    .selectFrom('schedule_entry_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .select(['r.number', 'r.created_at', 'r.snapshot', 'u.display_name'])
    .where('r.entry_id', '=', row.id)
    .orderBy('r.number', 'desc')
    .limit(50)
    .execute();
  const entry = rowToEntry(row);
  const mayPublish = hasPermission(scope.actor, 'schedule.publish');
  const isPublic = entry.publication === 'published';
  return {
    entry,
    revisions: revisions.map((r) => ({ number: Number(r.number), createdAt: r.created_at, authorName: r.display_name ?? 'Hệ thống', snapshot: JSON.parse(r.snapshot) as ScheduleRevision['snapshot'] })),
    can: {
      edit: !isPublic || mayPublish,
      delete: !isPublic,
      publish: mayPublish && !isPublic,
      cancel: mayPublish && isPublic && !entry.cancellation,
      restore: mayPublish && isPublic && entry.cancellation !== '',
      unpublish: mayPublish && isPublic,
    },
  };
}
