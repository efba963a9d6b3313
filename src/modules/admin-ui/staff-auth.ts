/**
 * Who is behind a staff request: the session cookie (or, on the admin API, a bearer
 * token) becomes an Actor with their role on the site the Host names, and with it the
 * RequestScope every use-case receives. Sessions are per host: logging in to one site of
 * an installation does not log in to another (cookies are host-only).
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Config } from '../../config.js';
import type { Database } from '../../platform/db/database.js';
import { ForbiddenError } from '../../platform/errors.js';
import { staffCookieName, staffCookieOptions } from '../../platform/http/csrf.js';
import type { Actor, RequestScope } from '../../platform/http/request-scope.js';
import { findRole, resolveApiToken, resolveSession, type LiveSession, type SessionLimits, type UserRow } from '../accounts/index.js';
import type { Site, SiteDirectory } from '../sites/index.js';

export const SESSION_COOKIE = 'cong_session';

export interface StaffDeps {
  db: Kysely<Database>;
  sites: SiteDirectory;
  staff: Config['staff'];
}

export function sessionLimits(staff: Config['staff']): SessionLimits {
  return { idleMs: staff.sessionIdleMs, maxMs: staff.sessionMaxMs };
}

/** Cheap test for the public fast path: could this request be a logged-in staff member's? */
export function mayHaveStaffSession(request: IncomingMessage): boolean {
  const cookie = request.headers.cookie;
  return cookie !== undefined && cookie.includes(`${SESSION_COOKIE}=`);
}

export function sessionTokenOf(request: FastifyRequest): string | undefined {
  return request.cookies[staffCookieName(SESSION_COOKIE, request)];
}

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  // No Max-Age: the cookie ends with the browser; the server's idle and absolute limits decide anyway.
  reply.setCookie(staffCookieName(SESSION_COOKIE, request), token, staffCookieOptions(request));
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply): void {
  reply.clearCookie(staffCookieName(SESSION_COOKIE, request), staffCookieOptions(request));
}

export function siteOf(request: FastifyRequest, sites: SiteDirectory): Site {
  const site = sites.resolve(request.headers.host);
  if (!site) throw new ForbiddenError('Cài đặt này chưa có trang nào.');
  return site;
}

async function actorFor(db: Kysely<Database>, user: UserRow, siteId: string, via: Actor['via']): Promise<Actor> {
  const role = await findRole(db, { userId: user.id, siteId });
  return { id: user.id, label: user.email, displayName: user.display_name, role, isSuperAdmin: user.is_super_admin === 1, via };
}

export interface StaffSession {
  site: Site;
  session: LiveSession;
  scope: RequestScope & { actor: Actor };
}

/** The logged-in staff member of this request, or null (no cookie, expired, second factor still owed). */
export async function readStaffSession(request: FastifyRequest, deps: StaffDeps, now = new Date()): Promise<StaffSession | null> {
  const token = sessionTokenOf(request);
  if (!token) return null;
  const site = siteOf(request, deps.sites);
  const session = await resolveSession(deps.db, token, { now, limits: sessionLimits(deps.staff) });
  if (!session || session.isAwaitingSecondFactor) return null;
  const actor = await actorFor(deps.db, session.user, site.id, 'session');
  return { site, session, scope: { siteId: site.id, actor, clientIp: request.ip, now } };
}

/** The admin API's caller: `Authorization: Bearer cong_…`, or null. */
export async function readTokenScope(request: FastifyRequest, deps: StaffDeps, now = new Date()): Promise<(RequestScope & { actor: Actor }) | null> {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([^\s]{1,200})$/.exec(header) : null;
  if (!match) return null;
  const user = await resolveApiToken(deps.db, match[1]!, now);
  if (!user) return null;
  const site = siteOf(request, deps.sites);
  return { siteId: site.id, actor: await actorFor(deps.db, user, site.id, 'token'), clientIp: request.ip, now };
}

/** Whether the role must have two-factor login on before anything else (super-admins count as admins). */
export function mustUseTwoFactor(staff: Config['staff'], actor: Actor): boolean {
  const roles = staff.twoFactorRoles as readonly string[];
  return (actor.role !== null && roles.includes(actor.role)) || (actor.isSuperAdmin && roles.includes('admin'));
}

/** The optional allow-list of address ranges for /admin and /api/admin (CONG_STAFF_ALLOW). */
export function staffAddressCheck(ranges: readonly string[]): (ip: string) => boolean {
  if (ranges.length === 0) return () => true;
  const isAllowed = proxyAddr.compile([...ranges]);
  return (ip) => {
    try {
      return isAllowed(ip, 0);
    } catch {
      return false;
    }
  };
}
