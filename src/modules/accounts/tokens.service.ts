/**
 * Personal access tokens for the admin API (`Authorization: Bearer cong_…`). The token is
 * shown once; the table keeps its sha256 and a short prefix to recognise it in a list.
 * A token acts as its user, with the user's role on the site it is used on: the same
 * permission checks as the staff UI. Revoked, expired, or its user disabled: refused.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Database } from '../../platform/db/database.js';
import { InvalidInputError, NotFoundError } from '../../platform/errors.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { recordAudit } from '../audit/index.js';
import { findUserById, type UserRow } from './accounts.repo.js';
import { requirePermission } from './roles.js';
import { hashToken } from './sessions.service.js';

const TOKEN_SHAPE = /^cong_[A-Za-z0-9_-]{43}$/;
const LAST_USED_INTERVAL_MS = 60_000;

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  isRevoked: boolean;
}

/**
 * Creates a token for the acting user (or, for an operator, the user named) and returns it
 * with its secret: the only time the secret exists outside the caller's hands.
 */
export async function createApiToken(db: Kysely<Database>, scope: RequestScope, input: { userId?: string; name: string; expiresInDays?: number }): Promise<{ token: string; apiToken: ApiToken }> {
  requirePermission(scope.actor, 'staff.enter');
  const userId = input.userId ?? scope.actor.id;
  if (userId !== scope.actor.id && !scope.actor.isSuperAdmin) throw new InvalidInputError('Chỉ tạo được khoá truy cập cho chính mình.');
  // eslint-disable-next-line no-control-regex
  const name = input.name.replace(/[\u0000-\u001f\u007f]/g, ' ').trim().slice(0, 100);
  if (!name) throw new InvalidInputError('Hãy đặt tên cho khoá truy cập (dùng ở đâu, cho việc gì).', { field: 'name' });
  if (input.expiresInDays !== undefined && !(Number.isInteger(input.expiresInDays) && input.expiresInDays >= 1 && input.expiresInDays <= 3650)) {
    throw new InvalidInputError('Thời hạn phải từ 1 đến 3650 ngày.', { field: 'expiresInDays' });
  }
  const token = `cong_${crypto.randomBytes(32).toString('base64url')}`;
  const row = {
    id: crypto.randomUUID(),
    user_id: userId,
    name,
    token_hash: hashToken(token),
    prefix: token.slice(0, 12),
    created_at: scope.now.toISOString(),
    last_used_at: null,
    expires_at: input.expiresInDays ? new Date(scope.now.getTime() + input.expiresInDays * 86_400_000).toISOString() : null,
    revoked_at: null,
  };
  await inTransaction(db, async (trx) => {
    await trx.insertInto('api_tokens').values(row).execute();
    await recordAudit(trx, scope, { action: 'token.created', targetType: 'api_token', targetId: row.id, siteId: null, detail: { name, userId } });
  });
  return { token, apiToken: { id: row.id, name, prefix: row.prefix, createdAt: row.created_at, lastUsedAt: null, expiresAt: row.expires_at, isRevoked: false } };
}

/** The user a bearer token stands for, or null. */
export async function resolveApiToken(db: Kysely<Database>, token: string, now: Date): Promise<UserRow | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
  if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now.toISOString())) return null;
  const user = await findUserById(db, row.user_id);
  if (!user || user.disabled_at) return null;
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_INTERVAL_MS) {
    await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return user;
}

export async function listApiTokens(db: Kysely<Database>, scope: RequestScope): Promise<ApiToken[]> {
  requirePermission(scope.actor, 'staff.enter');
  const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', scope.actor.id).orderBy('created_at', 'desc').execute();
  return rows.map((row) => ({ id: row.id, name: row.name, prefix: row.prefix, createdAt: row.created_at, lastUsedAt: row.last_used_at, expiresAt: row.expires_at, isRevoked: row.revoked_at !== null }));
}

/** @throws NOT_FOUND for a token that is not the actor's. */
export async function revokeApiToken(db: Kysely<Database>, scope: RequestScope, input: { tokenId: string }): Promise<void> {
  requirePermission(scope.actor, 'staff.enter');
  const actor = scope.actor;
  await inTransaction(db, async (trx) => {
    let update = trx.updateTable('api_tokens').set({ revoked_at: scope.now.toISOString() }).where('id', '=', input.tokenId).where('revoked_at', 'is', null);
    if (!actor.isSuperAdmin) update = update.where('user_id', '=', actor.id);
    const result = await update.executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new NotFoundError('Không tìm thấy khoá truy cập này.');
    await recordAudit(trx, scope, { action: 'token.revoked', targetType: 'api_token', targetId: input.tokenId, siteId: null });
  });
}
