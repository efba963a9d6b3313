/** Staff screens of Public services: administrative procedures (thủ tục hành chính) by field. */
import type { FastifyInstance } from 'fastify';
import type { AdminUiDeps } from './admin-ui.routes.js';

export function registerPublicServicesStaffRoutes(_admin: FastifyInstance, _deps: AdminUiDeps): void {}
