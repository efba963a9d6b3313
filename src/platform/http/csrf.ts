/**
 * CSRF protection for the staff side: a synchronizer token derived from a secret kept
 * in an HttpOnly cookie (@fastify/csrf's tokens: salted HMAC, constant-time check).
 * Every state-changing staff request carries the token, in the form field `_csrf` or the
 * `x-csrf-token` header (islands' fetches); a missing or wrong one is 403. The login
 * form has one too (login CSRF). Over https the cookie is `__Host-` prefixed, so a
 * sibling sub-domain of the agency's domain cannot plant a secret of its own.
 */
import createTokens from '@fastify/csrf';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SECRET_COOKIE = 'cong_csrf';
// Callable without new: the package's types declare a function.
const tokens = createTokens();

export class CsrfError extends AppError {
  constructor() {
    super('CSRF_INVALID', 'Phiên làm việc của biểu mẫu đã hết hạn hoặc không hợp lệ.', { help: 'Hãy tải lại trang rồi gửi lại biểu mẫu.' });
  }
}

/** Cookie names of the staff side: `__Host-` over https (host-only, Secure, path /). */
export function staffCookieName(base: string, request: FastifyRequest): string {
  return request.protocol === 'https' ? `__Host-${base}` : base;
}

export function staffCookieOptions(request: FastifyRequest) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https' };
}

function secretOf(request: FastifyRequest): string | undefined {
  const secret = request.cookies[staffCookieName(SECRET_COOKIE, request)];
  return secret && /^[A-Za-z0-9_-]{16,64}$/.test(secret) ? secret : undefined;
}

/** The token to put in this page's forms; creates the secret cookie on first use. */
export function csrfTokenFor(request: FastifyRequest, reply: FastifyReply): string {
  let secret = secretOf(request);
  if (!secret) {
    secret = tokens.secretSync();
    reply.setCookie(staffCookieName(SECRET_COOKIE, request), secret, staffCookieOptions(request));
    // The same request may render several forms: they all get tokens of this secret.
    request.cookies[staffCookieName(SECRET_COOKIE, request)] = secret;
  }
  return tokens.create(secret);
}

/** @throws CSRF_INVALID (403) unless the request carries a token of its secret. */
export function verifyCsrf(request: FastifyRequest, fromBody?: unknown): void {
  const secret = secretOf(request);
  const header = request.headers[CSRF_HEADER];
  const token = typeof header === 'string' ? header : typeof fromBody === 'string' ? fromBody : bodyToken(request.body);
  if (!secret || !token || token.length > 200 || !tokens.verify(secret, token)) throw new CsrfError();
}

function bodyToken(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const value = (body as Record<string, unknown>)[CSRF_FIELD];
  return typeof value === 'string' ? value : undefined;
}
