/**
 * The asker's personal data (Nghị định 13/2023/NĐ-CP): exported or erased on request by
 * 'personal_data.manage', and erased by a daily job once a closed question is past the
 * site's retention period. Every act is audited; the audit entry names the question's
 * tracking code, never the data itself.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import type { JobHandler } from '../../platform/jobs/jobs.js';
import { requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { QuestionNotFoundError } from './questions.errors.js';
import { scheduleRetentionJob } from './questions.jobs.js';
import { readSettings } from './questions.service.js';

const DAY_MS = 86_400_000;

export interface AskerDataExport {
  trackingCode: string;
  name: string;
  email: string;
  phone: string;
  displayName: string;
  title: string;
  body: string;
  receivedAt: string;
  attachmentName: string | null;
}

/** The asker's data of one question, as a JSON download. @throws FORBIDDEN without personal_data.manage; NOT_FOUND. */
export async function exportAskerData(db: Kysely<Database>, scope: RequestScope, input: { questionId: string }): Promise<AskerDataExport> {
  requirePermission(scope.actor, 'personal_data.manage');
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('questions').selectAll().where('id', '=', String(input.questionId)).where('site_id', '=', scope.siteId).executeTakeFirst();
    if (!row) throw new QuestionNotFoundError();
    await recordAudit(trx, scope, { action: 'question.personal_data_exported', targetType: 'question', targetId: row.id, detail: { trackingCode: row.tracking_code } });
    return { trackingCode: row.tracking_code, name: row.asker_name, email: row.email, phone: row.phone, displayName: row.display_name, title: row.title, body: row.body, receivedAt: row.received_at, attachmentName: row.attachment_name };
  });
}

/** Erases the personal fields and the attachment of the given rows (in the caller's transaction); returns the files to delete. */
async function eraseRows(trx: Kysely<Database>, ids: string[], at: string): Promise<string[]> {
  if (ids.length === 0) return [];
  const files = await trx.selectFrom('questions').select('attachment_path').where('id', 'in', ids).where('attachment_path', 'is not', null).execute();
  await trx
    .updateTable('questions')
    .set({ asker_name: '', email: '', phone: '', display_name: '', attachment_path: null, attachment_name: null, attachment_type: null, personal_erased_at: at, updated_at: at })
    .where('id', 'in', ids)
    .execute();
  return files.map((f) => f.attachment_path!).filter(Boolean);
}

async function deleteFiles(mediaDir: string | undefined, files: string[]): Promise<void> {
  if (!mediaDir) return;
  for (const file of files) {
    // Stored paths are ours (questions/<uuid>); resolve keeps a forged one inside the directory.
    const full = path.resolve(mediaDir, file);
    if (!full.startsWith(path.resolve(mediaDir) + path.sep)) continue;
    await fs.rm(full, { force: true });
  }
}

/**
 * Erases the asker's name, contact details and attachment now (the question's text stays:
 * staff may need it, and a published one is already worded without personal details).
 * @throws FORBIDDEN without personal_data.manage; NOT_FOUND.
 */
export async function eraseAskerData(db: Kysely<Database>, scope: RequestScope, input: { questionId: string; mediaDir?: string }): Promise<void> {
  requirePermission(scope.actor, 'personal_data.manage');
  const files = await inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('questions').select(['id', 'tracking_code']).where('id', '=', String(input.questionId)).where('site_id', '=', scope.siteId).executeTakeFirst();
    if (!row) throw new QuestionNotFoundError();
    const erased = await eraseRows(trx, [row.id], scope.now.toISOString());
    await recordAudit(trx, scope, { action: 'question.personal_data_erased', targetType: 'question', targetId: row.id, detail: { trackingCode: row.tracking_code } });
    return erased;
  });
  await deleteFiles(input.mediaDir, files);
}

/**
 * The daily clean-up: on every site, erases the personal data of questions closed longer
 * ago than the site's retention. Audited as the system (no actor). Harmless when repeated.
 */
export async function erasePersonalDataPastRetention(db: Kysely<Database>, input: { now: Date; mediaDir?: string }): Promise<number> {
  const sites = await db.selectFrom('questions').select('site_id').where('closed_at', 'is not', null).where('personal_erased_at', 'is', null).groupBy('site_id').execute();
  let count = 0;
  for (const { site_id: siteId } of sites) {
    const { retentionDays } = await readSettings(db, siteId);
    const before = new Date(input.now.getTime() - retentionDays * DAY_MS).toISOString();
    const files = await inTransaction(db, async (trx) => {
      const rows = await trx.selectFrom('questions').select(['id', 'tracking_code']).where('site_id', '=', siteId).where('personal_erased_at', 'is', null).where('closed_at', '<', before).limit(1_000).execute();
      if (rows.length === 0) return [];
      const erased = await eraseRows(trx, rows.map((r) => r.id), input.now.toISOString());
      const scope = { siteId, actor: null, clientIp: 'system', now: input.now };
      await recordAudit(trx, scope, { action: 'question.personal_data_expired', targetType: 'site', targetId: siteId, detail: { count: rows.length, retentionDays } });
      count += rows.length;
      return erased;
    });
    await deleteFiles(input.mediaDir, files);
  }
  return count;
}

export function questionsRetentionHandler(db: Kysely<Database>, mediaDir?: string): JobHandler {
  return async () => {
    const now = new Date();
    await erasePersonalDataPastRetention(db, { now, mediaDir });
    await scheduleRetentionJob(db, now);
  };
}
