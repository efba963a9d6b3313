/**
 * The category tree of a site (Tin tức > Thông báo). A category's URL is the path of
 * slugs from the root, so a page can be found from its URL without a join per level.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { slugify, toNfc } from '../../platform/i18n/vi.js';
import { InvalidInputError } from '../../platform/errors.js';
import { isReservedPathSegment } from '../../platform/http/reserved-paths.js';
import { recordMove } from '../redirects/index.js';
import { changeSiteContent } from '../sites/index.js';
import { CategoryNotFoundError, CategoryPathTakenError, CategorySlugReservedError } from './categories.errors.js';
import { findCategoriesOfSite, insertCategory, lockCategoriesOfSite, updateSubtreePlacement, type CategoryRow } from './categories.repo.js';

export interface Category {
  id: string;
  parentId: string | null;
  slug: string;
  path: string;
  name: string;
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
function subtreePaths(subtree: Category[], parent: Category | undefined): Map<string, string> {
  const [top, ...below] = subtree;
  const paths = new Map([[top!.id, parent ? `${parent.path}/${top!.slug}` : top!.slug]]);
  for (const c of below) paths.set(c.id, `${paths.get(c.parentId!)}/${c.slug}`);
  return paths;
}
