/**
 * /thu-tuc-hanh-chinh and /thu-tuc-hanh-chinh/<slug>: the procedures' public pages inside
 * the site's layout. The plain list and each procedure are cached pages like any other; a
 * filtered list is made of what the reader chose or typed, so it is rendered per request.
 */
import { renderToString } from 'preact-render-to-string';
import { AppError, InvalidInputError, NotFoundError } from '../../platform/errors.js';
import { echoableText, formatNumber } from '../../platform/i18n/vi.js';
import { inlineMediaIds, listLatestPerGroup } from '../articles/index.js';
import { findMediaMap } from '../media/index.js';
import { expandInlineImages } from '../public-site/public-site.present.js';
import { layoutModel, loadFrame, mediaIdsOf, renderDocument, sidebarGroups, type PageContext, type RenderedPage } from '../public-site/public-site.service.js';
import { isOnlineLevel, isProcedureLevel, LEVEL_LABELS, ONLINE_LEVEL_LABELS, ONLINE_LEVELS, PROCEDURE_LEVELS } from './procedure-rules.js';
import { getPublishedProcedure, listProcedureFilters, listPublishedProcedures, type PublicProcedureSummary } from './public-services.public.js';
import { PROCEDURES_PATH } from './public-services.search.js';
import { ProcedureListPage, ProcedurePage, type ProcedureFilterView, type ProcedureGroupView, type ProcedureListModel } from './views.js';

export const PROCEDURES_PAGE_SIZE = 50;

/** The list's query string as sent (all text; checked here). */
export interface ProcedureListParams {
  q?: string;
  field?: string;
  level?: string;
  online?: string;
  /** At most this many working days. */
  days?: string;
  page?: string;
}

const FILTER_KEYS = ['q', 'field', 'level', 'online', 'days'] as const;

/** The thời hạn choices of the filter form (any whole number of days is accepted in the URL). */
const DAY_CHOICES = [0, 5, 10, 15, 20, 30] as const;

/** True when the list is asked with a filter (rendered per request) rather than plainly (cached). */
export function hasProcedureFilters(params: ProcedureListParams): boolean {
  return FILTER_KEYS.some((key) => (params[key] ?? '') !== '');
}

/** The list's URL with these filters on a page. */
export function procedureListUrl(filters: Partial<ProcedureFilterView>, page = 1): string {
  const query = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) query.set(key, filters[key]!);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `${PROCEDURES_PATH}?${text}` : PROCEDURES_PATH;
}

/** Consecutive rows of one field under one heading (the list is ordered by field). */
function groupByField(items: PublicProcedureSummary[]): ProcedureGroupView[] {
  const groups: ProcedureGroupView[] = [];
  for (const item of items) {
    let group = groups[groups.length - 1];
    if (!group || group.fieldName !== item.fieldName) {
      group = { fieldName: item.fieldName, headingId: `linh-vuc-${groups.length + 1}`, rows: [] };
      groups.push(group);
    }
    group.rows.push({ name: item.name, url: item.url, code: item.code, levelLabel: item.levelLabel, onlineLevelLabel: item.onlineLevelLabel, timeLimit: item.timeLimit });
  }
  return groups;
}

/** "1,2 MB", "350 KB". */
function fileSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
  return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
}

async function frameAround(ctx: PageContext) {
  const frame = await loadFrame(ctx);
  const latest = await listLatestPerGroup(ctx.db, { siteId: ctx.site.id, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now });
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  return { frame, latest, media };
}

/**
 * The list: every published procedure grouped by lĩnh vực, or those the filters choose. A
 * filter that cannot be used shows the form with the reason and a 400.
 */
export async function renderProcedureList(ctx: PageContext, params: ProcedureListParams): Promise<RenderedPage> {
  const [{ frame, latest, media }, choices] = await Promise.all([frameAround(ctx), listProcedureFilters(ctx.db, { siteId: ctx.site.id, now: ctx.now })]);
  const filters: ProcedureFilterView = { q: echoableText(params.q), field: echoableText(params.field), level: echoableText(params.level), online: echoableText(params.online), days: echoableText(params.days) };
  const model: ProcedureListModel = {
    filters,
    choices: {
      fields: choices.fields.map((f) => ({ value: f.slug, label: `${f.name} (${formatNumber(f.count)})` })),
      levels: PROCEDURE_LEVELS.map((l) => ({ value: l, label: LEVEL_LABELS[l] })),
      onlineLevels: ONLINE_LEVELS.map((l) => ({ value: l, label: ONLINE_LEVEL_LABELS[l] })),
      days: DAY_CHOICES.map((d) => ({ value: String(d), label: d === 0 ? 'Trong ngày' : `Đến ${d} ngày làm việc` })),
    },
    groups: [],
    summary: '',
    hasFilters: hasProcedureFilters(params),
  };
  let status = 200;
  try {
    const page = params.page === undefined || params.page === '' ? 1 : /^[1-9]\d{0,4}$/.test(params.page) ? Number(params.page) : Number.NaN;
    if (Number.isNaN(page)) throw new InvalidInputError('Số trang không hợp lệ.', { field: 'page' });
    if (filters.level && !isProcedureLevel(filters.level)) throw new InvalidInputError('Cấp thực hiện được chọn không có.', { field: 'level' });
    if (filters.online && !isOnlineLevel(filters.online)) throw new InvalidInputError('Mức độ được chọn không có.', { field: 'online' });
    const maxDays = filters.days === '' ? undefined : /^\d{1,4}$/.test(filters.days) ? Number(filters.days) : Number.NaN;
    if (Number.isNaN(maxDays)) throw new InvalidInputError('Thời hạn giải quyết phải là một số ngày làm việc, ví dụ 5.', { field: 'days' });
    if (filters.field && !choices.fields.some((f) => f.slug === filters.field)) throw new InvalidInputError('Lĩnh vực được chọn không có thủ tục nào trên trang này.', { field: 'field' });
    const list = await listPublishedProcedures(ctx.db, {
      siteId: ctx.site.id,
      now: ctx.now,
      field: filters.field || undefined,
      level: isProcedureLevel(filters.level) ? filters.level : undefined,
      onlineLevel: isOnlineLevel(filters.online) ? filters.online : undefined,
      maxDays,
      query: filters.q.trim() || undefined,
      page,
      pageSize: PROCEDURES_PAGE_SIZE,
    });
    model.groups = groupByField(list.items);
    model.summary =
      list.total === 0
        ? model.hasFilters
          ? 'Không có thủ tục nào khớp với điều kiện đã chọn.'
          : 'Chưa có thủ tục hành chính nào.'
        : `${formatNumber(list.total)} thủ tục hành chính${list.pageCount > 1 ? ` (trang ${formatNumber(list.page)}/${formatNumber(list.pageCount)})` : ''}.`;
    // A plain page past the last is not a page (it would be cached like one); a filtered one says why it is empty.
    if (list.items.length === 0 && page > 1 && !model.hasFilters) throw new NotFoundError();
    if (list.items.length === 0 && list.total > 0) model.summary = `Trang ${formatNumber(page)} không có thủ tục nào: danh sách chỉ có ${formatNumber(list.pageCount)} trang.`;
    model.pagination = { page: list.page, pageCount: list.pageCount, pageUrl: (n) => procedureListUrl(filters, n) };
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT') throw error;
    status = 400;
    model.error = { message: error.message, help: error.help };
  }
  const layout = layoutModel(ctx, frame, latest, media, {
    title: 'Thủ tục hành chính',
    description: `Thủ tục hành chính do ${ctx.site.name} giải quyết, theo lĩnh vực: thành phần hồ sơ, thời hạn, phí, lệ phí và liên kết nộp hồ sơ trực tuyến trên Cổng Dịch vụ công quốc gia.`,
    path: PROCEDURES_PATH,
    canonicalPath: PROCEDURES_PATH,
    isNoIndex: model.hasFilters,
    meta: { type: 'website', jsonLd: [] },
  });
  return { kind: 'page', html: renderDocument(layout, <ProcedureListPage model={model} />), status };
}

/** Căn cứ pháp lý as escaped paragraphs (one per line), for the citation linker. */
function legalBasisHtml(text: string): string {
  const lines = text.split('\n').filter((line) => line.trim());
  return lines.length ? renderToString(<>{lines.map((line) => <p>{line}</p>)}</>) : '';
}

/**
 * One procedure: its facts, the button to the national portal, trình tự, thành phần hồ
 * sơ, căn cứ pháp lý (its citations linked to the site's legal documents by `linkBody`)
 * and the forms to download.
 * @throws NOT_FOUND for a slug that is not a published procedure of the site.
 */
export async function renderProcedurePage(ctx: PageContext, slug: string): Promise<RenderedPage> {
  const [{ frame, latest, media }, procedure] = await Promise.all([frameAround(ctx), getPublishedProcedure(ctx.db, { siteId: ctx.site.id, slug, now: ctx.now })]);
  const inline = inlineMediaIds(procedure.stepsHtml);
  const images = inline.length ? await findMediaMap(ctx.db, ctx.site.id, inline) : new Map();
  const link = ctx.linkBody ?? (async (html: string) => html);
  const basis = legalBasisHtml(procedure.legalBasis);
  const model = {
    url: procedure.url,
    name: procedure.name,
    code: procedure.code,
    fieldName: procedure.fieldName,
    fieldUrl: procedureListUrl({ field: procedure.fieldSlug }),
    levelLabel: procedure.levelLabel,
    agency: procedure.agency,
    onlineLevelLabel: procedure.onlineLevelLabel,
    timeLimit: procedure.timeLimit,
    fee: procedure.fee,
    result: procedure.result,
    methods: procedure.methods.split('\n').filter((line) => line.trim()),
    stepsHtml: procedure.stepsHtml ? await link(expandInlineImages(procedure.stepsHtml, images)) : '',
    documents: procedure.documents.map((d) => ({ name: d.name, originals: d.originals > 0 ? formatNumber(d.originals) : '', copies: d.copies > 0 ? formatNumber(d.copies) : '' })),
    legalBasisHtml: basis ? await link(basis) : '',
    portalUrl: procedure.portalUrl,
    attachments: procedure.attachments.map((file) => ({ name: file.name, url: file.url, size: fileSize(file.bytes), isPdf: file.mime === 'application/pdf' })),
  };
  const layout = layoutModel(ctx, frame, latest, media, {
    title: procedure.name,
    description: [procedure.fieldName && `Lĩnh vực ${procedure.fieldName}`, procedure.agency, procedure.timeLimit && `Thời hạn: ${procedure.timeLimit}`].filter(Boolean).join('. ') || procedure.name,
    path: procedure.url,
    canonicalPath: procedure.url,
    meta: { type: 'article', jsonLd: [], publishedAt: procedure.publishedAt, modifiedAt: procedure.updatedAt, section: 'Thủ tục hành chính' },
  });
  return { kind: 'page', html: renderDocument(layout, <ProcedurePage model={model} />) };
}
