import type { Kysely, Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { BannersTable, MenuItemsTable, SidebarBlocksTable } from './navigation.table.js';

export type MenuItemRow = Selectable<MenuItemsTable>;
export type BannerRow = Selectable<BannersTable>;
export type SidebarBlockRow = Selectable<SidebarBlocksTable>;

export function findMenuItems(db: Kysely<Database>, siteId: string, menu: string): Promise<MenuItemRow[]> {
  return db.selectFrom('menu_items').selectAll().where('site_id', '=', siteId).where('menu', '=', menu).orderBy('position').execute();
}

/** Banners whose show-from/show-until window contains `now` (open ends allowed). */
export function findVisibleBanners(db: Kysely<Database>, siteId: string, now: string): Promise<BannerRow[]> {
  return db
    .selectFrom('banners')
    .selectAll()
    .where('site_id', '=', siteId)
    .where((eb) => eb.or([eb('show_from', 'is', null), eb('show_from', '<=', now)]))
    .where((eb) => eb.or([eb('show_until', 'is', null), eb('show_until', '>', now)]))
    .orderBy('sort_order')
    .execute();
}

export function findSidebarBlocks(db: Kysely<Database>, siteId: string): Promise<SidebarBlockRow[]> {
  return db.selectFrom('sidebar_blocks').selectAll().where('site_id', '=', siteId).orderBy('position').execute();
}

export async function insertMenuItem(db: Kysely<Database>, row: MenuItemRow): Promise<void> {
  await db.insertInto('menu_items').values(row).execute();
}

export async function insertBanner(db: Kysely<Database>, row: BannerRow): Promise<void> {
  await db.insertInto('banners').values(row).execute();
}

export async function insertSidebarBlock(db: Kysely<Database>, row: SidebarBlockRow): Promise<void> {
  await db.insertInto('sidebar_blocks').values(row).execute();
}

export function findAllBanners(db: Kysely<Database>, siteId: string): Promise<BannerRow[]> {
  return db.selectFrom('banners').selectAll().where('site_id', '=', siteId).orderBy('position').orderBy('sort_order').orderBy('created_at').execute();
}

export function findMenuItemById(db: Kysely<Database>, input: { siteId: string; id: string }): Promise<MenuItemRow | undefined> {
  return db.selectFrom('menu_items').selectAll().where('site_id', '=', input.siteId).where('id', '=', input.id).executeTakeFirst();
}

export function findBannerById(db: Kysely<Database>, input: { siteId: string; id: string }): Promise<BannerRow | undefined> {
  return db.selectFrom('banners').selectAll().where('site_id', '=', input.siteId).where('id', '=', input.id).executeTakeFirst();
}

export function findSidebarBlockById(db: Kysely<Database>, input: { siteId: string; id: string }): Promise<SidebarBlockRow | undefined> {
  return db.selectFrom('sidebar_blocks').selectAll().where('site_id', '=', input.siteId).where('id', '=', input.id).executeTakeFirst();
}

export async function updateMenuItemRow(db: Kysely<Database>, input: { siteId: string; id: string; label: string; url: string; parentId: string | null; position: number }): Promise<void> {
  await db.updateTable('menu_items').set({ label: input.label, url: input.url, parent_id: input.parentId, position: input.position }).where('site_id', '=', input.siteId).where('id', '=', input.id).execute();
}

export async function updateBannerRow(
  db: Kysely<Database>,
  input: { siteId: string; id: string; position: string; title: string; mediaId: string; linkUrl: string; sortOrder: number; showFrom: string | null; showUntil: string | null },
): Promise<void> {
  await db
    .updateTable('banners')
    .set({ position: input.position, title: input.title, media_id: input.mediaId, link_url: input.linkUrl, sort_order: input.sortOrder, show_from: input.showFrom, show_until: input.showUntil })
    .where('site_id', '=', input.siteId)
    .where('id', '=', input.id)
    .execute();
}

export async function updateSidebarBlockRow(db: Kysely<Database>, input: { siteId: string; id: string; kind: string; title: string; categoryId: string | null; itemLimit: number; links: string }): Promise<void> {
  await db
    .updateTable('sidebar_blocks')
    .set({ kind: input.kind, title: input.title, category_id: input.categoryId, item_limit: input.itemLimit, links: input.links })
    .where('site_id', '=', input.siteId)
    .where('id', '=', input.id)
    .execute();
}

/** Sets the order column of each listed row of one navigation table. */
export async function updateNavigationOrder(db: Kysely<Database>, input: { siteId: string; table: 'menu_items' | 'sidebar_blocks' | 'banners'; order: ReadonlyMap<string, number> }): Promise<void> {
  for (const [id, value] of input.order) {
    if (input.table === 'banners') await db.updateTable('banners').set({ sort_order: value }).where('site_id', '=', input.siteId).where('id', '=', id).execute();
    else await db.updateTable(input.table).set({ position: value }).where('site_id', '=', input.siteId).where('id', '=', id).execute();
  }
}

/** Deletes one row of the site; a menu item takes the items below it along (ON DELETE CASCADE). */
export async function deleteNavigationRow(db: Kysely<Database>, input: { siteId: string; table: 'menu_items' | 'sidebar_blocks' | 'banners'; id: string }): Promise<number> {
  const result = await db.deleteFrom(input.table).where('site_id', '=', input.siteId).where('id', '=', input.id).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Holds the site's rows of one navigation table until the transaction ends, so that two
 * reorders take turns and the second sees the first (a no-op UPDATE, as
 * lockCategoriesOfSite: row locks on PostgreSQL; SQLite's BEGIN IMMEDIATE serialises anyway).
 */
export async function lockNavigationRows(trx: Kysely<Database>, input: { siteId: string; table: 'menu_items' | 'sidebar_blocks' | 'banners' }): Promise<void> {
  if (input.table === 'banners') await trx.updateTable('banners').set((eb) => ({ sort_order: eb.ref('sort_order') })).where('site_id', '=', input.siteId).execute();
  else await trx.updateTable(input.table).set((eb) => ({ position: eb.ref('position') })).where('site_id', '=', input.siteId).execute();
}
