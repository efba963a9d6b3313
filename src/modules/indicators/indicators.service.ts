/**
 * The staff's use-cases on indicators (chỉ tiêu): create, edit, replace the table of
 * values, publish and unpublish. Every function takes the request scope and checks the
 * actor first (default deny): 'indicator.edit' to work on indicators, 'indicator.publish'
 * to publish, unpublish, or change anything of an indicator the public sees. Each runs in
 * one transaction with its audit entry and, when readers see the change, the site's
 * content version and search record. Another site's indicator is simply not found.
 */
import crypto from 'node:crypto';
import { PostgresAdapter, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolationOf, type UniqueKey } from '../../platform/db/db-errors.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { AppError, ForbiddenError, InvalidInputError } from '../../platform/errors.js';
import { SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { foldVietnamese, slugify } from '../../platform/i18n/vi.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { recordMove } from '../redirects/index.js';
import { changeSiteContent } from '../sites/index.js';
import { isPeriodKind, type PeriodKind } from './indicator-periods.js';
import { checkIndicatorValues, cleanText, compareValues, type IndicatorValue, type IndicatorValueInput } from './indicator-values.js';
import { IndicatorNotFoundError, IndicatorPublicationStepError, IndicatorSlugTakenError } from './indicators.errors.js';
import { INDICATORS_PATH, syncIndicatorSearch } from './indicators.search.js';
import type { IndicatorsTable } from './indicators.table.js';

export type IndicatorRow = Selectable<IndicatorsTable>;
export type Publication = 'draft' | 'published' | 'unpublished';

/** Everything staff edit on an indicator's form. */
export interface IndicatorFields {
  name: string;
  /** URL word under /chi-tieu/; from the name when left empty. */
  slug: string;
  /** Đơn vị tính: 'người', '%', 'hộ'. */
  unit: string;
  description: string;
  periodKind: PeriodKind;
}

/** What a form or the API sends: anything may be missing or wrong. */
export type IndicatorInput = Partial<Record<keyof IndicatorFields, unknown>>;

export const INDICATOR_LIMITS = { name: 300, unit: 30, description: 2_000, slug: 120 } as const;

const messages = {
  nameRequired: 'Tên chỉ tiêu không được để trống.',
  unitRequired: 'Hãy ghi đơn vị tính, ví dụ: người, %, hộ.',
  periodKind: 'Hãy chọn kỳ số liệu: theo năm hoặc theo quý.',
  slugPattern: 'Địa chỉ chỉ tiêu chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ giai-quyet-viec-lam).',
  tooLong: (label: string, max: number) => `${label} không được dài quá ${max} ký tự.`,
  kindWithValues: 'Chỉ tiêu đã có số liệu theo kỳ cũ: hãy sửa hoặc xoá số liệu trước khi đổi kỳ.',
  notReady: 'Chỉ tiêu chưa có dòng số liệu nào nên chưa xuất bản được.',
  notReadyHelp: 'Hãy nhập ít nhất một kỳ với kế hoạch hoặc kết quả thực hiện.',
  publishedNeedsPublisher: 'Chỉ tiêu này đang hiển thị công khai: chỉ trưởng ban biên tập hoặc quản trị được thay đổi nó.',
  publishedNeedsPublisherHelp: 'Hãy nhờ trưởng ban biên tập sửa, hoặc gỡ chỉ tiêu xuống trước.',
} as const;

/** Publishing an indicator without any value. */
export class IndicatorNotReadyError extends AppError {
  constructor() {
    super('INVALID_INPUT', messages.notReady, { field: 'values', help: messages.notReadyHelp });
  }
}

function line(value: unknown, field: string, max: number, label: string): string {
  const text = cleanText(value);
  if (text.length > max) throw new InvalidInputError(messages.tooLong(label, max), { field });
  return text;
}

/**
 * Checks and normalises the fields (merged over `base` when editing).
 * @throws INVALID_INPUT with the field at fault.
 */
export function checkIndicatorFields(input: IndicatorInput, base?: IndicatorFields): IndicatorFields {
  const merged: IndicatorInput = { ...base, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) };
  const name = line(merged.name, 'name', INDICATOR_LIMITS.name, 'Tên chỉ tiêu');
  if (!name) throw new InvalidInputError(messages.nameRequired, { field: 'name' });
  const unit = line(merged.unit, 'unit', INDICATOR_LIMITS.unit, 'Đơn vị tính');
  if (!unit) throw new InvalidInputError(messages.unitRequired, { field: 'unit' });
  const description = typeof merged.description === 'string' ? cleanText(merged.description) : '';
  if (description.length > INDICATOR_LIMITS.description) throw new InvalidInputError(messages.tooLong('Mô tả', INDICATOR_LIMITS.description), { field: 'description' });
  const periodKind = merged.periodKind ?? 'year';
  if (!isPeriodKind(periodKind)) throw new InvalidInputError(messages.periodKind, { field: 'periodKind' });
  const slug = typeof merged.slug === 'string' ? merged.slug.trim().toLowerCase() : '';
  if (slug && (!SLUG_PATTERN.test(slug) || slug.length > INDICATOR_LIMITS.slug)) throw new InvalidInputError(messages.slugPattern, { field: 'slug' });
  return { name, slug, unit, description, periodKind };
}

/** Folded words for the public list's word filter: name, unit, description and districts. */
export function foldedTextOf(fields: Pick<IndicatorFields, 'name' | 'unit' | 'description'>, districts: string[] = []): string {
  return ` ${foldVietnamese([fields.name, fields.unit, fields.description, ...districts].join(' ')).replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

function nameKeyOf(name: string): string {
  return foldVietnamese(name).replace(/[^a-z0-9]+/g, ' ').trim();
}

const SLUG_KEY: UniqueKey = { constraint: 'indicators_site_slug_unique', table: 'indicators', columns: ['site_id', 'slug'] };

/** A slug free on the site: `wanted` itself when staff chose it (else CONFLICT), or the name's slug with -2, -3… */
async function freeSlug(db: Kysely<Database>, input: { siteId: string; wanted: string; isChosen: boolean; exceptId?: string }): Promise<string> {
  const taken = async (slug: string) => {
    let query = db.selectFrom('indicators').select('id').where('site_id', '=', input.siteId).where('slug', '=', slug);
    if (input.exceptId) query = query.where('id', '!=', input.exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  };
  const wanted = input.wanted || 'chi-tieu';
  if (!(await taken(wanted))) return wanted;
  if (input.isChosen) throw new IndicatorSlugTakenError(wanted);
  for (let n = 2; n < 1_000; n++) {
    const slug = `${wanted.slice(0, INDICATOR_LIMITS.slug - 5)}-${n}`;
    if (!(await taken(slug))) return slug;
  }
  throw new IndicatorSlugTakenError(wanted);
}

function rowToFields(row: IndicatorRow): IndicatorFields {
  return { name: row.name, slug: row.slug, unit: row.unit, description: row.description, periodKind: isPeriodKind(row.period_kind) ? row.period_kind : 'year' };
}

async function lockIndicator(trx: Kysely<Database>, scope: RequestScope, indicatorId: string): Promise<IndicatorRow> {
  let query = trx.selectFrom('indicators').selectAll().where('id', '=', String(indicatorId)).where('site_id', '=', scope.siteId);
  // SQLite's BEGIN IMMEDIATE already holds the only write lock.
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new IndicatorNotFoundError();
  return row;
}

/** Changing what readers see of a published indicator takes a publisher. */
function requireMayChange(scope: RequestScope, row: { publication: string }): void {
  requirePermission(scope.actor, 'indicator.edit');
  if (row.publication === 'published' && !hasPermission(scope.actor, 'indicator.publish')) {
    throw new ForbiddenError(messages.publishedNeedsPublisher, messages.publishedNeedsPublisherHelp);
  }
}

function authorId(scope: RequestScope): string | null {
  return scope.actor && scope.actor.via !== 'cli' ? scope.actor.id : null;
}

/** After a change to an indicator readers saw or now see: its search record and the site's content version. */
async function publishChanges(trx: Kysely<Database>, scope: RequestScope, before: { id: string; publication: string }): Promise<void> {
  const now = await trx.selectFrom('indicators').select('publication').where('id', '=', before.id).executeTakeFirst();
  if (before.publication !== 'published' && now?.publication !== 'published') return;
  await changeSiteContent(trx, scope.siteId, () => syncIndicatorSearch(trx, { siteId: scope.siteId, indicatorId: before.id }));
}

const INSERT_CHUNK = 500;

/** What a revision keeps: the fields and the table as saved. */
export interface IndicatorSnapshot {
  fields: IndicatorFields;
  values: IndicatorValue[];
}

/** Keeps the indicator as it now is (in the caller's transaction) as its next revision. */
async function addRevision(trx: Kysely<Database>, scope: RequestScope, indicatorId: string): Promise<void> {
  const row = await trx.selectFrom('indicators').selectAll().where('id', '=', indicatorId).executeTakeFirstOrThrow();
  const values = await trx.selectFrom('indicator_values').select(['period', 'district', 'target', 'result', 'note']).where('indicator_id', '=', indicatorId).execute();
  const snapshot: IndicatorSnapshot = { fields: rowToFields(row), values: values.sort(compareValues) };
  const last = await trx.selectFrom('indicator_revisions').select((eb) => eb.fn.max('number').as('n')).where('indicator_id', '=', indicatorId).executeTakeFirst();
  await trx
    .insertInto('indicator_revisions')
    .values({ id: crypto.randomUUID(), indicator_id: indicatorId, number: Number(last?.n ?? 0) + 1, author_id: authorId(scope), snapshot: JSON.stringify(snapshot), created_at: scope.now.toISOString() })
    .execute();
}

export interface IndicatorRevisionSummary {
  number: number;
  authorName: string;
  createdAt: string;
  snapshot: IndicatorSnapshot;
}

/** An indicator's revisions, newest first. @throws FORBIDDEN without indicator.edit; NOT_FOUND. */
export async function listIndicatorRevisions(db: Kysely<Database>, scope: RequestScope, indicatorId: string): Promise<IndicatorRevisionSummary[]> {
  requirePermission(scope.actor, 'indicator.edit');
  const row = await db.selectFrom('indicators').select('id').where('id', '=', String(indicatorId)).where('site_id', '=', scope.siteId).executeTakeFirst();
  if (!row) throw new IndicatorNotFoundError();
  const rows = await db
    .selectFrom('indicator_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .select(['r.number', 'r.created_at', 'r.snapshot', 'u.display_name'])
    .where('r.indicator_id', '=', row.id)
    .orderBy('r.number', 'desc')
    .execute();
  return rows.map((r) => ({ number: r.number, authorName: r.display_name ?? 'Hệ thống', createdAt: r.created_at, snapshot: JSON.parse(r.snapshot) as IndicatorSnapshot }));
}

async function writeValues(trx: Kysely<Database>, indicatorId: string, values: IndicatorValue[]): Promise<void> {
  await trx.deleteFrom('indicator_values').where('indicator_id', '=', indicatorId).execute();
  for (let start = 0; start < values.length; start += INSERT_CHUNK) {
    const rows = values.slice(start, start + INSERT_CHUNK).map((v) => ({ indicator_id: indicatorId, period: v.period, district: v.district, target: v.target, result: v.result, note: v.note }));
    await trx.insertInto('indicator_values').values(rows).execute();
  }
}

function districtsOf(values: { district: string }[]): string[] {
  return [...new Set(values.map((v) => v.district).filter(Boolean))];
}

/**
 * Creates an indicator as a draft (with its values when given), or published when asked
 * by someone who may publish.
 * @throws FORBIDDEN without indicator.edit (indicator.publish to publish at once);
 *   INVALID_INPUT for bad fields or values (publishing: none at all); CONFLICT for a slug taken.
 */
export async function createIndicator(db: Kysely<Database>, scope: RequestScope, input: IndicatorInput & { values?: IndicatorValueInput[]; isPublishing?: boolean }): Promise<{ id: string; slug: string }> {
  requirePermission(scope.actor, 'indicator.edit');
  if (input.isPublishing) requirePermission(scope.actor, 'indicator.publish');
  const fields = checkIndicatorFields(input);
  const values = checkIndicatorValues({ periodKind: fields.periodKind, unit: fields.unit, rows: input.values ?? [] });
  if (input.isPublishing && values.length === 0) throw new IndicatorNotReadyError();
  try {
    return await inTransaction(db, async (trx) => {
      const slug = await freeSlug(trx, { siteId: scope.siteId, wanted: fields.slug || slugify(fields.name, INDICATOR_LIMITS.slug), isChosen: Boolean(fields.slug) });
      const id = crypto.randomUUID();
      const now = scope.now.toISOString();
      await trx
        .insertInto('indicators')
        .values({
          id,
          site_id: scope.siteId,
          slug,
          name: fields.name,
          name_key: nameKeyOf(fields.name),
          unit: fields.unit,
          description: fields.description,
          folded_text: foldedTextOf(fields, districtsOf(values)),
          period_kind: fields.periodKind,
          publication: input.isPublishing ? 'published' : 'draft',
          published_at: input.isPublishing ? now : null,
          created_by: authorId(scope),
          created_at: now,
          updated_at: now,
        })
        .execute();
      await writeValues(trx, id, values);
      await addRevision(trx, scope, id);
      await recordAudit(trx, scope, { action: 'indicator.created', targetType: 'indicator', targetId: id, detail: { name: fields.name, values: values.length, ...(input.isPublishing ? { published: true } : {}) } });
      if (input.isPublishing) await publishChanges(trx, scope, { id, publication: 'published' });
      return { id, slug };
    });
  } catch (error) {
    if (isUniqueViolationOf(error, SLUG_KEY)) throw new IndicatorSlugTakenError(fields.slug || slugify(fields.name));
    throw error;
  }
}

/**
 * Saves the indicator's fields. A published indicator changes for readers at once: that
 * takes indicator.publish. A published indicator given a new slug keeps its old URL (301).
 * @throws NOT_FOUND; FORBIDDEN; INVALID_INPUT (changing the period kind of an indicator with values); CONFLICT for a slug taken.
 */
export async function updateIndicator(db: Kysely<Database>, scope: RequestScope, input: { indicatorId: string; fields: IndicatorInput }): Promise<{ slug: string }> {
  requirePermission(scope.actor, 'indicator.edit');
  try {
    return await inTransaction(db, async (trx) => {
      const row = await lockIndicator(trx, scope, input.indicatorId);
      requireMayChange(scope, row);
      const fields = checkIndicatorFields({ ...input.fields, slug: input.fields.slug ?? '' }, rowToFields(row));
      const values = await trx.selectFrom('indicator_values').select('district').where('indicator_id', '=', row.id).execute();
      if (fields.periodKind !== row.period_kind && values.length > 0) throw new InvalidInputError(messages.kindWithValues, { field: 'periodKind' });
      const isChosen = Boolean(fields.slug) && fields.slug !== row.slug;
      const slug = isChosen ? await freeSlug(trx, { siteId: scope.siteId, wanted: fields.slug, isChosen: true, exceptId: row.id }) : row.slug;
      await trx
        .updateTable('indicators')
        .set({ slug, name: fields.name, name_key: nameKeyOf(fields.name), unit: fields.unit, description: fields.description, period_kind: fields.periodKind, folded_text: foldedTextOf(fields, districtsOf(values)), updated_at: scope.now.toISOString() })
        .where('id', '=', row.id)
        .execute();
      if (slug !== row.slug && row.published_at !== null) {
        await recordMove(trx, { siteId: scope.siteId, fromPath: `${INDICATORS_PATH.slice(1)}/${row.slug}`, toPath: `${INDICATORS_PATH.slice(1)}/${slug}` }, scope.now);
      }
      await addRevision(trx, scope, row.id);
      await recordAudit(trx, scope, { action: 'indicator.updated', targetType: 'indicator', targetId: row.id, detail: { name: fields.name, ...(slug !== row.slug ? { slug, previousSlug: row.slug } : {}) } });
      await publishChanges(trx, scope, row);
      return { slug };
    });
  } catch (error) {
    if (isUniqueViolationOf(error, SLUG_KEY)) throw new IndicatorSlugTakenError(String(input.fields.slug ?? ''));
    throw error;
  }
}

/**
 * Replaces the indicator's whole table of values (the staff form sends every row).
 * @throws NOT_FOUND; FORBIDDEN; INVALID_INPUT naming the row at fault, or emptying a published indicator.
 */
export async function replaceIndicatorValues(db: Kysely<Database>, scope: RequestScope, input: { indicatorId: string; values: IndicatorValueInput[] }): Promise<{ count: number }> {
  requirePermission(scope.actor, 'indicator.edit');
  return inTransaction(db, async (trx) => {
    const row = await lockIndicator(trx, scope, input.indicatorId);
    requireMayChange(scope, row);
    const fields = rowToFields(row);
    const values = checkIndicatorValues({ periodKind: fields.periodKind, unit: fields.unit, rows: input.values });
    if (row.publication === 'published' && values.length === 0) throw new IndicatorNotReadyError();
    await writeValues(trx, row.id, values);
    await trx.updateTable('indicators').set({ folded_text: foldedTextOf(fields, districtsOf(values)), updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'indicator.values_replaced', targetType: 'indicator', targetId: row.id, detail: { name: row.name, values: values.length } });
    await publishChanges(trx, scope, row);
    return { count: values.length };
  });
}

/**
 * Shows the indicator on the public pages, in search and in articles embedding it.
 * @throws FORBIDDEN without indicator.publish; NOT_FOUND; INVALID_TRANSITION when already
 *   published; INVALID_INPUT without any value.
 */
export async function publishIndicator(db: Kysely<Database>, scope: RequestScope, input: { indicatorId: string }): Promise<void> {
  requirePermission(scope.actor, 'indicator.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockIndicator(trx, scope, input.indicatorId);
    if (row.publication === 'published') throw new IndicatorPublicationStepError('Chỉ tiêu này đã được xuất bản.');
    const count = await trx.selectFrom('indicator_values').select((eb) => eb.fn.countAll<number>().as('n')).where('indicator_id', '=', row.id).executeTakeFirstOrThrow();
    if (Number(count.n) === 0) throw new IndicatorNotReadyError();
    const now = scope.now.toISOString();
    await trx.updateTable('indicators').set({ publication: 'published', published_at: row.published_at ?? now, updated_at: now }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'indicator.published', targetType: 'indicator', targetId: row.id, detail: { name: row.name } });
    await publishChanges(trx, scope, row);
  });
}

/**
 * Takes the indicator off the public pages, downloads, search and articles.
 * @throws FORBIDDEN without indicator.publish; NOT_FOUND; INVALID_TRANSITION when not published.
 */
export async function unpublishIndicator(db: Kysely<Database>, scope: RequestScope, input: { indicatorId: string }): Promise<void> {
  requirePermission(scope.actor, 'indicator.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockIndicator(trx, scope, input.indicatorId);
    if (row.publication !== 'published') throw new IndicatorPublicationStepError('Chỉ tiêu này chưa được xuất bản.');
    await trx.updateTable('indicators').set({ publication: 'unpublished', updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'indicator.unpublished', targetType: 'indicator', targetId: row.id, detail: { name: row.name } });
    await publishChanges(trx, scope, row);
  });
}

export interface IndicatorForEditing {
  id: string;
  fields: IndicatorFields;
  values: IndicatorValue[];
  publication: Publication;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** What the actor may do now: drives which buttons show (the services check again). */
  can: { edit: boolean; publish: boolean; unpublish: boolean };
}

/** @throws FORBIDDEN without indicator.edit; NOT_FOUND for another site's indicator. */
export async function getIndicatorForEditing(db: Kysely<Database>, scope: RequestScope, indicatorId: string): Promise<IndicatorForEditing> {
  requirePermission(scope.actor, 'indicator.edit');
  const row = await db.selectFrom('indicators').selectAll().where('id', '=', String(indicatorId)).where('site_id', '=', scope.siteId).executeTakeFirst();
  if (!row) throw new IndicatorNotFoundError();
  const values = await db.selectFrom('indicator_values').select(['period', 'district', 'target', 'result', 'note']).where('indicator_id', '=', row.id).execute();
  const mayPublish = hasPermission(scope.actor, 'indicator.publish');
  return {
    id: row.id,
    fields: rowToFields(row),
    values: values.sort(compareValues),
    publication: row.publication as Publication,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    can: { edit: row.publication !== 'published' || mayPublish, publish: mayPublish && row.publication !== 'published', unpublish: mayPublish && row.publication === 'published' },
  };
}

export interface StaffIndicatorItem {
  id: string;
  name: string;
  unit: string;
  periodKind: PeriodKind;
  publication: Publication;
  updatedAt: string;
}

/** The staff's list: every indicator of the site, newest change first; `query` matches folded words. */
export async function listIndicatorsForStaff(db: Kysely<Database>, scope: RequestScope, input: { publication?: Publication; query?: string; page: number; pageSize: number }): Promise<{ items: StaffIndicatorItem[]; total: number }> {
  requirePermission(scope.actor, 'indicator.edit');
  const pageSize = Math.min(100, Math.max(1, Math.floor(input.pageSize) || 20));
  const page = Math.max(1, Math.floor(input.page) || 1);
  let query = db.selectFrom('indicators').where('site_id', '=', scope.siteId);
  if (input.publication) query = query.where('publication', '=', input.publication);
  const words = foldVietnamese(String(input.query ?? '').slice(0, 200)).split(/[^a-z0-9]+/).filter(Boolean).slice(0, 10);
  for (const word of words) query = query.where('folded_text', 'like', `%${word}%`);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query.select(['id', 'name', 'unit', 'period_kind', 'publication', 'updated_at']).orderBy('updated_at', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({ id: r.id, name: r.name, unit: r.unit, periodKind: isPeriodKind(r.period_kind) ? r.period_kind : 'year', publication: r.publication as Publication, updatedAt: r.updated_at })),
  };
}
