/** Staff screens of Agency information: organisation units, leaders and contact officials, the agency profile. */
import type { FastifyInstance } from 'fastify';
import type { AdminUiDeps } from './admin-ui.routes.js';

export function registerAgencyStaffRoutes(_admin: FastifyInstance, _deps: AdminUiDeps): void {}
