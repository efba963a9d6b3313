/**
 * Logging in. Failures are counted from the audit log, so the limits hold across
 * restarts and across instances on one PostgreSQL:
 *  - per account: after FREE_FAILURES failures in an hour, each next try waits twice as
 *    long as the one before (2 s, 4 s, 8 s … up to 15 min); 100 failures in an hour
 *    close the account to logins until the hour has passed;
 *  - per address: 30 failures in 15 minutes from one address make it wait 15 minutes,
 *    whatever accounts it tries (a sweep over many e-mails).
 * The route also has an in-memory per-address rate limit in front, which is cheaper.
 * Unknown account and wrong password give the same answer after the same work (a
 * dummy argon2 verify).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { countRecentAudit, recordAudit } from '../audit/index.js';
import { AccountDisabledError, LoginFailedError, LoginThrottledError, SecondFactorFailedError } from './accounts.errors.js';
import { findUserByEmail, findUserById, type UserRow } from './accounts.repo.js';
import { normalizeEmail } from './accounts.service.js';
import { MAX_PASSWORD_LENGTH, verifyAgainstNothing, verifyPassword } from './passwords.js';
import { markSecondFactorDone, startSession, type SessionLimits, type StartedSession } from './sessions.service.js';
import { verifySecondFactor } from './two-factor.service.js';

const HOUR_MS = 3_600_000;
export const FREE_FAILURES = 5;
export const MAX_FAILURES_PER_HOUR = 100;
const MAX_DELAY_S = 15 * 60;
export const ADDRESS_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_ADDRESS = 30;
/** Second-factor codes wrong this many times in 15 minutes end the half-open session. */
const MAX_SECOND_FACTOR_FAILURES = 10;

export const LOGIN_FAILED = 'login.failed';

/** Seconds to wait before the next try, or 0. */
export function loginDelaySeconds(failuresThisHour: number, secondsSinceLastFailure: number): number {
  if (failuresThisHour >= MAX_FAILURES_PER_HOUR) return Number.POSITIVE_INFINITY;
  if (failuresThisHour < FREE_FAILURES) return 0;
  const delay = Math.min(2 ** (failuresThisHour - FREE_FAILURES + 1), MAX_DELAY_S);
  return Math.max(0, Math.ceil(delay - secondsSinceLastFailure));
}

async function checkLimits(db: Kysely<Database>, input: { email: string; ip: string; now: Date }): Promise<void> {
  const now = input.now.getTime();
  const perAddress = await countRecentAudit(db, { action: LOGIN_FAILED, ip: input.ip, since: new Date(now - ADDRESS_WINDOW_MS) });
  if (perAddress.count >= MAX_FAILURES_PER_ADDRESS && perAddress.latest) {
    throw new LoginThrottledError(Math.max(1, Math.ceil((Date.parse(perAddress.latest) + ADDRESS_WINDOW_MS - now) / 1000)));
  }
  const perAccount = await countRecentAudit(db, { action: LOGIN_FAILED, targetId: input.email, since: new Date(now - HOUR_MS) });
  if (!perAccount.latest) return;
  const wait = loginDelaySeconds(perAccount.count, (now - Date.parse(perAccount.latest)) / 1000);
  if (wait === Number.POSITIVE_INFINITY) {
    // Closed until the oldest failure of the hour leaves the window: the next whole hour at most.
    throw new LoginThrottledError(Math.ceil(HOUR_MS / 1000));
  }
  if (wait > 0) throw new LoginThrottledError(wait);
}

export interface LoginResult {
  session: StartedSession;
  user: UserRow;
  /** A TOTP code (or recovery code) is still owed before the session is usable. */
  isAwaitingSecondFactor: boolean;
}

/**
 * @throws RATE_LIMITED (LoginThrottledError) while the limits hold; the try is not even checked.
 * @throws UNAUTHENTICATED (LoginFailedError) for an unknown e-mail or a wrong password, alike.
 * @throws FORBIDDEN (AccountDisabledError) for a disabled account with the right password.
 */
export async function logIn(db: Kysely<Database>, scope: RequestScope, input: { email: string; password: string; userAgent: string; limits: SessionLimits }): Promise<LoginResult> {
  const email = normalizeEmail(input.email).slice(0, 254);
  await checkLimits(db, { email, ip: scope.clientIp, now: scope.now });
  const user = await findUserByEmail(db, email);
  const password = input.password.slice(0, MAX_PASSWORD_LENGTH + 1);
  const isPasswordRight = user?.password_hash ? await verifyPassword(user.password_hash, password) : (await verifyAgainstNothing(password), false);
  if (!user || !isPasswordRight) {
    await recordAudit(db, scope, { action: LOGIN_FAILED, targetType: 'user', targetId: email, siteId: null, detail: { reason: user ? 'password' : 'unknown_account' } });
    throw new LoginFailedError();
  }
  const actorScope = { ...scope, actor: { id: user.id, label: user.email, displayName: user.display_name, role: null, isSuperAdmin: user.is_super_admin === 1, via: 'session' as const } };
  if (user.disabled_at) {
    await recordAudit(db, actorScope, { action: LOGIN_FAILED, targetType: 'user', targetId: email, siteId: null, detail: { reason: 'disabled' } });
    throw new AccountDisabledError();
  }
  const isAwaitingSecondFactor = user.totp_enabled_at !== null;
  const session = await startSession(db, { userId: user.id, ip: scope.clientIp, userAgent: input.userAgent, isAwaitingSecondFactor, now: scope.now, limits: input.limits });
  await recordAudit(db, actorScope, { action: isAwaitingSecondFactor ? 'login.password_ok' : 'login.succeeded', targetType: 'user', targetId: email, siteId: null });
  return { session, user, isAwaitingSecondFactor };
}

/**
 * Finishes a login with a TOTP code or a recovery code.
 * @throws UNAUTHENTICATED (SecondFactorFailedError) for a wrong code; after too many, the session ends.
 */
export async function completeSecondFactor(db: Kysely<Database>, scope: RequestScope, input: { sessionId: string; userId: string; code: string }): Promise<void> {
  const user = await findUserById(db, input.userId);
  if (!user) throw new SecondFactorFailedError();
  const actorScope = { ...scope, actor: { id: user.id, label: user.email, displayName: user.display_name, role: null, isSuperAdmin: user.is_super_admin === 1, via: 'session' as const } };
  const failures = await countRecentAudit(db, { action: 'login.second_factor_failed', targetId: user.email, since: new Date(scope.now.getTime() - ADDRESS_WINDOW_MS) });
  if (failures.count >= MAX_SECOND_FACTOR_FAILURES) {
    await db.deleteFrom('sessions').where('id', '=', input.sessionId).execute();
    throw new LoginThrottledError(Math.ceil(ADDRESS_WINDOW_MS / 1000));
  }
  const method = await verifySecondFactor(db, { user, code: input.code, now: scope.now });
  if (!method) {
    await recordAudit(db, actorScope, { action: 'login.second_factor_failed', targetType: 'user', targetId: user.email, siteId: null });
    throw new SecondFactorFailedError();
  }
  await markSecondFactorDone(db, input.sessionId);
  await recordAudit(db, actorScope, { action: 'login.succeeded', targetType: 'user', targetId: user.email, siteId: null, detail: { secondFactor: method } });
}
