/**
 * /tim-kiem: the reader's search over everything the site publishes (search module),
 * with filters for type, category and dates. Rendered per request, never cached (see
 * PageDelivery.deliverUncached), and kept out of search engines' indexes.
 */
import { AppError, InvalidInputError } from '../../platform/errors.js';
import { formatDate, formatNumber } from '../../platform/i18n/vi.js';
import type { CategoryTree } from '../categories/index.js';
import { findMediaMap } from '../media/index.js';
import { MAX_PAGE, searchSite, type SearchHit, type SearchResult } from '../search/index.js';
import { listLatestPerGroup } from '../articles/index.js';
import { categoryUrl } from './public-site.present.js';
import { layoutModel, loadFrame, mediaIdsOf, renderDocument, sidebarGroups, type PageContext, type RenderedPage } from './public-site.service.js';
import { SearchPage, type SearchFilters, type SearchHitView, type SearchPageModel } from './views/search.js';

export const SEARCH_PATH = '/tim-kiem';
export const SEARCH_PAGE_SIZE = 10;

/** A kind of searchable content, as the type filter offers it. */
export interface SearchType {
  type: string;
  label: string;
}

/** The query string as the reader's browser sent it (every field optional, all text). */
export interface SearchParams {
  q?: string;
  type?: string;
  category?: string;
  from?: string;
  to?: string;
  page?: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** What the reader typed, fit to show back: control characters (NUL, bidi overrides) become spaces. */
function typedText(raw: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (raw ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ');
}

/** A YYYY-MM-DD day (what <input type="date"> sends) as the start of that day in Vietnam. */
function parseDay(raw: string, label: string, field: string): Date {
  const match = DAY.exec(raw);
  const date = match ? new Date(`${raw}T00:00:00+07:00`) : new Date(Number.NaN);
  // 2026-02-31 parses as 3 March: the day must read back as typed.
  if (!match || Number.isNaN(date.getTime()) || new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 10) !== raw || Number(match[1]) < 1900) {
    throw new InvalidInputError(`${label} không hợp lệ: hãy chọn một ngày (dd/mm/yyyy).`, { field });
  }
  return date;
}

const DAY_MS = 86_400_000;

interface CheckedFilters {
  filters: SearchFilters;
  categoryIds?: string[];
  types?: string[];
  publishedFrom?: Date;
  publishedBefore?: Date;
  page: number;
}

/** The filters as given, checked against the site's categories and the known types. */
function checkFilters(params: SearchParams, tree: CategoryTree, types: SearchType[]): CheckedFilters {
  const filters: SearchFilters = { q: typedText(params.q), type: params.type ?? '', category: params.category ?? '', from: params.from ?? '', to: params.to ?? '' };
  const checked: CheckedFilters = { filters, page: 1 };
  if (params.page !== undefined && params.page !== '') {
    const page = /^[1-9]\d{0,5}$/.test(params.page) ? Number(params.page) : Number.NaN;
    if (!(page <= MAX_PAGE)) throw new InvalidInputError('Số trang không hợp lệ.', { field: 'page' });
    checked.page = page;
  }
  if (filters.type) {
    if (!types.some((t) => t.type === filters.type)) throw new InvalidInputError('Loại nội dung được chọn không có trên trang này.', { field: 'type' });
    checked.types = [filters.type];
  }
  if (filters.category) {
    const category = tree.findByPath(filters.category);
    if (!category) throw new InvalidInputError('Chuyên mục được chọn không có trên trang này.', { field: 'category' });
    checked.categoryIds = tree.withDescendants(category.id).map((c) => c.id);
  }
  if (filters.from) checked.publishedFrom = parseDay(filters.from, 'Ngày bắt đầu', 'from');
  if (filters.to) checked.publishedBefore = new Date(parseDay(filters.to, 'Ngày kết thúc', 'to').getTime() + DAY_MS);
  if (checked.publishedFrom && checked.publishedBefore && checked.publishedFrom >= checked.publishedBefore) {
    throw new InvalidInputError('Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.', { field: 'from' });
  }
  return checked;
}

/** The URL of these filters (empty ones left out), on a given page. */
export function searchUrl(filters: Partial<SearchFilters>, page = 1): string {
  const query = new URLSearchParams();
  for (const key of ['q', 'type', 'category', 'from', 'to'] as const) if (filters[key]) query.set(key, filters[key]);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `${SEARCH_PATH}?${text}` : SEARCH_PATH;
}

/** Categories in tree order, indented by depth, for the category filter. */
function categoryOptions(tree: CategoryTree): { value: string; label: string }[] {
  const options: { value: string; label: string }[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const c of parentId === null ? tree.roots() : tree.childrenOf(parentId)) {
      options.push({ value: c.path, label: `${'— '.repeat(depth)}${c.name}` });
      if (depth < 10) visit(c.id, depth + 1);
    }
  };
  visit(null, 0);
  return options;
}

function hitView(hit: SearchHit, tree: CategoryTree, types: SearchType[]): SearchHitView {
  const category = hit.categoryId ? tree.findById(hit.categoryId) : undefined;
  return {
    title: hit.title,
    titleHighlights: hit.titleHighlights,
    url: hit.url,
    typeLabel: types.find((t) => t.type === hit.type)?.label ?? '',
    date: formatDate(hit.publishedAt),
    dateIso: hit.publishedAt,
    category: category ? { name: category.name, url: categoryUrl(category.path) } : undefined,
    snippet: hit.snippet,
    attachment: hit.attachment,
  };
}

/** Ways to widen a search that found nothing: each filter dropped, then all of them. */
function widerSearches(filters: SearchFilters): { label: string; url: string }[] {
  const wider: { label: string; url: string }[] = [];
  if (filters.type) wider.push({ label: 'Tìm trong mọi loại nội dung', url: searchUrl({ ...filters, type: '' }) });
  if (filters.category) wider.push({ label: 'Tìm trong mọi chuyên mục', url: searchUrl({ ...filters, category: '' }) });
  if (filters.from || filters.to) wider.push({ label: 'Tìm ở mọi thời gian', url: searchUrl({ ...filters, from: '', to: '' }) });
  if (wider.length > 1) wider.push({ label: 'Bỏ mọi bộ lọc', url: searchUrl({ q: filters.q }) });
  return wider;
}

function summaryOf(result: SearchResult, q: string): string {
  if (result.total === 0) return `Không tìm thấy kết quả nào cho "${q}".`;
  const count = result.isTotalCapped ? `Hơn ${formatNumber(result.total)}` : formatNumber(result.total);
  const pages = result.pageCount > 1 ? ` (trang ${formatNumber(result.page)}/${formatNumber(result.pageCount)})` : '';
  return `${count} kết quả cho "${q}"${pages}.`;
}

/**
 * The search page: the form alone without a query, the results with one. A query or
 * filter that cannot be run gives the page with the reason (status 400), never an error
 * page that loses what the reader typed.
 */
export async function renderSearchPage(ctx: PageContext, params: SearchParams, types: SearchType[]): Promise<RenderedPage> {
  const frame = await loadFrame(ctx);
  const latest = await listLatestPerGroup(ctx.db, { siteId: ctx.site.id, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now });
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  const q = typedText(params.q).trim();
  const model: SearchPageModel = {
    filters: { q: typedText(params.q), type: params.type ?? '', category: params.category ?? '', from: params.from ?? '', to: params.to ?? '' },
    types,
    categories: categoryOptions(frame.tree),
    hits: [],
    wider: [],
  };
  let status = 200;
  try {
    const checked = checkFilters(params, frame.tree, types);
    model.filters = checked.filters;
    if (q) {
      // The Vietnamese pages search Vietnamese content; English pages are found from /en.
      const result = await searchSite(ctx.db, { siteId: ctx.site.id, language: 'vi', query: q, page: checked.page, pageSize: SEARCH_PAGE_SIZE, types: checked.types, categoryIds: checked.categoryIds, publishedFrom: checked.publishedFrom, publishedBefore: checked.publishedBefore, now: ctx.now });
      model.summary = summaryOf(result, q);
      model.hits = result.hits.map((hit) => hitView(hit, frame.tree, types));
      if (result.total === 0) model.wider = widerSearches(checked.filters);
      if (result.isTotalCapped) model.notice = `Chỉ ${formatNumber(result.total)} kết quả mới nhất được xếp hạng: hãy thêm từ hoặc chọn khoảng thời gian để tìm bài cũ hơn.`;
      if (result.query.isShortened) model.notice = 'Từ khóa có nhiều từ: chỉ 10 từ đầu được dùng để tìm.';
      model.pagination = { page: result.page, pageCount: result.pageCount, pageUrl: (n: number) => searchUrl(checked.filters, n) };
      // A page past the last: the reader sees the last one's link rather than an empty list.
      if (result.hits.length === 0 && result.total > 0) model.summary = `Trang ${formatNumber(result.page)} không có kết quả nào: kết quả chỉ có ${formatNumber(result.pageCount)} trang.`;
    }
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT') throw error;
    status = 400;
    model.error = { message: error.message, help: error.help };
  }
  const title = q ? `Tìm kiếm: ${q.length > 60 ? `${q.slice(0, 60)}…` : q}` : 'Tìm kiếm';
  const layout = layoutModel(ctx, frame, latest, media, {
    title,
    description: `Tìm tin bài và thông tin trên ${ctx.site.name}, gõ có dấu hay không dấu đều được.`,
    path: SEARCH_PATH,
    canonicalPath: SEARCH_PATH,
    searchQuery: typedText(params.q),
    isNoIndex: q !== '',
    meta: { type: 'website', jsonLd: [] },
  });
  return { kind: 'page', html: renderDocument(layout, <SearchPage model={model} />), status };
}
