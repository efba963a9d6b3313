/** The staff member's own account: password, two-factor login, access tokens, sessions. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import {
  ROLE_LABELS,
  beginTotpSetup,
  changeOwnPassword,
  confirmTotpSetup,
  createApiToken,
  endAllSessions,
  isRole,
  listApiTokens,
  MIN_PASSWORD_LENGTH,
  pendingTotpSetup,
  regenerateRecoveryCodes,
  revokeApiToken,
  startSession,
} from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { staffOf, type AdminUiDeps, type StaffRequestContext } from './admin-ui.routes.js';
import { clearSessionCookie, sessionLimits, setSessionCookie } from './staff-auth.js';
import { PATHS, flashOf, seeOther, sendStaffPage, withFlash } from './staff-pages.js';
import { ConfirmForm, DataTable, DescriptionList, Form, FormActions, Panel, SubmitButton, TextField, Time, TrustedHtml, type FieldError, type FlashMessage } from './views/components.js';

type Body = Record<string, string | undefined>;

function fieldErrors(error: unknown): FieldError[] {
  return error instanceof AppError && error.isPublic ? [{ field: error.field ?? 'form', message: error.message }] : [];
}

export function registerAccountRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  const accountPage = async (request: FastifyRequest, reply: FastifyReply, input: { errors?: FieldError[]; flash?: FlashMessage; newToken?: string } = {}, status = 200) => {
    const staff = staffOf(request);
    const { actor } = staff.scope;
    const tokens = await listApiTokens(deps.db, staff.scope);
    const user = staff.session.user;
    const error = (field: string) => input.errors?.find((e) => e.field === field)?.message;
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Tài khoản của tôi',
        path: PATHS.account,
        flash: input.flash ?? flashOf(request),
        children: (
          <>
            <Panel title="Thông tin">
              <DescriptionList
                items={[
                  { term: 'Họ tên', details: actor.displayName },
                  { term: 'Email đăng nhập', details: actor.label },
                  { term: 'Vai trò trên trang này', details: actor.isSuperAdmin ? 'Quản trị hệ thống' : isRole(actor.role) ? ROLE_LABELS[actor.role] : 'Không có' },
                  { term: 'Xác thực hai lớp', details: user.totp_enabled_at ? 'Đang bật' : 'Chưa bật' },
                ]}
              />
            </Panel>
            <Panel title="Đổi mật khẩu">
              <Form action={`${PATHS.account}/mat-khau`} csrfToken={staff.csrfToken}>
                <TextField name="currentPassword" label="Mật khẩu hiện tại" type="password" autocomplete="current-password" isRequired error={error('currentPassword')} />
                <TextField name="newPassword" label="Mật khẩu mới" type="password" autocomplete="new-password" isRequired minLength={MIN_PASSWORD_LENGTH} help={`Ít nhất ${MIN_PASSWORD_LENGTH} ký tự; một câu dễ nhớ là tốt nhất. Không dùng email hay mật khẩu phổ biến.`} error={error('password')} />
                <FormActions>
                  <SubmitButton label="Đổi mật khẩu" />
                </FormActions>
              </Form>
            </Panel>
            <Panel title="Xác thực hai lớp">
              {user.totp_enabled_at ? (
                <>
                  <p>Đang bật từ <Time value={user.totp_enabled_at} />. Khi đăng nhập, bạn nhập thêm mã từ ứng dụng xác thực.</p>
                  <ConfirmForm action={`${PATHS.account}/ma-khoi-phuc`} csrfToken={staff.csrfToken} label="Tạo bộ mã khôi phục mới" confirm="Các mã khôi phục cũ sẽ hết hiệu lực. Tiếp tục?" variant="secondary" />
                </>
              ) : (
                <p>
                  <a href={PATHS.twoFactor}>Cài đặt xác thực hai lớp</a> bằng một ứng dụng như Google Authenticator, Microsoft Authenticator hoặc FreeOTP.
                </p>
              )}
            </Panel>
            <Panel title="Khoá truy cập API">
              <p>Khoá truy cập cho phép chương trình khác gọi API quản trị với quyền của bạn. Khoá chỉ hiện một lần khi tạo.</p>
              {input.newToken && (
                <div class="flash flash--success" role="status">
                  <strong>Khoá mới (chép ngay, sẽ không hiện lại):</strong> <code class="token">{input.newToken}</code>
                </div>
              )}
              <DataTable
                caption="Khoá truy cập của bạn"
                columns={[
                  { key: 'name', label: 'Tên' },
                  { key: 'prefix', label: 'Bắt đầu bằng' },
                  { key: 'created', label: 'Tạo lúc' },
                  { key: 'used', label: 'Dùng lần cuối' },
                  { key: 'action', label: 'Thao tác' },
                ]}
                rowHeader="name"
                rows={tokens.map((token) => ({
                  name: token.name,
                  prefix: <code>{token.prefix}…</code>,
                  created: <Time value={token.createdAt} />,
                  used: token.lastUsedAt ? <Time value={token.lastUsedAt} /> : 'Chưa dùng',
                  action: token.isRevoked ? 'Đã thu hồi' : <ConfirmForm action={`${PATHS.account}/khoa-truy-cap/${token.id}/thu-hoi`} csrfToken={staff.csrfToken} label="Thu hồi" confirm="Thu hồi khoá này? Chương trình đang dùng nó sẽ không gọi được nữa." context={token.name} />,
                }))}
                empty="Bạn chưa tạo khoá nào."
              />
              <Form action={`${PATHS.account}/khoa-truy-cap`} csrfToken={staff.csrfToken}>
                <TextField name="name" label="Tên khoá mới" help="Dùng ở đâu, cho việc gì (ví dụ: Đồng bộ văn bản)." isRequired maxLength={100} error={error('name')} />
                <FormActions>
                  <SubmitButton label="Tạo khoá" variant="secondary" />
                </FormActions>
              </Form>
            </Panel>
            <Panel title="Phiên đăng nhập">
              <p>Đăng xuất khỏi mọi máy và trình duyệt đang đăng nhập bằng tài khoản này, kể cả máy này.</p>
              <ConfirmForm action={`${PATHS.account}/dang-xuat-moi-noi`} csrfToken={staff.csrfToken} label="Đăng xuất khỏi mọi nơi" confirm="Đăng xuất khỏi mọi nơi?" />
            </Panel>
          </>
        ),
      },
      status,
    );
  };

  admin.get('/tai-khoan', { config: { isBeforeTwoFactor: true } }, (request, reply) => accountPage(request, reply));

  // Sessions are per host: switching goes to the other site's own staff area (its stored
  // origin), where the staff member logs in if they have not yet.
  admin.get('/chuyen-trang', async (request, reply) => {
    const staff = staffOf(request);
    const wanted = (request.query as Record<string, unknown>).site;
    const site = staff.frame.sites?.find((choice) => choice.id === wanted);
    if (!site) return seeOther(reply, PATHS.home);
    const target = deps.sites.list().find((s) => s.id === site.id)!;
    return reply.code(303).header('location', `${target.origin}${PATHS.home}`).header('cache-control', 'no-store').send();
  });

  admin.post('/tai-khoan/mat-khau', { config: { isBeforeTwoFactor: true, rateLimit: { max: 10, timeWindow: 60_000 } } }, async (request, reply) => {
    const staff = staffOf(request);
    const body = (request.body ?? {}) as Body;
    try {
      await changeOwnPassword(deps.db, staff.scope, { currentPassword: body.currentPassword ?? '', newPassword: body.newPassword ?? '' });
    } catch (error) {
      if (!(error instanceof AppError) || !error.isPublic) throw error;
      return accountPage(request, reply, { errors: fieldErrors(error), flash: { kind: 'error', message: error.message } }, error.status);
    }
    // Every session ended with the change; this browser continues in a fresh one.
    const session = await startSession(deps.db, { userId: staff.scope.actor.id, ip: request.ip, userAgent: request.headers['user-agent'] ?? '', isAwaitingSecondFactor: false, now: new Date(), limits: sessionLimits(deps.staff) });
    setSessionCookie(request, reply, session.token);
    return seeOther(reply, withFlash(PATHS.account, 'da-doi-mat-khau'));
  });

  admin.post('/tai-khoan/dang-xuat-moi-noi', { config: { isBeforeTwoFactor: true } }, async (request, reply) => {
    const staff = staffOf(request);
    await endAllSessions(deps.db, staff.scope.actor.id);
    await recordAudit(deps.db, staff.scope, { action: 'logout.everywhere', targetType: 'user', targetId: staff.scope.actor.id, siteId: null });
    clearSessionCookie(request, reply);
    return seeOther(reply, withFlash(PATHS.login, 'da-dang-xuat'));
  });

  admin.post('/tai-khoan/khoa-truy-cap', async (request, reply) => {
    const staff = staffOf(request);
    const body = (request.body ?? {}) as Body;
    try {
      const { token } = await createApiToken(deps.db, staff.scope, { name: body.name ?? '' });
      return accountPage(request, reply, { newToken: token, flash: { kind: 'success', message: 'Đã tạo khoá truy cập.' } });
    } catch (error) {
      if (!(error instanceof AppError) || !error.isPublic) throw error;
      return accountPage(request, reply, { errors: fieldErrors(error) }, error.status);
    }
  });

  admin.post<{ Params: { id: string } }>('/tai-khoan/khoa-truy-cap/:id/thu-hoi', async (request, reply) => {
    await revokeApiToken(deps.db, staffOf(request).scope, { tokenId: request.params.id });
    return seeOther(reply, withFlash(PATHS.account, 'da-thu-hoi'));
  });

  admin.post('/tai-khoan/ma-khoi-phuc', async (request, reply) => {
    const staff = staffOf(request);
    const codes = await regenerateRecoveryCodes(deps.db, staff.scope);
    return recoveryCodesPage(reply, staff, codes);
  });

  const setupPage = async (request: FastifyRequest, reply: FastifyReply, input: { error?: string } = {}, status = 200) => {
    const staff = staffOf(request);
    if (staff.session.user.totp_enabled_at) return seeOther(reply, PATHS.account);
    const setup = (await pendingTotpSetup(deps.db, staff.scope)) ?? (await beginTotpSetup(deps.db, staff.scope));
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Cài đặt xác thực hai lớp',
        path: PATHS.account,
        flash: input.error ? { kind: 'error', message: input.error } : flashOf(request),
        children: (
          <Panel title="Ba bước">
            <ol>
              <li>Cài một ứng dụng xác thực trên điện thoại (Google Authenticator, Microsoft Authenticator, FreeOTP…).</li>
              <li>
                Quét mã QR dưới đây, hoặc nhập khoá bí mật <code class="token">{setup.secret}</code>.
                <div class="qr-code" role="img" aria-label="Mã QR để thêm tài khoản vào ứng dụng xác thực">
                  <TrustedHtml trustedHtml={setup.qrSvg} />
                </div>
              </li>
              <li>Nhập mã 6 chữ số ứng dụng đang hiện để xác nhận.</li>
            </ol>
            <Form action={PATHS.twoFactor} csrfToken={staff.csrfToken}>
              <TextField name="code" label="Mã xác thực" autocomplete="one-time-code" inputMode="numeric" isRequired maxLength={10} isShort error={input.error} />
              <FormActions>
                <SubmitButton label="Bật xác thực hai lớp" />
              </FormActions>
            </Form>
          </Panel>
        ),
      },
      status,
    );
  };

  admin.get('/tai-khoan/xac-thuc-hai-lop', { config: { isBeforeTwoFactor: true } }, (request, reply) => setupPage(request, reply));

  admin.post('/tai-khoan/xac-thuc-hai-lop', { config: { isBeforeTwoFactor: true, rateLimit: { max: 10, timeWindow: 60_000 } } }, async (request, reply) => {
    const staff = staffOf(request);
    const body = (request.body ?? {}) as Body;
    try {
      const codes = await confirmTotpSetup(deps.db, staff.scope, { code: body.code ?? '' });
      return recoveryCodesPage(reply, staff, codes);
    } catch (error) {
      if (!(error instanceof AppError) || !error.isPublic) throw error;
      return setupPage(request, reply, { error: error.message }, error.status);
    }
  });
}

function recoveryCodesPage(reply: FastifyReply, staff: StaffRequestContext, codes: string[]) {
  return sendStaffPage(reply, staff.frame, {
    title: 'Mã khôi phục',
    path: PATHS.account,
    flash: { kind: 'success', message: 'Xác thực hai lớp đang bật. Hãy cất giữ các mã khôi phục dưới đây.' },
    children: (
      <Panel title="Mười mã, mỗi mã dùng một lần">
        <p>Dùng một mã khi không có điện thoại. Hãy in hoặc chép ra nơi an toàn: trang này chỉ hiện các mã một lần.</p>
        <ul class="recovery-codes">
          {codes.map((code) => (
            <li>
              <code>{code}</code>
            </li>
          ))}
        </ul>
        <p>
          <a href={PATHS.home}>Tiếp tục vào trang quản trị</a>
        </p>
      </Panel>
    ),
  });
}
