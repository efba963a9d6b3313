import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { sql, type Kysely, type Migration } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../test/helpers/databases.js';
import { MigrationFailedError, migrateDown, migrateToLatest } from '../platform/db/migrator.js';
import { createSite } from '../modules/sites/index.js';
import { migrations } from './index.js';

const BROKEN = '2099-01-01T0000-broken';

/** Ways a migration can fail after it has already changed something. */
const brokenMigrations: Record<string, Migration['up']> = {
  'creates a table, then fails': async (db: Kysely<any>) => {
    await db.schema.createTable('broken_table').addColumn('id', 'text', (c) => c.primaryKey()).execute();
    throw new Error('the migration fails halfway');
  },
  'creates a table and an index, then hits an SQL error': async (db: Kysely<any>) => {
    await db.schema.createTable('broken_table').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('n', 'integer').execute();
    await db.schema.createIndex('broken_table_n_idx').on('broken_table').column('n').execute();
    await sql`insert into no_such_table values (1)`.execute(db);
  },
  'adds a column and fills it, then violates a constraint': async (db: Kysely<any>) => {
    await db.schema.createTable('broken_table').addColumn('id', 'text', (c) => c.primaryKey()).execute();
    await db.schema.alterTable('sites').addColumn('broken_column', 'text').execute();
    await db.insertInto('broken_table').values([{ id: 'x' }, { id: 'x' }]).execute();
  },
  'drops a table holding rows, then fails': async (db: Kysely<any>) => {
    await db.schema.createTable('broken_table').addColumn('id', 'text').execute();
    await db.schema.dropTable('sidebar_blocks').execute();
    throw new Error('the migration fails after a drop');
  },
};

async function tableNames(db: Kysely<any>): Promise<string[]> {
  return (await db.introspection.getTables()).map((t) => t.name).sort();
}

async function appliedNames(db: Kysely<any>): Promise<string[]> {
  return (await db.selectFrom('kysely_migration').select('name').orderBy('name').execute()).map((r) => r.name as string);
}

async function expectFailureNamed(work: Promise<unknown>, name: string): Promise<void> {
  const error = await work.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(MigrationFailedError);
  expect((error as MigrationFailedError).migrationName).toBe(name);
  expect((error as Error).message).toContain(name);
}

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

  it('turn per-site accounts into one person with memberships, merging shared e-mails', async () => {
    testDb = await createTestDb(engine, { isMigrated: false });
    const db = testDb.db.kysely as Kysely<any>;
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '2026-11-29T1100'));
    await migrateToLatest(testDb.db, before);
    const t = (n: number) => `2026-01-0${n}T00:00:00.000Z`;
    await db.insertInto('sites').values([
      { id: 's1', host: 'a.vn', name: 'A', created_at: t(1), updated_at: t(1) },
      { id: 's2', host: 'b.vn', name: 'B', created_at: t(1), updated_at: t(1) },
    ]).execute();
    await db.insertInto('users').values([
      { id: 'u1', site_id: 's1', email: 'Lan@Kontum.gov.vn', display_name: 'Lan', role: 'editor', password_hash: 'h1', created_at: t(1) },
      { id: 'u2', site_id: 's2', email: 'lan@kontum.gov.vn', display_name: 'Lan B', role: 'admin', password_hash: 'h2', created_at: t(2) },
      { id: 'u3', site_id: 's2', email: 'minh@kontum.gov.vn', display_name: 'Minh', role: 'author', password_hash: null, created_at: t(3) },
    ]).execute();
    await db.insertInto('categories').values({ id: 'c1', site_id: 's2', slug: 'tin', path: 'tin', name: 'Tin', created_at: t(1) }).execute();
    await db.insertInto('articles').values({ id: 'a1', site_id: 's2', category_id: 'c1', slug: 'x', title: 'X', posted_by: 'u2', status: 'published', created_at: t(2), updated_at: t(2) }).execute();

    await migrateToLatest(testDb.db, migrations);
    expect(await db.selectFrom('users').select(['id', 'email', 'password_hash']).orderBy('id').execute()).toEqual([
      { id: 'u1', email: 'lan@kontum.gov.vn', password_hash: 'h1' },
      { id: 'u3', email: 'minh@kontum.gov.vn', password_hash: null },
    ]);
    expect(await db.selectFrom('memberships').select(['user_id', 'site_id', 'role']).orderBy('user_id').orderBy('site_id').execute()).toEqual([
      { user_id: 'u1', site_id: 's1', role: 'editor' },
      { user_id: 'u1', site_id: 's2', role: 'admin' },
      { user_id: 'u3', site_id: 's2', role: 'author' },
    ]);
    expect(await db.selectFrom('articles').select('posted_by').execute()).toEqual([{ posted_by: 'u1' }]);
    // Foreign keys hold again: an article cannot name a user that does not exist.
    await expect(db.updateTable('articles').set({ posted_by: 'u2' }).execute()).rejects.toThrow();
    await expect(db.insertInto('users').values({ id: 'u9', email: 'lan@kontum.gov.vn', display_name: 'Trùng', created_at: t(4), updated_at: t(4) }).execute()).rejects.toThrow();
  });

  it('give the legal documents registry its collections, keeping a site\'s own lists', async () => {
    testDb = await createTestDb(engine, { isMigrated: false });
    const db = testDb.db.kysely as Kysely<any>;
    await migrateToLatest(testDb.db, Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '2026-11-29T2100')));
    const t = '2026-01-01T00:00:00.000Z';
    await db.insertInto('sites').values([{ id: 's1', host: 'a.vn', name: 'A', created_at: t, updated_at: t }, { id: 's2', host: 'b.vn', name: 'B', created_at: t, updated_at: t }]).execute();
    await db.insertInto('document_types').values([
      { id: 't1', site_id: 's1', name: 'Nghị định', slug: 'nghi-dinh', position: 0, created_at: t },
      { id: 't2', site_id: 's1', name: 'Kế hoạch', slug: 'ke-hoach', position: 4, created_at: t },
      { id: 't3', site_id: 's1', name: 'Báo cáo thống kê', slug: 'bao-cao-thong-ke', position: 2, created_at: t },
    ]).execute();

    await migrateToLatest(testDb.db, migrations);
    const types = await db.selectFrom('document_types').select(['site_id', 'slug', 'collection', 'position']).orderBy('site_id').orderBy('position').execute();
    expect(types).toEqual([
      { site_id: 's1', slug: 'nghi-dinh', collection: 'legal', position: 0 },
      { site_id: 's1', slug: 'bao-cao-thong-ke', collection: 'statistics', position: 2 },
      { site_id: 's1', slug: 'ke-hoach', collection: 'plan', position: 4 },
      { site_id: 's1', slug: 'chuong-trinh', collection: 'plan', position: 5 },
      { site_id: 's1', slug: 'cong-khai-ngan-sach', collection: 'budget', position: 6 },
    ]);
  });

  it('are safe when several instances start together', async () => {
    testDb = await createTestDb(engine, { isMigrated: false });
    const { db } = testDb;
    const results = await Promise.all([migrateToLatest(db, migrations), migrateToLatest(db, migrations), migrateToLatest(db, migrations)]);
    expect(results.flat().sort()).toEqual(Object.keys(migrations).sort());
    const count = await sql<{ n: number }>`select count(*) as n from kysely_migration`.execute(db.kysely);
    expect(Number(count.rows[0]!.n)).toBe(Object.keys(migrations).length);
  });

  it.each(Object.keys(brokenMigrations))('leave the schema as it was when a new migration %s', async (way) => {
    testDb = await createTestDb(engine);
    const db = testDb.db.kysely as Kysely<any>;
    const siteId = await createSite(testDb.db.kysely, { host: 'localhost', name: 'Sở' });
    await db.insertInto('sidebar_blocks').values({ id: 'b1', site_id: siteId, kind: 'links', title: 'Liên kết', position: 0 }).execute();
    const before = { tables: await tableNames(db), applied: await appliedNames(db), sitesColumns: (await db.introspection.getTables()).find((t) => t.name === 'sites')!.columns.map((c) => c.name) };

    await expectFailureNamed(migrateToLatest(testDb.db, { ...migrations, [BROKEN]: { up: brokenMigrations[way]! } }), BROKEN);

    expect(await tableNames(db)).toEqual(before.tables);
    expect(await tableNames(db)).not.toContain('broken_table');
    expect(await appliedNames(db)).toEqual(before.applied);
    expect(await appliedNames(db)).not.toContain(BROKEN);
    expect((await db.introspection.getTables()).find((t) => t.name === 'sites')!.columns.map((c) => c.name)).toEqual(before.sitesColumns);
    expect(await db.selectFrom('sidebar_blocks').select('id').execute()).toEqual([{ id: 'b1' }]);
    // Once the broken migration is fixed (here: dropped), the next start migrates normally.
    expect(await migrateToLatest(testDb.db, migrations)).toEqual([]);
  });

  it('undo a whole failed run, the earlier good migrations of that run included', async () => {
    testDb = await createTestDb(engine, { isMigrated: false });
    const db = testDb.db.kysely as Kysely<any>;
    await expectFailureNamed(migrateToLatest(testDb.db, { ...migrations, [BROKEN]: { up: brokenMigrations['creates a table, then fails']! } }), BROKEN);
    expect((await tableNames(db)).filter((name) => !name.startsWith('kysely_'))).toEqual([]);
    expect(await appliedNames(db)).toEqual([]);
    expect(await migrateToLatest(testDb.db, migrations)).toEqual(Object.keys(migrations));
  });

  it('leave the schema as it was when a rollback fails', async () => {
    testDb = await createTestDb(engine, { isMigrated: false });
    const db = testDb.db.kysely as Kysely<any>;
    const reversible: Migration = {
      up: async (k) => void (await k.schema.createTable('extra_table').addColumn('id', 'text').execute()),
      down: async (k) => {
        await k.schema.dropTable('extra_table').execute();
        throw new Error('the rollback fails halfway');
      },
    };
    const withExtra = { ...migrations, [BROKEN]: reversible };
    await migrateToLatest(testDb.db, withExtra);
    await expectFailureNamed(migrateDown(testDb.db, withExtra), BROKEN);
    expect(await tableNames(db)).toContain('extra_table');
    expect(await appliedNames(db)).toContain(BROKEN);
  });
});

describe('migrations on SQLite from several processes at once', () => {
  let testDb: TestDb | undefined;
  afterEach(async () => testDb?.destroy());

  // In one process two connections to one file would wait on each other synchronously
  // (better-sqlite3 blocks the thread): only separate processes show the real lock.
  it('run once: BEGIN IMMEDIATE makes the later processes find nothing to do', async () => {
    testDb = await createTestDb('sqlite', { isMigrated: false });
    await testDb.db.close();
    const file = path.join(testDb.dataDir, 'cong.sqlite');
    const script = path.join(testDb.dataDir, 'migrate.mts');
    const root = path.resolve(import.meta.dirname, '../..');
    fs.writeFileSync(
      script,
      `import { openSqlite } from ${JSON.stringify(path.join(root, 'src/platform/db/kysely.ts'))};
       import { migrateToLatest } from ${JSON.stringify(path.join(root, 'src/platform/db/migrator.ts'))};
       import { migrations } from ${JSON.stringify(path.join(root, 'src/migrations/index.ts'))};
       // A slow last step keeps the first process inside its transaction while the others arrive.
       const slow = { up: async (db: any) => { await new Promise((r) => setTimeout(r, 1500)); await db.schema.createTable('slow_table').addColumn('id', 'text').execute(); } };
       const db = openSqlite(${JSON.stringify(file)});
       try { console.log(JSON.stringify(await migrateToLatest(db, { ...migrations, ${JSON.stringify(BROKEN)}: slow }))); } finally { await db.close(); }`,
    );
    const run = () =>
      new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
        let output = '';
        child.stdout.on('data', (chunk) => (output += chunk));
        child.stderr.on('data', (chunk) => (output += chunk));
        child.on('exit', (code) => resolve({ code, output }));
      });
    const results = await Promise.all([run(), run(), run(), run()]);
    for (const result of results) expect(result.code, result.output).toBe(0);
    const applied = results.flatMap((r) => JSON.parse(r.output.trim().split('\n').at(-1)!) as string[]);
    expect(applied.sort()).toEqual([...Object.keys(migrations), BROKEN].sort());
  }, 60_000);
});
