/** Public indicators turned into what views show: every number formatted the Vietnamese way. */
import { formatDate } from '../../platform/i18n/vi.js';
import { formatIndicatorNumber, formatPercentOfPlan, formatWithUnit } from './indicator-numbers.js';
import type { PublicIndicatorSummary, PublicIndicatorValue } from './indicators.public.js';

export interface ValueRowView {
  periodLabel: string;
  districtLabel: string;
  /** "5.700" (the unit is in the table's caption), or "Chưa có". */
  target: string;
  result: string;
  /** "114,35%" or "". */
  percent: string;
  note: string;
}

function cell(value: number | null): string {
  return value === null ? 'Chưa có' : formatIndicatorNumber(value);
}

export function valueRowView(value: PublicIndicatorValue): ValueRowView {
  return { periodLabel: value.periodLabel, districtLabel: value.districtLabel, target: cell(value.target), result: cell(value.result), percent: formatPercentOfPlan(value.percentOfPlan), note: value.note };
}

export interface IndicatorSummaryView {
  name: string;
  url: string;
  unit: string;
  periodKindLabel: string;
  /** "Năm 2021" or "". */
  latestPeriod: string;
  latestTarget: string;
  latestResult: string;
  latestPercent: string;
}

export function summaryView(item: PublicIndicatorSummary): IndicatorSummaryView {
  const latest = item.latest;
  return {
    name: item.name,
    url: item.url,
    unit: item.unit,
    periodKindLabel: item.periodKindLabel,
    latestPeriod: latest ? `${latest.periodLabel}${latest.district ? ` (${latest.districtLabel})` : ''}` : '',
    latestTarget: latest && latest.target !== null ? formatWithUnit(latest.target, item.unit) : '',
    latestResult: latest && latest.result !== null ? formatWithUnit(latest.result, item.unit) : '',
    latestPercent: latest ? formatPercentOfPlan(latest.percentOfPlan) : '',
  };
}

/** 16/01/2022, or '' for no date. */
export function dayOf(iso: string): string {
  return iso ? formatDate(iso) : '';
}
