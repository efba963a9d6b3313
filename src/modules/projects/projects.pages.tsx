/**
 * /du-an-dau-thau and /du-an-dau-thau/<slug>: the public pages of projects and
 * procurement notices, inside the site's layout. The unfiltered list and each item are
 * cached pages like any other; a filtered list is made of what the reader chose or typed,
 * so it is rendered per request (as /van-ban's is). A cached page never shows a tender
 * open after it closed: the service raises the site's content version at the closing
 * time (projects.service.ts, scheduleClosing), and every render reads the status at `now`.
 */
import { AppError, InvalidInputError, NotFoundError } from '../../platform/errors.js';
import { echoableText, formatNumber } from '../../platform/i18n/vi.js';
import { inlineMediaIds, listLatestPerGroup } from '../articles/index.js';
import { formatDocumentDay } from '../legal-documents/index.js';
import { findMediaMap } from '../media/index.js';
import { expandInlineImages } from '../public-site/public-site.present.js';
import { layoutModel, loadFrame, mediaIdsOf, renderDocument, sidebarGroups, type PageContext, type RenderedPage } from '../public-site/public-site.service.js';
import { formatMoney, formatMoneyShort, formatVietnamTime, isProjectKind, isProjectStatus, KIND_WORDS, PROJECT_KIND_LABELS, PROJECT_KINDS, PROJECT_STATUS_LABELS, PROJECT_STATUSES, STATUS_TONES } from './project-rules.js';
import { getPublishedProject, listProjectYears, listPublishedProjects, type PublicProject, type PublicProjectSummary } from './projects.public.js';
import { PROJECTS_PATH } from './projects.search.js';
import { ProjectListPage, ProjectPage, type ProjectFilterView, type ProjectListModel, type ProjectModel } from './views.js';

export const PROJECTS_PAGE_SIZE = 20;

/** The list's query string as sent (all text; checked here). */
export interface ProjectListParams {
  q?: string;
  kind?: string;
  status?: string;
  year?: string;
  page?: string;
}

const FILTER_KEYS = ['q', 'kind', 'status', 'year'] as const;

/** True when the list is asked with a filter (rendered per request) rather than plainly (cached). */
export function hasProjectFilters(params: ProjectListParams): boolean {
  return FILTER_KEYS.some((key) => (params[key] ?? '') !== '');
}

/** The list's URL with these filters on a page. */
export function projectListUrl(filters: Partial<ProjectFilterView>, page = 1): string {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) query.set(key, filters[key]!);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `${PROJECTS_PATH}?${text}` : PROJECTS_PATH;
}

/** "1,2 MB", "350 KB": sizes as Vietnamese readers write them. */
function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
  return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

/** "12.500.000.000 đồng (12,5 tỷ đồng)" */
function moneyText(value: number | null): string {
  if (value === null) return '';
  const short = formatMoneyShort(value);
  return short ? `${formatMoney(value)} (${short})` : formatMoney(value);
}

/** The dates that matter for this kind, as the list says them. */
function whenOf(item: PublicProjectSummary): string {
  if (item.kind === 'tender') return item.closesAt ? `Đóng thầu: ${formatVietnamTime(item.closesAt)}` : item.startsOn ? `Phát hành hồ sơ: ${formatDocumentDay(item.startsOn)}` : '';
  const start = formatDocumentDay(item.startsOn);
  const end = formatDocumentDay(item.endsOn);
  if (start && end) return `Thời gian: ${start} – ${end}`;
  if (start) return `Từ ngày ${start}`;
  return end ? `Đến ngày ${end}` : '';
}

function rowView(item: PublicProjectSummary) {
  const words = KIND_WORDS[item.kind];
  return {
    url: item.url,
    name: item.name,
    kindLabel: item.kindLabel,
    facts: [item.owner && `${words.owner}: ${item.owner}`, item.budget !== null && `${words.budget}: ${formatMoney(item.budget)}`, whenOf(item), item.winner && `Trúng thầu: ${item.winner}`].filter((fact): fact is string => Boolean(fact)),
    statusLabel: item.statusLabel,
    statusTone: STATUS_TONES[item.status],
  };
}

function projectView(item: PublicProject, bodyHtml: string, now: Date): ProjectModel {
  const words = KIND_WORDS[item.kind];
  const facts: [string, string][] = [
    [words.owner, item.owner],
    [words.budget, moneyText(item.budget)],
    ['Nguồn vốn', item.fundingSource],
    ['Địa điểm', item.location],
    [words.startsOn, formatDocumentDay(item.startsOn)],
    [words.endsOn, item.kind === 'tender' ? formatVietnamTime(item.closesAt) : formatDocumentDay(item.endsOn)],
    ['Nhà thầu trúng thầu', item.winner],
    ['Giá trúng thầu', moneyText(item.winningPrice)],
  ];
  const isOpen = item.kind === 'tender' && item.status === 'open' && item.closesAt !== null && item.closesAt > now.toISOString();
  return {
    url: item.url,
    name: item.name,
    kindLabel: item.kindLabel,
    statusLabel: item.statusLabel,
    statusTone: STATUS_TONES[item.status],
    facts: facts.filter(([, value]) => value),
    closingNotice: isOpen ? `Gói thầu đang mời thầu: thời điểm đóng thầu là ${formatVietnamTime(item.closesAt)} (giờ Việt Nam).` : '',
    descriptionHtml: bodyHtml,
    attachments: item.attachments.map((file) => ({ name: file.name, url: file.url, size: fileSize(file.bytes), isPdf: file.mime === 'application/pdf' })),
  };
}

async function frameAround(ctx: PageContext) {
  const frame = await loadFrame(ctx);
  const latest = await listLatestPerGroup(ctx.db, { siteId: ctx.site.id, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now });
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  return { frame, latest, media };
}

/**
 * The list: every published item, newest first, or those the filters choose. A filter
 * that cannot be used shows the form with the reason and a 400.
 */
export async function renderProjectList(ctx: PageContext, params: ProjectListParams): Promise<RenderedPage> {
  const [{ frame, latest, media }, years] = await Promise.all([frameAround(ctx), listProjectYears(ctx.db, { siteId: ctx.site.id, now: ctx.now })]);
  const filters: ProjectFilterView = { q: echoableText(params.q), kind: echoableText(params.kind), status: echoableText(params.status), year: echoableText(params.year) };
  const model: ProjectListModel = {
    filters,
    choices: {
      kinds: PROJECT_KINDS.map((k) => ({ value: k, label: PROJECT_KIND_LABELS[k] })),
      // One list for every kind: a status two kinds share (hoàn thành, đã huỷ) filters both.
      statuses: PROJECT_STATUSES.map((s) => ({ value: s, label: PROJECT_STATUS_LABELS[s] })),
      years,
    },
    rows: [],
    summary: '',
    hasFilters: hasProjectFilters(params),
  };
  let status = 200;
  try {
    const page = params.page === undefined || params.page === '' ? 1 : /^[1-9]\d{0,4}$/.test(params.page) ? Number(params.page) : Number.NaN;
    if (Number.isNaN(page)) throw new InvalidInputError('Số trang không hợp lệ.', { field: 'page' });
    if (filters.kind && !isProjectKind(filters.kind)) throw new InvalidInputError('Loại được chọn không có.', { field: 'kind' });
    if (filters.status && !isProjectStatus(filters.status)) throw new InvalidInputError('Tình trạng được chọn không có.', { field: 'status' });
    const year = filters.year === '' ? undefined : /^\d{4}$/.test(filters.year) ? Number(filters.year) : Number.NaN;
    if (year !== undefined && (Number.isNaN(year) || year < 1900 || year > 2200)) throw new InvalidInputError('Năm không hợp lệ: hãy chọn một năm trong danh sách.', { field: 'year' });
    const list = await listPublishedProjects(ctx.db, {
      siteId: ctx.site.id,
      now: ctx.now,
      kind: isProjectKind(filters.kind) ? filters.kind : undefined,
      status: isProjectStatus(filters.status) ? filters.status : undefined,
      year,
      query: filters.q.trim() || undefined,
      page,
      pageSize: PROJECTS_PAGE_SIZE,
    });
    model.rows = list.items.map(rowView);
    model.summary = list.total === 0 ? (model.hasFilters ? 'Không có mục nào khớp với điều kiện đã chọn.' : 'Chưa có dự án, gói thầu nào được công bố.') : `${formatNumber(list.total)} mục${list.pageCount > 1 ? ` (trang ${formatNumber(list.page)}/${formatNumber(list.pageCount)})` : ''}.`;
    // A plain page past the last is not a page (it would be cached like one); a filtered one says why it is empty.
    if (list.items.length === 0 && page > 1 && !model.hasFilters) throw new NotFoundError();
    if (list.items.length === 0 && list.total > 0) model.summary = `Trang ${formatNumber(page)} không có mục nào: danh sách chỉ có ${formatNumber(list.pageCount)} trang.`;
    model.pagination = { page: list.page, pageCount: list.pageCount, pageUrl: (n) => projectListUrl(filters, n) };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT') throw error;
    status = 400;
    model.error = { message: error.message, help: error.help };
  }
  const layout = layoutModel(ctx, frame, latest, media, {
    title: 'Dự án, đấu thầu, mua sắm công',
    description: `Dự án đầu tư, thông báo mời thầu, kết quả lựa chọn nhà thầu và mua sắm công của ${ctx.site.name}: chủ đầu tư, giá trị, nguồn vốn, thời gian và tình trạng.`,
    path: PROJECTS_PATH,
    canonicalPath: PROJECTS_PATH,
    isNoIndex: model.hasFilters,
    meta: { type: 'website', jsonLd: [] },
  });
  return { kind: 'page', html: renderDocument(layout, <ProjectListPage model={model} />), status };
}

/**
 * One item: its facts, its status now, the description and the files to view (PDF) and download.
 * @throws NOT_FOUND for a slug that is not a published item of the site.
 */
export async function renderProjectPage(ctx: PageContext, slug: string): Promise<RenderedPage> {
  const [{ frame, latest, media }, item] = await Promise.all([frameAround(ctx), getPublishedProject(ctx.db, { siteId: ctx.site.id, slug, now: ctx.now })]);
  const inline = inlineMediaIds(item.descriptionHtml);
  const images = inline.length ? await findMediaMap(ctx.db, ctx.site.id, inline) : new Map();
  const model = projectView(item, item.descriptionHtml ? expandInlineImages(item.descriptionHtml, images) : '', ctx.now);
  const layout = layoutModel(ctx, frame, latest, media, {
    title: item.name,
    description: [item.kindLabel, item.owner, item.budget === null ? '' : formatMoney(item.budget), item.statusLabel].filter(Boolean).join(' · '),
    path: item.url,
    canonicalPath: item.url,
    meta: { type: 'article', jsonLd: [], publishedAt: item.publishedAt, modifiedAt: item.updatedAt, section: 'Dự án, đấu thầu' },
  });
  return { kind: 'page', html: renderDocument(layout, <ProjectPage model={model} />) };
}
