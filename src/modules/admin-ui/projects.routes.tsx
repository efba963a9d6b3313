/** Staff screens of Investment projects and procurement notices (dự án, đấu thầu, mua sắm công). */
import type { FastifyInstance } from 'fastify';
import type { AdminUiDeps } from './admin-ui.routes.js';

export function registerProjectsStaffRoutes(_admin: FastifyInstance, _deps: AdminUiDeps): void {}
