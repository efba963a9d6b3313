/**
 * Projects and notices as search records: the name is the title; the text holds what
 * readers type to find one (its kind, owner, place, funding, sum, winner and description)
 * and the attached files' extracted text. The status is not in it: a tender closes with
 * the clock, without a write, and the index would lag. Only published items are records.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { htmlToPlainText } from '../articles/index.js';
import { findDocumentTexts } from '../media/index.js';
import { pagesById, removeSearchRecord, upsertSearchRecord, type SearchRecord, type SearchSource } from '../search/index.js';
import { formatMoney, isProjectKind, KIND_WORDS, PROJECT_KIND_LABELS } from './project-rules.js';

export const PROJECT_SEARCH_TYPE = 'project';
export const PROJECTS_PATH = '/du-an-dau-thau';

export interface ProjectSearchRow {
  id: string;
  site_id: string;
  kind: string;
  name: string;
  slug: string;
  owner: string;
  budget: number | string | null;
  funding_source: string;
  location: string;
  winner: string;
  description_html: string;
  published_at: string | null;
}

export function projectSearchRecord(row: ProjectSearchRow, attachments: SearchRecord['attachments'] = []): SearchRecord {
  const kind = isProjectKind(row.kind) ? row.kind : 'project';
  const words = KIND_WORDS[kind];
  const facts = [
    PROJECT_KIND_LABELS[kind],
    row.owner && `${words.owner}: ${row.owner}`,
    row.location && `Địa điểm: ${row.location}`,
    row.funding_source && `Nguồn vốn: ${row.funding_source}`,
    row.budget !== null && `${words.budget}: ${formatMoney(Number(row.budget))}`,
    row.winner && `Nhà thầu trúng thầu: ${row.winner}`,
  ].filter(Boolean);
  return {
    siteId: row.site_id,
    type: PROJECT_SEARCH_TYPE,
    id: row.id,
    title: row.name,
    text: [...facts, htmlToPlainText(row.description_html)].filter(Boolean).join('\n'),
    url: `${PROJECTS_PATH}/${row.slug}`,
    publishedAt: row.published_at ?? '',
    categoryId: null,
    language: 'vi',
    attachments,
  };
}

function publishedRows(db: Kysely<Database>, siteId: string) {
  return db
    .selectFrom('projects')
    .select(['id', 'site_id', 'kind', 'name', 'slug', 'owner', 'budget', 'funding_source', 'location', 'winner', 'description_html', 'published_at'])
    .where('site_id', '=', siteId)
    .where('publication', '=', 'published')
    .where('published_at', 'is not', null);
}

async function attachmentsOf(db: Kysely<Database>, siteId: string, projectId: string): Promise<NonNullable<SearchRecord['attachments']>> {
  const rows = await db.selectFrom('project_attachments').select('media_id').where('project_id', '=', projectId).orderBy('position').execute();
  if (!rows.length) return [];
  const texts = await findDocumentTexts(db, { siteId, mediaIds: rows.map((r) => r.media_id) });
  return texts.map((t) => ({ name: t.name, url: t.url, text: t.text }));
}

/** Every published item of a site, for `cong reindex`. */
export const projectsSearchSource: SearchSource = {
  type: PROJECT_SEARCH_TYPE,
  label: 'Dự án, đấu thầu',

  async countRecords(db, siteId) {
    const row = await db
      .selectFrom('projects')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('site_id', '=', siteId)
      .where('publication', '=', 'published')
      .where('published_at', 'is not', null)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },

  // Pages by id (keyset), never a cursor held open: the reindex writes between pages.
  async *listRecords(db, siteId) {
    for await (const rows of pagesById((after, limit) => publishedRows(db, siteId).where('id', '>', after).orderBy('id').limit(limit).execute())) {
      for (const row of rows) yield projectSearchRecord(row, await attachmentsOf(db, siteId, row.id));
    }
  },
};

/**
 * Brings the index in line with an item as it now is: its record when published, none
 * otherwise. Call it in the transaction of every change readers may see.
 */
export async function syncProjectSearch(db: Kysely<Database>, input: { siteId: string; projectId: string }): Promise<void> {
  const row = await publishedRows(db, input.siteId).where('id', '=', input.projectId).executeTakeFirst();
  if (row) await upsertSearchRecord(db, projectSearchRecord(row, await attachmentsOf(db, input.siteId, row.id)));
  else await removeSearchRecord(db, { siteId: input.siteId, type: PROJECT_SEARCH_TYPE, id: input.projectId });
}
