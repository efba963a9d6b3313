import type { Kysely } from 'kysely';

/*
 * Revisions of indicators, as legal documents have: each save of an indicator's fields
 * or of its table of values keeps a snapshot (JSON of the fields and every row), with
 * who saved it and when. Indicators saved before this version get theirs at their next save.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('indicator_revisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('indicator_id', 'text', (c) => c.notNull().references('indicators.id').onDelete('cascade'))
    /** 1, 2, 3… per indicator. */
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    /** JSON: { fields, values } as saved. */
    .addColumn('snapshot', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('indicator_revisions_number_unique', ['indicator_id', 'number'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('indicator_revisions').execute();
}
