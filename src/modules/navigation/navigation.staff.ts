/**
 * Menus, banners and sidebar blocks as the site's admin changes them: behind the role
 * matrix (site.structure), checked, in the audit log, and each change in the same
 * transaction as the content version it raises, so public pages show it at once.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { AppError, InvalidInputError, NotFoundError } from '../../platform/errors.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { toNfc } from '../../platform/i18n/vi.js';
import { requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { loadCategoryTree } from '../categories/index.js';
import { getMedia } from '../media/index.js';
import { changeSiteContent } from '../sites/index.js';
import {
  deleteNavigationRow,
  findAllBanners,
  findBannerById,
  findMenuItemById,
  findMenuItems,
  findSidebarBlockById,
  findSidebarBlocks,
  insertBanner,
  insertMenuItem,
  insertSidebarBlock,
  lockNavigationRows,
  updateBannerRow,
  updateMenuItemRow,
  updateNavigationOrder,
  updateSidebarBlockRow,
  type BannerRow,
  type MenuItemRow,
  type SidebarBlockRow,
} from './navigation.repo.js';
import type { BannerPosition, Link } from './navigation.service.js';

/** The one menu the public layout shows. */
const MAIN_MENU = 'main';

export const NAVIGATION_LIMITS = {
  label: 120,
  title: 200,
  url: 2_000,
  /** Links in one "links" sidebar block. */
  links: 30,
  itemLimit: { min: 1, max: 20 },
} as const;

export const BANNER_POSITIONS: readonly BannerPosition[] = ['header', 'sidebar'];
export const BANNER_POSITION_LABELS: Readonly<Record<BannerPosition, string>> = { header: 'Đầu trang', sidebar: 'Cột bên' };

export type Direction = 'up' | 'down';

const messages = {
  menuItemNotFound: 'Không tìm thấy mục menu.',
  bannerNotFound: 'Không tìm thấy banner.',
  blockNotFound: 'Không tìm thấy khối bên lề.',
  notFoundHelp: 'Có thể ai đó vừa xoá nó. Hãy tải lại danh sách.',
  required: (label: string) => `${label} không được để trống.`,
  tooLong: (label: string, max: number) => `${label} không được dài quá ${max} ký tự.`,
  controls: (label: string) => `${label} có ký tự điều khiển không hợp lệ.`,
  controlsHelp: 'Hãy gõ lại thay vì dán từ tài liệu khác.',
  badUrl: 'Địa chỉ liên kết phải là đường dẫn trên trang (bắt đầu bằng /, ví dụ /tin-tuc) hoặc địa chỉ đầy đủ bắt đầu bằng http:// hay https://.',
  badUrlHelp: 'Không nhận địa chỉ javascript:, data: hay địa chỉ có dấu cách.',
  parentNotFound: 'Mục cha được chọn không có trong menu của trang này.',
  parentTooDeep: 'Menu chỉ có hai cấp: mục cha phải là một mục ở cấp đầu.',
  parentSelf: 'Một mục menu không thể là mục cha của chính nó.',
  hasChildren: 'Mục này đang có mục con nên phải ở cấp đầu.',
  hasChildrenHelp: 'Hãy chuyển các mục con sang mục khác trước.',
  badPosition: 'Hãy chọn vị trí banner: đầu trang hoặc cột bên.',
  mediaMissing: 'Hãy chọn ảnh cho banner.',
  mediaNotFound: 'Ảnh được chọn không có trong thư viện của trang này.',
  mediaNotImage: 'Tệp được chọn không phải ảnh.',
  mediaHelp: 'Hãy tải ảnh lên ở mục Thư viện tệp rồi chọn lại.',
  badTime: (label: string) => `${label} không phải ngày giờ hợp lệ.`,
  badWindow: 'Thời điểm bắt đầu hiện phải trước thời điểm thôi hiện.',
  badWindowHelp: 'Hãy sửa lại một trong hai mốc, hoặc để trống mốc không cần.',
  badKind: 'Hãy chọn loại khối: bài mới của một chuyên mục, hoặc danh sách liên kết.',
  categoryMissing: 'Hãy chọn chuyên mục của trang này cho khối.',
  badItemLimit: `Số bài hiển thị phải là số nguyên từ ${NAVIGATION_LIMITS.itemLimit.min} đến ${NAVIGATION_LIMITS.itemLimit.max}.`,
  noLinks: 'Khối liên kết cần ít nhất một liên kết có tên và địa chỉ.',
  tooManyLinks: `Một khối có tối đa ${NAVIGATION_LIMITS.links} liên kết.`,
  linkIncomplete: (n: number) => `Liên kết thứ ${n} cần có cả tên và địa chỉ.`,
  linkBad: (n: number, reason: string) => `Liên kết thứ ${n}: ${reason}`,
};

// Control characters, and the bidirectional overrides that make text read other than it is stored.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** One line of text as stored: NFC, spaces collapsed; refused when too long or carrying control characters. */
function cleanLine(raw: unknown, rule: { field: string; label: string; max: number; isRequired?: boolean }): string {
  const text = toNfc(String(raw ?? '').replace(/[\t\r\n]+/g, ' ').replace(/\s+/g, ' ').trim());
  if (!text && rule.isRequired) throw new InvalidInputError(messages.required(rule.label), { field: rule.field });
  if (text.length > rule.max) throw new InvalidInputError(messages.tooLong(rule.label, rule.max), { field: rule.field });
  if (FORBIDDEN_CHARACTERS.test(text)) throw new InvalidInputError(messages.controls(rule.label), { field: rule.field, help: messages.controlsHelp });
  return text;
}

/**
 * A link address as stored, or undefined when it is not one of: a path on this site
 * ("/tin-tuc", never "//host" or "/\host"), or an absolute http(s) URL without
 * credentials. Everything else (javascript:, data:, vbscript:, mailto:, addresses with
 * spaces or control characters, which browsers strip and so would hide a scheme) is refused.
 */
export function parseLinkUrl(raw: string): string | undefined {
  const url = raw.trim();
  if (!url || url.length > NAVIGATION_LIMITS.url || /[\u0000-\u0020\u007f-\u009f\\]/.test(url)) return undefined;
  if (url.startsWith('/')) return url.startsWith('//') ? undefined : url;
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  if (!['http:', 'https:'].includes(parsed.protocol) || !parsed.hostname || parsed.username || parsed.password) return undefined;
  return url;
}

function checkUrl(raw: unknown, field: string, isRequired: boolean): string {
  const text = String(raw ?? '').trim();
  if (!text) {
    if (isRequired) throw new InvalidInputError(messages.required('Địa chỉ liên kết'), { field });
    return '';
  }
  const url = parseLinkUrl(text);
  if (url === undefined) throw new InvalidInputError(messages.badUrl, { field, help: messages.badUrlHelp });
  return url;
}

/** Swaps a row with its neighbour and numbers the list 0, 1, 2…; the rows whose number changed. */
function shifted<T extends { id: string }>(list: readonly T[], id: string, direction: Direction, orderOf: (row: T) => number): Map<string, number> | undefined {
  const rows = [...list];
  const from = rows.findIndex((row) => row.id === id);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= rows.length) return undefined;
  [rows[from], rows[to]] = [rows[to]!, rows[from]!];
  return new Map(rows.flatMap((row, index) => (orderOf(row) === index ? [] : [[row.id, index] as const])));
}

const nextOrder = (values: number[]) => values.reduce((last, value) => Math.max(last, value + 1), 0);

// ---- Menu ----

export interface StaffMenuItem {
  id: string;
  label: string;
  url: string;
  parentId: string | null;
  position: number;
  /** 0 for the top level, 1 below it. */
  depth: number;
  hasChildren: boolean;
}

function byPosition<T extends { position: number; id: string }>(a: T, b: T): number {
  return a.position - b.position || a.id.localeCompare(b.id);
}

function menuTree(rows: MenuItemRow[]): StaffMenuItem[] {
  const sorted = [...rows].sort(byPosition);
  const ids = new Set(sorted.map((row) => row.id));
  const childrenOf = (id: string) => sorted.filter((row) => row.parent_id === id);
  const item = (row: MenuItemRow, depth: number): StaffMenuItem => ({ id: row.id, label: row.label, url: row.url, parentId: row.parent_id, position: row.position, depth, hasChildren: childrenOf(row.id).length > 0 });
  const listed: StaffMenuItem[] = [];
  // Items whose parent is gone or is itself below another are listed at the top level, so they can be fixed.
  for (const root of sorted.filter((row) => row.parent_id === null || !ids.has(row.parent_id))) {
    listed.push(item(root, 0));
    for (const child of childrenOf(root.id)) listed.push(item(child, 1));
  }
  const seen = new Set(listed.map((i) => i.id));
  for (const row of sorted) if (!seen.has(row.id)) listed.push(item(row, 1));
  return listed;
}

/** The main menu in order, each item after its parent. @throws FORBIDDEN without site.structure. */
export async function listMenuForStaff(db: Kysely<Database>, scope: RequestScope): Promise<StaffMenuItem[]> {
  requirePermission(scope.actor, 'site.structure');
  return menuTree(await findMenuItems(db, scope.siteId, MAIN_MENU));
}

async function requireMenuItem(db: Kysely<Database>, siteId: string, id: string): Promise<MenuItemRow> {
  const row = await findMenuItemById(db, { siteId, id });
  if (!row || row.menu !== MAIN_MENU) throw new NotFoundError(messages.menuItemNotFound, messages.notFoundHelp);
  return row;
}

/** @throws FORBIDDEN without site.structure; NOT_FOUND for an item of another site. */
export async function getMenuItemForStaff(db: Kysely<Database>, scope: RequestScope, itemId: string): Promise<StaffMenuItem> {
  requirePermission(scope.actor, 'site.structure');
  await requireMenuItem(db, scope.siteId, itemId);
  return (await listMenuForStaff(db, scope)).find((item) => item.id === itemId)!;
}

export interface MenuItemInput {
  label: string;
  url: string;
  /** A top-level item of the menu, or null/'' for the top level. */
  parentId?: string | null;
}

/** Checks the parent against the menu: two levels, never itself, never under an item that is below another. */
function checkMenuParent(rows: MenuItemRow[], parentId: string | null | undefined, item?: MenuItemRow): string | null {
  if (!parentId) return null;
  if (item && parentId === item.id) throw new InvalidInputError(messages.parentSelf, { field: 'parentId' });
  const parent = rows.find((row) => row.id === parentId);
  if (!parent) throw new InvalidInputError(messages.parentNotFound, { field: 'parentId' });
  if (parent.parent_id !== null) throw new InvalidInputError(messages.parentTooDeep, { field: 'parentId' });
  if (item && rows.some((row) => row.parent_id === item.id)) throw new InvalidInputError(messages.hasChildren, { field: 'parentId', help: messages.hasChildrenHelp });
  return parent.id;
}

function cleanMenuItem(input: MenuItemInput): { label: string; url: string } {
  return {
    label: cleanLine(input.label, { field: 'label', label: 'Tên mục menu', max: NAVIGATION_LIMITS.label, isRequired: true }),
    url: checkUrl(input.url, 'url', true),
  };
}

/**
 * Adds an item at the end of the main menu (or of its parent's items).
 * @throws FORBIDDEN without site.structure; INVALID_INPUT (field label, url or parentId).
 */
export async function addMenuItemAsStaff(db: Kysely<Database>, scope: RequestScope, input: MenuItemInput): Promise<string> {
  requirePermission(scope.actor, 'site.structure');
  const { label, url } = cleanMenuItem(input);
  const id = crypto.randomUUID();
  await changeSiteContent(db, scope.siteId, async (trx) => {
    await lockNavigationRows(trx, { siteId: scope.siteId, table: 'menu_items' });
    const rows = await findMenuItems(trx, scope.siteId, MAIN_MENU);
    const parentId = checkMenuParent(rows, input.parentId);
    const position = nextOrder(rows.filter((row) => row.parent_id === parentId).map((row) => row.position));
    await insertMenuItem(trx, { id, site_id: scope.siteId, menu: MAIN_MENU, parent_id: parentId, label, url, position });
    await recordAudit(trx, scope, { action: 'menu.item_added', targetType: 'menu_item', targetId: id, detail: { label, url, parentId } });
  });
  return id;
}

/**
 * Changes an item's label, address and parent; a new parent puts it at the end of its items.
 * @throws FORBIDDEN without site.structure; NOT_FOUND; INVALID_INPUT (field label, url or parentId).
 */
export async function updateMenuItem(db: Kysely<Database>, scope: RequestScope, input: MenuItemInput & { itemId: string }): Promise<void> {
  requirePermission(scope.actor, 'site.structure');
  const { label, url } = cleanMenuItem(input);
  await changeSiteContent(db, scope.siteId, async (trx) => {
    await lockNavigationRows(trx, { siteId: scope.siteId, table: 'menu_items' });
    const item = await requireMenuItem(trx, scope.siteId, input.itemId);
    const rows = await findMenuItems(trx, scope.siteId, MAIN_MENU);
    const parentId = checkMenuParent(rows, input.parentId, item);
    const position = parentId === item.parent_id ? item.position : nextOrder(rows.filter((row) => row.parent_id === parentId).map((row) => row.position));
    await updateMenuItemRow(trx, { siteId: scope.siteId, id: item.id, label, url, parentId, position });
    await recordAudit(trx, scope, { action: 'menu.item_updated', targetType: 'menu_item', targetId: item.id, detail: { from: { label: item.label, url: item.url, parentId: item.parent_id }, to: { label, url, parentId } } });
  });
}

/** One place up or down among the items of the same parent; nothing at either end. @throws FORBIDDEN; NOT_FOUND. */
export async function reorderMenuItem(db: Kysely<Database>, scope: RequestScope, input: { itemId: string; direction: Direction }): Promise<void> {
  requirePermission(scope.actor, 'site.structure');
  await changeSiteContent(db, scope.siteId, async (trx) => {
    await lockNavigationRows(trx, { siteId: scope.siteId, table: 'menu_items' });
    const item = await requireMenuItem(trx, scope.siteId, input.itemId);
    const siblings = (await findMenuItems(trx, scope.siteId, MAIN_MENU)).filter((row) => row.parent_id === item.parent_id).sort(byPosition);
    const order = shifted(siblings, item.id, input.direction, (row) => row.position);
    if (!order) return;
    await updateNavigationOrder(trx, { siteId: scope.siteId, table: 'menu_items', order });
    await recordAudit(trx, scope, { action: 'menu.item_reordered', targetType: 'menu_item', targetId: item.id, detail: { direction: input.direction } });
  });
}

/** Deletes an item and the items below it. @throws FORBIDDEN; NOT_FOUND. */
export async function deleteMenuItem(db: Kysely<Database>, scope: RequestScope, input: { itemId: string }): Promise<void> {
  requirePermission(scope.actor, 'site.structure');
  await changeSiteContent(db, scope.siteId, async (trx) => {
    const item = await requireMenuItem(trx, scope.siteId, input.itemId);
    await deleteNavigationRow(trx, { siteId: scope.siteId, table: 'menu_items', id: item.id });
    await recordAudit(trx, scope, { action: 'menu.item_deleted', targetType: 'menu_item', targetId: item.id, detail: { label: item.label, url: item.url } });
  });
}

// ---- Banners ----

export interface StaffBanner {
  id: string;
  position: BannerPosition;
  title: string;
  mediaId: string;
  linkUrl: string;
  sortOrder: number;
  showFrom: string | null;
  showUntil: string | null;
  /** Against the scope's time: shown now, not yet, or no longer. */
  state: 'showing' | 'waiting' | 'ended';
}

function bannerRowToStaffBanner(row: BannerRow, now: Date): StaffBanner {
  const at = now.toISOString();
  const state = row.show_from !== null && row.show_from > at ? 'waiting' : row.show_until !== null && row.show_until <= at ? 'ended' : 'showing';
  return { id: row.id, position: row.position === 'header' ? 'header' : 'sidebar', title: row.title, mediaId: row.media_id, linkUrl: row.link_url, sortOrder: row.sort_order, showFrom: row.show_from, showUntil: row.show_until, state };
}

/** Every banner of the site, shown or not: header ones first, each group in its order. @throws FORBIDDEN without site.structure. */
export async function listBannersForStaff(db: Kysely<Database>, scope: RequestScope): Promise<StaffBanner[]> {
  requirePermission(scope.actor, 'site.structure');
  return (await findAllBanners(db, scope.siteId)).map((row) => bannerRowToStaffBanner(row, scope.now));
}

async function requireBanner(db: Kysely<Database>, siteId: string, id: string): Promise<BannerRow> {
  const row = await findBannerById(db, { siteId, id });
  if (!row) throw new NotFoundError(messages.bannerNotFound, messages.notFoundHelp);
  return row;
}

/** @throws FORBIDDEN without site.structure; NOT_FOUND for a banner of another site. */
export async function getBannerForStaff(db: Kysely<Database>, scope: RequestScope, bannerId: string): Promise<StaffBanner> {
  requirePermission(scope.actor, 'site.structure');
  return bannerRowToStaffBanner(await requireBanner(db, scope.siteId, bannerId), scope.now);
}

export interface BannerInput {
  position: string;
  title: string;
  /** An image of this site's library. */
  mediaId: string;
  /** '' for none (the banner then links to the home page). */
  linkUrl: string;
  /**
   * When it starts and stops showing; null or '' for an open end. A string is what a
   * form sent and could not be read as a time: refused with the field named.
   */
  showFrom?: Date | string | null;
  showUntil?: Date | string | null;
}

/** An instant in UTC as toISOString writes it (seconds and milliseconds optional). */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?Z$/;

function checkTime(value: Date | string | null | undefined, field: string, label: string): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(ISO_INSTANT.test(value) ? value : Number.NaN);
  // A string must name a real moment: 2026-02-30T08:00Z would roll over into March.
  const isReal = !Number.isNaN(date.getTime()) && (typeof value !== 'string' || date.toISOString().slice(0, 16) === value.slice(0, 16));
  if (!isReal || date.getUTCFullYear() < 1990 || date.getUTCFullYear() > 2200) throw new InvalidInputError(messages.badTime(label), { field });
  return date;
}

/** The banner's image: an image of this site's library (never another site's, never a document). */
async function checkSiteImage(db: Kysely<Database>, siteId: string, mediaId: string, field: string): Promise<string> {
  const id = mediaId.trim();
  if (!id) throw new InvalidInputError(messages.mediaMissing, { field, help: messages.mediaHelp });
  let kind: string;
  try {
    kind = (await getMedia(db, { siteId, mediaId: id })).kind;
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw new InvalidInputError(messages.mediaNotFound, { field, help: messages.mediaHelp });
    throw error;
  }
  if (kind !== 'image') throw new InvalidInputError(messages.mediaNotImage, { field, help: messages.mediaHelp });
  return id;
}

async function cleanBanner(db: Kysely<Database>, siteId: string, input: BannerInput) {
  if (!(BANNER_POSITIONS as readonly string[]).includes(input.position)) throw new InvalidInputError(messages.badPosition, { field: 'position' });
  const title = cleanLine(input.title, { field: 'title', label: 'Tên banner', max: NAVIGATION_LIMITS.title, isRequired: true });
  const linkUrl = checkUrl(input.linkUrl, 'linkUrl', false);
  const showFrom = checkTime(input.showFrom, 'showFrom', 'Thời điểm bắt đầu hiện');
  const showUntil = checkTime(input.showUntil, 'showUntil', 'Thời điểm thôi hiện');
  if (showFrom && showUntil && showFrom.getTime() >= showUntil.getTime()) throw new InvalidInputError(messages.badWindow, { field: 'showUntil', help: messages.badWindowHelp });
  const mediaId = await checkSiteImage(db, siteId, input.mediaId, 'mediaId');
  return { position: input.position as BannerPosition, title, linkUrl, mediaId, showFrom: showFrom?.toISOString() ?? null, showUntil: showUntil?.toISOString() ?? null };
}

/**
 * Adds a banner at the end of its position's banners.
 * @throws FORBIDDEN without site.structure; INVALID_INPUT (field position, title, mediaId, linkUrl, showFrom or showUntil).
 */
export async function addBannerAsStaff(db: Kysely<Database>, scope: RequestScope, input: BannerInput): Promise<string> {
  requirePermission(scope.actor, 'site.structure');
  const banner = await cleanBanner(db, scope.siteId, input);
  const id = crypto.randomUUID();
  await changeSiteContent(db, scope.siteId, async (trx) => {
    await lockNavigationRows(trx, { siteId: scope.siteId, table: 'banners' });
    const sortOrder = nextOrder((await findAllBanners(trx, scope.siteId)).filter((row) => row.position === banner.position).map((row) => row.sort_order));
    await insertBanner(trx, { id, site_id: scope.siteId, position: banner.position, title: banner.title, media_id: banner.mediaId, link_url: banner.linkUrl, sort_order: sortOrder, show_from: banner.showFrom, show_until: banner.showUntil, created_at: scope.now.toISOString() });
    await recordAudit(trx, scope, { action: 'banner.added', targetType: 'banner', targetId: id, detail: { title: banner.title, position: banner.position, showFrom: banner.showFrom, showUntil: banner.showUntil } });
  });
  return id;
}

/**
 * Changes a banner; moved to the other position, it goes last there.
 * @throws FORBIDDEN without site.structure; NOT_FOUND; INVALID_INPUT as addBannerAsStaff.
 */
export async function updateBanner(db: Kysely<Database>, scope: RequestScope, input: BannerInput & { bannerId: string }): Promise<void> {
  requirePermission(scope.actor, 'site.structure');
  await requireBanner(db, scope.siteId, input.bannerId);
  const banner = await cleanBanner(db, scope.siteId, input);
  await changeSiteContent(db, scope.siteId, async (trx) => {
    await lockNavigationRows(trx, { siteId: scope.siteId, table: 'banners' });
    const before = await requireBanner(trx, scope.siteId, input.bannerId);
    const sortOrder = before.position === banner.position ? before.sort_order : nextOrder((await findAllBanners(trx, scope.siteId)).filter((row) => row.position === banner.position).map((row) => row.sort_order));
    await updateBannerRow(trx, { siteId: scope.siteId, id: before.id, ...banner, sortOrder });
    await recordAudit(trx, scope, { action: 'banner.updated', targetType: 'banner', targetId: before.id, detail: { title: banner.title, position: banner.position, showFrom: banner.showFrom, showUntil: banner.showUntil } });
  });
}

/** One place up or down among the banners of its position. @throws FORBIDDEN; NOT_FOUND. */
export async function reorderBanner(db: Kysely<Database>, scope: RequestScope, input: { bannerId: string; direction: Direction }): Promise<void> {
  requirePermission(scope.actor, 'site.structure');
  await changeSiteContent(db, scope.siteId, async (trx) => {
    await lockNavigationRows(trx, { siteId: scope.siteId, table: 'banners' });
    const banner = await requireBanner(trx, scope.siteId, input.bannerId);
    const group = (await findAllBanners(trx, scope.siteId)).filter((row) => row.position === banner.position);
    const order = shifted(group, banner.id, input.direction, (row) => row.sort_order);
    if (!order) return;
    await updateNavigationOrder(trx, { siteId: scope.siteId, table: 'banners', order });
    await recordAudit(trx, scope, { action: 'banner.reordered', targetType: 'banner', targetId: banner.id, detail: { direction: input.direction } });
  });
}

/** Deletes a banner (its image stays in the library). @throws FORBIDDEN; NOT_FOUND. */
export async function deleteBanner(db: Kysely<Database>, scope: RequestScope, input: { bannerId: string }): Promise<void> {
  requirePermission(scope.actor, 'site.structure');
  await changeSiteContent(db, scope.siteId, async (trx) => {
    const banner = await requireBanner(trx, scope.siteId, input.bannerId);
    await deleteNavigationRow(trx, { siteId: scope.siteId, table: 'banners', id: banner.id });
    await recordAudit(trx, scope, { action: 'banner.deleted', targetType: 'banner', targetId: banner.id, detail: { title: banner.title } });
  });
}

// ---- Sidebar blocks ----

export type StaffSidebarBlock = { id: string; title: string; position: number } & ({ kind: 'latest_in_category'; categoryId: string; itemLimit: number } | { kind: 'links'; links: Link[] });

function blockRowToStaffBlock(row: SidebarBlockRow): StaffSidebarBlock {
  if (row.kind === 'latest_in_category' && row.category_id) return { id: row.id, title: row.title, position: row.position, kind: 'latest_in_category', categoryId: row.category_id, itemLimit: row.item_limit };
  let links: Link[] = [];
  try {
    const parsed: unknown = JSON.parse(row.links);
    if (Array.isArray(parsed)) links = parsed.filter((l): l is Link => typeof l?.label === 'string' && typeof l?.url === 'string');
  } catch {
    // A hand-edited row that is not JSON shows as a block without links, to be fixed here.
  }
  return { id: row.id, title: row.title, position: row.position, kind: 'links', links };
}

/** The site's sidebar blocks in order. @throws FORBIDDEN without site.structure. */
export async function listSidebarBlocksForStaff(db: Kysely<Database>, scope: RequestScope): Promise<StaffSidebarBlock[]> {
  requirePermission(scope.actor, 'site.structure');
  return (await findSidebarBlocks(db, scope.siteId)).sort(byPosition).map(blockRowToStaffBlock);
}

async function requireBlock(db: Kysely<Database>, siteId: string, id: string): Promise<SidebarBlockRow> {
  const row = await findSidebarBlockById(db, { siteId, id });
  if (!row) throw new NotFoundError(messages.blockNotFound, messages.notFoundHelp);
  return row;
}

/** @throws FORBIDDEN without site.structure; NOT_FOUND for a block of another site. */
export async function getSidebarBlockForStaff(db: Kysely<Database>, scope: RequestScope, blockId: string): Promise<StaffSidebarBlock> {
  requirePermission(scope.actor, 'site.structure');
  return blockRowToStaffBlock(await requireBlock(db, scope.siteId, blockId));
}

export interface SidebarBlockInput {
  title: string;
  kind: string;
  /** For latest_in_category: a category of this site. */
  categoryId?: string;
  /** For latest_in_category: 1–20 (a form's text is read as a whole number). */
  itemLimit?: number | string;
  /** For links: rows with neither label nor address are skipped (a form's empty rows). */
  links?: { label: string; url: string }[];
}

async function cleanBlock(db: Kysely<Database>, siteId: string, input: SidebarBlockInput): Promise<{ title: string; kind: string; categoryId: string | null; itemLimit: number; links: string }> {
  const title = cleanLine(input.title, { field: 'title', label: 'Tiêu đề khối', max: NAVIGATION_LIMITS.title, isRequired: true });
  if (input.kind === 'latest_in_category') {
    const category = input.categoryId ? (await loadCategoryTree(db, siteId)).findById(input.categoryId) : undefined;
    if (!category) throw new InvalidInputError(messages.categoryMissing, { field: 'categoryId' });
    const raw = String(input.itemLimit ?? '').trim();
    const itemLimit = /^\d{1,3}$/.test(raw) ? Number(raw) : Number.NaN;
    if (!(itemLimit >= NAVIGATION_LIMITS.itemLimit.min && itemLimit <= NAVIGATION_LIMITS.itemLimit.max)) throw new InvalidInputError(messages.badItemLimit, { field: 'itemLimit' });
    return { title, kind: input.kind, categoryId: category.id, itemLimit, links: '[]' };
  }
  if (input.kind === 'links') {
    const rows = (input.links ?? []).filter((link) => String(link.label ?? '').trim() || String(link.url ?? '').trim());
    if (rows.length === 0) throw new InvalidInputError(messages.noLinks, { field: 'links' });
    if (rows.length > NAVIGATION_LIMITS.links) throw new InvalidInputError(messages.tooManyLinks, { field: 'links' });
    const links = rows.map((link, index) => {
      const n = index + 1;
      if (!String(link.label ?? '').trim() || !String(link.url ?? '').trim()) throw new InvalidInputError(messages.linkIncomplete(n), { field: 'links' });
      try {
        return { label: cleanLine(link.label, { field: 'links', label: 'Tên liên kết', max: NAVIGATION_LIMITS.label }), url: checkUrl(link.url, 'links', true) };
      } catch (error) {
        if (error instanceof InvalidInputError) throw new InvalidInputError(messages.linkBad(n, error.message), { field: 'links', help: error.help });
        throw error;
      }
    });
    return { title, kind: input.kind, categoryId: null, itemLimit: 0, links: JSON.stringify(links) };
  }
  throw new InvalidInputError(messages.badKind, { field: 'kind' });
}

/**
 * Adds a block at the end of the sidebar.
 * @throws FORBIDDEN without site.structure; INVALID_INPUT (field title, kind, categoryId, itemLimit or links).
 */
export async function addSidebarBlockAsStaff(db: Kysely<Database>, scope: RequestScope, input: SidebarBlockInput): Promise<string> {
  requirePermission(scope.actor, 'site.structure');
  const block = await cleanBlock(db, scope.siteId, input);
  const id = crypto.randomUUID();
  await changeSiteContent(db, scope.siteId, async (trx) => {
    await lockNavigationRows(trx, { siteId: scope.siteId, table: 'sidebar_blocks' });
    const position = nextOrder((await findSidebarBlocks(trx, scope.siteId)).map((row) => row.position));
    await insertSidebarBlock(trx, { id, site_id: scope.siteId, kind: block.kind, title: block.title, category_id: block.categoryId, item_limit: block.itemLimit, links: block.links, position });
    await recordAudit(trx, scope, { action: 'sidebar_block.added', targetType: 'sidebar_block', targetId: id, detail: { title: block.title, kind: block.kind } });
  });
  return id;
}

/** Changes a block (its kind too). @throws FORBIDDEN; NOT_FOUND; INVALID_INPUT as addSidebarBlockAsStaff. */
export async function updateSidebarBlock(db: Kysely<Database>, scope: RequestScope, input: SidebarBlockInput & { blockId: string }): Promise<void> {
  requirePermission(scope.actor, 'site.structure');
  await requireBlock(db, scope.siteId, input.blockId);
  const block = await cleanBlock(db, scope.siteId, input);
  await changeSiteContent(db, scope.siteId, async (trx) => {
    const before = await requireBlock(trx, scope.siteId, input.blockId);
    await updateSidebarBlockRow(trx, { siteId: scope.siteId, id: before.id, ...block });
    await recordAudit(trx, scope, { action: 'sidebar_block.updated', targetType: 'sidebar_block', targetId: before.id, detail: { title: block.title, kind: block.kind } });
  });
}

/** One place up or down in the sidebar. @throws FORBIDDEN; NOT_FOUND. */
export async function reorderSidebarBlock(db: Kysely<Database>, scope: RequestScope, input: { blockId: string; direction: Direction }): Promise<void> {
  requirePermission(scope.actor, 'site.structure');
  await changeSiteContent(db, scope.siteId, async (trx) => {
    await lockNavigationRows(trx, { siteId: scope.siteId, table: 'sidebar_blocks' });
    const block = await requireBlock(trx, scope.siteId, input.blockId);
    const order = shifted((await findSidebarBlocks(trx, scope.siteId)).sort(byPosition), block.id, input.direction, (row) => row.position);
    if (!order) return;
    await updateNavigationOrder(trx, { siteId: scope.siteId, table: 'sidebar_blocks', order });
    await recordAudit(trx, scope, { action: 'sidebar_block.reordered', targetType: 'sidebar_block', targetId: block.id, detail: { direction: input.direction } });
  });
}

/** @throws FORBIDDEN; NOT_FOUND. */
export async function deleteSidebarBlock(db: Kysely<Database>, scope: RequestScope, input: { blockId: string }): Promise<void> {
  requirePermission(scope.actor, 'site.structure');
  await changeSiteContent(db, scope.siteId, async (trx) => {
    const block = await requireBlock(trx, scope.siteId, input.blockId);
    await deleteNavigationRow(trx, { siteId: scope.siteId, table: 'sidebar_blocks', id: block.id });
    await recordAudit(trx, scope, { action: 'sidebar_block.deleted', targetType: 'sidebar_block', targetId: block.id, detail: { title: block.title } });
  });
}
