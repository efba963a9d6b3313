import type { Kysely } from 'kysely';

/*
 * URLs that last: where a moved category (and so every page below it) used to be, and
 * where it is now. Paths are stored like categories.path: slugs joined by '/', no
 * leading slash ('tin-tuc/thong-bao').
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('redirects')
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id'))
    /** The old path; a page below it (an article) follows with the rest of its path. */
    .addColumn('from_path', 'text', (c) => c.notNull())
    /** The current path: always a final target, never the from_path of another row. */
    .addColumn('to_path', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('redirects_pkey', ['site_id', 'from_path'])
    .execute();
  // A move rewrites the rows that pointed at the moved path (no chains): found by target.
  await db.schema.createIndex('redirects_site_to_path_idx').on('redirects').columns(['site_id', 'to_path']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('redirects').execute();
}
