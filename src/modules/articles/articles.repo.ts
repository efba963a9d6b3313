import { PostgresAdapter, sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolationOf, type UniqueKey } from '../../platform/db/db-errors.js';
import { DEFAULT_LANGUAGE, type Language } from '../../platform/i18n/languages.js';
import type { ArticleGalleryTable, ArticlesTable } from './articles.table.js';

export type ArticleRow = Selectable<ArticlesTable>;

/** Columns a list needs: no body, which can be large. */
const LIST_COLUMNS = ['articles.id', 'articles.category_id', 'articles.slug', 'articles.title', 'articles.lead', 'articles.cover_media_id', 'articles.published_at', 'articles.is_featured', 'articles.language'] as const;
export type ArticleListRow = Pick<ArticleRow, 'id' | 'category_id' | 'slug' | 'title' | 'lead' | 'cover_media_id' | 'published_at' | 'is_featured' | 'language'>;

const ARTICLE_SLUG_KEY: UniqueKey = { constraint: 'articles_site_slug_unique', table: 'articles', columns: ['site_id', 'slug'] };

/** Slugs of the site equal to `base` or of the form `base-…`, to pick a free one from. */
export async function findSlugsLike(db: Kysely<Database>, input: { siteId: string; base: string }): Promise<Set<string>> {
  const rows = await db
    .selectFrom('articles')
    .select('slug')
    .where('site_id', '=', input.siteId)
    .where((eb) => eb.or([eb('slug', '=', input.base), eb('slug', 'like', `${input.base}-%`)]))
    .execute();
  return new Set(rows.map((r) => r.slug));
}

/**
 * Inserts the article and its gallery, or nothing and returns false when another article
 * of the site already has this slug. Runs inside a savepoint: on PostgreSQL a failed
 * statement aborts the whole transaction, and the caller (perhaps the demo install, with
 * its own long transaction) must be able to try another slug in the same one.
 */
export async function insertArticleUnlessSlugTaken(trx: Kysely<Database>, row: ArticleRow, gallery: ArticleGalleryTable[]): Promise<boolean> {
  await sql`savepoint insert_article`.execute(trx);
  try {
    await trx.insertInto('articles').values(row).execute();
    if (gallery.length > 0) await trx.insertInto('article_gallery').values(gallery).execute();
  } catch (error) {
    await sql`rollback to savepoint insert_article`.execute(trx);
    await sql`release savepoint insert_article`.execute(trx);
    if (isUniqueViolationOf(error, ARTICLE_SLUG_KEY)) return false;
    throw error;
  }
  await sql`release savepoint insert_article`.execute(trx);
  return true;
}

/** One published article by its slug or its id. */
export function findPublishedArticle(db: Kysely<Database>, input: { siteId: string; language?: Language; now: string } & ({ slug: string } | { id: string })) {
  return db
    .selectFrom('articles')
    .leftJoin('users', 'users.id', 'articles.posted_by')
    .selectAll('articles')
    .select('users.display_name as posted_by_name')
    .where('articles.site_id', '=', input.siteId)
    .where('slug' in input ? 'articles.slug' : 'articles.id', '=', 'slug' in input ? input.slug : input.id)
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', input.now)
    .where('articles.language', '=', input.language ?? DEFAULT_LANGUAGE)
    .executeTakeFirst();
}

/**
 * The published article in `language` linked to this one as its translation: one that
 * translates it, or the one it translates (translations point at their original).
 */
export function findPublishedTranslation(db: Kysely<Database>, input: { siteId: string; now: string; language: Language; articleId: string; translationOf: string | null }) {
  return published(db, input.siteId, input.now, input.language)
    .select(['articles.id', 'articles.slug', 'articles.category_id', 'articles.title'])
    .where((eb) => {
      const links = [eb('articles.translation_of', '=', input.articleId)];
      if (input.translationOf) links.push(eb('articles.id', '=', input.translationOf), eb('articles.translation_of', '=', input.translationOf));
      return eb.or(links);
    })
    .where('articles.id', '!=', input.articleId)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id')
    .executeTakeFirst();
}

/** Published articles newest first, after a keyset cursor (publication time, id). */
export function findPublishedAfter(
  db: Kysely<Database>,
  input: { siteId: string; language?: Language; now: string; categoryIds?: string[]; from?: string; to?: string; isFeaturedOnly?: boolean; after?: { publishedAt: string; id: string }; limit: number },
): Promise<ArticleListRow[]> {
  let query = published(db, input.siteId, input.now, input.language).select(LIST_COLUMNS);
  if (input.categoryIds) query = query.where('articles.category_id', 'in', input.categoryIds.length ? input.categoryIds : ['']);
  if (input.from) query = query.where('articles.published_at', '>=', input.from);
  if (input.to) query = query.where('articles.published_at', '<', input.to);
  if (input.isFeaturedOnly) query = query.where('articles.is_featured', '=', 1);
  const after = input.after;
  if (after) query = query.where((eb) => eb.or([eb('articles.published_at', '<', after.publishedAt), eb.and([eb('articles.published_at', '=', after.publishedAt), eb('articles.id', '>', after.id)])]));
  return query.orderBy('articles.published_at', 'desc').orderBy('articles.id').limit(input.limit).execute();
}

export function findGalleryItems(db: Kysely<Database>, articleId: string): Promise<ArticleGalleryTable[]> {
  return db.selectFrom('article_gallery').selectAll().where('article_id', '=', articleId).orderBy('position').execute();
}

/** The published articles of one language of a site: Vietnamese pages never list English articles, nor the reverse. */
function published(db: Kysely<Database>, siteId: string, now: string, language: Language = DEFAULT_LANGUAGE) {
  return db
    .selectFrom('articles')
    .where('articles.site_id', '=', siteId)
    .where('articles.status', '=', 'published')
    .where('articles.published_at', '<=', now)
    .where('articles.language', '=', language);
}

export function findPublishedInCategories(db: Kysely<Database>, input: { siteId: string; language?: Language; categoryIds: string[]; now: string; offset: number; limit: number; excludeId?: string }): Promise<ArticleListRow[]> {
  let query = published(db, input.siteId, input.now, input.language).select(LIST_COLUMNS).where('articles.category_id', 'in', input.categoryIds);
  if (input.excludeId) query = query.where('articles.id', '!=', input.excludeId);
  return query.orderBy('articles.published_at', 'desc').orderBy('articles.id').offset(input.offset).limit(input.limit).execute();
}

export async function countPublishedInCategories(db: Kysely<Database>, input: { siteId: string; language?: Language; categoryIds: string[]; now: string }): Promise<number> {
  const row = await published(db, input.siteId, input.now, input.language)
    .where('articles.category_id', 'in', input.categoryIds)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function findLatestPublished(db: Kysely<Database>, input: { siteId: string; language?: Language; now: string; limit: number; isFeaturedOnly?: boolean }): Promise<ArticleListRow[]> {
  let query = published(db, input.siteId, input.now, input.language).select(LIST_COLUMNS);
  if (input.isFeaturedOnly) query = query.where('articles.is_featured', '=', 1);
  return query.orderBy('articles.published_at', 'desc').orderBy('articles.id').limit(input.limit).execute();
}

/**
 * The latest `perGroup` articles of each group of categories, in one query whatever the
 * number of groups: the latest `perGroup` of every category involved (a window function;
 * SQLite ≥ 3.25 and PostgreSQL both have it), merged per group here. A group's newest
 * articles are always among its categories' newest, and a category may be in many groups.
 */
export async function findLatestPerCategoryGroup(
  db: Kysely<Database>,
  input: { siteId: string; language?: Language; now: string; groups: Map<string, string[]>; perGroup: number },
): Promise<Map<string, ArticleListRow[]>> {
  const categoryIds = [...new Set([...input.groups.values()].flat())];
  const byCategory = new Map<string, ArticleListRow[]>();
  if (categoryIds.length > 0) {
    const ranked = published(db, input.siteId, input.now, input.language)
      .where('articles.category_id', 'in', categoryIds)
      .select(LIST_COLUMNS)
      .select(sql<number>`row_number() over (partition by articles.category_id order by articles.published_at desc, articles.id)`.as('rank'));
    const rows = await db.selectFrom(ranked.as('ranked')).selectAll().where('rank', '<=', input.perGroup).execute();
    for (const { rank: _rank, ...row } of rows) byCategory.set(row.category_id, [...(byCategory.get(row.category_id) ?? []), row]);
  }
  const newestFirst = (a: ArticleListRow, b: ArticleListRow) => (b.published_at ?? '').localeCompare(a.published_at ?? '') || a.id.localeCompare(b.id);
  return new Map(
    [...input.groups].map(([group, ids]) => [group, ids.flatMap((id) => byCategory.get(id) ?? []).sort(newestFirst).slice(0, input.perGroup)]),
  );
}

/** Published articles for a sitemap: just what a URL and its lastmod need, oldest first, a slice at a time. */
export function findPublishedLinks(db: Kysely<Database>, input: { siteId: string; language?: Language; now: string; offset: number; limit: number }) {
  return published(db, input.siteId, input.now, input.language)
    .select(['articles.id', 'articles.slug', 'articles.category_id', 'articles.updated_at', 'articles.published_at'])
    .orderBy('articles.published_at')
    .orderBy('articles.id')
    .offset(input.offset)
    .limit(input.limit)
    .execute();
}

export async function countPublished(db: Kysely<Database>, input: { siteId: string; language?: Language; now: string }): Promise<number> {
  const row = await published(db, input.siteId, input.now, input.language).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Published articles carrying a tag (by its slug), newest first. */
export function findPublishedWithTag(db: Kysely<Database>, input: { siteId: string; language?: Language; now: string; tagSlug: string; offset: number; limit: number }): Promise<ArticleListRow[]> {
  return published(db, input.siteId, input.now, input.language)
    .innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
    .where('article_tags.slug', '=', input.tagSlug)
    .select(LIST_COLUMNS)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id')
    .offset(input.offset)
    .limit(input.limit)
    .execute();
}

export async function countPublishedWithTag(db: Kysely<Database>, input: { siteId: string; language?: Language; now: string; tagSlug: string }): Promise<{ count: number; name: string | null }> {
  const row = await published(db, input.siteId, input.now, input.language)
    .innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
    .where('article_tags.slug', '=', input.tagSlug)
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('article_tags.name').as('name')])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), name: (row.name as string | null) ?? null };
}

/** Published articles sharing tags with one, most shared tags first, then newest. */
export function findRelatedByTags(db: Kysely<Database>, input: { siteId: string; language?: Language; now: string; articleId: string; tagSlugs: string[]; limit: number }): Promise<ArticleListRow[]> {
  if (input.tagSlugs.length === 0) return Promise.resolve([]);
  return published(db, input.siteId, input.now, input.language)
    .innerJoin('article_tags', 'article_tags.article_id', 'articles.id')
    .where('article_tags.slug', 'in', input.tagSlugs)
    .where('articles.id', '!=', input.articleId)
    .select(LIST_COLUMNS)
    .groupBy(LIST_COLUMNS)
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id')
    .limit(input.limit)
    .execute();
}

/** How many articles were published each month, in Vietnam time (UTC+7 all year), newest month first. */
export async function countPublishedByMonth(db: Kysely<Database>, input: { siteId: string; language?: Language; now: string }): Promise<{ month: string; count: number }[]> {
  const month = db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<string>`to_char(articles.published_at::timestamptz at time zone 'Asia/Ho_Chi_Minh', 'YYYY-MM')`
    : sql<string>`strftime('%Y-%m', articles.published_at, '+7 hours')`;
  const rows = await published(db, input.siteId, input.now, input.language)
    .select([month.as('month'), (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(month)
    .orderBy(month, 'desc')
    .execute();
  return rows.map((row) => ({ month: row.month, count: Number(row.n) }));
}

/** Published articles with a publication time in [from, to), newest first. */
export function findPublishedBetween(db: Kysely<Database>, input: { siteId: string; language?: Language; now: string; from: string; to: string; offset: number; limit: number }): Promise<ArticleListRow[]> {
  return published(db, input.siteId, input.now, input.language)
    .where('articles.published_at', '>=', input.from)
    .where('articles.published_at', '<', input.to)
    .select(LIST_COLUMNS)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id')
    .offset(input.offset)
    .limit(input.limit)
    .execute();
}

export async function countPublishedBetween(db: Kysely<Database>, input: { siteId: string; language?: Language; now: string; from: string; to: string }): Promise<number> {
  const row = await published(db, input.siteId, input.now, input.language)
    .where('articles.published_at', '>=', input.from)
    .where('articles.published_at', '<', input.to)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
