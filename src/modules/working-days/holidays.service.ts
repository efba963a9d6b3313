/**
 * A site's days off: filled in from Vietnam's calendar on first use, kept by staff with
 * 'holiday.manage' on /admin/ngay-nghi, read by every module that counts working days.
 */
import type { Kysely } from 'kysely';
import { requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { InvalidInputError, NotFoundError } from '../../platform/errors.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { toNfc } from '../../platform/i18n/vi.js';
import { ANNOUNCED_HOLIDAYS, holidaysOfYear } from './holiday-calendar.js';
import { isDayString, vietnamDay } from './working-days.js';
import './working-days.table.js';

const MAX_NAME = 120;
/** Years staff may keep days for: deadlines are never further than this. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

export interface Holiday {
  id: string;
  day: string;
  name: string;
}

/** The years a site is filled in for: those announced, this year and the next. */
function yearsToFill(now: Date): number[] {
  const thisYear = Number(vietnamDay(now).slice(0, 4));
  return [...new Set([...Object.keys(ANNOUNCED_HOLIDAYS).map(Number), thisYear, thisYear + 1])].sort();
}

/**
 * Fills each of a site's years from the calendar once (the announced years, and this year and
 * the next as they come). Race-safe: the first caller's marker row for a year wins; the others
 * find it and do nothing (on PostgreSQL they wait for its commit). A day staff deleted stays deleted.
 */
export async function ensureHolidays(db: Kysely<Database>, input: { siteId: string; now: Date }): Promise<void> {
  const wanted = yearsToFill(input.now);
  const marked = await db.selectFrom('holiday_years').select('year').where('site_id', '=', input.siteId).where('year', 'in', wanted).execute();
  const missing = wanted.filter((year) => !marked.some((row) => Number(row.year) === year));
  if (missing.length === 0) return;
  await inTransaction(db, async (trx) => {
    for (const year of missing) {
      const claimed = await trx
        .insertInto('holiday_years')
        .values({ site_id: input.siteId, year, filled_at: input.now.toISOString() })
        .onConflict((oc) => oc.columns(['site_id', 'year']).doNothing())
        .executeTakeFirst();
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0) continue;
      await trx
        .insertInto('holidays')
        .values(holidaysOfYear(year).map((holiday) => ({ id: crypto.randomUUID(), site_id: input.siteId, day: holiday.day, name: holiday.name, created_at: input.now.toISOString() })))
        // A day staff added before the year was filled keeps its name.
        .onConflict((oc) => oc.columns(['site_id', 'day']).doNothing())
        .execute();
    }
  });
}

/**
 * The site's days off between `from` and `to` (inclusive, 'YYYY-MM-DD'; both optional), as
 * the set addWorkingDays takes. Also accepts loadHolidays(db, { siteId, from?, to? }).
 */
export async function loadHolidays(db: Kysely<Database>, site: string | { siteId: string; from?: string; to?: string }, range: { from?: string; to?: string } = {}): Promise<Set<string>> {
  const { siteId, from, to } = typeof site === 'string' ? { siteId: site, ...range } : site;
  await ensureHolidays(db, { siteId, now: new Date() });
  let query = db.selectFrom('holidays').select('day').where('site_id', '=', siteId);
  if (from) query = query.where('day', '>=', from);
  if (to) query = query.where('day', '<=', to);
  return new Set((await query.execute()).map((row) => row.day));
}

function checkYear(raw: unknown): number {
  const year = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{4}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > LAST_YEAR) throw new InvalidInputError(`Năm phải là một số từ ${FIRST_YEAR} đến ${LAST_YEAR}.`, { field: 'year' });
  return year;
}

/**
 * A site's days off in one year, by day. Staff only (holiday.manage).
 * @throws FORBIDDEN; INVALID_INPUT (year).
 */
export async function listHolidays(db: Kysely<Database>, scope: RequestScope, input: { year: unknown }): Promise<Holiday[]> {
  requirePermission(scope.actor, 'holiday.manage');
  const year = checkYear(input.year);
  await ensureHolidays(db, { siteId: scope.siteId, now: scope.now });
  return db
    .selectFrom('holidays')
    .select(['id', 'day', 'name'])
    .where('site_id', '=', scope.siteId)
    .where('day', '>=', `${year}-01-01`)
    .where('day', '<=', `${year}-12-31`)
    .orderBy('day')
    .execute();
}

/** 'dd/mm/yyyy' (the staff form) or 'YYYY-MM-DD' (a date input) → 'YYYY-MM-DD'. */
export function parseStaffDay(raw: unknown): string {
  const text = typeof raw === 'string' ? raw.trim() : '';
  const vietnamese = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  const day = vietnamese ? `${vietnamese[3]}-${vietnamese[2]!.padStart(2, '0')}-${vietnamese[1]!.padStart(2, '0')}` : text;
  if (!isDayString(day)) throw new InvalidInputError('Ngày nghỉ phải là một ngày có thật, dạng dd/mm/yyyy (ví dụ 02/09/2027).', { field: 'day' });
  const year = Number(day.slice(0, 4));
  if (year < FIRST_YEAR || year > LAST_YEAR) throw new InvalidInputError(`Ngày nghỉ phải trong các năm ${FIRST_YEAR}–${LAST_YEAR}.`, { field: 'day' });
  return day;
}

function cleanName(raw: unknown): string {
  if (raw !== undefined && typeof raw !== 'string') throw new InvalidInputError('Tên ngày nghỉ không hợp lệ.', { field: 'name' });
  // eslint-disable-next-line no-control-regex
  const name = toNfc((raw ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ').replace(/\s+/g, ' ').trim());
  if (!name) throw new InvalidInputError('Hãy nhập tên ngày nghỉ (ví dụ "Tết Nguyên đán").', { field: 'name' });
  if ([...name].length > MAX_NAME) throw new InvalidInputError(`Tên ngày nghỉ không được dài quá ${MAX_NAME} ký tự.`, { field: 'name' });
  return name;
}

/**
 * Adds a day off. Audited (holiday.added).
 * @throws FORBIDDEN; INVALID_INPUT (day, name; also when the day is already in the list).
 */
export async function addHoliday(db: Kysely<Database>, scope: RequestScope, input: { day: unknown; name: unknown }): Promise<Holiday> {
  requirePermission(scope.actor, 'holiday.manage');
  const day = parseStaffDay(input.day);
  const name = cleanName(input.name);
  await ensureHolidays(db, { siteId: scope.siteId, now: scope.now });
  const holiday = { id: crypto.randomUUID(), day, name };
  await inTransaction(db, async (trx) => {
    // The insert is the check (unique per site and day): no failed statement, no aborted transaction.
    const added = await trx
      .insertInto('holidays')
      .values({ ...holiday, site_id: scope.siteId, created_at: scope.now.toISOString() })
      .onConflict((oc) => oc.columns(['site_id', 'day']).doNothing())
      .executeTakeFirst();
    if (Number(added.numInsertedOrUpdatedRows ?? 0) === 0) throw new InvalidInputError('Ngày này đã có trong danh sách ngày nghỉ.', { field: 'day' });
    await recordAudit(trx, scope, { action: 'holiday.added', targetType: 'holiday', targetId: holiday.id, detail: { day, name } });
  });
  return holiday;
}

/**
 * Deletes a day off (it becomes a working day again, unless a weekend). Audited (holiday.deleted).
 * @throws FORBIDDEN; NOT_FOUND for an unknown id or another site's.
 */
export async function deleteHoliday(db: Kysely<Database>, scope: RequestScope, input: { id: unknown }): Promise<Holiday> {
  requirePermission(scope.actor, 'holiday.manage');
  const id = typeof input.id === 'string' && input.id.length <= 64 ? input.id : '';
  return inTransaction(db, async (trx) => {
    const holiday = id ? await trx.selectFrom('holidays').select(['id', 'day', 'name']).where('id', '=', id).where('site_id', '=', scope.siteId).executeTakeFirst() : undefined;
    if (!holiday) throw new NotFoundError('Không tìm thấy ngày nghỉ này.', 'Có thể ngày này đã được xóa. Hãy tải lại danh sách.');
    await trx.deleteFrom('holidays').where('id', '=', holiday.id).execute();
    await recordAudit(trx, scope, { action: 'holiday.deleted', targetType: 'holiday', targetId: holiday.id, detail: { day: holiday.day, name: holiday.name } });
    return holiday;
  });
}
