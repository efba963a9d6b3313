import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import { openPostgres, openSqlite, type Db } from '../db/kysely.js';
import { JobRunner, countJobs, scheduleJob } from './jobs.js';

const T0 = new Date('2026-12-01T01:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe.each(ENGINES)('jobs on %s', (engine) => {
  let testDb: TestDb;
  const extra: Db[] = [];
  afterEach(async () => {
    await Promise.all(extra.splice(0).map((db) => db.close()));
    await testDb.destroy();
  });

  /** Another instance's connection to the same database. */
  async function anotherDb(): Promise<Db> {
    let db: Db;
    if (engine === 'sqlite') {
      db = openSqlite(path.join(testDb.dataDir, 'cong.sqlite'));
    } else {
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(testDb.db.kysely);
      const url = new URL(process.env.TEST_DATABASE_URL!);
      url.pathname = `/${rows[0]!.name}`;
      db = openPostgres(url.toString());
    }
    extra.push(db);
    return db;
  }

  it('runs a job once at its time, not before, and not again', async () => {
    testDb = await createTestDb(engine);
    const runs: unknown[] = [];
    const runner = new JobRunner(testDb.db.kysely, { greet: async (payload) => void runs.push(payload) }, () => {});
    await scheduleJob(testDb.db.kysely, { name: 'greet', key: 'greet:1', runAt: at(10), payload: { who: 'Lê Thương' } }, T0);
    await runner.runDue(at(9));
    expect(runs).toEqual([]);
    await runner.runDue(at(10));
    await runner.runDue(at(11));
    expect(runs).toEqual([{ who: 'Lê Thương' }]);
    expect(await countJobs(testDb.db.kysely)).toEqual({ done: 1 });
  });

  it('moves a job scheduled again under the same key instead of adding one', async () => {
    testDb = await createTestDb(engine);
    const runs: number[] = [];
    const runner = new JobRunner(testDb.db.kysely, { tick: async (payload) => void runs.push((payload as { n: number }).n) }, () => {});
    await scheduleJob(testDb.db.kysely, { name: 'tick', key: 'article-publish:a', runAt: at(10), payload: { n: 1 } }, T0);
    await scheduleJob(testDb.db.kysely, { name: 'tick', key: 'article-publish:a', runAt: at(20), payload: { n: 2 } }, T0);
    await runner.runDue(at(15));
    expect(runs).toEqual([]);
    await runner.runDue(at(20));
    expect(runs).toEqual([2]);
  });

  it('tries a failing job again later, then gives up and keeps the error', async () => {
    testDb = await createTestDb(engine);
    let tries = 0;
    const errors: string[] = [];
    const runner = new JobRunner(testDb.db.kysely, { flaky: async () => void (tries++, (() => { throw new Error(`lần ${tries} lỗi`); })()) }, (error) => errors.push((error as Error).message));
    await scheduleJob(testDb.db.kysely, { name: 'flaky', key: 'flaky', runAt: at(0) }, T0);
    for (let second = 0; second <= 2000; second += 5) await runner.runDue(at(second));
    expect(tries).toBe(5);
    const row = await testDb.db.kysely.selectFrom('jobs').selectAll().executeTakeFirstOrThrow();
    expect(row.status).toBe('failed');
    expect(row.last_error).toBe('lần 5 lỗi');
    expect(errors).toHaveLength(5);
  });

  it('runs a job with no handler never, and says so', async () => {
    testDb = await createTestDb(engine);
    const errors: string[] = [];
    const runner = new JobRunner(testDb.db.kysely, {}, (error) => errors.push((error as Error).message));
    await scheduleJob(testDb.db.kysely, { name: 'unknown', key: 'u', runAt: at(0) }, T0);
    await runner.runDue(at(1));
    expect(errors).toEqual(['no handler for job unknown']);
  });

  it('takes over a job whose instance died, once its lease has passed', async () => {
    testDb = await createTestDb(engine);
    await scheduleJob(testDb.db.kysely, { name: 'work', key: 'w', runAt: at(0) }, T0);
    // 1. An instance claims the job and dies before finishing.
    await testDb.db.kysely.updateTable('jobs').set({ status: 'running', attempts: 1, locked_until: at(60).toISOString() }).execute();
    const runs: string[] = [];
    const survivor = new JobRunner(await anotherDb().then((db) => db.kysely), { work: async () => void runs.push('work') }, () => {});
    // 2. Within the lease it is someone else's; after it, the survivor runs it.
    await survivor.runDue(at(30));
    expect(runs).toEqual([]);
    await survivor.runDue(at(61));
    expect(runs).toEqual(['work']);
  });

  it('survives a restart: a job scheduled before runs after', async () => {
    testDb = await createTestDb(engine);
    await scheduleJob(testDb.db.kysely, { name: 'later', key: 'later', runAt: at(100) }, T0);
    const restarted = await anotherDb();
    const runs: string[] = [];
    await new JobRunner(restarted.kysely, { later: async () => void runs.push('later') }, () => {}).runDue(at(100));
    expect(runs).toEqual(['later']);
  });

  it('runs each of many due jobs exactly once with several instances claiming together', async () => {
    testDb = await createTestDb(engine);
    for (let i = 0; i < 60; i++) await scheduleJob(testDb.db.kysely, { name: 'count', key: `count:${i}`, runAt: at(0), payload: { i } }, T0);
    const seen: number[] = [];
    const handler = async (payload: unknown) => {
      seen.push((payload as { i: number }).i);
      await new Promise((resolve) => setTimeout(resolve, 2));
    };
    // On PostgreSQL, instances with their own connections. SQLite has one process (a second
    // handle's BEGIN IMMEDIATE would block the event loop in its busy wait), so there the
    // runners share it.
    const instances = engine === 'postgres' ? [testDb.db, await anotherDb(), await anotherDb()] : [testDb.db, testDb.db, testDb.db];
    const runners = instances.map((db) => new JobRunner(db.kysely, { count: handler }, () => {}));
    // Each instance claims in rounds until nothing is due, all at the same time.
    await Promise.all(runners.map(async (runner) => {
      for (let round = 0; round < 10; round++) await runner.runDue(at(1));
    }));
    expect(seen.length).toBe(60);
    expect(new Set(seen).size).toBe(60);
    expect(await countJobs(testDb.db.kysely)).toEqual({ done: 60 });
  });
});
