import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolationOf, type UniqueKey } from '../../platform/db/db-errors.js';
import type { CategoriesTable } from './categories.table.js';
import { CategoryPathTakenError } from './categories.errors.js';

export type CategoryRow = Selectable<CategoriesTable>;

export function findCategoriesOfSite(db: Kysely<Database>, siteId: string): Promise<CategoryRow[]> {
  return db.selectFrom('categories').selectAll().where('site_id', '=', siteId).orderBy('position').orderBy('name').execute();
}

const CATEGORY_PATH_KEY: UniqueKey = { constraint: 'categories_site_path_unique', table: 'categories', columns: ['site_id', 'path'] };

/** @throws CONFLICT (CategoryPathTakenError) when the site already has a category at this path. */
export async function insertCategory(db: Kysely<Database>, row: CategoryRow): Promise<void> {
  try {
    await db.insertInto('categories').values(row).execute();
  } catch (error) {
    if (isUniqueViolationOf(error, CATEGORY_PATH_KEY)) throw new CategoryPathTakenError(row.path);
    throw error;
  }
}

/**
 * Holds every category row of the site until the transaction ends, so that two moves of
 * one site take turns and the second sees the first (two moves checked against the same
 * old tree could together make a cycle). A no-op UPDATE because it locks on both engines:
 * row locks on PostgreSQL, and SQLite's BEGIN IMMEDIATE already serialises writers.
 */
export async function lockCategoriesOfSite(trx: Kysely<Database>, siteId: string): Promise<void> {
  await trx.updateTable('categories').set((eb) => ({ parent_id: eb.ref('parent_id') })).where('site_id', '=', siteId).execute();
}

/**
 * Gives a category its new parent and rewrites the paths of it and of its subtree.
 * Returns the path that another category already holds, if any, having then written
 * nothing (a savepoint, so a caller's own transaction stays usable on PostgreSQL).
 */
export async function updateSubtreePlacement(
  trx: Kysely<Database>,
  input: { siteId: string; categoryId: string; parentId: string | null; paths: Map<string, string> },
): Promise<{ takenPath?: string }> {
  await sql`savepoint move_category`.execute(trx);
  let writing: string | undefined;
  try {
    await trx.updateTable('categories').set({ parent_id: input.parentId }).where('id', '=', input.categoryId).where('site_id', '=', input.siteId).execute();
    for (const [id, path] of input.paths) {
      writing = path;
      await trx.updateTable('categories').set({ path }).where('id', '=', id).where('site_id', '=', input.siteId).execute();
    }
  } catch (error) {
    await sql`rollback to savepoint move_category`.execute(trx);
    await sql`release savepoint move_category`.execute(trx);
    if (writing !== undefined && isUniqueViolationOf(error, CATEGORY_PATH_KEY)) return { takenPath: writing };
    throw error;
  }
  await sql`release savepoint move_category`.execute(trx);
  return {};
}
