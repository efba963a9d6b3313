/**
 * What every staff page shares: the navigation the actor's role opens, the flash message
 * of the last action (a code in the query, so nothing per user is stored), and the
 * rendering into the admin layout.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { isSafeLocation } from '../../platform/http/canonical-path.js';
import type { Actor } from '../../platform/http/request-scope.js';
import { hasPermission } from '../accounts/index.js';
import type { Site } from '../sites/index.js';
import type { AdminAssetUrls } from './admin-assets.js';
import { AdminLayout, renderDocument, type AdminSiteChoice, type Crumb, type IslandName } from './views/layout.js';
import type { FlashMessage } from './views/components.js';

export const ADMIN = '/admin';
export const PATHS = {
  home: ADMIN,
  login: `${ADMIN}/login`,
  logout: `${ADMIN}/logout`,
  secondFactor: `${ADMIN}/xac-thuc`,
  articles: `${ADMIN}/bai-viet`,
  newArticle: `${ADMIN}/bai-viet/moi`,
  article: (id: string) => `${ADMIN}/bai-viet/${id}`,
  documents: `${ADMIN}/van-ban`,
  indicators: `${ADMIN}/chi-tieu`,
  agency: `${ADMIN}/co-quan`,
  publicServices: `${ADMIN}/thu-tuc`,
  workSchedule: `${ADMIN}/lich-cong-tac`,
  projects: `${ADMIN}/du-an`,
  questions: `${ADMIN}/hoi-dap`,
  ratings: `${ADMIN}/danh-gia`,
  holidays: `${ADMIN}/ngay-nghi`,
  consultations: `${ADMIN}/du-thao`,
  informationRequests: `${ADMIN}/tiep-can-thong-tin`,
  media: `${ADMIN}/thu-vien`,
  upload: `${ADMIN}/media`,
  members: `${ADMIN}/thanh-vien`,
  account: `${ADMIN}/tai-khoan`,
  twoFactor: `${ADMIN}/tai-khoan/xac-thuc-hai-lop`,
  audit: `${ADMIN}/nhat-ky`,
  switchSite: `${ADMIN}/chuyen-trang`,
} as const;

/** Messages a redirect may ask the next page to show (`?tb=<code>`). */
const FLASHES: Record<string, FlashMessage> = {
  'da-luu': { kind: 'success', message: 'Đã lưu.' },
  'da-tao': { kind: 'success', message: 'Đã tạo bản nháp. Bài viết tự lưu khi bạn soạn.' },
  'da-gui-duyet': { kind: 'success', message: 'Đã gửi bài để duyệt.' },
  'da-tra-lai': { kind: 'success', message: 'Đã trả lại bài cho người viết kèm lời nhắn.' },
  'da-xuat-ban': { kind: 'success', message: 'Đã xuất bản: bài hiện trên trang công khai ngay.' },
  'da-len-lich': { kind: 'success', message: 'Đã lên lịch xuất bản.' },
  'da-go-xuong': { kind: 'success', message: 'Đã gỡ bài khỏi trang công khai.' },
  'da-luu-tru': { kind: 'success', message: 'Đã chuyển bài vào lưu trữ.' },
  'da-khoi-phuc': { kind: 'success', message: 'Đã khôi phục phiên bản cũ thành bản đang soạn.' },
  'da-xem-lai': { kind: 'success', message: 'Đã ghi nhận việc xem lại.' },
  'da-tao-ban-dich': { kind: 'success', message: 'Đã tạo bản nháp tiếng Anh từ bài gốc: hãy dịch tiêu đề, sapo và nội dung rồi gửi duyệt như mọi bài.' },
  'da-co-ban-dich': { kind: 'info', message: 'Bài đã có bản tiếng Anh: đây là bản đó.' },
  'da-doi-mat-khau': { kind: 'success', message: 'Đã đổi mật khẩu. Mọi phiên đăng nhập khác đã kết thúc.' },
  'da-bat-2fa': { kind: 'success', message: 'Đã bật xác thực hai lớp.' },
  'can-2fa': { kind: 'info', message: 'Vai trò của bạn bắt buộc xác thực hai lớp: hãy cài đặt trước khi tiếp tục.' },
  'da-them': { kind: 'success', message: 'Đã thêm thành viên.' },
  'da-cap-nhat': { kind: 'success', message: 'Đã cập nhật.' },
  'da-xoa': { kind: 'success', message: 'Đã xoá.' },
  'da-thu-hoi': { kind: 'success', message: 'Đã thu hồi khoá truy cập.' },
  'da-tai-len': { kind: 'success', message: 'Đã tải tệp lên.' },
  'het-phien': { kind: 'info', message: 'Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.' },
  'da-dang-xuat': { kind: 'success', message: 'Bạn đã đăng xuất.' },
};

export function flashOf(request: FastifyRequest): FlashMessage | undefined {
  const code = (request.query as Record<string, unknown> | undefined)?.tb;
  return typeof code === 'string' ? FLASHES[code] : undefined;
}

export function withFlash(path: string, code: keyof typeof FLASHES | string): string {
  return `${path}${path.includes('?') ? '&' : '?'}tb=${encodeURIComponent(code)}`;
}

/** A redirect after a form (303: the browser follows with GET), only to staff paths of this site. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  if (!location.startsWith(`${ADMIN}/`) && location !== ADMIN && !isSafeLocation(location)) throw new Error(`unsafe staff redirect ${location}`);
  return reply.code(303).header('location', location).header('cache-control', 'no-store').send();
}

/** A `next` parameter is followed only when it is a plain staff path (no open redirect). */
export function safeNext(raw: unknown): string {
  return typeof raw === 'string' && /^\/admin(?:\/[A-Za-z0-9\-/]*)?(?:\?[A-Za-z0-9=&\-_]*)?$/.test(raw) && !raw.includes('//') ? raw : ADMIN;
}

export interface PageFrame {
  assets: AdminAssetUrls;
  site: Site;
  actor: Actor;
  csrfToken: string;
  /** Staff counts for the nav badges. */
  waitingCount?: number;
  /** Sites the staff member may switch to (a switcher shows when there are several). */
  sites?: AdminSiteChoice[];
}

export function staffNav(frame: PageFrame, currentPath: string) {
  const item = (href: string, label: string, badge?: number) => ({ href, label, badge, isCurrent: href === ADMIN ? currentPath === ADMIN : currentPath.startsWith(href) });
  const { actor } = frame;
  return [
    item(PATHS.home, 'Tổng quan'),
    item(PATHS.articles, 'Bài viết', hasPermission(actor, 'article.publish') ? frame.waitingCount : undefined),
    ...(hasPermission(actor, 'document.edit') ? [item(PATHS.documents, 'Văn bản')] : []),
    ...(hasPermission(actor, 'indicator.edit') ? [item(PATHS.indicators, 'Chỉ tiêu')] : []),
    ...(hasPermission(actor, 'procedure.edit') ? [item(PATHS.publicServices, 'Thủ tục hành chính')] : []),
    ...(hasPermission(actor, 'schedule.edit') ? [item(PATHS.workSchedule, 'Lịch công tác')] : []),
    ...(hasPermission(actor, 'project.edit') ? [item(PATHS.projects, 'Dự án, đấu thầu')] : []),
    ...(hasPermission(actor, 'agency.edit') ? [item(PATHS.agency, 'Cơ quan')] : []),
    ...(hasPermission(actor, 'question.answer') ? [item(PATHS.questions, 'Hỏi đáp')] : []),
    ...(hasPermission(actor, 'consultation.edit') ? [item(PATHS.consultations, 'Lấy ý kiến dự thảo')] : []),
    ...(hasPermission(actor, 'information_request.handle') ? [item(PATHS.informationRequests, 'Tiếp cận thông tin')] : []),
    ...(hasPermission(actor, 'rating.read') ? [item(PATHS.ratings, 'Đánh giá của bạn đọc')] : []),
    ...(hasPermission(actor, 'holiday.manage') ? [item(PATHS.holidays, 'Ngày nghỉ lễ')] : []),
    ...(hasPermission(actor, 'media.upload') ? [item(PATHS.media, 'Thư viện tệp')] : []),
    ...(hasPermission(actor, 'site.structure') ? [item(`${ADMIN}/chuyen-muc`, 'Chuyên mục'), item(`${ADMIN}/menu`, 'Menu'), item(`${ADMIN}/banner`, 'Banner'), item(`${ADMIN}/khoi-ben-le`, 'Khối bên lề')] : []),
    ...(hasPermission(actor, 'site.settings') ? [item(`${ADMIN}/thong-tin-trang`, 'Thông tin trang')] : []),
    ...(hasPermission(actor, 'site.members') ? [item(PATHS.members, 'Thành viên')] : []),
    ...(hasPermission(actor, 'audit.read') ? [item(PATHS.audit, 'Nhật ký')] : []),
    item(PATHS.account, 'Tài khoản'),
  ];
}

export interface StaffPageInput {
  title: string;
  heading?: ComponentChildren;
  path: string;
  breadcrumbs?: Crumb[];
  actions?: ComponentChildren;
  flash?: FlashMessage;
  islands?: IslandName[];
  isWide?: boolean;
  children: ComponentChildren;
}

export function sendStaffPage(reply: FastifyReply, frame: PageFrame, page: StaffPageInput, status = 200): FastifyReply {
  const html = renderDocument(
    <AdminLayout
      title={page.title}
      heading={page.heading}
      assets={frame.assets}
      csrfToken={frame.csrfToken}
      user={{ displayName: frame.actor.displayName, email: frame.actor.label }}
      site={{ name: frame.site.name, host: frame.site.host, url: '/' }}
      nav={staffNav(frame, page.path)}
      sites={frame.sites}
      switchSiteAction={PATHS.switchSite}
      breadcrumbs={page.breadcrumbs}
      actions={page.actions}
      flash={page.flash}
      islands={page.islands}
      isWide={page.isWide}
      accountHref={PATHS.account}
      logoutAction={PATHS.logout}
    >
      {page.children}
    </AdminLayout>,
  );
  return sendHtml(reply, html, status);
}

/** Staff pages are personal: never stored by a proxy or the browser's cache. */
export function sendHtml(reply: FastifyReply, html: string, status = 200): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
}
