import type { Kysely } from 'kysely';

/*
 * Plans, statistics and indicators (chỉ tiêu): an indicator (name, unit, period kind)
 * and its values, one row per period and district, with the planned target and the
 * result. Numbers are double precision on both engines (SQLite REAL): 6518, 5700, 55.7
 * and 114.35 come back exactly as written. Times are ISO-8601 UTC text.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicators')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    /** URL word under /chi-tieu/. */
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    /** The name folded (no diacritics, đ→d, lower case): the public list's order. */
    .addColumn('name_key', 'text', (c) => c.notNull().defaultTo(''))
    /** Đơn vị tính as written: 'người', '%', 'hộ'. */
    .addColumn('unit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    /** Name, unit, description and districts folded: the public list's word filter (LIKE on both engines). */
    .addColumn('folded_text', 'text', (c) => c.notNull().defaultTo(''))
    /** year | quarter: periods are 'YYYY' or 'YYYY-Qn'. */
    .addColumn('period_kind', 'text', (c) => c.notNull().defaultTo('year'))
    /** draft | published | unpublished */
    .addColumn('publication', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('published_at', 'text')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('indicators_site_slug_unique', ['site_id', 'slug'])
    .execute();
  await db.schema.createIndex('indicators_site_list_idx').on('indicators').columns(['site_id', 'publication', 'name_key']).execute();

  await db.schema
    .createTable('indicator_values')
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    /** 'YYYY' or 'YYYY-Qn' (n = 1…4), as the indicator's period_kind says. */
    .addColumn('period', 'text', (c) => c.notNull())
    /** Địa bàn: '' for the whole province or agency, else a district's name. */
    .addColumn('district', 'text', (c) => c.notNull().defaultTo(''))
    /** Kế hoạch; null when none was set. */
    .addColumn('target', 'double precision')
    /** Thực hiện; null while not yet known. */
    .addColumn('result', 'double precision')
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('indicator_values_pkey', ['indicator_id', 'period', 'district'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('indicator_values').execute();
  await db.schema.dropTable('indicators').execute();
}
