/**
 * Commenters' personal data (Nghị định 13/2023/NĐ-CP): exported or erased on request by
 * 'personal_data.manage', and erased by a daily job once the consultation closed longer
 * ago than the site's retention (months). The comment's text stays: it is the record of
 * the consultation. Every act is audited with the receipt code, never the data itself.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import type { JobHandler } from '../../platform/jobs/jobs.js';
import { requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { ConsultationNotFoundError } from './consultations.errors.js';
import { scheduleRetentionJob } from './consultations.jobs.js';
import { readSettings } from './consultations.service.js';

export interface CommenterDataExport {
  receiptCode: string;
  consultation: string;
  name: string;
  email: string;
  phone: string;
  orgType: string;
  section: string;
  body: string;
  receivedAt: string;
}

async function findComment(db: Kysely<Database>, scope: RequestScope, commentId: string) {
  const row = await db
    .selectFrom('consultation_comments as k')
    .innerJoin('consultations as c', 'c.id', 'k.consultation_id')
    .selectAll('k')
    .select('c.title')
    .where('k.id', '=', String(commentId).slice(0, 64))
    .where('k.site_id', '=', scope.siteId)
    .executeTakeFirst();
  if (!row) throw new ConsultationNotFoundError();
  return row;
}

/** One commenter's data, as a JSON download. @throws FORBIDDEN without personal_data.manage; NOT_FOUND. */
export async function exportCommenterData(db: Kysely<Database>, scope: RequestScope, input: { commentId: string }): Promise<CommenterDataExport> {
  requirePermission(scope.actor, 'personal_data.manage');
  return inTransaction(db, async (trx) => {
    const row = await findComment(trx, scope, input.commentId);
    await recordAudit(trx, scope, { action: 'consultation.personal_data_exported', targetType: 'consultation_comment', targetId: row.id, detail: { receiptCode: row.receipt_code } });
    return { receiptCode: row.receipt_code, consultation: row.title, name: row.commenter_name, email: row.email, phone: row.phone, orgType: row.org_type, section: row.section, body: row.body, receivedAt: row.received_at };
  });
}

/** Erases one commenter's name and contact details now. @throws FORBIDDEN without personal_data.manage; NOT_FOUND. */
export async function eraseCommenterData(db: Kysely<Database>, scope: RequestScope, input: { commentId: string }): Promise<void> {
  requirePermission(scope.actor, 'personal_data.manage');
  await inTransaction(db, async (trx) => {
    const row = await findComment(trx, scope, input.commentId);
    const at = scope.now.toISOString();
    await trx.updateTable('consultation_comments').set({ commenter_name: '', email: '', phone: '', personal_erased_at: at }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'consultation.personal_data_erased', targetType: 'consultation_comment', targetId: row.id, detail: { receiptCode: row.receipt_code } });
  });
}

/** The moment `months` calendar months before `now`. */
export function monthsBefore(now: Date, months: number): Date {
  const at = new Date(now.getTime());
  at.setUTCMonth(at.getUTCMonth() - months);
  return at;
}

/**
 * The daily clean-up: on every site, erases the contact details of comments on
 * consultations closed longer ago than the site's retention. Audited as the system.
 * Harmless when repeated.
 */
export async function eraseCommentersPastRetention(db: Kysely<Database>, input: { now: Date }): Promise<number> {
  const sites = await db.selectFrom('consultation_comments').select('site_id').where('personal_erased_at', 'is', null).groupBy('site_id').execute();
  let count = 0;
  for (const { site_id: siteId } of sites) {
    const { retentionMonths } = await readSettings(db, siteId);
    const before = monthsBefore(input.now, retentionMonths).toISOString();
    await inTransaction(db, async (trx) => {
      const closed = trx.selectFrom('consultations').select('id').where('site_id', '=', siteId).where('closes_at', '<', before);
      const rows = await trx.selectFrom('consultation_comments').select('id').where('site_id', '=', siteId).where('personal_erased_at', 'is', null).where('consultation_id', 'in', closed).limit(5_000).execute();
      if (rows.length === 0) return;
      const at = input.now.toISOString();
      await trx.updateTable('consultation_comments').set({ commenter_name: '', email: '', phone: '', personal_erased_at: at }).where('id', 'in', rows.map((r) => r.id)).execute();
      await recordAudit(trx, { siteId, actor: null, clientIp: 'system', now: input.now }, { action: 'consultation.personal_data_expired', targetType: 'site', targetId: siteId, detail: { count: rows.length, retentionMonths } });
      count += rows.length;
    });
  }
  return count;
}

export function consultationsRetentionHandler(db: Kysely<Database>): JobHandler {
  return async () => {
    const now = new Date();
    await eraseCommentersPastRetention(db, { now });
    await scheduleRetentionJob(db, now);
  };
}
