/**
 * Procedures as search records: the name is the title; the text holds what a citizen
 * types to find one — its mã thủ tục (so "2.000286" finds it), lĩnh vực, cơ quan thực
 * hiện, the documents to bring, thời hạn and phí; the attached forms' text is the record's
 * attachments. Only published procedures are records.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { findDocumentTexts } from '../media/index.js';
import { pagesById, removeSearchRecord, upsertSearchRecord, type SearchRecord, type SearchSource } from '../search/index.js';
import { documentLine } from './procedure-rules.js';

export const PROCEDURE_SEARCH_TYPE = 'procedure';
export const PROCEDURE_SEARCH_LABEL = 'Thủ tục hành chính';
export const PROCEDURES_PATH = '/thu-tuc-hanh-chinh';

export interface ProcedureSearchRow {
  id: string;
  site_id: string;
  code: string;
  name: string;
  slug: string;
  agency: string;
  time_limit: string;
  fee: string;
  result: string;
  published_at: string | null;
  field_name: string | null;
}

export function procedureSearchRecord(row: ProcedureSearchRow, documents: { name: string; originals: number; copies: number }[], attachments: SearchRecord['attachments'] = []): SearchRecord {
  const facts = [
    row.code && `Mã thủ tục: ${row.code}`,
    row.field_name && `Lĩnh vực: ${row.field_name}`,
    row.agency && `Cơ quan thực hiện: ${row.agency}`,
    documents.length > 0 && `Thành phần hồ sơ: ${documents.map(documentLine).join('; ')}`,
    row.time_limit && `Thời hạn giải quyết: ${row.time_limit}`,
    row.fee && `Phí, lệ phí: ${row.fee}`,
    row.result && `Kết quả: ${row.result}`,
  ].filter(Boolean);
  return {
    siteId: row.site_id,
    type: PROCEDURE_SEARCH_TYPE,
    id: row.id,
    title: row.name,
    text: facts.join('\n'),
    url: `${PROCEDURES_PATH}/${row.slug}`,
    publishedAt: row.published_at ?? '',
    categoryId: null,
    language: 'vi',
    attachments,
  };
}

function publishedRows(db: Kysely<Database>, siteId: string) {
  return db
    .selectFrom('procedures as p')
    .leftJoin('procedure_fields as f', 'f.id', 'p.field_id')
    .select(['p.id', 'p.site_id', 'p.code', 'p.name', 'p.slug', 'p.agency', 'p.time_limit', 'p.fee', 'p.result', 'p.published_at', 'f.name as field_name'])
    .where('p.site_id', '=', siteId)
    .where('p.publication', '=', 'published')
    .where('p.published_at', 'is not', null);
}

function documentsOf(db: Kysely<Database>, procedureId: string) {
  return db.selectFrom('procedure_documents').select(['name', 'originals', 'copies']).where('procedure_id', '=', procedureId).orderBy('position').execute();
}

async function attachmentsOf(db: Kysely<Database>, siteId: string, procedureId: string): Promise<NonNullable<SearchRecord['attachments']>> {
  const rows = await db.selectFrom('procedure_attachments').select('media_id').where('procedure_id', '=', procedureId).orderBy('position').execute();
  if (!rows.length) return [];
  const texts = await findDocumentTexts(db, { siteId, mediaIds: rows.map((r) => r.media_id) });
  return texts.map((t) => ({ name: t.name, url: t.url, text: t.text }));
}

/** Every published procedure of a site, for `cong reindex`. */
export const publicServicesSearchSource: SearchSource = {
  type: PROCEDURE_SEARCH_TYPE,
  label: PROCEDURE_SEARCH_LABEL,

  async countRecords(db, siteId) {
    const row = await db
      .selectFrom('procedures')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', siteId)
      .where('publication', '=', 'published')
      .where('published_at', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  async *listRecords(db, siteId) {
    for await (const rows of pagesById((after, limit) => publishedRows(db, siteId).where('p.id', '>', after).orderBy('p.id').limit(limit).execute())) {
      for (const row of rows) yield procedureSearchRecord(row, await documentsOf(db, row.id), await attachmentsOf(db, siteId, row.id));
    }
  },
};

/**
 * Brings the index in line with a procedure as it now is: its record when published,
 * none otherwise. Call it in the transaction of every change readers may see.
 */
export async function syncProcedureSearch(db: Kysely<Database>, input: { siteId: string; procedureId: string }): Promise<void> {
  const row = await publishedRows(db, input.siteId).where('p.id', '=', input.procedureId).executeTakeFirst();
  if (row) await upsertSearchRecord(db, procedureSearchRecord(row, await documentsOf(db, row.id), await attachmentsOf(db, input.siteId, row.id)));
  else await removeSearchRecord(db, { siteId: input.siteId, type: PROCEDURE_SEARCH_TYPE, id: input.procedureId });
}
