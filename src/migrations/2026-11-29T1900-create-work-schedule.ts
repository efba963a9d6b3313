import type { Kysely } from 'kysely';

/*
 * The leaders' weekly work schedule (lịch công tác): one row per entry (a meeting, a
 * field trip, a reception of citizens), and a revision per save. A schedule is local by
 * nature: days are 'YYYY-MM-DD' and times 'HH:MM' in Vietnam's time (UTC+7, no DST),
 * stored as entered; only the iCalendar feed converts. The ISO week ('2026-W48') is kept
 * beside the day because every read asks for a week. Other times are ISO-8601 UTC text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('schedule_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    /** 'YYYY-MM-DD', Vietnam's calendar day. */
    .addColumn('day', 'text', (c) => c.notNull())
    /** ISO week of `day`: 'YYYY-Www'. */
    .addColumn('week', 'text', (c) => c.notNull())
    /** 'HH:MM'; null = all day (cả ngày). */
    .addColumn('start_time', 'text')
    /** 'HH:MM' after start_time, or null. */
    .addColumn('end_time', 'text')
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('place', 'text', (c) => c.notNull().defaultTo(''))
    /** Chủ trì / tham dự: one leader or group per line. */
    .addColumn('attendees', 'text', (c) => c.notNull().defaultTo(''))
    /** Đơn vị chuẩn bị. */
    .addColumn('preparer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    /** 1 for an entry that comes back every week (giao ban, tiếp công dân): staff copy it forward. */
    .addColumn('is_recurring', 'integer', (c) => c.notNull().defaultTo(0))
    /** draft | published | unpublished */
    .addColumn('publication', 'text', (c) => c.notNull().defaultTo('draft'))
    /** '' | postponed | cancelled: set on a published entry that will not happen as announced. */
    .addColumn('cancellation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cancel_reason', 'text', (c) => c.notNull().defaultTo(''))
    /** 1 once the entry changed after readers saw it ("Điều chỉnh"). */
    .addColumn('is_changed', 'integer', (c) => c.notNull().defaultTo(0))
    /** iCalendar SEQUENCE: raised by each change readers see after publication. */
    .addColumn('sequence', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('schedule_entries_site_week_idx').on('schedule_entries').columns(['site_id', 'week', 'day']).execute();
  await db.schema.createIndex('schedule_entries_site_day_idx').on('schedule_entries').columns(['site_id', 'publication', 'day']).execute();

  await db.schema
    .createTable('schedule_entry_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('entry_id', 'text', (c) => c.notNull().references('schedule_entries.id').onDelete('cascade'))
    /** 1, 2, 3… per entry. */
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    /** JSON of the entry as saved (fields, publication, cancellation). */
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('schedule_entry_revisions_number_unique', ['entry_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('schedule_entry_revisions').execute();
  await db.schema.dropTable('schedule_entries').execute();
}
