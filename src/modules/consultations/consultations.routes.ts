/**
 * Routes of the public pages of draft consultations (/du-thao). The list is rendered per
 * request ("còn N ngày" follows the clock); a draft's page is cached; the comment form and
 * its POST are rendered per request and the POST is rate-limited per client address.
 */
import formBody from '@fastify/formbody';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { AppError, NotFoundError } from '../../platform/errors.js';
import { SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import { FORM_RATE_LIMIT, readFormDefences } from '../public-forms/index.js';
import type { PublicPageDelivery } from '../public-site/index.js';
import type { Assets } from '../public-site/public-site.models.js';
import type { PageContext, RenderedPage } from '../public-site/public-site.service.js';
import type { Site } from '../sites/index.js';
import { newReceiptCode } from './consultation-rules.js';
import { renderCommentForm, renderCommentReceived, renderCommentRefused, renderConsultationList, renderConsultationPage } from './consultations.pages.js';
import { CONSULTATIONS_PATH } from './consultations.search.js';
import { submitComment } from './consultations.service.js';

export interface ConsultationPagesDeps {
  db: Kysely<Database>;
  assets: Assets;
  staffViewer?(request: FastifyRequest): Promise<{ displayName: string } | null>;
}

const FIELDS = ['name', 'email', 'phone', 'orgType', 'section', 'body'] as const;

/** What was typed, to show again after a refusal. */
function typedValues(fields: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(FIELDS.map((name) => [name, typeof fields[name] === 'string' ? (fields[name] as string).slice(0, 12_000) : '']));
}

function checkSlug(slug: string): void {
  if (!SLUG_PATTERN.test(slug) || slug.length > 200) throw new NotFoundError();
}

export function registerConsultationPages(app: FastifyInstance, delivery: PublicPageDelivery, deps: ConsultationPagesDeps): void {
  type Viewer = { displayName: string } | null;
  const contextFor = (site: Site, viewer: Viewer): PageContext => ({ db: deps.db, site, now: new Date(), assets: deps.assets, staff: viewer ?? undefined });
  const pageRoute = { config: { writesSecurityHeaders: true } };
  const viewerOf = async (request: FastifyRequest): Promise<Viewer> => (deps.staffViewer ? deps.staffViewer(request) : null);
  const send = async (request: FastifyRequest, reply: FastifyReply, url: string, render: (ctx: PageContext) => Promise<RenderedPage>) => {
    const viewer = await viewerOf(request);
    const page = { url, render: (site: Site) => render(contextFor(site, viewer)) };
    return viewer ? delivery.deliverPersonal(request, reply, page) : delivery.deliver(request, reply, page);
  };

  app.get(CONSULTATIONS_PATH, pageRoute, async (request, reply) => {
    const viewer = await viewerOf(request);
    return delivery.deliverUncached(request, reply, (site) => renderConsultationList(contextFor(site, viewer)));
  });

  app.get<{ Params: { slug: string } }>(`${CONSULTATIONS_PATH}/:slug`, pageRoute, async (request, reply) => {
    const slug = request.params.slug;
    checkSlug(slug);
    await send(request, reply, `${CONSULTATIONS_PATH}/${slug}`, (ctx) => renderConsultationPage(ctx, slug));
  });

  app.get<{ Params: { slug: string } }>(`${CONSULTATIONS_PATH}/:slug/gop-y`, pageRoute, async (request, reply) => {
    const slug = request.params.slug;
    checkSlug(slug);
    const viewer = await viewerOf(request);
    return delivery.deliverUncached(request, reply, (site) => renderCommentForm(contextFor(site, viewer), slug));
  });

  // The POST needs a body parser the public site does not otherwise have: kept to this plugin.
  void app.register(async (forms) => {
    await forms.register(formBody, { bodyLimit: 64 * 1024 });
    forms.post<{ Params: { slug: string } }>(`${CONSULTATIONS_PATH}/:slug/gop-y`, { config: { writesSecurityHeaders: true, rateLimit: FORM_RATE_LIMIT } }, async (request, reply) => {
      const slug = request.params.slug;
      checkSlug(slug);
      const fields = (typeof request.body === 'object' && request.body !== null ? request.body : {}) as Record<string, unknown>;
      return delivery.deliverUncached(request, reply, async (site) => {
        const ctx = contextFor(site, null);
        try {
          const result = await submitComment(deps.db, { siteId: site.id, actor: null, clientIp: request.ip, now: ctx.now }, { ...fields, slug, defences: readFormDefences(fields) });
          // A dropped one (filled honeypot) sees the same receipt, with a code that names nothing.
          return renderCommentReceived(ctx, slug, result.kind === 'received' ? result.receiptCode : newReceiptCode());
        } catch (error) {
          if (!(error instanceof AppError) || error.status >= 500 || error.code === 'NOT_FOUND' || error.status === 429) throw error;
          if (error.field === 'consultation') return renderCommentRefused(ctx, slug, error);
          return renderCommentForm(ctx, slug, { values: typedValues(fields), error: { message: error.message, help: error.help, field: error.field }, status: error.status });
        }
      });
    });
  });
}
