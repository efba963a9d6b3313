/**
 * Content versions: a write that changes what a site's public pages show raises the
 * site's `content_version` in its own transaction. Cached pages older than that are never
 * served again:
 * - in the app writing through the same database handle at once, announced after the commit;
 * - in other instances on PostgreSQL within milliseconds, by a NOTIFY that is delivered at
 *   commit (and never for a rollback);
 * - and, as a safety net, whenever an instance reads the sites again (every second on
 *   SQLite, where a `cong` command is the only other writer; every 30 s on PostgreSQL).
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { announceContentChange } from '../../platform/cache/content-changes.js';
import { afterCommit, inTransaction } from '../../platform/db/transaction.js';

/** The PostgreSQL channel instances LISTEN on; the payload is the site id. */
export const CONTENT_CHANNEL = 'cong_content';

async function bumpContentVersion(trx: Kysely<Database>, siteId: string): Promise<void> {
  await trx
    .updateTable('sites')
    .set((eb) => ({ content_version: eb('content_version', '+', 1) }))
    .where('id', '=', siteId)
    .execute();
  if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_notify(${CONTENT_CHANNEL}, ${siteId})`.execute(trx);
}

/**
 * Runs `write` and raises the site's content version in one transaction. Inside a
 * caller's transaction it joins it: that caller's commit is what other instances hear,
 * and this process hears it right after that commit when the transaction is one of
 * inTransaction's (else at its next read of the sites).
 */
export async function changeSiteContent<T>(db: Kysely<Database>, siteId: string, write: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return inTransaction(db, async (trx) => {
    const written = await write(trx);
    await bumpContentVersion(trx, siteId);
    afterCommit(trx, (root) => announceContentChange(root, siteId));
    return written;
  });
}
