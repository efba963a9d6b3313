/**
 * Indicators as search records: the name is the title; the text says what readers would
 * type to find it (unit, description, the districts, and each period's plan and result
 * in words: "Năm 2021: kế hoạch 5.700 người, thực hiện 6.518 người, đạt 114,35% kế
 * hoạch"). Only published indicators are records.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { pagesById, removeSearchRecord, upsertSearchRecord, type SearchRecord, type SearchSource } from '../search/index.js';
import { valueSentence } from './indicator-values.js';

export const INDICATOR_SEARCH_TYPE = 'indicator';
export const INDICATORS_PATH = '/chi-tieu';
/** Period lines in a record: the newest ones; older ones are on the page. */
const MAX_VALUE_LINES = 200;

export interface IndicatorSearchRow {
  id: string;
  site_id: string;
  slug: string;
  name: string;
  unit: string;
  description: string;
  published_at: string | null;
}

type IndicatorValueRow = Parameters<typeof valueSentence>[0];

export function indicatorSearchRecord(row: IndicatorSearchRow, values: IndicatorValueRow[]): SearchRecord {
  const newest = [...values].sort((a, b) => (a.period === b.period ? 0 : a.period < b.period ? 1 : -1)).slice(0, MAX_VALUE_LINES);
  const districts = [...new Set(values.map((v) => v.district).filter(Boolean))];
  const facts = [row.unit && `Đơn vị tính: ${row.unit}`, districts.length > 0 && `Địa bàn: ${districts.join(', ')}`].filter(Boolean);
  return {
    siteId: row.site_id,
    type: INDICATOR_SEARCH_TYPE,
    id: row.id,
    title: row.name,
    text: [row.description, ...facts, ...newest.map((v) => valueSentence(v, row.unit))].filter(Boolean).join('\n'),
    url: `${INDICATORS_PATH}/${row.slug}`,
    publishedAt: row.published_at ?? '',
    categoryId: null,
    language: 'vi',
    attachments: [],
  };
}

function publishedRows(db: Kysely<Database>, siteId: string) {
  return db
    .selectFrom('indicators')
    .select(['id', 'site_id', 'slug', 'name', 'unit', 'description', 'published_at'])
    .where('site_id', '=', siteId)
    .where('publication', '=', 'published')
    .where('published_at', 'is not', null);
}

async function valuesOf(db: Kysely<Database>, indicatorId: string): Promise<IndicatorValueRow[]> {
  return db.selectFrom('indicator_values').select(['period', 'district', 'target', 'result']).where('indicator_id', '=', indicatorId).execute();
}


/** Every published indicator of a site, for `cong reindex`. */
export const indicatorsSearchSource: SearchSource = {
  type: INDICATOR_SEARCH_TYPE,
  label: 'Chỉ tiêu',

  async countRecords(db, siteId) {
    const row = await db
      .selectFrom('indicators')
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
      for (const row of rows) yield indicatorSearchRecord(row, await valuesOf(db, row.id));
    }
  },
};

/**
 * Brings the index in line with an indicator as it now is: its record when published,
 * none otherwise. Call it in the transaction of every change readers may see.
 */
export async function syncIndicatorSearch(db: Kysely<Database>, input: { siteId: string; indicatorId: string }): Promise<void> {
  const row = await publishedRows(db, input.siteId).where('id', '=', input.indicatorId).executeTakeFirst();
  if (row) await upsertSearchRecord(db, indicatorSearchRecord(row, await valuesOf(db, row.id)));
  else await removeSearchRecord(db, { siteId: input.siteId, type: INDICATOR_SEARCH_TYPE, id: input.indicatorId });
}
