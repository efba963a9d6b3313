/**
 * Search over everything a site has published. Search knows no content module: each
 * module hands over SearchRecords (search-records.ts) and a SearchSource to rebuild them
 * from (search-reindex.ts). This file answers a query: parse, find the newest matches,
 * rank them, cut a page, make the hits.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { InvalidInputError } from '../../platform/errors.js';
import { foldedWordsOf, parseSearchQuery, type ParsedQuery } from './query-parser.js';
import { engineFor } from './search-engines.js';
import { searchMessages } from './search.errors.js';
import { loadHits, type SearchHit } from './search-hits.js';
import { MAX_RANKED_MATCHES, type Match, type MatchQuery, type SearchEngine } from './search-index.js';
import type { SearchLanguage } from './search-records.js';

export const MAX_PAGE_SIZE = 50;
/** Pages past the ranked matches are empty anyway (MAX_RANKED_MATCHES / page size). */
export const MAX_PAGE = 1000;
const MAX_FILTER_VALUES = 500;

function isoTime(value: string | Date, field: string): string {
  const time = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(time.getTime())) throw new InvalidInputError(searchMessages.badDate, { field });
  return time.toISOString();
}

export interface SearchInput {
  siteId: string;
  /** What the reader typed. */
  query: string;
  /** 1-based. */
  page?: number;
  /** 1 to MAX_PAGE_SIZE; 10 by default. */
  pageSize?: number;
  /** Only these types; empty or absent: all. */
  types?: string[];
  /** Only these categories (the caller expands a category into its subtree); empty or absent: all. */
  categoryIds?: string[];
  language?: SearchLanguage;
  /** Published at or after this time. */
  publishedFrom?: Date | string;
  /** Published before this time (exclusive: pass the day after the last day shown). */
  publishedBefore?: Date | string;
  now: Date;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Matching records in all pages; at most MAX_RANKED_MATCHES. */
  total: number;
  /**
   * More records matched than MAX_RANKED_MATCHES: only the newest of them were ranked and
   * can be paged through ("hơn 500 kết quả"; a narrower query or date range finds older ones).
   */
  isTotalCapped: boolean;
  page: number;
  pageSize: number;
  pageCount: number;
  query: ParsedQuery;
}

function checkedInteger(value: number | undefined, fallback: number, max: number, message: string, field: string): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) throw new InvalidInputError(message, { field });
  return value;
}

function checkedList(values: string[] | undefined, field: string): string[] | undefined {
  if (values === undefined || values.length === 0) return undefined;
  if (values.length > MAX_FILTER_VALUES || values.some((v) => typeof v !== 'string' || v.length > 200)) throw new InvalidInputError(searchMessages.badFilter, { field });
  return values;
}

interface PageRequest {
  match: Omit<MatchQuery, 'isExactOnly' | 'limit'>;
  page: number;
  pageSize: number;
}

/** Whole seconds: both engines then agree on records published within the same second as a bound. */
function toSecond(iso: string, endOfSecond: boolean): string {
  const ms = Math.floor(Date.parse(iso) / 1000) * 1000 + (endOfSecond ? 999 : 0);
  return new Date(ms).toISOString();
}

function pageRequestOf(input: SearchInput, query: ParsedQuery): PageRequest {
  const page = checkedInteger(input.page, 1, MAX_PAGE, searchMessages.badPage, 'page');
  const pageSize = checkedInteger(input.pageSize, 10, MAX_PAGE_SIZE, searchMessages.badPageSize, 'pageSize');
  const publishedFrom = input.publishedFrom === undefined ? undefined : toSecond(isoTime(input.publishedFrom, 'publishedFrom'), false);
  const publishedBefore = input.publishedBefore === undefined ? undefined : toSecond(isoTime(input.publishedBefore, 'publishedBefore'), false);
  if (publishedFrom && publishedBefore && publishedFrom >= publishedBefore) throw new InvalidInputError(searchMessages.badDateRange, { field: 'publishedFrom' });
  if (input.language !== undefined && input.language !== 'vi' && input.language !== 'en') throw new InvalidInputError(searchMessages.badFilter, { field: 'language' });
  const match = {
    siteId: input.siteId,
    query,
    publishedUntil: toSecond(input.now.toISOString(), true),
    publishedFrom,
    publishedBefore,
    types: checkedList(input.types, 'types'),
    categoryIds: checkedList(input.categoryIds, 'categoryIds'),
    language: input.language,
  };
  return { match, page, pageSize };
}

/**
 * The ranked matches, best first: exact-diacritic matches, then by relevance, then newest.
 * Only the newest MAX_RANKED_MATCHES matches are scored. When the query carries
 * diacritics, the newest as many exact matches are fetched too: exact matches are a
 * subset of all matches, so those newer than the last of the newest are already among
 * them (and scored); older ones follow the scored exact matches by date.
 */
async function rankMatches(db: Kysely<Database>, engine: SearchEngine, match: PageRequest['match']): Promise<{ ranked: (Match & { isExact: boolean })[]; isCapped: boolean }> {
  // The exact tier is looked up while the newest matches are found and scored: on
  // PostgreSQL each runs on its own pooled connection, so a query with diacritics costs
  // the slower of the two, not their sum.
  const findAndScore = async () => {
    const found = await engine.findMatches(db, { ...match, isExactOnly: false, limit: MAX_RANKED_MATCHES + 1 });
    const newest = found.slice(0, MAX_RANKED_MATCHES);
    const scores = await engine.scoreMatches(db, { ...match, isExactOnly: false }, newest.filter((m) => m.relevance === undefined).map((m) => m.id));
    return { found, newest, scores };
  };
  const [{ found, newest, scores }, exact] = await Promise.all([
    findAndScore(),
    match.query.exactWords.length > 0 ? engine.findMatches(db, { ...match, isExactOnly: true, limit: MAX_RANKED_MATCHES }) : Promise.resolve([]),
  ]);
  const newestIds = new Set(newest.map((m) => m.id));
  const exactIds = new Set(exact.map((m) => m.id));
  const ranked = [
    ...newest.map((m) => ({ ...m, relevance: m.relevance ?? scores.get(m.id) ?? 0, isExact: exactIds.has(m.id) })),
    ...exact.filter((m) => !newestIds.has(m.id)).map((m) => ({ ...m, relevance: 0, isExact: true })),
  ].sort((a, b) => Number(b.isExact) - Number(a.isExact) || b.relevance - a.relevance || b.time - a.time || b.id - a.id);
  return { ranked: ranked.slice(0, MAX_RANKED_MATCHES), isCapped: found.length > MAX_RANKED_MATCHES };
}

/**
 * One page of a site's published records matching a query: records holding the typed
 * diacritics first, then by relevance (BM25 / ts_rank_cd), then newest first. A query
 * ranks at most its MAX_RANKED_MATCHES newest matches (see isTotalCapped).
 * @throws INVALID_INPUT for a query without a letter or digit, a query over 200 characters,
 *   a page or page size out of range, or a bad date filter.
 */
export async function searchSite(db: Kysely<Database>, input: SearchInput): Promise<SearchResult> {
  const query = parseSearchQuery(typeof input.query === 'string' ? input.query : '');
  if (query.terms.length === 0) throw new InvalidInputError(searchMessages.emptyQuery, { field: 'q', help: searchMessages.emptyQueryHelp });
  const { match, page, pageSize } = pageRequestOf(input, query);
  const { ranked, isCapped } = await rankMatches(db, engineFor(db), match);
  const pageOfMatches = ranked.slice((page - 1) * pageSize, page * pageSize);
  const hits = await loadHits(db, pageOfMatches, foldedWordsOf(query));
  const total = ranked.length;
  return { hits, total, isTotalCapped: isCapped, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)), query };
}
