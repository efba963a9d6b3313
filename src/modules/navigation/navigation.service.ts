/**
 * What surrounds every page: the main menu (nested), banners (header and sidebar, each
 * with a display window) and sidebar blocks (latest items of a category, or a list of
 * links).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { toNfc } from '../../platform/i18n/vi.js';
import { changeSiteContent } from '../sites/index.js';
import { findMenuItems, findSidebarBlocks, findVisibleBanners, insertBanner, insertMenuItem, insertSidebarBlock } from './navigation.repo.js';

export interface MenuItem {
  id: string;
  label: string;
  url: string;
  children: MenuItem[];
}

export type BannerPosition = 'header' | 'sidebar';

export interface Banner {
  id: string;
  position: BannerPosition;
  title: string;
  mediaId: string;
  linkUrl: string;
}

export interface Link {
  label: string;
  url: string;
}

export type SidebarBlock =
  | { id: string; kind: 'latest_in_category'; title: string; categoryId: string; itemLimit: number }
  | { id: string; kind: 'links'; title: string; links: Link[] };

export async function loadMenu(db: Kysely<Database>, siteId: string, menu = 'main'): Promise<MenuItem[]> {
  const rows = await findMenuItems(db, siteId, menu);
  const items = new Map(rows.map((row) => [row.id, { id: row.id, label: row.label, url: row.url, children: [] as MenuItem[] }]));
  const roots: MenuItem[] = [];
  for (const row of rows) {
    const item = items.get(row.id)!;
    const parent = row.parent_id ? items.get(row.parent_id) : undefined;
    (parent ? parent.children : roots).push(item);
  }
  return roots;
}

export async function loadVisibleBanners(db: Kysely<Database>, siteId: string, now: Date): Promise<Banner[]> {
  const rows = await findVisibleBanners(db, siteId, now.toISOString());
  return rows.map((row) => ({ id: row.id, position: row.position as BannerPosition, title: row.title, mediaId: row.media_id, linkUrl: row.link_url }));
}

export async function loadSidebarBlocks(db: Kysely<Database>, siteId: string): Promise<SidebarBlock[]> {
  const rows = await findSidebarBlocks(db, siteId);
  return rows.map((row): SidebarBlock =>
    row.kind === 'latest_in_category' && row.category_id
      ? { id: row.id, kind: 'latest_in_category', title: row.title, categoryId: row.category_id, itemLimit: row.item_limit }
      : { id: row.id, kind: 'links', title: row.title, links: JSON.parse(row.links) as Link[] },
  );
}

export async function addMenuItem(db: Kysely<Database>, input: { siteId: string; menu?: string; label: string; url: string; parentId?: string; position: number }): Promise<string> {
  const id = crypto.randomUUID();
  await changeSiteContent(db, input.siteId, (trx) => insertMenuItem(trx, { id, site_id: input.siteId, menu: input.menu ?? 'main', parent_id: input.parentId ?? null, label: toNfc(input.label), url: input.url, position: input.position }));
  return id;
}

export async function addBanner(db: Kysely<Database>, input: { siteId: string; position: BannerPosition; title: string; mediaId: string; linkUrl: string; sortOrder: number; showFrom?: Date; showUntil?: Date }, now = new Date()): Promise<string> {
  const id = crypto.randomUUID();
  await changeSiteContent(db, input.siteId, (trx) => insertBanner(trx, {
    id,
    site_id: input.siteId,
    position: input.position,
    title: toNfc(input.title),
    media_id: input.mediaId,
    link_url: input.linkUrl,
    sort_order: input.sortOrder,
    show_from: input.showFrom?.toISOString() ?? null,
    show_until: input.showUntil?.toISOString() ?? null,
    created_at: now.toISOString(),
  }));
  return id;
}

export async function addSidebarBlock(
  db: Kysely<Database>,
  input: { siteId: string; title: string; position: number } & ({ kind: 'latest_in_category'; categoryId: string; itemLimit?: number } | { kind: 'links'; links: Link[] }),
): Promise<string> {
  const id = crypto.randomUUID();
  await changeSiteContent(db, input.siteId, (trx) => insertSidebarBlock(trx, {
    id,
    site_id: input.siteId,
    kind: input.kind,
    title: toNfc(input.title),
    category_id: input.kind === 'latest_in_category' ? input.categoryId : null,
    item_limit: input.kind === 'latest_in_category' ? (input.itemLimit ?? 5) : 0,
    links: input.kind === 'links' ? JSON.stringify(input.links.map((l) => ({ label: toNfc(l.label), url: l.url }))) : '[]',
    position: input.position,
  }));
  return id;
}
