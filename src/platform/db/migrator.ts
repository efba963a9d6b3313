import { Migrator, sql, type Migration, type MigrationResultSet } from 'kysely';
import type { Db } from './kysely.js';

export class MigrationFailedError extends Error {
  constructor(
    /** The migration that failed; 'không rõ' when the migrator failed before any ran. */
    readonly migrationName: string,
    options: { cause: unknown },
  ) {
    super(`Chuyển đổi cơ sở dữ liệu thất bại ở bước ${migrationName}; cơ sở dữ liệu được giữ nguyên như trước khi chạy.`, options);
  }
}

/*
 * All pending migrations run in one transaction on both engines (SQLite's adapter is told
 * it can, see kysely.ts): a failing one leaves the schema exactly as it was, earlier
 * pending ones of the same run included. Several app instances may start together: on
 * PostgreSQL Kysely takes a transaction-scoped advisory lock, on SQLite the transaction's
 * BEGIN IMMEDIATE is the lock; the later ones find nothing left to do.
 */
function migratorFor(db: Db, migrations: Record<string, Migration>): Migrator {
  return new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations } });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'không rõ';
    throw new MigrationFailedError(failed, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/*
 * SQLite changes a table's shape by rebuilding it (create, copy, drop, rename), and with
 * foreign keys on, dropping the old table fails for the rows that point at it. So, as
 * SQLite's own procedure says, keys are off while migrations run; the pragma is ignored
 * inside a transaction, hence around it. A migration that rebuilds a table runs
 * `pragma foreign_key_check` before it ends, so broken keys still roll everything back.
 */
async function withSqliteForeignKeysOff<T>(db: Db, run: () => Promise<T>): Promise<T> {
  if (db.engine !== 'sqlite') return run();
  await sql`pragma foreign_keys = off`.execute(db.kysely);
  try {
    return await run();
  } finally {
    await sql`pragma foreign_keys = on`.execute(db.kysely);
  }
}

/** Brings the schema up to date; returns the names applied. */
export async function migrateToLatest(db: Db, migrations: Record<string, Migration>): Promise<string[]> {
  return unwrap(await withSqliteForeignKeysOff(db, () => migratorFor(db, migrations).migrateToLatest()));
}

/** Undoes the latest migration (operators' rollback and the migration tests). */
export async function migrateDown(db: Db, migrations: Record<string, Migration>): Promise<string[]> {
  return unwrap(await withSqliteForeignKeysOff(db, () => migratorFor(db, migrations).migrateDown()));
}
