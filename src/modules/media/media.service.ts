/**
 * Images: every upload is decoded by sharp (so a file that only claims to be an image is
 * refused), turned upright, stripped of EXIF (GPS positions of phones), and stored as
 * resized WebP and JPEG variants for srcset. Files live under DATA_DIR/media/<id>/ and
 * never change once written, so they are served with year-long cache headers.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { InvalidInputError } from '../../platform/errors.js';
import { toNfc } from '../../platform/i18n/vi.js';
import { findMediaByIds, insertMedia, type MediaRow } from './media.repo.js';

/** Widths offered in srcset; a variant is made only when the original is wider. */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920] as const;
/** Refuse decompression bombs: 40 megapixels is more than any press photo needs. */
const MAX_INPUT_PIXELS = 40_000_000;

export interface ImageVariant {
  width: number;
  height: number;
  format: 'webp' | 'jpeg';
  key: string;
}

export interface Media {
  id: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  variants: ImageVariant[];
}

function mediaRowToMedia(row: MediaRow): Media {
  return { id: row.id, width: row.width, height: row.height, alt: row.alt, caption: row.caption, variants: JSON.parse(row.variants) as ImageVariant[] };
}

export interface ImportImageInput {
  siteId: string;
  bytes: Buffer;
  alt: string;
  caption?: string;
}

/** @throws INVALID_INPUT when the bytes are not an image sharp can read, or too large. */
export async function importImage(db: Kysely<Database>, mediaDir: string, input: ImportImageInput, now = new Date()): Promise<Media> {
  const id = crypto.randomUUID();
  let source: Sharp;
  let width: number;
  let height: number;
  try {
    source = sharp(input.bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' }).rotate();
    const metadata = await source.metadata();
    const isQuarterTurn = (metadata.orientation ?? 1) >= 5;
    width = (isQuarterTurn ? metadata.height : metadata.width) ?? 0;
    height = (isQuarterTurn ? metadata.width : metadata.height) ?? 0;
    if (!width || !height) throw new Error('no dimensions');
  } catch (cause) {
    throw new InvalidInputError('Tệp tải lên không phải là ảnh hợp lệ hoặc ảnh quá lớn (tối đa 40 megapixel).', { field: 'file', help: 'Hãy chọn ảnh JPEG, PNG hoặc WebP.', cause });
  }

  const folder = path.join(mediaDir, id);
  await fs.mkdir(folder, { recursive: true });
  const widths = [...VARIANT_WIDTHS.filter((w) => w < width), width];
  const variants: ImageVariant[] = [];
  for (const variantWidth of widths) {
    const variantHeight = Math.round((height * variantWidth) / width);
    const resized = source.clone().resize({ width: variantWidth, withoutEnlargement: true });
    for (const format of ['webp', 'jpeg'] as const) {
      const key = `${id}/${variantWidth}.${format === 'jpeg' ? 'jpg' : 'webp'}`;
      const encoded = format === 'webp' ? resized.clone().webp({ quality: 78 }) : resized.clone().jpeg({ quality: 82, progressive: true });
      await encoded.toFile(path.join(mediaDir, key));
      variants.push({ width: variantWidth, height: variantHeight, format, key });
    }
  }

  const row: MediaRow = {
    id,
    site_id: input.siteId,
    kind: 'image',
    storage_key: `${id}/${width}.jpg`,
    mime: 'image/jpeg',
    width,
    height,
    bytes: input.bytes.length,
    alt: toNfc(input.alt),
    caption: toNfc(input.caption ?? ''),
    variants: JSON.stringify(variants),
    created_at: now.toISOString(),
  };
  await insertMedia(db, row);
  return mediaRowToMedia(row);
}

export async function findMediaMap(db: Kysely<Database>, siteId: string, ids: Iterable<string>): Promise<Map<string, Media>> {
  const unique = [...new Set(ids)];
  const rows = await findMediaByIds(db, siteId, unique);
  return new Map(rows.map((row) => [row.id, mediaRowToMedia(row)]));
}

export const MEDIA_URL_PREFIX = '/media/';
/** The one spelling of a media file's URL: /media/<uuid>/<width>.jpg|webp (see importImage). */
const MEDIA_PATH = /^\/media\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[1-9][0-9]{0,4}\.(?:jpg|webp)$/;

/** False for every other spelling (doubled slashes, dot segments, capitals, escapes): those answer 404, not a second copy. */
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
