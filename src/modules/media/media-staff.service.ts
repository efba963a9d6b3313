/**
 * The library as the newsroom uses it: the same operations as media-library.ts and
 * media-upload.ts, behind the role matrix and written to the audit log. Routes and the
 * admin API call these, never the unchecked ones.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { requirePermission } from '../accounts/index.js';
import { recordAudit } from '../audit/index.js';
import { deleteMedia, findMediaUsage, getMedia, listMedia, updateMediaDetails, type DeletedMedia, type MediaPage } from './media-library.js';
import type { MediaUsage } from './media.errors.js';
import type { Media, MediaKind } from './media.models.js';
import { uploadMedia } from './media-upload.js';

/** @throws FORBIDDEN without media.upload; see uploadMedia for the rest. */
export async function uploadToLibrary(db: Kysely<Database>, mediaDir: string, scope: RequestScope, input: { bytes: Buffer; originalName: string; alt?: string; caption?: string }): Promise<Media> {
  requirePermission(scope.actor, 'media.upload');
  const uploadedBy = scope.actor.via === 'cli' ? null : scope.actor.id;
  const media = await uploadMedia(db, mediaDir, { siteId: scope.siteId, uploadedBy, ...input }, scope.now);
  await recordAudit(db, scope, { action: 'media.uploaded', targetType: 'media', targetId: media.id, detail: { name: media.originalName, kind: media.kind, bytes: media.bytes } });
  return media;
}

export async function browseLibrary(db: Kysely<Database>, scope: RequestScope, input: { query?: string; kind?: MediaKind; page: number; pageSize: number }): Promise<MediaPage> {
  requirePermission(scope.actor, 'media.upload');
  return listMedia(db, { siteId: scope.siteId, ...input });
}

export async function getLibraryItem(db: Kysely<Database>, scope: RequestScope, mediaId: string): Promise<{ media: Media; usages: MediaUsage[] }> {
  requirePermission(scope.actor, 'media.upload');
  const media = await getMedia(db, { siteId: scope.siteId, mediaId });
  return { media, usages: await findMediaUsage(db, { siteId: scope.siteId, mediaId }) };
}

export async function describeLibraryItem(db: Kysely<Database>, scope: RequestScope, input: { mediaId: string; alt: string; caption: string }): Promise<Media> {
  requirePermission(scope.actor, 'media.edit');
  const media = await updateMediaDetails(db, { siteId: scope.siteId, ...input });
  await recordAudit(db, scope, { action: 'media.described', targetType: 'media', targetId: media.id });
  return media;
}

/** @throws CONFLICT (MediaInUseError) for a file in use unless confirmed. */
export async function removeFromLibrary(db: Kysely<Database>, mediaDir: string, scope: RequestScope, input: { mediaId: string; isConfirmed: boolean }): Promise<DeletedMedia> {
  requirePermission(scope.actor, 'media.delete');
  const deleted = await deleteMedia(db, mediaDir, { siteId: scope.siteId, ...input }, scope.now);
  await recordAudit(db, scope, { action: 'media.deleted', targetType: 'media', targetId: deleted.id, detail: { usages: deleted.usages.length } });
  return deleted;
}
