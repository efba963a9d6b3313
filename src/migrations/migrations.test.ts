import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../test/helpers/databases.js';
import { migrateDown, migrateToLatest } from '../platform/db/migrator.js';
import { migrations } from './index.js';

describe.each(ENGINES)('migrations on %s', (engine) => {
  let testDb: TestDb | undefined;
  afterEach(async () => testDb?.destroy());

  it('go up, down to nothing, and up again', async () => {
    testDb = await createTestDb(engine, { isMigrated: false });
    const { db } = testDb;
    expect(await migrateToLatest(db, migrations)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(db, migrations)).toEqual([]);
    for (let i = 0; i < Object.keys(migrations).length; i++) await migrateDown(db, migrations);
    const tables = await db.kysely.introspection.getTables();
    expect(tables.map((t) => t.name).filter((name) => !name.startsWith('kysely_'))).toEqual([]);
    expect(await migrateToLatest(db, migrations)).toEqual(Object.keys(migrations));
  });

  it('are safe when several instances start together', async () => {
    testDb = await createTestDb(engine, { isMigrated: false });
    const { db } = testDb;
    const results = await Promise.all([migrateToLatest(db, migrations), migrateToLatest(db, migrations), migrateToLatest(db, migrations)]);
    expect(results.flat().sort()).toEqual(Object.keys(migrations).sort());
    const count = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(db.kysely);
    expect(Number(count.rows[0]!.n)).toBe(Object.keys(migrations).length);
  });
});
