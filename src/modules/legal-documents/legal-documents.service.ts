/**
 * The staff's use-cases on the legal documents registry: create, edit (each save a
 * revision), publish and unpublish, mark as replaced, attach files, relate documents.
 * Every function takes the request scope and checks the actor first (default deny):
 * 'document.edit' to work on documents, and 'document.publish' to publish, unpublish, or
 * change anything of a document the public sees. Each runs in one transaction with its
 * audit entry and, when readers see the change, the site's content version and search.
 * Another site's document is simply not found.
 */
import crypto from 'node:crypto';
import { PostgresAdapter, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolationOf, type UniqueKey } from '../../platform/db/db-errors.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { scheduleJob } from '../../platform/jobs/jobs.js';
import { AppError, ForbiddenError, InvalidInputError } from '../../platform/errors.js';
import { SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { foldVietnamese, toNfc } from '../../platform/i18n/vi.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import { inlineMediaIds, PUBLISH_DUE_JOB } from '../articles/index.js';
import { sanitizeBody } from '../articles/sanitize-body.js';
import { recordAudit } from '../audit/index.js';
import { MEDIA_URL_PREFIX } from '../media/index.js';
import { recordMove } from '../redirects/index.js';
import { changeSiteContent } from '../sites/index.js';
import { parseDocumentDay } from './document-dates.js';
import { ensureDefaultLists } from './document-lists.js';
import { documentSlug, MAX_NUMBER_LENGTH, normaliseDocumentNumber, numberIdentity } from './document-numbers.js';
import { effectiveStatus, vietnamDay, type DocumentStatus, type Publication } from './document-status.js';
import { DocumentNumberTakenError, DocumentSlugBusyError, DocumentSlugTakenError, InvalidPublicationStepError, LegalDocumentNotFoundError } from './legal-documents.errors.js';
import { DOCUMENTS_PATH, syncDocumentSearch } from './legal-documents.search.js';
import type { LegalDocumentsTable } from './legal-documents.table.js';

export type LegalDocumentRow = Selectable<LegalDocumentsTable>;

/** Everything staff edit on a document's form. */
export interface LegalDocumentFields {
  /** Số ký hiệu as written: "20/2021/NĐ-CP". */
  number: string;
  /** URL word under /van-ban/; from the number when left empty. */
  slug: string;
  typeId: string;
  /** Cơ quan ban hành. */
  issuer: string;
  /** Người ký. */
  signer: string;
  /** 'YYYY-MM-DD' */
  issuedOn: string | null;
  effectiveOn: string | null;
  /** Ngày hết hiệu lực: from this day on the document reads as expired. */
  expiresOn: string | null;
  /** Staff declare it no longer in force (with or without a ngày hết hiệu lực). */
  isDeclaredExpired: boolean;
  /** Lĩnh vực. */
  fieldId: string | null;
  /** Trích yếu. */
  summary: string;
  /** Optional full text, sanitised like an article body. */
  bodyHtml: string;
}

/** What a form, the API or an import row sends: anything may be missing or wrong. Days: 'YYYY-MM-DD', dd/mm/yyyy or a Date. */
export type LegalDocumentInput = Partial<Omit<LegalDocumentFields, 'issuedOn' | 'effectiveOn' | 'expiresOn'>> & {
  issuedOn?: string | Date | null;
  effectiveOn?: string | Date | null;
  expiresOn?: string | Date | null;
};

/** A revision's snapshot: the fields plus what other use-cases change. */
export interface LegalDocumentSnapshot extends LegalDocumentFields {
  replacedById: string | null;
  attachmentIds: string[];
  relatedIds: string[];
}

export const DOCUMENT_LIMITS = { number: MAX_NUMBER_LENGTH, issuer: 300, signer: 200, summary: 2_000, body: 1_000_000, slug: 120, attachments: 50, related: 100 } as const;

const messages = {
  numberRequired: 'Số ký hiệu không được để trống.',
  numberHelp: 'Ví dụ: 20/2021/NĐ-CP, 26/2020/TT-BLĐTBXH, 1234/QĐ-UBND.',
  numberWithoutDigit: 'Số ký hiệu phải có chữ số, ví dụ 20/2021/NĐ-CP.',
  typeRequired: 'Hãy chọn loại văn bản.',
  fieldUnknown: 'Lĩnh vực này không có trong danh mục của trang.',
  summaryRequired: 'Trích yếu không được để trống.',
  badDay: (label: string) => `${label} không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 16/01/2022.`,
  expiresBeforeIssued: 'Ngày hết hiệu lực phải sau ngày ban hành.',
  effectiveBeforeIssued: 'Ngày hiệu lực không được trước ngày ban hành.',
  slugPattern: 'Địa chỉ văn bản chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ 20-2021-nd-cp).',
  bodyTooLong: 'Nội dung văn bản quá dài (tối đa khoảng 1 triệu ký tự).',
  foreignImage: 'Nội dung có ảnh không thuộc thư viện của trang.',
  tooLong: (label: string, max: number) => `${label} không được dài quá ${max} ký tự.`,
  publishedNeedsPublisher: 'Văn bản này đang hiển thị công khai: chỉ trưởng ban biên tập hoặc quản trị được thay đổi nó.',
  publishedNeedsPublisherHelp: 'Hãy nhờ trưởng ban biên tập sửa, hoặc gỡ văn bản xuống trước.',
} as const;

export class DocumentNotReadyError extends AppError {
  constructor(readonly missing: string[]) {
    super('INVALID_INPUT', `Văn bản chưa đủ để xuất bản: thiếu ${missing.join(', ')}.`, { help: 'Hãy bổ sung các mục trên rồi xuất bản lại.' });
  }
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function cleanLine(value: unknown, field: string, max: number, label: string): string {
  const text = toNfc(String(value ?? '').replace(CONTROL, '').replace(/\s+/g, ' ').trim());
  if (text.length > max) throw new InvalidInputError(messages.tooLong(label, max), { field });
  return text;
}

function cleanDay(value: unknown, field: string, label: string): string | null {
  const parsed = parseDocumentDay(value);
  if (parsed === undefined) throw new InvalidInputError(messages.badDay(label), { field });
  return parsed;
}

/** The folded words of a document for the public list's word filter. */
export function foldedTextOf(fields: Pick<LegalDocumentFields, 'number' | 'summary' | 'issuer' | 'signer'>): string {
  return ` ${foldVietnamese([fields.number, fields.summary, fields.issuer, fields.signer].join(' ')).replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

/**
 * Checks and normalises the fields against the site (type, field and images must be its own).
 * @throws INVALID_INPUT with the field at fault.
 */
export async function checkDocumentFields(db: Kysely<Database>, siteId: string, input: LegalDocumentInput, base?: LegalDocumentFields): Promise<LegalDocumentFields> {
  const merged = { ...base, ...input } as LegalDocumentInput;
  const number = cleanLine(merged.number, 'number', DOCUMENT_LIMITS.number, 'Số ký hiệu');
  if (!number) throw new InvalidInputError(messages.numberRequired, { field: 'number', help: messages.numberHelp });
  if (!normaliseDocumentNumber(number)) throw new InvalidInputError(messages.numberWithoutDigit, { field: 'number', help: messages.numberHelp });
  const summary = cleanLine(merged.summary, 'summary', DOCUMENT_LIMITS.summary, 'Trích yếu');
  if (!summary) throw new InvalidInputError(messages.summaryRequired, { field: 'summary' });
  const issuedOn = cleanDay(merged.issuedOn, 'issuedOn', 'Ngày ban hành');
  const effectiveOn = cleanDay(merged.effectiveOn, 'effectiveOn', 'Ngày hiệu lực');
  const expiresOn = cleanDay(merged.expiresOn, 'expiresOn', 'Ngày hết hiệu lực');
  if (issuedOn && expiresOn && expiresOn <= issuedOn) throw new InvalidInputError(messages.expiresBeforeIssued, { field: 'expiresOn' });
  if (issuedOn && effectiveOn && effectiveOn < issuedOn) throw new InvalidInputError(messages.effectiveBeforeIssued, { field: 'effectiveOn' });

  const typeId = String(merged.typeId ?? '');
  const type = typeId ? await db.selectFrom('document_types').select('id').where('site_id', '=', siteId).where('id', '=', typeId).executeTakeFirst() : undefined;
  if (!type) throw new InvalidInputError(messages.typeRequired, { field: 'typeId' });
  const fieldId = merged.fieldId ? String(merged.fieldId) : null;
  if (fieldId && !(await db.selectFrom('document_fields').select('id').where('site_id', '=', siteId).where('id', '=', fieldId).executeTakeFirst())) {
    throw new InvalidInputError(messages.fieldUnknown, { field: 'fieldId' });
  }

  const rawSlug = String(input.slug ?? '').trim().toLowerCase();
  const slug = rawSlug || base?.slug || '';
  if (slug && (!SLUG_PATTERN.test(slug) || slug.length > DOCUMENT_LIMITS.slug)) throw new InvalidInputError(messages.slugPattern, { field: 'slug' });

  const body = String(merged.bodyHtml ?? '');
  if (body.length > DOCUMENT_LIMITS.body) throw new InvalidInputError(messages.bodyTooLong, { field: 'bodyHtml' });
  const bodyHtml = sanitizeBody(body);
  const imageIds = [...new Set(inlineMediaIds(bodyHtml))];
  if (imageIds.length) {
    const found = await db.selectFrom('media').select('id').where('site_id', '=', siteId).where('kind', '=', 'image').where('id', 'in', imageIds).execute();
    if (found.length !== imageIds.length) throw new InvalidInputError(messages.foreignImage, { field: 'bodyHtml' });
  }
  return {
    number,
    slug,
    typeId,
    issuer: cleanLine(merged.issuer, 'issuer', DOCUMENT_LIMITS.issuer, 'Cơ quan ban hành'),
    signer: cleanLine(merged.signer, 'signer', DOCUMENT_LIMITS.signer, 'Người ký'),
    issuedOn,
    effectiveOn,
    expiresOn,
    isDeclaredExpired: Boolean(merged.isDeclaredExpired),
    fieldId,
    summary,
    bodyHtml,
  };
}

/** What is missing before a document may be published (empty when it is ready). */
export function missingForPublication(fields: Pick<LegalDocumentFields, 'number' | 'typeId' | 'issuer' | 'issuedOn' | 'summary'>): string[] {
  const missing: string[] = [];
  if (!fields.number) missing.push('số ký hiệu');
  if (!fields.typeId) missing.push('loại văn bản');
  if (!fields.issuer) missing.push('cơ quan ban hành');
  if (!fields.issuedOn) missing.push('ngày ban hành');
  if (!fields.summary) missing.push('trích yếu');
  return missing;
}

/**
 * Another document of the site with the same number: the same key, and for a number
 * without a year ("123/KH-UBND" is reused every year) also the same year of issue.
 */
export async function findSameNumber(db: Kysely<Database>, input: { siteId: string; numberKey: string; issuedOn: string | null; exceptId?: string }): Promise<{ id: string; number: string } | undefined> {
  let query = db.selectFrom('legal_documents').select(['id', 'number']).where('site_id', '=', input.siteId).where('number_identity', '=', numberIdentity(input.numberKey, input.issuedOn));
  if (input.exceptId) query = query.where('id', '!=', input.exceptId);
  return query.executeTakeFirst();
}

const NUMBER_KEY: UniqueKey = { constraint: 'legal_documents_site_number_unique', table: 'legal_documents', columns: ['site_id', 'number_identity'] };
const SLUG_KEY: UniqueKey = { constraint: 'legal_documents_site_slug_unique', table: 'legal_documents', columns: ['site_id', 'slug'] };

/**
 * The checks above run before each write; a unique key of the table still refuses the
 * rare twin written by a concurrent request meanwhile (PostgreSQL), told as the same conflict.
 */
function conflictOf(error: unknown, number: string | undefined): unknown {
  if (isUniqueViolationOf(error, NUMBER_KEY)) return new DocumentNumberTakenError(number ?? '');
  if (isUniqueViolationOf(error, SLUG_KEY)) return new DocumentSlugBusyError();
  return error;
}

/** A slug free on the site: `wanted` itself when staff chose it (else CONFLICT), or the number's slug with -2, -3… */
async function freeSlug(db: Kysely<Database>, input: { siteId: string; wanted: string; isChosen: boolean; exceptId?: string }): Promise<string> {
  const taken = async (slug: string) => {
    let query = db.selectFrom('legal_documents').select('id').where('site_id', '=', input.siteId).where('slug', '=', slug);
    if (input.exceptId) query = query.where('id', '!=', input.exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  };
  if (!(await taken(input.wanted))) return input.wanted;
  if (input.isChosen) throw new DocumentSlugTakenError(input.wanted);
  for (let n = 2; n < 1_000; n++) {
    const slug = `${input.wanted.slice(0, DOCUMENT_LIMITS.slug - 5)}-${n}`;
    if (!(await taken(slug))) return slug;
  }
  throw new DocumentSlugTakenError(input.wanted);
}

function rowToFields(row: LegalDocumentRow): LegalDocumentFields {
  return {
    number: row.number,
    slug: row.slug,
    typeId: row.type_id,
    issuer: row.issuer,
    signer: row.signer,
    issuedOn: row.issued_on,
    effectiveOn: row.effective_on,
    expiresOn: row.expires_on,
    isDeclaredExpired: row.status === 'expired',
    fieldId: row.field_id,
    summary: row.summary,
    bodyHtml: row.body_html,
  };
}

async function lockDocument(trx: Kysely<Database>, scope: RequestScope, documentId: string): Promise<LegalDocumentRow> {
  let query = trx.selectFrom('legal_documents').selectAll().where('id', '=', String(documentId)).where('site_id', '=', scope.siteId);
  // SQLite's BEGIN IMMEDIATE already holds the only write lock.
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new LegalDocumentNotFoundError();
  return row;
}

/** Changing what readers see of a published document takes a publisher. */
function requireMayChange(scope: RequestScope, row: { publication: string }): void {
  requirePermission(scope.actor, 'document.edit');
  if (row.publication === 'published' && !hasPermission(scope.actor, 'document.publish')) {
    throw new ForbiddenError(messages.publishedNeedsPublisher, messages.publishedNeedsPublisherHelp);
  }
}

async function snapshotOf(db: Kysely<Database>, documentId: string): Promise<LegalDocumentSnapshot> {
  const row = await db.selectFrom('legal_documents').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
  const [attachments, related] = await Promise.all([
    db.selectFrom('legal_document_attachments').select('media_id').where('document_id', '=', documentId).orderBy('position').execute(),
    db.selectFrom('legal_document_relations').select('related_id').where('document_id', '=', documentId).orderBy('related_id').execute(),
  ]);
  return { ...rowToFields(row), replacedById: row.replaced_by_id, attachmentIds: attachments.map((a) => a.media_id), relatedIds: related.map((r) => r.related_id) };
}

async function addRevision(trx: Kysely<Database>, scope: RequestScope, documentId: string): Promise<string> {
  const last = await trx.selectFrom('legal_document_revisions').select((eb) => eb.fn.max('number').as('n')).where('document_id', '=', documentId).executeTakeFirst();
  const id = crypto.randomUUID();
  await trx
    .insertInto('legal_document_revisions')
    .values({ id, document_id: documentId, number: Number(last?.n ?? 0) + 1, author_id: authorId(scope), snapshot: JSON.stringify(await snapshotOf(trx, documentId)), created_at: scope.now.toISOString() })
    .execute();
  return id;
}

function authorId(scope: RequestScope): string | null {
  return scope.actor && scope.actor.via !== 'cli' ? scope.actor.id : null;
}

/**
 * After a change to documents readers may see: the search records of those published
 * now or before, and the site's content version (pages citing them show a new status).
 */
async function publishChanges(trx: Kysely<Database>, scope: RequestScope, rows: { id: string; publication: string }[]): Promise<void> {
  const ids = [...new Set(rows.map((r) => r.id))];
  const current = ids.length ? await trx.selectFrom('legal_documents').select(['id', 'publication']).where('id', 'in', ids).execute() : [];
  const isVisible = [...rows, ...current].some((r) => r.publication === 'published');
  if (!isVisible) return;
  await changeSiteContent(trx, scope.siteId, async () => {
    for (const id of ids) await syncDocumentSearch(trx, { siteId: scope.siteId, documentId: id });
    await scheduleExpiries(trx, scope, ids);
  });
}

/**
 * A document's status turns to "expired" on its ngày hết hiệu lực without any write:
 * the content version goes up at that moment (midnight in Vietnam), so cached pages
 * showing it, or citing it, are rendered again. The articles' publish-due job does exactly
 * that bump; the key moves the job when the date changes.
 */
export async function scheduleExpiries(trx: Kysely<Database>, scope: RequestScope, ids: string[]): Promise<void> {
  if (!ids.length) return;
  const rows = await trx.selectFrom('legal_documents').select(['id', 'expires_on']).where('id', 'in', ids).where('publication', '=', 'published').where('expires_on', 'is not', null).execute();
  for (const row of rows) {
    const at = new Date(`${row.expires_on}T00:00:00+07:00`);
    if (Number.isNaN(at.getTime()) || at.getTime() <= scope.now.getTime()) continue;
    await scheduleJob(trx, { name: PUBLISH_DUE_JOB, key: `document-expiry:${row.id}`, runAt: at, payload: { siteId: scope.siteId } }, scope.now);
  }
}

/** Row values of checked fields. */
function rowValues(fields: LegalDocumentFields, status: string) {
  return {
    number: fields.number,
    number_key: normaliseDocumentNumber(fields.number),
    number_identity: numberIdentity(normaliseDocumentNumber(fields.number), fields.issuedOn),
    slug: fields.slug,
    type_id: fields.typeId,
    issuer: fields.issuer,
    signer: fields.signer,
    issued_on: fields.issuedOn,
    effective_on: fields.effectiveOn,
    expires_on: fields.expiresOn,
    status,
    field_id: fields.fieldId,
    summary: fields.summary,
    body_html: fields.bodyHtml,
    folded_text: foldedTextOf(fields),
  };
}

/**
 * Creates a document as a draft, or published when asked by someone who may publish.
 * The site's default types and fields are created first when it has none.
 * @throws FORBIDDEN without document.edit (document.publish to publish at once);
 *   INVALID_INPUT for bad fields or (publishing) missing ones; CONFLICT for a number or slug taken.
 */
export async function createLegalDocument(db: Kysely<Database>, scope: RequestScope, input: LegalDocumentInput & { isPublishing?: boolean }): Promise<{ id: string; slug: string }> {
  requirePermission(scope.actor, 'document.edit');
  if (input.isPublishing) requirePermission(scope.actor, 'document.publish');
  try {
    return await inTransaction(db, async (trx) => {
      await ensureDefaultLists(trx, { siteId: scope.siteId, now: scope.now });
      const fields = await checkDocumentFields(trx, scope.siteId, input);
      return insertDocument(trx, scope, fields, { isPublishing: Boolean(input.isPublishing), auditAction: 'document.created' });
    });
  } catch (error) {
    throw conflictOf(error, input.number);
  }
}

/** Inserts checked fields (in the caller's transaction): number and slug rules, revision, audit, search. */
export async function insertDocument(trx: Kysely<Database>, scope: RequestScope, fields: LegalDocumentFields, options: { isPublishing: boolean; auditAction: string; auditDetail?: Record<string, unknown>; /** The caller syncs search and the content version once for many (an import). */ isDeferringPublicChanges?: boolean }): Promise<{ id: string; slug: string }> {
  const numberKey = normaliseDocumentNumber(fields.number);
  if (await findSameNumber(trx, { siteId: scope.siteId, numberKey, issuedOn: fields.issuedOn })) throw new DocumentNumberTakenError(fields.number);
  if (options.isPublishing) {
    const missing = missingForPublication(fields);
    if (missing.length) throw new DocumentNotReadyError(missing);
  }
  const slug = await freeSlug(trx, { siteId: scope.siteId, wanted: fields.slug || documentSlug(fields.number, fields.issuedOn), isChosen: Boolean(fields.slug) });
  const id = crypto.randomUUID();
  const now = scope.now.toISOString();
  await trx
    .insertInto('legal_documents')
    .values({
      id,
      site_id: scope.siteId,
      ...rowValues({ ...fields, slug }, fields.isDeclaredExpired ? 'expired' : 'in_force'),
      replaced_by_id: null,
      publication: options.isPublishing ? 'published' : 'draft',
      published_at: options.isPublishing ? now : null,
      created_by: authorId(scope),
      created_at: now,
      updated_at: now,
    })
    .execute();
  await addRevision(trx, scope, id);
  await recordAudit(trx, scope, { action: options.auditAction, targetType: 'document', targetId: id, detail: { number: fields.number, ...(options.isPublishing ? { published: true } : {}), ...options.auditDetail } });
  if (options.isPublishing && !options.isDeferringPublicChanges) await publishChanges(trx, scope, [{ id, publication: 'published' }]);
  return { id, slug };
}

/**
 * Saves an edit (a new revision). A published document changes in place, for readers
 * at once: that takes document.publish. A renamed published document keeps its old URL (301).
 * @throws NOT_FOUND; FORBIDDEN; INVALID_INPUT; CONFLICT for a number or slug taken.
 */
export async function saveLegalDocument(db: Kysely<Database>, scope: RequestScope, input: { documentId: string; fields: LegalDocumentInput }): Promise<{ revisionId: string; slug: string }> {
  requirePermission(scope.actor, 'document.edit');
  try {
    return await saveInTransaction(db, scope, input);
  } catch (error) {
    throw conflictOf(error, input.fields.number);
  }
}

async function saveInTransaction(db: Kysely<Database>, scope: RequestScope, input: { documentId: string; fields: LegalDocumentInput }): Promise<{ revisionId: string; slug: string }> {
  return inTransaction(db, async (trx) => {
    const row = await lockDocument(trx, scope, input.documentId);
    requireMayChange(scope, row);
    const base = rowToFields(row);
    const fields = await checkDocumentFields(trx, scope.siteId, input.fields, base);
    const numberKey = normaliseDocumentNumber(fields.number);
    if (await findSameNumber(trx, { siteId: scope.siteId, numberKey, issuedOn: fields.issuedOn, exceptId: row.id })) throw new DocumentNumberTakenError(fields.number);
    if (row.publication === 'published') {
      const missing = missingForPublication(fields);
      if (missing.length) throw new DocumentNotReadyError(missing);
    }
    // The URL follows the number until the document was first published; after that it lasts.
    const isChosen = Boolean(String(input.fields.slug ?? '').trim());
    const followsNumber = !isChosen && row.published_at === null && row.slug.startsWith(documentSlug(row.number, row.issued_on));
    const wanted = isChosen ? fields.slug : followsNumber ? documentSlug(fields.number, fields.issuedOn) : row.slug;
    const slug = wanted === row.slug ? row.slug : await freeSlug(trx, { siteId: scope.siteId, wanted, isChosen, exceptId: row.id });
    const status = row.status === 'replaced' ? 'replaced' : fields.isDeclaredExpired ? 'expired' : 'in_force';
    await trx.updateTable('legal_documents').set({ ...rowValues({ ...fields, slug }, status), updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    if (slug !== row.slug && row.published_at !== null) {
      await recordMove(trx, { siteId: scope.siteId, fromPath: `${DOCUMENTS_PATH.slice(1)}/${row.slug}`, toPath: `${DOCUMENTS_PATH.slice(1)}/${slug}` }, scope.now);
    }
    const revisionId = await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'document.saved', targetType: 'document', targetId: row.id, detail: { number: fields.number } });
    await publishChanges(trx, scope, [row]);
    return { revisionId, slug };
  });
}

/**
 * Shows a document to the public (and in search).
 * @throws FORBIDDEN without document.publish; NOT_FOUND; INVALID_TRANSITION when already published; INVALID_INPUT when not ready.
 */
export async function publishLegalDocument(db: Kysely<Database>, scope: RequestScope, input: { documentId: string }): Promise<void> {
  requirePermission(scope.actor, 'document.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockDocument(trx, scope, input.documentId);
    if (row.publication === 'published') throw new InvalidPublicationStepError('Văn bản này đã được xuất bản.');
    const missing = missingForPublication(rowToFields(row));
    if (missing.length) throw new DocumentNotReadyError(missing);
    const now = scope.now.toISOString();
    await trx.updateTable('legal_documents').set({ publication: 'published', published_at: row.published_at ?? now, updated_at: now }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'document.published', targetType: 'document', targetId: row.id, detail: { number: row.number } });
    await publishChanges(trx, scope, [{ id: row.id, publication: 'published' }]);
  });
}

/**
 * Takes a document off the public pages and search; citations of it stop being links.
 * @throws FORBIDDEN without document.publish; NOT_FOUND; INVALID_TRANSITION when not published.
 */
export async function unpublishLegalDocument(db: Kysely<Database>, scope: RequestScope, input: { documentId: string }): Promise<void> {
  requirePermission(scope.actor, 'document.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockDocument(trx, scope, input.documentId);
    if (row.publication !== 'published') throw new InvalidPublicationStepError('Văn bản này chưa được xuất bản.');
    await trx.updateTable('legal_documents').set({ publication: 'unpublished', updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'document.unpublished', targetType: 'document', targetId: row.id, detail: { number: row.number } });
    await publishChanges(trx, scope, [row]);
  });
}

/** Longest replacement chain followed when looking for a cycle. */
const MAX_CHAIN = 1_000;

/**
 * Marks a document as replaced by another of the site (its status becomes "bị thay
 * thế"), or, with null, no longer replaced (back to in force).
 * @throws NOT_FOUND (either document); FORBIDDEN; INVALID_INPUT for itself or a cycle.
 */
export async function markDocumentReplaced(db: Kysely<Database>, scope: RequestScope, input: { documentId: string; replacedById: string | null }): Promise<void> {
  requirePermission(scope.actor, 'document.edit');
  await inTransaction(db, async (trx) => {
    const row = await lockDocument(trx, scope, input.documentId);
    requireMayChange(scope, row);
    const replacedById = input.replacedById ? String(input.replacedById) : null;
    let replacement: { id: string; number: string; publication: string } | undefined;
    if (replacedById) {
      if (replacedById === row.id) throw new InvalidInputError('Một văn bản không thể thay thế chính nó.', { field: 'replacedById' });
      replacement = await trx.selectFrom('legal_documents').select(['id', 'number', 'publication']).where('id', '=', replacedById).where('site_id', '=', scope.siteId).executeTakeFirst();
      if (!replacement) throw new LegalDocumentNotFoundError();
      // Following "replaced by" from the replacement must never come back here.
      let current: string | null = replacement.id;
      for (let hop = 0; current && hop < MAX_CHAIN; hop++) {
        if (current === row.id) throw new InvalidInputError(`Văn bản ${replacement.number} đã (trực tiếp hay gián tiếp) bị văn bản này thay thế: không thể thay thế vòng tròn.`, { field: 'replacedById' });
        const next: { replaced_by_id: string | null } | undefined = await trx.selectFrom('legal_documents').select('replaced_by_id').where('id', '=', current).executeTakeFirst();
        current = next?.replaced_by_id ?? null;
      }
    }
    if (replacedById === row.replaced_by_id) return;
    const status = replacedById ? 'replaced' : row.status === 'replaced' ? 'in_force' : row.status;
    await trx.updateTable('legal_documents').set({ replaced_by_id: replacedById, status, updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: replacedById ? 'document.replaced' : 'document.replacement_cleared', targetType: 'document', targetId: row.id, detail: { number: row.number, ...(replacement ? { replacedBy: replacement.id, replacedByNumber: replacement.number } : { previous: row.replaced_by_id }) } });
    await publishChanges(trx, scope, [row, ...(replacement ? [replacement] : [])]);
  });
}

/**
 * Attaches a file of the site's media library (a document: PDF, DOCX…) at the end.
 * @throws NOT_FOUND; FORBIDDEN; INVALID_INPUT for an image, another site's file or too many files.
 */
export async function attachDocumentFile(db: Kysely<Database>, scope: RequestScope, input: { documentId: string; mediaId: string }): Promise<void> {
  requirePermission(scope.actor, 'document.edit');
  await inTransaction(db, async (trx) => {
    const row = await lockDocument(trx, scope, input.documentId);
    requireMayChange(scope, row);
    const media = await trx.selectFrom('media').select(['id', 'original_name']).where('id', '=', String(input.mediaId)).where('site_id', '=', scope.siteId).where('kind', '=', 'document').executeTakeFirst();
    if (!media) throw new InvalidInputError('Tệp đính kèm phải là một tài liệu (PDF, DOCX…) trong thư viện của trang.', { field: 'mediaId' });
    const existing = await trx.selectFrom('legal_document_attachments').select(['media_id', 'position']).where('document_id', '=', row.id).execute();
    if (existing.some((a) => a.media_id === media.id)) return;
    if (existing.length >= DOCUMENT_LIMITS.attachments) throw new InvalidInputError(`Một văn bản có tối đa ${DOCUMENT_LIMITS.attachments} tệp đính kèm.`, { field: 'mediaId' });
    await trx.insertInto('legal_document_attachments').values({ document_id: row.id, media_id: media.id, position: Math.max(-1, ...existing.map((a) => a.position)) + 1 }).execute();
    await trx.updateTable('legal_documents').set({ updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'document.file_attached', targetType: 'document', targetId: row.id, detail: { number: row.number, mediaId: media.id, name: media.original_name } });
    await publishChanges(trx, scope, [row]);
  });
}

/** Detaches a file (the file stays in the library). @throws NOT_FOUND; FORBIDDEN. */
export async function detachDocumentFile(db: Kysely<Database>, scope: RequestScope, input: { documentId: string; mediaId: string }): Promise<void> {
  requirePermission(scope.actor, 'document.edit');
  await inTransaction(db, async (trx) => {
    const row = await lockDocument(trx, scope, input.documentId);
    requireMayChange(scope, row);
    const deleted = await trx.deleteFrom('legal_document_attachments').where('document_id', '=', row.id).where('media_id', '=', String(input.mediaId)).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return;
    await trx.updateTable('legal_documents').set({ updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'document.file_detached', targetType: 'document', targetId: row.id, detail: { number: row.number, mediaId: input.mediaId } });
    await publishChanges(trx, scope, [row]);
  });
}

/**
 * Relates two documents of the site (both show the other as "Văn bản liên quan"), or,
 * with `isRelated: false`, unrelates them.
 * @throws NOT_FOUND; FORBIDDEN; INVALID_INPUT for itself or too many.
 */
export async function relateDocuments(db: Kysely<Database>, scope: RequestScope, input: { documentId: string; relatedId: string; isRelated?: boolean }): Promise<void> {
  requirePermission(scope.actor, 'document.edit');
  const isRelated = input.isRelated !== false;
  await inTransaction(db, async (trx) => {
    if (String(input.relatedId) === String(input.documentId)) throw new InvalidInputError('Một văn bản không thể liên quan tới chính nó.', { field: 'relatedId' });
    // Both rows are locked in id order: relating A to B and B to A at once cannot deadlock.
    const [first, second] = [String(input.documentId), String(input.relatedId)].sort();
    const locked = new Map<string, LegalDocumentRow>();
    for (const id of [first!, second!]) locked.set(id, await lockDocument(trx, scope, id));
    const row = locked.get(String(input.documentId))!;
    const other = locked.get(String(input.relatedId))!;
    requireMayChange(scope, row);
    requireMayChange(scope, other);
    const pairs = [{ document_id: row.id, related_id: other.id }, { document_id: other.id, related_id: row.id }];
    if (isRelated) {
      const count = await trx.selectFrom('legal_document_relations').select((eb) => eb.fn.countAll<number>().as('n')).where('document_id', '=', row.id).executeTakeFirstOrThrow();
      if (Number(count.n) >= DOCUMENT_LIMITS.related) throw new InvalidInputError(`Một văn bản có tối đa ${DOCUMENT_LIMITS.related} văn bản liên quan.`, { field: 'relatedId' });
      await trx.insertInto('legal_document_relations').values(pairs).onConflict((oc) => oc.columns(['document_id', 'related_id']).doNothing()).execute();
    } else {
      for (const pair of pairs) await trx.deleteFrom('legal_document_relations').where('document_id', '=', pair.document_id).where('related_id', '=', pair.related_id).execute();
    }
    for (const doc of [row, other]) await addRevision(trx, scope, doc.id);
    await recordAudit(trx, scope, { action: isRelated ? 'document.related' : 'document.unrelated', targetType: 'document', targetId: row.id, detail: { number: row.number, relatedId: other.id, relatedNumber: other.number } });
    await publishChanges(trx, scope, [row, other]);
  });
}

export interface LegalDocumentForEditing {
  id: string;
  fields: LegalDocumentFields;
  publication: Publication;
  /** What readers see today. */
  status: DocumentStatus;
  replacedBy: { id: string; number: string } | null;
  attachments: { mediaId: string; name: string; url: string }[];
  related: { id: string; number: string; summary: string }[];
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** What the actor may do now: drives which buttons show (the services check again). */
  can: { edit: boolean; publish: boolean; unpublish: boolean };
  missing: string[];
}

/** @throws FORBIDDEN without document.edit; NOT_FOUND for another site's document. */
export async function getDocumentForEditing(db: Kysely<Database>, scope: RequestScope, documentId: string): Promise<LegalDocumentForEditing> {
  requirePermission(scope.actor, 'document.edit');
  const row = await db.selectFrom('legal_documents').selectAll().where('id', '=', String(documentId)).where('site_id', '=', scope.siteId).executeTakeFirst();
  if (!row) throw new LegalDocumentNotFoundError();
  const [replacedBy, attachments, related] = await Promise.all([
    row.replaced_by_id ? db.selectFrom('legal_documents').select(['id', 'number']).where('id', '=', row.replaced_by_id).executeTakeFirst() : undefined,
    db
      .selectFrom('legal_document_attachments as a')
      .innerJoin('media as m', 'm.id', 'a.media_id')
      .select(['a.media_id', 'm.original_name', 'm.storage_key'])
      .where('a.document_id', '=', row.id)
      .orderBy('a.position')
      .execute(),
    db
      .selectFrom('legal_document_relations as r')
      .innerJoin('legal_documents as d', 'd.id', 'r.related_id')
      .select(['d.id', 'd.number', 'd.summary'])
      .where('r.document_id', '=', row.id)
      .orderBy('d.issued_on', 'desc')
      .execute(),
  ]);
  const fields = rowToFields(row);
  const mayPublish = hasPermission(scope.actor, 'document.publish');
  return {
    id: row.id,
    fields,
    publication: row.publication as Publication,
    status: effectiveStatus(row, vietnamDay(scope.now)),
    replacedBy: replacedBy ?? null,
    attachments: attachments.map((a) => ({ mediaId: a.media_id, name: a.original_name, url: `${MEDIA_URL_PREFIX}${a.storage_key}` })),
    related,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    can: { edit: row.publication !== 'published' || mayPublish, publish: mayPublish && row.publication !== 'published', unpublish: mayPublish && row.publication === 'published' },
    missing: missingForPublication(fields),
  };
}

export interface StaffDocumentItem {
  id: string;
  number: string;
  summary: string;
  typeName: string;
  issuedOn: string | null;
  publication: Publication;
  status: DocumentStatus;
  updatedAt: string;
}

/** The staff's list: every document of the site, newest change first; `query` matches numbers and folded words. */
export async function listDocumentsForStaff(db: Kysely<Database>, scope: RequestScope, input: { publication?: Publication; query?: string; page: number; pageSize: number }): Promise<{ items: StaffDocumentItem[]; total: number }> {
  requirePermission(scope.actor, 'document.edit');
  const pageSize = Math.min(100, Math.max(1, Math.floor(input.pageSize) || 20));
  const page = Math.max(1, Math.floor(input.page) || 1);
  let query = db.selectFrom('legal_documents as d').leftJoin('document_types as t', 't.id', 'd.type_id').where('d.site_id', '=', scope.siteId);
  if (input.publication) query = query.where('d.publication', '=', input.publication);
  const words = foldVietnamese(String(input.query ?? '').slice(0, 200)).split(/[^a-z0-9]+/).filter(Boolean).slice(0, 10);
  for (const word of words) query = query.where('d.folded_text', 'like', `%${word}%`);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['d.id', 'd.number', 'd.summary', 'd.issued_on', 'd.publication', 'd.status', 'd.replaced_by_id', 'd.expires_on', 'd.updated_at', 't.name as type_name'])
    .orderBy('d.updated_at', 'desc')
    .orderBy('d.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const today = vietnamDay(scope.now);
  return {
    total: Number(total),
    items: rows.map((row) => ({ id: row.id, number: row.number, summary: row.summary, typeName: row.type_name ?? '', issuedOn: row.issued_on, publication: row.publication as Publication, status: effectiveStatus(row, today), updatedAt: row.updated_at })),
  };
}

export interface DocumentRevisionSummary {
  id: string;
  number: number;
  authorName: string;
  createdAt: string;
  snapshot: LegalDocumentSnapshot;
}

/** A document's revisions, newest first. @throws FORBIDDEN; NOT_FOUND. */
export async function listDocumentRevisions(db: Kysely<Database>, scope: RequestScope, documentId: string): Promise<DocumentRevisionSummary[]> {
  await getDocumentForEditing(db, scope, documentId);
  const rows = await db
    .selectFrom('legal_document_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .select(['r.id', 'r.number', 'r.created_at', 'r.snapshot', 'u.display_name'])
    .where('r.document_id', '=', documentId)
    .orderBy('r.number', 'desc')
    .execute();
  return rows.map((row) => ({ id: row.id, number: row.number, authorName: row.display_name ?? 'Hệ thống', createdAt: row.created_at, snapshot: JSON.parse(row.snapshot) as LegalDocumentSnapshot }));
}
