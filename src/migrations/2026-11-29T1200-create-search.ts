import crypto from 'node:crypto';
import { PostgresAdapter, sql, type Kysely } from 'kysely';

/*
 * The search index (src/modules/search). One table of records on both engines; the
 * full-text part is each engine's own (docs/search.md says how the two stay in step):
 *   SQLite      one contentless FTS5 table, rowid = search_records.id, fed words the app
 *               already cut and folded (exact words and filter tags in columns of their
 *               own); a trigger deletes the entry with the row.
 *   PostgreSQL  two tsvector columns written with the row, each with a GIN index.
 * The index can always be rebuilt from the content (`cong reindex`).
 */
function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('search_records')
    .addColumn('id', isPostgres(db) ? 'bigserial' : 'integer', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    /** article | document | question … */
    .addColumn('type', 'text', (c) => c.notNull())
    /** The record's id in its module (no foreign key: search knows no content module). */
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text')
    /** vi | en */
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('indexed_at', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    /** Plain text, NFC, as written (snippets are cut from it). */
    .addColumn('body', 'text', (c) => c.notNull())
    /** JSON array of { name, url, text }. */
    .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
    .addUniqueConstraint('search_records_key', ['site_id', 'type', 'record_id'])
    .execute();
  // PostgreSQL walks it for "the newest matches" of common words.
  await db.schema.createIndex('search_records_site_time_idx').on('search_records').columns(['site_id', 'published_at', 'id']).execute();

  await createFullText(db);

  // Sites from before search have published content and an empty index: the running
  // application rebuilds each one in the background (content-search.ts, SEARCH_REINDEX_JOB).
  const sites = await db.selectFrom('sites').select('id').execute();
  const now = new Date().toISOString();
  for (const site of sites) {
    await db
      .insertInto('jobs')
      .values({ id: crypto.randomUUID(), name: 'search-reindex', key: `search-reindex:${site.id}`, payload: JSON.stringify({ siteId: site.id }), run_at: now, status: 'pending', attempts: 0, locked_until: null, last_error: null, created_at: now, updated_at: now })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }
}

async function createFullText(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    await sql`alter table search_records add column folded_vector tsvector not null default ''::tsvector`.execute(db);
    await sql`alter table search_records add column exact_vector tsvector not null default ''::tsvector`.execute(db);
    // Every match is checked against its folded vector: keep it in the row (compressed,
    // no TOAST lookup; rows up to 4 KB stay whole), and move what is read only for a page
    // of hits out of it. lz4 (PostgreSQL 14+, when built with it) unpacks several times
    // faster than the default pglz.
    await sql`alter table search_records
      alter column folded_vector set storage main, alter column exact_vector set storage external,
      alter column body set storage external, alter column attachments set storage external`.execute(db);
    await sql`alter table search_records set (toast_tuple_target = 4096)`.execute(db);
    const lz4 = await sql<{ n: number }>`select count(*)::int as n from pg_settings where name = 'default_toast_compression' and 'lz4' = any(enumvals)`.execute(db);
    if (lz4.rows[0]?.n) await sql`alter table search_records alter column folded_vector set compression lz4, alter column exact_vector set compression lz4`.execute(db);
    await sql`create index search_records_folded_idx on search_records using gin (folded_vector)`.execute(db);
    await sql`create index search_records_exact_idx on search_records using gin (exact_vector)`.execute(db);
    return;
  }
  // Folding happens before the tokenizer (đ→d is beyond unicode61), so it keeps diacritics:
  // the *_exact columns need them; the folded columns have none left.
  await sql`create virtual table search_fts using fts5 (
    title, body, attachments, title_exact, body_exact, attachments_exact, tags,
    content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0'
  )`.execute(db);
  await sql`create trigger search_records_delete_entry after delete on search_records begin
    delete from search_fts where rowid = old.id;
  end`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) {
    await sql`drop trigger search_records_delete_entry`.execute(db);
    await sql`drop table search_fts`.execute(db);
  }
  await db.schema.dropTable('search_records').execute();
}
