/**
 * /api/v1 endpoints of projects and procurement notices: the published items with the
 * list's filters, and one item with its files. Published items only, ever: every query
 * goes through the projects module's public functions, which also compute a tender's
 * status at the time of the request.
 */
import { Type, type Static } from 'typebox';
import type { Site } from '../sites/index.js';
import { getPublishedProject, listPublishedProjects, type PublicProjectSummary } from '../projects/index.js';
import { API_ERRORS as errors, MAX_PAGE_SIZE, sendCached, type PublicApiSection } from './api-shared.js';

const KindView = Type.Union(
  [Type.Literal('project'), Type.Literal('tender'), Type.Literal('purchase')],
  { description: 'project: dự án đầu tư; tender: đấu thầu (thông báo mời thầu, kết quả lựa chọn nhà thầu); purchase: mua sắm công' },
);
// Written out (not mapped from PROJECT_STATUSES) so the handler's types stay literal; a test checks they match.
const StatusView = Type.Union(
  [
    Type.Literal('preparing'),
    Type.Literal('in_progress'),
    Type.Literal('suspended'),
    Type.Literal('open'),
    Type.Literal('closed'),
    Type.Literal('awarded'),
    Type.Literal('planned'),
    Type.Literal('purchasing'),
    Type.Literal('completed'),
    Type.Literal('cancelled'),
  ],
  { description: 'Dự án: preparing, in_progress, completed, suspended; đấu thầu: open, closed (gồm gói đã quá thời điểm đóng thầu), awarded, cancelled; mua sắm: planned, purchasing, completed, cancelled' },
);
const Money = Type.Union([Type.Integer(), Type.Null()], { description: 'Số tiền bằng đồng; null khi chưa công bố' });

const ProjectSummaryView = Type.Object({
  slug: Type.String(),
  url: Type.String({ description: 'Địa chỉ tuyệt đối của trang' }),
  kind: KindView,
  name: Type.String(),
  owner: Type.String({ description: 'Chủ đầu tư, bên mời thầu hoặc đơn vị mua sắm' }),
  budget: Money,
  fundingSource: Type.String({ description: 'Nguồn vốn' }),
  location: Type.String({ description: 'Địa điểm' }),
  startsOn: Type.Union([Type.String(), Type.Null()], { description: 'Ngày khởi công, ngày phát hành hồ sơ mời thầu hoặc ngày bắt đầu (YYYY-MM-DD)' }),
  endsOn: Type.Union([Type.String(), Type.Null()], { description: 'Ngày hoàn thành, kết thúc (YYYY-MM-DD); không dùng cho đấu thầu' }),
  closesAt: Type.Union([Type.String(), Type.Null()], { description: 'Thời điểm đóng thầu (ISO 8601, UTC)' }),
  status: StatusView,
  winner: Type.String({ description: 'Nhà thầu trúng thầu (gói đã có kết quả), nếu không thì rỗng' }),
  winningPrice: Money,
  publishedAt: Type.String(),
  updatedAt: Type.String(),
});
const ProjectView = Type.Intersect([
  ProjectSummaryView,
  Type.Object({
    descriptionHtml: Type.String({ description: 'HTML đã lọc; ảnh là <img data-media-id>' }),
    attachments: Type.Array(Type.Object({ name: Type.String(), url: Type.String(), mime: Type.String(), bytes: Type.Integer() })),
  }),
]);

function summaryOf(site: Site, p: PublicProjectSummary): Static<typeof ProjectSummaryView> {
  return {
    slug: p.slug,
    url: `${site.origin}${p.url}`,
    kind: p.kind,
    name: p.name,
    owner: p.owner,
    budget: p.budget,
    fundingSource: p.fundingSource,
    location: p.location,
    startsOn: p.startsOn,
    endsOn: p.endsOn,
    closesAt: p.closesAt,
    status: p.status,
    winner: p.winner,
    winningPrice: p.winningPrice,
    publishedAt: p.publishedAt,
    updatedAt: p.updatedAt,
  };
}

export const registerProjectsApi: PublicApiSection = (api, deps) => {
  api.get('/projects', {
    schema: {
      tags: ['Công khai'],
      summary: 'Dự án, gói thầu và mua sắm công đã công bố, mới nhất trước: lọc theo loại, tình trạng, năm; tìm theo từ',
      querystring: Type.Object({
        q: Type.Optional(Type.String({ maxLength: 200, description: 'Từ trong tên, chủ đầu tư, địa điểm, nguồn vốn, nhà thầu; có dấu hay không dấu' })),
        kind: Type.Optional(KindView),
        status: Type.Optional(StatusView),
        year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200, description: 'Năm của ngày khởi công, phát hành hồ sơ hoặc bắt đầu' })),
        page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE })),
      }),
      response: { 200: Type.Object({ items: Type.Array(ProjectSummaryView), total: Type.Integer(), page: Type.Integer(), pageCount: Type.Integer() }), ...errors },
    },
    handler: async (request, reply) => {
      const site = deps.siteOf(request);
      const { q, kind, status, year, page, limit = 20 } = request.query;
      const list = await listPublishedProjects(deps.db, { siteId: site.id, now: new Date(), query: q, kind, status, year, page, pageSize: limit });
      return sendCached(request, reply, { items: list.items.map((p) => summaryOf(site, p)), total: list.total, page: list.page, pageCount: list.pageCount });
    },
  });

  api.get('/projects/:slug', {
    schema: { tags: ['Công khai'], summary: 'Một dự án, gói thầu hoặc mục mua sắm đã công bố, theo địa chỉ (slug)', params: Type.Object({ slug: Type.String({ maxLength: 200 }) }), response: { 200: ProjectView, ...errors } },
    handler: async (request, reply) => {
      const site = deps.siteOf(request);
      const project = await getPublishedProject(deps.db, { siteId: site.id, slug: request.params.slug, now: new Date() });
      return sendCached(request, reply, {
        ...summaryOf(site, project),
        descriptionHtml: project.descriptionHtml,
        attachments: project.attachments.map((a) => ({ name: a.name, url: `${site.origin}${a.url}`, mime: a.mime, bytes: a.bytes })),
      });
    },
  });
};
