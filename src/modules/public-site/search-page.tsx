/**
 * /tim-kiem (and /en/tim-kiem): the reader's search over everything the site publishes in that language (search module),
 * with filters for type, category and dates. Rendered per request, never cached (see
 * PageDelivery.deliverUncached), and kept out of search engines' indexes.
 */
import { AppError, InvalidInputError } from '../../platform/errors.js';
import { DEFAULT_LANGUAGE, languagePrefix, type Language } from '../../platform/i18n/languages.js';
import { echoableText, formatDate, formatNumber } from '../../platform/i18n/vi.js';
import type { CategoryTree } from '../categories/index.js';
import { findMediaMap } from '../media/index.js';
import { MAX_PAGE, MAX_QUERY_LENGTH, parseSearchQuery, searchSite, type SearchHit, type SearchResult } from '../search/index.js';
import { listLatestPerGroup } from '../articles/index.js';
import { categoryName, categoryUrl } from './public-site.present.js';
import { layoutModel, loadFrame, mediaIdsOf, renderDocument, sidebarGroups, type PageContext, type RenderedPage } from './public-site.service.js';
import { uiStrings, type SearchText } from './ui-strings.js';
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

/** A YYYY-MM-DD day (what <input type="date"> sends) as the start of that day in Vietnam, or undefined when it is not one. */
function parseDay(raw: string): Date | undefined {
  const match = DAY.exec(raw);
  const date = match ? new Date(`${raw}T00:00:00+07:00`) : new Date(Number.NaN);
  // 2026-02-31 parses as 3 March: the day must read back as typed.
  if (!match || Number.isNaN(date.getTime()) || new Date(date.getTime() + 7 * 3_600_000).toISOString().slice(0, 10) !== raw || Number(match[1]) < 1900) return undefined;
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
function checkFilters(params: SearchParams, tree: CategoryTree, types: SearchType[], text: SearchText): CheckedFilters {
  const filters: SearchFilters = { q: echoableText(params.q), type: params.type ?? '', category: params.category ?? '', from: params.from ?? '', to: params.to ?? '' };
  const checked: CheckedFilters = { filters, page: 1 };
  if (params.page !== undefined && params.page !== '') {
    const page = /^[1-9]\d{0,5}$/.test(params.page) ? Number(params.page) : Number.NaN;
    if (!(page <= MAX_PAGE)) throw new InvalidInputError(text.badPage, { field: 'page' });
    checked.page = page;
  }
  if (filters.type) {
    if (!types.some((t) => t.type === filters.type)) throw new InvalidInputError(text.badType, { field: 'type' });
    checked.types = [filters.type];
  }
  if (filters.category) {
    const category = tree.findByPath(filters.category);
    if (!category) throw new InvalidInputError(text.badCategory, { field: 'category' });
    checked.categoryIds = tree.withDescendants(category.id).map((c) => c.id);
  }
  if (filters.from) checked.publishedFrom = parseDay(filters.from) ?? fail(text.badFrom, 'from');
  if (filters.to) checked.publishedBefore = new Date((parseDay(filters.to) ?? fail(text.badTo, 'to')).getTime() + DAY_MS);
  if (checked.publishedFrom && checked.publishedBefore && checked.publishedFrom >= checked.publishedBefore) fail(text.badRange, 'from');
  return checked;
}

function fail(message: string, field: string): never {
  throw new InvalidInputError(message, { field });
}

/** The search page of a language: /tim-kiem, /en/tim-kiem. */
export function searchPath(language: Language = DEFAULT_LANGUAGE): string {
  return `${languagePrefix(language)}${SEARCH_PATH}`;
}

/** The URL of these filters (empty ones left out), on a given page. */
export function searchUrl(filters: Partial<SearchFilters>, page = 1, language: Language = DEFAULT_LANGUAGE): string {
  const query = new URLSearchParams();
  for (const key of ['q', 'type', 'category', 'from', 'to'] as const) if (filters[key]) query.set(key, filters[key]);
  if (page > 1) query.set('page', String(page));
  const text = query.toString();
  return text ? `${searchPath(language)}?${text}` : searchPath(language);
}

/** Categories in tree order, indented by depth, for the category filter. */
function categoryOptions(tree: CategoryTree, language: Language): { value: string; label: string }[] {
  const options: { value: string; label: string }[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const c of parentId === null ? tree.roots() : tree.childrenOf(parentId)) {
      options.push({ value: c.path, label: `${'— '.repeat(depth)}${categoryName(c, language)}` });
      if (depth < 10) visit(c.id, depth + 1);
    }
  };
  visit(null, 0);
  return options;
}

function hitView(hit: SearchHit, tree: CategoryTree, types: SearchType[], language: Language): SearchHitView {
  const category = hit.categoryId ? tree.findById(hit.categoryId) : undefined;
  return {
    title: hit.title,
    titleHighlights: hit.titleHighlights,
    url: hit.url,
    // Type names are Vietnamese; English pages hold articles only and show none.
    typeLabel: language === DEFAULT_LANGUAGE ? (types.find((t) => t.type === hit.type)?.label ?? '') : '',
    date: formatDate(hit.publishedAt),
    dateIso: hit.publishedAt,
    category: category ? { name: categoryName(category, language), url: categoryUrl(category.path, language) } : undefined,
    snippet: hit.snippet,
    attachment: hit.attachment,
  };
}

/** Ways to widen a search that found nothing: each filter dropped, then all of them. */
function widerSearches(filters: SearchFilters, text: SearchText, language: Language): { label: string; url: string }[] {
  const wider: { label: string; url: string }[] = [];
  if (filters.type) wider.push({ label: text.widerType, url: searchUrl({ ...filters, type: '' }, 1, language) });
  if (filters.category) wider.push({ label: text.widerCategory, url: searchUrl({ ...filters, category: '' }, 1, language) });
  if (filters.from || filters.to) wider.push({ label: text.widerTime, url: searchUrl({ ...filters, from: '', to: '' }, 1, language) });
  if (wider.length > 1) wider.push({ label: text.widerAll, url: searchUrl({ q: filters.q }, 1, language) });
  return wider;
}

function summaryOf(result: SearchResult, q: string, text: SearchText): string {
  if (result.total === 0) return text.noResults(q);
  const pages = result.pageCount > 1 ? text.pageOf(formatNumber(result.page), formatNumber(result.pageCount)) : '';
  return `${text.results(result.total, formatNumber(result.total), q, result.isTotalCapped)}${pages}.`;
}

/**
 * The search page of a language: the form alone without a query, the results with one,
 * over that language's content. A query or filter that cannot be run gives the page with
 * the reason (status 400), never an error page that loses what the reader typed.
 */
export async function renderSearchPage(ctx: PageContext, params: SearchParams, types: SearchType[]): Promise<RenderedPage> {
  const language = ctx.language ?? DEFAULT_LANGUAGE;
  const ui = uiStrings(language);
  const text = ui.search;
  // Only articles are written in English: the type filter has nothing to choose there.
  const offeredTypes = language === DEFAULT_LANGUAGE ? types : [];
  const frame = await loadFrame(ctx);
  const latest = await listLatestPerGroup(ctx.db, { siteId: ctx.site.id, language, groups: sidebarGroups(frame), perGroup: 10, now: ctx.now });
  const media = await findMediaMap(ctx.db, ctx.site.id, [...mediaIdsOf([...latest.values()].flat()), ...frame.banners.map((b) => b.mediaId)]);
  const q = echoableText(params.q).trim();
  const model: SearchPageModel = {
    ui,
    text,
    action: searchPath(language),
    filters: { q: echoableText(params.q), type: params.type ?? '', category: params.category ?? '', from: params.from ?? '', to: params.to ?? '' },
    types: offeredTypes,
    categories: categoryOptions(frame.tree, language),
    hits: [],
    wider: [],
  };
  let status = 200;
  try {
    const checked = checkFilters(params, frame.tree, offeredTypes, text);
    model.filters = checked.filters;
    if (q) {
      if (q.length > MAX_QUERY_LENGTH) fail(text.tooLong, 'q');
      if (parseSearchQuery(q).terms.length === 0) fail(text.emptyQuery, 'q');
      const result = await searchSite(ctx.db, { siteId: ctx.site.id, language, query: q, page: checked.page, pageSize: SEARCH_PAGE_SIZE, types: checked.types, categoryIds: checked.categoryIds, publishedFrom: checked.publishedFrom, publishedBefore: checked.publishedBefore, now: ctx.now });
      model.summary = summaryOf(result, q, text);
      model.hits = result.hits.map((hit) => hitView(hit, frame.tree, types, language));
      if (result.total === 0) model.wider = widerSearches(checked.filters, text, language);
      if (result.isTotalCapped) model.notice = text.capped(formatNumber(result.total));
      if (result.query.isShortened) model.notice = text.shortened;
      model.pagination = { page: result.page, pageCount: result.pageCount, pageUrl: (n: number) => searchUrl(checked.filters, n, language) };
      // A page past the last: the reader sees how many there are rather than an empty list.
      if (result.hits.length === 0 && result.total > 0) model.summary = text.pageEmpty(formatNumber(result.page), formatNumber(result.pageCount));
    }
  } catch (error) {
    if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT') throw error;
    status = 400;
    model.error = { message: error.message, help: error.help };
  }
  const path = searchPath(language);
  const layout = layoutModel(ctx, frame, latest, media, {
    title: q ? text.titleWithQuery(q.length > 60 ? `${q.slice(0, 60)}…` : q) : text.title,
    description: text.description(ctx.site.name),
    path,
    canonicalPath: path,
    searchQuery: echoableText(params.q),
    isNoIndex: q !== '',
    meta: { type: 'website', jsonLd: [] },
    alternatePaths: Object.fromEntries(ctx.site.languages.map((other) => [other, searchPath(other)])),
  });
  return { kind: 'page', html: renderDocument(layout, <SearchPage model={model} />), status };
}
