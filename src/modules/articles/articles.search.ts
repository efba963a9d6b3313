/**
 * Articles as search records. Search knows no content module: articles hand it what a
 * reader may find (the public version of a published article: title, lead and body as
 * plain text) and tell it when that changes.
 *
 * Scheduled articles (published, publication time in the future) are indexed too:
 * search shows a record only once its publishedAt has passed, so they appear on time
 * without another write.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { findDocumentTexts, type DocumentText } from '../media/index.js';
import { pagesById, removeSearchRecord, upsertSearchRecord, type SearchRecord, type SearchSource } from '../search/index.js';
import { htmlToPlainText, linkedMediaIds } from './sanitize-body.js';

export const ARTICLE_SEARCH_TYPE = 'article';

/** The columns a search record is made of. */
export interface ArticleSearchRow {
  id: string;
  site_id: string;
  title: string;
  lead: string;
  body_html: string;
  slug: string;
  category_id: string;
  /** The path of the article's category (its URL is /<path>/<slug>, under /en for English). */
  category_path: string | null;
  published_at: string | null;
  language: string;
}

/** The search record of a published article, with the text of the documents its body links to. */
export function articleSearchRecord(row: ArticleSearchRow, documents: ReadonlyMap<string, DocumentText> = new Map()): SearchRecord {
  const attachments = linkedMediaIds(row.body_html).flatMap((id) => {
    const document = documents.get(id);
    return document?.text ? [{ name: document.name, url: document.url, text: document.text }] : [];
  });
  return {
    siteId: row.site_id,
    type: ARTICLE_SEARCH_TYPE,
    id: row.id,
    title: row.title,
    text: [row.lead, htmlToPlainText(row.body_html)].filter(Boolean).join('\n'),
    url: `${row.language === 'en' ? '/en' : ''}/${row.category_path ?? ''}/${row.slug}`.replace(/\/\/+/, '/'),
    publishedAt: row.published_at ?? '',
    categoryId: row.category_id,
    language: row.language === 'en' ? 'en' : 'vi',
    attachments,
  };
}

/** The linked documents of some articles, in one query. */
async function documentsOf(db: Kysely<Database>, siteId: string, rows: ArticleSearchRow[]): Promise<Map<string, DocumentText>> {
  const ids = [...new Set(rows.flatMap((row) => linkedMediaIds(row.body_html)))];
  const documents = await findDocumentTexts(db, { siteId, mediaIds: ids });
  return new Map(documents.map((d) => [d.id, d]));
}

function publishedRows(db: Kysely<Database>, siteId: string) {
  return db
    .selectFrom('articles')
    .leftJoin('categories', 'categories.id', 'articles.category_id')
    .select(['articles.id', 'articles.site_id', 'articles.title', 'articles.lead', 'articles.body_html', 'articles.slug', 'articles.category_id', 'articles.published_at', 'articles.language', 'categories.path as category_path'])
    .where('articles.site_id', '=', siteId)
    .where('articles.status', '=', 'published')
    .where('articles.published_at', 'is not', null);
}


/** Every published article of a site, for `cong reindex`. */
export const articlesSearchSource: SearchSource = {
  type: ARTICLE_SEARCH_TYPE,
  label: 'Tin bài',

  async countRecords(db, siteId) {
    const row = await db
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', siteId)
      .where('status', '=', 'published')
      .where('published_at', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async *listRecords(db, siteId) {
    for await (const rows of pagesById((after, limit) => publishedRows(db, siteId).where('articles.id', '>', after).orderBy('articles.id').limit(limit).execute())) {
      const documents = await documentsOf(db, siteId, rows);
      for (const row of rows) yield articleSearchRecord(row, documents);
    }
  },
};

/**
 * Brings the index in line with an article as it now is: indexed when published (its
 * public version), removed otherwise. Call it in the transaction of every change to
 * what the public sees (publish, unpublish, archive, create as published, delete).
 */
export async function syncArticleSearch(db: Kysely<Database>, input: { siteId: string; articleId: string }): Promise<void> {
  const row = await publishedRows(db, input.siteId).where('articles.id', '=', input.articleId).executeTakeFirst();
  if (row) await upsertSearchRecord(db, articleSearchRecord(row, await documentsOf(db, input.siteId, [row])));
  else await removeSearchRecord(db, { siteId: input.siteId, type: ARTICLE_SEARCH_TYPE, id: input.articleId });
}
