/**
 * Staff accounts and a cookie-keeping client for integration tests that go through the
 * staff UI over app.inject, as a browser would: GET a form, read its CSRF token, POST it.
 */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../src/platform/db/database.js';
import { addMember, operatorScope, type Role } from '../../src/modules/accounts/index.js';

export const STAFF_PASSWORD = 'Mùa thu Kon Tum có nắng vàng';

export async function addStaff(db: Kysely<Database>, siteId: string, role: Role, name: string = role): Promise<{ email: string; userId: string }> {
  const email = `${name.replace(/_/g, '-')}@kontum.gov.vn`;
  const { userId } = await addMember(db, operatorScope(siteId), { email, displayName: `Cán bộ ${name}`, role, password: STAFF_PASSWORD });
  return { email, userId };
}

export class StaffClient {
  private readonly cookies = new Map<string, string>();
  private csrf = '';

  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }

  private remember(response: LightMyRequestResponse): LightMyRequestResponse {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (cookie.value === '' || (cookie.expires && cookie.expires.getTime() < Date.now())) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body) ?? /<meta name="csrf-token" content="([^"]+)"/.exec(response.body);
    if (token) this.csrf = token[1]!;
    return response;
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  forget(name: string): void {
    this.cookies.delete(name);
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { ...this.headers, cookie: this.cookieHeader(), ...headers } }));
  }

  /** A form post with the last page's CSRF token (unless `_csrf` is given, or null to leave it out). */
  async post(url: string, fields: Record<string, string | string[]> = {}, options: { csrf?: string | null; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    const body = new URLSearchParams();
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (csrf !== null) body.append('_csrf', csrf);
    for (const [name, value] of Object.entries(fields)) for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
    return this.remember(
      await this.app.inject({ method: 'POST', url, payload: body.toString(), headers: { ...this.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded', ...options.headers } }),
    );
  }

  /** Logs in through the form; returns the login POST's answer. */
  async login(email: string, password = STAFF_PASSWORD): Promise<LightMyRequestResponse> {
    await this.get('/admin/login');
    return this.post('/admin/login', { email, password });
  }

  get csrfToken(): string {
    return this.csrf;
  }
}
