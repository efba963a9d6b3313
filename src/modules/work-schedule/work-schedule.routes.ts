/**
 * Routes of the schedule's public pages (under /lich-cong-tac, and /en/lich-cong-tac on a
 * site with English), its iCalendar feed and its stylesheet. Pages go through the site's
 * page delivery like every public page.
 *
 * /lich-cong-tac shows "this week", which turns at Monday 00:00 in Vietnam. A cached copy
 * would outlive that moment (entries are cached until content changes, refreshed only
 * after their TTL and then served stale once more), so this one URL is rendered per
 * request, uncached; its canonical URL is the week's own /lich-cong-tac/2026-w48, which
 * is cached per content version like any page (its "today" mark is at most one TTL late
 * at midnight). The feed's window (4 weeks back, 8 ahead) moves by whole weeks, so a
 * TTL-late feed is harmless.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/errors.js';
import type { PublicPageDelivery } from '../public-site/index.js';
import type { Assets } from '../public-site/public-site.models.js';
import type { PageContext } from '../public-site/public-site.service.js';
import { LANGUAGES, type Language } from '../../platform/i18n/languages.js';
import type { Site } from '../sites/index.js';
import { parseWeek, weekOfNow, weekSlug } from './schedule-weeks.js';
import { FEED_FILE, currentWeekUrl, renderScheduleFeed, renderScheduleWeek, weekUrl } from './work-schedule.pages.js';

export interface WorkSchedulePagesDeps {
  db: Kysely<Database>;
  assets: Assets;
  staffViewer?(request: FastifyRequest): Promise<{ displayName: string } | null>;
}

export function registerWorkSchedulePages(app: FastifyInstance, delivery: PublicPageDelivery, deps: WorkSchedulePagesDeps): void {
  type Viewer = { displayName: string } | null;
  const contextFor = (site: Site, viewer: Viewer, language?: Language): PageContext => ({ db: deps.db, site, now: new Date(), assets: deps.assets, staff: viewer ?? undefined, language });
  const pageRoute = { config: { writesSecurityHeaders: true } };
  const viewerOf = async (request: FastifyRequest): Promise<Viewer> => (deps.staffViewer ? deps.staffViewer(request) : null);

  // The same pages in each language of the site: /lich-cong-tac and /en/lich-cong-tac (English headings, entries as written).
  for (const language of LANGUAGES) {
    const pagePath = currentWeekUrl(language);
    app.get(pagePath, pageRoute, async (request, reply) => {
      // One spelling of the page: a query string picks nothing here.
      if (request.url !== pagePath) return delivery.redirect(reply, pagePath);
      const viewer = await viewerOf(request);
      return delivery.deliverUncached(request, reply, (site) => {
        const ctx = contextFor(site, viewer, language);
        return renderScheduleWeek(ctx, { week: weekOfNow(ctx.now), path: pagePath });
      });
    });

    app.get<{ Params: { week: string } }>(`${pagePath}/:week`, pageRoute, async (request, reply) => {
      const text = request.params.week;
      const week = text.length <= 10 ? parseWeek(text) : null;
      if (!week) throw new NotFoundError('Không có tuần này trong lịch công tác.', 'Địa chỉ của một tuần có dạng /lich-cong-tac/2026-w48 (năm, chữ w, số tuần).');
      const url = weekUrl(week, language);
      // '2026-W48' (as the API writes weeks) answers 301 to the canonical lower-case URL.
      if (text !== weekSlug(week)) return delivery.redirect(reply, url);
      const viewer = await viewerOf(request);
      const page = { url, render: (site: Site) => renderScheduleWeek(contextFor(site, viewer, language), { week, path: url }) };
      return viewer ? delivery.deliverPersonal(request, reply, page) : delivery.deliver(request, reply, page);
    });
  }

  // For calendar apps: the same for everyone (never personal), cached like the RSS feed.
  app.get(FEED_FILE, pageRoute, async (request, reply) => delivery.deliver(request, reply, { url: FEED_FILE, render: (site) => renderScheduleFeed(contextFor(site, null)) }));
}
