/** Categories as the newsroom changes them: behind the role matrix, in the audit log. */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { InvalidInputError } from '../../platform/errors.js';
import { SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { toNfc } from '../../platform/i18n/vi.js';
import { requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { requestSearchReindex } from '../search/index.js';
import { changeSiteContent } from '../sites/index.js';
import { createCategory, loadCategoryTree, moveCategory, removeEmptyCategory, shiftCategory, updateCategoryName, type Category } from './categories.service.js';

export const MAX_CATEGORY_NAME_LENGTH = 200;
export const MAX_CATEGORY_SLUG_LENGTH = 120;

// Control characters, and the bidirectional overrides that make text read other than it is stored.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

/** A category's name as stored: NFC, spaces collapsed, 1–200 characters, no control characters. */
function checkName(raw: string): string {
  const name = toNfc(raw.replace(/[\t\r\n]+/g, ' ').replace(/\s+/g, ' ').trim());
  if (!name) throw new InvalidInputError('Tên chuyên mục không được để trống.', { field: 'name' });
  return checkNameText(name, 'name', 'Tên chuyên mục');
}

/** The English name: like the name, but may be empty (the Vietnamese name is shown then). */
function checkEnglishName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const name = toNfc(raw.replace(/[\t\r\n]+/g, ' ').replace(/\s+/g, ' ').trim());
  return name ? checkNameText(name, 'nameEn', 'Tên tiếng Anh') : '';
}

function checkNameText(name: string, field: 'name' | 'nameEn', label: string): string {
  if (name.length > MAX_CATEGORY_NAME_LENGTH) throw new InvalidInputError(`${label} phải có từ 1 đến ${MAX_CATEGORY_NAME_LENGTH} ký tự.`, { field });
  if (FORBIDDEN_CHARACTERS.test(name)) throw new InvalidInputError(`${label} có ký tự điều khiển không hợp lệ.`, { field, help: 'Hãy gõ lại tên thay vì dán từ tài liệu khác.' });
  return name;
}

function checkSlug(raw: string): string {
  const slug = raw.trim();
  if (!SLUG_PATTERN.test(slug) || slug.length > MAX_CATEGORY_SLUG_LENGTH) {
    throw new InvalidInputError('Tên rút gọn (slug) chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.', { field: 'slug', help: 'Ví dụ: thong-bao, tin-hoat-dong.' });
  }
  return slug;
}

/** Every category of the scope's site, parents before children. */
export async function listCategoriesForStaff(db: Kysely<Database>, scope: RequestScope): Promise<Category[]> {
  requirePermission(scope.actor, 'staff.enter');
  return (await loadCategoryTree(db, scope.siteId)).all;
}

/**
 * The tree as the category screen shows it, each category with its depth (0 for the
 * top level), parents before children and siblings in their order.
 * @throws FORBIDDEN without site.structure.
 */
export async function listCategoriesToManage(db: Kysely<Database>, scope: RequestScope): Promise<{ category: Category; depth: number }[]> {
  requirePermission(scope.actor, 'site.structure');
  const tree = await loadCategoryTree(db, scope.siteId);
  const listed: { category: Category; depth: number }[] = [];
  const seen = new Set<string>();
  const visit = (category: Category, depth: number) => {
    if (seen.has(category.id)) return;
    seen.add(category.id);
    listed.push({ category, depth });
    for (const child of tree.childrenOf(category.id)) visit(child, depth + 1);
  };
  for (const root of tree.roots()) visit(root, 0);
  // Rows a hand edit left in a cycle have no root above them: listed last, so they can be moved out.
  for (const category of tree.all) visit(category, 0);
  return listed;
}

/**
 * @throws FORBIDDEN without site.structure; INVALID_INPUT for an unknown parent or a reserved slug; CONFLICT for a taken path.
 */
export async function addCategory(db: Kysely<Database>, scope: RequestScope, input: { name: string; nameEn?: string; slug?: string; parentId?: string | null; description?: string; position?: number; isOnHome?: boolean }): Promise<Category> {
  requirePermission(scope.actor, 'site.structure');
  const name = checkName(input.name);
  const nameEn = checkEnglishName(input.nameEn);
  const slug = input.slug?.trim() ? checkSlug(input.slug) : undefined;
  const tree = await loadCategoryTree(db, scope.siteId);
  const parent = input.parentId ? tree.findById(input.parentId) : undefined;
  if (input.parentId && !parent) throw new InvalidInputError('Chuyên mục cha không có trên trang này.', { field: 'parentId' });
  // A new category goes last among its siblings unless told otherwise.
  const siblings = parent ? tree.childrenOf(parent.id) : tree.roots();
  const position = input.position ?? siblings.reduce((last, c) => Math.max(last, c.position + 1), 0);
  return changeSiteContent(db, scope.siteId, async (trx) => {
    const category = await createCategory(trx, { siteId: scope.siteId, name, nameEn, slug, parent, description: input.description, position, isOnHome: input.isOnHome }, scope.now);
    await recordAudit(trx, scope, { action: 'category.created', targetType: 'category', targetId: category.id, detail: { name, path: category.path, ...(nameEn ? { nameEn } : {}) } });
    return category;
  });
}

/**
 * Renames a category (its name, its slug or both). A new slug changes the URL of the
 * category and of everything below it; the old ones answer 301 to the new ones.
 * @throws FORBIDDEN without site.structure; NOT_FOUND for a category of another site;
 *   INVALID_INPUT (field name or slug); CONFLICT (field slug) when the new path is taken.
 */
export async function renameCategory(db: Kysely<Database>, scope: RequestScope, input: { categoryId: string; name: string; slug?: string; nameEn?: string }): Promise<Category> {
  requirePermission(scope.actor, 'site.structure');
  const name = checkName(input.name);
  const nameEn = checkEnglishName(input.nameEn);
  const requestedSlug = input.slug?.trim() ? checkSlug(input.slug) : undefined;
  return changeSiteContent(db, scope.siteId, async (trx) => {
    const current = (await loadCategoryTree(trx, scope.siteId)).findById(input.categoryId);
    // An empty slug keeps the one it has: a live URL does not move by accident.
    const slug = requestedSlug ?? current?.slug ?? '';
    const { before, after } = await updateCategoryName(trx, { siteId: scope.siteId, categoryId: input.categoryId, name, slug, nameEn });
    // The URLs below it moved: search's records follow in the background (old ones answer 301 meanwhile).
    if (after.path !== before.path) await requestSearchReindex(trx, scope.siteId, scope.now);
    const englishNames = before.nameEn === after.nameEn ? [{}, {}] : [{ nameEn: before.nameEn }, { nameEn: after.nameEn }];
    await recordAudit(trx, scope, { action: 'category.renamed', targetType: 'category', targetId: after.id, detail: { from: { name: before.name, ...englishNames[0], path: before.path }, to: { name: after.name, ...englishNames[1], path: after.path } } });
    return after;
  });
}

/**
 * Moves a category, with everything below it, under another parent (null: the top level).
 * @throws FORBIDDEN without site.structure; NOT_FOUND; INVALID_INPUT (field parentId) for
 *   a parent below it or of another site; CONFLICT when the new path is taken.
 */
export async function moveCategoryAsStaff(db: Kysely<Database>, scope: RequestScope, input: { categoryId: string; parentId: string | null }): Promise<Category> {
  requirePermission(scope.actor, 'site.structure');
  return changeSiteContent(db, scope.siteId, async (trx) => {
    const before = (await loadCategoryTree(trx, scope.siteId)).findById(input.categoryId);
    const moved = await moveCategory(trx, { siteId: scope.siteId, categoryId: input.categoryId, newParentId: input.parentId || null });
    if (moved.path !== before?.path) await requestSearchReindex(trx, scope.siteId, scope.now);
    await recordAudit(trx, scope, { action: 'category.moved', targetType: 'category', targetId: moved.id, detail: { from: before?.path, to: moved.path } });
    return moved;
  });
}

/**
 * One place up or down among its siblings; nothing happens at either end.
 * @throws FORBIDDEN without site.structure; NOT_FOUND.
 */
export async function reorderCategory(db: Kysely<Database>, scope: RequestScope, input: { categoryId: string; direction: 'up' | 'down' }): Promise<void> {
  requirePermission(scope.actor, 'site.structure');
  await changeSiteContent(db, scope.siteId, async (trx) => {
    const isMoved = await shiftCategory(trx, { siteId: scope.siteId, categoryId: input.categoryId, direction: input.direction });
    if (isMoved) await recordAudit(trx, scope, { action: 'category.reordered', targetType: 'category', targetId: input.categoryId, detail: { direction: input.direction } });
  });
}

/**
 * Deletes a category that is empty: no child categories, no articles, no sidebar block.
 * @throws FORBIDDEN without site.structure; NOT_FOUND; CONFLICT (CategoryInUseError) with what is still in it.
 */
export async function deleteCategory(db: Kysely<Database>, scope: RequestScope, input: { categoryId: string }): Promise<void> {
  requirePermission(scope.actor, 'site.structure');
  await changeSiteContent(db, scope.siteId, async (trx) => {
    const deleted = await removeEmptyCategory(trx, { siteId: scope.siteId, categoryId: input.categoryId });
    await recordAudit(trx, scope, { action: 'category.deleted', targetType: 'category', targetId: deleted.id, detail: { name: deleted.name, path: deleted.path } });
  });
}
