import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { Db } from './kysely.js';

export class MigrationFailedError extends Error {}

/*
 * Several app instances may start together on one PostgreSQL: Kysely's migrator takes a
 * transaction-scoped advisory lock there (a lock row on SQLite), so they take turns and
 * the later ones find nothing left to do.
 */
function migratorFor(db: Db, migrations: Record<string, Migration>): Migrator {
  return new Migrator({ db: db.kysely, provider: { getMigrations: async () => migrations } });
}

function unwrap(result: MigrationResultSet): string[] {
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'không rõ';
    throw new MigrationFailedError(`Chuyển đổi cơ sở dữ liệu thất bại ở bước ${failed}`, { cause: result.error });
  }
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

/** Brings the schema up to date; returns the names applied. */
export async function migrateToLatest(db: Db, migrations: Record<string, Migration>): Promise<string[]> {
  return unwrap(await migratorFor(db, migrations).migrateToLatest());
}

/** Undoes the latest migration (operators' rollback and the migration tests). */
export async function migrateDown(db: Db, migrations: Record<string, Migration>): Promise<string[]> {
  return unwrap(await migratorFor(db, migrations).migrateDown());
}
