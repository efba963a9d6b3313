/**
 * Timed work that must happen once: scheduled publishing now, reminders and clean-ups
 * later. A job is a row; an instance claims due rows atomically (PostgreSQL: FOR UPDATE
 * SKIP LOCKED, so instances never wait on or take each other's; SQLite: one process, and
 * BEGIN IMMEDIATE), runs the handler, and marks the row done. A claim is a lease: if the
 * instance dies mid-job, another claims it after the lease. So a job runs once, or again
 * after a crash: handlers are written to be harmless when repeated.
 */
import crypto from 'node:crypto';
import { PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { JobsTable } from './jobs.table.js';

export interface JobHandler {
  (payload: unknown, job: { id: string; attempts: number }): Promise<void>;
}

/** A claimed job is someone else's to finish for this long. */
const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 5;
const CLAIM_BATCH = 20;

/**
 * Schedules `name` at `runAt`. The same `key` scheduled again moves the pending job (a
 * changed publication time) rather than adding a second one; a job already done is
 * scheduled afresh.
 */
export async function scheduleJob(db: Kysely<Database>, input: { name: string; key: string; runAt: Date; payload?: unknown }, now = new Date()): Promise<void> {
  const timestamp = now.toISOString();
  await db
    .insertInto('jobs')
    .values({ id: crypto.randomUUID(), name: input.name, key: input.key, payload: JSON.stringify(input.payload ?? {}), run_at: input.runAt.toISOString(), status: 'pending', attempts: 0, locked_until: null, last_error: null, created_at: timestamp, updated_at: timestamp })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ name: input.name, payload: JSON.stringify(input.payload ?? {}), run_at: input.runAt.toISOString(), status: 'pending', attempts: 0, locked_until: null, last_error: null, updated_at: timestamp }),
    )
    .execute();
}

/** Claims up to CLAIM_BATCH due jobs for this instance, atomically. */
async function claimDueJobs(db: Kysely<Database>, now: Date): Promise<JobsTable[]> {
  const at = now.toISOString();
  const isPostgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return db.transaction().execute(async (trx) => {
    let due = trx
      .selectFrom('jobs')
      .select('id')
      .where((eb) => eb.or([eb.and([eb('status', '=', 'pending'), eb('run_at', '<=', at)]), eb.and([eb('status', '=', 'running'), eb('locked_until', '<', at)])]))
      .orderBy('run_at')
      .limit(CLAIM_BATCH);
    if (isPostgres) due = due.forUpdate().skipLocked();
    const ids = (await due.execute()).map((row) => row.id);
    if (ids.length === 0) return [];
    return trx
      .updateTable('jobs')
      .set((eb) => ({ status: 'running', attempts: eb('attempts', '+', 1), locked_until: new Date(now.getTime() + LEASE_MS).toISOString(), updated_at: at }))
      .where('id', 'in', ids)
      .returningAll()
      .execute();
  });
}

async function finishJob(db: Kysely<Database>, job: JobsTable, error: unknown, now: Date): Promise<void> {
  const at = now.toISOString();
  // Scheduled again while it ran (updated_at moved on): the new schedule stands.
  const thisClaim = (query: ReturnType<typeof db.updateTable<'jobs'>>) => query.where('id', '=', job.id).where('updated_at', '=', job.updated_at);
  if (!error) {
    await thisClaim(db.updateTable('jobs')).set({ status: 'done', locked_until: null, last_error: null, updated_at: at }).execute();
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  const isGivingUp = job.attempts >= MAX_ATTEMPTS;
  // 10 s, 40 s, 90 s, … between tries.
  const retryAt = new Date(now.getTime() + 10_000 * job.attempts ** 2).toISOString();
  await thisClaim(db.updateTable('jobs'))
    .set({ status: isGivingUp ? 'failed' : 'pending', run_at: isGivingUp ? job.run_at : retryAt, locked_until: null, last_error: message.slice(0, 2000), updated_at: at })
    .execute();
}

/** Runs due jobs every `intervalMs` with the handlers given by name. */
export class JobRunner {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly handlers: Record<string, JobHandler>,
    private readonly onError: (error: unknown, job?: { id: string; name: string }) => void,
  ) {}

  start(intervalMs = 1000): void {
    this.timer ??= setInterval(() => void this.runDue(), intervalMs);
    this.timer.unref();
  }

  /** Stops claiming; waits for the jobs in hand. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One round: claim what is due and run it. Rounds never overlap. */
  runDue(now = new Date()): Promise<void> {
    this.running = this.running.then(() => this.round(now)).catch((error) => this.onError(error));
    return this.running;
  }

  private async round(now: Date): Promise<void> {
    for (const job of await claimDueJobs(this.db, now)) {
      const handler = this.handlers[job.name];
      let failure: unknown;
      try {
        if (!handler) throw new Error(`no handler for job ${job.name}`);
        await handler(JSON.parse(job.payload), { id: job.id, attempts: job.attempts });
      } catch (error) {
        failure = error ?? new Error('job failed');
        this.onError(error, { id: job.id, name: job.name });
      }
      await finishJob(this.db, job, failure, new Date());
    }
  }
}

/** How many jobs are in each state (tests and the operator's view). */
export async function countJobs(db: Kysely<Database>): Promise<Record<string, number>> {
  const rows = await db.selectFrom('jobs').select(['status', sql<number>`count(*)`.as('n')]).groupBy('status').execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}
