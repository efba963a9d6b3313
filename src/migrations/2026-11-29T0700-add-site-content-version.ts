import type { Kysely } from 'kysely';

/*
 * Each site's content version: every write that changes what its public pages show adds
 * one in the same transaction, so every app instance can tell its cached pages are older
 * than the data (see modules/sites/content-version.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sites').addColumn('content_version', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sites').dropColumn('content_version').execute();
}
