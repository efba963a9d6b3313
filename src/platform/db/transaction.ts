import type { Kysely } from 'kysely';
import type { Database } from './database.js';

/**
 * Runs `work` in a transaction, or in the caller's when there is one (Kysely cannot nest
 * them): a use-case is atomic alone and joins a larger unit (the demo install) whole.
 */
export function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
