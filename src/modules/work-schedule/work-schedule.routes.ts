/** Routes of the public pages of The leaders' weekly work schedule (lịch công tác) and its iCalendar feed (under /lich-cong-tac and /en/lich-cong-tac). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { PublicPageDelivery } from '../public-site/index.js';
import type { Assets } from '../public-site/public-site.models.js';

export interface WorkSchedulePagesDeps {
  db: Kysely<Database>;
  assets: Assets;
  staffViewer?(request: FastifyRequest): Promise<{ displayName: string } | null>;
}

export function registerWorkSchedulePages(_app: FastifyInstance, _delivery: PublicPageDelivery, _deps: WorkSchedulePagesDeps): void {}
