/**
 * What the public reads: published consultations only, ever, with their status computed
 * from the clock; never a comment, never contact details (these reads do not select them).
 * The report (tiếp thu, giải trình) only once published.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { MEDIA_URL_PREFIX } from '../media/index.js';
import { consultationStatus, type ConsultationStatus } from './consultation-rules.js';
import { ConsultationNotFoundError } from './consultations.errors.js';
import { CONSULTATIONS_PATH } from './consultations.search.js';

export interface PublicConsultationSummary {
  slug: string;
  url: string;
  title: string;
  issuingUnit: string;
  opensAt: string;
  closesAt: string;
  status: ConsultationStatus;
  hasReport: boolean;
}

export interface PublicConsultation extends PublicConsultationSummary {
  summaryHtml: string;
  reportHtml: string;
  reportPublishedAt: string | null;
  publishedAt: string;
  updatedAt: string;
  attachments: { name: string; url: string; mime: string; bytes: number }[];
}

const COLUMNS = ['id', 'slug', 'title', 'issuing_unit', 'opens_at', 'closes_at', 'report_published_at', 'summary_html', 'report_html', 'published_at', 'updated_at'] as const;
type Row = { [K in (typeof COLUMNS)[number]]: K extends 'report_published_at' | 'published_at' ? string | null : string };

function summaryOf(row: Row, now: Date): PublicConsultationSummary {
  return { slug: row.slug, url: `${CONSULTATIONS_PATH}/${row.slug}`, title: row.title, issuingUnit: row.issuing_unit, opensAt: row.opens_at, closesAt: row.closes_at, status: consultationStatus(row, now), hasReport: row.report_published_at !== null };
}

/** Open ones first (closing soonest first), then upcoming, then closed (latest closed first). */
export async function listPublishedConsultations(db: Kysely<Database>, input: { siteId: string; now: Date; status?: ConsultationStatus; limit?: number }): Promise<PublicConsultationSummary[]> {
  const at = input.now.toISOString();
  let query = db.selectFrom('consultations').select([...COLUMNS]).where('site_id', '=', input.siteId).where('publication', '=', 'published');
  if (input.status === 'open') query = query.where('opens_at', '<=', at).where('closes_at', '>', at);
  if (input.status === 'upcoming') query = query.where('opens_at', '>', at);
  if (input.status === 'closed') query = query.where('closes_at', '<=', at);
  const rows = await query.orderBy('closes_at', 'desc').limit(Math.min(500, input.limit ?? 500)).execute();
  const items = rows.map((r) => summaryOf(r, input.now));
  const rank = { open: 0, upcoming: 1, closed: 2 } as const;
  return items.sort((a, b) => rank[a.status] - rank[b.status] || (a.status === 'closed' ? b.closesAt.localeCompare(a.closesAt) : a.closesAt.localeCompare(b.closesAt)));
}

/** @throws NOT_FOUND for anything but a published consultation of the site. */
export async function getPublishedConsultation(db: Kysely<Database>, input: { siteId: string; slug: string; now: Date }): Promise<PublicConsultation> {
  const row = await db.selectFrom('consultations').select([...COLUMNS]).where('site_id', '=', input.siteId).where('slug', '=', String(input.slug).slice(0, 200)).where('publication', '=', 'published').executeTakeFirst();
  if (!row) throw new ConsultationNotFoundError();
  const files = await db
    .selectFrom('consultation_attachments as a')
    .innerJoin('media as m', 'm.id', 'a.media_id')
    .select(['m.original_name', 'm.storage_key', 'm.mime', 'm.bytes'])
    .where('a.consultation_id', '=', row.id)
    .orderBy('a.position')
    .execute();
  return {
    ...summaryOf(row, input.now),
    summaryHtml: row.summary_html,
    reportHtml: row.report_published_at ? row.report_html : '',
    reportPublishedAt: row.report_published_at,
    publishedAt: row.published_at ?? row.updated_at,
    updatedAt: row.updated_at,
    attachments: files.map((f) => ({ name: f.original_name, url: `${MEDIA_URL_PREFIX}${f.storage_key}`, mime: f.mime, bytes: Number(f.bytes) })),
  };
}
