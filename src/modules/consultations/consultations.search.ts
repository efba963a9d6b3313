/** Published consultations as search records: title, issuing unit, summary, and the report once published. */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { htmlToPlainText } from '../articles/sanitize-body.js';
import { pagesById, removeSearchRecord, upsertSearchRecord, type SearchRecord, type SearchSource } from '../search/index.js';

export const CONSULTATION_SEARCH_TYPE = 'consultation';
export const CONSULTATIONS_PATH = '/du-thao';

interface Row {
  id: string;
  site_id: string;
  slug: string;
  title: string;
  issuing_unit: string;
  summary_html: string;
  report_html: string;
  report_published_at: string | null;
  published_at: string | null;
}

function recordOf(row: Row): SearchRecord {
  const report = row.report_published_at ? htmlToPlainText(row.report_html) : '';
  return {
    siteId: row.site_id,
    type: CONSULTATION_SEARCH_TYPE,
    id: row.id,
    title: row.title,
    text: [row.issuing_unit, htmlToPlainText(row.summary_html), report].filter(Boolean).join('\n'),
    url: `${CONSULTATIONS_PATH}/${row.slug}`,
    publishedAt: row.published_at ?? '',
    categoryId: null,
    language: 'vi',
    attachments: [],
  };
}

function publishedRows(db: Kysely<Database>, siteId: string) {
  return db
    .selectFrom('consultations')
    .select(['id', 'site_id', 'slug', 'title', 'issuing_unit', 'summary_html', 'report_html', 'report_published_at', 'published_at'])
    .where('site_id', '=', siteId)
    .where('publication', '=', 'published');
}

export const consultationsSearchSource: SearchSource = {
  type: CONSULTATION_SEARCH_TYPE,
  label: 'Dự thảo',
  async countRecords(db, siteId) {
    const row = await db.selectFrom('consultations').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', siteId).where('publication', '=', 'published').executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async *listRecords(db, siteId) {
    for await (const rows of pagesById((after, limit) => publishedRows(db, siteId).where('id', '>', after).orderBy('id').limit(limit).execute())) {
      for (const row of rows) yield recordOf(row);
    }
  },
};

/** Its record when published, none otherwise. Call it in the transaction of every change readers may see. */
export async function syncConsultationSearch(db: Kysely<Database>, input: { siteId: string; consultationId: string }): Promise<void> {
  const row = await publishedRows(db, input.siteId).where('id', '=', input.consultationId).executeTakeFirst();
  if (row) await upsertSearchRecord(db, recordOf(row));
  else await removeSearchRecord(db, { siteId: input.siteId, type: CONSULTATION_SEARCH_TYPE, id: input.consultationId });
}
