/**
 * What other modules use of the library: importing a picture (the demo, test fixtures),
 * fetching records for a page, the one URL spelling of a media file, and the view model
 * of an image. Uploads are in media-upload.ts, the library's use-cases in media-library.ts.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { DOCUMENT_EXTENSIONS, MEDIA_URL_PREFIX, mediaRowToMedia, type ImageVariant, type Media } from './media.models.js';
import { findMediaByIds } from './media.repo.js';
import { storeUpload } from './media-upload.js';

export interface ImportImageInput {
  siteId: string;
  bytes: Buffer;
  alt: string;
  caption?: string;
}

/**
 * Adds a picture that has no uploader (the demo install, fixtures): uploadMedia for
 * images only, with no original name.
 * @throws UNSUPPORTED_MEDIA_TYPE when the bytes are not a JPEG, PNG, WebP or GIF.
 * @throws INVALID_INPUT when the image does not decode; PAYLOAD_TOO_LARGE above the size or pixel limits.
 */
export function importImage(db: Kysely<Database>, mediaDir: string, input: ImportImageInput, now = new Date()): Promise<Media> {
  return storeUpload(db, mediaDir, { siteId: input.siteId, uploadedBy: null, bytes: input.bytes, originalName: '', alt: input.alt, caption: input.caption }, now, ['image']);
}

export async function findMediaMap(db: Kysely<Database>, siteId: string, ids: Iterable<string>): Promise<Map<string, Media>> {
  const unique = [...new Set(ids)];
  const rows = await findMediaByIds(db, siteId, unique);
  return new Map(rows.map((row) => [row.id, mediaRowToMedia(row)]));
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/**
 * The one spelling of a media file's URL: /media/<uuid>/<width>.jpg|webp for image
 * variants, /media/<uuid>/file.<ext> for documents (see media-upload.ts). Lower case only.
 */
const MEDIA_PATH = new RegExp(`^/media/${UUID}/(?:[1-9][0-9]{0,4}\\.(?:jpg|webp)|file\\.(?:${DOCUMENT_EXTENSIONS.join('|')}))$`);

/** False for every other spelling (doubled slashes, dot segments, capitals, escapes, a query): those answer 404, not a second copy. */
export function isMediaPath(url: string): boolean {
  return MEDIA_PATH.test(url);
}

/** What an <img>/<picture> needs; widths ascending. */
export interface ImageView {
  src: string;
  jpegSrcset: string;
  webpSrcset: string;
  width: number;
  height: number;
  alt: string;
}

export function presentImage(media: Media, alt = media.alt, preferredWidth = 960): ImageView {
  const jpeg = media.variants.filter((v) => v.format === 'jpeg');
  const webp = media.variants.filter((v) => v.format === 'webp');
  const fallback = jpeg.find((v) => v.width >= preferredWidth) ?? jpeg[jpeg.length - 1];
  const srcset = (list: ImageVariant[]) => list.map((v) => `${MEDIA_URL_PREFIX}${v.key} ${v.width}w`).join(', ');
  return {
    src: fallback ? `${MEDIA_URL_PREFIX}${fallback.key}` : '',
    jpegSrcset: srcset(jpeg),
    webpSrcset: srcset(webp),
    width: media.width,
    height: media.height,
    alt,
  };
}
