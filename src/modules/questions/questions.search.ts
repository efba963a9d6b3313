/** Published Q&A as search records: the published title; the question and the answer as text. */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { htmlToPlainText } from '../articles/sanitize-body.js';
import { pagesById, removeSearchRecord, upsertSearchRecord, type SearchRecord, type SearchSource } from '../search/index.js';

export const QUESTION_SEARCH_TYPE = 'question';
export const QUESTIONS_PATH = '/hoi-dap';

interface Row {
  id: string;
  site_id: string;
  slug: string | null;
  public_title: string;
  public_body: string;
  answer_html: string;
  published_at: string | null;
}

function recordOf(row: Row): SearchRecord {
  return {
    siteId: row.site_id,
    type: QUESTION_SEARCH_TYPE,
    id: row.id,
    title: row.public_title,
    text: `${row.public_body}\n${htmlToPlainText(row.answer_html)}`,
    url: `${QUESTIONS_PATH}/${row.slug}`,
    publishedAt: row.published_at ?? '',
    categoryId: null,
    language: 'vi',
    attachments: [],
  };
}

function publishedRows(db: Kysely<Database>, siteId: string) {
  return db
    .selectFrom('questions')
    .select(['id', 'site_id', 'slug', 'public_title', 'public_body', 'answer_html', 'published_at'])
    .where('site_id', '=', siteId)
    .where('publication', '=', 'published')
    .where('slug', 'is not', null);
}

export const questionsSearchSource: SearchSource = {
  type: QUESTION_SEARCH_TYPE,
  label: 'Hỏi đáp',
  async countRecords(db, siteId) {
    const row = await db.selectFrom('questions').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', siteId).where('publication', '=', 'published').executeTakeFirstOrThrow();
    return Number(row.n);
  },
  async *listRecords(db, siteId) {
    for await (const rows of pagesById((after, limit) => publishedRows(db, siteId).where('id', '>', after).orderBy('id').limit(limit).execute())) {
      for (const row of rows) yield recordOf(row);
    }
  },
};

/** Its record when published, none otherwise. Call it in the transaction of every change readers may see. */
export async function syncQuestionSearch(db: Kysely<Database>, input: { siteId: string; questionId: string }): Promise<void> {
  const row = await publishedRows(db, input.siteId).where('id', '=', input.questionId).executeTakeFirst();
  if (row) await upsertSearchRecord(db, recordOf(row));
  else await removeSearchRecord(db, { siteId: input.siteId, type: QUESTION_SEARCH_TYPE, id: input.questionId });
}
