/**
 * /api/v1 endpoints of draft consultations: the published ones (open, upcoming or closed)
 * and one with its files and, once published, the report on the comments. Published ones
 * only, ever; never a comment and never a commenter's contact details (the public reads
 * of the consultations module do not select them).
 */
import { Type, type Static } from 'typebox';
import { getPublishedConsultation, listPublishedConsultations, type PublicConsultationSummary } from '../consultations/index.js';
import type { Site } from '../sites/index.js';
import { API_ERRORS as errors, sendCached, type PublicApiSection } from './api-shared.js';

const StatusView = Type.Union([Type.Literal('open'), Type.Literal('upcoming'), Type.Literal('closed')], { description: 'open: đang lấy ý kiến; upcoming: sắp lấy ý kiến; closed: đã kết thúc (tính theo giờ hiện tại)' });

const ConsultationSummaryView = Type.Object({
  slug: Type.String(),
  url: Type.String({ description: 'Địa chỉ tuyệt đối của trang dự thảo' }),
  title: Type.String(),
  issuingUnit: Type.String({ description: 'Cơ quan chủ trì soạn thảo' }),
  opensAt: Type.String({ description: 'Bắt đầu lấy ý kiến (ISO 8601, UTC)' }),
  closesAt: Type.String({ description: 'Kết thúc lấy ý kiến (ISO 8601, UTC)' }),
  status: StatusView,
  hasReport: Type.Boolean({ description: 'Đã công bố báo cáo tiếp thu, giải trình' }),
});
const ConsultationView = Type.Intersect([
  ConsultationSummaryView,
  Type.Object({
    summaryHtml: Type.String({ description: 'Tóm tắt dự thảo, HTML đã lọc' }),
    reportHtml: Type.String({ description: 'Báo cáo tiếp thu, giải trình (HTML đã lọc); rỗng khi chưa công bố' }),
    reportPublishedAt: Type.Union([Type.String(), Type.Null()]),
    attachments: Type.Array(Type.Object({ name: Type.String(), url: Type.String({ description: 'Địa chỉ tuyệt đối của tệp' }), mime: Type.String(), bytes: Type.Integer() })),
  }),
]);

function summaryOf(site: Site, c: PublicConsultationSummary): Static<typeof ConsultationSummaryView> {
  return { slug: c.slug, url: `${site.origin}${c.url}`, title: c.title, issuingUnit: c.issuingUnit, opensAt: c.opensAt, closesAt: c.closesAt, status: c.status, hasReport: c.hasReport };
}

export const registerConsultationsApi: PublicApiSection = (api, deps) => {
  api.get('/consultations', {
    schema: {
      tags: ['Công khai'],
      summary: 'Dự thảo lấy ý kiến đã công bố: đang lấy ý kiến trước (sắp kết thúc trước), rồi sắp lấy ý kiến, rồi đã kết thúc',
      querystring: Type.Object({ status: Type.Optional(StatusView) }),
      response: { 200: Type.Object({ items: Type.Array(ConsultationSummaryView), total: Type.Integer() }), ...errors },
    },
    handler: async (request, reply) => {
      const site = deps.siteOf(request);
      const items = await listPublishedConsultations(deps.db, { siteId: site.id, now: new Date(), status: request.query.status });
      // Short-lived: the status follows the clock, not only the content.
      return sendCached(request, reply, { items: items.map((item) => summaryOf(site, item)), total: items.length });
    },
  });

  api.get('/consultations/:slug', {
    schema: { tags: ['Công khai'], summary: 'Một dự thảo lấy ý kiến đã công bố, theo địa chỉ (slug)', params: Type.Object({ slug: Type.String({ maxLength: 200 }) }), response: { 200: ConsultationView, ...errors } },
    handler: async (request, reply) => {
      const site = deps.siteOf(request);
      const item = await getPublishedConsultation(deps.db, { siteId: site.id, slug: request.params.slug, now: new Date() });
      return sendCached(request, reply, {
        ...summaryOf(site, item),
        summaryHtml: item.summaryHtml,
        reportHtml: item.reportHtml,
        reportPublishedAt: item.reportPublishedAt,
        attachments: item.attachments.map((f) => ({ name: f.name, url: `${site.origin}${f.url}`, mime: f.mime, bytes: f.bytes })),
      });
    },
  });
};
