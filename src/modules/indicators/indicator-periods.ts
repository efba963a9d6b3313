/**
 * Periods of an indicator: a year ('2021') or a quarter ('2021-Q3'), as stored; read
 * from what staff type ("Quý 3/2021", "Q3/2021", "2021-Q3") and written for readers
 * ("Năm 2021", "Quý III/2021").
 */
import { foldVietnamese } from '../../platform/i18n/vi.js';

export const PERIOD_KINDS = ['year', 'quarter'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const PERIOD_KIND_LABELS: Record<PeriodKind, string> = { year: 'Theo năm', quarter: 'Theo quý' };

export function isPeriodKind(value: unknown): value is PeriodKind {
  return typeof value === 'string' && (PERIOD_KINDS as readonly string[]).includes(value);
}

const FIRST_YEAR = 1900;
const LAST_YEAR = 2200;
const ROMAN = ['I', 'II', 'III', 'IV'] as const;

function year(text: string | undefined): number | undefined {
  const value = Number(text);
  return Number.isInteger(value) && value >= FIRST_YEAR && value <= LAST_YEAR ? value : undefined;
}

function quarter(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const roman = ROMAN.findIndex((r) => r.toLowerCase() === text);
  if (roman >= 0) return roman + 1;
  return /^[1-4]$/.test(text) ? Number(text) : undefined;
}

/** The stored form of a period of this kind, or undefined when the text is no such period. */
export function normalisePeriod(kind: PeriodKind, raw: unknown): string | undefined {
  if (typeof raw === 'number') return kind === 'year' && year(String(raw)) ? String(raw) : undefined;
  if (typeof raw !== 'string' || raw.length > 40) return undefined;
  const text = foldVietnamese(raw).replace(/\s+/g, ' ').trim();
  if (kind === 'year') {
    const match = /^(?:nam )?(\d{4})$/.exec(text);
    return match && year(match[1]) ? match[1] : undefined;
  }
  const patterns = [/^(\d{4}) ?-? ?q([1-4])$/, /^q ?([1-4]|iv|i{1,3}) ?[/.-] ?(\d{4})$/, /^quy ?([1-4]|iv|i{1,3}) ?(?:[/.-]|nam)? ?(\d{4})$/];
  for (const [index, pattern] of patterns.entries()) {
    const match = pattern.exec(text);
    if (!match) continue;
    const [y, q] = index === 0 ? [year(match[1]), quarter(match[2])] : [year(match[2]), quarter(match[1])];
    if (y !== undefined && q !== undefined) return `${y}-Q${q}`;
  }
  return undefined;
}

/** 'Năm 2021', 'Quý III/2021'. */
export function periodLabel(period: string): string {
  const match = /^(\d{4})-Q([1-4])$/.exec(period);
  return match ? `Quý ${ROMAN[Number(match[2]) - 1]}/${match[1]}` : `Năm ${period}`;
}

/** The label in lines for a chart's axis: ['2021'], ['Quý III', '2021']. */
export function periodAxisLines(period: string): string[] {
  const match = /^(\d{4})-Q([1-4])$/.exec(period);
  return match ? [`Quý ${ROMAN[Number(match[2]) - 1]}`, match[1]!] : [period];
}

/** What an example period of the kind looks like, for messages. */
export function periodExample(kind: PeriodKind): string {
  return kind === 'year' ? '2021' : 'Quý 1/2021 hoặc 2021-Q1';
}
