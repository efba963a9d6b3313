/**
 * A site's lĩnh vực of procedures (procedure_fields). A site gets the usual fields of a
 * Department of Labour, Invalids and Social Affairs the first time staff work with its
 * procedures; after that the list is the site's own (renamed, reordered, added to,
 * unused items deleted). Managing it takes procedure.publish: names show on public pages.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { InvalidInputError } from '../../platform/errors.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { slugify, toNfc } from '../../platform/i18n/vi.js';
import { requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { changeSiteContent } from '../sites/index.js';
import { ProcedureFieldInUseError, ProcedureFieldNotFoundError } from './public-services.errors.js';
import { syncProcedureSearch } from './public-services.search.js';

export const DEFAULT_PROCEDURE_FIELDS = [
  'Việc làm',
  'Giáo dục nghề nghiệp',
  'Người có công',
  'Bảo trợ xã hội',
  'An toàn, vệ sinh lao động',
  'Lao động, tiền lương',
  'Quản lý lao động ngoài nước',
  'Trẻ em',
  'Phòng, chống tệ nạn xã hội',
  'Bình đẳng giới',
] as const;

const MAX_ITEMS = 200;
const MAX_NAME = 100;

export interface ProcedureField {
  id: string;
  name: string;
  slug: string;
  position: number;
}

/** The site's fields, in order. */
export async function listProcedureFields(db: Kysely<Database>, siteId: string): Promise<ProcedureField[]> {
  return db.selectFrom('procedure_fields').select(['id', 'name', 'slug', 'position']).where('site_id', '=', siteId).orderBy('position').orderBy('name').execute();
}

/** Gives the site the default fields when it has none (idempotent; in the caller's transaction when there is one). */
export async function ensureDefaultProcedureFields(db: Kysely<Database>, input: { siteId: string; now: Date }): Promise<void> {
  const any = await db.selectFrom('procedure_fields').select('id').where('site_id', '=', input.siteId).limit(1).executeTakeFirst();
  if (any) return;
  await db
    .insertInto('procedure_fields')
    .values(DEFAULT_PROCEDURE_FIELDS.map((name, position) => ({ id: crypto.randomUUID(), site_id: input.siteId, name, slug: slugify(name), position, created_at: input.now.toISOString() })))
    // Two first requests at once: the second's rows collide on (site, slug) and are not needed.
    .onConflict((oc) => oc.columns(['site_id', 'slug']).doNothing())
    .execute();
}

function cleanName(raw: unknown): string {
  // eslint-disable-next-line no-control-regex
  const name = toNfc(String(raw ?? '').replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/\s+/g, ' ').trim());
  if (!name) throw new InvalidInputError('Tên lĩnh vực không được để trống.', { field: 'name' });
  if (name.length > MAX_NAME) throw new InvalidInputError(`Tên lĩnh vực không được dài quá ${MAX_NAME} ký tự.`, { field: 'name' });
  if (!slugify(name)) throw new InvalidInputError('Tên lĩnh vực cần có chữ hoặc số.', { field: 'name' });
  return name;
}

async function checkNameFree(db: Kysely<Database>, input: { siteId: string; slug: string; exceptId?: string }): Promise<void> {
  let query = db.selectFrom('procedure_fields').select('id').where('site_id', '=', input.siteId).where('slug', '=', input.slug);
  if (input.exceptId) query = query.where('id', '!=', input.exceptId);
  if (await query.executeTakeFirst()) throw new InvalidInputError('Danh mục lĩnh vực đã có mục này.', { field: 'name' });
}

/**
 * Adds a field at the end of the list.
 * @throws FORBIDDEN without procedure.publish; INVALID_INPUT for an empty, too long or repeated name.
 */
export async function createProcedureField(db: Kysely<Database>, scope: RequestScope, input: { name: string }): Promise<ProcedureField> {
  requirePermission(scope.actor, 'procedure.publish');
  const name = cleanName(input.name);
  return inTransaction(db, async (trx) => {
    await ensureDefaultProcedureFields(trx, { siteId: scope.siteId, now: scope.now });
    const slug = slugify(name);
    await checkNameFree(trx, { siteId: scope.siteId, slug });
    const stats = await trx.selectFrom('procedure_fields').select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('position').as('last')]).where('site_id', '=', scope.siteId).executeTakeFirstOrThrow();
    if (Number(stats.n) >= MAX_ITEMS) throw new InvalidInputError(`Danh mục có tối đa ${MAX_ITEMS} lĩnh vực.`, { field: 'name' });
    const item = { id: crypto.randomUUID(), name, slug, position: Number(stats.last ?? -1) + 1 };
    await trx.insertInto('procedure_fields').values({ ...item, site_id: scope.siteId, created_at: scope.now.toISOString() }).execute();
    await recordAudit(trx, scope, { action: 'procedure_field.created', targetType: 'procedure_field', targetId: item.id, detail: { name } });
    return item;
  });
}

/**
 * Renames a field or moves it in the list; the site's pages and the search records of its procedures follow.
 * @throws FORBIDDEN; NOT_FOUND for another site's field; INVALID_INPUT.
 */
export async function updateProcedureField(db: Kysely<Database>, scope: RequestScope, input: { id: string; name?: string; position?: number }): Promise<ProcedureField> {
  requirePermission(scope.actor, 'procedure.publish');
  const name = input.name === undefined ? undefined : cleanName(input.name);
  if (input.position !== undefined && (!Number.isInteger(input.position) || input.position < 0 || input.position > 10_000)) throw new InvalidInputError('Thứ tự phải là một số nguyên từ 0 đến 10.000.', { field: 'position' });
  return changeSiteContent(db, scope.siteId, async (trx) => {
    const row = await trx.selectFrom('procedure_fields').select(['id', 'name', 'slug', 'position']).where('id', '=', String(input.id)).where('site_id', '=', scope.siteId).executeTakeFirst();
    if (!row) throw new ProcedureFieldNotFoundError();
    const next = { ...row, ...(name !== undefined ? { name, slug: slugify(name) } : {}), ...(input.position !== undefined ? { position: input.position } : {}) };
    if (next.slug !== row.slug) await checkNameFree(trx, { siteId: scope.siteId, slug: next.slug, exceptId: row.id });
    await trx.updateTable('procedure_fields').set({ name: next.name, slug: next.slug, position: next.position }).where('id', '=', row.id).execute();
    if (next.name !== row.name) {
      const procedures = await trx.selectFrom('procedures').select('id').where('site_id', '=', scope.siteId).where('field_id', '=', row.id).where('publication', '=', 'published').execute();
      for (const procedure of procedures) await syncProcedureSearch(trx, { siteId: scope.siteId, procedureId: procedure.id });
    }
    await recordAudit(trx, scope, { action: 'procedure_field.updated', targetType: 'procedure_field', targetId: row.id, detail: { from: row.name, to: next.name, position: next.position } });
    return next;
  });
}

/**
 * Deletes a field no procedure uses.
 * @throws FORBIDDEN; NOT_FOUND; CONFLICT while procedures use it.
 */
export async function deleteProcedureField(db: Kysely<Database>, scope: RequestScope, input: { id: string }): Promise<void> {
  requirePermission(scope.actor, 'procedure.publish');
  await changeSiteContent(db, scope.siteId, async (trx) => {
    const row = await trx.selectFrom('procedure_fields').select(['id', 'name']).where('id', '=', String(input.id)).where('site_id', '=', scope.siteId).executeTakeFirst();
    if (!row) throw new ProcedureFieldNotFoundError();
    const used = await trx.selectFrom('procedures').select((eb) => eb.fn.countAll<number>().as('n')).where('field_id', '=', row.id).executeTakeFirstOrThrow();
    if (Number(used.n) > 0) throw new ProcedureFieldInUseError(Number(used.n));
    await trx.deleteFrom('procedure_fields').where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'procedure_field.deleted', targetType: 'procedure_field', targetId: row.id, detail: { name: row.name } });
  });
}
