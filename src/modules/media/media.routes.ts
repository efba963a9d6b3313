/**
 * Serving the library's files under /media/. They never change once written (the name
 * holds the record's id), so they are cached for a year; a document is offered under the
 * name it was uploaded with.
 */
import fs from 'node:fs';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { LRUCache } from 'lru-cache';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/errors.js';
import { removeStaleUploads } from './media-files.js';
import { contentDispositionFor, downloadNameFor } from './media-names.js';
import { MEDIA_URL_PREFIX } from './media.models.js';
import { findDownloadById } from './media.repo.js';
import { isMediaPath } from './media.service.js';

/** Documents whose names are kept in memory: a lookup costs one primary-key query. */
const DOWNLOAD_NAME_CACHE_SIZE = 5_000;
const DOCUMENT_PATH = /^\/media\/([0-9a-f-]{36})\/file\.([a-z]+)$/;

export interface MediaFilesOptions {
  db: Kysely<Database>;
  /** DATA_DIR/media. Created when missing. */
  mediaDir: string;
}

/**
 * Serves DATA_DIR/media at /media/: exactly one spelling per file (isMediaPath; any other
 * answers 404), year-long immutable caching, no listings, no dotfiles (temporary upload
 * folders start with a dot). Documents get a Content-Disposition with their original
 * name: inline for PDF (browsers show it and save it under that name), attachment for
 * Office files. Also removes temporary folders a crash left behind.
 */
export async function registerMediaFiles(app: FastifyInstance, options: MediaFilesOptions): Promise<void> {
  const { db, mediaDir } = options;
  // @fastify/static wants the folder to exist from the start.
  fs.mkdirSync(mediaDir, { recursive: true });
  await removeStaleUploads(mediaDir);

  // On the app itself, not in the plugin below: @fastify/static would also serve
  // /media//x and /media/./x, and a request it never routes must still get the 404.
  app.addHook('onRequest', async (request) => {
    if (request.url.startsWith(MEDIA_URL_PREFIX) && !isMediaPath(request.url)) throw new NotFoundError();
  });

  // Original names never change, so a cached one never goes stale; a deleted document's
  // files are gone, and @fastify/static answers 404 for them whatever the cache holds.
  const names = new LRUCache<string, string>({ max: DOWNLOAD_NAME_CACHE_SIZE });
  const downloadNames = new WeakMap<FastifyRequest, { name: string; isPdf: boolean }>();

  await app.register(async (scope) => {
    // Before the file is read: a document without a record is not served.
    scope.addHook('preHandler', async (request) => {
      const match = DOCUMENT_PATH.exec(request.url);
      if (!match) return;
      const [, id, extension] = match as unknown as [string, string, string];
      let name = names.get(id);
      if (name === undefined) {
        const row = await findDownloadById(db, id);
        if (!row || row.kind !== 'document') throw new NotFoundError();
        name = downloadNameFor(row.original_name, extension);
        names.set(id, name);
      }
      downloadNames.set(request, { name, isPdf: extension === 'pdf' });
    });
    // Only on the file itself: a 404 page must not arrive as a download.
    scope.addHook('onSend', async (request, reply, payload) => {
      const download = downloadNames.get(request);
      if (download && (reply.statusCode === 200 || reply.statusCode === 206)) {
        reply.header('content-disposition', contentDispositionFor(download.name, { type: download.isPdf ? 'inline' : 'attachment' }));
      }
      return payload;
    });
    await scope.register(fastifyStatic, {
      root: mediaDir,
      prefix: MEDIA_URL_PREFIX,
      decorateReply: false,
      index: false,
      immutable: true,
      maxAge: '365d',
      list: false,
      dotfiles: 'deny',
    });
  });
}
