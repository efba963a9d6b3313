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
