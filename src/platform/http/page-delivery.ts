/**
 * Cached-page delivery: what every public page of every module stands on. A page is
 * rendered once per content version (however many readers ask at once), kept with its
 * gzip form, and answered with its per-request slots (counters) filled in, a weak ETag,
 * 304s, the encoding the client accepts, and security headers. Its route says only what
 * its canonical URL is and how to render it.
 *
 * The rules that keep this safe under hostile traffic live here, once:
 * - one page, one URL: a request spelled otherwise is redirected to the canonical URL,
 *   and redirects only ever point at safe same-site paths;
 * - nothing in a cached page comes from the request (the site gives its origin);
 * - error pages are cached per site like pages, so a scanner's 404s cost no queries;
 * - a client may cause only so many renders (cache misses) a minute;
 * - a response taken over from Fastify is always finished, or its connection closed;
 * - while the server closes, every answer says `Connection: close`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CompiledPage, PageCache } from '../cache/page-cache.js';
import { AppError, NotFoundError, RateLimitedError } from '../errors.js';
import { isSafeLocation } from './canonical-path.js';
import { acceptsGzip } from './content-encoding.js';
import { failRaw, writeRaw } from './raw-response.js';

export interface DeliverySite {
  id: string;
}

/** What a page route's render gives back: a page (with what its slots need), or a redirect to a canonical path. */
export type RenderedPage<M> =
  | {
      kind: 'page';
      html: string;
      meta?: M;
      /** Default text/html; feeds and sitemaps say theirs. */
      contentType?: string;
      /** Default 200. Only pages rendered per request (deliverUncached) may say otherwise: a cached page is a 200. */
      status?: number;
    }
  | { kind: 'redirect'; location: string };

export interface PageRequest<S, M> {
  /**
   * The page's canonical URL: its path, plus the query only when the query picks the
   * content (`/tin-tuc?page=2`). Any other spelling of the request is redirected here.
   */
  url: string;
  render(site: S): Promise<RenderedPage<M>>;
}

/** An error as shown to a visitor (see error-handler.ts). */
export interface ShownError {
  status: number;
  code: string;
  message: string;
  help: string;
}

export interface PageDeliveryOptions<S extends DeliverySite, M> {
  resolveSite(host: string | undefined): S | undefined;
  /** The reader's address, as Fastify's request.ip computes it (trusted proxies only). */
  clientIp(request: IncomingMessage): string;
  /** Counts the request where it should be counted, and gives the page's slot values. */
  fillSlots(input: { request: IncomingMessage; ip: string; site: S; meta: M | undefined }): Map<string, string>;
  /** `variant` is errorVariant's answer for the request ('' without one). */
  renderErrorPage(site: S, error: ShownError, variant: string): Promise<string>;
  /**
   * Which version of the site's error pages a request gets, e.g. its language from the
   * path: a short fixed word, never request text (it becomes part of a cache key).
   */
  errorVariant?(request: IncomingMessage): string;
  log: FastifyBaseLogger;
  /** A cached page is re-rendered in the background once older than this. */
  ttlMs?: number;
  /** Memory for cached pages. */
  maxBytes?: number;
  /** Renders (cache misses) one client may cause per minute; beyond, 429 with Retry-After. */
  rendersPerMinute?: number;
  /**
   * True when the request may be a logged-in staff member's (it carries a session
   * cookie): the fast path leaves it to the routes, which check the session and render a
   * personal page (deliverPersonal) or, when the cookie is no good, the cached one.
   */
  mayBePersonal?(request: IncomingMessage): boolean;
}

interface CachedPage<M> {
  page: CompiledPage;
  meta: M | undefined;
  contentType?: string;
  expiresAt: number;
}

/** Cached pages are re-rendered at least this often, so scheduled articles and banner windows show up on time. */
export const PAGE_TTL_MS = 60_000;
export const RENDERS_PER_MINUTE = 120;
const ERROR_KEY_PREFIX = 'error:';

class NoSiteError extends AppError {
  constructor() {
    super('INTERNAL', 'Cài đặt này chưa có trang thông tin nào.', { help: 'Người quản trị hãy chạy "npx cong serve" (có dữ liệu mẫu) hoặc tạo trang bằng dòng lệnh.' });
  }
}

/** If-None-Match may list several validators (RFC 9110 §13.1.2). */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header === etag || header === '*') return true;
  return header.includes(',') && header.split(',').some((candidate) => candidate.trim() === etag);
}

const FALLBACK_HELP = 'Vui lòng thử lại sau ít phút. Nếu lỗi vẫn còn, hãy liên hệ đơn vị quản lý trang.';

/** The error page when even the site's layout cannot be rendered (no site, database down). */
function fallbackErrorHtml(error: ShownError): string {
  const title = error.status === 404 ? 'Không tìm thấy trang' : error.status === 429 ? 'Quá nhiều yêu cầu' : 'Hệ thống đang gặp sự cố';
  return `<!doctype html><html lang="vi"><meta charset="utf-8"><title>${title}</title><h1>${title}</h1><p>${FALLBACK_HELP}</p></html>`;
}

export class PageDelivery<S extends DeliverySite, M> {
  private readonly cache: PageCache<CachedPage<M>>;
  private readonly rendering = new Map<string, Promise<CachedPage<M> | { redirect: string }>>();
  private readonly ttlMs: number;
  private readonly checkRenderLimit: (request: FastifyRequest) => Promise<{ isExceeded: boolean; ttlInSeconds: number }>;
  private isClosing = false;

  /** Needs @fastify/rate-limit registered on `app` (global: false). */
  constructor(
    app: FastifyInstance,
    private readonly options: PageDeliveryOptions<S, M>,
  ) {
    this.ttlMs = options.ttlMs ?? PAGE_TTL_MS;
    this.cache = new PageCache({ maxBytes: options.maxBytes, sizeOf: (entry) => entry.page.byteLength });
    const limiter = app.createRateLimit({ max: options.rendersPerMinute ?? RENDERS_PER_MINUTE, timeWindow: 60_000 });
    this.checkRenderLimit = async (request) => {
      const result = await limiter(request);
      return result.isAllowed ? { isExceeded: false, ttlInSeconds: 0 } : { isExceeded: result.isExceeded, ttlInSeconds: result.ttlInSeconds };
    };
    // preClose runs before the server stops accepting: from then on every answer closes its connection.
    app.addHook('preClose', async () => {
      this.isClosing = true;
    });
  }

  /** Everything cached for this site is stale from now on. */
  invalidateSite(siteId: string): void {
    this.cache.invalidateSite(siteId);
  }

  get cachedBytes(): number {
    return this.cache.byteSize;
  }

  /**
   * Answers a page route: a redirect when the request is not spelled as the page's
   * canonical URL, else the cached page, rendered first if needed.
   * @throws RATE_LIMITED when the client has caused too many renders; NOT_FOUND and the like from `render`.
   */
  async deliver(request: FastifyRequest, reply: FastifyReply, page: PageRequest<S, M>): Promise<void> {
    const site = this.requireSite(request.headers.host);
    if (request.url !== page.url) {
      this.redirect(reply, page.url);
      return;
    }
    let entry = this.cachedEntry(site, page.url, () => page.render(site));
    if (!entry) {
      const limit = await this.checkRenderLimit(request);
      if (limit.isExceeded) throw new RateLimitedError(limit.ttlInSeconds);
      const result = await this.renderOnce(site, page.url, () => page.render(site));
      if ('redirect' in result) {
        this.redirect(reply, result.redirect);
        return;
      }
      entry = result;
    }
    const cached = entry;
    reply.hijack();
    this.writeSafely(reply.raw, () => this.write(request.raw, reply.raw, request.ip, site, cached));
  }

  /**
   * Answers a page for one logged-in staff member (an "edit this article" bar, a
   * preview): rendered for this request only, never cached, never stored by a proxy or
   * the browser, and never mixed into what readers get.
   */
  async deliverPersonal(request: FastifyRequest, reply: FastifyReply, page: PageRequest<S, M>): Promise<void> {
    if (request.url !== page.url) {
      this.requireSite(request.headers.host);
      this.redirect(reply, page.url);
      return;
    }
    await this.deliverUncached(request, reply, page.render);
  }

  /**
   * Answers a page rendered for this request only, never cached and never stored by a
   * proxy: pages for one staff member, and pages made of what the reader typed (search
   * results, where every query is a page of its own and caching them would let anyone
   * push the popular pages out of the cache). Renders count against the client's limit.
   */
  async deliverUncached(request: FastifyRequest, reply: FastifyReply, render: (site: S) => Promise<RenderedPage<M>>): Promise<void> {
    const site = this.requireSite(request.headers.host);
    const limit = await this.checkRenderLimit(request);
    if (limit.isExceeded) throw new RateLimitedError(limit.ttlInSeconds);
    const rendered = await render(site);
    if (rendered.kind === 'redirect') {
      this.redirect(reply, rendered.location);
      return;
    }
    const entry: CachedPage<M> = { page: new CompiledPage(rendered.html, rendered.status ?? 200), meta: rendered.meta, expiresAt: 0 };
    reply.hijack();
    this.writeSafely(reply.raw, () => this.write(request.raw, reply.raw, request.ip, site, entry, [], true));
  }

  /** Sends a 301 to a same-site path. A location that is not a safe canonical path is a bug: 404 rather than follow it. */
  redirect(reply: FastifyReply, location: string): void {
    if (!isSafeLocation(location)) {
      this.options.log.error({ location }, 'refused to redirect to an unsafe location');
      throw new NotFoundError();
    }
    reply.hijack();
    writeRaw(reply.raw, 301, ['location', location, 'cache-control', 'no-cache', ...this.closingHeaders()], [], (error) => this.logWriteError(error));
  }

  /**
   * Sends the site's error page for this error, rendered once per site and error and then
   * served like any cached page. Falls back to a bare page when the site's layout cannot
   * be rendered (no site yet, database down).
   */
  async sendError(request: FastifyRequest, reply: FastifyReply, error: ShownError & { retryAfterSeconds?: number }): Promise<void> {
    const extraHeaders = error.retryAfterSeconds === undefined ? [] : ['retry-after', String(Math.max(1, error.retryAfterSeconds))];
    const site = this.options.resolveSite(request.headers.host);
    let entry: CachedPage<M> | undefined;
    if (site) {
      const variant = this.options.errorVariant?.(request.raw) ?? '';
      const key = `${ERROR_KEY_PREFIX}${variant}:${error.status}:${error.code}:${error.message}`;
      const render = async (): Promise<RenderedPage<M>> => ({ kind: 'page', html: await this.options.renderErrorPage(site, error, variant) });
      try {
        entry = this.cachedEntry(site, key, render, error.status);
        if (!entry) {
          const result = await this.renderOnce(site, key, render, error.status);
          if (!('redirect' in result)) entry = result;
        }
      } catch (renderError) {
        request.log.error({ err: renderError }, 'error page failed to render');
      }
    }
    reply.hijack();
    if (site && entry) {
      const cached = entry;
      this.writeSafely(reply.raw, () => this.write(request.raw, reply.raw, request.ip, site, cached, extraHeaders));
      return;
    }
    const body = Buffer.from(fallbackErrorHtml(error));
    writeRaw(reply.raw, error.status, ['content-type', 'text/html; charset=utf-8', 'cache-control', 'no-store', ...extraHeaders, ...this.closingHeaders()], [body], (e) => this.logWriteError(e));
  }

  /**
   * Answers a cache hit straight from Node's request handler, before Fastify parses the
   * request; returns false to leave the request to Fastify. Only a GET of exactly a cached
   * page's canonical URL qualifies, so no spelling of a URL can reach a page here that
   * the routes would have redirected. Never throws: a failure answers 500 or closes.
   */
  readonly shortcut = (request: IncomingMessage, response: ServerResponse): boolean => {
    try {
      if (request.method !== 'GET' || this.isClosing || this.options.mayBePersonal?.(request)) return false;
      const url = request.url;
      if (!url || url.startsWith(ERROR_KEY_PREFIX)) return false;
      const site = this.options.resolveSite(request.headers.host);
      const entry = site && this.cache.get(site.id, url);
      if (!site || !entry || entry.expiresAt <= Date.now() || entry.page.statusCode !== 200) return false;
      this.writeSafely(response, () => this.write(request, response, this.options.clientIp(request), site, entry));
      return true;
    } catch (error) {
      // Before any byte was written: Fastify takes the request as if nothing happened.
      this.options.log.error({ err: error }, 'page shortcut failed; left to the routes');
      return false;
    }
  };

  /** After hijack nobody else finishes the response: any failure answers 500 or closes the connection. */
  private writeSafely(response: ServerResponse, write: () => void): void {
    try {
      write();
    } catch (error) {
      this.logWriteError(error);
      failRaw(response);
    }
  }

  private requireSite(host: string | undefined): S {
    const site = this.options.resolveSite(host);
    if (!site) throw new NoSiteError();
    return site;
  }

  /**
   * The cached entry, or undefined when it must be rendered now. An entry past its TTL is
   * still served while one render replaces it in the background, so readers of a busy
   * page never all wait on its refresh; a refresh that finds the page gone drops it.
   */
  private cachedEntry(site: S, key: string, render: () => Promise<RenderedPage<M>>, status = 200): CachedPage<M> | undefined {
    const hit = this.cache.get(site.id, key);
    if (hit && hit.expiresAt <= Date.now()) {
      this.renderOnce(site, key, render, status).catch((error) => {
        if (error instanceof AppError && error.isPublic) this.cache.delete(site.id, key);
        else this.options.log.error({ err: error }, 'background page refresh failed');
      });
    }
    return hit;
  }

  /** Renders a page once however many requests wait for it, and caches it. */
  private renderOnce(site: S, key: string, render: () => Promise<RenderedPage<M>>, status = 200): Promise<CachedPage<M> | { redirect: string }> {
    const flightKey = `${site.id} ${key}`;
    let flight = this.rendering.get(flightKey);
    if (!flight) {
      const version = this.cache.version(site.id);
      flight = render()
        .then((rendered) => {
          if (rendered.kind === 'redirect') return { redirect: rendered.location };
          const entry: CachedPage<M> = { page: new CompiledPage(rendered.html, status), meta: rendered.meta, contentType: rendered.contentType, expiresAt: Date.now() + this.ttlMs };
          this.cache.set(site.id, key, entry, version);
          return entry;
        })
        .finally(() => this.rendering.delete(flightKey));
      this.rendering.set(flightKey, flight);
    }
    return flight;
  }

  /** Counts the request and writes the cached page with its slots filled in. */
  private write(request: IncomingMessage, response: ServerResponse, ip: string, site: S, entry: CachedPage<M>, extraHeaders: string[] = [], isPersonal = false): void {
    const values = this.options.fillSlots({ request, ip, site, meta: entry.meta });
    const headers = ['vary', 'Accept-Encoding', ...extraHeaders, ...this.closingHeaders()];
    const isError = entry.page.statusCode >= 400;
    if (isPersonal) {
      headers.push('cache-control', 'private, no-store');
    } else if (isError) {
      headers.push('cache-control', 'no-store');
    } else {
      // The slot values are part of what the reader sees, so they are part of the validator:
      // a reload after one's own view must bring the new count, not a 304.
      const etag = `${entry.page.etag.slice(0, -1)}-${[...values.values()].join('-')}"`;
      headers.push('cache-control', 'no-cache', 'etag', etag);
      if (matchesEtag(request.headers['if-none-match'], etag)) {
        writeRaw(response, 304, headers, [], (error) => this.logWriteError(error));
        return;
      }
    }
    const isGzip = acceptsGzip(request.headers['accept-encoding']);
    const body = entry.page.body(
      entry.page.slotNames.map((name) => Buffer.from(values.get(name) ?? '')),
      isGzip,
    );
    headers.push('content-type', entry.contentType ?? 'text/html; charset=utf-8');
    if (isGzip) headers.push('content-encoding', 'gzip');
    writeRaw(response, entry.page.statusCode, headers, body, (error) => this.logWriteError(error));
  }

  private closingHeaders(): string[] {
    return this.isClosing ? ['connection', 'close'] : [];
  }

  private logWriteError(error: unknown): void {
    this.options.log.error({ err: error }, 'response could not be written; answered 500 or closed the connection');
  }
}
