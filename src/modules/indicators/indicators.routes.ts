/**
 * Routes of indicators' public pages and downloads. Like every public page they go
 * through the site's page delivery: cached, one URL each; a filtered list is rendered per
 * request; the downloads are delivered like /rss.xml (the same for everyone, never
 * personal, not counted). A moved indicator's old slug answers 301 (the service records the move).
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
import { hasIndicatorFilters, renderIndicatorData, renderIndicatorList, renderIndicatorPage, type IndicatorDataFormat } from './indicators.pages.js';
import { INDICATORS_PATH } from './indicators.search.js';

export interface IndicatorPagesDeps {
  db: Kysely<Database>;
  assets: Assets;
  staffViewer?(request: FastifyRequest): Promise<{ displayName: string } | null>;
}

const ListQuery = Type.Object({
  q: Type.Optional(Type.String()),
  kind: Type.Optional(Type.String({ maxLength: 20 })),
  page: Type.Optional(Type.String({ maxLength: 10 })),
});

/** /chi-tieu/<slug>.csv and .json */
const DATA_FILE = /^(.+)\.(csv|json)$/;

export function registerIndicatorPages(app: FastifyInstance, delivery: PublicPageDelivery, deps: IndicatorPagesDeps): void {
  type Viewer = { displayName: string } | null;
  const contextFor = (site: Site, viewer: Viewer): PageContext => ({ db: deps.db, site, now: new Date(), assets: deps.assets, staff: viewer ?? undefined });
  const pageRoute = { config: { writesSecurityHeaders: true } };
  const viewerOf = async (request: FastifyRequest): Promise<Viewer> => (deps.staffViewer ? deps.staffViewer(request) : null);
  const send = async (request: FastifyRequest, reply: FastifyReply, url: string, render: (ctx: PageContext) => Promise<RenderedPage>) => {
    const viewer = await viewerOf(request);
    const page = { url, render: (site: Site) => render(contextFor(site, viewer)) };
    return viewer ? delivery.deliverPersonal(request, reply, page) : delivery.deliver(request, reply, page);
  };
  /** A slug no longer in use answers 301 to where it moved (with the same ending). */
  const orMoved = async (ctx: PageContext, slug: string, ending: string, render: () => Promise<RenderedPage>): Promise<RenderedPage> => {
    try {
      return await render();
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
      const moved = await findRedirect(ctx.db, { siteId: ctx.site.id, path: `${INDICATORS_PATH.slice(1)}/${slug}`, liveDepth: 1 });
      if (moved === undefined) throw error;
      return { kind: 'redirect', location: `/${moved}${ending}` };
    }
  };

  app.withTypeProvider<TypeBoxTypeProvider>().get(INDICATORS_PATH, { ...pageRoute, schema: { querystring: ListQuery } }, async (request, reply) => {
    const query = request.query;
    const isPlainPage = query.page === undefined || /^[1-9]\d{0,4}$/.test(query.page);
    if (hasIndicatorFilters(query) || !isPlainPage) {
      const viewer = await viewerOf(request);
      return delivery.deliverUncached(request, reply, (site) => renderIndicatorList(contextFor(site, viewer), query));
    }
    const url = query.page === undefined || query.page === '1' ? INDICATORS_PATH : `${INDICATORS_PATH}?page=${query.page}`;
    return send(request, reply, url, (ctx) => renderIndicatorList(ctx, query));
  });

  app.get<{ Params: { slug: string } }>(`${INDICATORS_PATH}/:slug`, pageRoute, async (request, reply) => {
    const file = DATA_FILE.exec(request.params.slug);
    const slug = file ? file[1]! : request.params.slug;
    if (!SLUG_PATTERN.test(slug) || slug.length > 200) throw new NotFoundError();
    if (file) {
      // Files for machines: the same for everyone (never personal), cached like pages.
      const format = file[2] as IndicatorDataFormat;
      const url = `${INDICATORS_PATH}/${slug}.${format}`;
      return delivery.deliver(request, reply, {
        url,
        render: (site) => {
          const ctx = contextFor(site, null);
          return orMoved(ctx, slug, `.${format}`, () => renderIndicatorData(ctx, slug, format));
        },
      });
    }
    await send(request, reply, `${INDICATORS_PATH}/${slug}`, (ctx) => orMoved(ctx, slug, '', () => renderIndicatorPage(ctx, slug)));
  });
}
