/** The site's people (admins only): add, change role, disable, remove, reset a second factor. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { ROLES, ROLE_LABELS, addMember, listMembers, removeMember, resetTwoFactor, setAccountDisabled } from '../accounts/index.js';
import { staffOf, type AdminUiDeps } from './admin-ui.routes.js';
import { PATHS, flashOf, seeOther, sendStaffPage, withFlash } from './staff-pages.js';
import { ConfirmForm, DataTable, ErrorSummary, Form, FormActions, Panel, Select, SubmitButton, TextField, type FieldError } from './views/components.js';

type Body = Record<string, string | undefined>;

const roleOptions = (selected: string) => ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role], isSelected: role === selected }));

export function registerMembersRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  const membersPage = async (request: FastifyRequest, reply: FastifyReply, input: { values?: Body; errors?: FieldError[] } = {}, status = 200) => {
    const staff = staffOf(request);
    const members = await listMembers(deps.db, staff.scope);
    const error = (field: string) => input.errors?.find((e) => e.field === field)?.message;
    const base = (id: string) => `${PATHS.members}/${id}`;
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Thành viên',
        path: PATHS.members,
        flash: flashOf(request),
        children: (
          <>
            <DataTable
              caption={`${members.length} thành viên của ${staff.site.name}`}
              columns={[
                { key: 'name', label: 'Họ tên' },
                { key: 'email', label: 'Email' },
                { key: 'role', label: 'Vai trò' },
                { key: 'security', label: 'Bảo mật' },
                { key: 'actions', label: 'Thao tác' },
              ]}
              rowHeader="name"
              rows={members.map((member) => {
                const isSelf = member.userId === staff.scope.actor.id;
                return {
                  name: (
                    <>
                      {member.displayName}
                      {member.isDisabled && <span class="badge badge--archived"> Đã khoá</span>}
                    </>
                  ),
                  email: member.email,
                  role: isSelf ? (
                    ROLE_LABELS[member.role]
                  ) : (
                    <Form action={`${base(member.userId)}/vai-tro`} csrfToken={staff.csrfToken} class="inline-form">
                      <input type="hidden" name="email" value={member.email} />
                      <input type="hidden" name="displayName" value={member.displayName} />
                      <Select name="role" label="Vai trò" options={roleOptions(member.role)} id={`role-${member.userId}`} />
                      <SubmitButton label="Đổi" variant="secondary" />
                    </Form>
                  ),
                  security: member.hasTwoFactor ? 'Có xác thực hai lớp' : 'Chưa có xác thực hai lớp',
                  actions: isSelf ? (
                    '(bạn)'
                  ) : (
                    <div class="row-actions">
                      <ConfirmForm action={`${base(member.userId)}/khoa`} csrfToken={staff.csrfToken} label={member.isDisabled ? 'Mở khoá' : 'Khoá'} confirm={member.isDisabled ? 'Mở khoá tài khoản này?' : 'Khoá tài khoản này? Mọi phiên đăng nhập và khoá truy cập của người này kết thúc ngay.'} fields={{ disabled: member.isDisabled ? '0' : '1' }} variant="secondary" context={member.displayName} />
                      {member.hasTwoFactor && <ConfirmForm action={`${base(member.userId)}/dat-lai-2fa`} csrfToken={staff.csrfToken} label="Đặt lại 2 lớp" confirm="Xoá xác thực hai lớp của người này (khi họ mất điện thoại)?" variant="secondary" context={member.displayName} />}
                      <ConfirmForm action={`${base(member.userId)}/xoa`} csrfToken={staff.csrfToken} label="Rút khỏi trang" confirm="Rút người này khỏi trang?" context={member.displayName} />
                    </div>
                  ),
                };
              })}
              empty="Chưa có thành viên."
            />
            <Panel title="Thêm thành viên">
              {input.errors && <ErrorSummary errors={input.errors} />}
              <Form action={PATHS.members} csrfToken={staff.csrfToken}>
                <TextField name="email" label="Email" type="email" value={input.values?.email} isRequired error={error('email')} />
                <TextField name="displayName" label="Họ tên" value={input.values?.displayName} isRequired maxLength={120} error={error('displayName')} />
                <Select name="role" label="Vai trò" options={roleOptions(input.values?.role ?? 'author')} error={error('role')} />
                <TextField name="password" label="Mật khẩu ban đầu" type="password" autocomplete="new-password" help="Ít nhất 12 ký tự. Người dùng nên đổi khi đăng nhập lần đầu. Bỏ trống nếu người này đã có tài khoản trên trang khác." error={error('password')} />
                <FormActions>
                  <SubmitButton label="Thêm" />
                </FormActions>
              </Form>
            </Panel>
          </>
        ),
      },
      status,
    );
  };

  const formFailure = (request: FastifyRequest, reply: FastifyReply, values: Body) => (error: unknown) => {
    if (!(error instanceof AppError) || !error.isPublic || error.code === 'NOT_FOUND') throw error;
    return membersPage(request, reply, { values, errors: [{ field: error.field ?? 'form', message: error.message }] }, error.status);
  };

  admin.get('/thanh-vien', (request, reply) => membersPage(request, reply));

  admin.post('/thanh-vien', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await addMember(deps.db, staffOf(request).scope, { email: body.email ?? '', displayName: body.displayName ?? '', role: body.role ?? '', password: body.password ? body.password : undefined });
    } catch (error) {
      return formFailure(request, reply, { ...body, password: undefined })(error);
    }
    return seeOther(reply, withFlash(PATHS.members, 'da-them'));
  });

  admin.post<{ Params: { id: string } }>('/thanh-vien/:id/vai-tro', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await addMember(deps.db, staffOf(request).scope, { email: body.email ?? '', displayName: body.displayName ?? '', role: body.role ?? '' });
    } catch (error) {
      return formFailure(request, reply, {})(error);
    }
    return seeOther(reply, withFlash(PATHS.members, 'da-cap-nhat'));
  });

  admin.post<{ Params: { id: string } }>('/thanh-vien/:id/khoa', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    await setAccountDisabled(deps.db, staffOf(request).scope, { userId: request.params.id, isDisabled: body.disabled === '1' });
    return seeOther(reply, withFlash(PATHS.members, 'da-cap-nhat'));
  });

  admin.post<{ Params: { id: string } }>('/thanh-vien/:id/dat-lai-2fa', async (request, reply) => {
    await resetTwoFactor(deps.db, staffOf(request).scope, { userId: request.params.id });
    return seeOther(reply, withFlash(PATHS.members, 'da-cap-nhat'));
  });

  admin.post<{ Params: { id: string } }>('/thanh-vien/:id/xoa', async (request, reply) => {
    await removeMember(deps.db, staffOf(request).scope, { userId: request.params.id });
    return seeOther(reply, withFlash(PATHS.members, 'da-xoa'));
  });
}
