/** The daily personal-data clean-up's schedule (the handler is in information-access.personal-data.ts). */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { scheduleJob } from '../../platform/jobs/jobs.js';

export const INFORMATION_RETENTION_JOB = 'information-requests-retention';
const DAY_MS = 86_400_000;

/** Schedules the next daily run (at about 02:30 in Vietnam): the job reschedules itself after each run. */
export async function scheduleRetentionJob(db: Kysely<Database>, now: Date): Promise<void> {
  const next = new Date(now.getTime() + DAY_MS);
  next.setUTCHours(19, 30, 0, 0);
  await scheduleJob(db, { name: INFORMATION_RETENTION_JOB, key: INFORMATION_RETENTION_JOB, runAt: next }, now);
}

/**
 * Makes sure the daily clean-up is scheduled, without moving a pending run (moving it on
 * each closed request would keep it from ever running). Called when a request closes.
 */
export async function ensureRetentionJob(db: Kysely<Database>, now: Date): Promise<void> {
  const pending = await db.selectFrom('jobs').select('id').where('key', '=', INFORMATION_RETENTION_JOB).where('status', 'in', ['pending', 'running']).executeTakeFirst();
  if (!pending) await scheduleRetentionJob(db, now);
}
