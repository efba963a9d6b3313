/**
 * Draft consultations (lấy ý kiến dự thảo): the staff's use-cases (create and save a
 * draft with a revision per save, attach files, open = publish, close early, unpublish,
 * the report on how comments were taken in or answered), the comments' list for staff,
 * and the citizen's comment. Staff functions take the request scope and check the actor
 * first (default deny): 'consultation.edit' to write drafts and read comments with their
 * contact details (they handle them), 'consultation.publish' for what the public sees.
 * Each write is one transaction with its audit entry; a change the public sees bumps the
 * site's content version, syncs the search record and (re)schedules the closing job.
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
import { scheduleJob } from '../../platform/jobs/jobs.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import { PUBLISH_DUE_JOB } from '../articles/index.js';
import { htmlToPlainText, sanitizeBody } from '../articles/sanitize-body.js';
import { recordAudit } from '../audit/index.js';
import { MEDIA_URL_PREFIX } from '../media/index.js';
import { parseVietnamTime } from '../projects/index.js';
import { checkFormSubmission, contentFingerprint } from '../public-forms/index.js';
import { changeSiteContent } from '../sites/index.js';
import { CONSULTATION_LIMITS, checkCommentFields, consultationStatus, isOrgType, newReceiptCode, type CommentInput, type ConsultationStatus, type OrgType, type Publication } from './consultation-rules.js';
import { ConsultationClosedError, ConsultationNotFoundError, ConsultationSlugTakenError, ConsultationStepError } from './consultations.errors.js';
import { ensureRetentionJob } from './consultations.jobs.js';
import { syncConsultationSearch } from './consultations.search.js';
import type { ConsultationsTable } from './consultations.table.js';

export type ConsultationRow = Selectable<ConsultationsTable>;
export const COMMENT_FORM = 'consultation-comment';
const SLUG_KEY: UniqueKey = { constraint: 'consultations_site_slug_unique', table: 'consultations', columns: ['site_id', 'slug'] };
const ID_PATTERN = /^[0-9a-f-]{36}$/i;

// ——— settings ———

export const DEFAULT_RETENTION_MONTHS = 12;

export async function readSettings(db: Kysely<Database>, siteId: string): Promise<{ retentionMonths: number }> {
  const row = await db.selectFrom('consultation_settings').select('retention_months').where('site_id', '=', siteId).executeTakeFirst();
  return { retentionMonths: row?.retention_months ?? DEFAULT_RETENTION_MONTHS };
}

/** Months after closing before commenters' contact details are erased. @throws FORBIDDEN without personal_data.manage; INVALID_INPUT. */
export async function updateSettings(db: Kysely<Database>, scope: RequestScope, input: { retentionMonths: unknown }): Promise<{ retentionMonths: number }> {
  requirePermission(scope.actor, 'personal_data.manage');
  const text = typeof input.retentionMonths === 'number' ? String(input.retentionMonths) : typeof input.retentionMonths === 'string' ? input.retentionMonths.trim() : '';
  if (!/^\d{1,3}$/.test(text) || Number(text) < 1 || Number(text) > 120) throw new InvalidInputError('Thời gian lưu thông tin liên hệ phải là số tháng từ 1 đến 120.', { field: 'retentionMonths' });
  const retentionMonths = Number(text);
  await inTransaction(db, async (trx) => {
    const values = { retention_months: retentionMonths, updated_at: scope.now.toISOString() };
    await trx.insertInto('consultation_settings').values({ site_id: scope.siteId, ...values }).onConflict((oc) => oc.column('site_id').doUpdateSet(values)).execute();
    await recordAudit(trx, scope, { action: 'consultation.settings_updated', targetType: 'site', targetId: scope.siteId, detail: { retentionMonths } });
  });
  return { retentionMonths };
}

// ——— the consultation's fields ———

export interface ConsultationFields {
  title: string;
  slug: string;
  issuingUnit: string;
  summaryHtml: string;
  opensAt: string;
  closesAt: string;
}

export type ConsultationInput = Partial<Record<keyof ConsultationFields, unknown>>;

function cleanLine(value: unknown, field: string, label: string, max: number, isRequired: boolean): string {
  if (value !== undefined && value !== null && typeof value !== 'string') throw new InvalidInputError(`${label} không hợp lệ.`, { field });
  // eslint-disable-next-line no-control-regex
  const text = toNfc(String(value ?? '').replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g, ' ').replace(/\s+/g, ' ').trim());
  if (isRequired && !text) throw new InvalidInputError(`Hãy nhập ${label.toLowerCase()}.`, { field });
  if ([...text].length > max) throw new InvalidInputError(`${label} không được dài quá ${max} ký tự.`, { field });
  return text;
}

function timeOf(value: unknown, field: string, label: string): string {
  const time = parseVietnamTime(value);
  if (time === null) throw new InvalidInputError(`Hãy nhập ${label.toLowerCase()}.`, { field, help: 'Ví dụ: 15/12/2026 17:00 (giờ Việt Nam).' });
  if (time === undefined) throw new InvalidInputError(`${label} không đúng dạng ngày giờ.`, { field, help: 'Hãy nhập theo dạng 15/12/2026 17:00 (giờ Việt Nam).' });
  return time.toISOString();
}

/** Checks the staff's fields, over the stored ones for fields not sent. @throws INVALID_INPUT naming the field. */
export function checkConsultationFields(input: ConsultationInput, stored?: ConsultationFields): ConsultationFields {
  const pick = <K extends keyof ConsultationFields>(key: K) => (input[key] === undefined && stored ? stored[key] : input[key]);
  const title = cleanLine(pick('title'), 'title', 'Tên dự thảo', CONSULTATION_LIMITS.title, true);
  const issuingUnit = cleanLine(pick('issuingUnit'), 'issuingUnit', 'Cơ quan chủ trì soạn thảo', CONSULTATION_LIMITS.issuingUnit, false);
  const rawSlug = cleanLine(pick('slug'), 'slug', 'Địa chỉ', CONSULTATION_LIMITS.slug, false).toLowerCase();
  const slug = rawSlug || slugify(title, 100) || 'du-thao';
  if (!SLUG_PATTERN.test(slug) || slug.length > CONSULTATION_LIMITS.slug) throw new InvalidInputError('Địa chỉ chỉ gồm chữ thường không dấu, số và dấu gạch ngang.', { field: 'slug', help: 'Ví dụ: ke-hoach-ho-tro-viec-lam-2027. Để trống để hệ thống tự đặt theo tên.' });
  const rawSummary = pick('summaryHtml');
  if (rawSummary !== undefined && rawSummary !== null && typeof rawSummary !== 'string') throw new InvalidInputError('Tóm tắt không hợp lệ.', { field: 'summaryHtml' });
  if (String(rawSummary ?? '').length > CONSULTATION_LIMITS.summary) throw new InvalidInputError(`Tóm tắt không được dài quá ${CONSULTATION_LIMITS.summary} ký tự.`, { field: 'summaryHtml' });
  const summaryHtml = sanitizeBody(String(rawSummary ?? ''));
  const opensAt = timeOf(pick('opensAt'), 'opensAt', 'Thời điểm bắt đầu lấy ý kiến');
  const closesAt = timeOf(pick('closesAt'), 'closesAt', 'Thời điểm kết thúc lấy ý kiến');
  if (Date.parse(closesAt) <= Date.parse(opensAt)) throw new InvalidInputError('Thời điểm kết thúc phải sau thời điểm bắt đầu lấy ý kiến.', { field: 'closesAt' });
  return { title, slug, issuingUnit, summaryHtml, opensAt, closesAt };
}

function fieldsOf(row: ConsultationRow): ConsultationFields {
  return { title: row.title, slug: row.slug, issuingUnit: row.issuing_unit, summaryHtml: row.summary_html, opensAt: row.opens_at, closesAt: row.closes_at };
}

// ——— helpers shared by the use-cases ———

async function lockConsultation(trx: Kysely<Database>, scope: RequestScope, consultationId: string): Promise<ConsultationRow> {
  if (!ID_PATTERN.test(String(consultationId))) throw new ConsultationNotFoundError();
  let query = trx.selectFrom('consultations').selectAll().where('id', '=', String(consultationId)).where('site_id', '=', scope.siteId);
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new ConsultationNotFoundError();
  return row;
}

function authorId(scope: RequestScope): string | null {
  return scope.actor && scope.actor.via !== 'cli' ? scope.actor.id : null;
}

async function addRevision(trx: Kysely<Database>, scope: RequestScope, consultationId: string): Promise<void> {
  const row = await trx.selectFrom('consultations').selectAll().where('id', '=', consultationId).executeTakeFirstOrThrow();
  const files = await trx.selectFrom('consultation_attachments').select('media_id').where('consultation_id', '=', consultationId).orderBy('position').execute();
  const last = await trx.selectFrom('consultation_revisions').select((eb) => eb.fn.max('number').as('n')).where('consultation_id', '=', consultationId).executeTakeFirst();
  const snapshot = { ...fieldsOf(row), reportHtml: row.report_html, attachmentIds: files.map((f) => f.media_id) };
  await trx
    .insertInto('consultation_revisions')
    .values({ id: crypto.randomUUID(), consultation_id: consultationId, number: Number(last?.n ?? 0) + 1, author_id: authorId(scope), snapshot: JSON.stringify(snapshot), created_at: scope.now.toISOString() })
    .execute();
}

/**
 * "Open" and "closed" are read from the clock, so nothing is written when a consultation
 * opens or closes. So that a cached page never shows it in its old state, the site's
 * content version goes up at those moments: the articles' publish-due job does exactly
 * that bump (one job per consultation and moment; the key moves it when times change).
 */
async function scheduleStatusChanges(trx: Kysely<Database>, scope: RequestScope, row: { id: string; opens_at: string; closes_at: string; publication: string }): Promise<void> {
  if (row.publication !== 'published') return;
  for (const [moment, at] of [['opening', row.opens_at], ['closing', row.closes_at]] as const) {
    const time = new Date(at);
    if (time.getTime() > scope.now.getTime()) await scheduleJob(trx, { name: PUBLISH_DUE_JOB, key: `consultation-${moment}:${row.id}`, runAt: time, payload: { siteId: scope.siteId } }, scope.now);
  }
}

/** After a change readers saw or now see: the search record, the status jobs and the site's content version. */
async function afterPublicChange(trx: Kysely<Database>, scope: RequestScope, consultationId: string): Promise<void> {
  await changeSiteContent(trx, scope.siteId, async () => {
    await syncConsultationSearch(trx, { siteId: scope.siteId, consultationId });
    const row = await trx.selectFrom('consultations').select(['id', 'opens_at', 'closes_at', 'publication']).where('id', '=', consultationId).executeTakeFirstOrThrow();
    await scheduleStatusChanges(trx, scope, row);
  });
}

async function slugIsFree(trx: Kysely<Database>, siteId: string, slug: string, exceptId: string | null): Promise<boolean> {
  let query = trx.selectFrom('consultations').select('id').where('site_id', '=', siteId).where('slug', '=', slug);
  if (exceptId) query = query.where('id', '!=', exceptId);
  return !(await query.executeTakeFirst());
}

function requireMayEdit(scope: RequestScope, row: ConsultationRow): void {
  requirePermission(scope.actor, 'consultation.edit');
  if (row.publication === 'published' && !hasPermission(scope.actor, 'consultation.publish')) {
    throw new ForbiddenError('Dự thảo đang công khai: chỉ trưởng ban biên tập hoặc quản trị được sửa.', 'Hãy nhờ trưởng ban biên tập sửa, hoặc gỡ xuống trước.');
  }
}

// ——— staff: the consultation ———

/** A new draft (or opened at once when isPublishing and the actor may publish). @throws FORBIDDEN; INVALID_INPUT; CONFLICT for a slug taken. */
export async function createConsultation(db: Kysely<Database>, scope: RequestScope, input: ConsultationInput & { isPublishing?: boolean }): Promise<{ id: string; slug: string }> {
  requirePermission(scope.actor, 'consultation.edit');
  if (input.isPublishing) requirePermission(scope.actor, 'consultation.publish');
  const fields = checkConsultationFields(input);
  try {
    return await inTransaction(db, async (trx) => {
      if (!(await slugIsFree(trx, scope.siteId, fields.slug, null))) throw new ConsultationSlugTakenError(fields.slug);
      const id = crypto.randomUUID();
      const at = scope.now.toISOString();
      await trx
        .insertInto('consultations')
        .values({
          id,
          site_id: scope.siteId,
          slug: fields.slug,
          title: fields.title,
          issuing_unit: fields.issuingUnit,
          summary_html: fields.summaryHtml,
          opens_at: fields.opensAt,
          closes_at: fields.closesAt,
          publication: input.isPublishing ? 'published' : 'draft',
          published_at: input.isPublishing ? at : null,
          created_by: authorId(scope),
          created_at: at,
          updated_at: at,
        })
        .execute();
      await addRevision(trx, scope, id);
      await recordAudit(trx, scope, { action: 'consultation.created', targetType: 'consultation', targetId: id, detail: { title: fields.title } });
      if (input.isPublishing) {
        await recordAudit(trx, scope, { action: 'consultation.published', targetType: 'consultation', targetId: id, detail: { title: fields.title } });
        await afterPublicChange(trx, scope, id);
      }
      return { id, slug: fields.slug };
    });
  } catch (error) {
    if (isUniqueViolationOf(error, SLUG_KEY)) throw new ConsultationSlugTakenError(fields.slug);
    throw error;
  }
}

/** Saves the fields sent (a revision per save). @throws FORBIDDEN; NOT_FOUND; INVALID_INPUT; CONFLICT. */
export async function saveConsultation(db: Kysely<Database>, scope: RequestScope, input: { consultationId: string; fields: ConsultationInput }): Promise<void> {
  requirePermission(scope.actor, 'consultation.edit');
  try {
    await inTransaction(db, async (trx) => {
      const row = await lockConsultation(trx, scope, input.consultationId);
      requireMayEdit(scope, row);
      const fields = checkConsultationFields(input.fields, fieldsOf(row));
      if (!(await slugIsFree(trx, scope.siteId, fields.slug, row.id))) throw new ConsultationSlugTakenError(fields.slug);
      await trx
        .updateTable('consultations')
        .set({ slug: fields.slug, title: fields.title, issuing_unit: fields.issuingUnit, summary_html: fields.summaryHtml, opens_at: fields.opensAt, closes_at: fields.closesAt, updated_at: scope.now.toISOString() })
        .where('id', '=', row.id)
        .execute();
      await addRevision(trx, scope, row.id);
      await recordAudit(trx, scope, { action: 'consultation.saved', targetType: 'consultation', targetId: row.id, detail: { title: fields.title } });
      if (row.publication === 'published') await afterPublicChange(trx, scope, row.id);
    });
  } catch (error) {
    if (isUniqueViolationOf(error, SLUG_KEY)) throw new ConsultationSlugTakenError(String(input.fields.slug ?? ''));
    throw error;
  }
}

/** Opens the consultation to the public (publishes it). @throws FORBIDDEN without consultation.publish; NOT_FOUND; INVALID_TRANSITION. */
export async function publishConsultation(db: Kysely<Database>, scope: RequestScope, input: { consultationId: string }): Promise<void> {
  requirePermission(scope.actor, 'consultation.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockConsultation(trx, scope, input.consultationId);
    if (row.publication === 'published') throw new ConsultationStepError('Dự thảo đã được xuất bản.');
    await trx.updateTable('consultations').set({ publication: 'published', published_at: row.published_at ?? scope.now.toISOString(), updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'consultation.published', targetType: 'consultation', targetId: row.id, detail: { title: row.title } });
    await afterPublicChange(trx, scope, row.id);
  });
}

/** Takes it off the public pages, the API and search. @throws FORBIDDEN; NOT_FOUND; INVALID_TRANSITION. */
export async function unpublishConsultation(db: Kysely<Database>, scope: RequestScope, input: { consultationId: string }): Promise<void> {
  requirePermission(scope.actor, 'consultation.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockConsultation(trx, scope, input.consultationId);
    if (row.publication !== 'published') throw new ConsultationStepError('Dự thảo chưa được xuất bản.');
    await trx.updateTable('consultations').set({ publication: 'unpublished', updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'consultation.unpublished', targetType: 'consultation', targetId: row.id, detail: { title: row.title } });
    await afterPublicChange(trx, scope, row.id);
  });
}

/** Ends the consultation now, before its date (the form disappears). @throws FORBIDDEN; NOT_FOUND; INVALID_TRANSITION when not open. */
export async function closeConsultationEarly(db: Kysely<Database>, scope: RequestScope, input: { consultationId: string }): Promise<void> {
  requirePermission(scope.actor, 'consultation.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockConsultation(trx, scope, input.consultationId);
    if (consultationStatus(row, scope.now) === 'closed') throw new ConsultationStepError('Đợt lấy ý kiến đã kết thúc.');
    const at = scope.now.toISOString();
    // An upcoming one never opened: both moments become now, so it reads as closed.
    const opensAt = Date.parse(row.opens_at) > scope.now.getTime() ? at : row.opens_at;
    await trx.updateTable('consultations').set({ closes_at: at, opens_at: opensAt, closed_early_at: at, updated_at: at }).where('id', '=', row.id).execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'consultation.closed_early', targetType: 'consultation', targetId: row.id, detail: { title: row.title, plannedClose: row.closes_at } });
    await ensureRetentionJob(trx, scope.now);
    if (row.publication === 'published') await afterPublicChange(trx, scope, row.id);
  });
}

/** Attaches a document of the site's media library. @throws FORBIDDEN; NOT_FOUND; INVALID_INPUT. */
export async function attachConsultationFile(db: Kysely<Database>, scope: RequestScope, input: { consultationId: string; mediaId: string }): Promise<void> {
  requirePermission(scope.actor, 'consultation.edit');
  await inTransaction(db, async (trx) => {
    const row = await lockConsultation(trx, scope, input.consultationId);
    requireMayEdit(scope, row);
    const refusal = 'Tệp đính kèm phải là một tài liệu (PDF, DOCX…) trong thư viện của trang.';
    if (!ID_PATTERN.test(String(input.mediaId))) throw new InvalidInputError(refusal, { field: 'mediaId' });
    const media = await trx.selectFrom('media').select(['id', 'original_name']).where('id', '=', String(input.mediaId)).where('site_id', '=', scope.siteId).where('kind', '=', 'document').executeTakeFirst();
    if (!media) throw new InvalidInputError(refusal, { field: 'mediaId' });
    const existing = await trx.selectFrom('consultation_attachments').select(['media_id', 'position']).where('consultation_id', '=', row.id).execute();
    if (existing.some((a) => a.media_id === media.id)) return;
    if (existing.length >= CONSULTATION_LIMITS.attachments) throw new InvalidInputError(`Mỗi dự thảo đính kèm tối đa ${CONSULTATION_LIMITS.attachments} tệp.`, { field: 'mediaId' });
    await trx.insertInto('consultation_attachments').values({ consultation_id: row.id, media_id: media.id, position: Math.max(-1, ...existing.map((a) => a.position)) + 1 }).execute();
    await trx.updateTable('consultations').set({ updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'consultation.file_attached', targetType: 'consultation', targetId: row.id, detail: { title: row.title, mediaId: media.id, file: media.original_name } });
    if (row.publication === 'published') await afterPublicChange(trx, scope, row.id);
  });
}

/** @throws FORBIDDEN; NOT_FOUND. */
export async function detachConsultationFile(db: Kysely<Database>, scope: RequestScope, input: { consultationId: string; mediaId: string }): Promise<void> {
  requirePermission(scope.actor, 'consultation.edit');
  await inTransaction(db, async (trx) => {
    const row = await lockConsultation(trx, scope, input.consultationId);
    requireMayEdit(scope, row);
    if (!ID_PATTERN.test(String(input.mediaId))) return;
    const deleted = await trx.deleteFrom('consultation_attachments').where('consultation_id', '=', row.id).where('media_id', '=', String(input.mediaId)).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return;
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'consultation.file_detached', targetType: 'consultation', targetId: row.id, detail: { title: row.title, mediaId: String(input.mediaId) } });
    if (row.publication === 'published') await afterPublicChange(trx, scope, row.id);
  });
}

/** Saves the report on the comments (báo cáo tiếp thu, giải trình), sanitised; a published one changes on the public page at once. @throws FORBIDDEN; NOT_FOUND; INVALID_INPUT. */
export async function saveReport(db: Kysely<Database>, scope: RequestScope, input: { consultationId: string; reportHtml: unknown }): Promise<void> {
  requirePermission(scope.actor, 'consultation.edit');
  if (typeof input.reportHtml !== 'string') throw new InvalidInputError('Báo cáo không hợp lệ.', { field: 'reportHtml' });
  if (input.reportHtml.length > CONSULTATION_LIMITS.report) throw new InvalidInputError(`Báo cáo không được dài quá ${CONSULTATION_LIMITS.report} ký tự.`, { field: 'reportHtml' });
  const reportHtml = sanitizeBody(input.reportHtml);
  await inTransaction(db, async (trx) => {
    const row = await lockConsultation(trx, scope, input.consultationId);
    if (row.report_published_at && !hasPermission(scope.actor, 'consultation.publish')) throw new ForbiddenError('Báo cáo đang công khai: chỉ trưởng ban biên tập hoặc quản trị được sửa.');
    await trx.updateTable('consultations').set({ report_html: reportHtml, updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'consultation.report_saved', targetType: 'consultation', targetId: row.id, detail: { title: row.title } });
    if (row.report_published_at && row.publication === 'published') await afterPublicChange(trx, scope, row.id);
  });
}

/** Publishes the report on a closed consultation. @throws FORBIDDEN without consultation.publish; NOT_FOUND; INVALID_INPUT when empty; INVALID_TRANSITION while open. */
export async function publishReport(db: Kysely<Database>, scope: RequestScope, input: { consultationId: string; reportHtml?: unknown }): Promise<void> {
  requirePermission(scope.actor, 'consultation.publish');
  if (input.reportHtml !== undefined) await saveReport(db, scope, { consultationId: input.consultationId, reportHtml: input.reportHtml });
  await inTransaction(db, async (trx) => {
    const row = await lockConsultation(trx, scope, input.consultationId);
    if (consultationStatus(row, scope.now) !== 'closed') throw new ConsultationStepError('Chỉ công bố báo cáo tiếp thu, giải trình sau khi đợt lấy ý kiến kết thúc.');
    if (!htmlToPlainText(row.report_html).trim()) throw new InvalidInputError('Hãy soạn báo cáo tiếp thu, giải trình trước khi công bố.', { field: 'reportHtml' });
    await trx.updateTable('consultations').set({ report_published_at: row.report_published_at ?? scope.now.toISOString(), updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'consultation.report_published', targetType: 'consultation', targetId: row.id, detail: { title: row.title } });
    if (row.publication === 'published') await afterPublicChange(trx, scope, row.id);
  });
}

// ——— staff: reading ———

export interface ConsultationSummary {
  id: string;
  title: string;
  slug: string;
  issuingUnit: string;
  opensAt: string;
  closesAt: string;
  status: ConsultationStatus;
  publication: Publication;
  commentCount: number;
  updatedAt: string;
}

/** Every consultation of the site, newest closing first. @throws FORBIDDEN without consultation.edit. */
export async function listConsultationsForStaff(db: Kysely<Database>, scope: RequestScope, input: { page: number; pageSize: number }): Promise<{ items: ConsultationSummary[]; total: number }> {
  requirePermission(scope.actor, 'consultation.edit');
  const total = Number((await db.selectFrom('consultations').select((eb) => eb.fn.countAll<number>().as('n')).where('site_id', '=', scope.siteId).executeTakeFirstOrThrow()).n);
  const pageSize = Math.min(100, Math.max(1, Math.floor(input.pageSize) || 20));
  const page = Math.max(1, Math.floor(input.page) || 1);
  const rows = await db
    .selectFrom('consultations as c')
    .selectAll('c')
    .select((eb) => eb.selectFrom('consultation_comments as k').select((e) => e.fn.countAll<number>().as('n')).whereRef('k.consultation_id', '=', 'c.id').as('comment_count'))
    .where('c.site_id', '=', scope.siteId)
    .orderBy('c.closes_at', 'desc')
    .orderBy('c.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    total,
    items: rows.map((r) => ({ id: r.id, title: r.title, slug: r.slug, issuingUnit: r.issuing_unit, opensAt: r.opens_at, closesAt: r.closes_at, status: consultationStatus(r, scope.now), publication: r.publication as Publication, commentCount: Number(r.comment_count ?? 0), updatedAt: r.updated_at })),
  };
}

export interface ConsultationForEditing {
  id: string;
  fields: ConsultationFields;
  status: ConsultationStatus;
  publication: Publication;
  closedEarlyAt: string | null;
  publishedAt: string | null;
  reportHtml: string;
  reportPublishedAt: string | null;
  commentCount: number;
  attachments: { mediaId: string; name: string; url: string }[];
  revisions: { number: number; authorName: string; createdAt: string; title: string }[];
  createdAt: string;
  updatedAt: string;
  can: { edit: boolean; publish: boolean; unpublish: boolean; close: boolean; publishReport: boolean; editReport: boolean; managePersonalData: boolean };
}

/** @throws FORBIDDEN without consultation.edit; NOT_FOUND for another site's. */
export async function getConsultationForEditing(db: Kysely<Database>, scope: RequestScope, consultationId: string): Promise<ConsultationForEditing> {
  requirePermission(scope.actor, 'consultation.edit');
  if (!ID_PATTERN.test(String(consultationId))) throw new ConsultationNotFoundError();
  const row = await db.selectFrom('consultations').selectAll().where('id', '=', String(consultationId)).where('site_id', '=', scope.siteId).executeTakeFirst();
  if (!row) throw new ConsultationNotFoundError();
  const [files, revisions, count] = await Promise.all([
    db.selectFrom('consultation_attachments as a').innerJoin('media as m', 'm.id', 'a.media_id').select(['a.media_id', 'm.original_name', 'm.storage_key']).where('a.consultation_id', '=', row.id).orderBy('a.position').execute(),
    db.selectFrom('consultation_revisions as r').leftJoin('users as u', 'u.id', 'r.author_id').select(['r.number', 'r.created_at', 'r.snapshot', 'u.display_name']).where('r.consultation_id', '=', row.id).orderBy('r.number', 'desc').limit(30).execute(),
    db.selectFrom('consultation_comments').select((eb) => eb.fn.countAll<number>().as('n')).where('consultation_id', '=', row.id).executeTakeFirstOrThrow(),
  ]);
  const status = consultationStatus(row, scope.now);
  const isPublisher = hasPermission(scope.actor, 'consultation.publish');
  return {
    id: row.id,
    fields: fieldsOf(row),
    status,
    publication: row.publication as Publication,
    closedEarlyAt: row.closed_early_at,
    publishedAt: row.published_at,
    reportHtml: row.report_html,
    reportPublishedAt: row.report_published_at,
    commentCount: Number(count.n),
    attachments: files.map((f) => ({ mediaId: f.media_id, name: f.original_name, url: `${MEDIA_URL_PREFIX}${f.storage_key}` })),
    revisions: revisions.map((r) => ({ number: r.number, createdAt: r.created_at, authorName: r.display_name ?? 'Hệ thống', title: (JSON.parse(r.snapshot) as { title?: string }).title ?? '' })),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    can: {
      edit: row.publication !== 'published' || isPublisher,
      publish: isPublisher && row.publication !== 'published',
      unpublish: isPublisher && row.publication === 'published',
      close: isPublisher && status !== 'closed',
      publishReport: isPublisher && status === 'closed' && !row.report_published_at,
      editReport: !row.report_published_at || isPublisher,
      managePersonalData: hasPermission(scope.actor, 'personal_data.manage'),
    },
  };
}

export interface CommentFilters {
  orgType?: string;
  section?: string;
  q?: string;
}

export interface StaffComment {
  id: string;
  receiptCode: string;
  name: string;
  email: string;
  phone: string;
  orgType: OrgType | '';
  section: string;
  body: string;
  receivedAt: string;
  isPersonalDataErased: boolean;
}

/** Checks the filters (a bad one is a 400 naming it). */
export function checkCommentFilters(filters: CommentFilters): { orgType: OrgType | ''; section: string; q: string } {
  const orgType = filters.orgType ?? '';
  if (orgType !== '' && !isOrgType(orgType)) throw new InvalidInputError('Đối tượng góp ý được chọn không có.', { field: 'orgType' });
  const section = String(filters.section ?? '').trim();
  const q = String(filters.q ?? '').trim();
  if (section.length > 100) throw new InvalidInputError('Điều, khoản quá dài: tối đa 100 ký tự.', { field: 'section' });
  if (q.length > 200) throw new InvalidInputError('Từ khoá quá dài: tối đa 200 ký tự.', { field: 'q' });
  return { orgType, section, q };
}

export function commentFoldedText(section: string, body: string): string {
  return ` ${foldVietnamese(`${section} ${body}`).replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

/** Words of a filter as folded tokens: every one must appear. */
function foldedWords(text: string): string[] {
  return foldVietnamese(text).replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean).slice(0, 10);
}

/**
 * The comments of one consultation, oldest first, filtered by who sent them, the section
 * and words (without diacritics). Contact details are in: only consultation.edit and up
 * reach this, and they are the ones who handle the comments.
 * @throws FORBIDDEN without consultation.edit; NOT_FOUND; INVALID_INPUT for a bad filter.
 */
export async function listComments(db: Kysely<Database>, scope: RequestScope, input: { consultationId: string; filters?: CommentFilters; page?: number; pageSize?: number }): Promise<{ items: StaffComment[]; total: number }> {
  requirePermission(scope.actor, 'consultation.edit');
  const filters = checkCommentFilters(input.filters ?? {});
  if (!ID_PATTERN.test(String(input.consultationId))) throw new ConsultationNotFoundError();
  const owner = await db.selectFrom('consultations').select('id').where('id', '=', String(input.consultationId)).where('site_id', '=', scope.siteId).executeTakeFirst();
  if (!owner) throw new ConsultationNotFoundError();
  let query = db.selectFrom('consultation_comments').where('consultation_id', '=', owner.id).where('site_id', '=', scope.siteId);
  if (filters.orgType) query = query.where('org_type', '=', filters.orgType);
  for (const word of foldedWords(filters.section)) query = query.where('folded_text', 'like', `% ${word}%`);
  for (const word of foldedWords(filters.q)) query = query.where('folded_text', 'like', `%${word}%`);
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const pageSize = Math.min(10_000, Math.max(1, Math.floor(input.pageSize ?? 50) || 50));
  const page = Math.max(1, Math.floor(input.page ?? 1) || 1);
  const rows = await query.selectAll().orderBy('received_at').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return {
    total,
    items: rows.map((r) => ({ id: r.id, receiptCode: r.receipt_code, name: r.commenter_name, email: r.email, phone: r.phone, orgType: (isOrgType(r.org_type) ? r.org_type : '') as OrgType | '', section: r.section, body: r.body, receivedAt: r.received_at, isPersonalDataErased: r.personal_erased_at !== null })),
  };
}

// ——— the public side: a comment ———

export type CommentResult = { kind: 'received'; receiptCode: string } | { kind: 'dropped' };

/**
 * Receives a comment from the public form on a published, open consultation: the fields
 * first (a refused field spends no token), then the shared defences in the transaction
 * that stores it, so a rollback undoes both. Comments are never published one by one.
 * @throws NOT_FOUND for a consultation the public cannot see; ConsultationClosedError (409)
 *   outside its dates; INVALID_INPUT naming the field; FormRefusedError; FormBusyError.
 */
export async function submitComment(
  db: Kysely<Database>,
  scope: RequestScope,
  input: CommentInput & { slug: string; defences: { token: unknown; answer: unknown; honeypot: unknown } },
): Promise<CommentResult> {
  const consultation = await db.selectFrom('consultations').select(['id', 'title', 'opens_at', 'closes_at']).where('site_id', '=', scope.siteId).where('slug', '=', String(input.slug)).where('publication', '=', 'published').executeTakeFirst();
  if (!consultation) throw new ConsultationNotFoundError();
  const status = consultationStatus(consultation, scope.now);
  if (status !== 'open') throw new ConsultationClosedError(consultation.closes_at, status === 'upcoming');
  const fields = checkCommentFields(input);
  const fingerprint = contentFingerprint(consultation.id, fields.section, fields.body);
  return inTransaction(db, async (trx) => {
    const verdict = await checkFormSubmission(trx, { siteId: scope.siteId, form: COMMENT_FORM, now: scope.now, ...input.defences, fingerprint });
    if (verdict === 'drop') return { kind: 'dropped' } as const;
    const id = crypto.randomUUID();
    const receiptCode = newReceiptCode();
    await trx
      .insertInto('consultation_comments')
      .values({
        id,
        site_id: scope.siteId,
        consultation_id: consultation.id,
        receipt_code: receiptCode,
        commenter_name: fields.name,
        email: fields.email,
        phone: fields.phone,
        org_type: fields.orgType,
        section: fields.section,
        body: fields.body,
        folded_text: commentFoldedText(fields.section, fields.body),
        received_at: scope.now.toISOString(),
      })
      .execute();
    // No contact details in the log: the audit log outlives the retention period.
    await recordAudit(trx, scope, { action: 'consultation.comment_received', targetType: 'consultation', targetId: consultation.id, detail: { receiptCode } });
    await ensureRetentionJob(trx, scope.now);
    return { kind: 'received', receiptCode } as const;
  });
}
