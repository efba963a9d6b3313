/**
 * What a document's tình trạng is on a given day, and how it is written. Staff declare
 * "expired" or (by naming the replacing document) "replaced"; a document whose ngày hết
 * hiệu lực has come is expired from that day without anyone touching it.
 */
import { TIME_ZONE } from '../../platform/i18n/vi.js';

export const DOCUMENT_STATUSES = ['in_force', 'expired', 'replaced'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const DOCUMENT_STATUS_LABELS: Record<DocumentStatus, string> = {
  in_force: 'Còn hiệu lực',
  expired: 'Hết hiệu lực',
  replaced: 'Bị thay thế',
};

export const PUBLICATIONS = ['draft', 'published', 'unpublished'] as const;
export type Publication = (typeof PUBLICATIONS)[number];

export const PUBLICATION_LABELS: Record<Publication, string> = {
  draft: 'Bản nháp',
  published: 'Đã xuất bản',
  unpublished: 'Đã gỡ xuống',
};

export function isDocumentStatus(value: unknown): value is DocumentStatus {
  return typeof value === 'string' && (DOCUMENT_STATUSES as readonly string[]).includes(value);
}

const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in Vietnam at `now`, as 'YYYY-MM-DD'. */
export function vietnamDay(now: Date): string {
  return dayFormat.format(now);
}

/** The status readers see on `today` ('YYYY-MM-DD'). */
export function effectiveStatus(row: { status: string; replaced_by_id: string | null; expires_on: string | null }, today: string): DocumentStatus {
  if (row.replaced_by_id || row.status === 'replaced') return 'replaced';
  if (row.status === 'expired') return 'expired';
  if (row.expires_on && row.expires_on <= today) return 'expired';
  return 'in_force';
}
