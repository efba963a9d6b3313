/**
 * What readers see of the procedures: the list with its filters, a procedure's page and
 * the filters' choices. Every function here reads published procedures only (one
 * constraint, `published`), whoever calls it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { InvalidInputError } from '../../platform/errors.js';
import { foldVietnamese } from '../../platform/i18n/vi.js';
import { MEDIA_URL_PREFIX } from '../media/index.js';
import { isOnlineLevel, isProcedureLevel, LEVEL_LABELS, MAX_WORKING_DAYS, ONLINE_LEVEL_LABELS, type OnlineLevel, type ProcedureDocument, type ProcedureLevel } from './procedure-rules.js';
import { ProcedureNotFoundError } from './public-services.errors.js';
import { PROCEDURES_PATH } from './public-services.search.js';

export const MAX_PROCEDURE_PAGE_SIZE = 100;
const MAX_QUERY_LENGTH = 200;
const MAX_QUERY_WORDS = 10;

/** The published procedures of a site, with their field. */
function published(db: Kysely<Database>, siteId: string, now: Date) {
  return db
    .selectFrom('procedures as p')
    .leftJoin('procedure_fields as f', 'f.id', 'p.field_id')
    .where('p.site_id', '=', siteId)
    .where('p.publication', '=', 'published')
    .where('p.published_at', 'is not', null)
    .where('p.published_at', '<=', now.toISOString());
}

const SUMMARY_COLUMNS = ['p.id', 'p.code', 'p.name', 'p.slug', 'p.level', 'p.agency', 'p.time_limit', 'p.time_limit_days', 'p.fee', 'p.online_level', 'p.portal_url', 'p.published_at', 'p.updated_at', 'f.name as field_name', 'f.slug as field_slug', 'f.position as field_position'] as const;

export interface PublicProcedureSummary {
  id: string;
  code: string;
  name: string;
  slug: string;
  url: string;
  fieldName: string;
  fieldSlug: string;
  level: ProcedureLevel;
  levelLabel: string;
  agency: string;
  timeLimit: string;
  timeLimitDays: number | null;
  fee: string;
  onlineLevel: OnlineLevel;
  onlineLevelLabel: string;
  portalUrl: string;
}

export interface PublicProcedure extends PublicProcedureSummary {
  methods: string;
  stepsHtml: string;
  documents: ProcedureDocument[];
  result: string;
  legalBasis: string;
  attachments: { mediaId: string; name: string; url: string; mime: string; bytes: number }[];
  publishedAt: string;
  updatedAt: string;
}

interface SummaryRow {
  id: string;
  code: string;
  name: string;
  slug: string;
  level: string;
  agency: string;
  time_limit: string;
  time_limit_days: number | null;
  fee: string;
  online_level: string;
  portal_url: string;
  field_name: string | null;
  field_slug: string | null;
}

function toSummary(row: SummaryRow): PublicProcedureSummary {
  const level = isProcedureLevel(row.level) ? row.level : 'province';
  const onlineLevel = isOnlineLevel(row.online_level) ? row.online_level : 'partial';
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    slug: row.slug,
    url: `${PROCEDURES_PATH}/${row.slug}`,
    fieldName: row.field_name ?? '',
    fieldSlug: row.field_slug ?? '',
    level,
    levelLabel: LEVEL_LABELS[level],
    agency: row.agency,
    timeLimit: row.time_limit,
    timeLimitDays: row.time_limit_days === null ? null : Number(row.time_limit_days),
    fee: row.fee,
    onlineLevel,
    onlineLevelLabel: ONLINE_LEVEL_LABELS[onlineLevel],
    portalUrl: row.portal_url,
  };
}

export interface ProcedureListFilter {
  siteId: string;
  now: Date;
  /** Field slug (?field=viec-lam). */
  field?: string;
  level?: ProcedureLevel;
  onlineLevel?: OnlineLevel;
  /** At most this many working days (procedures whose thời hạn has no number of days are left out). */
  maxDays?: number;
  /** Words of the name, agency or documents, or a code ("2.000286"), with or without diacritics. */
  query?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface ProcedureListPage {
  items: PublicProcedureSummary[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/**
 * The public list, in the order of the site's fields (as the list is grouped by field),
 * then by name; filters combine (AND).
 * @throws INVALID_INPUT for a query longer than 200 characters or an unknown level.
 */
export async function listPublishedProcedures(db: Kysely<Database>, filter: ProcedureListFilter): Promise<ProcedureListPage> {
  const pageSize = Math.min(MAX_PROCEDURE_PAGE_SIZE, Math.max(1, Math.floor(filter.pageSize ?? 50) || 50));
  const page = Math.min(10_000, Math.max(1, Math.floor(filter.page ?? 1) || 1));
  const text = typeof filter.query === 'string' ? filter.query.trim() : '';
  if (text.length > MAX_QUERY_LENGTH) throw new InvalidInputError('Từ khóa tìm kiếm quá dài (tối đa 200 ký tự).', { field: 'q' });
  if (filter.level !== undefined && !isProcedureLevel(filter.level)) throw new InvalidInputError('Cấp thực hiện được chọn không có.', { field: 'level' });
  if (filter.onlineLevel !== undefined && !isOnlineLevel(filter.onlineLevel)) throw new InvalidInputError('Mức độ được chọn không có.', { field: 'online' });
  if (filter.maxDays !== undefined && (!Number.isInteger(filter.maxDays) || filter.maxDays < 0 || filter.maxDays > MAX_WORKING_DAYS)) throw new InvalidInputError(`Số ngày làm việc phải là số nguyên từ 0 đến ${MAX_WORKING_DAYS}.`, { field: 'days' });

  let query = published(db, filter.siteId, filter.now);
  if (filter.field) query = query.where('f.slug', '=', filter.field);
  if (filter.level) query = query.where('p.level', '=', filter.level);
  if (filter.onlineLevel) query = query.where('p.online_level', '=', filter.onlineLevel);
  if (filter.maxDays !== undefined) query = query.where('p.time_limit_days', 'is not', null).where('p.time_limit_days', '<=', filter.maxDays);
  // Words match the start of a folded word; a code's groups are words too ("2.000286" → "2 000286").
  for (const word of foldVietnamese(text).split(/[^a-z0-9]+/).filter(Boolean).slice(0, MAX_QUERY_WORDS)) query = query.where('p.folded_text', 'like', `% ${word}%`);

  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .select(SUMMARY_COLUMNS)
    // Procedures without a field come last.
    .orderBy((eb) => eb.case().when('f.position', 'is', null).then(1).else(0).end())
    .orderBy('f.position')
    .orderBy('f.name')
    .orderBy('p.name')
    .orderBy('p.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const count = Number(total);
  return { items: rows.map(toSummary), total: count, page, pageSize, pageCount: Math.max(1, Math.ceil(count / pageSize)) };
}

/** @throws NOT_FOUND when the site has no published procedure at this slug. */
export async function getPublishedProcedure(db: Kysely<Database>, input: { siteId: string; slug: string; now: Date }): Promise<PublicProcedure> {
  const row = await published(db, input.siteId, input.now)
    .select([...SUMMARY_COLUMNS, 'p.methods', 'p.steps_html', 'p.result', 'p.legal_basis'])
    .where('p.slug', '=', String(input.slug))
    .executeTakeFirst();
  if (!row) throw new ProcedureNotFoundError();
  const [documents, attachments] = await Promise.all([
    db.selectFrom('procedure_documents').select(['name', 'originals', 'copies']).where('procedure_id', '=', row.id).orderBy('position').execute(),
    db
      .selectFrom('procedure_attachments as a')
      .innerJoin('media as m', 'm.id', 'a.media_id')
      .select(['a.media_id', 'm.original_name', 'm.storage_key', 'm.mime', 'm.bytes'])
      .where('a.procedure_id', '=', row.id)
      .where('m.site_id', '=', input.siteId)
      .orderBy('a.position')
      .execute(),
  ]);
  return {
    ...toSummary(row),
    methods: row.methods,
    stepsHtml: row.steps_html,
    documents: documents.map((d) => ({ name: d.name, originals: Number(d.originals), copies: Number(d.copies) })),
    result: row.result,
    legalBasis: row.legal_basis,
    attachments: attachments.map((a) => ({ mediaId: a.media_id, name: a.original_name || `mau-don.${a.storage_key.split('.').pop() ?? 'pdf'}`, url: `${MEDIA_URL_PREFIX}${a.storage_key}`, mime: a.mime, bytes: Number(a.bytes) })),
    publishedAt: row.published_at ?? '',
    updatedAt: row.updated_at,
  };
}

export interface ProcedureFilters {
  /** The site's fields that have published procedures, in order, with how many. */
  fields: { name: string; slug: string; count: number }[];
}

/** The choices of the public list's field filter. */
export async function listProcedureFilters(db: Kysely<Database>, input: { siteId: string; now: Date }): Promise<ProcedureFilters> {
  const rows = await published(db, input.siteId, input.now)
    .innerJoin('procedure_fields as pf', 'pf.id', 'p.field_id')
    .select(['pf.name', 'pf.slug', 'pf.position', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['pf.id', 'pf.name', 'pf.slug', 'pf.position'])
    .orderBy('pf.position')
    .orderBy('pf.name')
    .execute();
  return { fields: rows.map((r) => ({ name: r.name, slug: r.slug, count: Number(r.n) })) };
}
