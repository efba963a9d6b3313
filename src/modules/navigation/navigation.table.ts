/** Menus, banners and sidebar blocks. Row types as stored: snake_case, ISO-8601 text times, 0/1 booleans. */

export interface MenuItemsTable {
  id: string;
  site_id: string;
  menu: string;
  parent_id: string | null;
  label: string;
  url: string;
  position: number;
}

export interface BannersTable {
  id: string;
  site_id: string;
  position: string;
  title: string;
  media_id: string;
  link_url: string;
  sort_order: number;
  show_from: string | null;
  show_until: string | null;
  created_at: string;
}

export interface SidebarBlocksTable {
  id: string;
  site_id: string;
  kind: string;
  title: string;
  category_id: string | null;
  item_limit: number;
  links: string;
  position: number;
}

declare module '../../platform/db/database.js' {
  interface Database {
    menu_items: MenuItemsTable;
    banners: BannersTable;
    sidebar_blocks: SidebarBlocksTable;
  }
}
