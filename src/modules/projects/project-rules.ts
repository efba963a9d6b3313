/**
 * The rules of projects and procurement notices that need no database: kinds and the
 * statuses each may take, what a tender's status is at a given moment, and reading sums
 * of money and closing times the way staff write them ("12.500.000.000", "12,5 tỷ",
 * "09:00 20/12/2026").
 */
import { formatNumber, TIME_ZONE } from '../../platform/i18n/vi.js';
import { parseVietnameseNumber } from '../indicators/index.js';

export const PROJECT_KINDS = ['project', 'tender', 'purchase'] as const;
export type ProjectKind = (typeof PROJECT_KINDS)[number];

export const PROJECT_KIND_LABELS: Record<ProjectKind, string> = {
  project: 'Dự án đầu tư',
  tender: 'Đấu thầu',
  purchase: 'Mua sắm công',
};

export const PROJECT_STATUSES = ['preparing', 'in_progress', 'suspended', 'open', 'closed', 'awarded', 'planned', 'purchasing', 'completed', 'cancelled'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const PROJECT_STATUS_LABELS: Record<ProjectStatus, string> = {
  preparing: 'Chuẩn bị đầu tư',
  in_progress: 'Đang thực hiện',
  suspended: 'Tạm dừng',
  open: 'Đang mời thầu',
  closed: 'Đã đóng thầu',
  awarded: 'Đã có kết quả',
  planned: 'Đang lập kế hoạch',
  purchasing: 'Đang mua sắm',
  completed: 'Hoàn thành',
  cancelled: 'Đã huỷ',
};

/** The statuses of each kind, in the order work goes through them. */
export const STATUSES_OF_KIND: Record<ProjectKind, readonly ProjectStatus[]> = {
  project: ['preparing', 'in_progress', 'completed', 'suspended'],
  tender: ['open', 'closed', 'awarded', 'cancelled'],
  purchase: ['planned', 'purchasing', 'completed', 'cancelled'],
};

/** How a status badge is coloured (the public stylesheet's document-status tones): going on, over, stopped. */
export const STATUS_TONES: Record<ProjectStatus, 'in_force' | 'expired' | 'replaced'> = {
  preparing: 'in_force',
  in_progress: 'in_force',
  open: 'in_force',
  planned: 'in_force',
  purchasing: 'in_force',
  closed: 'expired',
  awarded: 'expired',
  completed: 'expired',
  suspended: 'replaced',
  cancelled: 'replaced',
};

export const PUBLICATIONS = ['draft', 'published', 'unpublished'] as const;
export type Publication = (typeof PUBLICATIONS)[number];

export const PUBLICATION_LABELS: Record<Publication, string> = {
  draft: 'Bản nháp',
  published: 'Đã xuất bản',
  unpublished: 'Đã gỡ xuống',
};

export function isProjectKind(value: unknown): value is ProjectKind {
  return typeof value === 'string' && (PROJECT_KINDS as readonly string[]).includes(value);
}

export function isProjectStatus(value: unknown): value is ProjectStatus {
  return typeof value === 'string' && (PROJECT_STATUSES as readonly string[]).includes(value);
}

/** What each kind calls its owner, its sum and its dates. */
export const KIND_WORDS: Record<ProjectKind, { owner: string; budget: string; startsOn: string; endsOn: string }> = {
  project: { owner: 'Chủ đầu tư', budget: 'Tổng mức đầu tư', startsOn: 'Ngày khởi công', endsOn: 'Ngày hoàn thành' },
  tender: { owner: 'Bên mời thầu', budget: 'Giá gói thầu', startsOn: 'Ngày phát hành hồ sơ mời thầu', endsOn: 'Thời điểm đóng thầu' },
  purchase: { owner: 'Đơn vị mua sắm', budget: 'Dự toán mua sắm', startsOn: 'Ngày bắt đầu', endsOn: 'Ngày kết thúc' },
};

/**
 * The status readers see at `now`: a tender still declared open whose closing time has
 * passed is closed, without anyone touching it.
 */
export function effectiveProjectStatus(row: { kind: string; status: string; closes_at: string | null }, now: Date): ProjectStatus {
  const status = isProjectStatus(row.status) ? row.status : STATUSES_OF_KIND[isProjectKind(row.kind) ? row.kind : 'project'][0]!;
  if (row.kind === 'tender' && status === 'open' && row.closes_at && row.closes_at <= now.toISOString()) return 'closed';
  return status;
}

/** Largest sum accepted (1 triệu tỷ đồng): beyond it a number is a typing slip. */
export const MAX_MONEY = 1e15;
const MAX_MONEY_TEXT = 60;

const MULTIPLIERS: [RegExp, number][] = [
  [/\s*(?:nghìn tỷ|ngàn tỷ|nghìn tỉ|ngàn tỉ)$/, 1e12],
  [/\s*(?:tỷ|tỉ)$/, 1e9],
  [/\s*(?:triệu|tr)$/, 1e6],
  [/\s*(?:nghìn|ngàn)$/, 1e3],
];

/**
 * A sum of money in whole đồng as staff write it: "12.500.000.000", "12 500 000 000",
 * "12,5 tỷ", "850 triệu", "1.200.000.000 đồng", "VNĐ" or "đ" after it. Null when empty;
 * undefined when it is not a sum (negative, fractions of a đồng, words, too large). Never throws.
 */
export function parseMoney(input: unknown): number | null | undefined {
  if (input === null || input === undefined) return null;
  if (typeof input === 'number') return Number.isSafeInteger(input) && input >= 0 && input <= MAX_MONEY ? input : undefined;
  if (typeof input !== 'string' || input.length > MAX_MONEY_TEXT * 4) return undefined;
  let text = input.normalize('NFC').trim().toLowerCase();
  if (!text) return null;
  if (text.length > MAX_MONEY_TEXT) return undefined;
  text = text.replace(/\s*(?:đồng|vnđ|vnd|đ)\.?$/, '').trim();
  let multiplier = 1;
  for (const [pattern, factor] of MULTIPLIERS) {
    if (pattern.test(text)) {
      multiplier = factor;
      text = text.replace(pattern, '').trim();
      break;
    }
  }
  if (!text) return undefined;
  let value: number;
  // Plain digits in groups of three ("12.500.000.000", "12 500 000 000") are read as whole
  // đồng directly: the indicators' parser stops at 10^12.
  const grouped = text.replace(/[ \u00a0\u202f\u2009]/g, '');
  if (multiplier === 1 && /^\d{1,3}(?:([.,])\d{3})(?:\1\d{3})*$|^\d+$/.test(grouped) && grouped.length <= 22) {
    value = Number(grouped.replace(/[.,]/g, ''));
  } else {
    const parsed = parseVietnameseNumber(text);
    if (parsed.kind !== 'number') return undefined;
    value = parsed.value * multiplier;
  }
  // 15 significant digits first: a decimal times 10^9 may land a hair off a whole number in
  // binary; what is still not whole after that is a fraction of a đồng.
  if (!(value <= MAX_MONEY)) return undefined;
  const exact = Number(value.toPrecision(15));
  if (!Number.isSafeInteger(exact) || exact > MAX_MONEY) return undefined;
  return exact;
}

/** 12500000000 → "12.500.000.000 đồng". */
export function formatMoney(value: number): string {
  return `${formatNumber(value)} đồng`;
}

const shortFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 3 });

/** 12500000000 → "12,5 tỷ đồng", 850000000 → "850 triệu đồng"; '' below a million (the full sum says it). */
export function formatMoneyShort(value: number): string {
  if (value >= 1e9) return `${shortFormat.format(value / 1e9)} tỷ đồng`;
  if (value >= 1e6) return `${shortFormat.format(value / 1e6)} triệu đồng`;
  return '';
}

const EARLIEST_YEAR = 1990;
const LATEST_YEAR = 2200;

function instant(year: number, month: number, day: number, hour: number, minute: number): Date | undefined {
  if (year < EARLIEST_YEAR || year > LATEST_YEAR || month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  // Vietnam keeps UTC+7 all year (no daylight saving).
  return new Date(Date.UTC(year, month - 1, day, hour - 7, minute));
}

/**
 * A moment in Vietnam time as staff write it: "20/12/2026 09:00", "09:00 20/12/2026",
 * "9h00 20/12/2026", "2026-12-20T09:00" (a datetime-local field) or a full ISO instant.
 * Null when empty, undefined when it is not a real moment. Never throws.
 */
export function parseVietnamTime(input: unknown): Date | null | undefined {
  if (input === null || input === undefined) return null;
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? undefined : input;
  if (typeof input !== 'string' || input.length > 100) return undefined;
  const text = input.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  const time = String.raw`(\d{1,2})\s*[:hg]\s*(\d{2})`;
  const day = String.raw`(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})`;
  let match = new RegExp(`^${day}(?:,? (?:lúc )?${time})?$`, 'i').exec(text);
  if (match) return instant(Number(match[3]), Number(match[2]), Number(match[1]), Number(match[4] ?? 0), Number(match[5] ?? 0));
  match = new RegExp(`^${time},?(?: ngày)? ${day}$`, 'i').exec(text);
  if (match) return instant(Number(match[5]), Number(match[4]), Number(match[3]), Number(match[1]), Number(match[2]));
  match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d{1,3})?)?$/.exec(text);
  if (match) return instant(Number(match[1]), Number(match[2]), Number(match[3]), Number(match[4]), Number(match[5]));
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const date = new Date(text);
    return Number.isNaN(date.getTime()) || date.getUTCFullYear() < EARLIEST_YEAR || date.getUTCFullYear() > LATEST_YEAR ? undefined : date;
  }
  return undefined;
}

const partsFormat = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** An instant as staff type it back: "20/12/2026 09:00" (Vietnam time). */
export function formatVietnamTimeInput(iso: string | null): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const parts = Object.fromEntries(partsFormat.formatToParts(date).map((p) => [p.type, p.value]));
  return `${parts.day}/${parts.month}/${parts.year} ${parts.hour}:${parts.minute}`;
}

/** An instant as readers see it: "09:00 ngày 20/12/2026" (Vietnam time). */
export function formatVietnamTime(iso: string | null): string {
  const text = formatVietnamTimeInput(iso);
  if (!text) return '';
  const [dayPart, timePart] = text.split(' ');
  return `${timePart} ngày ${dayPart}`;
}
