import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgres, openSqlite, type Db } from './kysely.js';

describe('openSqlite', () => {
  let db: Db | undefined;
  let dir: string | undefined;
  afterEach(async () => {
    await db?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('opens the file in WAL mode, durable on commit, waiting on locks instead of failing', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-sqlite-'));
    db = openSqlite(path.join(dir, 'nested', 'cong.sqlite'));
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(db!.kysely)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(2); // FULL
    expect(await pragma('busy_timeout')).toBe(5000);
    expect(await pragma('foreign_keys')).toBe(1);
  });

  it('takes the write lock when a transaction begins (BEGIN IMMEDIATE)', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-sqlite-'));
    const file = path.join(dir, 'cong.sqlite');
    db = openSqlite(file);
    await sql`create table t (n integer)`.execute(db.kysely);
    // Inside a transaction that has only read so far, another connection can no longer write.
    const SQLite = (await import('better-sqlite3')).default;
    const other = new SQLite(file, { timeout: 0 });
    try {
      await db.kysely.transaction().execute(async (trx) => {
        await sql`select count(*) from t`.execute(trx);
        expect(() => other.prepare('insert into t values (1)').run()).toThrow(/locked|busy/i);
      });
      expect(() => other.prepare('insert into t values (1)').run()).not.toThrow();
    } finally {
      other.close();
    }
  });
});

describe.runIf(process.env.TEST_DATABASE_URL)('openPostgres', () => {
  it('survives PostgreSQL dropping its connections: reported, not fatal, and the next query works', async () => {
    const errors: string[] = [];
    const db = openPostgres(process.env.TEST_DATABASE_URL!, undefined, 2, (error) => errors.push(error.message));
    const admin = openPostgres(process.env.TEST_DATABASE_URL!);
    try {
      const pids = await Promise.all([1, 2].map(() => sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db.kysely)));
      // 1. An administrator (or a restart) ends the idle connections.
      for (const { rows } of pids) await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(admin.kysely);
      await new Promise((resolve) => setTimeout(resolve, 200));
      // 2. The process is still here, and the pool opens fresh connections.
      const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db.kysely);
      expect(rows[0]!.one).toBe(1);
      expect(errors.some((message) => message.includes('terminating connection'))).toBe(true);
    } finally {
      await db.close();
      await admin.close();
    }
  });
});
