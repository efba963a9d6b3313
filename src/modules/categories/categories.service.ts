/**
 * The category tree of a site (Tin tức > Thông báo). A category's URL is the path of
 * slugs from the root, so a page can be found from its URL without a join per level.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { slugify, toNfc } from '../../platform/i18n/vi.js';
import { InvalidInputError } from '../../platform/errors.js';
import { findCategoriesOfSite, insertCategory, type CategoryRow } from './categories.repo.js';

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

  /** The category and all below it: a parent's page lists its children's articles too. */
  withDescendants(id: string): Category[] {
    const result: Category[] = [];
    const visit = (category: Category | undefined) => {
      if (!category) return;
      result.push(category);
      for (const child of this.childrenOf(category.id)) visit(child);
    };
    visit(this.byId.get(id));
    return result;
  }

  /** Root first: [Tin tức, Thông báo]. */
  ancestry(id: string): Category[] {
    const chain: Category[] = [];
    for (let c = this.byId.get(id); c; c = c.parentId ? this.byId.get(c.parentId) : undefined) chain.unshift(c);
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
  await insertCategory(db, row);
  return categoryRowToCategory(row);
}
