/**
 * Builds the HTTP application without listening, so tests drive it with inject() and
 * main.ts decides where it listens.
 */
import http from 'node:http';
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Config } from './config.js';
import type { Db } from './platform/db/kysely.js';
import { PageCache } from './platform/cache/page-cache.js';
import { clientIpResolver } from './platform/http/client-ip.js';
import { registerErrorHandling } from './platform/http/error-handler.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { MEDIA_URL_PREFIX } from './modules/media/index.js';
import { errorPageRenderer, loadAssets, registerPublicSiteRoutes, type CachedPublicPage, type PageShortcut } from './modules/public-site/index.js';
import { SiteDirectory } from './modules/sites/index.js';
import { StatsRecorder } from './modules/stats/index.js';

export interface AppServices {
  sites: SiteDirectory;
  stats: StatsRecorder;
  pages: PageCache<CachedPublicPage>;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
}

export function mediaDirOf(config: Pick<Config, 'dataDir'>): string {
  return path.join(config.dataDir, 'media');
}

export async function buildApp(input: { config: Config; db: Db; logger?: boolean | object; pageTtlMs?: number }): Promise<FastifyInstance> {
  const { config, db } = input;
  // Cached pages are answered before Fastify builds its request and reply objects: that
  // took the cached gzip article from 17,700 to 20,300 req/s (wrk, interleaved runs).
  // Requests through inject() do not come this way; test/serve.test.ts covers it over HTTP.
  let pageShortcut: PageShortcut | undefined;
  const app = Fastify({
    serverFactory: (handler) => http.createServer((request, response) => (pageShortcut?.(request, response) ? undefined : handler(request, response))),
    logger: input.logger ?? { level: config.logLevel },
    trustProxy: config.trustProxy,
    // Bodies of public forms are small; uploads get their own limit on their own routes.
    bodyLimit: 1024 * 1024,
    // Two log lines per request cost more than serving a cached page; nginx in front keeps
    // access logs. LOG_LEVEL=debug brings them back.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(config.logLevel) }),
    routerOptions: { maxParamLength: 500 },
  });

  const sites = new SiteDirectory(db.kysely);
  await sites.reload();
  const stats = new StatsRecorder(db, (error) => app.log.error({ err: error }, 'counter flush failed; will retry'));
  stats.start();
  const pages = new PageCache<CachedPublicPage>();
  app.decorate('services', { sites, stats, pages });
  // Counted views must reach the database before the process exits.
  app.addHook('onClose', async () => stats.stop());

  registerSecurityHeaders(app);

  app.get('/healthz', async () => {
    await db.kysely.selectFrom('sites').select('id').limit(1).execute();
    return { status: 'ok' };
  });

  await app.register(fastifyStatic, {
    root: mediaDirOf(config),
    prefix: MEDIA_URL_PREFIX,
    decorateReply: false,
    index: false,
    // A media file never changes once written: its name holds the media id and width.
    immutable: true,
    maxAge: '365d',
    // Directory listings and dotfiles stay hidden.
    list: false,
    dotfiles: 'deny',
  });

  const publicSite = { db: db.kysely, sites, stats, cache: pages, assets: loadAssets(), baseUrl: config.baseUrl, pageTtlMs: input.pageTtlMs };
  pageShortcut = registerPublicSiteRoutes(app, publicSite, clientIpResolver(config.trustProxy));
  registerErrorHandling(app, errorPageRenderer(publicSite));
  return app;
}
