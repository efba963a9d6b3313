import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { MediaTable } from './media.table.js';

export type MediaRow = Selectable<MediaTable>;

export async function insertMedia(db: Kysely<Database>, row: MediaRow): Promise<void> {
  await db.insertInto('media').values(row).execute();
}

export function findMediaByIds(db: Kysely<Database>, siteId: string, ids: string[]): Promise<MediaRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('media').selectAll().where('site_id', '=', siteId).where('id', 'in', ids).execute();
}
