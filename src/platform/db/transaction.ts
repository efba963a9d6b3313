import type { Kysely } from 'kysely';
import type { Database } from './database.js';

type AfterCommit = (root: Kysely<Database>) => void;
const pending = new WeakMap<Kysely<Database>, { root: Kysely<Database>; callbacks: AfterCommit[] }>();

/**
 * Runs `work` in a transaction, or in the caller's when there is one (Kysely cannot nest
 * them): a use-case is atomic alone and joins a larger unit (the demo install) whole.
 * What `afterCommit` registered inside runs once the outermost transaction committed.
 */
export async function inTransaction<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  const callbacks: AfterCommit[] = [];
  const result = await db.transaction().execute(async (trx) => {
    pending.set(trx, { root: db, callbacks });
    return work(trx);
  });
  for (const callback of callbacks) callback(db);
  return result;
}

/**
 * Runs `callback` with the root handle after the transaction `trx` (one opened by
 * inTransaction) commits; never after a rollback. Returns false for a transaction this
 * module did not open (the callback is then not run).
 */
export function afterCommit(trx: Kysely<Database>, callback: AfterCommit): boolean {
  const entry = pending.get(trx);
  if (!entry) return false;
  entry.callbacks.push(callback);
  return true;
}
