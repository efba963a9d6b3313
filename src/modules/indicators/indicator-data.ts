/**
 * An indicator as open data: CSV (UTF-8 with a byte-order mark, so Excel opens the
 * Vietnamese right; RFC 4180 quoting; comma-separated, numbers written plainly, 6518 and
 * 55.7, for any program to read) and JSON. Text cells that a spreadsheet would take for a
 * formula (= + - @, tab, carriage return) start with a quote mark (OWASP CSV injection).
 * csv-stringify is not among the project's dependencies, and this writer is 10 lines.
 */
import { percentNumber } from './indicator-numbers.js';
import type { PublicIndicator } from './indicators.public.js';

export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';
export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
const BOM = '\ufeff';

/** One CSV cell: numbers as they are, text quoted when needed and defused when formula-like. */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const CSV_COLUMNS = ['Chỉ tiêu', 'Đơn vị tính', 'Kỳ', 'Tên kỳ', 'Địa bàn', 'Kế hoạch', 'Thực hiện', '% kế hoạch', 'Ghi chú'] as const;

/** The indicator's table as CSV: one row per period and district, as on its page. */
export function indicatorCsv(indicator: PublicIndicator): string {
  const rows = indicator.values.map((v) => [indicator.name, indicator.unit, v.period, v.periodLabel, v.districtLabel, v.target, v.result, v.percentOfPlan === null ? null : percentNumber(v.percentOfPlan), v.note]);
  return BOM + [[...CSV_COLUMNS], ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** The indicator as JSON; URLs are absolute, from the site's own origin. */
export function indicatorJson(indicator: PublicIndicator, site: { origin: string; name: string; licence: string }): string {
  const url = `${site.origin}${indicator.url}`;
  return JSON.stringify(
    {
      name: indicator.name,
      slug: indicator.slug,
      url,
      unit: indicator.unit,
      description: indicator.description,
      periodKind: indicator.periodKind,
      publisher: site.name,
      licence: site.licence || null,
      publishedAt: indicator.publishedAt,
      updatedAt: indicator.updatedAt,
      downloads: { csv: `${url}.csv`, json: `${url}.json` },
      values: indicator.values.map((v) => ({
        period: v.period,
        periodLabel: v.periodLabel,
        district: v.district,
        districtLabel: v.districtLabel,
        target: v.target,
        result: v.result,
        /** 114.35 means 114,35% of the plan; null without a target (or a target of 0) or a result. */
        percentOfPlan: v.percentOfPlan === null ? null : percentNumber(v.percentOfPlan),
        note: v.note,
      })),
    },
    null,
    2,
  );
}
