/**
 * Articles as readers see them (published, publication time passed) and as the newsroom
 * creates them. Public functions only ever return published articles: the constraint is
 * in the query, not left to the caller.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { InvalidInputError } from '../../platform/errors.js';
import { slugify, toNfc } from '../../platform/i18n/vi.js';
import { ArticleNotFoundError, ArticleSlugBusyError, ArticleSlugTakenError, PageOutOfRangeError } from './articles.errors.js';
import {
  countPublished,
  countPublishedInCategories,
  findPublishedLinks,
  findGalleryItems,
  findLatestPerCategoryGroup,
  findLatestPublished,
  countPublishedBetween,
  countPublishedByMonth,
  findPublishedBetween,
  countPublishedWithTag,
  findPublishedAfter,
  findPublishedWithTag,
  findRelatedByTags,
  findPublishedArticle,
  findPublishedTranslation,
  findPublishedInCategories,
  findSlugsLike,
  insertArticleUnlessSlugTaken,
  type ArticleListRow,
  type ArticleRow,
} from './articles.repo.js';
import type { ArticleGalleryTable } from './articles.table.js';
import { DEFAULT_LANGUAGE, isLanguage, type Language } from '../../platform/i18n/languages.js';
import { scheduleJob, type JobHandler } from '../../platform/jobs/jobs.js';
import { changeSiteContent } from '../sites/index.js';
import { sanitizeBody } from './sanitize-body.js';
import { syncArticleSearch } from './articles.search.js';

export type { ArticleState as ArticleStatus } from './workflow.js';
import type { ArticleState as ArticleStatus } from './workflow.js';

export interface ArticleSummary {
  id: string;
  categoryId: string;
  slug: string;
  title: string;
  lead: string;
  coverMediaId: string | null;
  publishedAt: string;
  isFeatured: boolean;
  /** The language it is written in: English articles live under /en/. */
  language: Language;
}

export interface GalleryItem {
  mediaId: string;
  caption: string;
}

export interface Article extends ArticleSummary {
  bodyHtml: string;
  galleryTitle: string;
  gallery: GalleryItem[];
  byline: string;
  postedByName: string;
  viewCount: number;
  updatedAt: string;
  /** For search engines and link previews; empty means "use the lead". */
  seoDescription: string;
  tags: string[];
  /** The id of the article this one translates, or null. */
  translationOf: string | null;
}

function listRowToSummary(row: ArticleListRow): ArticleSummary {
  return {
    id: row.id,
    categoryId: row.category_id,
    slug: row.slug,
    title: row.title,
    lead: row.lead,
    coverMediaId: row.cover_media_id,
    publishedAt: row.published_at ?? '',
    isFeatured: row.is_featured === 1,
    language: isLanguage(row.language) ? row.language : DEFAULT_LANGUAGE,
  };
}

/** @throws NOT_FOUND when no published article has this slug. */
export function getPublishedArticle(db: Kysely<Database>, input: { siteId: string; language?: Language; slug: string; now: Date }): Promise<Article> {
  return loadPublishedArticle(db, { siteId: input.siteId, language: input.language, slug: input.slug, now: input.now.toISOString() });
}

/** @throws NOT_FOUND when no published article has this id. */
export function getPublishedArticleById(db: Kysely<Database>, input: { siteId: string; language?: Language; id: string; now: Date }): Promise<Article> {
  return loadPublishedArticle(db, { siteId: input.siteId, language: input.language, id: input.id, now: input.now.toISOString() });
}

/** Where a published translation of an article is: what a language switcher links to. */
export interface ArticleTranslationLink {
  id: string;
  slug: string;
  categoryId: string;
  title: string;
  language: Language;
}

/** The published article in `language` that translates this one (or that it translates), if any. */
export async function findPublishedTranslationOf(
  db: Kysely<Database>,
  input: { siteId: string; language: Language; article: { id: string; translationOf: string | null }; now: Date },
): Promise<ArticleTranslationLink | undefined> {
  const row = await findPublishedTranslation(db, { siteId: input.siteId, now: input.now.toISOString(), language: input.language, articleId: input.article.id, translationOf: input.article.translationOf });
  return row && { id: row.id, slug: row.slug, categoryId: row.category_id, title: row.title, language: input.language };
}

/** Published articles newest first, a keyset page at a time (the public API). */
export async function findPublishedPage(
  db: Kysely<Database>,
  input: { siteId: string; language?: Language; now: Date; categoryIds?: string[]; from?: Date; to?: Date; isFeaturedOnly?: boolean; after?: { publishedAt: string; id: string }; limit: number },
): Promise<ArticleSummary[]> {
  const rows = await findPublishedAfter(db, { ...input, now: input.now.toISOString(), from: input.from?.toISOString(), to: input.to?.toISOString() });
  return rows.map(listRowToSummary);
}

async function loadPublishedArticle(db: Kysely<Database>, input: Parameters<typeof findPublishedArticle>[1]): Promise<Article> {
  const row = await findPublishedArticle(db, input);
  if (!row) throw new ArticleNotFoundError();
  const [gallery, tags] = await Promise.all([findGalleryItems(db, row.id), db.selectFrom('article_tags').select('name').where('article_id', '=', row.id).orderBy('name').execute()]);
  return {
    ...listRowToSummary(row),
    bodyHtml: row.body_html,
    galleryTitle: row.gallery_title,
    gallery: gallery.map((g) => ({ mediaId: g.media_id, caption: g.caption })),
    byline: row.byline,
    postedByName: row.posted_by_name ?? '',
    viewCount: Number(row.view_count),
    updatedAt: row.updated_at,
    seoDescription: row.seo_description,
    tags: tags.map((t) => t.name),
    translationOf: row.translation_of,
  };
}

export interface ArticlePage {
  items: ArticleSummary[];
  page: number;
  pageCount: number;
  total: number;
}

/**
 * One page of the published articles of some categories, newest first.
 * @throws PAGE_OUT_OF_RANGE when page is past the last page (page 1 always exists).
 */
export async function listPublishedInCategories(db: Kysely<Database>, input: { siteId: string; language?: Language; categoryIds: string[]; page: number; pageSize: number; now: Date }): Promise<ArticlePage> {
  const now = input.now.toISOString();
  const total = await countPublishedInCategories(db, { siteId: input.siteId, language: input.language, categoryIds: input.categoryIds, now });
  const pageCount = Math.max(1, Math.ceil(total / input.pageSize));
  if (input.page > pageCount) throw new PageOutOfRangeError(pageCount);
  const rows = await findPublishedInCategories(db, { siteId: input.siteId, language: input.language, categoryIds: input.categoryIds, now, offset: (input.page - 1) * input.pageSize, limit: input.pageSize });
  return { items: rows.map(listRowToSummary), page: input.page, pageCount, total };
}

/** Other articles of the same categories, for "Các tin khác" under an article. */
export async function listOtherArticles(db: Kysely<Database>, input: { siteId: string; language?: Language; categoryIds: string[]; article: ArticleSummary; limit: number; now: Date }): Promise<ArticleSummary[]> {
  const rows = await findPublishedInCategories(db, { siteId: input.siteId, language: input.language, categoryIds: input.categoryIds, now: input.now.toISOString(), offset: 0, limit: input.limit, excludeId: input.article.id });
  return rows.map(listRowToSummary);
}

export async function listLatestArticles(db: Kysely<Database>, input: { siteId: string; language?: Language; limit: number; now: Date; isFeaturedOnly?: boolean }): Promise<ArticleSummary[]> {
  const rows = await findLatestPublished(db, { siteId: input.siteId, language: input.language, now: input.now.toISOString(), limit: input.limit, isFeaturedOnly: input.isFeaturedOnly });
  return rows.map(listRowToSummary);
}

/** Latest articles for several blocks at once (home sections, sidebar blocks): one query. */
export async function listLatestPerGroup(db: Kysely<Database>, input: { siteId: string; language?: Language; groups: Map<string, string[]>; perGroup: number; now: Date }): Promise<Map<string, ArticleSummary[]>> {
  const rows = await findLatestPerCategoryGroup(db, { siteId: input.siteId, language: input.language, groups: input.groups, perGroup: input.perGroup, now: input.now.toISOString() });
  return new Map([...rows].map(([group, list]) => [group, list.map(listRowToSummary)]));
}

export interface NewArticle {
  siteId: string;
  categoryId: string;
  title: string;
  lead?: string;
  bodyHtml?: string;
  byline?: string;
  galleryTitle?: string;
  gallery?: GalleryItem[];
  coverMediaId?: string | null;
  postedBy?: string | null;
  status: ArticleStatus;
  isFeatured?: boolean;
  publishedAt?: Date | null;
  viewCount?: number;
  slug?: string;
  /** Default Vietnamese. */
  language?: Language;
  /** The id of the article (of the same site) this one translates. */
  translationOf?: string | null;
}

/**
 * Tries per create. Each failed try means another create took the slug between our read
 * and our insert, and one of the racers always wins a round, so this covers that many
 * editors saving the same title in the same instant: far beyond any newsroom.
 */
const MAX_SLUG_ATTEMPTS = 25;

function newArticleRow(input: NewArticle, now: Date): ArticleRow {
  const title = toNfc(input.title.trim());
  if (!title) throw new InvalidInputError('Tiêu đề bài viết không được để trống.', { field: 'title' });
  const timestamp = now.toISOString();
  return {
    id: crypto.randomUUID(),
    site_id: input.siteId,
    category_id: input.categoryId,
    slug: input.slug ?? (slugify(title) || 'bai-viet'),
    title,
    lead: toNfc(input.lead ?? ''),
    body_html: sanitizeBody(input.bodyHtml ?? ''),
    gallery_title: toNfc(input.galleryTitle ?? ''),
    byline: toNfc(input.byline ?? ''),
    cover_media_id: input.coverMediaId ?? null,
    posted_by: input.postedBy ?? null,
    status: input.status,
    is_featured: input.isFeatured ? 1 : 0,
    published_at: input.publishedAt?.toISOString() ?? (input.status === 'published' ? timestamp : null),
    view_count: input.viewCount ?? 0,
    created_at: timestamp,
    updated_at: timestamp,
    seo_description: '',
    review_comment: '',
    pending_revision_id: null,
    pending_status: null,
    needs_second_look: 0,
    language: input.language ?? DEFAULT_LANGUAGE,
    translation_of: input.translationOf ?? null,
  };
}

/**
 * Creates an article; the body is sanitised. Without `slug`, the title's slug is made
 * unique within the site (-2, -3, …), also against creates running at the same moment.
 * A `slug` the caller chose is kept as given, never renamed behind their back: if it is
 * taken, the caller hears so. Works inside the caller's transaction too (one call at a
 * time there: its savepoint must not interleave with another's).
 * @throws INVALID_INPUT for an empty title.
 * @throws CONFLICT: ArticleSlugTakenError when the chosen slug is taken; ArticleSlugBusyError
 *   when no free slug could be claimed in MAX_SLUG_ATTEMPTS tries.
 */
export async function createArticle(db: Kysely<Database>, input: NewArticle, now = new Date()): Promise<{ id: string; slug: string }> {
  const row = newArticleRow(input, now);
  const gallery = (input.gallery ?? []).map((item, position) => ({ article_id: row.id, media_id: item.mediaId, position, caption: toNfc(item.caption) }));
  const insert = async (trx: Kysely<Database>) => {
    const created = await insertWithFreeSlug(trx, { row, gallery, isSlugChosen: input.slug !== undefined });
    if (row.status === 'published' && row.published_at && row.published_at > now.toISOString()) {
      await scheduleJob(trx, { name: PUBLISH_DUE_JOB, key: `article-publish:${row.id}`, runAt: new Date(row.published_at), payload: { siteId: row.site_id } }, now);
    }
    if (row.status === 'published') await syncArticleSearch(trx, { siteId: row.site_id, articleId: row.id });
    return created;
  };
  // Raises the site's content version in the same transaction: cached pages drop it at once.
  return changeSiteContent(db, input.siteId, insert);
}

async function insertWithFreeSlug(trx: Kysely<Database>, input: { row: ArticleRow; gallery: ArticleGalleryTable[]; isSlugChosen: boolean }): Promise<{ id: string; slug: string }> {
  const { row, isSlugChosen } = input;
  for (let attempt = 1; attempt <= MAX_SLUG_ATTEMPTS; attempt++) {
    // Read again on every try: the racer that beat us has committed by now.
    const slug = isSlugChosen ? row.slug : freeSlug(row.slug, await findSlugsLike(trx, { siteId: row.site_id, base: row.slug }));
    if (await insertArticleUnlessSlugTaken(trx, { ...row, slug }, input.gallery)) return { id: row.id, slug };
    if (isSlugChosen) throw new ArticleSlugTakenError(slug);
  }
  throw new ArticleSlugBusyError();
}

function freeSlug(base: string, taken: Set<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export const PUBLISH_DUE_JOB = 'publish-due';

/**
 * Runs at an article's publication time: the site's content version goes up, so every
 * instance drops its cached pages and the article shows within a second of its time
 * (not at the next cache refresh). Harmless when repeated.
 */
export function publishDueHandler(db: Kysely<Database>): JobHandler {
  return async (payload) => {
    const siteId = (payload as { siteId?: unknown }).siteId;
    if (typeof siteId !== 'string') throw new Error('publish-due job without a siteId');
    await changeSiteContent(db, siteId, async () => {});
  };
}

export interface ArticleLink {
  id: string;
  slug: string;
  categoryId: string;
  /** When the article last changed (sitemaps' lastmod). */
  updatedAt: string;
  publishedAt: string;
}

/** One slice of the site's published articles, for sitemaps. */
export async function listPublishedLinks(db: Kysely<Database>, input: { siteId: string; language?: Language; now: Date; offset: number; limit: number }): Promise<ArticleLink[]> {
  const rows = await findPublishedLinks(db, { siteId: input.siteId, language: input.language, now: input.now.toISOString(), offset: input.offset, limit: input.limit });
  return rows.map((row) => ({ id: row.id, slug: row.slug, categoryId: row.category_id, updatedAt: row.updated_at, publishedAt: row.published_at ?? row.updated_at }));
}

export function countPublishedArticles(db: Kysely<Database>, input: { siteId: string; language?: Language; now: Date }): Promise<number> {
  return countPublished(db, { siteId: input.siteId, language: input.language, now: input.now.toISOString() });
}

/**
 * One page of the published articles with a tag, and the tag's name as written.
 * @throws NOT_FOUND for a tag no published article carries; PAGE_OUT_OF_RANGE past the last page.
 */
export async function listPublishedWithTag(db: Kysely<Database>, input: { siteId: string; language?: Language; tagSlug: string; page: number; pageSize: number; now: Date }): Promise<ArticlePage & { tagName: string }> {
  const now = input.now.toISOString();
  const { count, name } = await countPublishedWithTag(db, { siteId: input.siteId, language: input.language, now, tagSlug: input.tagSlug });
  if (count === 0 || !name) throw new ArticleNotFoundError();
  const pageCount = Math.max(1, Math.ceil(count / input.pageSize));
  if (input.page > pageCount) throw new PageOutOfRangeError(pageCount);
  const rows = await findPublishedWithTag(db, { siteId: input.siteId, language: input.language, now, tagSlug: input.tagSlug, offset: (input.page - 1) * input.pageSize, limit: input.pageSize });
  return { items: rows.map(listRowToSummary), page: input.page, pageCount, total: count, tagName: name };
}

/** Articles sharing the most tags with this one ("Bài liên quan"). */
export async function listRelatedArticles(db: Kysely<Database>, input: { siteId: string; language?: Language; article: Article; limit: number; now: Date }): Promise<ArticleSummary[]> {
  const tagSlugs = [...new Set(input.article.tags.map((name) => slugify(name)).filter(Boolean))];
  const rows = await findRelatedByTags(db, { siteId: input.siteId, language: input.language, now: input.now.toISOString(), articleId: input.article.id, tagSlugs, limit: input.limit });
  return rows.map(listRowToSummary);
}

/** Months with published articles (YYYY-MM, Vietnam time) and their counts, newest first. */
export function listPublicationMonths(db: Kysely<Database>, input: { siteId: string; language?: Language; now: Date }): Promise<{ month: string; count: number }[]> {
  return countPublishedByMonth(db, { siteId: input.siteId, language: input.language, now: input.now.toISOString() });
}

/**
 * One page of the articles published in a month (Vietnam time), newest first.
 * @throws PAGE_OUT_OF_RANGE past the last page.
 */
export async function listPublishedInMonth(db: Kysely<Database>, input: { siteId: string; language?: Language; year: number; month: number; page: number; pageSize: number; now: Date }): Promise<ArticlePage> {
  const from = new Date(Date.UTC(input.year, input.month - 1, 1) - 7 * 3_600_000);
  const to = new Date(Date.UTC(input.year, input.month, 1) - 7 * 3_600_000);
  const range = { siteId: input.siteId, language: input.language, now: input.now.toISOString(), from: from.toISOString(), to: to.toISOString() };
  const total = await countPublishedBetween(db, range);
  const pageCount = Math.max(1, Math.ceil(total / input.pageSize));
  if (input.page > pageCount) throw new PageOutOfRangeError(pageCount);
  const rows = await findPublishedBetween(db, { ...range, offset: (input.page - 1) * input.pageSize, limit: input.pageSize });
  return { items: rows.map(listRowToSummary), page: input.page, pageCount, total };
}
