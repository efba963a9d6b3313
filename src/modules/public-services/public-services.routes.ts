/**
 * Routes of the procedures' public pages (Vietnamese only). Like every public page they
 * go through the site's page delivery: cached, counted, one URL each; a filtered list is
 * rendered per request. A published procedure given a new address answers 301 from its old
 * one (the service records the move). Căn cứ pháp lý links the legal documents it cites.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { AppError, NotFoundError } from '../../platform/errors.js';
import { SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import { linkCitationsInHtml } from '../legal-documents/index.js';
import type { PublicPageDelivery } from '../public-site/index.js';
import type { Assets } from '../public-site/public-site.models.js';
import type { PageContext, RenderedPage } from '../public-site/public-site.service.js';
import { findRedirect } from '../redirects/index.js';
import type { Site } from '../sites/index.js';
import { hasProcedureFilters, renderProcedureList, renderProcedurePage } from './public-services.pages.js';
import { PROCEDURES_PATH } from './public-services.search.js';

export interface PublicServicesPagesDeps {
  db: Kysely<Database>;
  assets: Assets;
  staffViewer?(request: FastifyRequest): Promise<{ displayName: string } | null>;
}

const ListQuery = Type.Object({
  q: Type.Optional(Type.String()),
  field: Type.Optional(Type.String({ maxLength: 100 })),
  level: Type.Optional(Type.String({ maxLength: 20 })),
  online: Type.Optional(Type.String({ maxLength: 20 })),
  days: Type.Optional(Type.String({ maxLength: 10 })),
  page: Type.Optional(Type.String({ maxLength: 10 })),
});

export function registerPublicServicesPages(app: FastifyInstance, delivery: PublicPageDelivery, deps: PublicServicesPagesDeps): void {
  type Viewer = { displayName: string } | null;
  const contextFor = (site: Site, viewer: Viewer): PageContext => {
    const now = new Date();
    const linkBody = (html: string) => linkCitationsInHtml(deps.db, { siteId: site.id, html, now });
    return { db: deps.db, site, now, assets: deps.assets, staff: viewer ?? undefined, linkBody };
  };
  const pageRoute = { config: { writesSecurityHeaders: true } };
  const viewerOf = async (request: FastifyRequest): Promise<Viewer> => (deps.staffViewer ? deps.staffViewer(request) : null);
  const send = async (request: FastifyRequest, reply: FastifyReply, url: string, render: (ctx: PageContext) => Promise<RenderedPage>) => {
    const viewer = await viewerOf(request);
    const page = { url, render: (site: Site) => render(contextFor(site, viewer)) };
    return viewer ? delivery.deliverPersonal(request, reply, page) : delivery.deliver(request, reply, page);
  };

  app.withTypeProvider<TypeBoxTypeProvider>().get(PROCEDURES_PATH, { ...pageRoute, schema: { querystring: ListQuery } }, async (request, reply) => {
    const query = request.query;
    const isPlainPage = query.page === undefined || /^[1-9]\d{0,4}$/.test(query.page);
    if (hasProcedureFilters(query) || !isPlainPage) {
      const viewer = await viewerOf(request);
      return delivery.deliverUncached(request, reply, (site) => renderProcedureList(contextFor(site, viewer), query));
    }
    const url = query.page === undefined || query.page === '1' ? PROCEDURES_PATH : `${PROCEDURES_PATH}?page=${query.page}`;
    return send(request, reply, url, (ctx) => renderProcedureList(ctx, query));
  });

  app.get<{ Params: { slug: string } }>(`${PROCEDURES_PATH}/:slug`, pageRoute, async (request, reply) => {
    const slug = request.params.slug;
    if (!SLUG_PATTERN.test(slug) || slug.length > 200) throw new NotFoundError();
    await send(request, reply, `${PROCEDURES_PATH}/${slug}`, async (ctx) => {
      try {
        return await renderProcedurePage(ctx, slug);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
        const moved = await findRedirect(ctx.db, { siteId: ctx.site.id, path: `${PROCEDURES_PATH.slice(1)}/${slug}`, liveDepth: 1 });
        if (moved === undefined) throw error;
        return { kind: 'redirect', location: `/${moved}` };
      }
    });
  });
}
