/**
 * Stored document texts: what a content module hands search as a record's attachments,
 * and the filling of documents uploaded before their text was extracted.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { extractDocumentText } from './document-text.js';
import { isMediaId } from './media-files.js';
import { DOCUMENT_EXTENSIONS, MEDIA_URL_PREFIX, type DocumentExtension } from './media.models.js';
import { downloadNameFor } from './media-names.js';
import { MAX_DOCUMENT_BYTES } from './media-upload.js';

/** A document as a search attachment (SearchRecord.attachments). */
export interface DocumentText {
  id: string;
  /** The uploader's file name, or the download's fallback (tai-lieu.pdf) when there is none. */
  name: string;
  url: string;
  /** '' when there is nothing to search, or the text was never extracted. */
  text: string;
}

/** Ids per query: far below the bound-parameter limits of SQLite (32,766) and PostgreSQL (65,535). */
const IDS_PER_QUERY = 500;
/** Documents read per page while filling missing texts. */
const FILL_PAGE_SIZE = 50;

/**
 * The documents among `mediaIds` that belong to the site, in the order asked, each once.
 * Images, other sites' files and unknown ids are left out.
 */
export async function findDocumentTexts(db: Kysely<Database>, input: { siteId: string; mediaIds: string[] }): Promise<DocumentText[]> {
  const ids = [...new Set(input.mediaIds)];
  const found = new Map<string, DocumentText>();
  for (let start = 0; start < ids.length; start += IDS_PER_QUERY) {
    const rows = await db
      .selectFrom('media')
      .select(['id', 'original_name', 'storage_key', 'text_content'])
      .where('site_id', '=', input.siteId)
      .where('kind', '=', 'document')
      .where('id', 'in', ids.slice(start, start + IDS_PER_QUERY))
      .execute();
    for (const row of rows) {
      const name = row.original_name || downloadNameFor('', path.extname(row.storage_key).slice(1));
      found.set(row.id, { id: row.id, name, url: `${MEDIA_URL_PREFIX}${row.storage_key}`, text: row.text_content ?? '' });
    }
  }
  return ids.flatMap((id) => found.get(id) ?? []);
}

/**
 * Extracts and stores the text of every document whose text was never extracted
 * (uploaded before this version), from its file; a missing file gives ''. One document
 * at a time: each may take a worker thread and its file in memory. Returns how many were filled.
 * @throws a file system error other than a missing file (the folder is unreadable): the next run starts again.
 */
export async function extractMissingDocumentTexts(
  db: Kysely<Database>,
  mediaDir: string,
  input: { siteId?: string; onProgress?: (progress: { done: number; total: number }) => void } = {},
): Promise<number> {
  const missing = () => {
    const query = db.selectFrom('media').where('kind', '=', 'document').where('text_content', 'is', null);
    return input.siteId ? query.where('site_id', '=', input.siteId) : query;
  };
  const count = await missing().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(count.n);
  let done = 0;
  input.onProgress?.({ done, total });
  // Pages by id (keyset): no cursor stays open while the rows are written.
  let after = '';
  for (;;) {
    const rows = await missing().select(['id', 'storage_key']).where('id', '>', after).orderBy('id').limit(FILL_PAGE_SIZE).execute();
    for (const row of rows) {
      const text = await readDocumentText(mediaDir, row.storage_key);
      // Still NULL only: a concurrent run may have written it meanwhile.
      await db.updateTable('media').set({ text_content: text }).where('id', '=', row.id).where('text_content', 'is', null).execute();
      done++;
      input.onProgress?.({ done, total });
    }
    if (rows.length < FILL_PAGE_SIZE) return done;
    after = rows.at(-1)!.id;
  }
}

/** The text of a stored document, from `<mediaDir>/<id>/file.<ext>` (media-files.ts). */
async function readDocumentText(mediaDir: string, storageKey: string): Promise<string> {
  const [id = '', fileName = '', ...rest] = storageKey.split('/');
  const ext = path.extname(fileName).slice(1);
  // Keys are written by media-upload.ts only; anything else names no file of ours.
  if (!isMediaId(id) || rest.length > 0 || !isDocumentExtension(ext) || fileName !== `file.${ext}`) return '';
  const file = path.join(mediaDir, id, fileName);
  let bytes: Buffer;
  try {
    // Uploads are at most MAX_DOCUMENT_BYTES; a bigger file was put there by other means.
    if ((await fs.stat(file)).size > MAX_DOCUMENT_BYTES) return '';
    bytes = await fs.readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
  return extractDocumentText(bytes, ext);
}

function isDocumentExtension(ext: string): ext is DocumentExtension {
  return (DOCUMENT_EXTENSIONS as readonly string[]).includes(ext);
}
