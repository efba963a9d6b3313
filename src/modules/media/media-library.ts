/**
 * The newsroom's library: browsing and searching a site's files, editing their
 * descriptions, finding where a file is used and deleting it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { InvalidInputError } from '../../platform/errors.js';
import { foldVietnamese, toNfc } from '../../platform/i18n/vi.js';
import { changeSiteContent } from '../sites/index.js';
import { isLockingUsage, MediaInUseError, MediaNotFoundError, messages, type MediaUsage } from './media.errors.js';
import { isMediaId, mediaFolder, removeFolder } from './media-files.js';
import { mediaRowToMedia, type Media, type MediaKind } from './media.models.js';
import {
  clearCoverReferences,
  countMedia,
  deleteGalleryReferences,
  deleteMediaRow,
  findBannerReferences,
  findBodyReferences,
  findCoverReferences,
  findGalleryReferences,
  findLogoReferences,
  findMediaById,
  findMediaByIds,
  findMediaPage,
  findMediaSearchCandidates,
  findPendingEditReferences,
  lockMediaById,
  updateMediaText,
  type MediaRow,
  type MediaSearchRow,
} from './media.repo.js';
import { cleanMediaDetails } from './media-upload.js';

export const MAX_PAGE_SIZE = 100;
/** Words of a search beyond these are ignored: each one is a condition on every row. */
const MAX_SEARCH_TERMS = 8;
const MAX_QUERY_LENGTH = 200;

export interface MediaPage {
  items: Media[];
  /** Items matching in all pages. */
  total: number;
  page: number;
  pageSize: number;
  pageCount: number;
}

/**
 * One page of the site's library, newest first; `query` searches the original name, alt
 * and caption, every word ignoring case and diacritics ("ke hoach" finds "Kế hoạch").
 * A page past the end is empty.
 * @throws INVALID_INPUT for a page below 1 or a page size outside 1–MAX_PAGE_SIZE.
 */
export async function listMedia(db: Kysely<Database>, input: { siteId: string; query?: string; kind?: MediaKind; page: number; pageSize: number }): Promise<MediaPage> {
  const { page, pageSize } = input;
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new InvalidInputError(messages.invalidPage, { field: 'page', help: messages.invalidPageHelp });
  }
  const offset = (page - 1) * pageSize;
  const terms = searchTerms(input.query ?? '');
  let total: number;
  let rows: MediaRow[];
  if (terms.length === 0) {
    [total, rows] = await Promise.all([countMedia(db, input), findMediaPage(db, { siteId: input.siteId, kind: input.kind, offset, limit: pageSize })]);
  } else {
    const candidates = await findMediaSearchCandidates(db, { siteId: input.siteId, kind: input.kind, patterns: terms.map(likePatternOf) });
    const matches = candidates.filter((row) => isMatch(row, terms));
    total = matches.length;
    const ids = matches.slice(offset, offset + pageSize).map((row) => row.id);
    const byId = new Map((await findMediaByIds(db, input.siteId, ids)).map((row) => [row.id, row]));
    rows = ids.flatMap((id) => byId.get(id) ?? []);
  }
  return { items: rows.map(mediaRowToMedia), total, page, pageSize, pageCount: Math.ceil(total / pageSize) };
}

/*
 * Diacritic-insensitive search without a folded column or an extension (PostgreSQL's
 * unaccent): SQL narrows the rows, JavaScript decides. Each word becomes a LIKE pattern in
 * which every character that could stand for an accented letter is `_` (one character:
 * stored text is NFC, where "ế" is one character). Only plain consonants and digits stay,
 * and lower() makes those match either case on both engines. So "hoạch" → '%h__ch%',
 * which every spelling of the word matches; foldVietnamese then compares exactly.
 */
const LITERAL = /^[bcfghjklmnpqrstvwxz0-9]$/;

function searchTerms(query: string): string[] {
  return toNfc(query.slice(0, MAX_QUERY_LENGTH)).split(/\s+/).filter(Boolean).slice(0, MAX_SEARCH_TERMS);
}

function likePatternOf(term: string): string {
  const characters = Array.from(term).map((character) => {
    const folded = foldVietnamese(character);
    return LITERAL.test(folded) ? folded : '_';
  });
  return `%${characters.join('')}%`;
}

function isMatch(row: MediaSearchRow, terms: string[]): boolean {
  const fields = [row.original_name, row.alt, row.caption].map(foldVietnamese);
  return terms.every((term) => {
    const folded = foldVietnamese(term);
    return fields.some((field) => field.includes(folded));
  });
}

/** @throws NOT_FOUND for an id of another site or of nothing. */
export async function getMedia(db: Kysely<Database>, input: { siteId: string; mediaId: string }): Promise<Media> {
  const row = isMediaId(input.mediaId) ? await findMediaById(db, input) : undefined;
  if (!row) throw new MediaNotFoundError();
  return mediaRowToMedia(row);
}

/**
 * Changes the alt text and caption. Pages show them (galleries, inline images), so
 * cached pages of the site drop.
 * @throws NOT_FOUND for an id of another site; INVALID_INPUT for text too long.
 */
export function updateMediaDetails(db: Kysely<Database>, input: { siteId: string; mediaId: string; alt: string; caption: string }): Promise<Media> {
  return updateDetails(db, input);
}

/** Writes that the newsroom records in the audit log, in the same transaction. */
export type AfterWrite<T> = (trx: Kysely<Database>, written: T) => Promise<void>;

/** updateMediaDetails, running `afterWrite` in its transaction. */
export async function updateDetails(db: Kysely<Database>, input: { siteId: string; mediaId: string; alt: string; caption: string }, afterWrite?: AfterWrite<Media>): Promise<Media> {
  const { alt, caption } = cleanMediaDetails(input);
  if (!isMediaId(input.mediaId)) throw new MediaNotFoundError();
  return changeSiteContent(db, input.siteId, async (trx) => {
    if (!(await updateMediaText(trx, { siteId: input.siteId, mediaId: input.mediaId, alt, caption }))) throw new MediaNotFoundError();
    const row = await findMediaById(trx, input);
    if (!row) throw new MediaNotFoundError();
    const media = mediaRowToMedia(row);
    await afterWrite?.(trx, media);
    return media;
  });
}

/**
 * Every place the file is used: articles' covers, galleries and bodies (inline images), a
 * published article's edit in progress, banners, the site's logo.
 * @throws NOT_FOUND for an id of another site.
 */
export async function findMediaUsage(db: Kysely<Database>, input: { siteId: string; mediaId: string }): Promise<MediaUsage[]> {
  await getMedia(db, input);
  return usagesOf(db, input);
}

async function usagesOf(db: Kysely<Database>, input: { siteId: string; mediaId: string }): Promise<MediaUsage[]> {
  const { mediaId } = input;
  // One after another: inside a transaction Kysely has one connection.
  const covers = await findCoverReferences(db, mediaId);
  const galleries = await findGalleryReferences(db, mediaId);
  const bodies = await findBodyReferences(db, input);
  const pendingEdits = await findPendingEditReferences(db, input);
  const banners = await findBannerReferences(db, mediaId);
  const logos = await findLogoReferences(db, input);
  return [
    ...covers.map((r) => ({ place: 'cover' as const, ...r })),
    ...galleries.map((r) => ({ place: 'gallery' as const, ...r })),
    ...bodies.map((r) => ({ place: 'body' as const, ...r })),
    ...pendingEdits.map((r) => ({ place: 'pending-edit' as const, ...r })),
    ...banners.map((r) => ({ place: 'banner' as const, ...r })),
    ...logos.map((r) => ({ place: 'logo' as const, ...r })),
  ];
}

export interface DeletedMedia {
  id: string;
  /** Where the file was used when it was deleted (see deleteMedia for what became of each). */
  usages: MediaUsage[];
  /** False when the database row is gone but the files could not be removed (they are no longer served by any page). */
  areFilesRemoved: boolean;
}

/**
 * Deletes a file from the library. A file in use is deleted only when `isConfirmed`;
 * then it leaves articles' covers (set to none) and galleries (the item removed), and an
 * inline image in a body stays in the HTML but renders nothing (public-site drops a
 * reference to a missing record), as does a reference in an unpublished edit. A file a
 * banner or the site's logo shows is never deleted: a banner cannot be without its
 * picture, and the logo is changed on purpose, in its own screen. Files are removed only
 * after the commit, so a failure never leaves rows pointing at missing files.
 * Not inside a caller's transaction, whose rollback would come after the files are gone.
 * @throws NOT_FOUND for an id of another site.
 * @throws CONFLICT (MediaInUseError) when in use and not confirmed, or used by a banner or logo.
 */
export function deleteMedia(db: Kysely<Database>, mediaDir: string, input: { siteId: string; mediaId: string; isConfirmed: boolean }, now = new Date()): Promise<DeletedMedia> {
  return deleteWith(db, mediaDir, input, now);
}

/** deleteMedia, running `afterWrite` in its transaction before the commit: if it fails, nothing is deleted. */
export async function deleteWith(
  db: Kysely<Database>,
  mediaDir: string,
  input: { siteId: string; mediaId: string; isConfirmed: boolean },
  now: Date,
  afterWrite?: AfterWrite<{ media: Media; usages: MediaUsage[] }>,
): Promise<DeletedMedia> {
  if (db.isTransaction) throw new Error('deleteMedia removes files after its own commit: call it outside a transaction');
  if (!isMediaId(input.mediaId)) throw new MediaNotFoundError();
  const { row, usages } = await changeSiteContent(db, input.siteId, async (trx) => {
    const row = await lockMediaById(trx, input);
    if (!row) throw new MediaNotFoundError();
    const usages = await usagesOf(trx, input);
    if (usages.some(isLockingUsage) || (usages.length > 0 && !input.isConfirmed)) throw new MediaInUseError(row.original_name || row.alt || 'không tên', usages);
    await clearCoverReferences(trx, { mediaId: row.id, now });
    await deleteGalleryReferences(trx, row.id);
    await deleteMediaRow(trx, row.id);
    await afterWrite?.(trx, { media: mediaRowToMedia(row), usages });
    return { row, usages };
  });
  const areFilesRemoved = await removeFolder(mediaFolder(mediaDir, row.id));
  return { id: row.id, usages, areFilesRemoved };
}
