import type { Kysely } from 'kysely';

/*
 * Each site's canonical origin (https://sldtbxh.kontum.gov.vn): absolute links in pages,
 * feeds and sitemaps come from here, never from a request's Host header. Empty until an
 * operator sets it (or BASE_URL seeds the default site's).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sites').addColumn('origin', 'text', (c) => c.notNull().defaultTo('')).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sites').dropColumn('origin').execute();
}
