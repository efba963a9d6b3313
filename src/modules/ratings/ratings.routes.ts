/**
 * The rating form's endpoint and the thank-you page. POST /danh-gia takes a form (no
 * script: answered with 303 to /danh-gia/cam-on) or fetch() with Accept: application/json
 * (answered with JSON, errors as {error:{code,message,field}}). The form sits in cached
 * pages, so it carries no token: a cross-site post is refused by its Origin/Referer (and
 * Sec-Fetch-Site), a burst from one address gets 429, a filled honeypot is dropped
 * silently (the same "thank you", nothing stored).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { AppError, NotFoundError, RateLimitedError } from '../../platform/errors.js';
import type { PublicPageDelivery } from '../public-site/index.js';
import type { Assets } from '../public-site/public-site.models.js';
import type { Site } from '../sites/index.js';
import { isPagePathShaped } from './rating-rules.js';
import { HONEYPOT_FIELD, RATING_ACTION, THANKS_PATH } from './rating-widget.js';
import { CrossSiteRatingError } from './ratings.errors.js';
import { renderThanksPage, THANKS_MESSAGE } from './ratings.pages.js';
import { submitRating } from './ratings.service.js';

export interface RatingPagesDeps {
  db: Kysely<Database>;
  assets: Assets;
}

/** Ratings one address may send: 10 in 10 minutes is more than a reader rating every page they read. */
export const RATING_RATE_LIMIT = { max: 10, timeWindow: 10 * 60_000 } as const;
/** Largest form body: a 500-character comment percent-encoded is under 5 KB. */
const FORM_BODY_LIMIT = 16 * 1024;

const ThanksQuery = Type.Object({ trang: Type.Optional(Type.String({ maxLength: 600 })) });

/** Whether the request comes from a page of this site (RFC 6454 origin; Fetch Metadata where sent). */
export function isSameSite(request: FastifyRequest, site: Site): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin') return false;
  const raw = request.headers.origin ?? request.headers.referer;
  if (typeof raw !== 'string' || raw === 'null' || !URL.canParse(raw)) return false;
  const from = new URL(raw);
  if (from.origin === site.origin) return true;
  // The Host header chose this site: a page served under it (an alias, the loopback
  // address) is this site too. A cross-site page cannot make the browser send both.
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && from.host === host && (from.protocol === 'https:' || from.protocol === 'http:');
}

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

function sendJsonError(reply: FastifyReply, error: AppError): FastifyReply {
  if (error instanceof RateLimitedError) reply.header('retry-after', String(Math.max(1, error.retryAfterSeconds)));
  return reply
    .code(error.status)
    .header('cache-control', 'no-store')
    .send({ error: { code: error.code, message: error.message, ...(error.help ? { help: error.help } : {}), ...(error.field ? { field: error.field } : {}) } });
}

export function registerRatingPages(app: FastifyInstance, delivery: PublicPageDelivery, deps: RatingPagesDeps): void {
  const limiter = app.createRateLimit(RATING_RATE_LIMIT);

  app.withTypeProvider<TypeBoxTypeProvider>().get(THANKS_PATH, { config: { writesSecurityHeaders: true }, schema: { querystring: ThanksQuery } }, async (request, reply) => {
    const page = request.query.trang;
    await delivery.deliverUncached(request, reply, (site) => renderThanksPage({ db: deps.db, site, now: new Date(), assets: deps.assets }, page));
  });

  // Encapsulated: only this route reads urlencoded forms outside /admin.
  void app.register(async (scope) => {
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: FORM_BODY_LIMIT }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
    scope.post(RATING_ACTION, { bodyLimit: FORM_BODY_LIMIT }, async (request, reply) => {
      const isJson = wantsJson(request);
      const body = (typeof request.body === 'object' && request.body !== null && !Array.isArray(request.body) ? request.body : {}) as Record<string, unknown>;
      try {
        const site = app.services.sites.resolve(request.headers.host);
        if (!site) throw new NotFoundError();
        if (!isSameSite(request, site)) throw new CrossSiteRatingError();
        const limit = await limiter(request);
        if (!limit.isAllowed && limit.isExceeded) throw new RateLimitedError(limit.ttlInSeconds);
        const userAgent = typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : '';
        const scopeOfReader = { siteId: site.id, actor: null, clientIp: request.ip, now: new Date() };
        await submitRating(deps.db, scopeOfReader, { path: body.path, useful: body.useful, comment: body.comment, honeypot: body[HONEYPOT_FIELD], userAgent });
        // The same answer whether stored, replaced or dropped by the honeypot: a bot learns nothing.
        if (isJson) return reply.header('cache-control', 'no-store').send({ status: 'received', message: THANKS_MESSAGE });
        const back = typeof body.path === 'string' && isPagePathShaped(body.path) ? `?trang=${encodeURIComponent(body.path)}` : '';
        return reply.code(303).header('location', `${THANKS_PATH}${back}`).header('cache-control', 'no-store').send();
      } catch (error) {
        if (isJson && error instanceof AppError && error.status < 500) return sendJsonError(reply, error);
        throw error;
      }
    });
  });
}
