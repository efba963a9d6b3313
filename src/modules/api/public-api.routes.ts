/**
 * The public read API, /api/v1: the site's public information, its categories and its
 * published articles, for other portals (a province's portal gathering its departments'
 * news), apps and open-data users. Only published content whose time has come, ever:
 * every query goes through the articles module's public functions. Answers carry an ETag
 * (304 on a match) and short cache headers, and GETs are open to any origin (CORS).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { InvalidInputError, NotFoundError, RateLimitedError } from '../../platform/errors.js';
import { findPublishedPage, getPublishedArticle, getPublishedArticleById, type Article } from '../articles/index.js';
import { loadCategoryTree, type Category } from '../categories/index.js';
import { getPublishedIndicator, indicatorJson, listPublishedIndicators, percentNumber } from '../indicators/index.js';
import { DOCUMENT_COLLECTIONS, getPublishedDocument, listPublishedDocuments, type PublicDocumentLink, type PublicDocumentSummary } from '../legal-documents/index.js';
import { MAX_PAGE as MAX_SEARCH_PAGE, searchSite } from '../search/index.js';
import { registerAgencyApi } from './agency-api.routes.js';
import { registerProjectsApi } from './projects-api.routes.js';
import { registerQuestionsApi } from './questions-api.routes.js';
import { registerInformationAccessApi } from './information-access-api.routes.js';
import { registerConsultationsApi } from './consultations-api.routes.js';
import { registerPublicServicesApi } from './public-services-api.routes.js';
import { registerWorkScheduleApi } from './work-schedule-api.routes.js';
import { API_ERRORS as errors, MAX_PAGE_SIZE, sendCached, type PublicApiSection } from './api-shared.js';
import type { Site, SiteDirectory } from '../sites/index.js';

export const PUBLIC_API_PREFIX = '/api/v1';

/** The endpoints of the government modules, each in a file of its own. */
const SECTIONS: PublicApiSection[] = [registerAgencyApi, registerPublicServicesApi, registerWorkScheduleApi, registerProjectsApi, registerQuestionsApi, registerConsultationsApi, registerInformationAccessApi];

export interface PublicApiDeps {
  db: Kysely<Database>;
  sites: SiteDirectory;
  /** The kinds of content search finds (its type filter). */
  searchTypes: string[];
}


const ArticleSummaryView = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  title: Type.String(),
  lead: Type.String(),
  url: Type.String({ description: 'Địa chỉ tuyệt đối của bài trên trang' }),
  categoryId: Type.String(),
  publishedAt: Type.String(),
  isFeatured: Type.Boolean(),
  language: Type.Union([Type.Literal('vi'), Type.Literal('en')]),
});
const ArticleView = Type.Intersect([ArticleSummaryView, Type.Object({ bodyHtml: Type.String({ description: 'HTML đã lọc; ảnh là <img data-media-id>' }), byline: Type.String(), tags: Type.Array(Type.String()), updatedAt: Type.String() })]);
const LanguageParam = Type.Union([Type.Literal('vi'), Type.Literal('en')], { description: 'Ngôn ngữ của bài: vi (mặc định) hoặc en (trang tiếng Anh, địa chỉ dưới /en)' });
const TextRangeView = Type.Object({ start: Type.Integer(), end: Type.Integer() }, { description: 'Vị trí [start, end) theo đơn vị UTF-16' });
const SearchHitView = Type.Object({
  type: Type.String(),
  id: Type.String(),
  title: Type.String(),
  url: Type.String({ description: 'Địa chỉ tuyệt đối' }),
  publishedAt: Type.String(),
  categoryId: Type.Union([Type.String(), Type.Null()]),
  language: Type.Union([Type.Literal('vi'), Type.Literal('en')]),
  isExactMatch: Type.Boolean({ description: 'Có đúng mọi từ khóa kể cả dấu' }),
  titleHighlights: Type.Array(TextRangeView),
  snippet: Type.Object({ text: Type.String(), highlights: Type.Array(TextRangeView), isCutStart: Type.Boolean(), isCutEnd: Type.Boolean() }, { description: 'Văn bản thuần (không phải HTML) và vị trí các từ khớp' }),
  attachment: Type.Optional(Type.Object({ name: Type.String(), url: Type.String() }, { description: 'Khi đoạn trích lấy từ tệp đính kèm' })),
});
const SearchResultView = Type.Object({ total: Type.Integer(), isTotalCapped: Type.Boolean(), page: Type.Integer(), pageCount: Type.Integer(), items: Type.Array(SearchHitView) });
const DocumentStatusView = Type.Union([Type.Literal('in_force'), Type.Literal('expired'), Type.Literal('replaced')], { description: 'in_force: còn hiệu lực; expired: hết hiệu lực; replaced: bị thay thế' });
const DocumentLinkView = Type.Object({ number: Type.String(), title: Type.String(), url: Type.String(), status: DocumentStatusView });
const DocumentSummaryView = Type.Object({
  slug: Type.String(),
  number: Type.String({ description: 'Số ký hiệu' }),
  title: Type.String(),
  url: Type.String({ description: 'Địa chỉ tuyệt đối của trang văn bản' }),
  type: Type.String({ description: 'Loại văn bản' }),
  field: Type.String({ description: 'Lĩnh vực' }),
  issuer: Type.String({ description: 'Cơ quan ban hành' }),
  signer: Type.String({ description: 'Người ký' }),
  issuedOn: Type.Union([Type.String(), Type.Null()], { description: 'Ngày ban hành (YYYY-MM-DD)' }),
  effectiveOn: Type.Union([Type.String(), Type.Null()]),
  expiresOn: Type.Union([Type.String(), Type.Null()]),
  status: DocumentStatusView,
  summary: Type.String({ description: 'Trích yếu' }),
});
const DocumentView = Type.Intersect([
  DocumentSummaryView,
  Type.Object({
    bodyHtml: Type.String(),
    attachments: Type.Array(Type.Object({ name: Type.String(), url: Type.String(), mime: Type.String(), bytes: Type.Integer() })),
    replacedBy: Type.Union([DocumentLinkView, Type.Null()]),
    replaces: Type.Array(DocumentLinkView),
    related: Type.Array(DocumentLinkView),
    publishedAt: Type.String(),
    updatedAt: Type.String(),
  }),
]);

const IndicatorSummaryView = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  unit: Type.String(),
  description: Type.String(),
  periodKind: Type.Union([Type.Literal('year'), Type.Literal('quarter')]),
  url: Type.String({ description: 'Trang của chỉ tiêu' }),
  json: Type.String({ description: 'Dữ liệu mở đầy đủ (JSON)' }),
  latest: Type.Union([
    Type.Object({ period: Type.String(), district: Type.String(), target: Type.Union([Type.Number(), Type.Null()]), result: Type.Union([Type.Number(), Type.Null()]), percentOfPlan: Type.Union([Type.Number(), Type.Null()], { description: '114.35 là 114,35% kế hoạch' }) }),
    Type.Null(),
  ]),
});

function documentSummary(site: Site, d: PublicDocumentSummary): Static<typeof DocumentSummaryView> {
  return { slug: d.slug, number: d.number, title: d.title, url: `${site.origin}${d.url}`, type: d.typeName, field: d.fieldName, issuer: d.issuer, signer: d.signer, issuedOn: d.issuedOn, effectiveOn: d.effectiveOn, expiresOn: d.expiresOn, status: d.status, summary: d.summary };
}

const CategoryView = Type.Object({ id: Type.String(), parentId: Type.Union([Type.String(), Type.Null()]), slug: Type.String(), path: Type.String(), name: Type.String(), description: Type.String(), url: Type.String() });

/** An opaque cursor: the last item's publication time and id (newest first, ties by id). */
function encodeCursor(item: { publishedAt: string; id: string }): string {
  return Buffer.from(JSON.stringify([item.publishedAt, item.id])).toString('base64url');
}

function decodeCursor(raw: string): { publishedAt: string; id: string } {
  try {
    const [publishedAt, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as unknown[];
    if (typeof publishedAt === 'string' && typeof id === 'string' && !Number.isNaN(Date.parse(publishedAt)) && id.length <= 64) return { publishedAt, id };
  } catch {
    // fall through
  }
  throw new InvalidInputError('Con trỏ phân trang (cursor) không hợp lệ: hãy dùng đúng giá trị nextCursor của lần gọi trước.', { field: 'cursor' });
}

function parseDay(raw: string | undefined, field: string): Date | undefined {
  if (raw === undefined) return undefined;
  const date = new Date(`${raw}T00:00:00+07:00`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(date.getTime())) throw new InvalidInputError(`Ngày "${field}" phải có dạng YYYY-MM-DD.`, { field });
  return date;
}


/** Each search is a query of its own (never cached here): one client's searches are limited per minute, as page renders are. */
const SEARCHES_PER_MINUTE = 120;

export async function registerPublicApi(app: FastifyInstance, deps: PublicApiDeps): Promise<void> {
  const limitSearches = app.createRateLimit({ max: SEARCHES_PER_MINUTE, timeWindow: 60_000 });
  await app.register(
    async (api) => {
      // Read-only and public: any origin may read it (no credentials are involved).
      api.addHook('onRequest', async (request, reply) => {
        reply.header('access-control-allow-origin', '*');
        if (request.method === 'OPTIONS') reply.header('access-control-allow-methods', 'GET, HEAD, OPTIONS').header('access-control-max-age', '86400');
      });
      api.options('/*', { schema: { hide: true } }, async (_request, reply) => reply.code(204).send());
      const typed = api.withTypeProvider<TypeBoxTypeProvider>();
      const siteOf = (request: FastifyRequest): Site => {
        const site = deps.sites.resolve(request.headers.host);
        if (!site) throw new NotFoundError('Chưa có trang nào.');
        return site;
      };
      const urlOf = (site: Site, tree: { findById(id: string): Category | undefined }, article: { categoryId: string; slug: string; language: string }) =>
        `${site.origin}${article.language === 'en' ? '/en' : ''}/${tree.findById(article.categoryId)?.path ?? ''}/${article.slug}`;
      const summary = (site: Site, tree: { findById(id: string): Category | undefined }, a: { id: string; slug: string; title: string; lead: string; categoryId: string; publishedAt: string; isFeatured: boolean; language: 'vi' | 'en' }): Static<typeof ArticleSummaryView> => ({ id: a.id, slug: a.slug, title: a.title, lead: a.lead, url: urlOf(site, tree, a), categoryId: a.categoryId, publishedAt: a.publishedAt, isFeatured: a.isFeatured, language: a.language });
      const full = (site: Site, tree: { findById(id: string): Category | undefined }, a: Article): Static<typeof ArticleView> => ({ ...summary(site, tree, a), bodyHtml: a.bodyHtml, byline: a.byline, tags: a.tags, updatedAt: a.updatedAt });

      typed.get('/site', {
        schema: { tags: ['Công khai'], summary: 'Thông tin công khai của trang (cơ quan, liên hệ)', response: { 200: Type.Object({ name: Type.String(), englishName: Type.String(), governingBody: Type.String(), url: Type.String(), address: Type.String(), phone: Type.String(), fax: Type.String(), email: Type.String(), responsiblePerson: Type.String() }), ...errors } },
        handler: async (request, reply) => {
          const site = siteOf(request);
          return sendCached(request, reply, { name: site.name, englishName: site.englishName, governingBody: site.governingBody, url: `${site.origin}/`, address: site.address, phone: site.phone, fax: site.fax, email: site.email, responsiblePerson: site.responsiblePerson });
        },
      });

      typed.get('/categories', {
        schema: { tags: ['Công khai'], summary: 'Cây chuyên mục (cha trước con)', response: { 200: Type.Object({ items: Type.Array(CategoryView) }), ...errors } },
        handler: async (request, reply) => {
          const site = siteOf(request);
          const tree = await loadCategoryTree(deps.db, site.id);
          return sendCached(request, reply, { items: tree.all.map((c) => ({ id: c.id, parentId: c.parentId, slug: c.slug, path: c.path, name: c.name, description: c.description, url: `${site.origin}/${c.path}` })) });
        },
      });

      typed.get('/articles', {
        schema: {
          tags: ['Công khai'],
          summary: 'Bài đã xuất bản, mới nhất trước, phân trang bằng con trỏ',
          querystring: Type.Object({
            category: Type.Optional(Type.String({ maxLength: 300, description: 'Đường dẫn chuyên mục (tin-tuc/thong-bao): gồm cả chuyên mục con' })),
            from: Type.Optional(Type.String({ description: 'Từ ngày (YYYY-MM-DD, giờ Việt Nam)' })),
            to: Type.Optional(Type.String({ description: 'Đến hết ngày (YYYY-MM-DD)' })),
            featured: Type.Optional(Type.Boolean()),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
            cursor: Type.Optional(Type.String({ maxLength: 200 })),
            language: Type.Optional(LanguageParam),
          }),
          response: { 200: Type.Object({ items: Type.Array(ArticleSummaryView), nextCursor: Type.Union([Type.String(), Type.Null()]) }), ...errors },
        },
        handler: async (request, reply) => {
          const site = siteOf(request);
          const tree = await loadCategoryTree(deps.db, site.id);
          const { category, from, to, featured, limit = 20, cursor, language = 'vi' } = request.query;
          let categoryIds: string[] | undefined;
          if (category !== undefined) {
            const found = tree.findByPath(category.replace(/^\/+|\/+$/g, ''));
            if (!found) throw new NotFoundError('Không có chuyên mục này.');
            categoryIds = tree.withDescendants(found.id).map((c) => c.id);
          }
          const toDay = parseDay(to, 'to');
          const items = await findPublishedPage(deps.db, {
            siteId: site.id,
            language,
            now: new Date(),
            categoryIds,
            from: parseDay(from, 'from'),
            to: toDay && new Date(toDay.getTime() + 86_400_000),
            isFeaturedOnly: featured === true,
            after: cursor === undefined ? undefined : decodeCursor(cursor),
            limit: limit + 1,
          });
          const page = items.slice(0, limit);
          return sendCached(request, reply, { items: page.map((a) => summary(site, tree, a)), nextCursor: items.length > limit ? encodeCursor(page[page.length - 1]!) : null });
        },
      });

      typed.get('/search', {
        schema: {
          tags: ['Công khai'],
          summary: 'Tìm kiếm mọi nội dung đã xuất bản (có dấu hay không dấu đều được)',
          description: 'Mọi từ đều bắt buộc; cụm trong ngoặc kép phải đứng liền nhau. Bài có đúng dấu như từ khóa đứng trước, rồi theo độ liên quan, rồi mới hơn trước. Mỗi câu tìm xếp hạng tối đa 500 kết quả mới nhất (isTotalCapped).',
          querystring: Type.Object({
            q: Type.String({ description: 'Từ khóa, tối đa 200 ký tự' }),
            type: Type.Optional(Type.String({ maxLength: 100, description: 'Loại nội dung (article, …)' })),
            category: Type.Optional(Type.String({ maxLength: 300, description: 'Đường dẫn chuyên mục: gồm cả chuyên mục con' })),
            from: Type.Optional(Type.String({ description: 'Từ ngày (YYYY-MM-DD, giờ Việt Nam)' })),
            to: Type.Optional(Type.String({ description: 'Đến hết ngày (YYYY-MM-DD)' })),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_SEARCH_PAGE })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
            language: Type.Optional(Type.Union([Type.Literal('vi'), Type.Literal('en')], { description: 'Chỉ nội dung tiếng Việt (vi) hoặc tiếng Anh (en); mặc định: cả hai' })),
          }),
          response: { 200: SearchResultView, ...errors },
        },
        handler: async (request, reply) => {
          const limit = await limitSearches(request);
          if (!limit.isAllowed && limit.isExceeded) throw new RateLimitedError(limit.ttlInSeconds);
          const site = siteOf(request);
          const tree = await loadCategoryTree(deps.db, site.id);
          const { q, type, category, from, to, page, limit: pageSize = 10, language } = request.query;
          let categoryIds: string[] | undefined;
          if (category !== undefined) {
            const found = tree.findByPath(category.replace(/^\/+|\/+$/g, ''));
            if (!found) throw new NotFoundError('Không có chuyên mục này.');
            categoryIds = tree.withDescendants(found.id).map((c) => c.id);
          }
          if (type !== undefined && !deps.searchTypes.includes(type)) throw new InvalidInputError(`Loại nội dung "${type}" không có: dùng một trong ${deps.searchTypes.join(', ')}.`, { field: 'type' });
          const toDay = parseDay(to, 'to');
          const result = await searchSite(deps.db, {
            siteId: site.id,
            query: q,
            language,
            page,
            pageSize,
            types: type === undefined ? undefined : [type],
            categoryIds,
            publishedFrom: parseDay(from, 'from'),
            publishedBefore: toDay && new Date(toDay.getTime() + 86_400_000),
            now: new Date(),
          });
          return sendCached(request, reply, {
            total: result.total,
            isTotalCapped: result.isTotalCapped,
            page: result.page,
            pageCount: result.pageCount,
            items: result.hits.map((hit) => ({
              type: hit.type,
              id: hit.id,
              title: hit.title,
              url: `${site.origin}${hit.url}`,
              publishedAt: hit.publishedAt,
              categoryId: hit.categoryId,
              language: hit.language,
              isExactMatch: hit.isExactMatch,
              titleHighlights: hit.titleHighlights,
              snippet: hit.snippet,
              ...(hit.attachment ? { attachment: { name: hit.attachment.name, url: `${site.origin}${hit.attachment.url}` } } : {}),
            })),
          });
        },
      });

      typed.get('/documents', {
        schema: {
          tags: ['Công khai'],
          summary: 'Văn bản đã công bố: lọc theo loại, lĩnh vực, cơ quan ban hành, năm, tình trạng; tìm theo số ký hiệu hoặc trích yếu',
          querystring: Type.Object({
            q: Type.Optional(Type.String({ maxLength: 200, description: 'Số ký hiệu ("20/2021", "20/2021/ND-CP": văn bản đó đứng đầu) hoặc từ trong trích yếu' })),
            collection: Type.Optional(Type.Union(DOCUMENT_COLLECTIONS.map((c) => Type.Literal(c)), { description: 'Nhóm: legal (chỉ đạo, điều hành), plan (kế hoạch, chương trình), statistics (báo cáo thống kê), budget (công khai ngân sách)' })),
            type: Type.Optional(Type.String({ maxLength: 100, description: 'Loại văn bản (slug, ví dụ nghi-dinh)' })),
            field: Type.Optional(Type.String({ maxLength: 100, description: 'Lĩnh vực (slug)' })),
            issuer: Type.Optional(Type.String({ maxLength: 300, description: 'Cơ quan ban hành, đúng như trong danh sách' })),
            year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200 })),
            status: Type.Optional(Type.Union([Type.Literal('in_force'), Type.Literal('expired'), Type.Literal('replaced')])),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
          }),
          response: { 200: Type.Object({ items: Type.Array(DocumentSummaryView), total: Type.Integer(), page: Type.Integer(), pageCount: Type.Integer() }), ...errors },
        },
        handler: async (request, reply) => {
          const site = siteOf(request);
          const { q, collection, type, field, issuer, year, status, page, limit = 20 } = request.query;
          const list = await listPublishedDocuments(deps.db, { siteId: site.id, now: new Date(), query: q, collection, type, field, issuer, year, status, page, pageSize: limit });
          return sendCached(request, reply, { items: list.items.map((d) => documentSummary(site, d)), total: list.total, page: list.page, pageCount: list.pageCount });
        },
      });

      typed.get('/documents/:slug', {
        schema: { tags: ['Công khai'], summary: 'Một văn bản đã công bố, theo địa chỉ (slug, ví dụ 20-2021-nd-cp)', params: Type.Object({ slug: Type.String({ maxLength: 200 }) }), response: { 200: DocumentView, ...errors } },
        handler: async (request, reply) => {
          const site = siteOf(request);
          const document = await getPublishedDocument(deps.db, { siteId: site.id, slug: request.params.slug, now: new Date() });
          const link = (d: PublicDocumentLink) => ({ number: d.number, title: d.title, url: `${site.origin}${d.url}`, status: d.status });
          return sendCached(request, reply, {
            ...documentSummary(site, document),
            bodyHtml: document.bodyHtml,
            attachments: document.attachments.map((a) => ({ name: a.name, url: `${site.origin}${a.url}`, mime: a.mime, bytes: a.bytes })),
            replacedBy: document.replacedBy && link(document.replacedBy),
            replaces: document.replaces.map(link),
            related: document.related.map(link),
            publishedAt: document.publishedAt,
            updatedAt: document.updatedAt,
          });
        },
      });

      typed.get('/indicators', {
        schema: {
          tags: ['Công khai'],
          summary: 'Chỉ tiêu đã công bố, với giá trị mới nhất (kế hoạch, thực hiện, % kế hoạch)',
          querystring: Type.Object({
            q: Type.Optional(Type.String({ maxLength: 200, description: 'Từ trong tên, đơn vị, mô tả, có dấu hay không dấu' })),
            kind: Type.Optional(Type.Union([Type.Literal('year'), Type.Literal('quarter')], { description: 'Kỳ số liệu: năm hoặc quý' })),
            page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
          }),
          response: { 200: Type.Object({ items: Type.Array(IndicatorSummaryView), total: Type.Integer(), page: Type.Integer(), pageCount: Type.Integer() }), ...errors },
        },
        handler: async (request, reply) => {
          const site = siteOf(request);
          const { q, kind, page, limit = 20 } = request.query;
          const list = await listPublishedIndicators(deps.db, { siteId: site.id, now: new Date(), query: q, periodKind: kind, page, pageSize: limit });
          return sendCached(request, reply, {
            items: list.items.map((i) => ({
              slug: i.slug,
              name: i.name,
              unit: i.unit,
              description: i.description,
              periodKind: i.periodKind,
              url: `${site.origin}${i.url}`,
              json: `${site.origin}${i.url}.json`,
              latest: i.latest && { period: i.latest.period, district: i.latest.district, target: i.latest.target, result: i.latest.result, percentOfPlan: i.latest.percentOfPlan === null ? null : percentNumber(i.latest.percentOfPlan) },
            })),
            total: list.total,
            page: list.page,
            pageCount: list.pageCount,
          });
        },
      });

      typed.get('/indicators/:slug', {
        schema: { tags: ['Công khai'], summary: 'Một chỉ tiêu đã công bố với mọi giá trị (như tệp JSON dữ liệu mở của nó)', params: Type.Object({ slug: Type.String({ maxLength: 200 }) }), response: { 200: Type.Unknown(), ...errors } },
        handler: async (request, reply) => {
          const site = siteOf(request);
          const indicator = await getPublishedIndicator(deps.db, { siteId: site.id, slug: request.params.slug, now: new Date() });
          return sendCached(request, reply, JSON.parse(indicatorJson(indicator, site)));
        },
      });

      typed.get('/articles/:idOrSlug', {
        schema: { tags: ['Công khai'], summary: 'Một bài đã xuất bản, theo mã hoặc địa chỉ (slug)', params: Type.Object({ idOrSlug: Type.String({ maxLength: 200 }) }), querystring: Type.Object({ language: Type.Optional(LanguageParam) }), response: { 200: ArticleView, ...errors } },
        handler: async (request, reply) => {
          const site = siteOf(request);
          const tree = await loadCategoryTree(deps.db, site.id);
          const key = request.params.idOrSlug;
          const now = new Date();
          const article = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(key)
            ? await getPublishedArticleById(deps.db, { siteId: site.id, language: request.query.language ?? 'vi', id: key, now })
            : await getPublishedArticle(deps.db, { siteId: site.id, language: request.query.language ?? 'vi', slug: key, now });
          return sendCached(request, reply, full(site, tree, article));
        },
      });

      for (const section of SECTIONS) section(typed, { db: deps.db, siteOf });
    },
    { prefix: PUBLIC_API_PREFIX },
  );
}
