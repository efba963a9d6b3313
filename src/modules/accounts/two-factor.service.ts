/**
 * TOTP two-factor login (RFC 6238, 30-second steps, 6 digits: what every authenticator
 * app speaks) with ten single-use recovery codes. A secret is stored when set-up starts
 * and becomes active only once the user proves a code from it.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Database } from '../../platform/db/database.js';
import { InvalidInputError } from '../../platform/errors.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { recordAudit } from '../audit/index.js';
import { findUserById, type UserRow } from './accounts.repo.js';
import { requirePermission } from './roles.js';
import { hashToken } from './sessions.service.js';

const ISSUER = 'Cổng';
const RECOVERY_CODE_COUNT = 10;

/** Accept the previous and next 30-second step too: phone clocks drift. */
const EPOCH_TOLERANCE_S = 30;

function recoveryCodeHash(code: string): string {
  return hashToken(code.replace(/[\s-]/g, '').toLowerCase());
}

/** "k7p2-9xq4-m3vd": 60 bits, easy to read aloud, no 0/o/1/l confusion. */
function newRecoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const chars = Array.from(crypto.randomBytes(12), (byte) => alphabet[byte % alphabet.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export async function totpMatches(secret: string, code: string, now: Date): Promise<boolean> {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return false;
  try {
    const result = await verify({ secret, token, epoch: Math.floor(now.getTime() / 1000), epochTolerance: EPOCH_TOLERANCE_S });
    return result.valid;
  } catch {
    return false;
  }
}

/** Which second factor the code satisfied ('totp' or 'recovery_code'), or null. A recovery code is used up. */
export async function verifySecondFactor(db: Kysely<Database>, input: { user: UserRow; code: string; now: Date }): Promise<'totp' | 'recovery_code' | null> {
  const { user } = input;
  if (!user.totp_secret || !user.totp_enabled_at) return null;
  const code = input.code.trim().slice(0, 64);
  if (await totpMatches(user.totp_secret, code, input.now)) return 'totp';
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: input.now.toISOString() })
    .where('user_id', '=', user.id)
    .where('code_hash', '=', recoveryCodeHash(code))
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? 'recovery_code' : null;
}

export interface TotpSetup {
  secret: string;
  uri: string;
  /** The otpauth URI as an SVG QR code, for the set-up page. */
  qrSvg: string;
}

/** Starts (or restarts) set-up for the acting user: a new secret, not yet active. */
export async function beginTotpSetup(db: Kysely<Database>, scope: RequestScope): Promise<TotpSetup> {
  if (!scope.actor) throw new InvalidInputError('Cần đăng nhập.');
  const user = await findUserById(db, scope.actor.id);
  if (!user) throw new InvalidInputError('Không tìm thấy tài khoản.');
  if (user.totp_enabled_at) throw new InvalidInputError('Xác thực hai lớp đã được bật cho tài khoản này.');
  const secret = generateSecret();
  await db.updateTable('users').set({ totp_secret: secret, updated_at: scope.now.toISOString() }).where('id', '=', user.id).execute();
  return presentSetup(user.email, secret);
}

/** The pending set-up again (a page reload must not change the secret under the user's phone). */
export async function pendingTotpSetup(db: Kysely<Database>, scope: RequestScope): Promise<TotpSetup | null> {
  if (!scope.actor) return null;
  const user = await findUserById(db, scope.actor.id);
  if (!user?.totp_secret || user.totp_enabled_at) return null;
  return presentSetup(user.email, user.totp_secret);
}

async function presentSetup(email: string, secret: string): Promise<TotpSetup> {
  const uri = generateURI({ issuer: ISSUER, label: email, secret });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { secret, uri, qrSvg };
}

/**
 * Activates the pending secret once the user types a code from it; returns the recovery
 * codes, shown this once.
 * @throws INVALID_INPUT for a wrong code or no pending set-up.
 */
export async function confirmTotpSetup(db: Kysely<Database>, scope: RequestScope, input: { code: string }): Promise<string[]> {
  if (!scope.actor) throw new InvalidInputError('Cần đăng nhập.');
  const actor = scope.actor;
  return inTransaction(db, async (trx) => {
    const user = await findUserById(trx, actor.id);
    if (!user?.totp_secret || user.totp_enabled_at) throw new InvalidInputError('Chưa bắt đầu cài đặt xác thực hai lớp.');
    if (!(await totpMatches(user.totp_secret, input.code, scope.now))) {
      throw new InvalidInputError('Mã không đúng. Hãy nhập mã 6 chữ số đang hiện trong ứng dụng xác thực.', { field: 'code' });
    }
    await trx.updateTable('users').set({ totp_enabled_at: scope.now.toISOString(), updated_at: scope.now.toISOString() }).where('id', '=', user.id).execute();
    const codes = await replaceRecoveryCodes(trx, user.id);
    await recordAudit(trx, scope, { action: 'account.2fa_enabled', targetType: 'user', targetId: user.id, siteId: null });
    return codes;
  });
}

async function replaceRecoveryCodes(trx: Kysely<Database>, userId: string): Promise<string[]> {
  await trx.deleteFrom('recovery_codes').where('user_id', '=', userId).execute();
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await trx.insertInto('recovery_codes').values(codes.map((code) => ({ user_id: userId, code_hash: recoveryCodeHash(code), used_at: null }))).execute();
  return codes;
}

/** New recovery codes for the acting user (the old ones stop working). */
export async function regenerateRecoveryCodes(db: Kysely<Database>, scope: RequestScope): Promise<string[]> {
  requirePermission(scope.actor, 'staff.enter');
  const actor = scope.actor;
  return inTransaction(db, async (trx) => {
    const codes = await replaceRecoveryCodes(trx, actor.id);
    await recordAudit(trx, scope, { action: 'account.recovery_codes_renewed', targetType: 'user', targetId: actor.id, siteId: null });
    return codes;
  });
}

/**
 * An admin clears a member's second factor (a lost phone); the member sets it up again at
 * their next login when their role requires it.
 */
export async function resetTwoFactor(db: Kysely<Database>, scope: RequestScope, input: { userId: string }): Promise<void> {
  requirePermission(scope.actor, 'site.members');
  await inTransaction(db, async (trx) => {
    const member = await trx.selectFrom('memberships').select('user_id').where('user_id', '=', input.userId).where('site_id', '=', scope.siteId).executeTakeFirst();
    if (!member && !scope.actor!.isSuperAdmin) throw new InvalidInputError('Người này không phải thành viên của trang.');
    await trx.updateTable('users').set({ totp_secret: null, totp_enabled_at: null, updated_at: scope.now.toISOString() }).where('id', '=', input.userId).execute();
    await trx.deleteFrom('recovery_codes').where('user_id', '=', input.userId).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', input.userId).execute();
    await recordAudit(trx, scope, { action: 'account.2fa_reset', targetType: 'user', targetId: input.userId });
  });
}
