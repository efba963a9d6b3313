/**
 * The staff UI under /admin: server-rendered pages, one use-case per handler. This file
 * holds what every staff route shares (the address allow-list, the session, CSRF, the
 * two-factor requirement); the pages are in the *.routes.tsx files beside it.
 */
import formBody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ForbiddenError, UnauthenticatedError } from '../../platform/errors.js';
import { csrfTokenFor, verifyCsrf } from '../../platform/http/csrf.js';
import { findMemberSiteIds, hasPermission } from '../accounts/index.js';
import type { AdminSiteChoice } from './views/layout.js';
import type { AdminAssets } from './admin-assets.js';
import { registerAccountRoutes } from './account.routes.js';
import { registerArticleRoutes } from './articles.routes.js';
import { registerAuthRoutes } from './auth.routes.js';
import { registerMembersRoutes } from './members.routes.js';
import { registerMediaAdminRoutes } from './media-admin.routes.js';
import { registerDocumentRoutes } from './documents.routes.js';
import { registerAuditRoutes } from './audit.routes.js';
import { registerAgencyStaffRoutes } from './agency.routes.js';
import { registerIndicatorStaffRoutes } from './indicators.routes.js';
import { registerPublicServicesStaffRoutes } from './public-services.routes.js';
import { registerWorkScheduleStaffRoutes } from './work-schedule.routes.js';
import { registerProjectsStaffRoutes } from './projects.routes.js';
import { registerConsultationStaffRoutes } from './consultations.routes.js';
import { registerQuestionStaffRoutes } from './questions.routes.js';
import { registerInformationAccessStaffRoutes } from './information-access.routes.js';
import { registerHolidaysRoutes } from './holidays.routes.js';
import { registerRatingsStaffRoutes } from './ratings.routes.js';
import { registerSiteRoutes } from './site.routes.js';
import { readStaffSession, mustUseTwoFactor, staffAddressCheck, type StaffDeps, type StaffSession } from './staff-auth.js';
import { PATHS, seeOther, withFlash, type PageFrame } from './staff-pages.js';
import type { PublicPreview } from './preview.js';

export interface AdminUiDeps extends StaffDeps {
  assets: AdminAssets;
  mediaDir: string;
  preview: PublicPreview;
}

export interface StaffRequestContext extends StaffSession {
  csrfToken: string;
  frame: PageFrame;
}

declare module 'fastify' {
  interface FastifyRequest {
    staffContext?: StaffRequestContext;
  }
  interface FastifyContextConfig {
    /** Reachable without a session (login, the second-factor step). */
    isWithoutSession?: boolean;
    /** Reachable before a required second factor is set up (its set-up page, logout). */
    isBeforeTwoFactor?: boolean;
    /** The handler checks CSRF itself (multipart uploads read the token from their fields). */
    isCsrfCheckedByHandler?: boolean;
  }
}

export function staffOf(request: FastifyRequest): StaffRequestContext {
  if (!request.staffContext) throw new UnauthenticatedError();
  return request.staffContext;
}

/** Largest urlencoded form (an article with a long body and many fields). */
const FORM_BODY_LIMIT = 4 * 1024 * 1024;

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

export async function registerAdminUi(app: FastifyInstance, deps: AdminUiDeps): Promise<void> {
  const isAllowedAddress = staffAddressCheck(deps.staff.allowedRanges);
  // The sites the staff member may switch to: their memberships (every site for a super-admin).
  const sitesOf = async (staff: StaffSession): Promise<AdminSiteChoice[]> => {
    const ids = staff.scope.actor.isSuperAdmin ? null : new Set(await findMemberSiteIds(deps.db, staff.scope.actor.id));
    return deps.sites
      .list()
      .filter((site) => ids === null || ids.has(site.id))
      .map((site) => ({ id: site.id, name: site.name, host: site.host, isCurrent: site.id === staff.site.id }));
  };
  await app.register(
    async (admin) => {
      await admin.register(formBody, { bodyLimit: FORM_BODY_LIMIT });

      admin.addHook('onRequest', async (request) => {
        if (!isAllowedAddress(request.ip)) throw new ForbiddenError('Khu vực quản trị chỉ mở cho mạng nội bộ của cơ quan.', 'Hãy truy cập từ mạng của cơ quan, hoặc liên hệ bộ phận CNTT.');
      });

      admin.addHook('preHandler', async (request: FastifyRequest, reply: FastifyReply) => {
        const config = request.routeOptions.config;
        if (request.method === 'POST' && !config.isCsrfCheckedByHandler) verifyCsrf(request);
        if (config.isWithoutSession) return;
        const staff = await readStaffSession(request, deps);
        if (!staff) {
          if (request.method === 'GET' && !wantsJson(request)) {
            return seeOther(reply, `${PATHS.login}?next=${encodeURIComponent(request.url.split('?')[0]!)}`);
          }
          throw new UnauthenticatedError('Phiên làm việc đã kết thúc. Vui lòng đăng nhập lại.');
        }
        if (!hasPermission(staff.scope.actor, 'staff.enter')) throw new ForbiddenError('Tài khoản của bạn không phải thành viên của trang này.', 'Hãy nhờ quản trị của trang thêm bạn vào danh sách thành viên.');
        if (!config.isBeforeTwoFactor && mustUseTwoFactor(deps.staff, staff.scope.actor) && !staff.session.user.totp_enabled_at) {
          if (request.method === 'GET') return seeOther(reply, withFlash(PATHS.twoFactor, 'can-2fa'));
          throw new ForbiddenError('Vai trò của bạn bắt buộc xác thực hai lớp: hãy cài đặt trước.');
        }
        const csrfToken = csrfTokenFor(request, reply);
        const sites = await sitesOf(staff);
        request.staffContext = { ...staff, csrfToken, frame: { assets: deps.assets.urls, site: staff.site, actor: staff.scope.actor, csrfToken, sites } };
      });

      registerAuthRoutes(admin, deps);
      registerAccountRoutes(admin, deps);
      registerArticleRoutes(admin, deps);
      await registerMediaAdminRoutes(admin, deps);
      // After media: their uploads use the multipart parser registered there.
      registerDocumentRoutes(admin, deps);
      registerIndicatorStaffRoutes(admin, deps);
      registerAgencyStaffRoutes(admin, deps);
      registerPublicServicesStaffRoutes(admin, deps);
      registerWorkScheduleStaffRoutes(admin, deps);
      registerProjectsStaffRoutes(admin, deps);
      registerConsultationStaffRoutes(admin, deps);
      registerQuestionStaffRoutes(admin, deps);
      registerInformationAccessStaffRoutes(admin, deps);
      registerHolidaysRoutes(admin, deps);
      registerRatingsStaffRoutes(admin, deps);
      registerMembersRoutes(admin, deps);
      registerAuditRoutes(admin, deps);
      registerSiteRoutes(admin, deps);
    },
    { prefix: '/admin' },
  );
}

/** Whether an error is about a form field (shown beside the form, not as an error page). */
export function isFormError(error: unknown): error is AppError {
  return error instanceof AppError && (error.code === 'INVALID_INPUT' || error.code === 'CONFLICT' || error.code === 'INVALID_TRANSITION' || (error.code === 'FORBIDDEN' && error.field !== undefined));
}
