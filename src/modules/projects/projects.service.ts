/**
 * The staff's use-cases on projects and procurement notices: create, edit (each save a
 * revision), publish and unpublish, attach and detach files. Every function takes the
 * request scope and checks the actor first (default deny): 'project.edit' to work on
 * items, 'project.publish' to publish, unpublish, or change anything of an item the
 * public sees. Each runs in one transaction with its audit entry and, when readers see
 * the change, the site's content version and search record. Another site's item is
 * simply not found.
 */
import crypto from 'node:crypto';
import { PostgresAdapter, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolationOf, type UniqueKey } from '../../platform/db/db-errors.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { ForbiddenError, InvalidInputError } from '../../platform/errors.js';
import { SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { scheduleJob } from '../../platform/jobs/jobs.js';
import { foldVietnamese, slugify, toNfc } from '../../platform/i18n/vi.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import { inlineMediaIds, PUBLISH_DUE_JOB } from '../articles/index.js';
import { sanitizeBody } from '../articles/sanitize-body.js';
import { recordAudit } from '../audit/index.js';
import { parseDocumentDay, vietnamDay } from '../legal-documents/index.js';
import { MEDIA_URL_PREFIX } from '../media/index.js';
import { recordMove } from '../redirects/index.js';
import { changeSiteContent } from '../sites/index.js';
import { effectiveProjectStatus, isProjectKind, isProjectStatus, KIND_WORDS, parseMoney, parseVietnamTime, PROJECT_KIND_LABELS, STATUSES_OF_KIND, type ProjectKind, type ProjectStatus, type Publication } from './project-rules.js';
import { ProjectNotFoundError, ProjectNotReadyError, ProjectPublicationStepError, ProjectSlugTakenError } from './projects.errors.js';
import { PROJECTS_PATH, syncProjectSearch } from './projects.search.js';
import type { ProjectsTable } from './projects.table.js';

export type ProjectRow = Selectable<ProjectsTable>;

/** Everything staff edit on an item's form. */
export interface ProjectFields {
  kind: ProjectKind;
  name: string;
  /** URL word under /du-an-dau-thau/; from the name when left empty. */
  slug: string;
  /** Chủ đầu tư, bên mời thầu or buying unit. */
  owner: string;
  /** Whole đồng, or null when not announced. */
  budget: number | null;
  fundingSource: string;
  location: string;
  /** 'YYYY-MM-DD' */
  startsOn: string | null;
  /** 'YYYY-MM-DD'; projects and purchases only. */
  endsOn: string | null;
  /** ISO instant; tenders only. */
  closesAt: string | null;
  status: ProjectStatus;
  /** Tenders with a result only. */
  winner: string;
  winningPrice: number | null;
  descriptionHtml: string;
}

/** What a form or the API sends: anything may be missing or of the wrong type. */
export type ProjectInput = Partial<Record<keyof ProjectFields, unknown>>;

/** A revision's snapshot: the fields and the attached files. */
export interface ProjectSnapshot extends ProjectFields {
  attachmentIds: string[];
}

export const PROJECT_LIMITS = { name: 500, owner: 300, fundingSource: 300, location: 300, winner: 300, description: 1_000_000, slug: 120, attachments: 30 } as const;

const messages = {
  kind: 'Hãy chọn loại: dự án đầu tư, đấu thầu hoặc mua sắm công.',
  nameRequired: 'Tên dự án, gói thầu hoặc nội dung mua sắm không được để trống.',
  tooLong: (label: string, max: number) => `${label} không được dài quá ${max} ký tự.`,
  money: (label: string) => `${label} không hợp lệ: hãy ghi số tiền bằng đồng, ví dụ 12.500.000.000 hoặc 12,5 tỷ.`,
  badDay: (label: string) => `${label} không hợp lệ: hãy ghi theo dạng ngày/tháng/năm, ví dụ 16/01/2026.`,
  badTime: 'Thời điểm đóng thầu không hợp lệ: hãy ghi ngày/tháng/năm và giờ:phút (giờ Việt Nam), ví dụ 20/12/2026 09:00.',
  endsBeforeStarts: (kind: ProjectKind) => `${KIND_WORDS[kind].endsOn} không được trước ${KIND_WORDS[kind].startsOn.toLowerCase()}.`,
  closesBeforeIssued: 'Thời điểm đóng thầu phải sau ngày phát hành hồ sơ mời thầu.',
  status: (kind: ProjectKind) => `Tình trạng này không dùng cho ${PROJECT_KIND_LABELS[kind].toLowerCase()}: hãy chọn một tình trạng trong danh sách.`,
  winnerRequired: 'Gói thầu đã có kết quả: hãy ghi nhà thầu trúng thầu.',
  winningPriceRequired: 'Gói thầu đã có kết quả: hãy ghi giá trúng thầu.',
  slugPattern: 'Địa chỉ chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ cai-tao-trung-tam-bao-tro-xa-hoi).',
  descriptionTooLong: 'Nội dung mô tả quá dài (tối đa khoảng 1 triệu ký tự).',
  foreignImage: 'Nội dung có ảnh không thuộc thư viện của trang.',
  publishedNeedsPublisher: 'Mục này đang hiển thị công khai: chỉ trưởng ban biên tập hoặc quản trị được thay đổi nó.',
  publishedNeedsPublisherHelp: 'Hãy nhờ trưởng ban biên tập sửa, hoặc gỡ mục này xuống trước.',
  attachment: 'Tệp đính kèm phải là một tài liệu (PDF, DOCX…) trong thư viện của trang.',
  tooManyFiles: (max: number) => `Một mục có tối đa ${max} tệp đính kèm.`,
} as const;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

// eslint-disable-next-line no-control-regex
const HTML_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

function cleanLine(value: unknown, field: string, max: number, label: string): string {
  if (value !== undefined && value !== null && typeof value !== 'string' && typeof value !== 'number') throw new InvalidInputError(`${label} phải là chữ.`, { field });
  const text = toNfc(String(value ?? '').replace(CONTROL, '').replace(/\s+/g, ' ').trim());
  if (text.length > max) throw new InvalidInputError(messages.tooLong(label, max), { field });
  return text;
}

function cleanDay(value: unknown, field: string, label: string): string | null {
  const parsed = parseDocumentDay(value);
  if (parsed === undefined) throw new InvalidInputError(messages.badDay(label), { field });
  return parsed;
}

function cleanMoney(value: unknown, field: string, label: string): number | null {
  const parsed = parseMoney(value);
  if (parsed === undefined) throw new InvalidInputError(messages.money(label), { field });
  return parsed;
}

/**
 * Checks and normalises the fields (merged over `base` when editing; a field left out
 * keeps its value). Fields another kind uses are emptied: a project has no closing time.
 * @throws INVALID_INPUT with the field at fault.
 */
export async function checkProjectFields(db: Kysely<Database>, siteId: string, input: ProjectInput, base?: ProjectFields): Promise<ProjectFields> {
  const given = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as ProjectInput;
  const merged: ProjectInput = { ...base, ...given };
  const kind = merged.kind;
  if (!isProjectKind(kind)) throw new InvalidInputError(messages.kind, { field: 'kind' });
  const words = KIND_WORDS[kind];
  const name = cleanLine(merged.name, 'name', PROJECT_LIMITS.name, 'Tên');
  if (!name) throw new InvalidInputError(messages.nameRequired, { field: 'name' });
  const owner = cleanLine(merged.owner, 'owner', PROJECT_LIMITS.owner, words.owner);
  const fundingSource = cleanLine(merged.fundingSource, 'fundingSource', PROJECT_LIMITS.fundingSource, 'Nguồn vốn');
  const location = cleanLine(merged.location, 'location', PROJECT_LIMITS.location, 'Địa điểm');
  const budget = cleanMoney(merged.budget, 'budget', words.budget);
  const startsOn = cleanDay(merged.startsOn, 'startsOn', words.startsOn);
  const isTender = kind === 'tender';
  const endsOn = isTender ? null : cleanDay(merged.endsOn, 'endsOn', words.endsOn);
  if (startsOn && endsOn && endsOn < startsOn) throw new InvalidInputError(messages.endsBeforeStarts(kind), { field: 'endsOn' });
  let closesAt: string | null = null;
  if (isTender) {
    const closing = parseVietnamTime(merged.closesAt);
    if (closing === undefined) throw new InvalidInputError(messages.badTime, { field: 'closesAt' });
    closesAt = closing ? closing.toISOString() : null;
    if (closing && startsOn && vietnamDay(closing) < startsOn) throw new InvalidInputError(messages.closesBeforeIssued, { field: 'closesAt' });
  }
  const wantedStatus = merged.status === undefined || merged.status === null || merged.status === '' ? STATUSES_OF_KIND[kind][0] : merged.status;
  if (!isProjectStatus(wantedStatus) || !STATUSES_OF_KIND[kind].includes(wantedStatus)) throw new InvalidInputError(messages.status(kind), { field: 'status' });
  const status = wantedStatus;
  const winner = isTender ? cleanLine(merged.winner, 'winner', PROJECT_LIMITS.winner, 'Nhà thầu trúng thầu') : '';
  const winningPrice = isTender ? cleanMoney(merged.winningPrice, 'winningPrice', 'Giá trúng thầu') : null;
  if (status === 'awarded' && !winner) throw new InvalidInputError(messages.winnerRequired, { field: 'winner' });
  if (status === 'awarded' && winningPrice === null) throw new InvalidInputError(messages.winningPriceRequired, { field: 'winningPrice' });

  const rawSlug = typeof given.slug === 'string' ? given.slug.trim().toLowerCase() : '';
  const slug = rawSlug || base?.slug || '';
  if (slug && (!SLUG_PATTERN.test(slug) || slug.length > PROJECT_LIMITS.slug)) throw new InvalidInputError(messages.slugPattern, { field: 'slug' });

  const description = typeof merged.descriptionHtml === 'string' ? merged.descriptionHtml : '';
  if (description.length > PROJECT_LIMITS.description) throw new InvalidInputError(messages.descriptionTooLong, { field: 'descriptionHtml' });
  // Control characters go before sanitising: PostgreSQL refuses a NUL byte in text.
  const descriptionHtml = sanitizeBody(description.replace(HTML_CONTROL, ''));
  const imageIds = [...new Set(inlineMediaIds(descriptionHtml))];
  if (imageIds.length) {
    const found = await db.selectFrom('media').select('id').where('site_id', '=', siteId).where('kind', '=', 'image').where('id', 'in', imageIds).execute();
    if (found.length !== imageIds.length) throw new InvalidInputError(messages.foreignImage, { field: 'descriptionHtml' });
  }
  return { kind, name, slug, owner, budget, fundingSource, location, startsOn, endsOn, closesAt, status, winner, winningPrice, descriptionHtml };
}

/** What is missing before an item may be published (empty when it is ready). */
export function missingForPublication(fields: Pick<ProjectFields, 'kind' | 'owner' | 'closesAt'>): string[] {
  const missing: string[] = [];
  if (!fields.owner) missing.push(KIND_WORDS[fields.kind].owner.toLowerCase());
  if (fields.kind === 'tender' && !fields.closesAt) missing.push('thời điểm đóng thầu');
  return missing;
}

/** The folded words of an item for the list's word filter. */
export function foldedTextOf(fields: Pick<ProjectFields, 'name' | 'owner' | 'location' | 'fundingSource' | 'winner'>): string {
  return ` ${foldVietnamese([fields.name, fields.owner, fields.location, fields.fundingSource, fields.winner].join(' ')).replace(/[^a-z0-9]+/g, ' ').trim()} `;
}

/** The day an item is listed by: its start, else its closing day, else the day it was written. */
export function datedOnOf(fields: Pick<ProjectFields, 'startsOn' | 'closesAt'>, createdAt: Date): string {
  return fields.startsOn ?? (fields.closesAt ? vietnamDay(new Date(fields.closesAt)) : vietnamDay(createdAt));
}

function rowValues(fields: ProjectFields, createdAt: Date) {
  return {
    kind: fields.kind,
    name: fields.name,
    slug: fields.slug,
    owner: fields.owner,
    budget: fields.budget,
    funding_source: fields.fundingSource,
    location: fields.location,
    starts_on: fields.startsOn,
    ends_on: fields.endsOn,
    closes_at: fields.closesAt,
    dated_on: datedOnOf(fields, createdAt),
    status: fields.status,
    winner: fields.winner,
    winning_price: fields.winningPrice,
    description_html: fields.descriptionHtml,
    folded_text: foldedTextOf(fields),
  };
}

function moneyOf(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

export function rowToFields(row: ProjectRow): ProjectFields {
  const kind = isProjectKind(row.kind) ? row.kind : 'project';
  return {
    kind,
    name: row.name,
    slug: row.slug,
    owner: row.owner,
    budget: moneyOf(row.budget),
    fundingSource: row.funding_source,
    location: row.location,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    closesAt: row.closes_at,
    status: isProjectStatus(row.status) ? row.status : STATUSES_OF_KIND[kind][0]!,
    winner: row.winner,
    winningPrice: moneyOf(row.winning_price),
    descriptionHtml: row.description_html,
  };
}

const SLUG_KEY: UniqueKey = { constraint: 'projects_site_slug_unique', table: 'projects', columns: ['site_id', 'slug'] };

/** A slug free on the site: `wanted` itself when staff chose it (else CONFLICT), or the name's slug with -2, -3… */
async function freeSlug(db: Kysely<Database>, input: { siteId: string; wanted: string; isChosen: boolean; exceptId?: string }): Promise<string> {
  const taken = async (slug: string) => {
    let query = db.selectFrom('projects').select('id').where('site_id', '=', input.siteId).where('slug', '=', slug);
    if (input.exceptId) query = query.where('id', '!=', input.exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  };
  const wanted = input.wanted || 'du-an';
  if (!(await taken(wanted))) return wanted;
  if (input.isChosen) throw new ProjectSlugTakenError(wanted);
  for (let n = 2; n < 1_000; n++) {
    const slug = `${wanted.slice(0, PROJECT_LIMITS.slug - 5)}-${n}`;
    if (!(await taken(slug))) return slug;
  }
  throw new ProjectSlugTakenError(wanted);
}

/**
 * Ids are crypto.randomUUID(): anything else names no item, and is never sent to the
 * database (PostgreSQL refuses a NUL byte in text with an error, not an empty result).
 */
const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isIdLike(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

async function lockProject(trx: Kysely<Database>, scope: RequestScope, projectId: unknown): Promise<ProjectRow> {
  if (!isIdLike(projectId)) throw new ProjectNotFoundError();
  let query = trx.selectFrom('projects').selectAll().where('id', '=', String(projectId)).where('site_id', '=', scope.siteId);
  // SQLite's BEGIN IMMEDIATE already holds the only write lock.
  if (trx.getExecutor().adapter instanceof PostgresAdapter) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new ProjectNotFoundError();
  return row;
}

/** Changing what readers see of a published item takes a publisher. */
function requireMayChange(scope: RequestScope, row: { publication: string }): void {
  requirePermission(scope.actor, 'project.edit');
  if (row.publication === 'published' && !hasPermission(scope.actor, 'project.publish')) {
    throw new ForbiddenError(messages.publishedNeedsPublisher, messages.publishedNeedsPublisherHelp);
  }
}

function authorId(scope: RequestScope): string | null {
  return scope.actor && scope.actor.via !== 'cli' ? scope.actor.id : null;
}

async function snapshotOf(db: Kysely<Database>, projectId: string): Promise<ProjectSnapshot> {
  const row = await db.selectFrom('projects').selectAll().where('id', '=', projectId).executeTakeFirstOrThrow();
  const attachments = await db.selectFrom('project_attachments').select('media_id').where('project_id', '=', projectId).orderBy('position').execute();
  return { ...rowToFields(row), attachmentIds: attachments.map((a) => a.media_id) };
}

async function addRevision(trx: Kysely<Database>, scope: RequestScope, projectId: string): Promise<string> {
  const last = await trx.selectFrom('project_revisions').select((eb) => eb.fn.max('number').as('n')).where('project_id', '=', projectId).executeTakeFirst();
  const id = crypto.randomUUID();
  await trx
    .insertInto('project_revisions')
    .values({ id, project_id: projectId, number: Number(last?.n ?? 0) + 1, author_id: authorId(scope), snapshot: JSON.stringify(await snapshotOf(trx, projectId)), created_at: scope.now.toISOString() })
    .execute();
  return id;
}

/**
 * A tender reads as closed at its closing time without any write. So that a cached page
 * never shows it open after that, the site's content version goes up at that moment:
 * the articles' publish-due job does exactly that bump (the key moves the job when the
 * time changes). Pages rendered after it compute the status with the clock anyway.
 */
async function scheduleClosing(trx: Kysely<Database>, scope: RequestScope, projectId: string): Promise<void> {
  const row = await trx.selectFrom('projects').select(['kind', 'status', 'closes_at', 'publication']).where('id', '=', projectId).executeTakeFirst();
  if (!row || row.kind !== 'tender' || row.status !== 'open' || row.publication !== 'published' || !row.closes_at) return;
  const at = new Date(row.closes_at);
  if (Number.isNaN(at.getTime()) || at.getTime() <= scope.now.getTime()) return;
  await scheduleJob(trx, { name: PUBLISH_DUE_JOB, key: `project-closing:${projectId}`, runAt: at, payload: { siteId: scope.siteId } }, scope.now);
}

/** After a change to an item readers saw or now see: its search record, its closing job and the site's content version. */
async function publishChanges(trx: Kysely<Database>, scope: RequestScope, before: { id: string; publication: string }): Promise<void> {
  const now = await trx.selectFrom('projects').select('publication').where('id', '=', before.id).executeTakeFirst();
  if (before.publication !== 'published' && now?.publication !== 'published') return;
  await changeSiteContent(trx, scope.siteId, async () => {
    await syncProjectSearch(trx, { siteId: scope.siteId, projectId: before.id });
    await scheduleClosing(trx, scope, before.id);
  });
}

/**
 * Creates an item as a draft, or published when asked by someone who may publish.
 * @throws FORBIDDEN without project.edit (project.publish to publish at once);
 *   INVALID_INPUT for bad fields or (publishing) missing ones; CONFLICT for a slug taken.
 */
export async function createProject(db: Kysely<Database>, scope: RequestScope, input: ProjectInput & { isPublishing?: boolean }): Promise<{ id: string; slug: string }> {
  requirePermission(scope.actor, 'project.edit');
  if (input.isPublishing) requirePermission(scope.actor, 'project.publish');
  try {
    return await inTransaction(db, async (trx) => {
      const fields = await checkProjectFields(trx, scope.siteId, input);
      if (input.isPublishing) {
        const missing = missingForPublication(fields);
        if (missing.length) throw new ProjectNotReadyError(missing);
      }
      const slug = await freeSlug(trx, { siteId: scope.siteId, wanted: fields.slug || slugify(fields.name, PROJECT_LIMITS.slug), isChosen: Boolean(fields.slug) });
      const id = crypto.randomUUID();
      const now = scope.now.toISOString();
      await trx
        .insertInto('projects')
        .values({
          id,
          site_id: scope.siteId,
          ...rowValues({ ...fields, slug }, scope.now),
          publication: input.isPublishing ? 'published' : 'draft',
          published_at: input.isPublishing ? now : null,
          created_by: authorId(scope),
          created_at: now,
          updated_at: now,
        })
        .execute();
      await addRevision(trx, scope, id);
      await recordAudit(trx, scope, { action: 'project.created', targetType: 'project', targetId: id, detail: { name: fields.name, kind: fields.kind, ...(input.isPublishing ? { published: true } : {}) } });
      if (input.isPublishing) await publishChanges(trx, scope, { id, publication: 'published' });
      return { id, slug };
    });
  } catch (error) {
    if (isUniqueViolationOf(error, SLUG_KEY)) throw new ProjectSlugTakenError(String(input.slug ?? '') || slugify(String(input.name ?? '')));
    throw error;
  }
}

/**
 * Saves an edit (a new revision). A published item changes for readers at once: that
 * takes project.publish. A published item given a new slug keeps its old URL (301).
 * @throws NOT_FOUND; FORBIDDEN; INVALID_INPUT; CONFLICT for a slug taken.
 */
export async function saveProject(db: Kysely<Database>, scope: RequestScope, input: { projectId: string; fields: ProjectInput }): Promise<{ revisionId: string; slug: string }> {
  requirePermission(scope.actor, 'project.edit');
  try {
    return await inTransaction(db, async (trx) => {
      const row = await lockProject(trx, scope, input.projectId);
      requireMayChange(scope, row);
      const fields = await checkProjectFields(trx, scope.siteId, input.fields, rowToFields(row));
      if (row.publication === 'published') {
        const missing = missingForPublication(fields);
        if (missing.length) throw new ProjectNotReadyError(missing);
      }
      // The URL follows the name until the item was first published; after that it lasts.
      const isChosen = typeof input.fields.slug === 'string' && input.fields.slug.trim() !== '';
      const followsName = !isChosen && row.published_at === null && row.slug.startsWith(slugify(row.name, PROJECT_LIMITS.slug));
      const wanted = isChosen ? fields.slug : followsName ? slugify(fields.name, PROJECT_LIMITS.slug) || row.slug : row.slug;
      const slug = wanted === row.slug ? row.slug : await freeSlug(trx, { siteId: scope.siteId, wanted, isChosen, exceptId: row.id });
      await trx
        .updateTable('projects')
        .set({ ...rowValues({ ...fields, slug }, new Date(row.created_at)), updated_at: scope.now.toISOString() })
        .where('id', '=', row.id)
        .execute();
      if (slug !== row.slug && row.published_at !== null) {
        await recordMove(trx, { siteId: scope.siteId, fromPath: `${PROJECTS_PATH.slice(1)}/${row.slug}`, toPath: `${PROJECTS_PATH.slice(1)}/${slug}` }, scope.now);
      }
      const revisionId = await addRevision(trx, scope, row.id);
      await recordAudit(trx, scope, { action: 'project.saved', targetType: 'project', targetId: row.id, detail: { name: fields.name, ...(slug !== row.slug ? { slug, previousSlug: row.slug } : {}), ...(fields.status !== row.status ? { status: fields.status, previousStatus: row.status } : {}) } });
      await publishChanges(trx, scope, row);
      return { revisionId, slug };
    });
  } catch (error) {
    if (isUniqueViolationOf(error, SLUG_KEY)) throw new ProjectSlugTakenError(String(input.fields.slug ?? ''));
    throw error;
  }
}

/**
 * Shows an item on the public pages and in search.
 * @throws FORBIDDEN without project.publish; NOT_FOUND; INVALID_TRANSITION when already published; INVALID_INPUT when not ready.
 */
export async function publishProject(db: Kysely<Database>, scope: RequestScope, input: { projectId: string }): Promise<void> {
  requirePermission(scope.actor, 'project.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockProject(trx, scope, input.projectId);
    if (row.publication === 'published') throw new ProjectPublicationStepError('Mục này đã được xuất bản.');
    const missing = missingForPublication(rowToFields(row));
    if (missing.length) throw new ProjectNotReadyError(missing);
    const now = scope.now.toISOString();
    await trx.updateTable('projects').set({ publication: 'published', published_at: row.published_at ?? now, updated_at: now }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'project.published', targetType: 'project', targetId: row.id, detail: { name: row.name } });
    await publishChanges(trx, scope, row);
  });
}

/**
 * Takes an item off the public pages, the API and search.
 * @throws FORBIDDEN without project.publish; NOT_FOUND; INVALID_TRANSITION when not published.
 */
export async function unpublishProject(db: Kysely<Database>, scope: RequestScope, input: { projectId: string }): Promise<void> {
  requirePermission(scope.actor, 'project.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockProject(trx, scope, input.projectId);
    if (row.publication !== 'published') throw new ProjectPublicationStepError('Mục này chưa được xuất bản.');
    await trx.updateTable('projects').set({ publication: 'unpublished', updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'project.unpublished', targetType: 'project', targetId: row.id, detail: { name: row.name } });
    await publishChanges(trx, scope, row);
  });
}

/**
 * Attaches a document of the site's media library (PDF, DOCX…) at the end.
 * @throws NOT_FOUND; FORBIDDEN; INVALID_INPUT for an image, another site's file or too many files.
 */
export async function attachProjectFile(db: Kysely<Database>, scope: RequestScope, input: { projectId: string; mediaId: string }): Promise<void> {
  requirePermission(scope.actor, 'project.edit');
  await inTransaction(db, async (trx) => {
    const row = await lockProject(trx, scope, input.projectId);
    requireMayChange(scope, row);
    if (!isIdLike(input.mediaId)) throw new InvalidInputError(messages.attachment, { field: 'mediaId' });
    const media = await trx.selectFrom('media').select(['id', 'original_name']).where('id', '=', String(input.mediaId)).where('site_id', '=', scope.siteId).where('kind', '=', 'document').executeTakeFirst();
    if (!media) throw new InvalidInputError(messages.attachment, { field: 'mediaId' });
    const existing = await trx.selectFrom('project_attachments').select(['media_id', 'position']).where('project_id', '=', row.id).execute();
    if (existing.some((a) => a.media_id === media.id)) return;
    if (existing.length >= PROJECT_LIMITS.attachments) throw new InvalidInputError(messages.tooManyFiles(PROJECT_LIMITS.attachments), { field: 'mediaId' });
    await trx.insertInto('project_attachments').values({ project_id: row.id, media_id: media.id, position: Math.max(-1, ...existing.map((a) => a.position)) + 1 }).execute();
    await trx.updateTable('projects').set({ updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'project.file_attached', targetType: 'project', targetId: row.id, detail: { name: row.name, mediaId: media.id, file: media.original_name } });
    await publishChanges(trx, scope, row);
  });
}

/** Detaches a file (the file stays in the library). @throws NOT_FOUND; FORBIDDEN. */
export async function detachProjectFile(db: Kysely<Database>, scope: RequestScope, input: { projectId: string; mediaId: string }): Promise<void> {
  requirePermission(scope.actor, 'project.edit');
  await inTransaction(db, async (trx) => {
    const row = await lockProject(trx, scope, input.projectId);
    requireMayChange(scope, row);
    if (!isIdLike(input.mediaId)) return;
    const deleted = await trx.deleteFrom('project_attachments').where('project_id', '=', row.id).where('media_id', '=', String(input.mediaId)).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) return;
    await trx.updateTable('projects').set({ updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await addRevision(trx, scope, row.id);
    await recordAudit(trx, scope, { action: 'project.file_detached', targetType: 'project', targetId: row.id, detail: { name: row.name, mediaId: String(input.mediaId) } });
    await publishChanges(trx, scope, row);
  });
}

export interface ProjectForEditing {
  id: string;
  fields: ProjectFields;
  publication: Publication;
  /** What readers see now. */
  status: ProjectStatus;
  attachments: { mediaId: string; name: string; url: string }[];
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** What the actor may do now: drives which buttons show (the services check again). */
  can: { edit: boolean; publish: boolean; unpublish: boolean };
  missing: string[];
}

/** @throws FORBIDDEN without project.edit; NOT_FOUND for another site's item. */
export async function getProjectForEditing(db: Kysely<Database>, scope: RequestScope, projectId: string): Promise<ProjectForEditing> {
  requirePermission(scope.actor, 'project.edit');
  if (!isIdLike(projectId)) throw new ProjectNotFoundError();
  const row = await db.selectFrom('projects').selectAll().where('id', '=', projectId).where('site_id', '=', scope.siteId).executeTakeFirst();
  if (!row) throw new ProjectNotFoundError();
  const attachments = await db
    .selectFrom('project_attachments as a')
    .innerJoin('media as m', 'm.id', 'a.media_id')
    .select(['a.media_id', 'm.original_name', 'm.storage_key'])
    .where('a.project_id', '=', row.id)
    .orderBy('a.position')
    .execute();
  const fields = rowToFields(row);
  const mayPublish = hasPermission(scope.actor, 'project.publish');
  return {
    id: row.id,
    fields,
    publication: row.publication as Publication,
    status: effectiveProjectStatus(row, scope.now),
    attachments: attachments.map((a) => ({ mediaId: a.media_id, name: a.original_name, url: `${MEDIA_URL_PREFIX}${a.storage_key}` })),
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    can: { edit: row.publication !== 'published' || mayPublish, publish: mayPublish && row.publication !== 'published', unpublish: mayPublish && row.publication === 'published' },
    missing: missingForPublication(fields),
  };
}

export interface StaffProjectItem {
  id: string;
  kind: ProjectKind;
  name: string;
  owner: string;
  status: ProjectStatus;
  publication: Publication;
  updatedAt: string;
}

/** The staff's list: every item of the site, newest change first; `query` matches folded words. */
export async function listProjectsForStaff(db: Kysely<Database>, scope: RequestScope, input: { publication?: Publication; kind?: ProjectKind; query?: string; page: number; pageSize: number }): Promise<{ items: StaffProjectItem[]; total: number }> {
  requirePermission(scope.actor, 'project.edit');
  const pageSize = Math.min(100, Math.max(1, Math.floor(input.pageSize) || 20));
  const page = Math.min(10_000, Math.max(1, Math.floor(input.page) || 1));
  let query = db.selectFrom('projects').where('site_id', '=', scope.siteId);
  if (input.publication) query = query.where('publication', '=', input.publication);
  if (input.kind && isProjectKind(input.kind)) query = query.where('kind', '=', input.kind);
  const words = foldVietnamese(String(input.query ?? '').slice(0, 200)).split(/[^a-z0-9]+/).filter(Boolean).slice(0, 10);
  for (const word of words) query = query.where('folded_text', 'like', `%${word}%`);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query.select(['id', 'kind', 'name', 'owner', 'status', 'closes_at', 'publication', 'updated_at']).orderBy('updated_at', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
  return {
    total: Number(total),
    items: rows.map((r) => ({ id: r.id, kind: isProjectKind(r.kind) ? r.kind : 'project', name: r.name, owner: r.owner, status: effectiveProjectStatus(r, scope.now), publication: r.publication as Publication, updatedAt: r.updated_at })),
  };
}

export interface ProjectRevisionSummary {
  id: string;
  number: number;
  authorName: string;
  createdAt: string;
  snapshot: ProjectSnapshot;
}

/** An item's revisions, newest first. @throws FORBIDDEN; NOT_FOUND. */
export async function listProjectRevisions(db: Kysely<Database>, scope: RequestScope, projectId: string): Promise<ProjectRevisionSummary[]> {
  const project = await getProjectForEditing(db, scope, projectId);
  const rows = await db
    .selectFrom('project_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .select(['r.id', 'r.number', 'r.created_at', 'r.snapshot', 'u.display_name'])
    .where('r.project_id', '=', project.id)
    .orderBy('r.number', 'desc')
    .execute();
  return rows.map((row) => ({ id: row.id, number: row.number, authorName: row.display_name ?? 'Hệ thống', createdAt: row.created_at, snapshot: JSON.parse(row.snapshot) as ProjectSnapshot }));
}
