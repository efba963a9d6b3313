import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { CategoriesTable } from './categories.table.js';

export type CategoryRow = Selectable<CategoriesTable>;

export function findCategoriesOfSite(db: Kysely<Database>, siteId: string): Promise<CategoryRow[]> {
  return db.selectFrom('categories').selectAll().where('site_id', '=', siteId).orderBy('position').orderBy('name').execute();
}

export async function insertCategory(db: Kysely<Database>, row: CategoryRow): Promise<void> {
  await db.insertInto('categories').values(row).execute();
}
