/**
 * Public pages. The hot path is: site from Host → cached page → count the request →
 * splice the counters into the cached bytes. A cache miss renders once, however many
 * requests are waiting for the same page. Cache hits for plain paths are answered before
 * Fastify parses the request at all (createPageShortcut); everything else, and every
 * miss, goes through the routes below.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import { CompiledPage, type PageCache } from '../../platform/cache/page-cache.js';
import type { Database } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { sendRaw, writeRaw } from '../../platform/http/raw-response.js';
import { formatNumber } from '../../platform/i18n/vi.js';
import type { SiteDirectory, Site } from '../sites/index.js';
import type { Reader, StatsRecorder } from '../stats/index.js';
import { ASSET_PREFIX, type StaticAsset } from './assets.js';
import type { Assets } from './public-site.models.js';
import { renderErrorPage, renderHomePage, renderPathPage, VIEWS_SLOT, VISITS_SLOT, type PageContext, type RenderedPage } from './public-site.service.js';

/** Cached pages are re-rendered at least this often, so scheduled articles and banner windows show up on time. */
const PAGE_TTL_MS = 60_000;
const MAX_PAGE = 100_000;

export interface PublicSiteDeps {
  db: Kysely<Database>;
  sites: SiteDirectory;
  stats: StatsRecorder;
  cache: PageCache<CachedPublicPage>;
  assets: { urls: Assets; files: Map<string, StaticAsset> };
  baseUrl: string | undefined;
  /** How long a cached page is served before a background refresh; PAGE_TTL_MS by default. */
  pageTtlMs?: number;
}

class NoSiteError extends AppError {
  constructor() {
    super('INTERNAL', 'Cài đặt này chưa có trang thông tin nào.', { help: 'Người quản trị hãy chạy "npx cong serve" (có dữ liệu mẫu) hoặc tạo trang bằng dòng lệnh.' });
  }
}

/** A rendered page as cached: the compiled bytes and the counters it was rendered with. */
export interface CachedPublicPage {
  page: CompiledPage;
  article: { id: string; viewCount: number } | undefined;
  expiresAt: number;
}

const PagePath = Type.Object({
  /** The path below the root: a category path, or a category path and an article slug. */
  '*': Type.String(),
});

const PageQuery = Type.Object({
  /** Page number of a category list, from 1. */
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE })),
});

function acceptsGzip(request: IncomingMessage | FastifyRequest): boolean {
  const header = request.headers['accept-encoding'];
  return typeof header === 'string' && /\bgzip\b/.test(header) && !/\bgzip;\s*q=0(\.0+)?\b/.test(header);
}

function readerOf(request: IncomingMessage, ip: string, site: Site): Reader {
  return { siteId: site.id, ip, userAgent: request.headers['user-agent'], now: Date.now(), connection: request.socket };
}

function originOf(request: FastifyRequest, baseUrl: string | undefined): string {
  return baseUrl ?? `${request.protocol}://${request.host}`;
}

/** Answers a request from the page cache, or says it did not (false) and leaves it to Fastify. */
export type PageShortcut = (request: IncomingMessage, response: ServerResponse) => boolean;

/** Registers the page routes; returns the shortcut that serves their cache hits before Fastify. */
export function registerPublicSiteRoutes(app: FastifyInstance, deps: PublicSiteDeps, clientIp: (request: IncomingMessage) => string): PageShortcut {
  const rendering = new Map<string, Promise<CachedPublicPage | { redirect: string }>>();

  function requireSite(request: FastifyRequest): Site {
    const site = deps.sites.resolve(request.headers.host);
    if (!site) throw new NoSiteError();
    return site;
  }

  function contextFor(request: FastifyRequest, site: Site): PageContext {
    return { db: deps.db, site, now: new Date(), assets: deps.assets.urls, origin: originOf(request, deps.baseUrl) };
  }

  /** Renders a page once however many requests wait for it, and caches it. */
  function renderOnce(site: Site, key: string, render: () => Promise<RenderedPage>): Promise<CachedPublicPage | { redirect: string }> {
    const flightKey = `${site.id} ${key}`;
    let flight = rendering.get(flightKey);
    if (!flight) {
      const version = deps.cache.version(site.id);
      flight = render()
        .then((rendered) => {
          if (rendered.kind === 'redirect') return { redirect: rendered.location };
          const entry: CachedPublicPage = { page: new CompiledPage(rendered.html), article: rendered.article, expiresAt: Date.now() + (deps.pageTtlMs ?? PAGE_TTL_MS) };
          deps.cache.set(site.id, key, entry, version);
          return entry;
        })
        .finally(() => rendering.delete(flightKey));
      rendering.set(flightKey, flight);
    }
    return flight;
  }

  /**
   * The cached page, or a fresh render when content changed. A page that is merely old
   * (past its TTL) is still served while one render replaces it in the background, so
   * readers of a busy page never all wait on its refresh.
   */
  async function cachedPage(site: Site, key: string, render: () => Promise<RenderedPage>, log: FastifyRequest['log']): Promise<CachedPublicPage | { redirect: string }> {
    const hit = deps.cache.get(site.id, key);
    if (!hit) return renderOnce(site, key, render);
    if (hit.expiresAt <= Date.now()) renderOnce(site, key, render).catch((error) => log.error({ err: error }, 'background page refresh failed'));
    return hit;
  }

  /** Counts the request and writes the cached page with its counters filled in. */
  function writePage(request: IncomingMessage, response: ServerResponse, ip: string, site: Site, entry: CachedPublicPage): void {
    // Counting happens before the 304 check: a reader whose browser revalidates still read the page.
    const counts = deps.stats.recordPageRequest({ reader: readerOf(request, ip, site), isCounted: request.method === 'GET', persistedVisits: site.visitCount, article: entry.article });
    const values = new Map<string, string>([[VISITS_SLOT, formatNumber(counts.visits)]]);
    if (counts.views !== undefined) values.set(VIEWS_SLOT, formatNumber(counts.views));
    // The counters are part of what the reader sees, so they are part of the validator:
    // a reload after one's own view must bring the new count, not a 304.
    const etag = `${entry.page.etag.slice(0, -1)}-${[...values.values()].join('-')}"`;
    const headers = ['cache-control', 'no-cache', 'vary', 'Accept-Encoding', 'etag', etag];
    if (request.headers['if-none-match'] === etag) {
      writeRaw(response, 304, headers);
      return;
    }
    const isGzip = acceptsGzip(request);
    const body = entry.page.body(entry.page.slotNames.map((name) => Buffer.from(values.get(name) ?? '')), isGzip);
    headers.push('content-type', 'text/html; charset=utf-8');
    if (isGzip) headers.push('content-encoding', 'gzip');
    writeRaw(response, entry.page.statusCode, headers, body);
  }

  async function serve(request: FastifyRequest, reply: FastifyReply, key: string, render: (ctx: PageContext) => Promise<RenderedPage>): Promise<void> {
    const site = requireSite(request);
    const result = await cachedPage(site, key, () => render(contextFor(request, site)), request.log);
    if ('redirect' in result) {
      sendRaw(reply, 301, ['location', result.redirect]);
      return;
    }
    reply.hijack();
    writePage(request.raw, reply.raw, request.ip, site, result);
  }

  const pageRoute = { config: { writesSecurityHeaders: true } };
  app.get('/', pageRoute, async (request, reply) => serve(request, reply, '/', (ctx) => renderHomePage(ctx)));

  app.withTypeProvider<TypeBoxTypeProvider>().get('/*', { ...pageRoute, schema: { params: PagePath, querystring: PageQuery } }, async (request, reply) => {
    const path = `/${request.params['*']}`;
    if (path.length > 1 && path.endsWith('/')) {
      sendRaw(reply, 301, ['location', path.replace(/\/+$/, '') || '/']);
      return;
    }
    const page = request.query.page ?? 1;
    const key = page > 1 ? `${path}?page=${page}` : path;
    await serve(request, reply, key, (ctx) => renderPathPage(ctx, path, page));
  });

  app.get<{ Params: { file: string } }>(`${ASSET_PREFIX}:file`, async (request, reply) => {
    const asset = deps.assets.files.get(request.params.file);
    if (!asset) return reply.callNotFound();
    const isGzip = acceptsGzip(request);
    reply.header('cache-control', 'public, max-age=31536000, immutable').header('vary', 'Accept-Encoding').type(asset.contentType);
    if (isGzip) reply.header('content-encoding', 'gzip');
    return reply.send(isGzip ? asset.gzip : asset.body);
  });

  return (request, response) => {
    // Only what the '/*' route would cache under this very key: a GET of a plain path.
    // A path with a query, an escape or a trailing slash takes the routes, which parse it.
    const url = request.url ?? '';
    if (request.method !== 'GET' || /[?%]/.test(url) || (url.length > 1 && url.endsWith('/'))) return false;
    const site = deps.sites.resolve(request.headers.host);
    const entry = site && deps.cache.get(site.id, url);
    if (!site || !entry || entry.expiresAt <= Date.now()) return false;
    writePage(request, response, clientIp(request), site, entry);
    return true;
  };
}

/** Renders the Vietnamese error page inside the site's layout. */
export function errorPageRenderer(deps: PublicSiteDeps) {
  return async (request: FastifyRequest, error: { status: number; message: string; help: string }): Promise<string> => {
    const site = deps.sites.resolve(request.headers.host);
    if (!site) throw new NoSiteError();
    const { visits } = deps.stats.recordPageRequest({ reader: readerOf(request.raw, request.ip, site), isCounted: request.method === 'GET', persistedVisits: site.visitCount });
    return renderErrorPage({ db: deps.db, site, now: new Date(), assets: deps.assets.urls, origin: originOf(request, deps.baseUrl) }, error, formatNumber(visits));
  };
}
