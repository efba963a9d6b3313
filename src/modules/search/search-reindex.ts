/** `cong reindex`: rebuilds a site's index from the content modules' sources. */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { scheduleJob } from '../../platform/jobs/jobs.js';
import { engineFor } from './search-engines.js';
import { upsertSearchRecord, type SearchRecord } from './search-records.js';

/** Where the reindex of a type reads its records from. */
export interface SearchSource {
  type: string;
  /** What readers call this kind of content ("Tin bài", "Văn bản"): the search page's type filter. */
  label: string;
  /** Every record of the site that should be searchable. Must not hold a connection between items (read in pages). */
  listRecords(db: Kysely<Database>, siteId: string): AsyncIterable<SearchRecord>;
  /** How many listRecords will give, for the progress bar. */
  countRecords?(db: Kysely<Database>, siteId: string): Promise<number>;
}

export interface ReindexProgress {
  type: string;
  /** Records of this type written so far. */
  done: number;
  /** Records of this type expected (countRecords), when the source can tell. */
  total?: number;
}

const REINDEX_BATCH = 500;

/**
 * A source's rows in pages by id (keyset), for listRecords: no cursor is held open
 * between pages, as the reindex writes between them.
 */
export async function* pagesById<R extends { id: string }>(readPage: (afterId: string, limit: number) => Promise<R[]>, pageSize = 200): AsyncGenerator<R[]> {
  let after = '';
  for (;;) {
    const rows = await readPage(after, pageSize);
    if (rows.length > 0) yield rows;
    if (rows.length < pageSize) return;
    after = rows.at(-1)!.id;
  }
}

/** The job that rebuilds a site's index in the background (its handler is the app's: it knows the sources). */
export const SEARCH_REINDEX_JOB = 'search-reindex';

/**
 * Asks for the site's index to be rebuilt in the background, in the caller's transaction:
 * after a change that moves many records' URLs at once (a renamed or moved category).
 * Asked again before it runs, it still runs once.
 */
export async function requestSearchReindex(db: Kysely<Database>, siteId: string, now = new Date()): Promise<void> {
  await scheduleJob(db, { name: SEARCH_REINDEX_JOB, key: `search-reindex:${siteId}`, runAt: now, payload: { siteId } }, now);
}

/**
 * Rebuilds a site's index for the given sources: writes every record they list (in
 * batches, each its own transaction, so the site stays searchable and writable), then
 * removes that type's records the run did not write (unpublished meanwhile, or stale).
 */
export async function reindexSite(
  db: Kysely<Database>,
  input: { siteId: string; sources: SearchSource[]; onProgress?: (progress: ReindexProgress) => void },
): Promise<{ indexed: number; removed: number }> {
  const engine = engineFor(db);
  const startedAt = new Date();
  let indexed = 0;
  let removed = 0;
  for (const source of input.sources) {
    const total = await source.countRecords?.(db, input.siteId);
    let done = 0;
    input.onProgress?.({ type: source.type, done, total });
    let batch: SearchRecord[] = [];
    const flush = async () => {
      const records = batch;
      batch = [];
      await inTransaction(db, async (trx) => {
        for (const record of records) await upsertSearchRecord(trx, { ...record, siteId: input.siteId, type: source.type }, new Date(Math.max(Date.now(), startedAt.getTime())));
      });
      done += records.length;
      input.onProgress?.({ type: source.type, done, total });
    };
    for await (const record of source.listRecords(db, input.siteId)) {
      batch.push(record);
      if (batch.length >= REINDEX_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    indexed += done;
    const deleted = await db
      .deleteFrom('search_records')
      .where('site_id', '=', input.siteId)
      .where('type', '=', source.type)
      .where('indexed_at', '<', startedAt.toISOString())
      .executeTakeFirst();
    removed += Number(deleted.numDeletedRows);
  }
  await engine.optimize(db);
  return { indexed, removed };
}
