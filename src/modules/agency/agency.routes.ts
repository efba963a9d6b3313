/**
 * Routes of the agency's public pages: /co-quan, /co-cau-to-chuc, /co-cau-to-chuc/<slug>,
 * /lanh-dao, /lien-he and their English twins under /en (404 on a site without English
 * pages, like every /en page). Like every public page they go through the site's page
 * delivery: cached per content version, one URL each, personal only for logged-in staff.
 * A renamed unit's old slug answers 301 (the service records the move).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { AppError, NotFoundError } from '../../platform/errors.js';
import { SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import type { Language } from '../../platform/i18n/languages.js';
import type { PublicPageDelivery } from '../public-site/index.js';
import type { Assets } from '../public-site/public-site.models.js';
import type { PageContext, RenderedPage } from '../public-site/public-site.service.js';
import { findRedirect } from '../redirects/index.js';
import type { Site } from '../sites/index.js';
import { AGENCY_LIMITS } from './agency-rules.js';
import { pathIn, renderChartPage, renderContactPage, renderLeadersPage, renderOverviewPage, renderUnitPage } from './agency.pages.js';
import { AGENCY_PATHS } from './agency.search.js';

export interface AgencyPagesDeps {
  db: Kysely<Database>;
  assets: Assets;
  staffViewer?(request: FastifyRequest): Promise<{ displayName: string } | null>;
}

const LANGUAGES: Language[] = ['vi', 'en'];

export function registerAgencyPages(app: FastifyInstance, delivery: PublicPageDelivery, deps: AgencyPagesDeps): void {
  type Viewer = { displayName: string } | null;
  const contextFor = (site: Site, viewer: Viewer, language: Language): PageContext => ({ db: deps.db, site, now: new Date(), assets: deps.assets, staff: viewer ?? undefined, language });
  const pageRoute = { config: { writesSecurityHeaders: true } };
  const send = async (request: FastifyRequest, reply: FastifyReply, url: string, language: Language, render: (ctx: PageContext) => Promise<RenderedPage>) => {
    const viewer = deps.staffViewer ? await deps.staffViewer(request) : null;
    const page = {
      url,
      render: (site: Site) => {
        if (!site.languages.includes(language)) throw new NotFoundError();
        return render(contextFor(site, viewer, language));
      },
    };
    return viewer ? delivery.deliverPersonal(request, reply, page) : delivery.deliver(request, reply, page);
  };

  const pages: [string, (ctx: PageContext) => Promise<RenderedPage>][] = [
    [AGENCY_PATHS.overview, renderOverviewPage],
    [AGENCY_PATHS.chart, renderChartPage],
    [AGENCY_PATHS.leaders, renderLeadersPage],
    [AGENCY_PATHS.contact, renderContactPage],
  ];
  for (const language of LANGUAGES) {
    for (const [path, render] of pages) {
      const url = pathIn(path, language);
      app.get(url, pageRoute, (request, reply) => send(request, reply, url, language, render));
    }
    app.get<{ Params: { slug: string } }>(pathIn(`${AGENCY_PATHS.chart}/:slug`, language), pageRoute, async (request, reply) => {
      const slug = request.params.slug;
      if (!SLUG_PATTERN.test(slug) || slug.length > AGENCY_LIMITS.slug) throw new NotFoundError();
      const url = pathIn(`${AGENCY_PATHS.chart}/${slug}`, language);
      return send(request, reply, url, language, async (ctx) => {
        try {
          return await renderUnitPage(ctx, slug);
        } catch (error) {
          if (!(error instanceof AppError) || error.code !== 'NOT_FOUND') throw error;
          const moved = await findRedirect(ctx.db, { siteId: ctx.site.id, path: `${AGENCY_PATHS.chart.slice(1)}/${slug}`, liveDepth: 1 });
          if (moved === undefined) throw error;
          return { kind: 'redirect', location: pathIn(`/${moved}`, language) };
        }
      });
    });
  }
}
