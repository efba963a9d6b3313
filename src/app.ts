/**
 * Builds the HTTP application without listening, so tests drive it with inject() and
 * main.ts decides where it listens.
 */
import path from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Config } from './config.js';
import type { Db } from './platform/db/kysely.js';
import { PageCache } from './platform/cache/page-cache.js';
import { registerErrorHandling } from './platform/http/error-handler.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import { MEDIA_URL_PREFIX } from './modules/media/index.js';
import { errorPageRenderer, loadAssets, registerPublicSiteRoutes, type CachedPublicPage } from './modules/public-site/index.js';
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
  const app = Fastify({
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
  registerPublicSiteRoutes(app, publicSite);
  registerErrorHandling(app, errorPageRenderer(publicSite));
  return app;
}
