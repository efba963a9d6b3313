/**
 * Row types of every table, as the database holds them (snake_case, ISO-8601 text times,
 * 0/1 booleans). Modules map them to their own domain objects.
 */
import type { Generated } from 'kysely';

export interface SitesTable {
  id: string;
  parent_id: string | null;
  host: string;
  is_default: number;
  name: string;
  governing_body: string;
  english_name: string;
  address: string;
  phone: string;
  fax: string;
  email: string;
  responsible_person: string;
  licence: string;
  logo_media_id: string | null;
  visit_count: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface UsersTable {
  id: string;
  site_id: string;
  email: string;
  display_name: string;
  role: string;
  password_hash: string | null;
  created_at: string;
}

export interface MediaTable {
  id: string;
  site_id: string;
  kind: string;
  storage_key: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string;
  variants: string;
  created_at: string;
}

export interface CategoriesTable {
  id: string;
  site_id: string;
  parent_id: string | null;
  slug: string;
  path: string;
  name: string;
  description: string;
  position: number;
  is_on_home: number;
  created_at: string;
}

export interface ArticlesTable {
  id: string;
  site_id: string;
  category_id: string;
  slug: string;
  title: string;
  lead: string;
  body_html: string;
  gallery_title: string;
  byline: string;
  cover_media_id: string | null;
  posted_by: string | null;
  status: string;
  is_featured: number;
  published_at: string | null;
  view_count: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ArticleGalleryTable {
  article_id: string;
  media_id: string;
  position: number;
  caption: string;
}

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

export interface Database {
  sites: SitesTable;
  users: UsersTable;
  media: MediaTable;
  categories: CategoriesTable;
  articles: ArticlesTable;
  article_gallery: ArticleGalleryTable;
  menu_items: MenuItemsTable;
  banners: BannersTable;
  sidebar_blocks: SidebarBlocksTable;
}
