/** Categories as the newsroom changes them: behind the role matrix, in the audit log. */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { InvalidInputError } from '../../platform/errors.js';
import { SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { createCategory, loadCategoryTree, type Category } from './categories.service.js';

/** Every category of the scope's site, parents before children. */
export async function listCategoriesForStaff(db: Kysely<Database>, scope: RequestScope): Promise<Category[]> {
  requirePermission(scope.actor, 'staff.enter');
  return (await loadCategoryTree(db, scope.siteId)).all;
}

/**
 * @throws FORBIDDEN without site.structure; INVALID_INPUT for an unknown parent or a reserved slug; CONFLICT for a taken path.
 */
export async function addCategory(db: Kysely<Database>, scope: RequestScope, input: { name: string; slug?: string; parentId?: string | null; description?: string; position?: number; isOnHome?: boolean }): Promise<Category> {
  requirePermission(scope.actor, 'site.structure');
  const name = input.name.trim();
  if (!name || name.length > 200) throw new InvalidInputError('Tên chuyên mục phải có từ 1 đến 200 ký tự.', { field: 'name' });
  if (input.slug && (!SLUG_PATTERN.test(input.slug) || input.slug.length > 120)) throw new InvalidInputError('Tên rút gọn (slug) chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang.', { field: 'slug' });
  const tree = await loadCategoryTree(db, scope.siteId);
  const parent = input.parentId ? tree.findById(input.parentId) : undefined;
  if (input.parentId && !parent) throw new InvalidInputError('Chuyên mục cha không có trên trang này.', { field: 'parentId' });
  const category = await createCategory(db, { siteId: scope.siteId, name, slug: input.slug || undefined, parent, description: input.description, position: input.position, isOnHome: input.isOnHome }, scope.now);
  await recordAudit(db, scope, { action: 'category.created', targetType: 'category', targetId: category.id, detail: { name, path: category.path } });
  return category;
}
