/**
 * The requester's personal data (Nghị định 13/2023/NĐ-CP): exported or erased on request
 * by 'personal_data.manage', and erased by a daily job once a closed request is past the
 * site's retention (in months). Every act is audited; the audit entry names the request's
 * tracking code, never the data itself. The request's text and answer stay: they are the
 * agency's record of what it disclosed.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import type { JobHandler } from '../../platform/jobs/jobs.js';
import { requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { InformationRequestNotFoundError } from './information-access.errors.js';
import { scheduleRetentionJob } from './information-access.jobs.js';
import { readInformationSettings } from './information-access.service.js';

export interface RequesterDataExport {
  trackingCode: string;
  fullName: string;
  idNumber: string;
  address: string;
  phone: string;
  email: string;
  content: string;
  purpose: string;
  delivery: string;
  receivedAt: string;
}

/** One requester's data, as a JSON download. @throws FORBIDDEN without personal_data.manage; NOT_FOUND. */
export async function exportRequesterData(db: Kysely<Database>, scope: RequestScope, input: { requestId: unknown }): Promise<RequesterDataExport> {
  requirePermission(scope.actor, 'personal_data.manage');
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('information_requests').selectAll().where('id', '=', String(input.requestId).slice(0, 100)).where('site_id', '=', scope.siteId).executeTakeFirst();
    if (!row) throw new InformationRequestNotFoundError();
    await recordAudit(trx, scope, { action: 'information_request.personal_data_exported', targetType: 'information_request', targetId: row.id, detail: { trackingCode: row.tracking_code } });
    return { trackingCode: row.tracking_code, fullName: row.full_name, idNumber: row.id_number, address: row.address, phone: row.phone, email: row.email, content: row.content, purpose: row.purpose, delivery: row.delivery, receivedAt: row.received_at };
  });
}

async function eraseRows(trx: Kysely<Database>, ids: string[], at: string): Promise<void> {
  if (ids.length === 0) return;
  await trx.updateTable('information_requests').set({ full_name: '', id_number: '', address: '', phone: '', email: '', personal_erased_at: at, updated_at: at }).where('id', 'in', ids).execute();
}

/** Erases the requester's name, citizen number, address and contact details now. @throws FORBIDDEN without personal_data.manage; NOT_FOUND. */
export async function eraseRequesterData(db: Kysely<Database>, scope: RequestScope, input: { requestId: unknown }): Promise<void> {
  requirePermission(scope.actor, 'personal_data.manage');
  await inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('information_requests').select(['id', 'tracking_code']).where('id', '=', String(input.requestId).slice(0, 100)).where('site_id', '=', scope.siteId).executeTakeFirst();
    if (!row) throw new InformationRequestNotFoundError();
    await eraseRows(trx, [row.id], scope.now.toISOString());
    await recordAudit(trx, scope, { action: 'information_request.personal_data_erased', targetType: 'information_request', targetId: row.id, detail: { trackingCode: row.tracking_code } });
  });
}

/** `months` calendar months before `now` (UTC), as ISO text. */
export function monthsBefore(now: Date, months: number): string {
  const at = new Date(now.getTime());
  at.setUTCMonth(at.getUTCMonth() - months);
  return at.toISOString();
}

/**
 * The daily clean-up: on every site, erases the personal data of requests closed longer
 * ago than the site's retention. Audited as the system (no actor). Harmless when repeated.
 */
export async function eraseRequesterDataPastRetention(db: Kysely<Database>, input: { now: Date }): Promise<number> {
  const sites = await db.selectFrom('information_requests').select('site_id').where('closed_at', 'is not', null).where('personal_erased_at', 'is', null).groupBy('site_id').execute();
  let count = 0;
  for (const { site_id: siteId } of sites) {
    const { retentionMonths } = await readInformationSettings(db, siteId);
    const before = monthsBefore(input.now, retentionMonths);
    await inTransaction(db, async (trx) => {
      const rows = await trx.selectFrom('information_requests').select('id').where('site_id', '=', siteId).where('personal_erased_at', 'is', null).where('closed_at', '<', before).limit(1_000).execute();
      if (rows.length === 0) return;
      await eraseRows(trx, rows.map((r) => r.id), input.now.toISOString());
      await recordAudit(trx, { siteId, actor: null, clientIp: 'system', now: input.now }, { action: 'information_request.personal_data_expired', targetType: 'site', targetId: siteId, detail: { count: rows.length, retentionMonths } });
      count += rows.length;
    });
  }
  return count;
}

export function informationRetentionHandler(db: Kysely<Database>): JobHandler {
  return async () => {
    const now = new Date();
    await eraseRequesterDataPastRetention(db, { now });
    await scheduleRetentionJob(db, now);
  };
}
