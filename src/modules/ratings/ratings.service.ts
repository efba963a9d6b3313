/**
 * Readers' ratings ("Thông tin có hữu ích không?"): a reader's rating of a page, and the
 * staff's reports on them. A rating is anonymous by design (no address, no user agent,
 * no time: only the day and a reader key that cannot be traced back after the day), so
 * it is not audited and touches no public page: cached pages stay cached. Reading the
 * results takes 'rating.read'; the export is audited.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { InvalidInputError } from '../../platform/errors.js';
import { RatingPageNotFoundError } from './ratings.errors.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { loadCategoryTree } from '../categories/index.js';
import { findRateablePage, type RateablePage } from './rated-pages.js';
import { toCsv } from './rating-sheet.js';
import { checkRatingInput, ratingDay, ratingMessages, readerKey, type RatingInput } from './rating-rules.js';
import { secretOfDay } from './rating-secrets.js';

export type RatingOutcome = 'stored' | 'replaced' | 'dropped';

/** What the rating form sends, and who sends it (used for the key only, never stored). */
export interface RatingSubmission extends RatingInput {
  /** The honeypot field: a person leaves it empty. */
  honeypot?: unknown;
  userAgent: string;
}

/**
 * Records a reader's rating of a published page. One rating per reader per page per day:
 * a second one the same day replaces the first (the reader changed their mind). A filled
 * honeypot is dropped silently ('dropped', nothing stored). Anyone may rate: no actor.
 * @throws INVALID_INPUT (field 'useful', 'comment' or 'path') for bad input or a path that is not a published page.
 */
export async function submitRating(db: Kysely<Database>, scope: RequestScope, input: RatingSubmission): Promise<{ outcome: RatingOutcome; page?: RateablePage }> {
  if (typeof input.honeypot === 'string' ? input.honeypot !== '' : input.honeypot !== undefined) return { outcome: 'dropped' };
  const rating = checkRatingInput(input);
  const page = await findRateablePage(db, { siteId: scope.siteId, path: rating.path, now: scope.now });
  if (!page) throw new InvalidInputError(ratingMessages.unknownPage, { field: 'path', help: ratingMessages.unknownPageHelp });
  const day = ratingDay(scope.now);
  return inTransaction(db, async (trx) => {
    const key = readerKey({ secret: await secretOfDay(trx, day), clientIp: scope.clientIp, userAgent: input.userAgent, siteId: scope.siteId, path: page.path });
    const outcome = await storeRating(trx, { siteId: scope.siteId, page, isUseful: rating.isUseful, comment: rating.comment, day, readerKey: key });
    return { outcome, page };
  });
}

/** Writes one rating, replacing the same reader's rating of the page that day. */
export async function storeRating(db: Kysely<Database>, input: { siteId: string; page: RateablePage; isUseful: boolean; comment: string; day: string; readerKey: string }): Promise<Exclude<RatingOutcome, 'dropped'>> {
  const existing = await db
    .selectFrom('ratings')
    .select('id')
    .where('site_id', '=', input.siteId)
    .where('page_path', '=', input.page.path)
    .where('day', '=', input.day)
    .where('reader_key', '=', input.readerKey)
    .executeTakeFirst();
  const fields = { page_title: input.page.title, category_id: input.page.categoryId, is_useful: input.isUseful ? 1 : 0, comment: input.comment };
  // ON CONFLICT also covers two of the reader's requests racing past the select.
  await db
    .insertInto('ratings')
    .values({ id: crypto.randomUUID(), site_id: input.siteId, page_path: input.page.path, day: input.day, reader_key: input.readerKey, ...fields })
    .onConflict((oc) => oc.columns(['site_id', 'page_path', 'day', 'reader_key']).doUpdateSet(fields))
    .execute();
  return existing ? 'replaced' : 'stored';
}

/** Counts of one page or category. */
export interface RatingTally {
  useful: number;
  notUseful: number;
  comments: number;
  total: number;
  /** useful / total, 0…1. */
  usefulShare: number;
}

export interface PageResult extends RatingTally {
  path: string;
  title: string;
  categoryName: string;
}

export interface CategoryResult extends RatingTally {
  categoryId: string | null;
  name: string;
}

export type ResultOrder = 'least-useful' | 'most-rated' | 'title';
export const RESULT_ORDERS: readonly ResultOrder[] = ['least-useful', 'most-rated', 'title'];
export const NO_CATEGORY = 'Trang không thuộc chuyên mục';

function tally(useful: number, total: number, comments: number): RatingTally {
  return { useful, notUseful: total - useful, comments, total, usefulShare: total === 0 ? 0 : useful / total };
}

function compareBy(order: ResultOrder): (a: RatingTally & { title?: string; name?: string }, b: RatingTally & { title?: string; name?: string }) => number {
  const label = (x: { title?: string; name?: string }) => x.title ?? x.name ?? '';
  if (order === 'title') return (a, b) => label(a).localeCompare(label(b), 'vi');
  if (order === 'most-rated') return (a, b) => b.total - a.total || label(a).localeCompare(label(b), 'vi');
  // Least useful first; among equals, the page more readers found wanting.
  return (a, b) => a.usefulShare - b.usefulShare || b.notUseful - a.notUseful || label(a).localeCompare(label(b), 'vi');
}

/** Counts per page and per category of the site (or of one page). */
async function tallyRatings(db: Kysely<Database>, input: { siteId: string; path?: string }): Promise<{ pages: PageResult[]; categories: CategoryResult[] }> {
  let query = db
    .selectFrom('ratings')
    .select((eb) => [
      'page_path',
      'category_id',
      eb.fn.max('page_title').as('title'),
      eb.fn.countAll<number>().as('total'),
      eb.fn.sum<number>('is_useful').as('useful'),
      eb.fn.sum<number>(eb.case().when('comment', '!=', '').then(1).else(0).end()).as('comments'),
    ])
    .where('site_id', '=', input.siteId);
  if (input.path !== undefined) query = query.where('page_path', '=', input.path);
  const rows = await query.groupBy(['page_path', 'category_id']).execute();
  const tree = await loadCategoryTree(db, input.siteId);
  const categoryName = (id: string | null) => (id ? (tree.findById(id)?.name ?? NO_CATEGORY) : NO_CATEGORY);
  // A page moved to another category has a group for each: its counts are added up, and
  // it is listed under the category of the group seen last.
  const pages = new Map<string, PageResult>();
  const categories = new Map<string, { categoryId: string | null; useful: number; total: number; comments: number }>();
  for (const row of rows) {
    const [total, useful, comments] = [Number(row.total), Number(row.useful ?? 0), Number(row.comments ?? 0)];
    const before = pages.get(row.page_path);
    const merged = before ? { useful: before.useful + useful, total: before.total + total, comments: before.comments + comments } : { useful, total, comments };
    pages.set(row.page_path, { path: row.page_path, title: before?.title || row.title || row.page_path, categoryName: categoryName(row.category_id), ...tally(merged.useful, merged.total, merged.comments) });
    const key = row.category_id ?? '';
    const category = categories.get(key) ?? { categoryId: row.category_id, useful: 0, total: 0, comments: 0 };
    categories.set(key, { ...category, useful: category.useful + useful, total: category.total + total, comments: category.comments + comments });
  }
  return { pages: [...pages.values()], categories: [...categories.values()].map((c) => ({ categoryId: c.categoryId, name: categoryName(c.categoryId), ...tally(c.useful, c.total, c.comments) })) };
}

/**
 * Results per page and per category, in the order asked, and the site's totals.
 * @throws FORBIDDEN without 'rating.read'.
 */
export async function listRatingResults(db: Kysely<Database>, scope: RequestScope, input: { order: ResultOrder }): Promise<{ pages: PageResult[]; categories: CategoryResult[]; total: RatingTally }> {
  requirePermission(scope.actor, 'rating.read');
  const { pages, categories } = await tallyRatings(db, { siteId: scope.siteId });
  const order = compareBy(input.order);
  const all = pages.reduce((sum, p) => ({ useful: sum.useful + p.useful, total: sum.total + p.total, comments: sum.comments + p.comments }), { useful: 0, total: 0, comments: 0 });
  return { pages: pages.sort(order), categories: categories.sort(order), total: tally(all.useful, all.total, all.comments) };
}

export interface RatingComment {
  isUseful: boolean;
  comment: string;
  day: string;
}

/** Most comments shown for one page (newest first). */
export const MAX_COMMENTS_SHOWN = 500;

/**
 * One page's counts and its readers' comments, newest first.
 * @throws FORBIDDEN without 'rating.read'; NOT_FOUND when the page has no rating.
 */
export async function getPageRatings(db: Kysely<Database>, scope: RequestScope, input: { path: string }): Promise<{ page: PageResult; comments: RatingComment[] }> {
  requirePermission(scope.actor, 'rating.read');
  const [page] = (await tallyRatings(db, { siteId: scope.siteId, path: String(input.path) })).pages;
  if (!page) throw new RatingPageNotFoundError();
  const rows = await db
    .selectFrom('ratings')
    .select(['is_useful', 'comment', 'day'])
    .where('site_id', '=', scope.siteId)
    .where('page_path', '=', input.path)
    .where('comment', '!=', '')
    .orderBy('day', 'desc')
    .orderBy('id')
    .limit(MAX_COMMENTS_SHOWN)
    .execute();
  return { page, comments: rows.map((row) => ({ isUseful: row.is_useful === 1, comment: row.comment, day: row.day })) };
}

export const EXPORT_COLUMNS = ['Ngày', 'Địa chỉ trang', 'Tiêu đề trang', 'Chuyên mục', 'Hữu ích', 'Góp ý'] as const;

/**
 * Every rating of the site as CSV (one row each, no reader key), formula-safe. Audited:
 * an export leaves the portal.
 * @throws FORBIDDEN without 'rating.read'.
 */
export async function exportRatings(db: Kysely<Database>, scope: RequestScope): Promise<{ csv: string; count: number }> {
  requirePermission(scope.actor, 'rating.read');
  return inTransaction(db, async (trx) => {
    const rows = await trx
      .selectFrom('ratings')
      .select(['day', 'page_path', 'page_title', 'category_id', 'is_useful', 'comment'])
      .where('site_id', '=', scope.siteId)
      .orderBy('day', 'desc')
      .orderBy('page_path')
      .orderBy('id')
      .execute();
    const tree = await loadCategoryTree(trx, scope.siteId);
    const csv = toCsv(
      EXPORT_COLUMNS,
      rows.map((row) => [row.day.split('-').reverse().join('/'), row.page_path, row.page_title, row.category_id ? (tree.findById(row.category_id)?.name ?? '') : '', row.is_useful === 1 ? 'Có' : 'Không', row.comment]),
    );
    await recordAudit(trx, scope, { action: 'rating.export', targetType: 'ratings', detail: { count: rows.length } });
    return { csv, count: rows.length };
  });
}
