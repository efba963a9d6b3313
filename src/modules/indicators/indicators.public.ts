/**
 * What readers see of indicators: the list (with its filters), one indicator with its
 * values, and the lookup the article embedding uses. Every function here reads published
 * indicators only (one constraint, `published`), whoever calls it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { InvalidInputError } from '../../platform/errors.js';
import { foldVietnamese } from '../../platform/i18n/vi.js';
import { percentOfPlan } from './indicator-numbers.js';
import { isPeriodKind, PERIOD_KIND_LABELS, periodLabel, type PeriodKind } from './indicator-periods.js';
import { compareValues } from './indicator-values.js';
import { IndicatorNotFoundError } from './indicators.errors.js';
import { INDICATORS_PATH } from './indicators.search.js';

export const MAX_INDICATOR_PAGE_SIZE = 100;
const MAX_QUERY_LENGTH = 200;
const MAX_QUERY_WORDS = 10;
/** Slugs per lookup: far below the bound-parameter limits of both engines. */
const SLUGS_PER_QUERY = 200;
/** How the whole province or agency is named in tables ('' in the data). */
export const WHOLE_AREA_LABEL = 'Toàn địa bàn';

/** The published indicators of a site. */
function published(db: Kysely<Database>, siteId: string, now: Date) {
  return db
    .selectFrom('indicators')
    .where('site_id', '=', siteId)
    .where('publication', '=', 'published')
    .where('published_at', 'is not', null)
    .where('published_at', '<=', now.toISOString());
}

const COLUMNS = ['id', 'slug', 'name', 'unit', 'description', 'period_kind', 'published_at', 'updated_at'] as const;

interface Row {
  id: string;
  slug: string;
  name: string;
  unit: string;
  description: string;
  period_kind: string;
  published_at: string | null;
  updated_at: string;
}

export interface PublicIndicatorValue {
  /** 'YYYY' or 'YYYY-Qn'. */
  period: string;
  /** 'Năm 2021', 'Quý III/2021'. */
  periodLabel: string;
  /** '' = the whole area. */
  district: string;
  /** 'Toàn địa bàn' or the district. */
  districtLabel: string;
  target: number | null;
  result: number | null;
  /** Ratio of the plan achieved (1.1435 = 114,35%), null when it cannot be computed. */
  percentOfPlan: number | null;
  note: string;
}

export interface PublicIndicatorSummary {
  id: string;
  slug: string;
  /** Site-relative: /chi-tieu/<slug>. */
  url: string;
  name: string;
  unit: string;
  description: string;
  periodKind: PeriodKind;
  periodKindLabel: string;
  /** The newest period's value for the whole area (or its first district), if any. */
  latest: PublicIndicatorValue | null;
  publishedAt: string;
  updatedAt: string;
}

export interface PublicIndicator extends PublicIndicatorSummary {
  /** Period, then the whole area, then districts in Vietnamese order. */
  values: PublicIndicatorValue[];
  /** Every period with values, oldest first. */
  periods: string[];
  /** Every district named (never ''), in Vietnamese order. */
  districts: string[];
}

interface ValueRow {
  indicator_id: string;
  period: string;
  district: string;
  target: number | null;
  result: number | null;
  note: string;
}

/** Drivers give numbers; a PostgreSQL numeric set up by hand would give text. */
function numberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

function toValue(row: Omit<ValueRow, 'indicator_id'>): PublicIndicatorValue {
  const target = numberOrNull(row.target);
  const result = numberOrNull(row.result);
  return { period: row.period, periodLabel: periodLabel(row.period), district: row.district, districtLabel: row.district || WHOLE_AREA_LABEL, target, result, percentOfPlan: percentOfPlan(target, result), note: row.note };
}

function latestOf(values: PublicIndicatorValue[]): PublicIndicatorValue | null {
  const last = values.at(-1);
  if (!last) return null;
  return values.find((v) => v.period === last.period) ?? null;
}

function toIndicator(row: Row, rows: Omit<ValueRow, 'indicator_id'>[]): PublicIndicator {
  const values = rows.map(toValue).sort(compareValues);
  const periodKind: PeriodKind = isPeriodKind(row.period_kind) ? row.period_kind : 'year';
  return {
    id: row.id,
    slug: row.slug,
    url: `${INDICATORS_PATH}/${row.slug}`,
    name: row.name,
    unit: row.unit,
    description: row.description,
    periodKind,
    periodKindLabel: PERIOD_KIND_LABELS[periodKind],
    latest: latestOf(values),
    publishedAt: row.published_at ?? '',
    updatedAt: row.updated_at,
    values,
    periods: [...new Set(values.map((v) => v.period))],
    districts: [...new Set(values.map((v) => v.district).filter(Boolean))].sort(new Intl.Collator('vi').compare),
  };
}

async function valuesByIndicator(db: Kysely<Database>, ids: string[]): Promise<Map<string, ValueRow[]>> {
  const byId = new Map<string, ValueRow[]>(ids.map((id) => [id, []]));
  if (!ids.length) return byId;
  const rows = await db.selectFrom('indicator_values').select(['indicator_id', 'period', 'district', 'target', 'result', 'note']).where('indicator_id', 'in', ids).execute();
  for (const row of rows) byId.get(row.indicator_id)?.push(row);
  return byId;
}

export interface IndicatorListFilter {
  siteId: string;
  now: Date;
  periodKind?: PeriodKind;
  /** Words of the name, unit, description or districts, with or without diacritics. */
  query?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface IndicatorListPage {
  items: PublicIndicatorSummary[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/**
 * The public list, by name (Vietnamese order without diacritics); filters combine (AND).
 * @throws INVALID_INPUT for a query longer than 200 characters.
 */
export async function listPublishedIndicators(db: Kysely<Database>, filter: IndicatorListFilter): Promise<IndicatorListPage> {
  const pageSize = Math.min(MAX_INDICATOR_PAGE_SIZE, Math.max(1, Math.floor(filter.pageSize ?? 20) || 20));
  const page = Math.min(10_000, Math.max(1, Math.floor(filter.page ?? 1) || 1));
  const text = typeof filter.query === 'string' ? filter.query.trim() : '';
  if (text.length > MAX_QUERY_LENGTH) throw new InvalidInputError('Từ khóa tìm kiếm quá dài (tối đa 200 ký tự).', { field: 'q' });
  let query = published(db, filter.siteId, filter.now);
  if (filter.periodKind && isPeriodKind(filter.periodKind)) query = query.where('period_kind', '=', filter.periodKind);
  for (const word of foldVietnamese(text).split(/[^a-z0-9]+/).filter(Boolean).slice(0, MAX_QUERY_WORDS)) query = query.where('folded_text', 'like', `% ${word}%`);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query.select(COLUMNS).orderBy('name_key').orderBy('id').limit(pageSize).offset((page - 1) * pageSize).execute();
  const values = await valuesByIndicator(db, rows.map((r) => r.id));
  const count = Number(total);
  return {
    items: rows.map((row) => {
      const { values: _values, periods: _periods, districts: _districts, ...summary } = toIndicator(row, values.get(row.id) ?? []);
      return summary;
    }),
    total: count,
    page,
    pageSize,
    pageCount: Math.max(1, Math.ceil(count / pageSize)),
  };
}

/** @throws NOT_FOUND when the site has no published indicator at this slug. */
export async function getPublishedIndicator(db: Kysely<Database>, input: { siteId: string; slug: string; now: Date }): Promise<PublicIndicator> {
  const row = await published(db, input.siteId, input.now).select(COLUMNS).where('slug', '=', String(input.slug)).executeTakeFirst();
  if (!row) throw new IndicatorNotFoundError();
  const values = await valuesByIndicator(db, [row.id]);
  return toIndicator(row, values.get(row.id) ?? []);
}

/** The published indicators of the site with these slugs (those not published are simply absent). */
export async function findPublishedIndicators(db: Kysely<Database>, input: { siteId: string; slugs: Iterable<string>; now: Date }): Promise<Map<string, PublicIndicator>> {
  const wanted = [...new Set([...input.slugs].filter((slug) => typeof slug === 'string' && slug.length > 0 && slug.length <= 200))];
  const found = new Map<string, PublicIndicator>();
  for (let start = 0; start < wanted.length; start += SLUGS_PER_QUERY) {
    const rows = await published(db, input.siteId, input.now).select(COLUMNS).where('slug', 'in', wanted.slice(start, start + SLUGS_PER_QUERY)).execute();
    const values = await valuesByIndicator(db, rows.map((r) => r.id));
    for (const row of rows) found.set(row.slug, toIndicator(row, values.get(row.id) ?? []));
  }
  return found;
}
