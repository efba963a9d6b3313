/**
 * The staff's use-cases on agency information: the agency profile, organisation units and
 * officials (create, edit — each save a revision —, publish, unpublish, delete a draft).
 * Every function takes the request scope and checks the actor first (default deny):
 * 'agency.edit' to work on drafts, 'agency.publish' to publish, unpublish, edit the
 * profile or change anything the public sees. Each runs in one transaction with its audit
 * entry and, when readers see the change, the site's content version and search records.
 * Another site's unit or official is simply not found.
 */
import crypto from 'node:crypto';
import { PostgresAdapter, type Kysely, type Selectable } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { isUniqueViolationOf, type UniqueKey } from '../../platform/db/db-errors.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { ForbiddenError, InvalidInputError } from '../../platform/errors.js';
import { SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { slugify } from '../../platform/i18n/vi.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import { inlineMediaIds } from '../articles/index.js';
import { recordAudit } from '../audit/index.js';
import { recordMove } from '../redirects/index.js';
import { changeSiteContent } from '../sites/index.js';
import {
  AGENCY_LIMITS,
  TREE_MESSAGES,
  cleanEmail,
  cleanLine,
  cleanLines,
  cleanMapUrl,
  cleanOrder,
  cleanPhone,
  cleanRichText,
  isChecked,
  isUnitKind,
  treeProblem,
  type Publication,
  type UnitKind,
} from './agency-rules.js';
import { AgencyItemInUseError, AgencyOfficialNotFoundError, AgencyPublicationStepError, AgencyUnitNotFoundError, UnitSlugTakenError } from './agency.errors.js';
import { AGENCY_PATHS, syncOfficialSearch, syncUnitSearch } from './agency.search.js';
import type { AgencyOfficialsTable, AgencyUnitsTable } from './agency.table.js';

type UnitRow = Selectable<AgencyUnitsTable>;
type OfficialRow = Selectable<AgencyOfficialsTable>;

/** Everything staff edit on the agency profile (address, phone, fax and e-mail are site settings). */
export interface AgencyProfileFields {
  overviewHtml: string;
  overviewEnHtml: string;
  functionsHtml: string;
  functionsEnHtml: string;
  addressEn: string;
  mapUrl: string;
  officeHours: string;
  officeHoursEn: string;
}

export interface UnitFields {
  name: string;
  nameEn: string;
  /** URL word under /co-cau-to-chuc/; from the name when left empty. */
  slug: string;
  kind: UnitKind;
  parentId: string | null;
  functionsHtml: string;
  functionsEnHtml: string;
  phone: string;
  email: string;
  position: number;
}

export interface OfficialFields {
  fullName: string;
  positionTitle: string;
  positionEn: string;
  unitId: string | null;
  phone: string;
  email: string;
  photoMediaId: string | null;
  /** One field per line. */
  fieldsInCharge: string;
  fieldsInChargeEn: string;
  isLeader: boolean;
  leaderOrder: number;
  isContactPoint: boolean;
}

/** What a form or the API sends: anything may be missing or of the wrong type. */
export type Input<T> = { [K in keyof T]?: unknown };

const messages = {
  nameRequired: 'Tên đơn vị không được để trống.',
  fullNameRequired: 'Họ và tên không được để trống.',
  kindUnknown: 'Hãy chọn loại đơn vị trong danh sách.',
  parentUnknown: 'Đơn vị cấp trên không có trong cơ cấu tổ chức của trang.',
  unitUnknown: 'Đơn vị công tác không có trong cơ cấu tổ chức của trang.',
  photoUnknown: 'Ảnh phải là một ảnh trong thư viện của trang.',
  slugPattern: 'Địa chỉ đơn vị chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang (ví dụ phong-lao-dong-viec-lam).',
  publishedNeedsPublisher: 'Mục này đang hiển thị công khai: chỉ trưởng ban biên tập hoặc quản trị được thay đổi nó.',
  publishedNeedsPublisherHelp: 'Hãy nhờ trưởng ban biên tập sửa, hoặc gỡ mục này xuống trước.',
} as const;

/** The audit log's actions of this module, in words (for the staff's audit page). */
export const AGENCY_AUDIT_ACTIONS: Readonly<Record<string, string>> = Object.freeze({
  'agency.profile_saved': 'Lưu thông tin cơ quan',
  'agency.unit_created': 'Tạo đơn vị',
  'agency.unit_saved': 'Lưu đơn vị',
  'agency.unit_published': 'Xuất bản đơn vị',
  'agency.unit_unpublished': 'Gỡ xuống đơn vị',
  'agency.unit_deleted': 'Xoá đơn vị',
  'agency.official_created': 'Thêm cán bộ',
  'agency.official_saved': 'Lưu thông tin cán bộ',
  'agency.official_published': 'Xuất bản thông tin cán bộ',
  'agency.official_unpublished': 'Gỡ xuống thông tin cán bộ',
  'agency.official_deleted': 'Xoá thông tin cán bộ',
});

const SLUG_KEY: UniqueKey = { constraint: 'agency_units_site_slug_unique', table: 'agency_units', columns: ['site_id', 'slug'] };

function authorId(scope: RequestScope): string | null {
  return scope.actor && scope.actor.via !== 'cli' ? scope.actor.id : null;
}

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Changing what readers see takes a publisher. */
function requireMayChange(scope: RequestScope, row: { publication: string }): void {
  requirePermission(scope.actor, 'agency.edit');
  if (row.publication === 'published' && !hasPermission(scope.actor, 'agency.publish')) throw new ForbiddenError(messages.publishedNeedsPublisher, messages.publishedNeedsPublisherHelp);
}

async function addRevision(trx: Kysely<Database>, scope: RequestScope, target: { type: 'profile' | 'unit' | 'official'; id: string; snapshot: unknown }): Promise<void> {
  const last = await trx.selectFrom('agency_revisions').select((eb) => eb.fn.max('number').as('n')).where('target_type', '=', target.type).where('target_id', '=', target.id).executeTakeFirst();
  await trx
    .insertInto('agency_revisions')
    .values({ id: crypto.randomUUID(), site_id: scope.siteId, target_type: target.type, target_id: target.id, number: Number(last?.n ?? 0) + 1, author_id: authorId(scope), snapshot: JSON.stringify(target.snapshot), created_at: scope.now.toISOString() })
    .execute();
}

/**
 * Images in rich text are references to the site's own library; another site's image (or
 * an id that is none) is refused.
 * @throws INVALID_INPUT on `field`.
 */
async function checkInlineImages(db: Kysely<Database>, siteId: string, fields: Record<string, string>): Promise<void> {
  for (const [field, html] of Object.entries(fields)) {
    const ids = [...new Set(inlineMediaIds(html))];
    if (!ids.length) continue;
    const found = await db.selectFrom('media').select('id').where('site_id', '=', siteId).where('kind', '=', 'image').where('id', 'in', ids).execute();
    if (found.length !== ids.length) throw new InvalidInputError('Nội dung có ảnh không thuộc thư viện của trang.', { field });
  }
}

/** Runs `write` and, because the public sees its result, raises the content version in the same transaction. */
async function publicChange(trx: Kysely<Database>, scope: RequestScope, write: () => Promise<void>): Promise<void> {
  await changeSiteContent(trx, scope.siteId, write);
}

// ---- The profile ----

const EMPTY_PROFILE: AgencyProfileFields = { overviewHtml: '', overviewEnHtml: '', functionsHtml: '', functionsEnHtml: '', addressEn: '', mapUrl: '', officeHours: '', officeHoursEn: '' };

/** The profile as stored (empty fields when it was never saved). Readers see it whole, so it has no publication. */
export async function readAgencyProfile(db: Kysely<Database>, siteId: string): Promise<AgencyProfileFields & { updatedAt: string | null }> {
  const row = await db.selectFrom('agency_profiles').selectAll().where('site_id', '=', siteId).executeTakeFirst();
  if (!row) return { ...EMPTY_PROFILE, updatedAt: null };
  return {
    overviewHtml: row.overview_html,
    overviewEnHtml: row.overview_en_html,
    functionsHtml: row.functions_html,
    functionsEnHtml: row.functions_en_html,
    addressEn: row.address_en,
    mapUrl: row.map_url,
    officeHours: row.office_hours,
    officeHoursEn: row.office_hours_en,
    updatedAt: row.updated_at,
  };
}

/** @throws INVALID_INPUT with the field at fault. */
export function checkProfileFields(input: Input<AgencyProfileFields>, base: AgencyProfileFields = EMPTY_PROFILE): AgencyProfileFields {
  const merged = { ...base, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as Input<AgencyProfileFields>;
  return {
    overviewHtml: cleanRichText(merged.overviewHtml, { field: 'overviewHtml', label: 'Giới thiệu chung' }),
    overviewEnHtml: cleanRichText(merged.overviewEnHtml, { field: 'overviewEnHtml', label: 'Giới thiệu chung (tiếng Anh)' }),
    functionsHtml: cleanRichText(merged.functionsHtml, { field: 'functionsHtml', label: 'Chức năng, nhiệm vụ' }),
    functionsEnHtml: cleanRichText(merged.functionsEnHtml, { field: 'functionsEnHtml', label: 'Chức năng, nhiệm vụ (tiếng Anh)' }),
    addressEn: cleanLine(merged.addressEn, { field: 'addressEn', label: 'Địa chỉ tiếng Anh', max: AGENCY_LIMITS.line }),
    mapUrl: cleanMapUrl(merged.mapUrl),
    officeHours: cleanLines(merged.officeHours, { field: 'officeHours', label: 'Giờ làm việc', max: AGENCY_LIMITS.fields }),
    officeHoursEn: cleanLines(merged.officeHoursEn, { field: 'officeHoursEn', label: 'Giờ làm việc (tiếng Anh)', max: AGENCY_LIMITS.fields }),
  };
}

/** The profile for the staff's form. @throws FORBIDDEN without agency.edit. */
export async function getAgencyProfileForEditing(db: Kysely<Database>, scope: RequestScope): Promise<AgencyProfileFields & { updatedAt: string | null; canEdit: boolean }> {
  requirePermission(scope.actor, 'agency.edit');
  return { ...(await readAgencyProfile(db, scope.siteId)), canEdit: hasPermission(scope.actor, 'agency.publish') };
}

/**
 * Saves the profile; readers see it at once, so it takes a publisher.
 * @throws FORBIDDEN without agency.publish; INVALID_INPUT.
 */
export async function saveAgencyProfile(db: Kysely<Database>, scope: RequestScope, input: Input<AgencyProfileFields>): Promise<void> {
  requirePermission(scope.actor, 'agency.publish');
  await inTransaction(db, async (trx) => {
    const { updatedAt: _, ...base } = await readAgencyProfile(trx, scope.siteId);
    const fields = checkProfileFields(input, base);
    await checkInlineImages(trx, scope.siteId, { overviewHtml: fields.overviewHtml, overviewEnHtml: fields.overviewEnHtml, functionsHtml: fields.functionsHtml, functionsEnHtml: fields.functionsEnHtml });
    const values = {
      overview_html: fields.overviewHtml,
      overview_en_html: fields.overviewEnHtml,
      functions_html: fields.functionsHtml,
      functions_en_html: fields.functionsEnHtml,
      address_en: fields.addressEn,
      map_url: fields.mapUrl,
      office_hours: fields.officeHours,
      office_hours_en: fields.officeHoursEn,
      updated_by: authorId(scope),
      updated_at: scope.now.toISOString(),
    };
    await publicChange(trx, scope, async () => {
      await trx.insertInto('agency_profiles').values({ site_id: scope.siteId, ...values }).onConflict((oc) => oc.column('site_id').doUpdateSet(values)).execute();
    });
    await addRevision(trx, scope, { type: 'profile', id: scope.siteId, snapshot: fields });
    await recordAudit(trx, scope, { action: 'agency.profile_saved', targetType: 'agency_profile', targetId: scope.siteId });
  });
}

// ---- Units ----

function unitRowToFields(row: UnitRow): UnitFields {
  return { name: row.name, nameEn: row.name_en, slug: row.slug, kind: isUnitKind(row.kind) ? row.kind : 'khac', parentId: row.parent_id, functionsHtml: row.functions_html, functionsEnHtml: row.functions_en_html, phone: row.phone, email: row.email, position: row.position };
}

/** Levels below a unit as stored (0 for a leaf): moving it must keep its subtree within the depth limit. */
async function depthBelow(db: Kysely<Database>, siteId: string, unitId: string): Promise<number> {
  const rows = await db.selectFrom('agency_units').select(['id', 'parent_id']).where('site_id', '=', siteId).execute();
  const children = new Map<string, string[]>();
  for (const row of rows) if (row.parent_id) children.set(row.parent_id, [...(children.get(row.parent_id) ?? []), row.id]);
  const walk = (id: string, seen: Set<string>): number => {
    if (seen.has(id)) return 0;
    seen.add(id);
    return Math.max(0, ...(children.get(id) ?? []).map((child) => 1 + walk(child, seen)));
  };
  return walk(unitId, new Set());
}

/**
 * Checks and normalises a unit's fields against the site (its parent must be a unit of the
 * site, and keep the tree a tree).
 * @throws INVALID_INPUT with the field at fault.
 */
export async function checkUnitFields(db: Kysely<Database>, input: { siteId: string; unitId: string | null; fields: Input<UnitFields>; base?: UnitFields }): Promise<UnitFields> {
  const merged = { ...input.base, ...Object.fromEntries(Object.entries(input.fields).filter(([, v]) => v !== undefined)) } as Input<UnitFields>;
  const name = cleanLine(merged.name, { field: 'name', label: 'Tên đơn vị', max: AGENCY_LIMITS.name });
  if (!name) throw new InvalidInputError(messages.nameRequired, { field: 'name' });
  const kind = merged.kind ?? 'khac';
  if (!isUnitKind(kind)) throw new InvalidInputError(messages.kindUnknown, { field: 'kind' });
  const slugText = cleanLine(input.fields.slug, { field: 'slug', label: 'Địa chỉ', max: AGENCY_LIMITS.slug }).toLowerCase();
  const slug = slugText || input.base?.slug || '';
  if (slug && (!SLUG_PATTERN.test(slug) || slug.length > AGENCY_LIMITS.slug)) throw new InvalidInputError(messages.slugPattern, { field: 'slug' });

  const parentId = merged.parentId === undefined || merged.parentId === null || merged.parentId === '' ? null : typeof merged.parentId === 'string' ? merged.parentId : undefined;
  if (parentId === undefined) throw new InvalidInputError(messages.parentUnknown, { field: 'parentId' });
  if (parentId !== null) {
    const units = await db.selectFrom('agency_units').select(['id', 'parent_id']).where('site_id', '=', input.siteId).execute();
    const parents = new Map(units.map((u) => [u.id, u.parent_id]));
    if (!parents.has(parentId)) throw new InvalidInputError(messages.parentUnknown, { field: 'parentId' });
    const below = input.unitId ? await depthBelow(db, input.siteId, input.unitId) : 0;
    const problem = treeProblem({ unitId: input.unitId, parentId, parentOf: (id) => parents.get(id), depthBelow: below });
    if (problem) throw new InvalidInputError(TREE_MESSAGES[problem], { field: 'parentId' });
  }
  const functionsHtml = cleanRichText(merged.functionsHtml, { field: 'functionsHtml', label: 'Chức năng, nhiệm vụ' });
  const functionsEnHtml = cleanRichText(merged.functionsEnHtml, { field: 'functionsEnHtml', label: 'Chức năng, nhiệm vụ (tiếng Anh)' });
  await checkInlineImages(db, input.siteId, { functionsHtml, functionsEnHtml });
  return {
    name,
    nameEn: cleanLine(merged.nameEn, { field: 'nameEn', label: 'Tên tiếng Anh', max: AGENCY_LIMITS.name }),
    slug,
    kind,
    parentId,
    functionsHtml,
    functionsEnHtml,
    phone: cleanPhone(merged.phone),
    email: cleanEmail(merged.email),
    position: cleanOrder(merged.position, 'position'),
  };
}

/** A slug free on the site: `wanted` itself when staff chose it (else CONFLICT), or with -2, -3… */
async function freeSlug(db: Kysely<Database>, input: { siteId: string; wanted: string; isChosen: boolean; exceptId?: string }): Promise<string> {
  const taken = async (slug: string) => {
    let query = db.selectFrom('agency_units').select('id').where('site_id', '=', input.siteId).where('slug', '=', slug);
    if (input.exceptId) query = query.where('id', '!=', input.exceptId);
    return (await query.executeTakeFirst()) !== undefined;
  };
  if (!(await taken(input.wanted))) return input.wanted;
  if (input.isChosen) throw new UnitSlugTakenError(input.wanted);
  for (let n = 2; n < 1_000; n++) {
    const slug = `${input.wanted.slice(0, AGENCY_LIMITS.slug - 5)}-${n}`;
    if (!(await taken(slug))) return slug;
  }
  throw new UnitSlugTakenError(input.wanted);
}

function unitValues(fields: UnitFields) {
  return { name: fields.name, name_en: fields.nameEn, slug: fields.slug, kind: fields.kind, parent_id: fields.parentId, functions_html: fields.functionsHtml, functions_en_html: fields.functionsEnHtml, phone: fields.phone, email: fields.email, position: fields.position };
}

async function lockUnit(trx: Kysely<Database>, scope: RequestScope, unitId: unknown): Promise<UnitRow> {
  if (typeof unitId !== 'string' || unitId.length > 100) throw new AgencyUnitNotFoundError();
  let query = trx.selectFrom('agency_units').selectAll().where('id', '=', unitId).where('site_id', '=', scope.siteId);
  // SQLite's BEGIN IMMEDIATE already holds the only write lock.
  if (isPostgres(trx)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AgencyUnitNotFoundError();
  return row;
}

/** After a change to a unit readers may see (published before or now): search, and the content version. */
async function unitChanged(trx: Kysely<Database>, scope: RequestScope, unitId: string, wasPublished: boolean): Promise<void> {
  const now = await trx.selectFrom('agency_units').select('publication').where('id', '=', unitId).executeTakeFirst();
  if (!wasPublished && now?.publication !== 'published') return;
  await publicChange(trx, scope, () => syncUnitSearch(trx, { siteId: scope.siteId, unitId }));
}

/** A twin slug written by a concurrent request (PostgreSQL) meanwhile: told as the same conflict. */
function conflictOf(error: unknown, slug: unknown): unknown {
  return isUniqueViolationOf(error, SLUG_KEY) ? new UnitSlugTakenError(typeof slug === 'string' ? slug : '') : error;
}

/**
 * Creates a unit as a draft, or published when asked by someone who may publish.
 * @throws FORBIDDEN without agency.edit (agency.publish to publish at once); INVALID_INPUT; CONFLICT for a slug taken.
 */
export async function createUnit(db: Kysely<Database>, scope: RequestScope, input: Input<UnitFields> & { isPublishing?: boolean }): Promise<{ id: string; slug: string }> {
  requirePermission(scope.actor, 'agency.edit');
  if (input.isPublishing) requirePermission(scope.actor, 'agency.publish');
  const { isPublishing, ...fieldsInput } = input;
  try {
    return await inTransaction(db, async (trx) => {
      const fields = await checkUnitFields(trx, { siteId: scope.siteId, unitId: null, fields: fieldsInput });
      const wanted = fields.slug || slugify(fields.name, AGENCY_LIMITS.slug) || 'don-vi';
      const slug = await freeSlug(trx, { siteId: scope.siteId, wanted, isChosen: Boolean(fields.slug) });
      const id = crypto.randomUUID();
      const now = scope.now.toISOString();
      await trx
        .insertInto('agency_units')
        .values({ id, site_id: scope.siteId, ...unitValues({ ...fields, slug }), publication: isPublishing ? 'published' : 'draft', published_at: isPublishing ? now : null, created_by: authorId(scope), created_at: now, updated_at: now })
        .execute();
      await addRevision(trx, scope, { type: 'unit', id, snapshot: { ...fields, slug } });
      await recordAudit(trx, scope, { action: 'agency.unit_created', targetType: 'agency_unit', targetId: id, detail: { name: fields.name, ...(isPublishing ? { published: true } : {}) } });
      await unitChanged(trx, scope, id, false);
      return { id, slug };
    });
  } catch (error) {
    throw conflictOf(error, fieldsInput.slug);
  }
}

/**
 * Saves an edit (a new revision). A published unit changes for readers at once: that
 * takes agency.publish, and a new slug keeps the old URL (301).
 * @throws NOT_FOUND; FORBIDDEN; INVALID_INPUT; CONFLICT for a slug taken.
 */
export async function saveUnit(db: Kysely<Database>, scope: RequestScope, input: { unitId: string; fields: Input<UnitFields> }): Promise<{ slug: string }> {
  requirePermission(scope.actor, 'agency.edit');
  try {
    return await inTransaction(db, async (trx) => {
      const row = await lockUnit(trx, scope, input.unitId);
      requireMayChange(scope, row);
      const fields = await checkUnitFields(trx, { siteId: scope.siteId, unitId: row.id, fields: input.fields, base: unitRowToFields(row) });
      const slug = fields.slug === row.slug ? row.slug : await freeSlug(trx, { siteId: scope.siteId, wanted: fields.slug, isChosen: true, exceptId: row.id });
      await trx.updateTable('agency_units').set({ ...unitValues({ ...fields, slug }), updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
      if (slug !== row.slug && row.published_at !== null) {
        await recordMove(trx, { siteId: scope.siteId, fromPath: `${AGENCY_PATHS.chart.slice(1)}/${row.slug}`, toPath: `${AGENCY_PATHS.chart.slice(1)}/${slug}` }, scope.now);
      }
      await addRevision(trx, scope, { type: 'unit', id: row.id, snapshot: { ...fields, slug } });
      await recordAudit(trx, scope, { action: 'agency.unit_saved', targetType: 'agency_unit', targetId: row.id, detail: { name: fields.name } });
      await unitChanged(trx, scope, row.id, row.publication === 'published');
      return { slug };
    });
  } catch (error) {
    throw conflictOf(error, input.fields.slug);
  }
}

/** Shows a unit to the public (and in search). @throws FORBIDDEN without agency.publish; NOT_FOUND; INVALID_TRANSITION. */
export async function publishUnit(db: Kysely<Database>, scope: RequestScope, input: { unitId: string }): Promise<void> {
  requirePermission(scope.actor, 'agency.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockUnit(trx, scope, input.unitId);
    if (row.publication === 'published') throw new AgencyPublicationStepError('Đơn vị này đã được xuất bản.');
    const now = scope.now.toISOString();
    await trx.updateTable('agency_units').set({ publication: 'published', published_at: row.published_at ?? now, updated_at: now }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'agency.unit_published', targetType: 'agency_unit', targetId: row.id, detail: { name: row.name } });
    await unitChanged(trx, scope, row.id, false);
  });
}

/** Takes a unit off the public pages and search (its sub-units hang from the unit above it). @throws FORBIDDEN; NOT_FOUND; INVALID_TRANSITION. */
export async function unpublishUnit(db: Kysely<Database>, scope: RequestScope, input: { unitId: string }): Promise<void> {
  requirePermission(scope.actor, 'agency.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockUnit(trx, scope, input.unitId);
    if (row.publication !== 'published') throw new AgencyPublicationStepError('Đơn vị này chưa được xuất bản.');
    await trx.updateTable('agency_units').set({ publication: 'unpublished', updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'agency.unit_unpublished', targetType: 'agency_unit', targetId: row.id, detail: { name: row.name } });
    await unitChanged(trx, scope, row.id, true);
  });
}

/**
 * Deletes a unit readers do not see, with no sub-unit and no official left in it.
 * @throws FORBIDDEN; NOT_FOUND; CONFLICT when published or still in use.
 */
export async function deleteUnit(db: Kysely<Database>, scope: RequestScope, input: { unitId: string }): Promise<void> {
  requirePermission(scope.actor, 'agency.edit');
  await inTransaction(db, async (trx) => {
    const row = await lockUnit(trx, scope, input.unitId);
    if (row.publication === 'published') throw new AgencyItemInUseError('Đơn vị đang hiển thị công khai nên chưa xoá được.', 'Hãy gỡ đơn vị xuống trước (trưởng ban biên tập).');
    const child = await trx.selectFrom('agency_units').select('id').where('parent_id', '=', row.id).executeTakeFirst();
    const member = await trx.selectFrom('agency_officials').select('id').where('unit_id', '=', row.id).executeTakeFirst();
    if (child || member) throw new AgencyItemInUseError('Đơn vị còn đơn vị trực thuộc hoặc cán bộ nên chưa xoá được.', 'Hãy chuyển các đơn vị và cán bộ đó sang đơn vị khác trước.');
    await trx.deleteFrom('agency_revisions').where('target_type', '=', 'unit').where('target_id', '=', row.id).execute();
    await trx.deleteFrom('agency_units').where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'agency.unit_deleted', targetType: 'agency_unit', targetId: row.id, detail: { name: row.name } });
  });
}

export interface UnitForEditing {
  id: string;
  fields: UnitFields;
  publication: Publication;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** What the actor may do now: drives which buttons show (the services check again). */
  can: { edit: boolean; publish: boolean; unpublish: boolean; delete: boolean };
}

/** @throws FORBIDDEN without agency.edit; NOT_FOUND for another site's unit. */
export async function getUnitForEditing(db: Kysely<Database>, scope: RequestScope, unitId: string): Promise<UnitForEditing> {
  requirePermission(scope.actor, 'agency.edit');
  if (typeof unitId !== 'string') throw new AgencyUnitNotFoundError();
  const row = await db.selectFrom('agency_units').selectAll().where('id', '=', unitId).where('site_id', '=', scope.siteId).executeTakeFirst();
  if (!row) throw new AgencyUnitNotFoundError();
  const mayPublish = hasPermission(scope.actor, 'agency.publish');
  const isPublished = row.publication === 'published';
  return {
    id: row.id,
    fields: unitRowToFields(row),
    publication: row.publication as Publication,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    can: { edit: !isPublished || mayPublish, publish: mayPublish && !isPublished, unpublish: mayPublish && isPublished, delete: !isPublished },
  };
}

export interface StaffUnitItem {
  id: string;
  parentId: string | null;
  name: string;
  nameEn: string;
  slug: string;
  kind: UnitKind;
  position: number;
  publication: Publication;
  updatedAt: string;
}

/** Every unit of the site (all publications), for the staff's tree and the parent and unit choices. */
export async function listUnitsForStaff(db: Kysely<Database>, scope: RequestScope): Promise<StaffUnitItem[]> {
  requirePermission(scope.actor, 'agency.edit');
  const rows = await db.selectFrom('agency_units').select(['id', 'parent_id', 'name', 'name_en', 'slug', 'kind', 'position', 'publication', 'updated_at']).where('site_id', '=', scope.siteId).orderBy('position').orderBy('name').execute();
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id, name: r.name, nameEn: r.name_en, slug: r.slug, kind: isUnitKind(r.kind) ? r.kind : 'khac', position: r.position, publication: r.publication as Publication, updatedAt: r.updated_at }));
}

// ---- Officials ----

function officialRowToFields(row: OfficialRow): OfficialFields {
  return {
    fullName: row.full_name,
    positionTitle: row.position_title,
    positionEn: row.position_en,
    unitId: row.unit_id,
    phone: row.phone,
    email: row.email,
    photoMediaId: row.photo_media_id,
    fieldsInCharge: row.fields_in_charge,
    fieldsInChargeEn: row.fields_in_charge_en,
    isLeader: row.is_leader === 1,
    leaderOrder: row.leader_order,
    isContactPoint: row.is_contact_point === 1,
  };
}

/**
 * Checks and normalises an official's fields against the site (unit and photo its own).
 * @throws INVALID_INPUT with the field at fault.
 */
export async function checkOfficialFields(db: Kysely<Database>, input: { siteId: string; fields: Input<OfficialFields>; base?: OfficialFields }): Promise<OfficialFields> {
  const merged = { ...input.base, ...Object.fromEntries(Object.entries(input.fields).filter(([, v]) => v !== undefined)) } as Input<OfficialFields>;
  const fullName = cleanLine(merged.fullName, { field: 'fullName', label: 'Họ và tên', max: AGENCY_LIMITS.name });
  if (!fullName) throw new InvalidInputError(messages.fullNameRequired, { field: 'fullName' });
  const unitId = merged.unitId === undefined || merged.unitId === null || merged.unitId === '' ? null : merged.unitId;
  if (unitId !== null) {
    const unit = typeof unitId === 'string' && unitId.length <= 100 ? await db.selectFrom('agency_units').select('id').where('site_id', '=', input.siteId).where('id', '=', unitId).executeTakeFirst() : undefined;
    if (!unit) throw new InvalidInputError(messages.unitUnknown, { field: 'unitId' });
  }
  const photoMediaId = merged.photoMediaId === undefined || merged.photoMediaId === null || merged.photoMediaId === '' ? null : merged.photoMediaId;
  if (photoMediaId !== null) {
    const photo =
      typeof photoMediaId === 'string' && photoMediaId.length <= 100
        ? await db.selectFrom('media').select('id').where('site_id', '=', input.siteId).where('kind', '=', 'image').where('id', '=', photoMediaId).executeTakeFirst()
        : undefined;
    if (!photo) throw new InvalidInputError(messages.photoUnknown, { field: 'photoMediaId' });
  }
  return {
    fullName,
    positionTitle: cleanLine(merged.positionTitle, { field: 'positionTitle', label: 'Chức vụ', max: AGENCY_LIMITS.line }),
    positionEn: cleanLine(merged.positionEn, { field: 'positionEn', label: 'Chức vụ (tiếng Anh)', max: AGENCY_LIMITS.line }),
    unitId: unitId as string | null,
    phone: cleanPhone(merged.phone),
    email: cleanEmail(merged.email),
    photoMediaId: photoMediaId as string | null,
    fieldsInCharge: cleanLines(merged.fieldsInCharge, { field: 'fieldsInCharge', label: 'Lĩnh vực phụ trách', max: AGENCY_LIMITS.fields }),
    fieldsInChargeEn: cleanLines(merged.fieldsInChargeEn, { field: 'fieldsInChargeEn', label: 'Lĩnh vực phụ trách (tiếng Anh)', max: AGENCY_LIMITS.fields }),
    isLeader: isChecked(merged.isLeader),
    leaderOrder: cleanOrder(merged.leaderOrder, 'leaderOrder'),
    isContactPoint: isChecked(merged.isContactPoint),
  };
}

function officialValues(fields: OfficialFields) {
  return {
    full_name: fields.fullName,
    position_title: fields.positionTitle,
    position_en: fields.positionEn,
    unit_id: fields.unitId,
    phone: fields.phone,
    email: fields.email,
    photo_media_id: fields.photoMediaId,
    fields_in_charge: fields.fieldsInCharge,
    fields_in_charge_en: fields.fieldsInChargeEn,
    is_leader: fields.isLeader ? 1 : 0,
    leader_order: fields.leaderOrder,
    is_contact_point: fields.isContactPoint ? 1 : 0,
  };
}

async function lockOfficial(trx: Kysely<Database>, scope: RequestScope, officialId: unknown): Promise<OfficialRow> {
  if (typeof officialId !== 'string' || officialId.length > 100) throw new AgencyOfficialNotFoundError();
  let query = trx.selectFrom('agency_officials').selectAll().where('id', '=', officialId).where('site_id', '=', scope.siteId);
  if (isPostgres(trx)) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new AgencyOfficialNotFoundError();
  return row;
}

async function officialChanged(trx: Kysely<Database>, scope: RequestScope, officialId: string, wasPublished: boolean): Promise<void> {
  const now = await trx.selectFrom('agency_officials').select('publication').where('id', '=', officialId).executeTakeFirst();
  if (!wasPublished && now?.publication !== 'published') return;
  await publicChange(trx, scope, () => syncOfficialSearch(trx, { siteId: scope.siteId, officialId }));
}

/**
 * Adds an official (a leader, a contact official, or both) as a draft, or published when
 * asked by someone who may publish.
 * @throws FORBIDDEN; INVALID_INPUT.
 */
export async function createOfficial(db: Kysely<Database>, scope: RequestScope, input: Input<OfficialFields> & { isPublishing?: boolean }): Promise<{ id: string }> {
  requirePermission(scope.actor, 'agency.edit');
  if (input.isPublishing) requirePermission(scope.actor, 'agency.publish');
  const { isPublishing, ...fieldsInput } = input;
  return inTransaction(db, async (trx) => {
    const fields = await checkOfficialFields(trx, { siteId: scope.siteId, fields: fieldsInput });
    const id = crypto.randomUUID();
    const now = scope.now.toISOString();
    await trx
      .insertInto('agency_officials')
      .values({ id, site_id: scope.siteId, ...officialValues(fields), publication: isPublishing ? 'published' : 'draft', published_at: isPublishing ? now : null, created_by: authorId(scope), created_at: now, updated_at: now })
      .execute();
    await addRevision(trx, scope, { type: 'official', id, snapshot: fields });
    await recordAudit(trx, scope, { action: 'agency.official_created', targetType: 'agency_official', targetId: id, detail: { name: fields.fullName, ...(isPublishing ? { published: true } : {}) } });
    await officialChanged(trx, scope, id, false);
    return { id };
  });
}

/** Saves an edit (a new revision); a published official takes agency.publish. @throws NOT_FOUND; FORBIDDEN; INVALID_INPUT. */
export async function saveOfficial(db: Kysely<Database>, scope: RequestScope, input: { officialId: string; fields: Input<OfficialFields> }): Promise<void> {
  requirePermission(scope.actor, 'agency.edit');
  await inTransaction(db, async (trx) => {
    const row = await lockOfficial(trx, scope, input.officialId);
    requireMayChange(scope, row);
    const fields = await checkOfficialFields(trx, { siteId: scope.siteId, fields: input.fields, base: officialRowToFields(row) });
    await trx.updateTable('agency_officials').set({ ...officialValues(fields), updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await addRevision(trx, scope, { type: 'official', id: row.id, snapshot: fields });
    await recordAudit(trx, scope, { action: 'agency.official_saved', targetType: 'agency_official', targetId: row.id, detail: { name: fields.fullName } });
    await officialChanged(trx, scope, row.id, row.publication === 'published');
  });
}

/** @throws FORBIDDEN without agency.publish; NOT_FOUND; INVALID_TRANSITION. */
export async function publishOfficial(db: Kysely<Database>, scope: RequestScope, input: { officialId: string }): Promise<void> {
  requirePermission(scope.actor, 'agency.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockOfficial(trx, scope, input.officialId);
    if (row.publication === 'published') throw new AgencyPublicationStepError('Thông tin cán bộ này đã được xuất bản.');
    const now = scope.now.toISOString();
    await trx.updateTable('agency_officials').set({ publication: 'published', published_at: row.published_at ?? now, updated_at: now }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'agency.official_published', targetType: 'agency_official', targetId: row.id, detail: { name: row.full_name } });
    await officialChanged(trx, scope, row.id, false);
  });
}

/** @throws FORBIDDEN without agency.publish; NOT_FOUND; INVALID_TRANSITION. */
export async function unpublishOfficial(db: Kysely<Database>, scope: RequestScope, input: { officialId: string }): Promise<void> {
  requirePermission(scope.actor, 'agency.publish');
  await inTransaction(db, async (trx) => {
    const row = await lockOfficial(trx, scope, input.officialId);
    if (row.publication !== 'published') throw new AgencyPublicationStepError('Thông tin cán bộ này chưa được xuất bản.');
    await trx.updateTable('agency_officials').set({ publication: 'unpublished', updated_at: scope.now.toISOString() }).where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'agency.official_unpublished', targetType: 'agency_official', targetId: row.id, detail: { name: row.full_name } });
    await officialChanged(trx, scope, row.id, true);
  });
}

/** Deletes an official readers do not see (a mistake, someone who left). @throws FORBIDDEN; NOT_FOUND; CONFLICT when published. */
export async function deleteOfficial(db: Kysely<Database>, scope: RequestScope, input: { officialId: string }): Promise<void> {
  requirePermission(scope.actor, 'agency.edit');
  await inTransaction(db, async (trx) => {
    const row = await lockOfficial(trx, scope, input.officialId);
    if (row.publication === 'published') throw new AgencyItemInUseError('Thông tin cán bộ đang hiển thị công khai nên chưa xoá được.', 'Hãy gỡ xuống trước (trưởng ban biên tập).');
    await trx.deleteFrom('agency_revisions').where('target_type', '=', 'official').where('target_id', '=', row.id).execute();
    await trx.deleteFrom('agency_officials').where('id', '=', row.id).execute();
    await recordAudit(trx, scope, { action: 'agency.official_deleted', targetType: 'agency_official', targetId: row.id, detail: { name: row.full_name } });
  });
}

export interface OfficialForEditing {
  id: string;
  fields: OfficialFields;
  publication: Publication;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  can: { edit: boolean; publish: boolean; unpublish: boolean; delete: boolean };
}

/** @throws FORBIDDEN without agency.edit; NOT_FOUND for another site's official. */
export async function getOfficialForEditing(db: Kysely<Database>, scope: RequestScope, officialId: string): Promise<OfficialForEditing> {
  requirePermission(scope.actor, 'agency.edit');
  if (typeof officialId !== 'string') throw new AgencyOfficialNotFoundError();
  const row = await db.selectFrom('agency_officials').selectAll().where('id', '=', officialId).where('site_id', '=', scope.siteId).executeTakeFirst();
  if (!row) throw new AgencyOfficialNotFoundError();
  const mayPublish = hasPermission(scope.actor, 'agency.publish');
  const isPublished = row.publication === 'published';
  return {
    id: row.id,
    fields: officialRowToFields(row),
    publication: row.publication as Publication,
    publishedAt: row.published_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    can: { edit: !isPublished || mayPublish, publish: mayPublish && !isPublished, unpublish: mayPublish && isPublished, delete: !isPublished },
  };
}

export interface StaffOfficialItem {
  id: string;
  fullName: string;
  positionTitle: string;
  unitName: string;
  isLeader: boolean;
  isContactPoint: boolean;
  publication: Publication;
  updatedAt: string;
}

/** Every official of the site: leaders first in their order, then by unit and name. */
export async function listOfficialsForStaff(db: Kysely<Database>, scope: RequestScope): Promise<StaffOfficialItem[]> {
  requirePermission(scope.actor, 'agency.edit');
  const rows = await db
    .selectFrom('agency_officials as o')
    .leftJoin('agency_units as u', 'u.id', 'o.unit_id')
    .select(['o.id', 'o.full_name', 'o.position_title', 'o.is_leader', 'o.leader_order', 'o.is_contact_point', 'o.publication', 'o.updated_at', 'u.name as unit_name'])
    .where('o.site_id', '=', scope.siteId)
    .orderBy('o.is_leader', 'desc')
    .orderBy('o.leader_order')
    .orderBy('u.name')
    .orderBy('o.full_name')
    .execute();
  return rows.map((r) => ({ id: r.id, fullName: r.full_name, positionTitle: r.position_title, unitName: r.unit_name ?? '', isLeader: r.is_leader === 1, isContactPoint: r.is_contact_point === 1, publication: r.publication as Publication, updatedAt: r.updated_at }));
}

export interface AgencyRevision {
  number: number;
  authorName: string;
  createdAt: string;
  snapshot: Record<string, unknown>;
}

/** The revisions of the profile, a unit or an official of the site, newest first. @throws FORBIDDEN. */
export async function listAgencyRevisions(db: Kysely<Database>, scope: RequestScope, input: { targetType: 'profile' | 'unit' | 'official'; targetId: string; limit?: number }): Promise<AgencyRevision[]> {
  requirePermission(scope.actor, 'agency.edit');
  const rows = await db
    .selectFrom('agency_revisions as r')
    .leftJoin('users as u', 'u.id', 'r.author_id')
    .select(['r.number', 'r.created_at', 'r.snapshot', 'u.display_name'])
    .where('r.site_id', '=', scope.siteId)
    .where('r.target_type', '=', input.targetType)
    .where('r.target_id', '=', input.targetId)
    .orderBy('r.number', 'desc')
    .limit(input.limit ?? 20)
    .execute();
  return rows.map((row) => ({ number: row.number, authorName: row.display_name ?? 'Hệ thống', createdAt: row.created_at, snapshot: JSON.parse(row.snapshot) as Record<string, unknown> }));
}
