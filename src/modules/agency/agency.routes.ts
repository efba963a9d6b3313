/** Routes of the public pages of Agency information: organisation units, leaders and contact officials, the agency profile (under /co-cau-to-chuc and /en/co-cau-to-chuc). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { PublicPageDelivery } from '../public-site/index.js';
import type { Assets } from '../public-site/public-site.models.js';

export interface AgencyPagesDeps {
  db: Kysely<Database>;
  assets: Assets;
  staffViewer?(request: FastifyRequest): Promise<{ displayName: string } | null>;
}

export function registerAgencyPages(_app: FastifyInstance, _delivery: PublicPageDelivery, _deps: AgencyPagesDeps): void {}
