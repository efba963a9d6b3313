/**
 * The audit log: every login (failed or not), every workflow step and every admin act,
 * with who, when and the real client address. Services write it in the same transaction
 * as the change it describes, so the log never tells of a change that was rolled back.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import type { AuditLogTable } from './audit.table.js';

export interface AuditEntry {
  action: string;
  targetType?: string;
  targetId?: string;
  /** Small JSON-able facts: a return comment, a forced-publish reason, a changed role. */
  detail?: Record<string, unknown>;
  /** Defaults to the scope's site; null for installation-wide acts (logins, CLI). */
  siteId?: string | null;
}

/** Longest detail kept per entry: a pasted novel as a return comment must not bloat the log. */
const MAX_DETAIL_CHARS = 4_000;

export async function recordAudit(db: Kysely<Database>, scope: Pick<RequestScope, 'siteId' | 'actor' | 'clientIp' | 'now'>, entry: AuditEntry): Promise<void> {
  let detail = JSON.stringify(entry.detail ?? {});
  if (detail.length > MAX_DETAIL_CHARS) detail = JSON.stringify({ truncated: detail.slice(0, MAX_DETAIL_CHARS) });
  await db
    .insertInto('audit_log')
    .values({
      id: crypto.randomUUID(),
      site_id: entry.siteId === undefined ? scope.siteId : entry.siteId,
      actor_id: scope.actor?.id ?? null,
      actor_label: scope.actor?.label ?? '',
      action: entry.action,
      target_type: entry.targetType ?? '',
      target_id: entry.targetId ?? '',
      detail,
      ip: scope.clientIp,
      created_at: scope.now.toISOString(),
    })
    .execute();
}

export interface AuditRecord {
  id: string;
  siteId: string | null;
  actorId: string | null;
  actorLabel: string;
  action: string;
  targetType: string;
  targetId: string;
  detail: Record<string, unknown>;
  ip: string;
  createdAt: string;
}

function rowToRecord(row: AuditLogTable): AuditRecord {
  let detail: Record<string, unknown> = {};
  try {
    detail = JSON.parse(row.detail) as Record<string, unknown>;
  } catch {
    detail = {};
  }
  return { id: row.id, siteId: row.site_id, actorId: row.actor_id, actorLabel: row.actor_label, action: row.action, targetType: row.target_type, targetId: row.target_id, detail, ip: row.ip, createdAt: row.created_at };
}

export interface AuditFilter {
  siteId: string;
  /** Also installation-wide entries (logins): only for those who may see them. */
  isIncludingInstallation?: boolean;
  action?: string;
  actorLabel?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

export async function findAuditEntries(db: Kysely<Database>, filter: AuditFilter): Promise<{ items: AuditRecord[]; total: number }> {
  let query = db.selectFrom('audit_log').where((eb) => (filter.isIncludingInstallation ? eb.or([eb('site_id', '=', filter.siteId), eb('site_id', 'is', null)]) : eb('site_id', '=', filter.siteId)));
  if (filter.action) query = query.where('action', 'like', `${filter.action.replace(/[%_\\]/g, '')}%`);
  if (filter.actorLabel) query = query.where('actor_label', '=', filter.actorLabel.toLowerCase());
  if (filter.targetId) query = query.where('target_id', '=', filter.targetId);
  if (filter.from) query = query.where('created_at', '>=', filter.from.toISOString());
  if (filter.to) query = query.where('created_at', '<', filter.to.toISOString());
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(filter.pageSize).offset((filter.page - 1) * filter.pageSize).execute();
  return { items: rows.map(rowToRecord), total: Number(total) };
}

/** How many times `action` was logged for a target, or from an address, since a moment (login limits). */
export async function countRecentAudit(db: Kysely<Database>, input: { action: string; since: Date; targetId?: string; ip?: string }): Promise<{ count: number; latest: string | null }> {
  let query = db.selectFrom('audit_log').where('action', '=', input.action).where('created_at', '>=', input.since.toISOString());
  if (input.targetId !== undefined) query = query.where('target_id', '=', input.targetId);
  if (input.ip !== undefined) query = query.where('ip', '=', input.ip);
  const row = await query.select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.max('created_at').as('latest')]).executeTakeFirstOrThrow();
  return { count: Number(row.count), latest: (row.latest as string | null) ?? null };
}
