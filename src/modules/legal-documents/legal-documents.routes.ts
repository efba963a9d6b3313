/**
 * Routes of the registry's public pages. Like every public page they go through the
 * site's page delivery: cached, counted, one URL each; a filtered list is rendered per
 * request. A renamed document's old slug answers 301 (the service records the move).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { AppError, NotFoundError } from '../../platform/errors.js';
import { SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import type { PublicPageDelivery } from '../public-site/index.js';
import type { Assets } from '../public-site/public-site.models.js';
import type { PageContext } from '../public-site/public-site.service.js';
import { findRedirect } from '../redirects/index.js';
import type { Site } from '../sites/index.js';
import { linkCitationsInHtml } from './citation-linker.js';
import { hasDocumentFilters, renderDocumentList, renderDocumentPage } from './legal-documents.pages.js';
import { COLLECTION_PAGES } from './document-collections.js';
import { DOCUMENTS_PATH } from './legal-documents.search.js';

export interface LegalDocumentPagesDeps {
  db: Kysely<Database>;
  assets: Assets;
  staffViewer?(request: FastifyRequest): Promise<{ displayName: string } | null>;
}

const ListQuery = Type.Object({
  q: Type.Optional(Type.String()),
  type: Type.Optional(Type.String({ maxLength: 100 })),
  field: Type.Optional(Type.String({ maxLength: 100 })),
  issuer: Type.Optional(Type.String({ maxLength: 300 })),
  year: Type.Optional(Type.String({ maxLength: 10 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(Type.String({ maxLength: 10 })),
});

export function registerLegalDocumentPages(app: FastifyInstance, delivery: PublicPageDelivery, deps: LegalDocumentPagesDeps): void {
  type Viewer = { displayName: string } | null;
  const contextFor = (site: Site, viewer: Viewer): PageContext => ({ db: deps.db, site, now: new Date(), assets: deps.assets, staff: viewer ?? undefined });
  const pageRoute = { config: { writesSecurityHeaders: true } };
  const viewerOf = async (request: FastifyRequest): Promise<Viewer> => (deps.staffViewer ? deps.staffViewer(request) : null);
  const send = async (request: FastifyRequest, reply: FastifyReply, url: string, render: (ctx: PageContext) => Promise<Awaited<ReturnType<typeof renderDocumentList>>>) => {
    const viewer = await viewerOf(request);
    const page = { url, render: (site: Site) => render(contextFor(site, viewer)) };
    return viewer ? delivery.deliverPersonal(request, reply, page) : delivery.deliver(request, reply, page);
  };

  // The whole registry, then each collection's own list (plans, statistics, budget).
  const lists = [{ path: DOCUMENTS_PATH, collection: undefined }, ...Object.entries(COLLECTION_PAGES).map(([collection, page]) => ({ path: page.path, collection: collection as keyof typeof COLLECTION_PAGES }))];
  for (const { path, collection } of lists) {
    app.withTypeProvider<TypeBoxTypeProvider>().get(path, { ...pageRoute, schema: { querystring: ListQuery } }, async (request, reply) => {
      const query = request.query;
      const isPlainPage = query.page === undefined || /^[1-9]\d{0,4}$/.test(query.page);
      if (hasDocumentFilters(query) || !isPlainPage) {
        const viewer = await viewerOf(request);
        return delivery.deliverUncached(request, reply, (site) => renderDocumentList(contextFor(site, viewer), query, collection));
      }
      const url = query.page === undefined || query.page === '1' ? path : `${path}?page=${query.page}`;
      return send(request, reply, url, (ctx) => renderDocumentList(ctx, query, collection));
    });
  }

  app.get<{ Params: { slug: string } }>(`${DOCUMENTS_PATH}/:slug`, pageRoute, async (request, reply) => {
    const slug = request.params.slug;
    if (!SLUG_PATTERN.test(slug) || slug.length > 200) throw new NotFoundError();
    await send(request, reply, `${DOCUMENTS_PATH}/${slug}`, async (ctx) => {
      try {
        return await renderDocumentPage(ctx, slug, (html, ownUrl) => linkCitationsInHtml(ctx.db, { siteId: ctx.site.id, html, now: ctx.now, excludeUrls: [ownUrl] }));
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
        const moved = await findRedirect(ctx.db, { siteId: ctx.site.id, path: `${DOCUMENTS_PATH.slice(1)}/${slug}`, liveDepth: 1 });
        if (moved === undefined) throw error;
        return { kind: 'redirect', location: `/${moved}` };
      }
    });
  });
}
