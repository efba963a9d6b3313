/**
 * Routes of the access-to-information pages. The section page goes through the page
 * delivery like every page (cached); the form, its POST and the status page are rendered
 * per request (deliverUncached): they carry a fresh signed token or show what was typed.
 * The form's POST and the status lookups are rate-limited per client address.
 */
import formBody from '@fastify/formbody';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { FORM_RATE_LIMIT, readFormDefences } from '../public-forms/index.js';
import type { PublicPageDelivery } from '../public-site/index.js';
import type { Assets } from '../public-site/public-site.models.js';
import type { PageContext } from '../public-site/public-site.service.js';
import type { Site } from '../sites/index.js';
import { renderReceived, renderRequestForm, renderSection, renderStatus } from './information-access.pages.js';
import { submitInformationRequest } from './information-access.service.js';
import { FORM_PATH, SECTION_PATH, STATUS_PATH } from './views.js';

export interface InformationPagesDeps {
  db: Kysely<Database>;
  assets: Assets;
  staffViewer?(request: FastifyRequest): Promise<{ displayName: string } | null>;
}

/** Lookups of tracking codes per client per minute: enough for a person, too few to guess codes. */
export const STATUS_RATE_LIMIT = { max: 20, timeWindow: 60_000 } as const;

const FIELDS = ['fullName', 'idNumber', 'address', 'phone', 'email', 'content', 'purpose', 'delivery'] as const;

/** What was typed, to show again after a refusal. */
function typedValues(fields: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(FIELDS.map((name) => [name, typeof fields[name] === 'string' ? (fields[name] as string).slice(0, 6_000) : '']));
}

export function registerInformationAccessPages(app: FastifyInstance, delivery: PublicPageDelivery, deps: InformationPagesDeps): void {
  type Viewer = { displayName: string } | null;
  const contextFor = (site: Site, viewer: Viewer): PageContext => ({ db: deps.db, site, now: new Date(), assets: deps.assets, staff: viewer ?? undefined });
  const pageRoute = { config: { writesSecurityHeaders: true } };
  const viewerOf = async (request: FastifyRequest): Promise<Viewer> => (deps.staffViewer ? deps.staffViewer(request) : null);

  app.get(SECTION_PATH, pageRoute, async (request, reply) => {
    const viewer = await viewerOf(request);
    const page = { url: SECTION_PATH, render: (site: Site) => renderSection(contextFor(site, viewer)) };
    return viewer ? delivery.deliverPersonal(request, reply, page) : delivery.deliver(request, reply, page);
  });

  app.get(FORM_PATH, pageRoute, async (request, reply) => {
    const viewer = await viewerOf(request);
    return delivery.deliverUncached(request, reply, (site) => renderRequestForm(contextFor(site, viewer)));
  });

  app.get<{ Querystring: { ma?: unknown } }>(STATUS_PATH, { ...pageRoute, config: { ...pageRoute.config, rateLimit: STATUS_RATE_LIMIT } }, async (request, reply) => {
    const viewer = await viewerOf(request);
    const code = typeof request.query.ma === 'string' ? request.query.ma : undefined;
    return delivery.deliverUncached(request, reply, (site) => renderStatus(contextFor(site, viewer), code));
  });

  // The POST needs a body parser the public site does not otherwise have: kept to this plugin.
  void app.register(async (forms) => {
    await forms.register(formBody, { bodyLimit: 64 * 1024 });
    forms.post(FORM_PATH, { config: { writesSecurityHeaders: true, rateLimit: FORM_RATE_LIMIT } }, async (request, reply) => {
      const fields = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
      return delivery.deliverUncached(request, reply, async (site) => {
        const ctx = contextFor(site, null);
        try {
          const result = await submitInformationRequest(deps.db, { siteId: site.id, actor: null, clientIp: request.ip, now: ctx.now }, { ...fields, defences: readFormDefences(fields) });
          return renderReceived(ctx, result.kind === 'received' ? result : null);
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500 || error.status === 429) throw error;
          return renderRequestForm(ctx, { values: typedValues(fields), error: { message: error.message, help: error.help, field: error.field }, status: error.status });
        }
      });
    });
  });
}
