/** Routes of the public pages of Public services: administrative procedures (thủ tục hành chính) by field (under /thu-tuc-hanh-chinh and /en/thu-tuc-hanh-chinh). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { PublicPageDelivery } from '../public-site/index.js';
import type { Assets } from '../public-site/public-site.models.js';

export interface PublicServicesPagesDeps {
  db: Kysely<Database>;
  assets: Assets;
  staffViewer?(request: FastifyRequest): Promise<{ displayName: string } | null>;
}

export function registerPublicServicesPages(_app: FastifyInstance, _delivery: PublicPageDelivery, _deps: PublicServicesPagesDeps): void {}
