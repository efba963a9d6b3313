/** The audit log (admins): who did what, when and from where, filterable. */
import type { FastifyInstance } from 'fastify';
import { AGENCY_AUDIT_ACTIONS } from '../agency/index.js';
import { QUESTION_AUDIT_ACTIONS } from '../questions/index.js';
import { CONSULTATION_AUDIT_ACTIONS } from '../consultations/index.js';
import { INFORMATION_AUDIT_ACTIONS } from '../information-access/index.js';
import { requirePermission } from '../accounts/index.js';
import { findAuditEntries } from '../audit/index.js';
import { staffOf, type AdminUiDeps } from './admin-ui.routes.js';
import { PATHS, sendStaffPage } from './staff-pages.js';
import { DataTable, Form, Pagination, SubmitButton, TextField, Time, parseVietnamDateTimeLocal } from './views/components.js';

const PAGE_SIZE = 50;

/** Actions in words; an unknown one shows its code. */
export const ACTION_LABELS: Record<string, string> = {
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
  'article.translation_created': 'Tạo bản tiếng Anh',
  'member.added': 'Thêm thành viên',
  'member.role_set': 'Đổi vai trò',
  'member.removed': 'Rút thành viên',
  'account.disabled': 'Khoá tài khoản',
  'account.enabled': 'Mở khoá tài khoản',
  'account.password_reset': 'Đặt lại mật khẩu',
  'account.password_changed': 'Đổi mật khẩu',
  'account.2fa_enabled': 'Bật xác thực 2 lớp',
  'account.2fa_reset': 'Đặt lại xác thực 2 lớp',
  'account.recovery_codes_renewed': 'Tạo lại mã khôi phục',
  'token.created': 'Tạo khoá truy cập',
  'token.revoked': 'Thu hồi khoá truy cập',
  'media.uploaded': 'Tải tệp lên',
  'media.described': 'Sửa mô tả tệp',
  'media.deleted': 'Xoá tệp',
  'site.settings_updated': 'Sửa thông tin trang',
  'category.created': 'Thêm chuyên mục',
  'category.renamed': 'Đổi tên chuyên mục',
  'category.moved': 'Chuyển chuyên mục',
  'category.reordered': 'Sắp xếp chuyên mục',
  'category.deleted': 'Xoá chuyên mục',
  'menu.item_added': 'Thêm mục menu',
  'menu.item_updated': 'Sửa mục menu',
  'menu.item_reordered': 'Sắp xếp menu',
  'menu.item_deleted': 'Xoá mục menu',
  'banner.added': 'Thêm banner',
  'banner.updated': 'Sửa banner',
  'banner.reordered': 'Sắp xếp banner',
  'banner.deleted': 'Xoá banner',
  'sidebar_block.added': 'Thêm khối bên lề',
  'sidebar_block.updated': 'Sửa khối bên lề',
  'sidebar_block.reordered': 'Sắp xếp khối bên lề',
  'sidebar_block.deleted': 'Xoá khối bên lề',
  'document.created': 'Tạo văn bản',
  'document.imported': 'Nhập văn bản từ bảng tính',
  'document.import': 'Nhập bảng tính văn bản',
  'document.saved': 'Lưu văn bản',
  'document.published': 'Xuất bản văn bản',
  'document.unpublished': 'Gỡ văn bản',
  'document.replaced': 'Ghi văn bản bị thay thế',
  'document.replacement_cleared': 'Bỏ ghi văn bản thay thế',
  'document.related': 'Thêm văn bản liên quan',
  'document.unrelated': 'Bỏ văn bản liên quan',
  'document.file_attached': 'Đính kèm tệp vào văn bản',
  'document.file_detached': 'Gỡ tệp khỏi văn bản',
  'document_type.created': 'Thêm loại văn bản',
  'document_type.updated': 'Sửa loại văn bản',
  'document_type.deleted': 'Xoá loại văn bản',
  'document_field.created': 'Thêm lĩnh vực văn bản',
  'document_field.updated': 'Sửa lĩnh vực văn bản',
  'document_field.deleted': 'Xoá lĩnh vực văn bản',
  'indicator.created': 'Tạo chỉ tiêu',
  'indicator.updated': 'Sửa chỉ tiêu',
  'indicator.values_replaced': 'Lưu số liệu chỉ tiêu',
  'indicator.published': 'Xuất bản chỉ tiêu',
  'indicator.unpublished': 'Gỡ chỉ tiêu',
  'procedure.created': 'Tạo thủ tục',
  'procedure.imported': 'Nhập thủ tục từ bảng tính',
  'procedure.import': 'Nhập bảng tính thủ tục',
  'procedure.saved': 'Lưu thủ tục',
  'procedure.published': 'Xuất bản thủ tục',
  'procedure.unpublished': 'Gỡ thủ tục',
  'procedure.file_attached': 'Đính kèm mẫu đơn',
  'procedure.file_detached': 'Gỡ mẫu đơn',
  'procedure_field.created': 'Thêm lĩnh vực thủ tục',
  'procedure_field.updated': 'Sửa lĩnh vực thủ tục',
  'procedure_field.deleted': 'Xoá lĩnh vực thủ tục',
  'schedule.created': 'Thêm mục lịch',
  'schedule.updated': 'Sửa mục lịch',
  'schedule.deleted': 'Xoá mục lịch',
  'schedule.week_published': 'Công bố lịch tuần',
  'schedule.published': 'Công bố mục lịch',
  'schedule.postponed': 'Hoãn mục lịch',
  'schedule.cancelled': 'Huỷ mục lịch',
  'schedule.restored': 'Khôi phục mục lịch',
  'schedule.unpublished': 'Gỡ mục lịch',
  'schedule.recurring_copied': 'Chép lịch lặp lại',
  'project.created': 'Tạo dự án, gói thầu',
  'project.saved': 'Lưu dự án, gói thầu',
  'project.published': 'Xuất bản dự án, gói thầu',
  'project.unpublished': 'Gỡ dự án, gói thầu',
  'project.file_attached': 'Đính kèm tệp vào dự án',
  'project.file_detached': 'Gỡ tệp khỏi dự án',
  ...QUESTION_AUDIT_ACTIONS,
  ...CONSULTATION_AUDIT_ACTIONS,
  ...INFORMATION_AUDIT_ACTIONS,
  'holiday.added': 'Thêm ngày nghỉ lễ',
  'holiday.deleted': 'Xoá ngày nghỉ lễ',
  'rating.export': 'Xuất kết quả đánh giá trang',
  ...AGENCY_AUDIT_ACTIONS,
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
