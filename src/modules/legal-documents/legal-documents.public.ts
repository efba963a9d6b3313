/**
 * What readers see of the registry: the list with its filters, a document's page, the
 * lookup by number, and the citation linker's lookup. Every function here reads
 * published documents only (one constraint, `published`), whoever calls it.
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { InvalidInputError } from '../../platform/errors.js';
import { SLUG_PATTERN } from '../../platform/http/canonical-path.js';
import { foldVietnamese } from '../../platform/i18n/vi.js';
import { MEDIA_URL_PREFIX } from '../media/index.js';
import { looksLikeDocumentNumber, normaliseDocumentNumber } from './document-numbers.js';
import { DOCUMENT_STATUS_LABELS, effectiveStatus, isDocumentStatus, vietnamDay, type DocumentStatus } from './document-status.js';
import { LegalDocumentNotFoundError } from './legal-documents.errors.js';
import { isDocumentCollection, type DocumentCollection } from './document-collections.js';
import { DOCUMENTS_PATH, documentTitle } from './legal-documents.search.js';

export const MAX_PUBLIC_PAGE_SIZE = 100;
const MAX_QUERY_LENGTH = 200;
const MAX_QUERY_WORDS = 10;
/** Keys per lookup query: far below the bound-parameter limits of both engines. */
const KEYS_PER_QUERY = 500;

/** The published documents of a site, with their type and field. */
function published(db: Kysely<Database>, siteId: string, now: Date, collection?: DocumentCollection) {
  const query = db
    .selectFrom('legal_documents as d')
    .leftJoin('document_types as t', 't.id', 'd.type_id')
    .leftJoin('document_fields as f', 'f.id', 'd.field_id')
    .where('d.site_id', '=', siteId)
    .where('d.publication', '=', 'published')
    .where('d.published_at', 'is not', null)
    .where('d.published_at', '<=', now.toISOString());
  return collection ? query.where('t.collection', '=', collection) : query;
}

const SUMMARY_COLUMNS = [
  'd.id',
  'd.number',
  'd.number_key',
  'd.slug',
  'd.summary',
  'd.issuer',
  'd.signer',
  'd.issued_on',
  'd.effective_on',
  'd.expires_on',
  'd.status',
  'd.replaced_by_id',
  'd.published_at',
  'd.updated_at',
  't.name as type_name',
  't.slug as type_slug',
  't.collection as type_collection',
  'f.name as field_name',
  'f.slug as field_slug',
] as const;

export interface PublicDocumentLink {
  number: string;
  title: string;
  url: string;
  status: DocumentStatus;
}

export interface PublicDocumentSummary extends PublicDocumentLink {
  id: string;
  slug: string;
  typeName: string;
  typeSlug: string;
  /** Where its type belongs: legal, or a collection with a list of its own (plans, statistics, budget). */
  collection: DocumentCollection;
  fieldName: string;
  fieldSlug: string;
  issuer: string;
  signer: string;
  issuedOn: string | null;
  effectiveOn: string | null;
  expiresOn: string | null;
  statusLabel: string;
  summary: string;
}

export interface PublicDocument extends PublicDocumentSummary {
  bodyHtml: string;
  attachments: { mediaId: string; name: string; url: string; mime: string; bytes: number }[];
  related: PublicDocumentLink[];
  /** The document that replaces this one, when it is published. */
  replacedBy: PublicDocumentLink | null;
  /** The published documents this one replaces. */
  replaces: PublicDocumentLink[];
  publishedAt: string;
  updatedAt: string;
}

interface SummaryRow {
  id: string;
  number: string;
  slug: string;
  summary: string;
  issuer: string;
  signer: string;
  issued_on: string | null;
  effective_on: string | null;
  expires_on: string | null;
  status: string;
  replaced_by_id: string | null;
  type_name: string | null;
  type_slug: string | null;
  type_collection: string | null;
  field_name: string | null;
  field_slug: string | null;
}

function toSummary(row: SummaryRow, today: string): PublicDocumentSummary {
  const status = effectiveStatus(row, today);
  return {
    id: row.id,
    number: row.number,
    slug: row.slug,
    url: `${DOCUMENTS_PATH}/${row.slug}`,
    title: documentTitle(row),
    typeName: row.type_name ?? '',
    typeSlug: row.type_slug ?? '',
    collection: isDocumentCollection(row.type_collection) ? row.type_collection : 'legal',
    fieldName: row.field_name ?? '',
    fieldSlug: row.field_slug ?? '',
    issuer: row.issuer,
    signer: row.signer,
    issuedOn: row.issued_on,
    effectiveOn: row.effective_on,
    expiresOn: row.expires_on,
    status,
    statusLabel: DOCUMENT_STATUS_LABELS[status],
    summary: row.summary,
  };
}

function toLink(summary: PublicDocumentSummary): PublicDocumentLink {
  return { number: summary.number, title: summary.title, url: summary.url, status: summary.status };
}

export interface DocumentListFilter {
  siteId: string;
  now: Date;
  /** Only the documents of this collection's types (plans, statistics, budget pages). */
  collection?: DocumentCollection;
  /** Type slug (?loai=nghi-dinh). */
  type?: string;
  /** Field slug (?linh-vuc=…). */
  field?: string;
  /** Cơ quan ban hành, exactly as listed by listDocumentFilters. */
  issuer?: string;
  /** Year of issue. */
  year?: number;
  status?: DocumentStatus;
  /** A number ("20/2021", "20/2021/ND-CP": its document first) or words, with or without diacritics. */
  query?: string;
  /** 1-based. */
  page?: number;
  pageSize?: number;
}

export interface DocumentListPage {
  items: PublicDocumentSummary[];
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/**
 * The public list: filters combine (AND); newest issue first, but for a number query its
 * exact document first.
 * @throws INVALID_INPUT for a query longer than 200 characters or a year out of range.
 */
export async function listPublishedDocuments(db: Kysely<Database>, filter: DocumentListFilter): Promise<DocumentListPage> {
  const pageSize = Math.min(MAX_PUBLIC_PAGE_SIZE, Math.max(1, Math.floor(filter.pageSize ?? 20) || 20));
  const page = Math.min(10_000, Math.max(1, Math.floor(filter.page ?? 1) || 1));
  const text = typeof filter.query === 'string' ? filter.query.trim() : '';
  if (text.length > MAX_QUERY_LENGTH) throw new InvalidInputError('Từ khóa tìm kiếm quá dài (tối đa 200 ký tự).', { field: 'q' });
  if (filter.year !== undefined && (!Number.isInteger(filter.year) || filter.year < 1900 || filter.year > 2200)) throw new InvalidInputError('Năm ban hành không hợp lệ.', { field: 'year' });
  const today = vietnamDay(filter.now);

  let query = published(db, filter.siteId, filter.now, filter.collection);
  if (filter.type) query = query.where('t.slug', '=', filter.type);
  if (filter.field) query = query.where('f.slug', '=', filter.field);
  if (filter.issuer) query = query.where('d.issuer', '=', filter.issuer);
  if (filter.year !== undefined) query = query.where('d.issued_on', '>=', `${filter.year}-01-01`).where('d.issued_on', '<', `${filter.year + 1}-01-01`);
  if (filter.status && isDocumentStatus(filter.status)) {
    const status = filter.status;
    query = query.where((eb) => {
      const isReplaced = eb.or([eb('d.replaced_by_id', 'is not', null), eb('d.status', '=', 'replaced')]);
      const isDeclaredOrDue = eb.or([eb('d.status', '=', 'expired'), eb.and([eb('d.expires_on', 'is not', null), eb('d.expires_on', '<=', today)])]);
      if (status === 'replaced') return isReplaced;
      if (status === 'expired') return eb.and([eb.not(isReplaced), isDeclaredOrDue]);
      return eb.and([eb.not(isReplaced), eb.not(isDeclaredOrDue)]);
    });
  }
  const numberKey = text && looksLikeDocumentNumber(text) ? normaliseDocumentNumber(text) : '';
  // A number finds its document, those continuing it ("20/2021" → 20/2021/NĐ-CP), then those citing it.
  const isPrefix = (eb: ExpressionBuilder<any, any>) => eb.or([eb('d.number_key', 'like', `${numberKey}/%`), eb('d.number_key', 'like', `${numberKey}-%`)]);
  if (numberKey) {
    const numberWords = numberKey.split(/[^a-z0-9]+/).filter(Boolean).join(' ');
    query = query.where((eb) => eb.or([eb('d.number_key', '=', numberKey), isPrefix(eb), eb('d.folded_text', 'like', `% ${numberWords} %`)]));
  } else if (text) {
    let words = foldVietnamese(text).split(/[^a-z0-9]+/).filter(Boolean).slice(0, MAX_QUERY_WORDS);
    // "nghị định 75" reads as the type Nghị định and the word 75 (a type name is not in folded_text).
    if (!filter.type) {
      let typeQuery = db.selectFrom('document_types').select(['id', 'name']).where('site_id', '=', filter.siteId);
      if (filter.collection) typeQuery = typeQuery.where('collection', '=', filter.collection);
      const types = await typeQuery.execute();
      const phrase = ` ${words.join(' ')} `;
      const named = types
        .map((t) => ({ id: t.id, folded: foldVietnamese(t.name).split(/[^a-z0-9]+/).filter(Boolean).join(' ') }))
        .filter((t) => t.folded && phrase.includes(` ${t.folded} `))
        .sort((a, b) => b.folded.length - a.folded.length)[0];
      if (named) {
        query = query.where('d.type_id', '=', named.id);
        words = phrase.replace(` ${named.folded} `, ' ').split(' ').filter(Boolean);
      }
    }
    for (const word of words) query = query.where('d.folded_text', 'like', `% ${word}%`);
  }

  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  let ordered = query.select(SUMMARY_COLUMNS);
  if (numberKey) ordered = ordered.orderBy((eb) => eb.case().when('d.number_key', '=', numberKey).then(0).when(isPrefix(eb)).then(1).else(2).end());
  const rows = await ordered
    .orderBy(sql`case when ${sql.ref('d.issued_on')} is null then 1 else 0 end`)
    .orderBy('d.issued_on', 'desc')
    .orderBy('d.number_key')
    .orderBy('d.id')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const count = Number(total);
  return { items: rows.map((row) => toSummary(row, today)), total: count, page, pageSize, pageCount: Math.max(1, Math.ceil(count / pageSize)) };
}

/**
 * Documents whose number is the one typed or starts with it ("20/2021" → 20/2021/NĐ-CP),
 * the exact number first: for the list's search box and a "Văn bản có số này" box on the
 * site search page. Empty when the text does not look like a number.
 */
export async function findDocumentsByNumber(db: Kysely<Database>, input: { siteId: string; now: Date; query: string; limit?: number }): Promise<PublicDocumentSummary[]> {
  const text = typeof input.query === 'string' ? input.query.trim() : '';
  if (!text || text.length > MAX_QUERY_LENGTH || !looksLikeDocumentNumber(text)) return [];
  const result = await listPublishedDocuments(db, { siteId: input.siteId, now: input.now, query: text, pageSize: Math.min(input.limit ?? 5, MAX_PUBLIC_PAGE_SIZE) });
  return result.items;
}

/** @throws NOT_FOUND when the site has no published document at this slug. */
export async function getPublishedDocument(db: Kysely<Database>, input: { siteId: string; slug: string; now: Date }): Promise<PublicDocument> {
  // No document has such a slug: not worth a query (and PostgreSQL refuses a NUL in one).
  if (typeof input.slug !== 'string' || input.slug.length > 200 || !SLUG_PATTERN.test(input.slug)) throw new LegalDocumentNotFoundError();
  const row = await published(db, input.siteId, input.now).select([...SUMMARY_COLUMNS, 'd.body_html']).where('d.slug', '=', String(input.slug)).executeTakeFirst();
  if (!row) throw new LegalDocumentNotFoundError();
  const today = vietnamDay(input.now);
  const [attachments, related, replacedBy, replaces] = await Promise.all([
    db
      .selectFrom('legal_document_attachments as a')
      .innerJoin('media as m', 'm.id', 'a.media_id')
      .select(['a.media_id', 'm.original_name', 'm.storage_key', 'm.mime', 'm.bytes'])
      .where('a.document_id', '=', row.id)
      .where('m.site_id', '=', input.siteId)
      .orderBy('a.position')
      .execute(),
    published(db, input.siteId, input.now).innerJoin('legal_document_relations as r', 'r.related_id', 'd.id').select(SUMMARY_COLUMNS).where('r.document_id', '=', row.id).orderBy('d.issued_on', 'desc').execute(),
    row.replaced_by_id ? published(db, input.siteId, input.now).select(SUMMARY_COLUMNS).where('d.id', '=', row.replaced_by_id).executeTakeFirst() : undefined,
    published(db, input.siteId, input.now).select(SUMMARY_COLUMNS).where('d.replaced_by_id', '=', row.id).orderBy('d.issued_on', 'desc').execute(),
  ]);
  return {
    ...toSummary(row, today),
    bodyHtml: row.body_html,
    attachments: attachments.map((a) => ({ mediaId: a.media_id, name: a.original_name || `van-ban.${a.storage_key.split('.').pop() ?? 'pdf'}`, url: `${MEDIA_URL_PREFIX}${a.storage_key}`, mime: a.mime, bytes: Number(a.bytes) })),
    related: related.map((r) => toLink(toSummary(r, today))),
    replacedBy: replacedBy ? toLink(toSummary(replacedBy, today)) : null,
    replaces: replaces.map((r) => toLink(toSummary(r, today))),
    publishedAt: row.published_at ?? '',
    updatedAt: row.updated_at,
  };
}

/** What a citation links to. */
export interface CitationTarget {
  url: string;
  status: DocumentStatus;
  /** "Nghị định 75/2021/NĐ-CP: <trích yếu>" (the link's title). */
  title: string;
}

/**
 * The published documents of the site with these number keys (normaliseDocumentNumber),
 * for the citation linker. A key that names several documents (a number without a year,
 * reused each year) is left out: a citation must not guess.
 */
export async function findDocumentsByNumberKeys(db: Kysely<Database>, siteId: string, keys: Iterable<string>, now = new Date()): Promise<Map<string, CitationTarget>> {
  const wanted = [...new Set([...keys].filter((key) => typeof key === 'string' && key.length > 0 && key.length <= 100))];
  const found = new Map<string, CitationTarget>();
  const ambiguous = new Set<string>();
  const today = vietnamDay(now);
  for (let start = 0; start < wanted.length; start += KEYS_PER_QUERY) {
    const rows = await published(db, siteId, now).select(SUMMARY_COLUMNS).where('d.number_key', 'in', wanted.slice(start, start + KEYS_PER_QUERY)).execute();
    for (const row of rows) {
      if (found.has(row.number_key)) ambiguous.add(row.number_key);
      const summary = toSummary(row, today);
      found.set(row.number_key, { url: summary.url, status: summary.status, title: summary.title });
    }
  }
  for (const key of ambiguous) found.delete(key);
  return found;
}

export interface DocumentFilters {
  types: { name: string; slug: string }[];
  fields: { name: string; slug: string }[];
  issuers: string[];
  /** Years of issue that have published documents, newest first. */
  years: number[];
}

/** The choices of the public list's filters: the site's lists, and the issuers and years its published documents have. */
export async function listDocumentFilters(db: Kysely<Database>, input: { siteId: string; now: Date; collection?: DocumentCollection }): Promise<DocumentFilters> {
  let typeQuery = db.selectFrom('document_types').select(['name', 'slug']).where('site_id', '=', input.siteId);
  if (input.collection) typeQuery = typeQuery.where('collection', '=', input.collection);
  const [types, fields, issuers, days] = await Promise.all([
    typeQuery.orderBy('position').orderBy('name').execute(),
    db.selectFrom('document_fields').select(['name', 'slug']).where('site_id', '=', input.siteId).orderBy('position').orderBy('name').execute(),
    published(db, input.siteId, input.now, input.collection).select('d.issuer').distinct().where('d.issuer', '!=', '').orderBy('d.issuer').limit(500).execute(),
    published(db, input.siteId, input.now, input.collection).select(sql<string>`substr(${sql.ref('d.issued_on')}, 1, 4)`.as('year')).distinct().where('d.issued_on', 'is not', null).execute(),
  ]);
  return {
    types,
    fields,
    issuers: issuers.map((i) => i.issuer),
    years: days.map((d) => Number(d.year)).filter((y) => Number.isInteger(y)).sort((a, b) => b - a),
  };
}
