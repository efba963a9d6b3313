/**
 * The category tree of a site (Tin tức > Thông báo). A category's URL is the path of
 * slugs from the root, so a page can be found from its URL without a join per level.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { slugify, toNfc } from '../../platform/i18n/vi.js';
import { AppError, InvalidInputError } from '../../platform/errors.js';
import { isReservedPathSegment } from '../../platform/http/reserved-paths.js';
import { recordMove } from '../redirects/index.js';
import { changeSiteContent } from '../sites/index.js';
import { CategoryNotFoundError, CategoryPathTakenError, CategorySlugReservedError } from './categories.errors.js';
import {
  countCategoryReferences,
  deleteCategoryRow,
  findCategoriesOfSite,
  insertCategory,
  lockCategoriesOfSite,
  updateCategoryEnglishName,
  updateCategoryNaming,
  updateCategoryPositions,
  updateSubtreePlacement,
  type CategoryRow,
} from './categories.repo.js';

export interface Category {
  id: string;
  parentId: string | null;
  slug: string;
  path: string;
  name: string;
  /** English name for /en/ pages; '' when none was given (the Vietnamese name is shown). */
  nameEn: string;
  description: string;
  position: number;
  isOnHome: boolean;
}

function categoryRowToCategory(row: CategoryRow): Category {
  return {
    id: row.id,
    parentId: row.parent_id,
    slug: row.slug,
    path: row.path,
    name: row.name,
    nameEn: row.name_en,
    description: row.description,
    position: row.position,
    isOnHome: row.is_on_home === 1,
  };
}

/** All categories of a site with lookups by path and id; small enough to load whole. */
export class CategoryTree {
  private readonly byId: Map<string, Category>;
  private readonly byPath: Map<string, Category>;

  constructor(readonly all: Category[]) {
    this.byId = new Map(all.map((c) => [c.id, c]));
    this.byPath = new Map(all.map((c) => [c.path, c]));
  }

  findByPath(path: string): Category | undefined {
    return this.byPath.get(path);
  }

  findById(id: string): Category | undefined {
    return this.byId.get(id);
  }

  roots(): Category[] {
    return this.all.filter((c) => c.parentId === null);
  }

  childrenOf(id: string): Category[] {
    return this.all.filter((c) => c.parentId === id);
  }

  /**
   * The category and all below it: a parent's page lists its children's articles too.
   * Each category is taken once, so a cycle in hand-edited rows cannot loop.
   */
  withDescendants(id: string): Category[] {
    const result: Category[] = [];
    const seen = new Set<string>();
    // Depth first, parents before children, in position order (as the list was before).
    const stack = [this.byId.get(id)];
    for (let category = stack.pop(); category; category = stack.pop()) {
      if (seen.has(category.id)) continue;
      seen.add(category.id);
      result.push(category);
      stack.push(...this.childrenOf(category.id).reverse());
    }
    return result;
  }

  /** Root first: [Tin tức, Thông báo]. Stops where a parent repeats, so a cycle cannot loop. */
  ancestry(id: string): Category[] {
    const chain: Category[] = [];
    const seen = new Set<string>();
    for (let c = this.byId.get(id); c && !seen.has(c.id); c = c.parentId ? this.byId.get(c.parentId) : undefined) {
      seen.add(c.id);
      chain.unshift(c);
    }
    return chain;
  }
}

export async function loadCategoryTree(db: Kysely<Database>, siteId: string): Promise<CategoryTree> {
  return new CategoryTree((await findCategoriesOfSite(db, siteId)).map(categoryRowToCategory));
}

export interface NewCategory {
  siteId: string;
  name: string;
  /** English name (sites with English pages). */
  nameEn?: string;
  slug?: string;
  parent?: Category;
  description?: string;
  position?: number;
  isOnHome?: boolean;
}

/** @throws INVALID_INPUT when the name gives no usable slug. */
export async function createCategory(db: Kysely<Database>, input: NewCategory, now = new Date()): Promise<Category> {
  const slug = input.slug ?? slugify(input.name);
  if (!slug) throw new InvalidInputError('Tên chuyên mục phải có ít nhất một chữ cái hoặc chữ số.', { field: 'name' });
  if (!input.parent && isReservedPathSegment(slug)) throw new CategorySlugReservedError(slug);
  const row: CategoryRow = {
    id: crypto.randomUUID(),
    site_id: input.siteId,
    parent_id: input.parent?.id ?? null,
    slug,
    path: input.parent ? `${input.parent.path}/${slug}` : slug,
    name: toNfc(input.name),
    name_en: toNfc(input.nameEn ?? '').trim(),
    description: toNfc(input.description ?? ''),
    position: input.position ?? 0,
    is_on_home: input.isOnHome ? 1 : 0,
    created_at: now.toISOString(),
  };
  await changeSiteContent(db, input.siteId, (trx) => insertCategory(trx, row));
  return categoryRowToCategory(row);
}

export interface CategoryMove {
  siteId: string;
  categoryId: string;
  /** The new parent, or null for the top level. */
  newParentId: string | null;
}

/**
 * Moves a category, with everything below it, under another parent or to the top level;
 * the paths (URLs) of the whole subtree change together in one transaction. Works inside
 * the caller's transaction too (one call at a time there). Every old path of the subtree
 * then answers with a 301 to its new one (see the redirects module). Returns the category
 * as it now is.
 * @throws NOT_FOUND when the category is not one of the site's.
 * @throws INVALID_INPUT (field parentId) when the new parent is the category itself, lies
 *   below it, or is not a category of this site.
 * @throws CONFLICT when another category already has a path the move would give.
 */
export async function moveCategory(db: Kysely<Database>, move: CategoryMove): Promise<Category> {
  const run = async (trx: Kysely<Database>) => {
    await lockCategoriesOfSite(trx, move.siteId);
    const tree = await loadCategoryTree(trx, move.siteId);
    const { category, parent, subtree } = checkMove(tree, move);
    const paths = subtreePaths(subtree, parent);
    const clash = tree.all.find((other) => !paths.has(other.id) && [...paths.values()].includes(other.path));
    if (clash) throw new CategoryPathTakenError(clash.path);
    const { takenPath } = await updateSubtreePlacement(trx, { siteId: move.siteId, categoryId: category.id, parentId: parent?.id ?? null, paths });
    if (takenPath !== undefined) throw new CategoryPathTakenError(takenPath);
    await recordSubtreeMove(trx, { siteId: move.siteId, subtree, paths });
    return { ...category, parentId: parent?.id ?? null, path: paths.get(category.id)! };
  };
  // Paths change what many pages show: the site's content version goes up with them.
  return changeSiteContent(db, move.siteId, run);
}

function checkMove(tree: CategoryTree, move: CategoryMove): { category: Category; parent: Category | undefined; subtree: Category[] } {
  const category = tree.findById(move.categoryId);
  if (!category) throw new CategoryNotFoundError();
  const parent = move.newParentId === null ? undefined : tree.findById(move.newParentId);
  if (move.newParentId !== null && !parent) {
    throw new InvalidInputError('Chuyên mục cha được chọn không có trên trang này.', { field: 'parentId', help: 'Hãy chọn một chuyên mục của chính trang này, hoặc để trống để đưa lên cấp cao nhất.' });
  }
  if (!parent && isReservedPathSegment(category.slug)) throw new CategorySlugReservedError(category.slug);
  const subtree = tree.withDescendants(category.id);
  if (parent && subtree.some((c) => c.id === parent.id)) {
    throw new InvalidInputError('Không thể chuyển chuyên mục vào chính nó hoặc vào một chuyên mục con của nó.', { field: 'parentId', help: 'Hãy chọn chuyên mục cha nằm ngoài nhánh đang chuyển.' });
  }
  return { category, parent, subtree };
}

/**
 * Old URLs keep answering: one redirect per category of the subtree (articles below follow
 * by prefix), in the transaction that rewrote the paths, so they are never out of step.
 */
async function recordSubtreeMove(trx: Kysely<Database>, input: { siteId: string; subtree: Category[]; paths: Map<string, string> }): Promise<void> {
  for (const c of input.subtree) await recordMove(trx, { siteId: input.siteId, fromPath: c.path, toPath: input.paths.get(c.id)! });
}

/**
 * New paths from the parent's path and each slug. Recomputed rather than prefix-replaced,
 * so paths that hand edits left inconsistent come out right. `subtree` lists parents first.
 */
function subtreePaths(subtree: Category[], parent: Category | undefined, topSlug = subtree[0]!.slug): Map<string, string> {
  const [top, ...below] = subtree;
  const paths = new Map([[top!.id, parent ? `${parent.path}/${topSlug}` : topSlug]]);
  for (const c of below) paths.set(c.id, `${paths.get(c.parentId!)}/${c.slug}`);
  return paths;
}

export interface CategoryRenaming {
  siteId: string;
  categoryId: string;
  /** NFC, checked by the caller. */
  name: string;
  /** The new last segment of its URL; the same slug keeps every URL as it is. */
  slug: string;
  /** The English name, checked by the caller; undefined keeps the one it has. */
  nameEn?: string;
}

/** A rename would give the category the path another category has. */
export class CategorySlugTakenError extends AppError {
  constructor(path: string) {
    super('CONFLICT', `Đã có chuyên mục khác ở địa chỉ /${path}.`, { field: 'slug', help: 'Hãy chọn tên rút gọn (slug) khác cho chuyên mục này.' });
  }
}

/**
 * Renames a category. A new slug moves its URL and those of everything below it, in one
 * transaction, and every old path answers with a 301 to its new one (as moveCategory
 * does). Works inside the caller's transaction too. Returns the category before and after.
 * @throws NOT_FOUND when the category is not one of the site's.
 * @throws INVALID_INPUT (CategorySlugReservedError) for a route word at the top level.
 * @throws CONFLICT (field slug) when another category already has a path the rename would give.
 */
export async function updateCategoryName(db: Kysely<Database>, renaming: CategoryRenaming): Promise<{ before: Category; after: Category }> {
  const { siteId, categoryId, name, slug, nameEn } = renaming;
  const run = async (trx: Kysely<Database>) => {
    await lockCategoriesOfSite(trx, siteId);
    const tree = await loadCategoryTree(trx, siteId);
    const category = tree.findById(categoryId);
    if (!category) throw new CategoryNotFoundError();
    let path = category.path;
    if (slug !== category.slug) {
      const parent = category.parentId === null ? undefined : tree.findById(category.parentId);
      if (!parent && isReservedPathSegment(slug)) throw new CategorySlugReservedError(slug);
      const subtree = tree.withDescendants(category.id);
      const paths = subtreePaths(subtree, parent, slug);
      const clash = tree.all.find((other) => !paths.has(other.id) && [...paths.values()].includes(other.path));
      if (clash) throw new CategorySlugTakenError(clash.path);
      // The paths first: a clash found by the database leaves nothing written (a savepoint).
      const { takenPath } = await updateSubtreePlacement(trx, { siteId, categoryId, parentId: category.parentId, paths });
      if (takenPath !== undefined) throw new CategorySlugTakenError(takenPath);
      await recordSubtreeMove(trx, { siteId, subtree, paths });
      path = paths.get(category.id)!;
    }
    await updateCategoryNaming(trx, { siteId, categoryId, name, slug });
    if (nameEn !== undefined) await updateCategoryEnglishName(trx, { siteId, categoryId, nameEn: toNfc(nameEn).trim() });
    return { before: category, after: { ...category, name, slug, path, nameEn: nameEn === undefined ? category.nameEn : toNfc(nameEn).trim() } };
  };
  return changeSiteContent(db, siteId, run);
}

/**
 * Moves a category one place up or down among its siblings (the order of menus built
 * from the tree and of the home page's groups). The siblings are numbered 0, 1, 2… as
 * they are listed, so equal positions left by imports sort out on the first move.
 * Returns false when it is already first (up) or last (down).
 * @throws NOT_FOUND when the category is not one of the site's.
 */
export async function shiftCategory(db: Kysely<Database>, input: { siteId: string; categoryId: string; direction: 'up' | 'down' }): Promise<boolean> {
  const run = async (trx: Kysely<Database>) => {
    await lockCategoriesOfSite(trx, input.siteId);
    const tree = await loadCategoryTree(trx, input.siteId);
    const category = tree.findById(input.categoryId);
    if (!category) throw new CategoryNotFoundError();
    const siblings = category.parentId === null ? tree.roots() : tree.childrenOf(category.parentId);
    const from = siblings.findIndex((c) => c.id === category.id);
    const to = input.direction === 'up' ? from - 1 : from + 1;
    if (to < 0 || to >= siblings.length) return false;
    [siblings[from], siblings[to]] = [siblings[to]!, siblings[from]!];
    const positions = new Map(siblings.flatMap((c, position) => (c.position === position ? [] : [[c.id, position] as const])));
    await updateCategoryPositions(trx, { siteId: input.siteId, positions });
    return true;
  };
  return changeSiteContent(db, input.siteId, run);
}

/** A category that still has something in it (children, articles, a sidebar block) is kept. */
export class CategoryInUseError extends AppError {
  constructor(message: string, help: string) {
    super('CONFLICT', message, { help });
  }
}

/**
 * Deletes an empty category: one without child categories, articles (in any state, as
 * their main or an extra category) or sidebar blocks listing it. Returns what was deleted.
 * @throws NOT_FOUND when the category is not one of the site's.
 * @throws CONFLICT (CategoryInUseError) when something is still in it.
 */
export async function removeEmptyCategory(db: Kysely<Database>, input: { siteId: string; categoryId: string }): Promise<Category> {
  const run = async (trx: Kysely<Database>) => {
    await lockCategoriesOfSite(trx, input.siteId);
    const tree = await loadCategoryTree(trx, input.siteId);
    const category = tree.findById(input.categoryId);
    if (!category) throw new CategoryNotFoundError();
    const children = tree.childrenOf(category.id).length;
    if (children > 0) throw new CategoryInUseError(`Chuyên mục "${category.name}" còn ${children} chuyên mục con nên chưa xoá được.`, 'Hãy chuyển hoặc xoá các chuyên mục con trước.');
    const references = await countCategoryReferences(trx, input);
    if (references.articles > 0) throw new CategoryInUseError(`Chuyên mục "${category.name}" còn ${references.articles} bài viết nên chưa xoá được.`, 'Hãy chuyển các bài viết sang chuyên mục khác (kể cả bài nháp và bài lưu trữ) trước khi xoá.');
    if (references.sidebarBlocks > 0) throw new CategoryInUseError(`Chuyên mục "${category.name}" đang được dùng trong ${references.sidebarBlocks} khối bên lề nên chưa xoá được.`, 'Hãy sửa hoặc xoá các khối bên lề đó trước.');
    await deleteCategoryRow(trx, input);
    return category;
  };
  return changeSiteContent(db, input.siteId, run);
}
