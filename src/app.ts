/**
 * Builds the HTTP application without listening, so tests drive it with inject() and
 * main.ts decides where it listens.
 */
import http from 'node:http';
import Fastify, { LogController, type FastifyInstance, type FastifyRequest } from 'fastify';
import { mediaDirOf, type Config } from './config.js';
import type { Db } from './platform/db/kysely.js';
import { clientIpResolver } from './platform/http/client-ip.js';
import { InvalidInputError, RateLimitedError } from './platform/errors.js';
import { registerErrorHandling, type ErrorAnswer } from './platform/http/error-handler.js';
import { loggerOptions } from './platform/logging.js';
import { registerSecurityHeaders } from './platform/http/security-headers.js';
import fastifyRateLimit from '@fastify/rate-limit';
import { JobRunner } from './platform/jobs/jobs.js';
import { PUBLISH_DUE_JOB, publishDueHandler } from './modules/articles/index.js';
import { registerMediaFiles } from './modules/media/index.js';
import fastifyCookie from '@fastify/cookie';
import { deleteExpiredSessions, hasPermission } from './modules/accounts/index.js';
import { loadAdminAssets, registerAdminAssets } from './modules/admin-ui/admin-assets.js';
import { registerAdminUi } from './modules/admin-ui/admin-ui.routes.js';
import { sendAdminError } from './modules/admin-ui/admin-errors.js';
import { mayHaveStaffSession, readStaffSession, sessionLimits } from './modules/admin-ui/staff-auth.js';
import { renderArticlePreview } from './modules/public-site/public-site.service.js';
import { registerAdminApi } from './modules/api/admin-api.routes.js';
import { registerPublicApi } from './modules/api/public-api.routes.js';
import { registerApiDocs } from './modules/api/api-docs.js';
import { onContentChange } from './platform/cache/content-changes.js';
import { createPublicPageDelivery, loadAssets, registerPublicSiteRoutes, type PublicPageDelivery } from './modules/public-site/index.js';
import { CONTENT_CHANNEL, SiteDirectory } from './modules/sites/index.js';
import { StatsRecorder } from './modules/stats/index.js';
import { SEARCH_SOURCES, searchReindexHandler } from './content-search.js';
import { SEARCH_REINDEX_JOB } from './modules/search/index.js';
import { registerLegalDocumentPages } from './modules/legal-documents/legal-documents.routes.js';
import { linkCitationsInHtml } from './modules/legal-documents/index.js';
import { embedIndicators } from './modules/indicators/index.js';
import { registerIndicatorPages } from './modules/indicators/indicators.routes.js';
import { registerAgencyPages } from './modules/agency/agency.routes.js';
import { registerPublicServicesPages } from './modules/public-services/public-services.routes.js';
import { registerWorkSchedulePages } from './modules/work-schedule/work-schedule.routes.js';
import { registerProjectsPages } from './modules/projects/projects.routes.js';
import { registerConsultationPages } from './modules/consultations/consultations.routes.js';
import { CONSULTATIONS_RETENTION_JOB, consultationsRetentionHandler } from './modules/consultations/index.js';
import { registerInformationAccessPages } from './modules/information-access/information-access.routes.js';
import { INFORMATION_RETENTION_JOB, informationRetentionHandler } from './modules/information-access/index.js';
import { registerQuestionPages } from './modules/questions/questions.routes.js';
import { QUESTIONS_RETENTION_JOB, questionsRetentionHandler } from './modules/questions/index.js';
import { registerRatingPages } from './modules/ratings/ratings.routes.js';

export interface AppServices {
  sites: SiteDirectory;
  stats: StatsRecorder;
  /** Cached public pages; modules with public pages deliver them through it. */
  pages: PublicPageDelivery;
  /** Timed work (scheduled publishing, reindexing, retention), polled in the background. */
  jobs: JobRunner;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
}

/**
 * Server timeouts, chosen on purpose (README, "Thời gian chờ"):
 * - headers within 10 s of connecting or of the previous answer: a client dribbling
 *   header bytes (slowloris) is cut off quickly;
 * - a whole request within 120 s: enough for a 50 MB document over a slow office line,
 *   and a stalled upload does not hold a socket for Node's default 5 minutes (public
 *   bodies are small, and slow headers are cut at 10 s);
 * - idle keep-alive connections kept 65 s: longer than nginx's upstream keepalive_timeout
 *   (60 s), so nginx, not Cổng, closes pooled connections and never sends a request into
 *   one Cổng is closing (a 502 for the reader);
 * - no byte either way for 75 s closes the socket, also while a client stops reading
 *   its answer;
 * - Node checks the first two every second instead of every 30 s.
 */
export const SERVER_TIMEOUTS = {
  headersTimeout: 10_000,
  requestTimeout: 120_000,
  keepAliveTimeout: 65_000,
  socketIdleTimeout: 75_000,
  connectionsCheckingInterval: 1_000,
} as const;

export async function buildApp(input: { config: Config; db: Db; logger?: boolean | object; pageTtlMs?: number; rendersPerMinute?: number }): Promise<FastifyInstance> {
  const { config, db } = input;
  // Cached pages are answered before Fastify builds its request and reply objects: that
  // took the cached gzip article from 17,700 to 20,300 req/s (wrk, interleaved runs).
  // Requests through inject() do not come this way; page-shortcut.test.ts covers it over HTTP.
  let delivery: PublicPageDelivery | undefined;
  let answerError: ErrorAnswer | undefined;
  const app = Fastify({
    serverFactory: (handler) => {
      const { socketIdleTimeout, ...timeouts } = SERVER_TIMEOUTS;
      const server = http.createServer(timeouts, (request, response) => (delivery?.shortcut(request, response) ? undefined : handler(request, response)));
      server.setTimeout(socketIdleTimeout);
      return server;
    },
    logger: input.logger ?? loggerOptions({ level: config.logLevel, isTerminal: process.stdout.isTTY === true }),
    trustProxy: config.trustProxy,
    // Bodies of public forms are small; uploads get their own limit on their own routes.
    bodyLimit: 1024 * 1024,
    // Two log lines per request cost more than serving a cached page; nginx in front keeps
    // access logs. LOG_LEVEL=debug brings them back.
    logController: new LogController({ disableRequestLogging: !['debug', 'trace'].includes(config.logLevel) }),
    routerOptions: { maxParamLength: 500 },
    // While closing, requests on open keep-alive connections are still served, with
    // Connection: close, rather than refused with 503: nginx's pool then reconnects to a
    // live instance without a failed request.
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    // A path Fastify cannot decode (%FF, raw bytes beyond ASCII) gets our Vietnamese 400, not Fastify's English JSON.
    frameworkErrors: (error, request, reply) => {
      const invalid = new InvalidInputError('Địa chỉ trang không hợp lệ.', { cause: error, help: 'Hãy kiểm tra lại địa chỉ đã nhập, hoặc về trang chủ để tìm nội dung.' });
      answerError?.(invalid, request, reply).catch((failure) => request.log.error({ err: failure }, 'error answer failed'));
    },
  });

  const sites = new SiteDirectory(db.kysely, { localPort: config.port });
  await sites.reload();
  const stats = new StatsRecorder(db, (error) => app.log.error({ err: error }, 'counter flush failed; will retry'));
  stats.start();
  // Counted views must reach the database before the process exits.
  app.addHook('onClose', async () => stats.stop());
  const jobHandlers = { [PUBLISH_DUE_JOB]: publishDueHandler(db.kysely), [SEARCH_REINDEX_JOB]: searchReindexHandler(db.kysely, mediaDirOf(config)), [QUESTIONS_RETENTION_JOB]: questionsRetentionHandler(db.kysely, mediaDirOf(config)), [INFORMATION_RETENTION_JOB]: informationRetentionHandler(db.kysely), [CONSULTATIONS_RETENTION_JOB]: consultationsRetentionHandler(db.kysely) };
  const jobs = new JobRunner(db.kysely, jobHandlers, (error, job) => app.log.error({ err: error, job }, 'job failed; it will be tried again'));
  jobs.start();
  app.addHook('onClose', async () => jobs.stop());

  registerSecurityHeaders(app);
  // No page, file or API takes a NUL in its address: refused before any route (PostgreSQL
  // could not even compare it), the same on both engines.
  app.addHook('onRequest', async (request) => {
    if (/%00|\u0000/i.test(request.raw.url ?? '')) throw new InvalidInputError('Địa chỉ có ký tự không hợp lệ.', { help: 'Hãy kiểm tra lại địa chỉ đã nhập, hoặc về trang chủ để tìm nội dung.' });
  });
  // Before any route: swagger collects the API routes' schemas as they are added.
  await registerApiDocs(app);
  // Limits are opted into where a request costs real work (page renders, later forms and
  // logins). The plugin keeps clients in an LRU of this many, so a flood of addresses
  // cannot grow memory.
  await app.register(fastifyRateLimit, { global: false, cache: 10_000, errorResponseBuilder: (_request, context) => new RateLimitedError(Math.ceil(context.ttl / 1000)) });

  const assets = loadAssets();
  await app.register(fastifyCookie);
  delivery = createPublicPageDelivery(app, { db: db.kysely, sites, stats, assets: assets.urls, clientIp: clientIpResolver(config.trustProxy), mayBePersonal: mayHaveStaffSession, ttlMs: input.pageTtlMs, rendersPerMinute: input.rendersPerMinute });
  app.decorate('services', { sites, stats, pages: delivery, jobs });
  // Before the plugins below: an encapsulated plugin keeps the error handler it was registered under.
  const pages = delivery;
  const adminAssets = await loadAdminAssets();
  answerError = registerErrorHandling(app, (request, reply, error) => (request.url.startsWith('/admin') ? sendAdminError(request, reply, error, adminAssets.urls) : pages.sendError(request, reply, error)));
  watchContent(app, db, sites, delivery);

  app.get('/healthz', async () => {
    await db.kysely.selectFrom('sites').select('id').limit(1).execute();
    return { status: 'ok' };
  });

  await registerMediaFiles(app, { db: db.kysely, mediaDir: mediaDirOf(config) });

  const staffDeps = { db: db.kysely, sites, staff: config.staff };
  // Ended sessions are refused when read; this only keeps the table from growing. Any
  // instance may do it: deleting what another already deleted is harmless.
  const sessionSweep = setInterval(() => {
    deleteExpiredSessions(db.kysely, { now: new Date(), limits: sessionLimits(config.staff) }).catch((error) => app.log.warn({ err: error }, 'removing ended sessions failed'));
  }, SESSION_SWEEP_MS);
  sessionSweep.unref();
  app.addHook('onClose', async () => clearInterval(sessionSweep));
  registerAdminAssets(app, adminAssets);
  await registerAdminUi(app, {
    ...staffDeps,
    assets: adminAssets,
    mediaDir: mediaDirOf(config),
    preview: ({ site, staffName, article }) => {
      const now = new Date();
      const linkBody = (html: string) => enrichBody(db.kysely, { siteId: site.id, now, html });
      return renderArticlePreview({ db: db.kysely, site, now, assets: assets.urls, staff: { displayName: staffName }, linkBody }, article);
    },
  });
  await registerAdminApi(app, { ...staffDeps, mediaDir: mediaDirOf(config) });
  await registerPublicApi(app, { db: db.kysely, sites, searchTypes: SEARCH_SOURCES.map((s) => s.type) });
  // A member of the site browsing it gets their own uncached page with an edit bar.
  const staffViewer = async (request: FastifyRequest) => {
    if (!mayHaveStaffSession(request.raw)) return null;
    const staff = await readStaffSession(request, staffDeps);
    return staff && hasPermission(staff.scope.actor, 'staff.enter') ? { displayName: staff.scope.actor.displayName } : null;
  };

  const moduleDeps = { db: db.kysely, assets: assets.urls, staffViewer };
  registerLegalDocumentPages(app, delivery, moduleDeps);
  registerIndicatorPages(app, delivery, moduleDeps);
  registerAgencyPages(app, delivery, moduleDeps);
  registerPublicServicesPages(app, delivery, moduleDeps);
  registerWorkSchedulePages(app, delivery, moduleDeps);
  registerProjectsPages(app, delivery, moduleDeps);
  registerConsultationPages(app, delivery, moduleDeps);
  registerInformationAccessPages(app, delivery, moduleDeps);
  registerQuestionPages(app, delivery, { ...moduleDeps, mediaDir: mediaDirOf(config) });
  registerRatingPages(app, delivery, moduleDeps);
  registerPublicSiteRoutes(app, delivery, {
    db: db.kysely,
    assets,
    staffViewer,
    searchTypes: SEARCH_SOURCES.map((s) => ({ type: s.type, label: s.label })),
    linkBody: ({ db: kysely, siteId, now, html }) => enrichBody(kysely, { siteId, now, html }),
  });
  return app;
}

const SESSION_SWEEP_MS = 3_600_000;

/**
 * What an article body gains at render time from other modules: indicator blocks where
 * it marks them ([chi-tieu:slug]), and links to the legal documents it cites.
 */
async function enrichBody(db: Db['kysely'], input: { siteId: string; now: Date; html: string }): Promise<string> {
  const withIndicators = await embedIndicators(db, input);
  return linkCitationsInHtml(db, { ...input, html: withIndicators });
}

/** How often the sites are read again, to catch changes no notification told of. */
const SITE_RELOAD_MS = { sqlite: 1_000, postgres: 30_000 } as const;

/**
 * Cached pages never outlive the content they show (modules/sites/content-version.ts): a
 * change announced in this process or NOTIFY'd by another instance drops the site's pages
 * at once; reading the sites again (also after a reconnection) catches anything missed,
 * such as a `cong` command's write on SQLite, and picks up changed site settings.
 */
function watchContent(app: FastifyInstance, db: Db, sites: SiteDirectory, delivery: PublicPageDelivery): void {
  let reloading: Promise<void> | undefined;
  let isReloadWanted = false;
  const reload = (): void => {
    if (reloading) {
      isReloadWanted = true;
      return;
    }
    reloading = sites
      .reload()
      .then((changed) => changed.forEach((siteId) => delivery.invalidateSite(siteId)))
      .catch((error) => app.log.error({ err: error }, 'reading the sites again failed'))
      .finally(() => {
        reloading = undefined;
        if (isReloadWanted) {
          isReloadWanted = false;
          reload();
        }
      });
  };
  const changed = (siteId: string): void => {
    delivery.invalidateSite(siteId);
    reload();
  };
  const unsubscribe = onContentChange(db.kysely, changed);
  const stopListening = db.listen?.(CONTENT_CHANNEL, {
    onPayload: changed,
    onConnect: reload,
    onError: (error) => app.log.warn({ err: error }, 'content notifications interrupted; reconnecting'),
  });
  const timer = setInterval(reload, SITE_RELOAD_MS[db.engine]);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    unsubscribe();
    await stopListening?.();
    await reloading;
  });
}
