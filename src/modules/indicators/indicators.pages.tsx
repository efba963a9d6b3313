/**
 * /chi-tieu and /chi-tieu/<slug>: indicators' public pages, inside the site's layout, and
 * their open-data downloads /chi-tieu/<slug>.csv and .json. The unfiltered list, each
 * indicator and each download are cached like any page (downloads like the feeds and
 * sitemaps: not counted as visits); a filtered list is rendered per request.
 */
import { AppError, InvalidInputError, NotFoundError } from '../../platform/errors.js';
import { echoableText, formatNumber } from '../../platform/i18n/vi.js';
import { listLatestPerGroup } from '../articles/index.js';
import { findMediaMap } from '../media/index.js';
import { layoutModel, loadFrame, mediaIdsOf, renderDocument, sidebarGroups, type PageContext, type RenderedPage } from '../public-site/public-site.service.js';
import { indicatorCharts } from './indicator-chart.js';
import { CSV_CONTENT_TYPE, indicatorCsv, indicatorJson, JSON_CONTENT_TYPE } from './indicator-data.js';
import { isPeriodKind, PERIOD_KIND_LABELS, PERIOD_KINDS } from './indicator-periods.js';
import { getPublishedIndicator, listPublishedIndicators } from './indicators.public.js';
import { dayOf, summaryView, valueRowView } from './indicators.present.js';
import { INDICATORS_PATH } from './indicators.search.js';
import { IndicatorListPage, IndicatorPage, type IndicatorListModel } from './views.js';

export const INDICATORS_PAGE_SIZE = 20;
/** The data table's id: the charts point at it (aria-describedby). */
const TABLE_ID = 'bang-so-lieu';

/** The list's query string as sent (all text; checked here). */
export interface IndicatorListParams {
  q?: string;
  kind?: string;
  page?: string;
}

/** True when the list is asked with a filter (rendered per request) rather than plainly (cached). */
export function hasIndicatorFilters(params: IndicatorListParams): boolean {
  return (params.q ?? '') !== '' || (params.kind ?? '') !== '';
}

export function indicatorListUrl(filters: { q?: string; kind?: string }, page = 1): string {
  const query = new URLSearchParams();
  if (filters.q) query.set('q', filters.q);
  if (filters.kind) query.set('kind', filters.kind);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `${INDICATORS_PATH}?${text}` : INDICATORS_PATH;
}

async function frameAround(ctx: PageContext) {
  const frame = await loadFrame(ctx);
  const latest = await listLatestPerGroup(ctx.db, { siteId: ctx.site.id, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now });
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  return { frame, latest, media };
}

/**
 * The list: every published indicator by name, or those the filters choose, with the
 * newest period's plan and result. A filter that cannot be used shows the form with the
 * reason and a 400.
 */
export async function renderIndicatorList(ctx: PageContext, params: IndicatorListParams): Promise<RenderedPage> {
  const { frame, latest, media } = await frameAround(ctx);
  const filters = { q: echoableText(params.q), kind: params.kind ?? '' };
  const model: IndicatorListModel = { filters, kinds: PERIOD_KINDS.map((k) => ({ value: k, label: PERIOD_KIND_LABELS[k] })), rows: [], summary: '', hasFilters: hasIndicatorFilters(params) };
  let status = 200;
  try {
    const page = params.page === undefined || params.page === '' ? 1 : /^[1-9]\d{0,4}$/.test(params.page) ? Number(params.page) : Number.NaN;
    if (Number.isNaN(page)) throw new InvalidInputError('Số trang không hợp lệ.', { field: 'page' });
    if (filters.kind && !isPeriodKind(filters.kind)) throw new InvalidInputError('Kỳ số liệu được chọn không có.', { field: 'kind' });
    const list = await listPublishedIndicators(ctx.db, { siteId: ctx.site.id, now: ctx.now, periodKind: isPeriodKind(filters.kind) ? filters.kind : undefined, query: filters.q.trim() || undefined, page, pageSize: INDICATORS_PAGE_SIZE });
    model.rows = list.items.map(summaryView);
    model.summary = list.total === 0 ? (model.hasFilters ? 'Không có chỉ tiêu nào khớp với điều kiện đã chọn.' : 'Chưa có chỉ tiêu nào được công bố.') : `${formatNumber(list.total)} chỉ tiêu${list.pageCount > 1 ? ` (trang ${formatNumber(list.page)}/${formatNumber(list.pageCount)})` : ''}.`;
    // A plain page past the last is not a page (it would be cached like one); a filtered one says why it is empty.
    if (list.items.length === 0 && page > 1 && !model.hasFilters) throw new NotFoundError();
    if (list.items.length === 0 && list.total > 0) model.summary = `Trang ${formatNumber(page)} không có chỉ tiêu nào: danh sách chỉ có ${formatNumber(list.pageCount)} trang.`;
    model.pagination = { page: list.page, pageCount: list.pageCount, pageUrl: (n) => indicatorListUrl(filters, n) };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT') throw error;
    status = 400;
    model.error = { message: error.message, help: error.help };
  }
  const layout = layoutModel(ctx, frame, latest, media, {
    title: 'Chỉ tiêu, số liệu thống kê',
    description: `Kế hoạch và kết quả thực hiện các chỉ tiêu của ${ctx.site.name}: bảng số liệu, biểu đồ và dữ liệu mở để tải về.`,
    path: INDICATORS_PATH,
    canonicalPath: INDICATORS_PATH,
    isNoIndex: model.hasFilters,
    meta: { type: 'website', jsonLd: [] },
  });
  return { kind: 'page', html: renderDocument(layout, <IndicatorListPage model={model} />), status };
}

/**
 * One indicator: its charts (SVG, drawn here), the data table they describe, and the
 * downloads.
 * @throws NOT_FOUND for a slug that is not a published indicator of the site.
 */
export async function renderIndicatorPage(ctx: PageContext, slug: string): Promise<RenderedPage> {
  const [{ frame, latest, media }, indicator] = await Promise.all([frameAround(ctx), getPublishedIndicator(ctx.db, { siteId: ctx.site.id, slug, now: ctx.now })]);
  const model = {
    url: indicator.url,
    name: indicator.name,
    unit: indicator.unit,
    description: indicator.description,
    periodKindLabel: indicator.periodKindLabel,
    updatedOn: dayOf(indicator.updatedAt),
    updatedOnIso: indicator.updatedAt,
    charts: indicatorCharts(indicator, { idPrefix: 'bieu-do', tableId: TABLE_ID }),
    tableId: TABLE_ID,
    rows: indicator.values.map(valueRowView),
    downloads: { csv: `${indicator.url}.csv`, json: `${indicator.url}.json`, csvName: `${indicator.slug}.csv`, jsonName: `${indicator.slug}.json` },
  };
  const url = `${ctx.site.origin}${indicator.url}`;
  const dataset = {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    name: indicator.name,
    description: indicator.description || indicator.name,
    url,
    inLanguage: 'vi',
    dateModified: indicator.updatedAt,
    creator: { '@type': 'GovernmentOrganization', name: ctx.site.name },
    ...(ctx.site.licence ? { license: ctx.site.licence } : {}),
    distribution: [
      { '@type': 'DataDownload', encodingFormat: 'text/csv', contentUrl: `${url}.csv` },
      { '@type': 'DataDownload', encodingFormat: 'application/json', contentUrl: `${url}.json` },
    ],
  };
  const layout = layoutModel(ctx, frame, latest, media, {
    title: indicator.name,
    description: indicator.description || `${indicator.name}: kế hoạch và kết quả thực hiện`,
    path: indicator.url,
    canonicalPath: indicator.url,
    meta: { type: 'website', jsonLd: [dataset], modifiedAt: indicator.updatedAt },
  });
  return { kind: 'page', html: renderDocument(layout, <IndicatorPage model={model} />) };
}

export type IndicatorDataFormat = 'csv' | 'json';

/**
 * An indicator's data as a file, for machines and spreadsheets; never counted as a visit.
 * @throws NOT_FOUND for a slug that is not a published indicator of the site.
 */
export async function renderIndicatorData(ctx: PageContext, slug: string, format: IndicatorDataFormat): Promise<RenderedPage> {
  const indicator = await getPublishedIndicator(ctx.db, { siteId: ctx.site.id, slug, now: ctx.now });
  return format === 'csv'
    ? { kind: 'page', html: indicatorCsv(indicator), contentType: CSV_CONTENT_TYPE, meta: { isNotCounted: true } }
    : { kind: 'page', html: indicatorJson(indicator, ctx.site), contentType: JSON_CONTENT_TYPE, meta: { isNotCounted: true } };
}
