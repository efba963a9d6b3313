import type { Kysely } from 'kysely';

/*
 * Public holidays per site, for working-day deadlines. One row per day off (a holiday or
 * an announced compensatory day); days are 'YYYY-MM-DD' in Vietnam's calendar.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('holidays')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    /** 'YYYY-MM-DD'. */
    .addColumn('day', 'text', (c) => c.notNull())
    /** "Tết Nguyên đán", "Nghỉ bù Quốc khánh"… */
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('holidays_site_day_unique', ['site_id', 'day'])
    .execute();

  /** Marks a site's year as filled in from the calendar once (so a day staff deleted is not put back). */
  await db.schema
    .createTable('holiday_years')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('filled_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('holiday_years_pk', ['site_id', 'year'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('holiday_years').ifExists().execute();
  await db.schema.dropTable('holidays').ifExists().execute();
}
