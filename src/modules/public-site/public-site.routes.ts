/**
 * Public pages: home, category and article pages, and the theme's assets. Each route
 * says only what its canonical URL is and how to render it; caching, counters, ETags,
 * encodings, redirects and error pages are the platform's page delivery (see
 * platform/http/page-delivery.ts), which other modules' public pages use the same way.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/errors.js';
import { canonicalPagePath, pathOf, SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import { acceptsGzip } from '../../platform/http/content-encoding.js';
import { DEFAULT_LANGUAGE, languagePrefix, type Language } from '../../platform/i18n/languages.js';
import type { Site } from '../sites/index.js';
import { ASSET_PREFIX, type StaticAsset } from './assets.js';
import type { Assets } from './public-site.models.js';
import type { PublicPageDelivery } from './public-pages.js';
import { ARCHIVE_PREFIX, renderArchiveIndex, renderArchiveMonth, renderHomePage, renderPathPage, renderTagPage, TAG_PREFIX, type PageContext, type RenderedPage } from './public-site.service.js';
import { renderSearchPage, SEARCH_PATH, searchPath, type SearchType } from './search-page.js';
import { FEED_PATH, feedPath, SITEMAP_PATH, renderCategoryFeed, renderRobots, renderSiteFeed, renderSitemap, renderSitemapPart, sitemapPartPath, sitemapPath } from './machine-files.js';

const MAX_PAGE = 100_000;

export interface PublicSiteDeps {
  db: Kysely<Database>;
  assets: { urls: Assets; files: Map<string, StaticAsset> };
  /** The logged-in staff member of this site behind the request, if any: they get a personal, uncached page. */
  staffViewer?(request: FastifyRequest): Promise<{ displayName: string } | null>;
  /** Links what article bodies cite (legal documents), at render time; see PageContext.linkBody. */
  linkBody?(input: { db: Kysely<Database>; siteId: string; now: Date; html: string }): Promise<string>;
  /** The kinds of content search finds, for its type filter. */
  searchTypes: SearchType[];
}

/** Text fields of the search form; their checks and messages are the search page's own. */
const SearchQuery = Type.Object({
  q: Type.Optional(Type.String()),
  type: Type.Optional(Type.String({ maxLength: 100 })),
  category: Type.Optional(Type.String({ maxLength: 300 })),
  from: Type.Optional(Type.String({ maxLength: 30 })),
  to: Type.Optional(Type.String({ maxLength: 30 })),
  page: Type.Optional(Type.String({ maxLength: 30 })),
});

const PageQuery = Type.Object({
  /** Page number of a category list, from 1. */
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })),
});

export function registerPublicSiteRoutes(app: FastifyInstance, delivery: PublicPageDelivery, deps: PublicSiteDeps): void {
  type Viewer = { displayName: string } | null;
  const contextFor = (site: Site, viewer: Viewer, language: Language = DEFAULT_LANGUAGE): PageContext => {
    const now = new Date();
    const linkBody = deps.linkBody && ((html: string) => deps.linkBody!({ db: deps.db, siteId: site.id, now, html }));
    return { db: deps.db, site, now, assets: deps.assets.urls, staff: viewer ?? undefined, language, linkBody };
  };
  const pageRoute = { config: { writesSecurityHeaders: true } };
  // Staff get their page rendered for them alone; everyone else shares the cached one.
  const send = async (request: FastifyRequest, reply: FastifyReply, url: string, render: (site: Site, viewer: Viewer) => Promise<RenderedPage>) => {
    const viewer = deps.staffViewer ? await deps.staffViewer(request) : null;
    const page = { url, render: (site: Site) => render(site, viewer) };
    return viewer ? delivery.deliverPersonal(request, reply, page) : delivery.deliver(request, reply, page);
  };
  const renderHome = (site: Site, viewer: Viewer) => renderHomePage(contextFor(site, viewer));

  app.get('/', pageRoute, (request, reply) => send(request, reply, '/', renderHome));

  // Files for machines: the same for everyone (never personal), cached like pages.
  const machineFile = (url: string, render: (ctx: PageContext) => Promise<RenderedPage> | RenderedPage, language: Language = DEFAULT_LANGUAGE) => (request: FastifyRequest, reply: FastifyReply) =>
    delivery.deliver(request, reply, {
      url,
      render: async (site) => {
        if (!site.languages.includes(language)) throw new NotFoundError();
        return render(contextFor(site, null, language));
      },
    });
  app.get(FEED_PATH, pageRoute, machineFile(FEED_PATH, renderSiteFeed));
  app.get(feedPath('en'), pageRoute, machineFile(feedPath('en'), renderSiteFeed, 'en'));
  app.get(SITEMAP_PATH, pageRoute, machineFile(SITEMAP_PATH, renderSitemap));
  app.get('/robots.txt', pageRoute, machineFile('/robots.txt', renderRobots));
  app.get<{ Params: { part: string } }>('/sitemap-:part', pageRoute, (request, reply) => {
    const match = /^([1-9]\d{0,5})\.xml$/.exec(request.params.part);
    if (!match) throw new NotFoundError();
    const part = Number(match[1]);
    return machineFile(sitemapPartPath(part), (ctx) => renderSitemapPart(ctx, part))(request, reply);
  });
  // The English pages' own sitemap (robots.txt lists it when the site has English pages).
  app.get(sitemapPath('en'), pageRoute, machineFile(sitemapPath('en'), renderSitemap, 'en'));
  app.get<{ Params: { part: string } }>('/en/sitemap-:part', pageRoute, (request, reply) => {
    const match = /^([1-9]\d{0,5})\.xml$/.exec(request.params.part);
    if (!match) throw new NotFoundError();
    const part = Number(match[1]);
    return machineFile(sitemapPartPath(part, 'en'), (ctx) => renderSitemapPart(ctx, part), 'en')(request, reply);
  });
  app.withTypeProvider<TypeBoxTypeProvider>().get('/tu-khoa/:tag', { ...pageRoute, schema: { querystring: PageQuery, params: Type.Object({ tag: Type.String({ maxLength: 300 }) }) } }, async (request, reply) => {
    const tag = request.params.tag;
    if (!SLUG_PATTERN.test(tag) || tag.length > 120) {
      const path = canonicalPagePath(pathOf(request.url));
      if (!path || path.split('/').length !== 3) throw new NotFoundError();
      return delivery.redirect(reply, path);
    }
    const page = request.query.page ?? 1;
    const url = `${TAG_PREFIX}${tag}${page > 1 ? `?page=${page}` : ''}`;
    await send(request, reply, url, (site, viewer) => renderTagPage(contextFor(site, viewer), tag, page));
  });

  // Every query is a page of its own: rendered per request, never cached (deliverUncached).
  app.withTypeProvider<TypeBoxTypeProvider>().get(SEARCH_PATH, { ...pageRoute, schema: { querystring: SearchQuery } }, async (request, reply) => {
    const viewer = deps.staffViewer ? await deps.staffViewer(request) : null;
    await delivery.deliverUncached(request, reply, (site) => renderSearchPage(contextFor(site, viewer), request.query, deps.searchTypes));
  });
  app.withTypeProvider<TypeBoxTypeProvider>().get(searchPath('en'), { ...pageRoute, schema: { querystring: SearchQuery } }, async (request, reply) => {
    const viewer = deps.staffViewer ? await deps.staffViewer(request) : null;
    await delivery.deliverUncached(request, reply, async (site) => {
      if (!site.languages.includes('en')) throw new NotFoundError();
      return renderSearchPage(contextFor(site, viewer, 'en'), request.query, deps.searchTypes);
    });
  });

  app.get(ARCHIVE_PREFIX, pageRoute, (request, reply) => send(request, reply, ARCHIVE_PREFIX, (site, viewer) => renderArchiveIndex(contextFor(site, viewer))));
  app.withTypeProvider<TypeBoxTypeProvider>().get('/luu-tru/:year/:month', { ...pageRoute, schema: { querystring: PageQuery, params: Type.Object({ year: Type.String({ maxLength: 10 }), month: Type.String({ maxLength: 10 }) }) } }, async (request, reply) => {
    const { year, month } = request.params;
    // One spelling per month: /luu-tru/2022/01 (4-digit year, 2-digit month).
    if (!/^(19|20)\d{2}$/.test(year) || !/^(0[1-9]|1[0-2])$/.test(month)) throw new NotFoundError();
    const page = request.query.page ?? 1;
    const url = `${ARCHIVE_PREFIX}/${year}/${month}${page > 1 ? `?page=${page}` : ''}`;
    await send(request, reply, url, (site, viewer) => renderArchiveMonth(contextFor(site, viewer), Number(year), Number(month), page));
  });

  app.get('/rss/*', pageRoute, (request, reply) => {
    const raw = pathOf(request.url);
    const path = raw.endsWith('.xml') ? canonicalPagePath(raw.slice('/rss'.length, -'.xml'.length)) : undefined;
    if (!path || path === '/') throw new NotFoundError();
    return machineFile(`/rss${path}.xml`, (ctx) => renderCategoryFeed(ctx, path.slice(1)))(request, reply);
  });

  app.withTypeProvider<TypeBoxTypeProvider>().get('/*', { ...pageRoute, schema: { querystring: PageQuery } }, async (request, reply) => {
    // The raw path, not Fastify's decoded parameter: its spelling decides whether to redirect.
    const path = canonicalPagePath(pathOf(request.url));
    if (!path) throw new NotFoundError();
    if (path === '/') return send(request, reply, '/', renderHome); // '//' and the like
    const page = request.query.page ?? 1;
    const url = page > 1 ? `${path}?page=${page}` : path;
    // English pages: /en (home; /en/ redirects there), /en/<category path>[/<slug>].
    const english = languagePrefix('en');
    if (path === english || path.startsWith(`${english}/`)) {
      const rest = path.slice(english.length) || '/';
      return send(request, reply, url, async (site, viewer) => {
        if (!site.languages.includes('en')) throw new NotFoundError();
        const ctx = contextFor(site, viewer, 'en');
        if (rest !== '/') return renderPathPage(ctx, rest, page);
        if (page !== 1) throw new NotFoundError();
        return renderHomePage(ctx);
      });
    }
    await send(request, reply, url, (site, viewer) => renderPathPage(contextFor(site, viewer), path, page));
  });

  app.get<{ Params: { file: string } }>(`${ASSET_PREFIX}:file`, async (request, reply) => {
    const asset = deps.assets.files.get(request.params.file);
    if (!asset) return reply.callNotFound();
    const isGzip = acceptsGzip(request.headers['accept-encoding']);
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'Accept-Encoding').type(asset.contentType);
    if (isGzip) reply.header('content-encoding', 'gzip');
    return reply.send(isGzip ? asset.gzip : asset.body);
  });
}
