/**
 * What readers see of projects and procurement notices: the list with its filters and
 * one item's page. Every function here reads published items only (one constraint,
 * `published`), whoever calls it, and computes a tender's status at `now`.
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { InvalidInputError } from '../../platform/errors.js';
import { SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import { foldVietnamese } from '../../platform/i18n/vi.js';
import { MEDIA_URL_PREFIX } from '../media/index.js';
import { effectiveProjectStatus, isProjectKind, isProjectStatus, PROJECT_KIND_LABELS, PROJECT_STATUS_LABELS, type ProjectKind, type ProjectStatus } from './project-rules.js';
import { ProjectNotFoundError } from './projects.errors.js';
import { PROJECTS_PATH } from './projects.search.js';

export const MAX_PROJECT_PAGE_SIZE = 100;
const MAX_QUERY_LENGTH = 200;
const MAX_QUERY_WORDS = 10;

function published(db: Kysely<Database>, siteId: string, now: Date) {
  return db
    .selectFrom('projects')
    .where('site_id', '=', siteId)
    .where('publication', '=', 'published')
    .where('published_at', 'is not', null)
    .where('published_at', '<=', now.toISOString());
}

const COLUMNS = ['id', 'kind', 'name', 'slug', 'owner', 'budget', 'funding_source', 'location', 'starts_on', 'ends_on', 'closes_at', 'dated_on', 'status', 'winner', 'winning_price', 'published_at', 'updated_at'] as const;

interface SummaryRow {
  id: string;
  kind: string;
  name: string;
  slug: string;
  owner: string;
  budget: number | string | null;
  funding_source: string;
  location: string;
  starts_on: string | null;
  ends_on: string | null;
  closes_at: string | null;
  dated_on: string;
  status: string;
  winner: string;
  winning_price: number | string | null;
  published_at: string | null;
  updated_at: string;
}

export interface PublicProjectSummary {
  id: string;
  slug: string;
  /** Site-relative: /du-an-dau-thau/<slug>. */
  url: string;
  kind: ProjectKind;
  kindLabel: string;
  name: string;
  owner: string;
  /** Whole đồng. */
  budget: number | null;
  fundingSource: string;
  location: string;
  startsOn: string | null;
  endsOn: string | null;
  closesAt: string | null;
  /** What readers see now (a tender past its closing time is closed). */
  status: ProjectStatus;
  statusLabel: string;
  /** A tender with a result: who won and at what price; otherwise '' and null. */
  winner: string;
  winningPrice: number | null;
  publishedAt: string;
  updatedAt: string;
}

export interface PublicProject extends PublicProjectSummary {
  descriptionHtml: string;
  attachments: { mediaId: string; name: string; url: string; mime: string; bytes: number }[];
}

function toSummary(row: SummaryRow, now: Date): PublicProjectSummary {
  const kind = isProjectKind(row.kind) ? row.kind : 'project';
  const status = effectiveProjectStatus(row, now);
  const hasResult = kind === 'tender' && status === 'awarded';
  return {
    id: row.id,
    slug: row.slug,
    url: `${PROJECTS_PATH}/${row.slug}`,
    kind,
    kindLabel: PROJECT_KIND_LABELS[kind],
    name: row.name,
    owner: row.owner,
    budget: row.budget === null ? null : Number(row.budget),
    fundingSource: row.funding_source,
    location: row.location,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    closesAt: row.closes_at,
    status,
    statusLabel: PROJECT_STATUS_LABELS[status],
    winner: hasResult ? row.winner : '',
    winningPrice: hasResult && row.winning_price !== null ? Number(row.winning_price) : null,
    publishedAt: row.published_at ?? '',
    updatedAt: row.updated_at,
  };
}

export interface ProjectListFilter {
  siteId: string;
  now: Date;
  kind?: ProjectKind;
  status?: ProjectStatus;
  /** Year of the item's date (start, or a tender's closing day). */
  year?: number;
  /** Words of the name, owner, place, funding or winner, with or without diacritics. */
  query?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface ProjectListPage {
  items: PublicProjectSummary[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/**
 * The public list: filters combine (AND); newest first (by the item's date, then by
 * publication). The status filter reads a tender's status at `now`.
 * @throws INVALID_INPUT for a query longer than 200 characters, a year out of range, an unknown kind or status.
 */
export async function listPublishedProjects(db: Kysely<Database>, filter: ProjectListFilter): Promise<ProjectListPage> {
  const pageSize = Math.min(MAX_PROJECT_PAGE_SIZE, Math.max(1, Math.floor(filter.pageSize ?? 20) || 20));
  const page = Math.min(10_000, Math.max(1, Math.floor(filter.page ?? 1) || 1));
  const text = typeof filter.query === 'string' ? filter.query.trim() : '';
  if (text.length > MAX_QUERY_LENGTH) throw new InvalidInputError('Từ khóa tìm kiếm quá dài (tối đa 200 ký tự).', { field: 'q' });
  if (filter.year !== undefined && (!Number.isInteger(filter.year) || filter.year < 1900 || filter.year > 2200)) throw new InvalidInputError('Năm không hợp lệ.', { field: 'year' });
  if (filter.kind !== undefined && !isProjectKind(filter.kind)) throw new InvalidInputError('Loại được chọn không có.', { field: 'kind' });
  if (filter.status !== undefined && !isProjectStatus(filter.status)) throw new InvalidInputError('Tình trạng được chọn không có.', { field: 'status' });
  const nowIso = filter.now.toISOString();

  let query = published(db, filter.siteId, filter.now);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.year !== undefined) query = query.where('dated_on', '>=', `${filter.year}-01-01`).where('dated_on', '<', `${filter.year + 1}-01-01`);
  if (filter.status) {
    const status = filter.status;
    // A tender declared open whose closing time has passed is closed (effectiveProjectStatus, in SQL).
    const isPastClosing = (eb: ExpressionBuilder<Database, 'projects'>) => eb.and([eb('kind', '=', 'tender'), eb('status', '=', 'open'), eb('closes_at', 'is not', null), eb('closes_at', '<=', nowIso)]);
    if (status === 'open') query = query.where((eb) => eb.and([eb('status', '=', 'open'), eb.not(isPastClosing(eb))]));
    else if (status === 'closed') query = query.where((eb) => eb.or([eb('status', '=', 'closed'), isPastClosing(eb)]));
    else query = query.where('status', '=', status);
  }
  for (const word of foldVietnamese(text).split(/[^a-z0-9]+/).filter(Boolean).slice(0, MAX_QUERY_WORDS)) query = query.where('folded_text', 'like', `% ${word}%`);

  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query.select(COLUMNS).orderBy('dated_on', 'desc').orderBy('published_at', 'desc').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
  const count = Number(total);
  return { items: rows.map((row) => toSummary(row, filter.now)), total: count, page, pageSize, pageCount: Math.max(1, Math.ceil(count / pageSize)) };
}

/** Years that have published items, newest first: the list's year filter. */
export async function listProjectYears(db: Kysely<Database>, input: { siteId: string; now: Date }): Promise<number[]> {
  const rows = await published(db, input.siteId, input.now).select(sql<string>`substr(${sql.ref('dated_on')}, 1, 4)`.as('year')).distinct().execute();
  return rows
    .map((r) => Number(r.year))
    .filter((y) => Number.isInteger(y))
    .sort((a, b) => b - a);
}

/** @throws NOT_FOUND when the site has no published item at this slug. */
export async function getPublishedProject(db: Kysely<Database>, input: { siteId: string; slug: string; now: Date }): Promise<PublicProject> {
  // A slug that cannot exist is not looked up (PostgreSQL answers a NUL byte with an error).
  if (typeof input.slug !== 'string' || input.slug.length > 200 || !SLUG_PATTERN.test(input.slug)) throw new ProjectNotFoundError();
  const row = await published(db, input.siteId, input.now).select([...COLUMNS, 'description_html']).where('slug', '=', String(input.slug)).executeTakeFirst();
  if (!row) throw new ProjectNotFoundError();
  const attachments = await db
    .selectFrom('project_attachments as a')
    .innerJoin('media as m', 'm.id', 'a.media_id')
    .select(['a.media_id', 'm.original_name', 'm.storage_key', 'm.mime', 'm.bytes'])
    .where('a.project_id', '=', row.id)
    .where('m.site_id', '=', input.siteId)
    .orderBy('a.position')
    .execute();
  return {
    ...toSummary(row, input.now),
    descriptionHtml: row.description_html,
    attachments: attachments.map((a) => ({ mediaId: a.media_id, name: a.original_name || `tep-dinh-kem.${a.storage_key.split('.').pop() ?? 'pdf'}`, url: `${MEDIA_URL_PREFIX}${a.storage_key}`, mime: a.mime, bytes: Number(a.bytes) })),
  };
}
