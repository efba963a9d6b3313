/**
 * The page delivery of public pages, shared by every module that renders inside the
 * site's layout: it fills the layout's visit counter and an article's view counter
 * (counting the request), and renders the site's error pages.
 */
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage } from 'node:http';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { PageDelivery } from '../../platform/http/page-delivery.js';
import { formatNumber } from '../../platform/i18n/vi.js';
import type { Site, SiteDirectory } from '../sites/index.js';
import type { StatsRecorder } from '../stats/index.js';
import type { Assets } from './public-site.models.js';
import { renderErrorPage, VIEWS_SLOT, VISITS_SLOT } from './public-site.service.js';

/** What a cached public page needs at serve time: the article whose views it shows, if any. */
export interface PageCounters {
  article?: { id: string; viewCount: number };
  /** Feeds, sitemaps and robots.txt: machines fetch them, readers do not visit them. */
  isNotCounted?: boolean;
}

export type PublicPageDelivery = PageDelivery<Site, PageCounters>;

export function createPublicPageDelivery(
  app: FastifyInstance,
  deps: { db: Kysely<Database>; sites: SiteDirectory; stats: StatsRecorder; assets: Assets; clientIp: (request: IncomingMessage) => string; mayBePersonal?: (request: IncomingMessage) => boolean; ttlMs?: number; rendersPerMinute?: number },
): PublicPageDelivery {
  return new PageDelivery<Site, PageCounters>(app, {
    resolveSite: (host) => deps.sites.resolve(host),
    clientIp: deps.clientIp,
    log: app.log,
    ttlMs: deps.ttlMs,
    rendersPerMinute: deps.rendersPerMinute,
    mayBePersonal: deps.mayBePersonal,
    // Counting happens before any 304: a reader whose browser revalidates still read the page.
    fillSlots: ({ request, ip, site, meta }) => {
      if (meta?.isNotCounted) return new Map();
      const counts = deps.stats.recordPageRequest({
        reader: { siteId: site.id, ip, userAgent: request.headers['user-agent'], now: Date.now(), connection: request.socket },
        isCounted: request.method === 'GET',
        persistedVisits: site.visitCount,
        article: meta?.article,
      });
      const values = new Map<string, string>([[VISITS_SLOT, formatNumber(counts.visits)]]);
      if (counts.views !== undefined) values.set(VIEWS_SLOT, formatNumber(counts.views));
      return values;
    },
    // Pages under /en/ get their error pages in English (when the site has English pages).
    errorVariant: (request) => (/^\/en(?:[/?#]|$)/i.test(request.url ?? '') ? 'en' : ''),
    renderErrorPage: (site, error, variant) => renderErrorPage({ db: deps.db, site, now: new Date(), assets: deps.assets, language: variant === 'en' && site.languages.includes('en') ? 'en' : undefined }, error),
  });
}
