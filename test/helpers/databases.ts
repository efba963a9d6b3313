/**
 * Fresh, migrated databases for integration tests: a temporary SQLite file always, and a
 * new PostgreSQL database per call when TEST_DATABASE_URL is set (dropped afterwards).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { migrations } from '../../src/migrations/index.js';
import { openPostgres, openSqlite, type Db, type Engine, type QueryListener } from '../../src/platform/db/kysely.js';
import { migrateToLatest } from '../../src/platform/db/migrator.js';

const postgresUrl = process.env.TEST_DATABASE_URL;

/** Engines the integration suite runs on (test/global-setup.ts says when PostgreSQL is left out). */
export const ENGINES: Engine[] = postgresUrl ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDb {
  db: Db;
  dataDir: string;
  /** Closes the connection and removes the database and files. */
  destroy(): Promise<void>;
}

export async function createTestDb(engine: Engine, options: { onQuery?: QueryListener; isMigrated?: boolean } = {}): Promise<TestDb> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-test-'));
  let db: Db;
  let dropDatabase = async () => {};
  if (engine === 'sqlite') {
    db = openSqlite(path.join(dataDir, 'cong.sqlite'), options.onQuery);
  } else {
    if (!postgresUrl) throw new Error('TEST_DATABASE_URL is not set');
    const name = `cong_test_${crypto.randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: postgresUrl });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(postgresUrl);
    url.pathname = `/${name}`;
    // Dropping the database at the end may terminate a connection still closing: expected, not reported.
    db = openPostgres(url.toString(), options.onQuery, 10, () => {});
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: postgresUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  if (options.isMigrated !== false) await migrateToLatest(db, migrations);
  return {
    db,
    dataDir,
    destroy: async () => {
      await db.close();
      await dropDatabase();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
