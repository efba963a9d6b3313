/**
 * /api/v1 endpoints of public services (thủ tục hành chính): the published procedures
 * with the list's filters, and one procedure with its documents, forms and the link to
 * the national portal. Published procedures only, through the module's public reads.
 */
import { Type } from 'typebox';
import { getPublishedProcedure, listPublishedProcedures, type PublicProcedureSummary } from '../public-services/index.js';
import type { Site } from '../sites/index.js';
import { API_ERRORS as errors, MAX_PAGE_SIZE, sendCached, type PublicApiSection } from './api-shared.js';

const LevelParam = Type.Union([Type.Literal('province'), Type.Literal('district'), Type.Literal('commune')], { description: 'Cấp thực hiện: province (tỉnh), district (huyện), commune (xã)' });
const OnlineParam = Type.Union([Type.Literal('full'), Type.Literal('partial')], { description: 'Mức độ dịch vụ công trực tuyến: full (toàn trình), partial (một phần)' });

const ProcedureSummaryView = Type.Object({
  slug: Type.String(),
  code: Type.String({ description: 'Mã thủ tục trên Cơ sở dữ liệu quốc gia; rỗng khi không có' }),
  name: Type.String({ description: 'Tên thủ tục' }),
  url: Type.String({ description: 'Địa chỉ tuyệt đối của trang thủ tục' }),
  field: Type.String({ description: 'Lĩnh vực' }),
  fieldSlug: Type.String(),
  level: LevelParam,
  agency: Type.String({ description: 'Cơ quan thực hiện' }),
  onlineLevel: OnlineParam,
  timeLimit: Type.String({ description: 'Thời hạn giải quyết, như văn bản ghi' }),
  timeLimitDays: Type.Union([Type.Integer(), Type.Null()], { description: 'Thời hạn tính bằng ngày làm việc, khi có' }),
  fee: Type.String({ description: 'Phí, lệ phí' }),
  portalUrl: Type.String({ description: 'Trang của thủ tục trên Cổng Dịch vụ công quốc gia; rỗng khi không có' }),
});
const ProcedureView = Type.Intersect([
  ProcedureSummaryView,
  Type.Object({
    methods: Type.String({ description: 'Cách thức thực hiện (mỗi cách một dòng)' }),
    stepsHtml: Type.String({ description: 'Trình tự thực hiện, HTML đã lọc' }),
    documents: Type.Array(Type.Object({ name: Type.String(), originals: Type.Integer({ description: 'Số bản chính (0: không ghi)' }), copies: Type.Integer({ description: 'Số bản sao (0: không ghi)' }) }), { description: 'Thành phần hồ sơ, theo thứ tự' }),
    result: Type.String({ description: 'Kết quả thực hiện' }),
    legalBasis: Type.String({ description: 'Căn cứ pháp lý (mỗi văn bản một dòng)' }),
    attachments: Type.Array(Type.Object({ name: Type.String(), url: Type.String(), mime: Type.String(), bytes: Type.Integer() }), { description: 'Mẫu đơn, tờ khai' }),
    publishedAt: Type.String(),
    updatedAt: Type.String(),
  }),
]);

function summary(site: Site, p: PublicProcedureSummary) {
  return {
    slug: p.slug,
    code: p.code,
    name: p.name,
    url: `${site.origin}${p.url}`,
    field: p.fieldName,
    fieldSlug: p.fieldSlug,
    level: p.level,
    agency: p.agency,
    onlineLevel: p.onlineLevel,
    timeLimit: p.timeLimit,
    timeLimitDays: p.timeLimitDays,
    fee: p.fee,
    portalUrl: p.portalUrl,
  };
}

export const registerPublicServicesApi: PublicApiSection = (api, deps) => {
  api.get('/procedures', {
    schema: {
      tags: ['Công khai'],
      summary: 'Thủ tục hành chính đã công bố, theo lĩnh vực: lọc theo lĩnh vực, cấp thực hiện, mức độ; tìm theo tên hoặc mã thủ tục',
      querystring: Type.Object({
        field: Type.Optional(Type.String({ maxLength: 100, description: 'Lĩnh vực (slug, ví dụ viec-lam)' })),
        level: Type.Optional(LevelParam),
        online: Type.Optional(OnlineParam),
        maxDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3_650, description: 'Thời hạn giải quyết tối đa, tính bằng ngày làm việc (thủ tục không ghi số ngày bị loại)' })),
        q: Type.Optional(Type.String({ maxLength: 200, description: 'Từ trong tên, cơ quan, giấy tờ hoặc mã thủ tục (2.000286), có dấu hay không dấu' })),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
      }),
      response: { 200: Type.Object({ items: Type.Array(ProcedureSummaryView), total: Type.Integer(), page: Type.Integer(), pageCount: Type.Integer() }), ...errors },
    },
    handler: async (request, reply) => {
      const site = deps.siteOf(request);
      const { field, level, online, maxDays, q, page, limit = 20 } = request.query;
      const list = await listPublishedProcedures(deps.db, { siteId: site.id, now: new Date(), field, level, onlineLevel: online, maxDays, query: q, page, pageSize: limit });
      return sendCached(request, reply, { items: list.items.map((p) => summary(site, p)), total: list.total, page: list.page, pageCount: list.pageCount });
    },
  });

  api.get('/procedures/:slug', {
    schema: { tags: ['Công khai'], summary: 'Một thủ tục hành chính đã công bố, theo địa chỉ (slug)', params: Type.Object({ slug: Type.String({ maxLength: 200 }) }), response: { 200: ProcedureView, ...errors } },
    handler: async (request, reply) => {
      const site = deps.siteOf(request);
      const p = await getPublishedProcedure(deps.db, { siteId: site.id, slug: request.params.slug, now: new Date() });
      return sendCached(request, reply, {
        ...summary(site, p),
        methods: p.methods,
        stepsHtml: p.stepsHtml,
        documents: p.documents,
        result: p.result,
        legalBasis: p.legalBasis,
        attachments: p.attachments.map((a) => ({ name: a.name, url: `${site.origin}${a.url}`, mime: a.mime, bytes: a.bytes })),
        publishedAt: p.publishedAt,
        updatedAt: p.updatedAt,
      });
    },
  });
};
