/**
 * What the public may read of the schedule: published entries only (postponed and
 * cancelled ones included, so citizens see the change), by week or over a span of days
 * for the calendar feed. Nothing here takes an actor: nothing here is private.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { compareEntries, rowToEntry, type ScheduleEntry } from './schedule-entries.js';
import { addWeeks, daysOf, mondayOf, weekKey, type IsoWeek } from './schedule-weeks.js';

export interface PublicScheduleWeek {
  week: IsoWeek;
  /** 'YYYY-Www'. */
  key: string;
  /** Monday … Sunday, 'YYYY-MM-DD'. */
  days: string[];
  entries: ScheduleEntry[];
  /** The newest change among the entries (ISO time), or null for an empty week. */
  updatedAt: string | null;
}

function published(db: Kysely<Database>, siteId: string) {
  return db.selectFrom('schedule_entries').selectAll().where('site_id', '=', siteId).where('publication', '=', 'published');
}

export async function getPublishedWeek(db: Kysely<Database>, input: { siteId: string; week: IsoWeek }): Promise<PublicScheduleWeek> {
  const key = weekKey(input.week);
  const rows = await published(db, input.siteId).where('week', '=', key).execute();
  const entries = rows.map(rowToEntry).sort(compareEntries);
  const updatedAt = entries.map((e) => e.updatedAt).sort().at(-1) ?? null;
  return { week: input.week, key, days: daysOf(input.week), entries, updatedAt };
}

/** Weeks of the calendar feed around the current one: 4 back, 8 ahead. */
export const FEED_WEEKS_BEFORE = 4;
export const FEED_WEEKS_AFTER = 8;
/** A bound on one feed's size, whatever staff entered. */
const MAX_FEED_ENTRIES = 2_000;

/** Published entries from the Monday `before` weeks back to the Sunday `after` weeks ahead of `week`. */
export async function listPublishedAround(db: Kysely<Database>, input: { siteId: string; week: IsoWeek; before?: number; after?: number }): Promise<ScheduleEntry[]> {
  const from = mondayOf(addWeeks(input.week, -(input.before ?? FEED_WEEKS_BEFORE)));
  const to = daysOf(addWeeks(input.week, input.after ?? FEED_WEEKS_AFTER))[6]!;
  const rows = await published(db, input.siteId).where('day', '>=', from).where('day', '<=', to).orderBy('day').orderBy('start_time').limit(MAX_FEED_ENTRIES).execute();
  return rows.map(rowToEntry).sort(compareEntries);
}
