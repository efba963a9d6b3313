/**
 * The section's search records (type 'information'): the section page itself (what the
 * law gives, the focal point) and each published item of the list. Requests never.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { pagesById, removeSearchRecord, upsertSearchRecord, type SearchRecord, type SearchSource } from '../search/index.js';

export const INFORMATION_SEARCH_TYPE = 'information';
export const INFORMATION_PATH = '/tiep-can-thong-tin';
/** The id of the section page's own record (items have UUIDs). */
const SECTION_ID = 'section';

export const SECTION_INTRO =
  'Theo Luật Tiếp cận thông tin năm 2016, công dân có quyền được biết thông tin do cơ quan nhà nước tạo ra. Thông tin phải công khai được đăng tại danh mục dưới đây; thông tin khác, công dân có thể yêu cầu cơ quan cung cấp bằng phiếu yêu cầu. Cơ quan trả lời trong 15 ngày làm việc, có thể gia hạn một lần không quá 15 ngày làm việc.';

interface ItemRow {
  id: string;
  site_id: string;
  title: string;
  category: string;
  link: string;
  updated_day: string;
  created_at: string;
}

function itemRecord(row: ItemRow): SearchRecord {
  return {
    siteId: row.site_id,
    type: INFORMATION_SEARCH_TYPE,
    id: row.id,
    title: row.title,
    text: `${row.category}\nDanh mục thông tin công khai`,
    // An outside address is shown from the section page, where its link is.
    url: row.link.startsWith('/') ? row.link : INFORMATION_PATH,
    publishedAt: row.created_at,
    categoryId: null,
    language: 'vi',
    attachments: [],
  };
}

async function sectionRecord(db: Kysely<Database>, siteId: string): Promise<SearchRecord> {
  const s = await db.selectFrom('information_settings').select(['contact_name', 'contact_unit', 'contact_address', 'updated_at']).where('site_id', '=', siteId).executeTakeFirst();
  return {
    siteId,
    type: INFORMATION_SEARCH_TYPE,
    id: SECTION_ID,
    title: 'Tiếp cận thông tin',
    text: [SECTION_INTRO, 'Đầu mối cung cấp thông tin', s?.contact_name ?? '', s?.contact_unit ?? '', s?.contact_address ?? '', 'Phiếu yêu cầu cung cấp thông tin'].join('\n'),
    url: INFORMATION_PATH,
    publishedAt: s?.updated_at ?? '1970-01-01T00:00:00.000Z',
    categoryId: null,
    language: 'vi',
    attachments: [],
  };
}

function publishedItems(db: Kysely<Database>, siteId: string) {
  return db.selectFrom('information_items').select(['id', 'site_id', 'title', 'category', 'link', 'updated_day', 'created_at']).where('site_id', '=', siteId).where('publication', '=', 'published');
}

export const informationSearchSource: SearchSource = {
  type: INFORMATION_SEARCH_TYPE,
  label: 'Tiếp cận thông tin',
  async countRecords(db, siteId) {
    const row = await db.selectFrom('information_items').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', siteId).where('publication', '=', 'published').executeTakeFirstOrThrow();
    return Number(row.n) + 1;
  },
  async *listRecords(db, siteId) {
    yield await sectionRecord(db, siteId);
    for await (const rows of pagesById((after, limit) => publishedItems(db, siteId).where('id', '>', after).orderBy('id').limit(limit).execute())) {
      for (const row of rows) yield itemRecord(row);
    }
  },
};

/** An item's record when published, none otherwise. Call it in the transaction of every change. */
export async function syncItemSearch(db: Kysely<Database>, input: { siteId: string; itemId: string }): Promise<void> {
  const row = await publishedItems(db, input.siteId).where('id', '=', input.itemId).executeTakeFirst();
  if (row) await upsertSearchRecord(db, itemRecord(row));
  else await removeSearchRecord(db, { siteId: input.siteId, type: INFORMATION_SEARCH_TYPE, id: input.itemId });
}

/** The section page's record, after its focal point changed. */
export async function syncSectionSearch(db: Kysely<Database>, siteId: string): Promise<void> {
  await upsertSearchRecord(db, await sectionRecord(db, siteId));
}
