import type { Kysely } from 'kysely';

/*
 * Readers' satisfaction ratings of pages ("Thông tin có hữu ích không?"). No personal
 * data: no address, no user agent, no time of day. A reader is only a key, an HMAC of
 * their address and browser under the day's secret; the secret is deleted after the
 * day, so a key can no longer be linked back to anyone (Nghị định 13/2023).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('ratings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    /** Site-relative path of the rated page, as the page's search record has it. */
    .addColumn('page_path', 'text', (c) => c.notNull())
    /** The page's title when last rated: the staff report names pages by it. */
    .addColumn('page_title', 'text', (c) => c.notNull().defaultTo(''))
    /** The page's category, when it has one (articles). */
    .addColumn('category_id', 'text')
    /** 1 = useful, 0 = not useful. */
    .addColumn('is_useful', 'integer', (c) => c.notNull())
    /** The reader's optional comment, cleaned; '' when none. */
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    /** 'YYYY-MM-DD' (Asia/Ho_Chi_Minh): the day, never the time. */
    .addColumn('day', 'text', (c) => c.notNull())
    /** HMAC-SHA256 (base64url) of address + user agent + site + path under the day's secret. */
    .addColumn('reader_key', 'text', (c) => c.notNull())
    .addUniqueConstraint('ratings_reader_unique', ['site_id', 'page_path', 'day', 'reader_key'])
    .execute();
  await db.schema.createIndex('ratings_site_page_idx').on('ratings').columns(['site_id', 'page_path']).execute();

  await db.schema
    .createTable('rating_secrets')
    /** 'YYYY-MM-DD': one secret per day, for every site of the installation. */
    .addColumn('day', 'text', (c) => c.primaryKey())
    /** 32 random bytes, base64url. */
    .addColumn('secret', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rating_secrets').execute();
  await db.schema.dropTable('ratings').execute();
}
