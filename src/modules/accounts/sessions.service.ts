/**
 * Server-side sessions. The cookie carries 32 random bytes; the table keeps only their
 * sha256, so a copy of the database logs nobody in. A session ends after an idle spell
 * (30 min by default), at its absolute end (12 h), at logout, and at once when its user
 * changes password or is disabled (all rows of the user are deleted).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { deleteUserSessions, findUserById, type UserRow } from './accounts.repo.js';

export interface SessionLimits {
  idleMs: number;
  maxMs: number;
}

/** last_seen_at is written at most this often per session: reads do not all become writes. */
const TOUCH_INTERVAL_MS = 60_000;
/** A user agent is kept for the session list, cut to a size worth keeping. */
const MAX_USER_AGENT = 256;

export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export interface StartedSession {
  token: string;
  expiresAt: Date;
}

export async function startSession(db: Kysely<Database>, input: { userId: string; ip: string; userAgent: string; isAwaitingSecondFactor: boolean; now: Date; limits: SessionLimits }): Promise<StartedSession> {
  const token = newToken();
  const expiresAt = new Date(input.now.getTime() + input.limits.maxMs);
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: input.userId,
      is_awaiting_second_factor: input.isAwaitingSecondFactor ? 1 : 0,
      created_at: input.now.toISOString(),
      last_seen_at: input.now.toISOString(),
      expires_at: expiresAt.toISOString(),
      ip: input.ip,
      // eslint-disable-next-line no-control-regex
      user_agent: input.userAgent.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, MAX_USER_AGENT),
    })
    .execute();
  return { token, expiresAt };
}

export interface LiveSession {
  id: string;
  user: UserRow;
  isAwaitingSecondFactor: boolean;
  createdAt: string;
}

/** The session a cookie names, or null when it is unknown, idle too long, past its end, or its user is disabled. */
export async function resolveSession(db: Kysely<Database>, token: string, input: { now: Date; limits: SessionLimits }): Promise<LiveSession | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = hashToken(token);
  const session = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  if (!session) return null;
  const now = input.now.getTime();
  const lastSeen = Date.parse(session.last_seen_at);
  if (now >= Date.parse(session.expires_at) || now - lastSeen >= input.limits.idleMs) {
    await db.deleteFrom('sessions').where('id', '=', id).execute();
    return null;
  }
  const user = await findUserById(db, session.user_id);
  if (!user || user.disabled_at) return null;
  if (now - lastSeen >= TOUCH_INTERVAL_MS) {
    await db.updateTable('sessions').set({ last_seen_at: input.now.toISOString() }).where('id', '=', id).execute();
  }
  return { id, user, isAwaitingSecondFactor: session.is_awaiting_second_factor === 1, createdAt: session.created_at };
}

export async function markSecondFactorDone(db: Kysely<Database>, sessionId: string): Promise<void> {
  await db.updateTable('sessions').set({ is_awaiting_second_factor: 0 }).where('id', '=', sessionId).execute();
}

export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', hashToken(token)).execute();
}

/** "Đăng xuất khỏi mọi nơi", a password change, a disabled account. */
export function endAllSessions(db: Kysely<Database>, userId: string): Promise<number> {
  return deleteUserSessions(db, userId);
}

/** Rows past their end, removed by the hourly job so the table does not grow forever. */
export async function deleteExpiredSessions(db: Kysely<Database>, input: { now: Date; limits: SessionLimits }): Promise<number> {
  const idleCutoff = new Date(input.now.getTime() - input.limits.idleMs).toISOString();
  const result = await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<=', input.now.toISOString()), eb('last_seen_at', '<=', idleCutoff)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
