/** Logging in and out: /admin/login, the second-factor step, /admin/logout. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, RateLimitedError } from '../../platform/errors.js';
import { csrfTokenFor } from '../../platform/http/csrf.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { completeSecondFactor, endSession, logIn, resolveSession } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { clearSessionCookie, readStaffSession, sessionLimits, sessionTokenOf, setSessionCookie, siteOf } from './staff-auth.js';
import type { AdminUiDeps } from './admin-ui.routes.js';
import { PATHS, flashOf, safeNext, seeOther, sendHtml, withFlash } from './staff-pages.js';
import { Form, FormActions, SubmitButton, TextField } from './views/components.js';
import { LoginLayout, renderDocument } from './views/layout.js';
import type { FlashMessage } from './views/components.js';

/** Tries per address per minute on the login forms, before any database work. */
const LOGIN_RATE = { max: 20, timeWindow: 60_000 };

interface LoginBody {
  email?: string;
  password?: string;
  next?: string;
  code?: string;
}

function visitorScope(request: FastifyRequest, siteId: string): RequestScope {
  return { siteId, actor: null, clientIp: request.ip, now: new Date() };
}

export function registerAuthRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  const loginPage = (request: FastifyRequest, reply: FastifyReply, input: { email?: string; next?: string; flash?: FlashMessage }, status = 200) => {
    const site = siteOf(request, deps.sites);
    const csrfToken = csrfTokenFor(request, reply);
    return sendHtml(
      reply,
      renderDocument(
        <LoginLayout title="Đăng nhập" assets={deps.assets.urls} siteName={site.name} csrfToken={csrfToken} flash={input.flash}>
          <Form action={PATHS.login} csrfToken={csrfToken}>
            <input type="hidden" name="next" value={safeNext(input.next)} />
            <TextField name="email" label="Email" type="email" value={input.email ?? ''} autocomplete="username" isRequired maxLength={254} />
            <TextField name="password" label="Mật khẩu" type="password" autocomplete="current-password" isRequired maxLength={256} />
            <FormActions>
              <SubmitButton label="Đăng nhập" />
            </FormActions>
          </Form>
          <p class="help">Quên mật khẩu? Hãy nhờ quản trị của trang đặt lại.</p>
        </LoginLayout>,
      ),
      status,
    );
  };

  const errorFlash = (error: AppError): FlashMessage => ({ kind: 'error', message: error.message });

  admin.get('/login', { config: { isWithoutSession: true } }, async (request, reply) => {
    if (await readStaffSession(request, deps)) return seeOther(reply, PATHS.home);
    const query = request.query as Record<string, unknown>;
    return loginPage(request, reply, { next: typeof query.next === 'string' ? query.next : undefined, flash: flashOf(request) });
  });

  admin.post('/login', { config: { isWithoutSession: true, rateLimit: LOGIN_RATE } }, async (request, reply) => {
    const body = (request.body ?? {}) as LoginBody;
    const email = typeof body.email === 'string' ? body.email.slice(0, 254) : '';
    const site = siteOf(request, deps.sites);
    try {
      const result = await logIn(deps.db, visitorScope(request, site.id), { email, password: typeof body.password === 'string' ? body.password : '', userAgent: request.headers['user-agent'] ?? '', limits: sessionLimits(deps.staff) });
      // A new session id at every login: a planted cookie never becomes a logged-in one.
      const old = sessionTokenOf(request);
      if (old) await endSession(deps.db, old);
      setSessionCookie(request, reply, result.session.token);
      const next = safeNext(body.next);
      return seeOther(reply, result.isAwaitingSecondFactor ? `${PATHS.secondFactor}?next=${encodeURIComponent(next)}` : next);
    } catch (error) {
      if (!(error instanceof AppError) || !error.isPublic) throw error;
      if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
      return loginPage(request, reply, { email, next: body.next, flash: errorFlash(error) }, error.status);
    }
  });

  const pendingSession = async (request: FastifyRequest) => {
    const token = sessionTokenOf(request);
    const session = token ? await resolveSession(deps.db, token, { now: new Date(), limits: sessionLimits(deps.staff) }) : null;
    return session?.isAwaitingSecondFactor ? session : null;
  };

  const secondFactorPage = (request: FastifyRequest, reply: FastifyReply, input: { next?: string; flash?: FlashMessage }, status = 200) => {
    const site = siteOf(request, deps.sites);
    const csrfToken = csrfTokenFor(request, reply);
    return sendHtml(
      reply,
      renderDocument(
        <LoginLayout title="Xác thực hai lớp" assets={deps.assets.urls} siteName={site.name} csrfToken={csrfToken} flash={input.flash}>
          <p>Mở ứng dụng xác thực trên điện thoại và nhập mã 6 chữ số đang hiện. Mất điện thoại? Dùng một mã khôi phục.</p>
          <Form action={PATHS.secondFactor} csrfToken={csrfToken}>
            <input type="hidden" name="next" value={safeNext(input.next)} />
            <TextField name="code" label="Mã xác thực" autocomplete="one-time-code" inputMode="numeric" isRequired maxLength={32} isShort />
            <FormActions>
              <SubmitButton label="Xác nhận" />
            </FormActions>
          </Form>
        </LoginLayout>,
      ),
      status,
    );
  };

  admin.get('/xac-thuc', { config: { isWithoutSession: true } }, async (request, reply) => {
    if (!(await pendingSession(request))) return seeOther(reply, withFlash(PATHS.login, 'het-phien'));
    const query = request.query as Record<string, unknown>;
    return secondFactorPage(request, reply, { next: typeof query.next === 'string' ? query.next : undefined });
  });

  admin.post('/xac-thuc', { config: { isWithoutSession: true, rateLimit: LOGIN_RATE } }, async (request, reply) => {
    const body = (request.body ?? {}) as LoginBody;
    const session = await pendingSession(request);
    if (!session) return seeOther(reply, withFlash(PATHS.login, 'het-phien'));
    const site = siteOf(request, deps.sites);
    try {
      await completeSecondFactor(deps.db, visitorScope(request, site.id), { sessionId: session.id, userId: session.user.id, code: typeof body.code === 'string' ? body.code : '' });
      return seeOther(reply, safeNext(body.next));
    } catch (error) {
      if (!(error instanceof AppError) || !error.isPublic) throw error;
      if (error instanceof RateLimitedError) return seeOther(reply, withFlash(PATHS.login, 'het-phien'));
      return secondFactorPage(request, reply, { next: body.next, flash: errorFlash(error) }, error.status);
    }
  });

  admin.post('/logout', { config: { isWithoutSession: true, isBeforeTwoFactor: true } }, async (request, reply) => {
    const token = sessionTokenOf(request);
    const staff = await readStaffSession(request, deps);
    if (token) await endSession(deps.db, token);
    if (staff) await recordAudit(deps.db, staff.scope, { action: 'logout', targetType: 'user', targetId: staff.scope.actor.label, siteId: null });
    clearSessionCookie(request, reply);
    return seeOther(reply, withFlash(PATHS.login, 'da-dang-xuat'));
  });
}
