/**
 * Legal documents as search records. The number is in the title ("Nghị định
 * 75/2021/NĐ-CP: Quy định mức hưởng…"), so the site search finds "75/2021", "nd-cp" or
 * "nđ cp" like any other word; the attached files' extracted text is the record's
 * attachments. Only published documents are records.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { htmlToPlainText } from '../articles/index.js';
import { findDocumentTexts } from '../media/index.js';
import { pagesById, removeSearchRecord, upsertSearchRecord, type SearchRecord, type SearchSource } from '../search/index.js';

export const DOCUMENT_SEARCH_TYPE = 'document';
export const DOCUMENTS_PATH = '/van-ban';

export interface DocumentSearchRow {
  id: string;
  site_id: string;
  number: string;
  slug: string;
  summary: string;
  body_html: string;
  issuer: string;
  signer: string;
  published_at: string | null;
  type_name: string | null;
  field_name: string | null;
}

/** The title readers see in search results: "Nghị định 75/2021/NĐ-CP: <trích yếu>". */
export function documentTitle(row: { number: string; summary: string; type_name: string | null }): string {
  const head = [row.type_name, row.number].filter(Boolean).join(' ');
  return row.summary ? `${head}: ${row.summary}` : head;
}

/**
 * The record of a published document; `attachments` are its files' texts. The status is
 * not in it: it changes with the date, without a write, and the index would lag.
 */
export function documentSearchRecord(row: DocumentSearchRow, attachments: SearchRecord['attachments'] = []): SearchRecord {
  const facts = [row.issuer && `Cơ quan ban hành: ${row.issuer}`, row.signer && `Người ký: ${row.signer}`, row.field_name && `Lĩnh vực: ${row.field_name}`].filter(Boolean);
  return {
    siteId: row.site_id,
    type: DOCUMENT_SEARCH_TYPE,
    id: row.id,
    title: documentTitle(row),
    text: [...facts, htmlToPlainText(row.body_html)].filter(Boolean).join('\n'),
    url: `${DOCUMENTS_PATH}/${row.slug}`,
    publishedAt: row.published_at ?? '',
    categoryId: null,
    language: 'vi',
    attachments,
  };
}

function publishedRows(db: Kysely<Database>, siteId: string) {
  return db
    .selectFrom('legal_documents as d')
    .leftJoin('document_types as t', 't.id', 'd.type_id')
    .leftJoin('document_fields as f', 'f.id', 'd.field_id')
    .select(['d.id', 'd.site_id', 'd.number', 'd.slug', 'd.summary', 'd.body_html', 'd.issuer', 'd.signer', 'd.published_at', 't.name as type_name', 'f.name as field_name'])
    .where('d.site_id', '=', siteId)
    .where('d.publication', '=', 'published')
    .where('d.published_at', 'is not', null);
}

async function attachmentsOf(db: Kysely<Database>, siteId: string, documentId: string): Promise<NonNullable<SearchRecord['attachments']>> {
  const rows = await db.selectFrom('legal_document_attachments').select('media_id').where('document_id', '=', documentId).orderBy('position').execute();
  if (!rows.length) return [];
  const texts = await findDocumentTexts(db, { siteId, mediaIds: rows.map((r) => r.media_id) });
  return texts.map((t) => ({ name: t.name, url: t.url, text: t.text }));
}


/** Every published document of a site, for `cong reindex`. */
export const documentsSearchSource: SearchSource = {
  type: DOCUMENT_SEARCH_TYPE,
  label: 'Văn bản',

  async countRecords(db, siteId) {
    const row = await db
      .selectFrom('legal_documents')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', siteId)
      .where('publication', '=', 'published')
      .where('published_at', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async *listRecords(db, siteId) {
    for await (const rows of pagesById((after, limit) => publishedRows(db, siteId).where('d.id', '>', after).orderBy('d.id').limit(limit).execute())) {
      for (const row of rows) yield documentSearchRecord(row, await attachmentsOf(db, siteId, row.id));
    }
  },
};

/**
 * Brings the index in line with a document as it now is: its record when published,
 * none otherwise. Call it in the transaction of every change to a document readers see.
 */
export async function syncDocumentSearch(db: Kysely<Database>, input: { siteId: string; documentId: string }): Promise<void> {
  const row = await publishedRows(db, input.siteId).where('d.id', '=', input.documentId).executeTakeFirst();
  if (row) await upsertSearchRecord(db, documentSearchRecord(row, await attachmentsOf(db, input.siteId, row.id)));
  else await removeSearchRecord(db, { siteId: input.siteId, type: DOCUMENT_SEARCH_TYPE, id: input.documentId });
}
