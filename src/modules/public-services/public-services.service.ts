/**
 * The staff's use-cases on procedures: create, edit (each save a revision), publish and
 * unpublish, attach forms (mẫu đơn, tờ khai) from the media library. Every function takes
 * the request scope and checks the actor first (default deny): 'procedure.edit' to work
 * on procedures, 'procedure.publish' to publish, unpublish or change what the public sees.
 * Each runs in one transaction with its audit entry and, when readers see the change, the
 * site's content version and the search record. Another site's procedure is not found.
 */
import crypto from 'node:crypto';
import { PostgresAdapter, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolationOf, type UniqueKey } from '../../platform/db/db-errors.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { ForbiddenError, InvalidInputError } from '../../platform/errors.js';
import { SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { foldVietnamese, slugify, toNfc } from '../../platform/i18n/vi.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import { inlineMediaIds } from '../articles/index.js';
import { sanitizeBody } from '../articles/sanitize-body.js';
import { recordAudit } from '../audit/index.js';
import type { Publication } from '../legal-documents/index.js';
import { MEDIA_URL_PREFIX } from '../media/index.js';
import { recordMove } from '../redirects/index.js';
import { changeSiteContent } from '../sites/index.js';
import { ensureDefaultProcedureFields } from './procedure-fields.js';
import {
  checkPortalUrl,
  checkProcedureCode,
  codeKey,
  isOnlineLevel,
  isProcedureLevel,
  parseDocumentLines,
  parseOnlineLevel,
  parseLevel,
  parseWorkingDays,
  DOCUMENT_LIMITS,
  MAX_WORKING_DAYS,
  type OnlineLevel,
  type ProcedureDocument,
  type ProcedureLevel,
} from './procedure-rules.js';
import { ProcedureBusyError, ProcedureCodeTakenError, ProcedureNotFoundError, ProcedureNotReadyError, ProcedurePublicationStepError, ProcedureSlugTakenError } from './public-services.errors.js';
import { PROCEDURES_PATH, syncProcedureSearch } from './public-services.search.js';
import type { ProceduresTable } from './public-services.table.js';

type ProcedureRow = Selectable<ProceduresTable>;

/** Everything staff edit on a procedure's form. */
export interface ProcedureFields {
  /** Mã thủ tục ('' for none). */
  code: string;
  /** Tên thủ tục. */
  name: string;
  /** URL word under /thu-tuc-hanh-chinh/; from the name when left empty. */
  slug: string;
  /** Lĩnh vực. */
  fieldId: string | null;
  /** Cấp thực hiện. */
  level: ProcedureLevel;
  /** Cơ quan thực hiện. */
  agency: string;
  /** Cách thức thực hiện (lines kept). */
  methods: string;
  /** Trình tự thực hiện, sanitised HTML. */
  stepsHtml: string;
  /** Thành phần hồ sơ, in order. */
  documents: ProcedureDocument[];
  /** Thời hạn giải quyết as written. */
  timeLimit: string;
  /** The same in working days, when known. */
  timeLimitDays: number | null;
  /** Phí, lệ phí ("Không" allowed). */
  fee: string;
  /** Kết quả thực hiện. */
  result: string;
  /** Căn cứ pháp lý (lines kept). */
  legalBasis: string;
  /** Mức độ dịch vụ công trực tuyến. */
  onlineLevel: OnlineLevel;
  /** The procedure's page on the national public service portal ('' for none). */
  portalUrl: string;
}

/**
 * What a form, the API or an import row sends: anything may be missing or wrong. The
 * documents may come as lines of text (the form, a sheet cell); level and mức độ as words.
 */
export type ProcedureInput = Partial<Omit<ProcedureFields, 'documents' | 'timeLimitDays' | 'level' | 'onlineLevel'>> & {
  documents?: ProcedureDocument[] | string;
  timeLimitDays?: number | string | null;
  level?: string;
  onlineLevel?: string;
};

/** A revision's snapshot: the fields plus the attached files. */
export interface ProcedureSnapshot extends ProcedureFields {
  attachmentIds: string[];
}

export const PROCEDURE_LIMITS = { name: 500, agency: 500, methods: 5_000, steps: 200_000, timeLimit: 1_000, fee: 1_000, result: 1_000, legalBasis: 10_000, slug: 120, attachments: 30 } as const;

const messages = {
  nameRequired: 'Tên thủ tục không được để trống.',
  fieldUnknown: 'Lĩnh vực này không có trong danh mục của trang.',
  levelUnknown: 'Cấp thực hiện phải là cấp tỉnh, cấp huyện hoặc cấp xã.',
  onlineUnknown: 'Mức độ dịch vụ công trực tuyến phải là "Toàn trình" hoặc "Một phần".',
  badDays: `Số ngày làm việc phải là một số nguyên từ 0 đến ${MAX_WORKING_DAYS}, hoặc để trống.`,
  slugPattern: 'Địa chỉ thủ tục chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ cap-giay-phep-lao-dong).',
  stepsTooLong: 'Trình tự thực hiện quá dài (tối đa 200.000 ký tự).',
  foreignImage: 'Trình tự thực hiện có ảnh không thuộc thư viện của trang.',
  tooLong: (label: string, max: number) => `${label} không được dài quá ${max.toLocaleString('vi-VN')} ký tự.`,
  notText: (label: string) => `${label} phải là chữ.`,
  publishedNeedsPublisher: 'Thủ tục này đang hiển thị công khai: chỉ trưởng ban biên tập hoặc quản trị được thay đổi nó.',
  publishedNeedsPublisherHelp: 'Hãy nhờ trưởng ban biên tập sửa, hoặc gỡ thủ tục xuống trước.',
} as const;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function textOf(value: unknown, field: string, label: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string' && typeof value !== 'number') throw new InvalidInputError(messages.notText(label), { field });
  return String(value);
}

/** One line: spaces collapsed, control characters gone, NFC. */
function cleanLine(value: unknown, field: string, max: number, label: string): string {
  const text = toNfc(textOf(value, field, label).replace(CONTROL, '').replace(/\s+/g, ' ').trim());
  if (text.length > max) throw new InvalidInputError(messages.tooLong(label, max), { field });
  return text;
}

/** Several lines: each trimmed, at most one empty line between paragraphs. */
function cleanLines(value: unknown, field: string, max: number, label: string): string {
  const lines = toNfc(textOf(value, field, label).replace(CONTROL, ''))
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim());
  const text = lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
  if (text.length > max) throw new InvalidInputError(messages.tooLong(label, max), { field });
  return text;
}

function cleanDocuments(value: unknown): ProcedureDocument[] {
  if (value === undefined || value === null || value === '') return [];
  if (typeof value === 'string') {
    const parsed = parseDocumentLines(value);
    if (parsed.errors.length) throw new InvalidInputError(parsed.errors.map((e) => e.message).join(' '), { field: 'documents' });
    return parsed.documents;
  }
  if (!Array.isArray(value)) throw new InvalidInputError('Thành phần hồ sơ phải là danh sách giấy tờ.', { field: 'documents' });
  if (value.length > DOCUMENT_LIMITS.documents) throw new InvalidInputError(`Thành phần hồ sơ có tối đa ${DOCUMENT_LIMITS.documents} giấy tờ.`, { field: 'documents' });
  return value.map((item: unknown, index) => {
    const doc = (item ?? {}) as Partial<ProcedureDocument>;
    const name = cleanLine(doc.name, 'documents', DOCUMENT_LIMITS.name, `Tên giấy tờ thứ ${index + 1}`);
    if (!name) throw new InvalidInputError(`Giấy tờ thứ ${index + 1} của thành phần hồ sơ thiếu tên.`, { field: 'documents' });
    const count = (n: unknown) => {
      const parsed = n === undefined || n === null || n === '' ? 0 : Number(n);
      if (!Number.isInteger(parsed) || parsed < 0 || parsed > DOCUMENT_LIMITS.count) throw new InvalidInputError(`Số bản của giấy tờ thứ ${index + 1} phải từ 0 đến ${DOCUMENT_LIMITS.count}.`, { field: 'documents' });
      return parsed;
    };
    return { name, originals: count(doc.originals), copies: count(doc.copies) };
  });
}

/** The folded words of a procedure for the public list's and staff list's word filter. */
export function foldedTextOf(fields: Pick<ProcedureFields, 'code' | 'name' | 'agency' | 'documents'>): string {
  return ` ${foldVietnamese([fields.code, fields.name, fields.agency, ...fields.documents.map((d) => d.name)].join(' ')).replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

/**
 * Checks and normalises the fields against the site (the field and images must be its own).
 * @throws INVALID_INPUT with the field at fault.
 */
export async function checkProcedureFields(db: Kysely<Database>, siteId: string, input: ProcedureInput, base?: ProcedureFields): Promise<ProcedureFields> {
  const merged = { ...base, ...input } as ProcedureInput;
  const code = checkProcedureCode(textOf(merged.code, 'code', 'Mã thủ tục'));
  if ('error' in code) throw new InvalidInputError(code.error, { field: 'code' });
  const name = cleanLine(merged.name, 'name', PROCEDURE_LIMITS.name, 'Tên thủ tục');
  if (!name) throw new InvalidInputError(messages.nameRequired, { field: 'name' });
  const level = isProcedureLevel(merged.level) ? merged.level : parseLevel(textOf(merged.level ?? 'province', 'level', 'Cấp thực hiện'));
  if (!level) throw new InvalidInputError(messages.levelUnknown, { field: 'level' });
  const onlineLevel = isOnlineLevel(merged.onlineLevel) ? merged.onlineLevel : parseOnlineLevel(textOf(merged.onlineLevel ?? 'partial', 'onlineLevel', 'Mức độ'));
  if (!onlineLevel) throw new InvalidInputError(messages.onlineUnknown, { field: 'onlineLevel' });
  const timeLimitDays = parseWorkingDays(merged.timeLimitDays);
  if (timeLimitDays === undefined) throw new InvalidInputError(messages.badDays, { field: 'timeLimitDays' });
  const portal = checkPortalUrl(textOf(merged.portalUrl, 'portalUrl', 'Liên kết'));
  if ('error' in portal) throw new InvalidInputError(portal.error, { field: 'portalUrl' });

  const fieldId = merged.fieldId ? String(merged.fieldId) : null;
  if (fieldId && !(await db.selectFrom('procedure_fields').select('id').where('site_id', '=', siteId).where('id', '=', fieldId).executeTakeFirst())) {
    throw new InvalidInputError(messages.fieldUnknown, { field: 'fieldId' });
  }

  const rawSlug = textOf(input.slug, 'slug', 'Địa chỉ').trim().toLowerCase();
  const slug = rawSlug || base?.slug || '';
  if (slug && (!SLUG_PATTERN.test(slug) || slug.length > PROCEDURE_LIMITS.slug)) throw new InvalidInputError(messages.slugPattern, { field: 'slug' });

  const steps = textOf(merged.stepsHtml, 'stepsHtml', 'Trình tự thực hiện');
  if (steps.length > PROCEDURE_LIMITS.steps) throw new InvalidInputError(messages.stepsTooLong, { field: 'stepsHtml' });
  const stepsHtml = sanitizeBody(steps);
  const imageIds = [...new Set(inlineMediaIds(stepsHtml))];
  if (imageIds.length) {
    const found = await db.selectFrom('media').select('id').where('site_id', '=', siteId).where('kind', '=', 'image').where('id', 'in', imageIds).execute();
    if (found.length !== imageIds.length) throw new InvalidInputError(messages.foreignImage, { field: 'stepsHtml' });
  }
  return {
    code: code.code,
    name,
    slug,
    fieldId,
    level,
    agency: cleanLine(merged.agency, 'agency', PROCEDURE_LIMITS.agency, 'Cơ quan thực hiện'),
    methods: cleanLines(merged.methods, 'methods', PROCEDURE_LIMITS.methods, 'Cách thức thực hiện'),
    stepsHtml,
    documents: cleanDocuments(merged.documents),
    timeLimit: cleanLine(merged.timeLimit, 'timeLimit', PROCEDURE_LIMITS.timeLimit, 'Thời hạn giải quyết'),
    timeLimitDays,
    fee: cleanLine(merged.fee, 'fee', PROCEDURE_LIMITS.fee, 'Phí, lệ phí'),
    result: cleanLine(merged.result, 'result', PROCEDURE_LIMITS.result, 'Kết quả thực hiện'),
    legalBasis: cleanLines(merged.legalBasis, 'legalBasis', PROCEDURE_LIMITS.legalBasis, 'Căn cứ pháp lý'),
    onlineLevel,
    portalUrl: portal.url,
  };
}

/** What is missing before a procedure may be published (empty when it is ready). */
export function missingForPublication(fields: Pick<ProcedureFields, 'name' | 'fieldId' | 'agency' | 'documents' | 'timeLimit' | 'fee'>): string[] {
  const missing: string[] = [];
  if (!fields.name) missing.push('tên thủ tục');
  if (!fields.fieldId) missing.push('lĩnh vực');
  if (!fields.agency) missing.push('cơ quan thực hiện');
  if (fields.documents.length === 0) missing.push('thành phần hồ sơ');
  if (!fields.timeLimit) missing.push('thời hạn giải quyết');
  if (!fields.fee) missing.push('phí, lệ phí (ghi "Không" nếu không thu)');
  return missing;
}

const CODE_KEY: UniqueKey = { constraint: 'procedures_site_code_unique', table: 'procedures', columns: ['site_id', 'code_key'] };
const SLUG_KEY: UniqueKey = { constraint: 'procedures_site_slug_unique', table: 'procedures', columns: ['site_id', 'slug'] };

/** The checks run before each write; a unique key still refuses the rare twin a concurrent request wrote meanwhile. */
export function conflictOf(error: unknown): unknown {
  if (isUniqueViolationOf(error, CODE_KEY) || isUniqueViolationOf(error, SLUG_KEY)) return new ProcedureBusyError();
  return error;
}

/** Another procedure of the site with this code. */
export async function findSameCode(db: Kysely<Database>, input: { siteId: string; code: string; exceptId?: string }): Promise<{ id: string } | undefined> {
  const key = codeKey(input.code);
  if (!key) return undefined;
  let query = db.selectFrom('procedures').select('id').where('site_id', '=', input.siteId).where('code_key', '=', key);
  if (input.exceptId) query = query.where('id', '!=', input.exceptId);
  return query.executeTakeFirst();
}

/** The name's slug, short enough to leave room for "-2", "-3"… */
export function procedureSlug(name: string): string {
  return slugify(name, 100) || 'thu-tuc';
}

/** A slug free on the site: `wanted` itself when staff chose it (else CONFLICT), or with -2, -3… */
async function freeSlug(db: Kysely<Database>, input: { siteId: string; wanted: string; isChosen: boolean; exceptId?: string }): Promise<string> {
  const taken = async (slug: string) => {
    let query = db.selectFrom('procedures').select('id').where('site_id', '=', input.siteId).where('slug', '=', slug);
    if (input.exceptId) query = query.where('id', '!=', input.exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  };
  if (!(await taken(input.wanted))) return input.wanted;
  if (input.isChosen) throw new ProcedureSlugTakenError(input.wanted);
  for (let n = 2; n < 1_000; n++) {
    const slug = `${input.wanted.slice(0, PROCEDURE_LIMITS.slug - 5)}-${n}`;
    if (!(await taken(slug))) return slug;
  }
  throw new ProcedureSlugTakenError(input.wanted);
}

async function documentsOf(db: Kysely<Database>, procedureId: string): Promise<ProcedureDocument[]> {
  return db.selectFrom('procedure_documents').select(['name', 'originals', 'copies']).where('procedure_id', '=', procedureId).orderBy('position').execute();
}

function rowToFields(row: ProcedureRow, documents: ProcedureDocument[]): ProcedureFields {
  return {
    code: row.code,
    name: row.name,
    slug: row.slug,
    fieldId: row.field_id,
    level: isProcedureLevel(row.level) ? row.level : 'province',
    agency: row.agency,
    methods: row.methods,
    stepsHtml: row.steps_html,
    documents,
    timeLimit: row.time_limit,
    timeLimitDays: row.time_limit_days,
    fee: row.fee,
    result: row.result,
    legalBasis: row.legal_basis,
    onlineLevel: isOnlineLevel(row.online_level) ? row.online_level : 'partial',
    portalUrl: row.portal_url,
  };
}

/** Row values of checked fields (the documents go to their own table). */
function rowValues(fields: ProcedureFields) {
  return {
    code: fields.code,
    code_key: codeKey(fields.code),
    name: fields.name,
    slug: fields.slug,
    field_id: fields.fieldId,
    level: fields.level,
    agency: fields.agency,
    methods: fields.methods,
    steps_html: fields.stepsHtml,
    time_limit: fields.timeLimit,
    time_limit_days: fields.timeLimitDays,
    fee: fields.fee,
    result: fields.result,
    legal_basis: fields.legalBasis,
    online_level: fields.onlineLevel,
    portal_url: fields.portalUrl,
    folded_text: foldedTextOf(fields),
  };
}

async function writeDocuments(trx: Kysely<Database>, procedureId: string, documents: ProcedureDocument[]): Promise<void> {
  await trx.deleteFrom('procedure_documents').where('procedure_id', '=', procedureId).execute();
  if (documents.length) await trx.insertInto('procedure_documents').values(documents.map((d, position) => ({ procedure_id: procedureId, position, name: d.name, originals: d.originals, copies: d.copies }))).execute();
}

async function lockProcedure(trx: Kysely<Database>, scope: RequestScope, procedureId: string): Promise<ProcedureRow> {
  let query = trx.selectFrom('procedures').selectAll().where('id', '=', String(procedureId)).where('site_id', '=', scope.siteId);
  // SQLite's BEGIN IMMEDIATE already holds the only write lock.
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new ProcedureNotFoundError();
  return row;
}

/** Changing what readers see of a published procedure takes a publisher. */
function requireMayChange(scope: RequestScope, row: { publication: string }): void {
  requirePermission(scope.actor, 'procedure.edit');
  if (row.publication === 'published' && !hasPermission(scope.actor, 'procedure.publish')) {
    throw new ForbiddenError(messages.publishedNeedsPublisher, messages.publishedNeedsPublisherHelp);
  }
}

function authorId(scope: RequestScope): string | null {
  return scope.actor && scope.actor.via !== 'cli' ? scope.actor.id : null;
}

async function snapshotOf(db: Kysely<Database>, procedureId: string): Promise<ProcedureSnapshot> {
  const row = await db.selectFrom('procedures').selectAll().where('id', '=', procedureId).executeTakeFirstOrThrow();
  const [documents, attachments] = await Promise.all([documentsOf(db, procedureId), db.selectFrom('procedure_attachments').select('media_id').where('procedure_id', '=', procedureId).orderBy('position').execute()]);
  return { ...rowToFields(row, documents), attachmentIds: attachments.map((a) => a.media_id) };
}

async function addRevision(trx: Kysely<Database>, scope: RequestScope, procedureId: string): Promise<string> {
  const last = await trx.selectFrom('procedure_revisions').select((eb) => eb.fn.max('number').as('n')).where('procedure_id', '=', procedureId).executeTakeFirst();
  const id = crypto.randomUUID();
  await trx
    .insertInto('procedure_revisions')
    .values({ id, procedure_id: procedureId, number: Number(last?.n ?? 0) + 1, author_id: authorId(scope), snapshot: JSON.stringify(await snapshotOf(trx, procedureId)), created_at: scope.now.toISOString() })
    .execute();
  return id;
}

/**
 * After a change to procedures readers may see (published before or now): their search
 * records and the site's content version, so cached pages showing them are dropped.
 */
export async function publishChanges(trx: Kysely<Database>, scope: RequestScope, rows: { id: string; publication: string }[]): Promise<void> {
  const ids = [...new Set(rows.map((r) => r.id))];
  const current = ids.length ? await trx.selectFrom('procedures').select(['id', 'publication']).where('id', 'in', ids).execute() : [];
  if (![...rows, ...current].some((r) => r.publication === 'published')) return;
  await changeSiteContent(trx, scope.siteId, async () => {
    for (const id of ids) await syncProcedureSearch(trx, { siteId: scope.siteId, procedureId: id });
  });
}

/**
 * Creates a procedure as a draft, or published when asked by someone who may publish.
 * The site's default fields are created first when it has none.
 * @throws FORBIDDEN without procedure.edit (procedure.publish to publish at once);
 *   INVALID_INPUT for bad fields or (publishing) missing ones; CONFLICT for a code or slug taken.
 */
export async function createProcedure(db: Kysely<Database>, scope: RequestScope, input: ProcedureInput & { isPublishing?: boolean }): Promise<{ id: string; slug: string }> {
  requirePermission(scope.actor, 'procedure.edit');
  if (input.isPublishing) requirePermission(scope.actor, 'procedure.publish');
  try {
    return await inTransaction(db, async (trx) => {
      await ensureDefaultProcedureFields(trx, { siteId: scope.siteId, now: scope.now });
      const fields = await checkProcedureFields(trx, scope.siteId, input);
      return insertProcedure(trx, scope, fields, { isPublishing: Boolean(input.isPublishing), auditAction: 'procedure.created' });
    });
  } catch (error) {
    throw conflictOf(error);
  }
}

/** Inserts checked fields in the caller's transaction: code and slug rules, documents, revision, audit, search. */
export async function insertProcedure(
  trx: Kysely<Database>,
  scope: RequestScope,
  fields: ProcedureFields,
  options: { isPublishing: boolean; auditAction: string; auditDetail?: Record<string, unknown>; /** The caller syncs search and the content version once for many (an import). */ isDeferringPublicChanges?: boolean },
): Promise<{ id: string; slug: string }> {
  if (await findSameCode(trx, { siteId: scope.siteId, code: fields.code })) throw new ProcedureCodeTakenError(fields.code);
  if (options.isPublishing) {
    const missing = missingForPublication(fields);
    if (missing.length) throw new ProcedureNotReadyError(missing);
  }
  const slug = await freeSlug(trx, { siteId: scope.siteId, wanted: fields.slug || procedureSlug(fields.name), isChosen: Boolean(fields.slug) });
  const id = crypto.randomUUID();
  const now = scope.now.toISOString();
  await trx
    .insertInto('procedures')
    .values({ id, site_id: scope.siteId, ...rowValues({ ...fields, slug }), publication: options.isPublishing ? 'published' : 'draft', published_at: options.isPublishing ? now : null, created_by: authorId(scope), created_at: now, updated_at: now })
    .execute();
  await writeDocuments(trx, id, fields.documents);
  await addRevision(trx, scope, id);
  await recordAudit(trx, scope, { action: options.auditAction, targetType: 'procedure', targetId: id, detail: { name: fields.name, code: fields.code, ...(options.isPublishing ? { published: true } : {}), ...options.auditDetail } });
  if (options.isPublishing && !options.isDeferringPublicChanges) await publishChanges(trx, scope, [{ id, publication: 'published' }]);
  return { id, slug };
}

/**
 * Saves an edit (a new revision). A published procedure changes in place, for readers at
 * once: that takes procedure.publish. A published procedure given a new address keeps its old URL (301).
 * @throws NOT_FOUND; FORBIDDEN; INVALID_INPUT; CONFLICT for a code or slug taken.
 */
export async function saveProcedure(db: Kysely<Database>, scope: RequestScope, input: { procedureId: string; fields: ProcedureInput }): Promise<{ revisionId: string; slug: string }> {
  requirePermission(scope.actor, 'procedure.edit');
  try {
    return await inTransaction(db, async (trx) => {
      const row = await lockProcedure(trx, scope, input.procedureId);
      requireMayChange(scope, row);
      const base = rowToFields(row, await documentsOf(trx, row.id));
      const fields = await checkProcedureFields(trx, scope.siteId, input.fields ?? {}, base);
      if (await findSameCode(trx, { siteId: scope.siteId, code: fields.code, exceptId: row.id })) throw new ProcedureCodeTakenError(fields.code);
      if (row.publication === 'published') {
        const missing = missingForPublication(fields);
        if (missing.length) throw new ProcedureNotReadyError(missing);
      }
      // The URL follows the name until the procedure is first published; after that it lasts.
      const isChosen = Boolean(String(input.fields?.slug ?? '').trim());
      const followsName = !isChosen && row.published_at === null && row.slug.startsWith(procedureSlug(row.name));
      const wanted = isChosen ? fields.slug : followsName ? procedureSlug(fields.name) : row.slug;
      const slug = wanted === row.slug ? row.slug : await freeSlug(trx, { siteId: scope.siteId, wanted, isChosen, exceptId: row.id });
      await trx.updateTable('procedures').set({ ...rowValues({ ...fields, slug }), updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
      await writeDocuments(trx, row.id, fields.documents);
      if (slug !== row.slug && row.published_at !== null) {
        await recordMove(trx, { siteId: scope.siteId, fromPath: `${PROCEDURES_PATH.slice(1)}/${row.slug}`, toPath: `${PROCEDURES_PATH.slice(1)}/${slug}` }, scope.now);
      }
      const revisionId = await addRevision(trx, scope, row.id);
      await recordAudit(trx, scope, { action: 'procedure.saved', targetType: 'procedure', targetId: row.id, detail: { name: fields.name, code: fields.code } });
      await publishChanges(trx, scope, [row]);
      return { revisionId, slug };
    });
  } catch (error) {
    throw conflictOf(error);
  }
}

/**
 * Shows a procedure to the public (and in search).
 * @throws FORBIDDEN without procedure.publish; NOT_FOUND; INVALID_TRANSITION when already published; INVALID_INPUT when not ready.
 */
export async function publishProcedure(db: Kysely<Database>, scope: RequestScope, input: { procedureId: string }): Promise<void> {
  requirePermission(scope.actor, 'procedure.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockProcedure(trx, scope, input.procedureId);
    if (row.publication === 'published') throw new ProcedurePublicationStepError('Thủ tục này đã được xuất bản.');
    const missing = missingForPublication(rowToFields(row, await documentsOf(trx, row.id)));
    if (missing.length) throw new ProcedureNotReadyError(missing);
    const now = scope.now.toISOString();
    await trx.updateTable('procedures').set({ publication: 'published', published_at: row.published_at ?? now, updated_at: now }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'procedure.published', targetType: 'procedure', targetId: row.id, detail: { name: row.name, code: row.code } });
    await publishChanges(trx, scope, [{ id: row.id, publication: 'published' }]);
  });
}

/**
 * Takes a procedure off the public pages, the API and search.
 * @throws FORBIDDEN without procedure.publish; NOT_FOUND; INVALID_TRANSITION when not published.
 */
export async function unpublishProcedure(db: Kysely<Database>, scope: RequestScope, input: { procedureId: string }): Promise<void> {
  requirePermission(scope.actor, 'procedure.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockProcedure(trx, scope, input.procedureId);
    if (row.publication !== 'published') throw new ProcedurePublicationStepError('Thủ tục này chưa được xuất bản.');
    await trx.updateTable('procedures').set({ publication: 'unpublished', updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'procedure.unpublished', targetType: 'procedure', targetId: row.id, detail: { name: row.name, code: row.code } });
    await publishChanges(trx, scope, [row]);
  });
}

/**
 * Attaches a file of the site's media library (a mẫu đơn or tờ khai: PDF, DOCX…) at the end.
 * @throws NOT_FOUND; FORBIDDEN; INVALID_INPUT for an image, another site's file or too many files.
 */
export async function attachProcedureFile(db: Kysely<Database>, scope: RequestScope, input: { procedureId: string; mediaId: string }): Promise<void> {
  requirePermission(scope.actor, 'procedure.edit');
  await inTransaction(db, async (trx) => {
    const row = await lockProcedure(trx, scope, input.procedureId);
    requireMayChange(scope, row);
    const media = await trx.selectFrom('media').select(['id', 'original_name']).where('id', '=', String(input.mediaId)).where('site_id', '=', scope.siteId).where('kind', '=', 'document').executeTakeFirst();
    if (!media) throw new InvalidInputError('Tệp đính kèm phải là một tài liệu (PDF, DOCX…) trong thư viện của trang.', { field: 'mediaId' });
    const existing = await trx.selectFrom('procedure_attachments').select(['media_id', 'position']).where('procedure_id', '=', row.id).execute();
    if (existing.some((a) => a.media_id === media.id)) return;
    if (existing.length >= PROCEDURE_LIMITS.attachments) throw new InvalidInputError(`Một thủ tục có tối đa ${PROCEDURE_LIMITS.attachments} tệp đính kèm.`, { field: 'mediaId' });
    await trx.insertInto('procedure_attachments').values({ procedure_id: row.id, media_id: media.id, position: Math.max(-1, ...existing.map((a) => a.position)) + 1 }).execute();
    await trx.updateTable('procedures').set({ updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'procedure.file_attached', targetType: 'procedure', targetId: row.id, detail: { name: row.name, mediaId: media.id, fileName: media.original_name } });
    await publishChanges(trx, scope, [row]);
  });
}

/** Detaches a file (the file stays in the library). @throws NOT_FOUND; FORBIDDEN. */
export async function detachProcedureFile(db: Kysely<Database>, scope: RequestScope, input: { procedureId: string; mediaId: string }): Promise<void> {
  requirePermission(scope.actor, 'procedure.edit');
  await inTransaction(db, async (trx) => {
    const row = await lockProcedure(trx, scope, input.procedureId);
    requireMayChange(scope, row);
    const deleted = await trx.deleteFrom('procedure_attachments').where('procedure_id', '=', row.id).where('media_id', '=', String(input.mediaId)).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return;
    await trx.updateTable('procedures').set({ updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'procedure.file_detached', targetType: 'procedure', targetId: row.id, detail: { name: row.name, mediaId: String(input.mediaId) } });
    await publishChanges(trx, scope, [row]);
  });
}

export interface ProcedureForEditing {
  id: string;
  fields: ProcedureFields;
  publication: Publication;
  attachments: { mediaId: string; name: string; url: string }[];
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** What the actor may do now: drives which buttons show (the services check again). */
  can: { edit: boolean; publish: boolean; unpublish: boolean };
  missing: string[];
}

/** @throws FORBIDDEN without procedure.edit; NOT_FOUND for another site's procedure. */
export async function getProcedureForEditing(db: Kysely<Database>, scope: RequestScope, procedureId: string): Promise<ProcedureForEditing> {
  requirePermission(scope.actor, 'procedure.edit');
  const row = await db.selectFrom('procedures').selectAll().where('id', '=', String(procedureId)).where('site_id', '=', scope.siteId).executeTakeFirst();
  if (!row) throw new ProcedureNotFoundError();
  const [documents, attachments] = await Promise.all([
    documentsOf(db, row.id),
    db
      .selectFrom('procedure_attachments as a')
      .innerJoin('media as m', 'm.id', 'a.media_id')
      .select(['a.media_id', 'm.original_name', 'm.storage_key'])
      .where('a.procedure_id', '=', row.id)
      .orderBy('a.position')
      .execute(),
  ]);
  const fields = rowToFields(row, documents);
  const mayPublish = hasPermission(scope.actor, 'procedure.publish');
  return {
    id: row.id,
    fields,
    publication: row.publication as Publication,
    attachments: attachments.map((a) => ({ mediaId: a.media_id, name: a.original_name, url: `${MEDIA_URL_PREFIX}${a.storage_key}` })),
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    can: { edit: row.publication !== 'published' || mayPublish, publish: mayPublish && row.publication !== 'published', unpublish: mayPublish && row.publication === 'published' },
    missing: missingForPublication(fields),
  };
}

export interface StaffProcedureItem {
  id: string;
  code: string;
  name: string;
  fieldName: string;
  level: ProcedureLevel;
  publication: Publication;
  updatedAt: string;
}

/** The staff's list: every procedure of the site, newest change first; `query` matches codes and folded words. */
export async function listProceduresForStaff(
  db: Kysely<Database>,
  scope: RequestScope,
  input: { publication?: Publication; fieldId?: string; query?: string; page: number; pageSize: number },
): Promise<{ items: StaffProcedureItem[]; total: number }> {
  requirePermission(scope.actor, 'procedure.edit');
  const pageSize = Math.min(100, Math.max(1, Math.floor(input.pageSize) || 20));
  const page = Math.min(10_000, Math.max(1, Math.floor(input.page) || 1));
  let query = db.selectFrom('procedures as p').leftJoin('procedure_fields as f', 'f.id', 'p.field_id').where('p.site_id', '=', scope.siteId);
  if (input.publication) query = query.where('p.publication', '=', input.publication);
  if (input.fieldId) query = query.where('p.field_id', '=', input.fieldId);
  const words = foldVietnamese(String(input.query ?? '').slice(0, 200)).split(/[^a-z0-9]+/).filter(Boolean).slice(0, 10);
  for (const word of words) query = query.where('p.folded_text', 'like', `%${word}%`);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .select(['p.id', 'p.code', 'p.name', 'p.level', 'p.publication', 'p.updated_at', 'f.name as field_name'])
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    total: Number(total),
    items: rows.map((row) => ({ id: row.id, code: row.code, name: row.name, fieldName: row.field_name ?? '', level: isProcedureLevel(row.level) ? row.level : 'province', publication: row.publication as Publication, updatedAt: row.updated_at })),
  };
}

export interface ProcedureRevisionSummary {
  id: string;
  number: number;
  authorName: string;
  createdAt: string;
  snapshot: ProcedureSnapshot;
}

/** A procedure's revisions, newest first. @throws FORBIDDEN; NOT_FOUND. */
export async function listProcedureRevisions(db: Kysely<Database>, scope: RequestScope, procedureId: string): Promise<ProcedureRevisionSummary[]> {
  await getProcedureForEditing(db, scope, procedureId);
  const rows = await db
    .selectFrom('procedure_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .select(['r.id', 'r.number', 'r.created_at', 'r.snapshot', 'u.display_name'])
    .where('r.procedure_id', '=', String(procedureId))
    .orderBy('r.number', 'desc')
    .execute();
  return rows.map((row) => ({ id: row.id, number: row.number, authorName: row.display_name ?? 'Hệ thống', createdAt: row.created_at, snapshot: JSON.parse(row.snapshot) as ProcedureSnapshot }));
}
