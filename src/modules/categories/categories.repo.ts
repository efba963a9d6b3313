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

/** Writes a category's name and slug (its path is updateSubtreePlacement's business). */
export async function updateCategoryNaming(trx: Kysely<Database>, input: { siteId: string; categoryId: string; name: string; slug: string }): Promise<void> {
  await trx.updateTable('categories').set({ name: input.name, slug: input.slug }).where('id', '=', input.categoryId).where('site_id', '=', input.siteId).execute();
}

/** Writes a category's English name ('' for none: the Vietnamese name is shown). */
export async function updateCategoryEnglishName(trx: Kysely<Database>, input: { siteId: string; categoryId: string; nameEn: string }): Promise<void> {
  await trx.updateTable('categories').set({ name_en: input.nameEn }).where('id', '=', input.categoryId).where('site_id', '=', input.siteId).execute();
}

/** Gives each listed category of the site its position among its siblings. */
export async function updateCategoryPositions(trx: Kysely<Database>, input: { siteId: string; positions: ReadonlyMap<string, number> }): Promise<void> {
  for (const [id, position] of input.positions) {
    await trx.updateTable('categories').set({ position }).where('id', '=', id).where('site_id', '=', input.siteId).execute();
  }
}

/**
 * What still points at a category and would keep it from being deleted: articles in it
 * (as their category or an extra one, in any state) and sidebar blocks listing it.
 */
export async function countCategoryReferences(db: Kysely<Database>, input: { siteId: string; categoryId: string }): Promise<{ articles: number; sidebarBlocks: number }> {
  // One after another: inside a transaction Kysely has one connection.
  const main = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', input.siteId).where('category_id', '=', input.categoryId).executeTakeFirstOrThrow();
  const extra = await db
    .selectFrom('article_categories')
    .innerJoin('articles', 'articles.id', 'article_categories.article_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('articles.site_id', '=', input.siteId)
    .where('article_categories.category_id', '=', input.categoryId)
    .where('articles.category_id', '!=', input.categoryId)
    .executeTakeFirstOrThrow();
  const blocks = await db.selectFrom('sidebar_blocks').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', input.siteId).where('category_id', '=', input.categoryId).executeTakeFirstOrThrow();
  return { articles: Number(main.n) + Number(extra.n), sidebarBlocks: Number(blocks.n) };
}

export async function deleteCategoryRow(trx: Kysely<Database>, input: { siteId: string; categoryId: string }): Promise<void> {
  await trx.deleteFrom('categories').where('id', '=', input.categoryId).where('site_id', '=', input.siteId).execute();
}
