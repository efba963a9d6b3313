/**
 * A site's managed lists: loại văn bản (document_types) and lĩnh vực (document_fields).
 * A site gets the usual ones the first time staff work with the registry; after that the
 * lists are the site's own (renamed, reordered, added to, emptied items deleted).
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
import { DocumentListItemInUseError, DocumentListItemNotFoundError } from './legal-documents.errors.js';
import { syncDocumentSearch } from './legal-documents.search.js';
import { COLLECTION_LABELS, DEFAULT_DOCUMENT_TYPES, isDocumentCollection, type DocumentCollection } from './document-collections.js';

export type DocumentList = 'type' | 'field';

export const DEFAULT_DOCUMENT_FIELDS = ['Lao động - Việc làm', 'Người có công', 'Bảo trợ xã hội', 'Giáo dục nghề nghiệp', 'Trẻ em', 'Bình đẳng giới', 'Phòng chống tệ nạn xã hội', 'Khác'] as const;

const TABLES = { type: 'document_types', field: 'document_fields' } as const;
const LIST_LABELS = { type: 'loại văn bản', field: 'lĩnh vực' } as const;
const MAX_ITEMS = 200;
const MAX_NAME = 100;

export interface DocumentListItem {
  id: string;
  name: string;
  slug: string;
  position: number;
  /** Types only: the collection whose page lists its documents. */
  collection?: DocumentCollection;
}

/** A list of the site, in its order. */
export async function listDocumentListItems(db: Kysely<Database>, input: { siteId: string; list: DocumentList }): Promise<DocumentListItem[]> {
  if (input.list === 'field') return db.selectFrom('document_fields').select(['id', 'name', 'slug', 'position']).where('site_id', '=', input.siteId).orderBy('position').orderBy('name').execute();
  const rows = await db.selectFrom('document_types').select(['id', 'name', 'slug', 'position', 'collection']).where('site_id', '=', input.siteId).orderBy('position').orderBy('name').execute();
  return rows.map((row) => ({ ...row, collection: isDocumentCollection(row.collection) ? row.collection : 'legal' }));
}

/**
 * Gives the site the default types and fields when it has none yet (its first document,
 * import or staff screen). Idempotent; runs in the caller's transaction when there is one.
 */
export async function ensureDefaultLists(db: Kysely<Database>, input: { siteId: string; now: Date }): Promise<void> {
  const defaults = { type: DEFAULT_DOCUMENT_TYPES, field: DEFAULT_DOCUMENT_FIELDS.map((name) => ({ name })) };
  for (const list of ['type', 'field'] as const) {
    const table = TABLES[list];
    const any = await db.selectFrom(table).select('id').where('site_id', '=', input.siteId).limit(1).executeTakeFirst();
    if (any) continue;
    await db
      .insertInto(table)
      .values(defaults[list].map((item, position) => ({ id: crypto.randomUUID(), site_id: input.siteId, name: item.name, slug: slugify(item.name), position, created_at: input.now.toISOString(), ...('collection' in item ? { collection: item.collection } : {}) })))
      // Two first requests at once: the second's rows collide on (site, slug) and are simply not needed.
      .onConflict((oc) => oc.columns(['site_id', 'slug']).doNothing())
      .execute();
  }
}

function cleanName(raw: unknown, list: DocumentList): string {
  const name = toNfc(String(raw ?? '').replace(/\s+/g, ' ').trim());
  if (!name) throw new InvalidInputError(`Tên ${LIST_LABELS[list]} không được để trống.`, { field: 'name' });
  if (name.length > MAX_NAME) throw new InvalidInputError(`Tên ${LIST_LABELS[list]} không được dài quá ${MAX_NAME} ký tự.`, { field: 'name' });
  if (!slugify(name)) throw new InvalidInputError(`Tên ${LIST_LABELS[list]} cần có chữ hoặc số.`, { field: 'name' });
  return name;
}

function cleanCollection(raw: string): DocumentCollection {
  if (!isDocumentCollection(raw)) throw new InvalidInputError(`Hãy chọn nhóm của loại văn bản: ${Object.values(COLLECTION_LABELS).join(', ')}.`, { field: 'collection' });
  return raw;
}

async function checkNameFree(db: Kysely<Database>, input: { siteId: string; list: DocumentList; slug: string; exceptId?: string }): Promise<void> {
  let query = db.selectFrom(TABLES[input.list]).select('id').where('site_id', '=', input.siteId).where('slug', '=', input.slug);
  if (input.exceptId) query = query.where('id', '!=', input.exceptId);
  if (await query.executeTakeFirst()) throw new InvalidInputError(`Danh mục ${LIST_LABELS[input.list]} đã có mục này.`, { field: 'name' });
}

/**
 * Adds an item at the end of a list.
 * @throws FORBIDDEN without document.publish; INVALID_INPUT for an empty, too long or repeated name.
 */
export async function createDocumentListItem(db: Kysely<Database>, scope: RequestScope, input: { list: DocumentList; name: string; collection?: string }): Promise<DocumentListItem> {
  requirePermission(scope.actor, 'document.publish');
  const name = cleanName(input.name, input.list);
  const collection = input.list === 'type' ? cleanCollection(input.collection ?? 'legal') : undefined;
  return inTransaction(db, async (trx) => {
    await ensureDefaultLists(trx, { siteId: scope.siteId, now: scope.now });
    const table = TABLES[input.list];
    const slug = slugify(name);
    await checkNameFree(trx, { siteId: scope.siteId, list: input.list, slug });
    const stats = await trx.selectFrom(table).select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('position').as('last')]).where('site_id', '=', scope.siteId).executeTakeFirstOrThrow();
    if (Number(stats.n) >= MAX_ITEMS) throw new InvalidInputError(`Một danh mục có tối đa ${MAX_ITEMS} mục.`, { field: 'name' });
    const item = { id: crypto.randomUUID(), name, slug, position: Number(stats.last ?? -1) + 1, ...(collection ? { collection } : {}) };
    await trx.insertInto(table).values({ ...item, site_id: scope.siteId, created_at: scope.now.toISOString() }).execute();
    await recordAudit(trx, scope, { action: `document_${input.list}.created`, targetType: `document_${input.list}`, targetId: item.id, detail: { name, collection } });
    return item;
  });
}

/**
 * Renames an item or moves it in the list. Names show on public pages: the site's content changes.
 * @throws FORBIDDEN; NOT_FOUND for another site's item; INVALID_INPUT.
 */
export async function updateDocumentListItem(db: Kysely<Database>, scope: RequestScope, input: { list: DocumentList; id: string; name?: string; position?: number; collection?: string }): Promise<DocumentListItem> {
  requirePermission(scope.actor, 'document.publish');
  const table = TABLES[input.list];
  const name = input.name === undefined ? undefined : cleanName(input.name, input.list);
  const collection = input.list === 'type' && input.collection !== undefined ? cleanCollection(input.collection) : undefined;
  if (input.position !== undefined && (!Number.isInteger(input.position) || input.position < 0 || input.position > 10_000)) throw new InvalidInputError('Vị trí không hợp lệ.', { field: 'position' });
  return changeSiteContent(db, scope.siteId, async (trx) => {
    const row = await trx.selectFrom(table).select(['id', 'name', 'slug', 'position']).where('id', '=', input.id).where('site_id', '=', scope.siteId).executeTakeFirst();
    if (!row) throw new DocumentListItemNotFoundError();
    const next = { ...row, ...(name !== undefined ? { name, slug: slugify(name) } : {}), ...(input.position !== undefined ? { position: input.position } : {}) };
    if (next.slug !== row.slug) await checkNameFree(trx, { siteId: scope.siteId, list: input.list, slug: next.slug, exceptId: row.id });
    await trx.updateTable(table).set({ name: next.name, slug: next.slug, position: next.position }).where('id', '=', row.id).execute();
    if (collection) await trx.updateTable('document_types').set({ collection }).where('id', '=', row.id).execute();
    if (next.name !== row.name) {
      // The name is in the search records of its documents ("Nghị định 75/2021/NĐ-CP: …").
      const column = input.list === 'type' ? 'type_id' : 'field_id';
      const documents = await trx.selectFrom('legal_documents').select('id').where('site_id', '=', scope.siteId).where(column, '=', row.id).where('publication', '=', 'published').execute();
      for (const document of documents) await syncDocumentSearch(trx, { siteId: scope.siteId, documentId: document.id });
    }
    await recordAudit(trx, scope, { action: `document_${input.list}.updated`, targetType: `document_${input.list}`, targetId: row.id, detail: { from: row.name, to: next.name, position: next.position, collection } });
    return { ...next, ...(collection ? { collection } : {}) };
  });
}

/**
 * Deletes an item no document uses.
 * @throws FORBIDDEN; NOT_FOUND; CONFLICT while documents use it.
 */
export async function deleteDocumentListItem(db: Kysely<Database>, scope: RequestScope, input: { list: DocumentList; id: string }): Promise<void> {
  requirePermission(scope.actor, 'document.publish');
  const table = TABLES[input.list];
  await changeSiteContent(db, scope.siteId, async (trx) => {
    const row = await trx.selectFrom(table).select(['id', 'name']).where('id', '=', input.id).where('site_id', '=', scope.siteId).executeTakeFirst();
    if (!row) throw new DocumentListItemNotFoundError();
    const column = input.list === 'type' ? 'type_id' : 'field_id';
    const used = await trx.selectFrom('legal_documents').select((eb) => eb.fn.countAll<number>().as('n')).where(column, '=', row.id).executeTakeFirstOrThrow();
    if (Number(used.n) > 0) throw new DocumentListItemInUseError(Number(used.n));
    await trx.deleteFrom(table).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: `document_${input.list}.deleted`, targetType: `document_${input.list}`, targetId: row.id, detail: { name: row.name } });
  });
}
