/** Staff screens of The leaders' weekly work schedule (lịch công tác) and its iCalendar feed. */
import type { FastifyInstance } from 'fastify';
import type { AdminUiDeps } from './admin-ui.routes.js';

export function registerWorkScheduleStaffRoutes(_admin: FastifyInstance, _deps: AdminUiDeps): void {}
