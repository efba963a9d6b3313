import { PostgresAdapter, sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { MediaTable } from './media.table.js';

/** Every column but a document's text (up to a million characters), which only search reads (document-texts.ts). */
const MEDIA_COLUMNS = ['id', 'site_id', 'kind', 'storage_key', 'mime', 'width', 'height', 'bytes', 'alt', 'caption', 'variants', 'created_at', 'original_name', 'uploaded_by'] as const;

export type MediaRow = Pick<Selectable<MediaTable>, (typeof MEDIA_COLUMNS)[number]>;

export async function insertMedia(db: Kysely<Database>, row: MediaRow & { text_content: string }): Promise<void> {
  await db.insertInto('media').values(row).execute();
}

export function findMediaByIds(db: Kysely<Database>, siteId: string, ids: string[]): Promise<MediaRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('media').select(MEDIA_COLUMNS).where('site_id', '=', siteId).where('id', 'in', ids).execute();
}

export function findMediaById(db: Kysely<Database>, input: { siteId: string; mediaId: string }): Promise<MediaRow | undefined> {
  return db.selectFrom('media').select(MEDIA_COLUMNS).where('id', '=', input.mediaId).where('site_id', '=', input.siteId).executeTakeFirst();
}

/**
 * The same, locking the row on PostgreSQL until the transaction ends: a reference to it
 * inserted meanwhile (which takes a key-share lock for its foreign key) waits, so the
 * usage read after this sees everything. SQLite's BEGIN IMMEDIATE already serialises writers.
 */
export function lockMediaById(trx: Kysely<Database>, input: { siteId: string; mediaId: string }): Promise<MediaRow | undefined> {
  const query = trx.selectFrom('media').select(MEDIA_COLUMNS).where('id', '=', input.mediaId).where('site_id', '=', input.siteId);
  return (trx.getExecutor().adapter instanceof PostgresAdapter ? query.forUpdate() : query).executeTakeFirst();
}

/** What a download needs, by primary key: one indexed lookup. */
export function findDownloadById(db: Kysely<Database>, mediaId: string): Promise<Pick<MediaRow, 'kind' | 'original_name'> | undefined> {
  return db.selectFrom('media').select(['kind', 'original_name']).where('id', '=', mediaId).executeTakeFirst();
}

function siteMedia(db: Kysely<Database>, input: { siteId: string; kind?: string }) {
  let query = db.selectFrom('media').where('site_id', '=', input.siteId);
  if (input.kind) query = query.where('kind', '=', input.kind);
  return query;
}

export async function countMedia(db: Kysely<Database>, input: { siteId: string; kind?: string }): Promise<number> {
  const row = await siteMedia(db, input)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Newest first; the id breaks ties so pages never overlap. */
export function findMediaPage(db: Kysely<Database>, input: { siteId: string; kind?: string; offset: number; limit: number }): Promise<MediaRow[]> {
  return siteMedia(db, input).select(MEDIA_COLUMNS).orderBy('created_at', 'desc').orderBy('id', 'desc').offset(input.offset).limit(input.limit).execute();
}

export type MediaSearchRow = Pick<MediaRow, 'id' | 'original_name' | 'alt' | 'caption'>;

/**
 * Rows whose name, alt or caption matches every LIKE pattern (lower-cased, so ASCII
 * letters in the patterns match either case on both engines), newest first. The
 * patterns over-approximate the search (see media-library.ts), so only the short text
 * columns are read.
 */
export function findMediaSearchCandidates(db: Kysely<Database>, input: { siteId: string; kind?: string; patterns: string[] }): Promise<MediaSearchRow[]> {
  let query = siteMedia(db, input).select(['id', 'original_name', 'alt', 'caption']);
  for (const pattern of input.patterns) {
    query = query.where(sql<boolean>`(lower(original_name) like ${pattern} or lower(alt) like ${pattern} or lower(caption) like ${pattern})`);
  }
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}

export async function updateMediaText(db: Kysely<Database>, input: { siteId: string; mediaId: string; alt: string; caption: string }): Promise<boolean> {
  const result = await db.updateTable('media').set({ alt: input.alt, caption: input.caption }).where('id', '=', input.mediaId).where('site_id', '=', input.siteId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteMediaRow(db: Kysely<Database>, mediaId: string): Promise<void> {
  await db.deleteFrom('media').where('id', '=', mediaId).execute();
}

/*
 * Where a file is used. These read other modules' tables: the references point at media,
 * and the media library is what has to answer "where is this used?" before a delete.
 * Foreign-key references (cover, gallery, banner) are looked up whatever the site, since
 * any of them would block the delete; text references (body, pending edit, logo) within it.
 */

export interface ArticleReference {
  articleId: string;
  articleTitle: string;
}

export function findCoverReferences(db: Kysely<Database>, mediaId: string): Promise<ArticleReference[]> {
  return db.selectFrom('articles').select(['id as articleId', 'title as articleTitle']).where('cover_media_id', '=', mediaId).orderBy('title').execute();
}

export function findGalleryReferences(db: Kysely<Database>, mediaId: string): Promise<ArticleReference[]> {
  return db
    .selectFrom('article_gallery')
    .innerJoin('articles', 'articles.id', 'article_gallery.article_id')
    .select(['articles.id as articleId', 'articles.title as articleTitle'])
    .where('article_gallery.media_id', '=', mediaId)
    .groupBy(['articles.id', 'articles.title'])
    .orderBy('articles.title')
    .execute();
}

/** Inline images are `<img data-media-id="<id>">` in the sanitised body (articles/sanitize-body.ts). */
export function findBodyReferences(db: Kysely<Database>, input: { siteId: string; mediaId: string }): Promise<ArticleReference[]> {
  return db
    .selectFrom('articles')
    .select(['id as articleId', 'title as articleTitle'])
    .where('site_id', '=', input.siteId)
    .where('body_html', 'like', `%data-media-id="${input.mediaId}"%`)
    .orderBy('title')
    .execute();
}

/** A published article's edit in progress keeps its content in a revision's JSON snapshot. */
export function findPendingEditReferences(db: Kysely<Database>, input: { siteId: string; mediaId: string }): Promise<ArticleReference[]> {
  return db
    .selectFrom('articles')
    .innerJoin('article_revisions', 'article_revisions.id', 'articles.pending_revision_id')
    .select(['articles.id as articleId', 'articles.title as articleTitle'])
    .where('articles.site_id', '=', input.siteId)
    .where('article_revisions.snapshot', 'like', `%${input.mediaId}%`)
    .orderBy('articles.title')
    .execute();
}

export function findBannerReferences(db: Kysely<Database>, mediaId: string): Promise<Array<{ bannerId: string; label: string }>> {
  return db.selectFrom('banners').select(['id as bannerId', 'title as label']).where('media_id', '=', mediaId).orderBy('title').execute();
}

export function findLogoReferences(db: Kysely<Database>, input: { siteId: string; mediaId: string }): Promise<Array<{ siteId: string; label: string }>> {
  return db.selectFrom('sites').select(['id as siteId', 'name as label']).where('id', '=', input.siteId).where('logo_media_id', '=', input.mediaId).execute();
}

export async function clearCoverReferences(trx: Kysely<Database>, input: { mediaId: string; now: Date }): Promise<void> {
  await trx.updateTable('articles').set({ cover_media_id: null, updated_at: input.now.toISOString() }).where('cover_media_id', '=', input.mediaId).execute();
}

export async function deleteGalleryReferences(trx: Kysely<Database>, mediaId: string): Promise<void> {
  await trx.deleteFrom('article_gallery').where('media_id', '=', mediaId).execute();
}
