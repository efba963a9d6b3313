import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generate } from 'otplib';
import { ENGINES, createTestDb, type TestDb } from '../../../test/helpers/databases.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { createSite } from '../sites/index.js';
import {
  AccountDisabledError,
  LoginFailedError,
  LoginThrottledError,
  addMember,
  beginTotpSetup,
  changeOwnPassword,
  checkPasswordRules,
  completeSecondFactor,
  confirmTotpSetup,
  createApiToken,
  findUserByEmail,
  logIn,
  loginDelaySeconds,
  operatorScope,
  resetPassword,
  resolveApiToken,
  resolveSession,
  revokeApiToken,
  setAccountDisabled,
} from './index.js';

const PASSWORD = 'Mùa thu Kon Tum có nắng vàng';
const LIMITS = { idleMs: 30 * 60_000, maxMs: 12 * 3_600_000 };

describe('password rules', () => {
  it.each([
    ['ngắn quá', 'ít nhất 12'],
    ['123456789012', 'phổ biến'],
    ['matkhau12345', 'phổ biến'],
    ['Mật Khẩu 12345', 'phổ biến'],
    ['aaaaaaaaaaaaaaaa', 'đơn giản'],
    ['abababababababab', 'đơn giản'],
    ['nguyenvana-2024!', 'email'],
    ['abcdefghijklmnop', 'phổ biến'],
    ['tab\there and more', 'điều khiển'],
    ['x'.repeat(300), 'dài quá'],
  ])('refuse %j', (password, reason) => {
    expect(() => checkPasswordRules(password, { email: 'nguyenvana@kontum.gov.vn' })).toThrow(reason);
  });

  it('accept a long sentence', () => {
    expect(() => checkPasswordRules(PASSWORD, { email: 'nguyenvana@kontum.gov.vn' })).not.toThrow();
  });
});

describe('login delays', () => {
  it('grow after five failures and close at one hundred', () => {
    expect(loginDelaySeconds(4, 0)).toBe(0);
    expect(loginDelaySeconds(5, 0)).toBe(2);
    expect(loginDelaySeconds(6, 0)).toBe(4);
    expect(loginDelaySeconds(6, 3)).toBe(1);
    expect(loginDelaySeconds(40, 0)).toBe(900);
    expect(loginDelaySeconds(100, 10_000)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe.each(ENGINES)('accounts on %s', (engine) => {
  let testDb: TestDb;
  let siteId: string;
  let otherSiteId: string;
  const at = (iso: string): Date => new Date(iso);
  const visitor = (now: Date, ip = '203.0.113.7'): RequestScope => ({ siteId, actor: null, clientIp: ip, now });

  beforeEach(async () => {
    testDb = await createTestDb(engine);
    siteId = await createSite(testDb.db.kysely, { host: 'sld.example.vn', name: 'Sở Lao động' });
    otherSiteId = await createSite(testDb.db.kysely, { host: 'syt.example.vn', name: 'Sở Y tế' });
  });
  afterEach(async () => testDb.destroy());

  it('one person, one login, a role on each site', async () => {
    const db = testDb.db.kysely;
    const first = await addMember(db, operatorScope(siteId), { email: ' Lan.Nguyen@Kontum.gov.vn ', displayName: 'Nguyễn Thị Lan', role: 'editor', password: PASSWORD });
    const second = await addMember(db, operatorScope(otherSiteId), { email: 'lan.nguyen@kontum.gov.vn', displayName: 'Ai khác', role: 'author' });
    expect(second).toEqual({ userId: first.userId, isNew: false });
    const roles = await db.selectFrom('memberships').select(['site_id', 'role']).where('user_id', '=', first.userId).orderBy('role').execute();
    expect(roles).toEqual([{ site_id: otherSiteId, role: 'author' }, { site_id: siteId, role: 'editor' }]);
    expect((await findUserByEmail(db, 'lan.nguyen@kontum.gov.vn'))?.display_name).toBe('Nguyễn Thị Lan');
    await expect(addMember(db, operatorScope(siteId), { email: 'khong-phai-email', displayName: 'X', role: 'editor' })).rejects.toThrow('email');
    await expect(addMember(db, operatorScope(siteId), { email: 'a@b.vn', displayName: 'X', role: 'boss' })).rejects.toThrow('Vai trò');
    await expect(addMember(db, operatorScope(siteId), { email: 'a@b.vn', displayName: 'X', role: 'author', password: 'short' })).rejects.toThrow('12');
    expect(await findUserByEmail(db, 'a@b.vn')).toBeUndefined();
  });

  it('give the same answer for an unknown account and a wrong password, and audit both', async () => {
    const db = testDb.db.kysely;
    await addMember(db, operatorScope(siteId), { email: 'lan@kontum.gov.vn', displayName: 'Lan', role: 'editor', password: PASSWORD });
    const now = at('2026-11-29T01:00:00Z');
    const unknown = await logIn(db, visitor(now), { email: 'ai@kontum.gov.vn', password: PASSWORD, userAgent: 'UA', limits: LIMITS }).catch((e: unknown) => e);
    const wrong = await logIn(db, visitor(now), { email: 'lan@kontum.gov.vn', password: 'sai mật khẩu rồi nhé', userAgent: 'UA', limits: LIMITS }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(LoginFailedError);
    expect(wrong).toBeInstanceOf(LoginFailedError);
    expect((unknown as Error).message).toBe((wrong as Error).message);
    const ok = await logIn(db, visitor(now), { email: 'LAN@kontum.gov.vn', password: PASSWORD, userAgent: 'UA', limits: LIMITS });
    expect(ok.isAwaitingSecondFactor).toBe(false);
    const log = await db.selectFrom('audit_log').select(['action', 'target_id', 'ip']).where('action', 'like', 'login.%').execute();
    expect(log.map((r) => r.action).sort()).toEqual(['login.failed', 'login.failed', 'login.succeeded']);
    expect(new Set(log.map((r) => r.ip))).toEqual(new Set(['203.0.113.7']));
  });

  it('slow an account down after five failures, whoever tries, and never allow more than 100 an hour', async () => {
    const db = testDb.db.kysely;
    await addMember(db, operatorScope(siteId), { email: 'lan@kontum.gov.vn', displayName: 'Lan', role: 'editor', password: PASSWORD });
    const start = at('2026-11-29T01:00:00Z').getTime();
    for (let i = 0; i < 5; i++) {
      await expect(logIn(db, visitor(new Date(start + i), `198.51.100.${i}`), { email: 'lan@kontum.gov.vn', password: 'sai sai sai sai', userAgent: '', limits: LIMITS })).rejects.toBeInstanceOf(LoginFailedError);
    }
    // Even the right password waits: the limit is checked before the password.
    const throttled = await logIn(db, visitor(new Date(start + 10), '192.0.2.1'), { email: 'lan@kontum.gov.vn', password: PASSWORD, userAgent: '', limits: LIMITS }).catch((e: unknown) => e);
    expect(throttled).toBeInstanceOf(LoginThrottledError);
    expect((throttled as LoginThrottledError).retryAfterSeconds).toBe(2);
    expect((await logIn(db, visitor(new Date(start + 3_000)), { email: 'lan@kontum.gov.vn', password: PASSWORD, userAgent: '', limits: LIMITS })).user.email).toBe('lan@kontum.gov.vn');

    // 100 failures in the hour close the account to logins for the rest of it.
    const rows = Array.from({ length: 100 }, (_, i) => ({ id: `f${i}`, site_id: null, actor_id: null, actor_label: '', action: 'login.failed', target_type: 'user', target_id: 'lan@kontum.gov.vn', detail: '{}', ip: `10.0.${i}.1`, created_at: new Date(start + 3_600_000 + i * 1000).toISOString() }));
    await db.insertInto('audit_log').values(rows).execute();
    const closed = await logIn(db, visitor(new Date(start + 3_600_000 + 3_000_000)), { email: 'lan@kontum.gov.vn', password: PASSWORD, userAgent: '', limits: LIMITS }).catch((e: unknown) => e);
    expect(closed).toBeInstanceOf(LoginThrottledError);
  });

  it('make an address that sweeps many accounts wait', async () => {
    const db = testDb.db.kysely;
    const start = at('2026-11-29T01:00:00Z').getTime();
    for (let i = 0; i < 30; i++) {
      await expect(logIn(db, visitor(new Date(start + i * 1000)), { email: `nguoi${i}@kontum.gov.vn`, password: 'thử mật khẩu xem', userAgent: '', limits: LIMITS })).rejects.toBeInstanceOf(LoginFailedError);
    }
    await expect(logIn(db, visitor(new Date(start + 40_000)), { email: 'nguoi99@kontum.gov.vn', password: 'thử mật khẩu xem', userAgent: '', limits: LIMITS })).rejects.toBeInstanceOf(LoginThrottledError);
    await expect(logIn(db, visitor(new Date(start + 40_000), '198.51.100.9'), { email: 'nguoi99@kontum.gov.vn', password: 'thử mật khẩu xem', userAgent: '', limits: LIMITS })).rejects.toBeInstanceOf(LoginFailedError);
  });

  it('end sessions when idle, at their absolute end, on a password change and when the account is disabled', async () => {
    const db = testDb.db.kysely;
    const { userId } = await addMember(db, operatorScope(siteId), { email: 'lan@kontum.gov.vn', displayName: 'Lan', role: 'editor', password: PASSWORD });
    const t0 = at('2026-11-29T01:00:00Z').getTime();
    const login = async (now: number) => (await logIn(db, visitor(new Date(now)), { email: 'lan@kontum.gov.vn', password: PASSWORD, userAgent: 'UA', limits: LIMITS })).session.token;

    const idle = await login(t0);
    expect(await resolveSession(db, idle, { now: new Date(t0 + 29 * 60_000), limits: LIMITS })).not.toBeNull();
    expect(await resolveSession(db, idle, { now: new Date(t0 + 29 * 60_000 + 30 * 60_000), limits: LIMITS })).toBeNull();

    const busy = await login(t0);
    for (let minute = 20; minute < 12 * 60; minute += 20) expect(await resolveSession(db, busy, { now: new Date(t0 + minute * 60_000), limits: LIMITS })).not.toBeNull();
    expect(await resolveSession(db, busy, { now: new Date(t0 + 12 * 3_600_000), limits: LIMITS })).toBeNull();

    const [a, b] = [await login(t0), await login(t0)];
    const scope: RequestScope = { siteId, actor: { id: userId, label: 'lan@kontum.gov.vn', displayName: 'Lan', role: 'editor', isSuperAdmin: false, via: 'session' }, clientIp: '1.1.1.1', now: new Date(t0 + 1000) };
    await expect(changeOwnPassword(db, scope, { currentPassword: 'không phải mật khẩu', newPassword: 'Một câu mật khẩu mới dài' })).rejects.toThrow('hiện tại');
    expect(await resolveSession(db, a!, { now: new Date(t0 + 2000), limits: LIMITS })).not.toBeNull();
    await changeOwnPassword(db, scope, { currentPassword: PASSWORD, newPassword: 'Một câu mật khẩu mới dài' });
    expect(await resolveSession(db, a!, { now: new Date(t0 + 2000), limits: LIMITS })).toBeNull();
    expect(await resolveSession(db, b!, { now: new Date(t0 + 2000), limits: LIMITS })).toBeNull();

    await resetPassword(db, operatorScope(siteId), { email: 'lan@kontum.gov.vn', password: PASSWORD });
    const c = await login(t0 + 3000);
    const { token } = await createApiToken(db, { ...scope, now: new Date(t0 + 3000) }, { name: 'Máy chủ đồng bộ' });
    expect(await resolveApiToken(db, token, new Date(t0 + 4000))).not.toBeNull();
    await setAccountDisabled(db, operatorScope(siteId, new Date(t0 + 5000)), { userId, isDisabled: true });
    expect(await resolveSession(db, c, { now: new Date(t0 + 6000), limits: LIMITS })).toBeNull();
    expect(await resolveApiToken(db, token, new Date(t0 + 6000))).toBeNull();
    await expect(logIn(db, visitor(new Date(t0 + 7000)), { email: 'lan@kontum.gov.vn', password: PASSWORD, userAgent: '', limits: LIMITS })).rejects.toBeInstanceOf(AccountDisabledError);
  });

  it('ask for a TOTP code after the password, accept a recovery code once', async () => {
    const db = testDb.db.kysely;
    const { userId } = await addMember(db, operatorScope(siteId), { email: 'chief@kontum.gov.vn', displayName: 'Trưởng ban', role: 'chief_editor', password: PASSWORD });
    const now = at('2026-11-29T02:00:00Z');
    const scope: RequestScope = { siteId, actor: { id: userId, label: 'chief@kontum.gov.vn', displayName: 'Trưởng ban', role: 'chief_editor', isSuperAdmin: false, via: 'session' }, clientIp: '1.1.1.1', now };
    const setup = await beginTotpSetup(db, scope);
    expect(setup.uri).toMatch(/^otpauth:\/\/totp\//);
    expect(setup.qrSvg).toContain('<svg');
    await expect(confirmTotpSetup(db, scope, { code: '000000' })).rejects.toThrow('Mã không đúng');
    const codes = await confirmTotpSetup(db, scope, { code: await generate({ secret: setup.secret, epoch: Math.floor(now.getTime() / 1000) }) });
    expect(codes).toHaveLength(10);

    const login = await logIn(db, visitor(now), { email: 'chief@kontum.gov.vn', password: PASSWORD, userAgent: '', limits: LIMITS });
    expect(login.isAwaitingSecondFactor).toBe(true);
    const session = await resolveSession(db, login.session.token, { now, limits: LIMITS });
    expect(session?.isAwaitingSecondFactor).toBe(true);
    await expect(completeSecondFactor(db, visitor(now), { sessionId: session!.id, userId, code: '123456' })).rejects.toThrow('Mã xác thực');
    await completeSecondFactor(db, visitor(now), { sessionId: session!.id, userId, code: codes[0]! });
    expect((await resolveSession(db, login.session.token, { now, limits: LIMITS }))?.isAwaitingSecondFactor).toBe(false);
    const again = await logIn(db, visitor(now), { email: 'chief@kontum.gov.vn', password: PASSWORD, userAgent: '', limits: LIMITS });
    const againSession = await resolveSession(db, again.session.token, { now, limits: LIMITS });
    await expect(completeSecondFactor(db, visitor(now), { sessionId: againSession!.id, userId, code: codes[0]! })).rejects.toThrow('Mã xác thực');
  });

  it('revoke tokens, and refuse forged ones', async () => {
    const db = testDb.db.kysely;
    const { userId } = await addMember(db, operatorScope(siteId), { email: 'api@kontum.gov.vn', displayName: 'API', role: 'editor' });
    const now = at('2026-11-29T02:00:00Z');
    const { token, apiToken } = await createApiToken(db, operatorScope(siteId, now), { userId, name: 'Đồng bộ', expiresInDays: 30 });
    expect((await resolveApiToken(db, token, now))?.id).toBe(userId);
    for (const forged of ['', 'cong_', `${token}x`, token.toUpperCase(), `Bearer ${token}`, token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'))]) {
      expect(await resolveApiToken(db, forged, now)).toBeNull();
    }
    expect(await resolveApiToken(db, token, new Date(now.getTime() + 31 * 86_400_000))).toBeNull();
    await revokeApiToken(db, operatorScope(siteId, now), { tokenId: apiToken.id });
    expect(await resolveApiToken(db, token, now)).toBeNull();
  });
});
