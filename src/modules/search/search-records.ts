/**
 * What content modules hand search, and how a record is written and removed. Writes run
 * in the caller's transaction (an article's publish), so the index changes when the
 * content does: searchable the moment it commits, gone the moment it is unpublished.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { InvalidInputError } from '../../platform/errors.js';
import { toNfc } from '../../platform/i18n/vi.js';
import { engineFor } from './search-engines.js';
import { searchMessages } from './search.errors.js';
import type { RecordWords } from './search-index.js';
import { indexWords, MAX_INDEXED_WORDS } from './words.js';

export type SearchLanguage = 'vi' | 'en';

export interface SearchAttachment {
  /** File name shown to the reader ("Quyết định 123.pdf"). */
  name: string;
  /** Site-relative URL of the file. */
  url: string;
  /** Plain text extracted from the file. */
  text: string;
}

/** What a content module hands search for one published item. */
export interface SearchRecord {
  siteId: string;
  /** 'article' now; 'document', 'question' later: lower-case letters, digits, - or _. */
  type: string;
  /** The item's id in its module. */
  id: string;
  title: string;
  /** Plain text (not HTML): the caller converts, e.g. with htmlToPlainText. */
  text: string;
  /** Site-relative path of the item's page, starting with one "/". */
  url: string;
  /** ISO time; a record is only found once this time has passed (scheduled publication). */
  publishedAt: string;
  categoryId?: string | null;
  language: SearchLanguage;
  attachments?: SearchAttachment[];
}

export interface SearchRecordKey {
  siteId: string;
  type: string;
  id: string;
}

const TYPE_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/** Publication times outside these years would not fit SQLite's time-ordered ids. */
const EARLIEST = Date.UTC(1800, 0, 1);
const LATEST = Date.UTC(2200, 0, 1);

function publicationTime(value: string): string {
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) throw new InvalidInputError(searchMessages.badRecordDate, { field: 'publishedAt' });
  const ms = time.getTime();
  if (ms < EARLIEST || ms >= LATEST) throw new InvalidInputError(searchMessages.badRecordDate, { field: 'publishedAt' });
  return time.toISOString();
}

function checkRecord(record: SearchRecord): void {
  const isValid =
    TYPE_PATTERN.test(record.type) &&
    typeof record.siteId === 'string' && record.siteId !== '' &&
    typeof record.id === 'string' && record.id !== '' &&
    typeof record.title === 'string' && typeof record.text === 'string' &&
    /^\/(?!\/)/.test(record.url) &&
    (record.language === 'vi' || record.language === 'en');
  if (!isValid) throw new InvalidInputError(searchMessages.badRecord, { help: `${record.type}/${record.id}` });
}

function wordsOfRecord(record: { title: string; text: string; attachments: SearchAttachment[] }): RecordWords {
  const body = indexWords(record.text);
  return {
    title: indexWords(record.title),
    body,
    attachments: indexWords(record.attachments.map((a) => a.text).join('\n'), MAX_INDEXED_WORDS - body.folded.length),
  };
}

/**
 * Adds a record to the index or replaces it; runs in the caller's transaction when
 * there is one (the publish of an article), so it commits or rolls back with it.
 * @throws INVALID_INPUT for a malformed record (a programming error of the caller).
 */
export async function upsertSearchRecord(db: Kysely<Database>, record: SearchRecord, indexedAt = new Date()): Promise<void> {
  checkRecord(record);
  const title = toNfc(record.title);
  const body = toNfc(record.text);
  const attachments = (record.attachments ?? []).map((a) => ({ name: toNfc(a.name), url: a.url, text: toNfc(a.text) }));
  const row = {
    site_id: record.siteId,
    type: record.type,
    record_id: record.id,
    category_id: record.categoryId ?? null,
    language: record.language,
    published_at: publicationTime(record.publishedAt),
    indexed_at: indexedAt.toISOString(),
    url: record.url,
    title,
    body,
    attachments: JSON.stringify(attachments),
  };
  const words = wordsOfRecord({ title, text: body, attachments });
  await inTransaction(db, (trx) => engineFor(trx).saveRecord(trx, row, words));
}

/** Takes a record out of the index at once (unpublished, archived, deleted). Nothing happens if it is not there. */
export async function removeSearchRecord(db: Kysely<Database>, key: SearchRecordKey): Promise<void> {
  // On SQLite a trigger deletes the FTS entries with the row.
  await db.deleteFrom('search_records').where('site_id', '=', key.siteId).where('type', '=', key.type).where('record_id', '=', key.id).execute();
}

/** A published page as the index knows it: every content module hands search one record per page it publishes. */
export interface PublishedPage {
  url: string;
  title: string;
  categoryId: string | null;
}

/**
 * The page the site has published at `url` (a path), or undefined: the one list of "pages
 * that exist" across modules, for those that attach something to any page (ratings).
 */
export async function findPublishedPage(db: Kysely<Database>, input: { siteId: string; url: string; now: Date }): Promise<PublishedPage | undefined> {
  const row = await db
    .selectFrom('search_records')
    .select(['url', 'title', 'category_id'])
    .where('site_id', '=', input.siteId)
    .where('url', '=', input.url)
    .where('published_at', '<=', input.now.toISOString())
    .orderBy('published_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { url: row.url, title: row.title, categoryId: row.category_id } : undefined;
}

/** The newest published Vietnamese pages of a type (the demo rates a few). */
export async function listPublishedPages(db: Kysely<Database>, input: { siteId: string; type: string; now: Date; limit: number }): Promise<PublishedPage[]> {
  const rows = await db
    .selectFrom('search_records')
    .select(['url', 'title', 'category_id'])
    .where('site_id', '=', input.siteId)
    .where('type', '=', input.type)
    .where('language', '=', 'vi')
    .where('published_at', '<=', input.now.toISOString())
    .orderBy('published_at', 'desc')
    .orderBy('id')
    .limit(input.limit)
    .execute();
  return rows.map((row) => ({ url: row.url, title: row.title, categoryId: row.category_id }));
}

/**
 * Published pages of every kind but `excludeTypes` (the sitemap lists articles itself),
 * oldest first so a sitemap part keeps its URLs as pages are added; a record pointing
 * into another page (a leader on /lanh-dao#…) is no page of its own.
 */
function otherPages(db: Kysely<Database>, input: { siteId: string; language: SearchLanguage; now: Date; excludeTypes: string[] }) {
  let query = db
    .selectFrom('search_records')
    .where('site_id', '=', input.siteId)
    .where('language', '=', input.language)
    .where('published_at', '<=', input.now.toISOString())
    .where('url', 'not like', '%#%');
  if (input.excludeTypes.length) query = query.where('type', 'not in', input.excludeTypes);
  return query;
}

export async function countPublishedPages(db: Kysely<Database>, input: { siteId: string; language: SearchLanguage; now: Date; excludeTypes: string[] }): Promise<number> {
  const row = await otherPages(db, input).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Their paths, a page of them (no last-modified time: a record is re-indexed without the page changing). */
export async function listPublishedPageLinks(db: Kysely<Database>, input: { siteId: string; language: SearchLanguage; now: Date; excludeTypes: string[]; offset: number; limit: number }): Promise<string[]> {
  const rows = await otherPages(db, input).select('url').orderBy('published_at').orderBy('id').offset(input.offset).limit(input.limit).execute();
  return rows.map((row) => row.url);
}
