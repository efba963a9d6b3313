/**
 * People and their roles. A user is one person with one login (an e-mail unique in the
 * installation); memberships give them a role per site; super-admins (operators) act on
 * every site. Every change here is audited in the transaction that makes it.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import { inTransaction } from '../../platform/db/transaction.js';
import type { Database } from '../../platform/db/database.js';
import { ForbiddenError, InvalidInputError } from '../../platform/errors.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { toNfc } from '../../platform/i18n/vi.js';
import { recordAudit } from '../audit/index.js';
import { findMembers, findRole, findUserByEmail, findUserById, upsertMembership, type UserRow } from './accounts.repo.js';
import { UserNotFoundError } from './accounts.errors.js';
import { checkPasswordRules, hashPassword, verifyPassword } from './passwords.js';
import { ROLE_LABELS, isRole, requirePermission, type Role } from './roles.js';
import { endAllSessions } from './sessions.service.js';

/** RFC 5321's limit; a simple shape check (the real test is the mail that arrives). */
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[a-z0-9-]+(\.[a-z0-9-]+)+$/;

export function normalizeEmail(raw: string): string {
  return toNfc(raw.trim().toLowerCase());
}

function checkEmail(raw: string): string {
  const email = normalizeEmail(raw);
  if (email.length > 254 || !EMAIL.test(email)) throw new InvalidInputError(`"${raw.slice(0, 80)}" không phải là địa chỉ email hợp lệ.`, { field: 'email', help: 'Ví dụ: nguyenvana@kontum.gov.vn' });
  return email;
}

function checkDisplayName(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const name = toNfc(raw.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim());
  if (!name) throw new InvalidInputError('Họ tên không được để trống.', { field: 'displayName' });
  if (name.length > 120) throw new InvalidInputError('Họ tên không được dài quá 120 ký tự.', { field: 'displayName' });
  return name;
}

function checkRole(raw: string): Role {
  if (!isRole(raw)) throw new InvalidInputError(`Vai trò "${raw}" không tồn tại; chọn một trong: ${Object.entries(ROLE_LABELS).map(([k, v]) => `${k} (${v})`).join(', ')}.`, { field: 'role' });
  return raw;
}

export interface Member {
  userId: string;
  email: string;
  displayName: string;
  role: Role;
  isDisabled: boolean;
  hasTwoFactor: boolean;
  isSuperAdmin: boolean;
  since: string;
}

export async function listMembers(db: Kysely<Database>, scope: RequestScope): Promise<Member[]> {
  requirePermission(scope.actor, 'site.members');
  const rows = await findMembers(db, scope.siteId);
  return rows.map((row) => ({
    userId: row.id,
    email: row.email,
    displayName: row.display_name,
    role: isRole(row.role) ? row.role : 'author',
    isDisabled: row.disabled_at !== null,
    hasTwoFactor: row.totp_enabled_at !== null,
    isSuperAdmin: row.is_super_admin === 1,
    since: row.created_at,
  }));
}

export interface AddMemberInput {
  email: string;
  displayName: string;
  role: string;
  /** Optional: without one the account cannot log in until a password is set. */
  password?: string;
  isSuperAdmin?: boolean;
}

/**
 * Gives a person a role on the scope's site, creating their account when the e-mail is
 * new (an existing account keeps its password and name). Only super-admins make super-admins.
 * @throws INVALID_INPUT for a bad e-mail, name, role or password.
 * @throws FORBIDDEN without site.members.
 */
export async function addMember(db: Kysely<Database>, scope: RequestScope, input: AddMemberInput): Promise<{ userId: string; isNew: boolean }> {
  requirePermission(scope.actor, 'site.members');
  if (input.isSuperAdmin && !scope.actor.isSuperAdmin) throw new ForbiddenError('Chỉ quản trị hệ thống mới tạo được quản trị hệ thống.');
  const email = checkEmail(input.email);
  const displayName = checkDisplayName(input.displayName);
  const role = checkRole(input.role);
  if (input.password !== undefined) checkPasswordRules(input.password, { email, displayName });
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
  const now = scope.now.toISOString();
  return inTransaction(db, async (trx) => {
    const existing = await findUserByEmail(trx, email);
    const userId = existing?.id ?? crypto.randomUUID();
    if (!existing) {
      await trx
        .insertInto('users')
        .values({ id: userId, email, display_name: displayName, password_hash: passwordHash, password_changed_at: passwordHash ? now : null, is_super_admin: input.isSuperAdmin ? 1 : 0, disabled_at: null, totp_secret: null, totp_enabled_at: null, created_at: now, updated_at: now })
        .onConflict((oc) => oc.column('email').doNothing())
        .execute();
    } else if (input.isSuperAdmin && existing.is_super_admin !== 1) {
      await trx.updateTable('users').set({ is_super_admin: 1, updated_at: now }).where('id', '=', userId).execute();
    }
    const user = await findUserByEmail(trx, email);
    if (!user) throw new Error('user vanished while being added');
    await upsertMembership(trx, { user_id: user.id, site_id: scope.siteId, role, created_at: now });
    await recordAudit(trx, scope, { action: existing ? 'member.role_set' : 'member.added', targetType: 'user', targetId: user.id, detail: { email, role, isSuperAdmin: Boolean(input.isSuperAdmin) } });
    return { userId: user.id, isNew: !existing };
  });
}

/** @throws FORBIDDEN when removing oneself (a site must keep the admin who is acting). */
export async function removeMember(db: Kysely<Database>, scope: RequestScope, input: { userId: string }): Promise<void> {
  requirePermission(scope.actor, 'site.members');
  if (input.userId === scope.actor.id) throw new ForbiddenError('Bạn không thể tự rút mình khỏi trang.', 'Nhờ một quản trị khác làm việc này.');
  await inTransaction(db, async (trx) => {
    const result = await trx.deleteFrom('memberships').where('user_id', '=', input.userId).where('site_id', '=', scope.siteId).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw new UserNotFoundError(input.userId);
    await recordAudit(trx, scope, { action: 'member.removed', targetType: 'user', targetId: input.userId });
  });
}

/** The member of the scope's site, or NOT_FOUND: admins act only on their own site's people. */
async function memberOfSite(db: Kysely<Database>, scope: RequestScope, userId: string): Promise<UserRow> {
  const user = await findUserById(db, userId);
  if (!user || (await findRole(db, { userId, siteId: scope.siteId })) === null) throw new UserNotFoundError(userId);
  return user;
}

/**
 * Disables or enables an account. Disabling ends its sessions and revokes its tokens at once.
 * @throws FORBIDDEN for oneself, or a super-admin disabled by a site admin.
 */
export async function setAccountDisabled(db: Kysely<Database>, scope: RequestScope, input: { userId: string; isDisabled: boolean }): Promise<void> {
  requirePermission(scope.actor, 'site.members');
  if (input.userId === scope.actor.id) throw new ForbiddenError('Bạn không thể tự khoá tài khoản của mình.');
  await inTransaction(db, async (trx) => {
    const user = await memberOfSite(trx, scope, input.userId);
    if (user.is_super_admin === 1 && !scope.actor!.isSuperAdmin) throw new ForbiddenError('Chỉ quản trị hệ thống mới khoá được quản trị hệ thống.');
    const now = scope.now.toISOString();
    await trx.updateTable('users').set({ disabled_at: input.isDisabled ? now : null, updated_at: now }).where('id', '=', user.id).execute();
    if (input.isDisabled) {
      await endAllSessions(trx, user.id);
      await trx.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', user.id).where('revoked_at', 'is', null).execute();
    }
    await recordAudit(trx, scope, { action: input.isDisabled ? 'account.disabled' : 'account.enabled', targetType: 'user', targetId: user.id, detail: { email: user.email } });
  });
}

async function writePassword(trx: Kysely<Database>, user: UserRow, password: string, now: Date): Promise<void> {
  checkPasswordRules(password, { email: user.email, displayName: user.display_name });
  const passwordHash = await hashPassword(password);
  await trx.updateTable('users').set({ password_hash: passwordHash, password_changed_at: now.toISOString(), updated_at: now.toISOString() }).where('id', '=', user.id).execute();
  await endAllSessions(trx, user.id);
}

/**
 * An operator or admin sets someone's password (`cong user reset-password`); all their sessions end.
 * @throws NOT_FOUND for an unknown e-mail; INVALID_INPUT for a weak password.
 */
export async function resetPassword(db: Kysely<Database>, scope: RequestScope, input: { email: string; password: string }): Promise<void> {
  requirePermission(scope.actor, 'site.members');
  const email = normalizeEmail(input.email);
  await inTransaction(db, async (trx) => {
    const user = await findUserByEmail(trx, email);
    if (!user) throw new UserNotFoundError(email);
    if (!scope.actor!.isSuperAdmin) await memberOfSite(trx, scope, user.id);
    await writePassword(trx, user, input.password, scope.now);
    await recordAudit(trx, scope, { action: 'account.password_reset', targetType: 'user', targetId: user.id, detail: { email } });
  });
}

/**
 * A user changes their own password, proving the current one; every session of theirs
 * ends (the caller starts a fresh one for this browser).
 * @throws UNAUTHENTICATED when the current password is wrong.
 */
export async function changeOwnPassword(db: Kysely<Database>, scope: RequestScope, input: { currentPassword: string; newPassword: string }): Promise<void> {
  requirePermission(scope.actor, 'staff.enter');
  const actor = scope.actor;
  await inTransaction(db, async (trx) => {
    const user = await findUserById(trx, actor.id);
    if (!user?.password_hash || !(await verifyPassword(user.password_hash, input.currentPassword))) {
      throw new InvalidInputError('Mật khẩu hiện tại không đúng.', { field: 'currentPassword' });
    }
    await writePassword(trx, user, input.newPassword, scope.now);
    await recordAudit(trx, scope, { action: 'account.password_changed', targetType: 'user', targetId: user.id, siteId: null });
  });
}

export interface Account {
  id: string;
  email: string;
  displayName: string;
  isSuperAdmin: boolean;
  hasTwoFactor: boolean;
}

export function userRowToAccount(row: UserRow): Account {
  return { id: row.id, email: row.email, displayName: row.display_name, isSuperAdmin: row.is_super_admin === 1, hasTwoFactor: row.totp_enabled_at !== null };
}

/** The person behind a CLI command, the demo install or a test: the operator, a super-admin of every site. */
export const OPERATOR: Actor = Object.freeze({ id: 'cli', label: 'cli', displayName: 'Lệnh cong', role: null, isSuperAdmin: true, via: 'cli' });

export function operatorScope(siteId: string, now = new Date()): RequestScope {
  return { siteId, actor: OPERATOR, clientIp: 'cli', now };
}
