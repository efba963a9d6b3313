/**
 * Routes of the public pages of projects and procurement notices (/du-an-dau-thau). Like
 * every public page they go through the site's page delivery: cached, counted, one URL
 * each; a filtered list is rendered per request. A renamed item's old slug answers 301
 * (the service records the move). Vietnamese only: there is no /en/ page of these.
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
import type { PageContext, RenderedPage } from '../public-site/public-site.service.js';
import { findRedirect } from '../redirects/index.js';
import type { Site } from '../sites/index.js';
import { hasProjectFilters, renderProjectList, renderProjectPage } from './projects.pages.js';
import { PROJECTS_PATH } from './projects.search.js';

export interface ProjectsPagesDeps {
  db: Kysely<Database>;
  assets: Assets;
  staffViewer?(request: FastifyRequest): Promise<{ displayName: string } | null>;
}

const ListQuery = Type.Object({
  q: Type.Optional(Type.String()),
  kind: Type.Optional(Type.String({ maxLength: 20 })),
  status: Type.Optional(Type.String({ maxLength: 20 })),
  year: Type.Optional(Type.String({ maxLength: 10 })),
  page: Type.Optional(Type.String({ maxLength: 10 })),
});

export function registerProjectsPages(app: FastifyInstance, delivery: PublicPageDelivery, deps: ProjectsPagesDeps): void {
  type Viewer = { displayName: string } | null;
  const contextFor = (site: Site, viewer: Viewer): PageContext => ({ db: deps.db, site, now: new Date(), assets: deps.assets, staff: viewer ?? undefined });
  const pageRoute = { config: { writesSecurityHeaders: true } };
  const viewerOf = async (request: FastifyRequest): Promise<Viewer> => (deps.staffViewer ? deps.staffViewer(request) : null);
  const send = async (request: FastifyRequest, reply: FastifyReply, url: string, render: (ctx: PageContext) => Promise<RenderedPage>) => {
    const viewer = await viewerOf(request);
    const page = { url, render: (site: Site) => render(contextFor(site, viewer)) };
    return viewer ? delivery.deliverPersonal(request, reply, page) : delivery.deliver(request, reply, page);
  };

  app.withTypeProvider<TypeBoxTypeProvider>().get(PROJECTS_PATH, { ...pageRoute, schema: { querystring: ListQuery } }, async (request, reply) => {
    const query = request.query;
    const isPlainPage = query.page === undefined || /^[1-9]\d{0,4}$/.test(query.page);
    if (hasProjectFilters(query) || !isPlainPage) {
      const viewer = await viewerOf(request);
      return delivery.deliverUncached(request, reply, (site) => renderProjectList(contextFor(site, viewer), query));
    }
    const url = query.page === undefined || query.page === '1' ? PROJECTS_PATH : `${PROJECTS_PATH}?page=${query.page}`;
    return send(request, reply, url, (ctx) => renderProjectList(ctx, query));
  });

  app.get<{ Params: { slug: string } }>(`${PROJECTS_PATH}/:slug`, pageRoute, async (request, reply) => {
    const slug = request.params.slug;
    if (!SLUG_PATTERN.test(slug) || slug.length > 200) throw new NotFoundError();
    await send(request, reply, `${PROJECTS_PATH}/${slug}`, async (ctx) => {
      try {
        return await renderProjectPage(ctx, slug);
      } catch (error) {
        if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
        const moved = await findRedirect(ctx.db, { siteId: ctx.site.id, path: `${PROJECTS_PATH.slice(1)}/${slug}`, liveDepth: 1 });
        if (moved === undefined) throw error;
        return { kind: 'redirect', location: `/${moved}` };
      }
    });
  });
}
