/** The leaders' work schedule. Row types as stored: snake_case, local days and times, ISO-8601 UTC text for the rest. */
import type { Generated } from 'kysely';

export interface ScheduleEntriesTable {
  id: string;
  site_id: string;
  /** 'YYYY-MM-DD' in Vietnam. */
  day: string;
  /** ISO week of `day`: 'YYYY-Www'. */
  week: string;
  /** 'HH:MM' local; null = all day. */
  start_time: string | null;
  end_time: string | null;
  content: string;
  place: Generated<string>;
  /** Chủ trì / tham dự, one per line. */
  attendees: Generated<string>;
  /** Đơn vị chuẩn bị. */
  preparer: Generated<string>;
  note: Generated<string>;
  /** 0/1: comes back every week (copied forward by staff). */
  is_recurring: Generated<number>;
  /** 'draft' | 'published' | 'unpublished' */
  publication: Generated<string>;
  /** '' | 'postponed' | 'cancelled' */
  cancellation: Generated<string>;
  cancel_reason: Generated<string>;
  /** 0/1: changed after publication. */
  is_changed: Generated<number>;
  /** iCalendar SEQUENCE. */
  sequence: Generated<number>;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScheduleEntryRevisionsTable {
  id: string;
  entry_id: string;
  number: number;
  author_id: string | null;
  /** JSON snapshot of the entry as saved. */
  snapshot: string;
  created_at: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    schedule_entries: ScheduleEntriesTable;
    schedule_entry_revisions: ScheduleEntryRevisionsTable;
  }
}
