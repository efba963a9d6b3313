/**
 * The schedule as search records: one per week that has published entries, titled
 * "Lịch công tác tuần 48 (23/11/2026 – 29/11/2026)", its text the week's entries in
 * words, found at the week's page. A week's record is rewritten (or removed) in the
 * transaction of every change readers may see.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { removeSearchRecord, upsertSearchRecord, type SearchRecord, type SearchSource } from '../search/index.js';
import { CANCELLATION_LABELS, compareEntries, rowToEntry, type ScheduleEntry } from './schedule-entries.js';
import { formatDay, parseWeek, timeWords, weekdayName, weekLabel, weekSlug } from './schedule-weeks.js';

export const SCHEDULE_SEARCH_TYPE = 'schedule';
export const SCHEDULE_PATH = '/lich-cong-tac';

export function weekPath(weekKeyText: string): string {
  const week = parseWeek(weekKeyText);
  return week ? `${SCHEDULE_PATH}/${weekSlug(week)}` : SCHEDULE_PATH;
}

/** "Thứ Hai 23/11/2026, 7 giờ 30: Giao ban… Địa điểm: … (Hoãn)" */
export function entrySentence(entry: ScheduleEntry): string {
  const when = `${weekdayName(entry.day)} ${formatDay(entry.day)}, ${entry.startTime ? timeWords(entry.startTime) : 'cả ngày'}`;
  const status = entry.cancellation ? ` (${CANCELLATION_LABELS[entry.cancellation]})` : entry.isChanged ? ' (Điều chỉnh)' : '';
  const parts = [
    `${when}: ${entry.content.replace(/\n/g, ' ')}${status}`,
    entry.place && `Địa điểm: ${entry.place}`,
    entry.attendees.length > 0 && `Chủ trì, tham dự: ${entry.attendees.join(', ')}`,
    entry.preparer && `Chuẩn bị: ${entry.preparer}`,
  ];
  return parts.filter(Boolean).join('. ');
}

export function weekSearchRecord(siteId: string, weekKeyText: string, entries: ScheduleEntry[]): SearchRecord {
  const week = parseWeek(weekKeyText)!;
  const sorted = [...entries].sort(compareEntries);
  const firstPublished = sorted.map((e) => e.publishedAt ?? '').filter(Boolean).sort()[0];
  return {
    siteId,
    type: SCHEDULE_SEARCH_TYPE,
    id: weekKeyText,
    title: `Lịch công tác ${weekLabel(week)}`,
    text: sorted.map(entrySentence).join('\n'),
    url: weekPath(weekKeyText),
    publishedAt: firstPublished ?? new Date(0).toISOString(),
    categoryId: null,
    language: 'vi',
    attachments: [],
  };
}

async function publishedEntriesOfWeek(db: Kysely<Database>, siteId: string, week: string): Promise<ScheduleEntry[]> {
  const rows = await db.selectFrom('schedule_entries').selectAll().where('site_id', '=', siteId).where('week', '=', week).where('publication', '=', 'published').execute();
  return rows.map(rowToEntry);
}

/** Brings the week's record in line with its published entries: written when there are some, removed otherwise. */
export async function syncWeekSearch(db: Kysely<Database>, input: { siteId: string; week: string }): Promise<void> {
  const entries = await publishedEntriesOfWeek(db, input.siteId, input.week);
  if (entries.length > 0 && parseWeek(input.week)) await upsertSearchRecord(db, weekSearchRecord(input.siteId, input.week, entries));
  else await removeSearchRecord(db, { siteId: input.siteId, type: SCHEDULE_SEARCH_TYPE, id: input.week });
}

async function publishedWeeks(db: Kysely<Database>, siteId: string): Promise<string[]> {
  const rows = await db.selectFrom('schedule_entries').select('week').distinct().where('site_id', '=', siteId).where('publication', '=', 'published').orderBy('week').execute();
  return rows.map((r) => r.week);
}

/** Every week with published entries, for `cong reindex`: read one week at a time. */
export const workScheduleSearchSource: SearchSource = {
  type: SCHEDULE_SEARCH_TYPE,
  label: 'Lịch công tác',
  async countRecords(db, siteId) {
    return (await publishedWeeks(db, siteId)).length;
  },
  async *listRecords(db, siteId) {
    for (const week of await publishedWeeks(db, siteId)) {
      if (!parseWeek(week)) continue;
      yield weekSearchRecord(siteId, week, await publishedEntriesOfWeek(db, siteId, week));
    }
  },
};
