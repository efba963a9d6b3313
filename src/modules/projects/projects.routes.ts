/** Routes of the public pages of Investment projects and procurement notices (dự án, đấu thầu, mua sắm công) (under /du-an-dau-thau and /en/du-an-dau-thau). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { PublicPageDelivery } from '../public-site/index.js';
import type { Assets } from '../public-site/public-site.models.js';

export interface ProjectsPagesDeps {
  db: Kysely<Database>;
  assets: Assets;
  staffViewer?(request: FastifyRequest): Promise<{ displayName: string } | null>;
}

export function registerProjectsPages(_app: FastifyInstance, _delivery: PublicPageDelivery, _deps: ProjectsPagesDeps): void {}
