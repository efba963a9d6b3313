/**
 * The first start of an empty installation puts one site in it (the demo agency, or an
 * empty production site). Several instances may start together on one PostgreSQL, and a
 * start may crash midway: the install must happen once, and wholly or not at all.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { Db } from '../../platform/db/kysely.js';
import { hasAnySite } from './sites.service.js';

/** Key of the PostgreSQL advisory lock held while installing (any constant no other lock uses). */
const FIRST_SITE_LOCK = 7_140_812_001;

/**
 * Runs `install` in one transaction, unless the installation already has a site; returns
 * whether it ran. The lock is taken before the check, so instances starting together
 * take turns and the later ones find the site; a failure rolls back every row `install`
 * wrote (files it wrote to disk, such as media, stay behind and are harmless).
 */
export async function installFirstSiteOnce(db: Db, install: (trx: Kysely<Database>) => Promise<unknown>): Promise<boolean> {
  return db.kysely.transaction().execute(async (trx) => {
    // On SQLite the transaction's BEGIN IMMEDIATE already holds the database's write lock.
    if (db.engine === 'postgres') await sql`select pg_advisory_xact_lock(${FIRST_SITE_LOCK})`.execute(trx);
    if (await hasAnySite(trx)) return false;
    await install(trx);
    return true;
  });
}
