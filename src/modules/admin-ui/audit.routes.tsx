/** The audit log (admins): who did what, when and from where, filterable. */
import type { FastifyInstance } from 'fastify';
import { requirePermission } from '../accounts/index.js';
import { findAuditEntries } from '../audit/index.js';
import { staffOf, type AdminUiDeps } from './admin-ui.routes.js';
import { PATHS, sendStaffPage } from './staff-pages.js';
import { DataTable, Form, Pagination, SubmitButton, TextField, Time, parseVietnamDateTimeLocal } from './views/components.js';

const PAGE_SIZE = 50;

/** Actions in words; an unknown one shows its code. */
const ACTION_LABELS: Record<string, string> = {
  'login.succeeded': 'Đăng nhập',
  'login.password_ok': 'Đúng mật khẩu, chờ mã 2 lớp',
  'login.failed': 'Đăng nhập thất bại',
  'login.second_factor_failed': 'Sai mã xác thực 2 lớp',
  logout: 'Đăng xuất',
  'logout.everywhere': 'Đăng xuất khỏi mọi nơi',
  'article.created': 'Tạo bài',
  'article.saved': 'Lưu bài',
  'article.submitted': 'Gửi duyệt',
  'article.returned': 'Trả lại',
  'article.published': 'Xuất bản',
  'article.force_published': 'Tự xuất bản (có lý do)',
  'article.unpublished': 'Gỡ xuống',
  'article.archived': 'Lưu trữ',
  'article.revision_restored': 'Khôi phục phiên bản',
  'article.second_look_done': 'Đã xem lại',
  'member.added': 'Thêm thành viên',
  'member.role_set': 'Đổi vai trò',
  'member.removed': 'Rút thành viên',
  'account.disabled': 'Khoá tài khoản',
  'account.enabled': 'Mở khoá tài khoản',
  'account.password_reset': 'Đặt lại mật khẩu',
  'account.password_changed': 'Đổi mật khẩu',
  'account.2fa_enabled': 'Bật xác thực 2 lớp',
  'account.2fa_reset': 'Đặt lại xác thực 2 lớp',
  'token.created': 'Tạo khoá truy cập',
  'token.revoked': 'Thu hồi khoá truy cập',
  'media.uploaded': 'Tải tệp lên',
  'media.described': 'Sửa mô tả tệp',
  'media.deleted': 'Xoá tệp',
};

export function registerAuditRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  admin.get('/nhat-ky', async (request, reply) => {
    const staff = staffOf(request);
    requirePermission(staff.scope.actor, 'audit.read');
    const query = request.query as Record<string, string | undefined>;
    const page = Math.min(Math.max(1, Number.parseInt(query.trang ?? '1', 10) || 1), 10_000);
    const filter = { action: (query.hanh_dong ?? '').slice(0, 60), actor: (query.nguoi ?? '').slice(0, 254), from: query.tu ?? '', to: query.den ?? '' };
    const result = await findAuditEntries(deps.db, {
      siteId: staff.site.id,
      isIncludingInstallation: true,
      action: filter.action || undefined,
      actorLabel: filter.actor || undefined,
      from: (filter.from && parseVietnamDateTimeLocal(filter.from)) || undefined,
      to: (filter.to && parseVietnamDateTimeLocal(filter.to)) || undefined,
      page,
      pageSize: PAGE_SIZE,
    });
    const qs = new URLSearchParams({ hanh_dong: filter.action, nguoi: filter.actor, tu: filter.from, den: filter.to });
    return sendStaffPage(reply, staff.frame, {
      title: 'Nhật ký hoạt động',
      path: PATHS.audit,
      children: (
        <>
          <Form action={PATHS.audit} method="get" class="filter-form">
            <TextField name="hanh_dong" label="Hành động (mã, ví dụ article hoặc login.failed)" value={filter.action} />
            <TextField name="nguoi" label="Người thực hiện (email)" value={filter.actor} type="email" />
            <TextField name="tu" label="Từ (yyyy-mm-ddThh:mm)" value={filter.from} />
            <TextField name="den" label="Đến" value={filter.to} />
            <SubmitButton label="Lọc" variant="secondary" />
          </Form>
          <DataTable
            caption={`${result.total} mục, mới nhất trước`}
            columns={[
              { key: 'time', label: 'Thời điểm' },
              { key: 'actor', label: 'Người thực hiện' },
              { key: 'action', label: 'Hành động' },
              { key: 'target', label: 'Đối tượng' },
              { key: 'detail', label: 'Chi tiết' },
              { key: 'ip', label: 'Địa chỉ IP' },
            ]}
            rows={result.items.map((entry) => ({
              time: <Time value={entry.createdAt} />,
              actor: entry.actorLabel || '—',
              action: ACTION_LABELS[entry.action] ?? entry.action,
              target: entry.targetType === 'article' ? <a href={PATHS.article(entry.targetId)}>{String(entry.detail.title ?? entry.targetId)}</a> : entry.targetId,
              detail: Object.entries(entry.detail)
                .filter(([key]) => key !== 'title')
                .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
                .join('; '),
              ip: entry.ip,
            }))}
            empty="Không có mục nào khớp."
          />
          <Pagination page={page} pageCount={Math.max(1, Math.ceil(result.total / PAGE_SIZE))} hrefFor={(p) => `${PATHS.audit}?${qs.toString()}&trang=${p}`} />
        </>
      ),
    });
  });
}
