/**
 * Uploads into the library. The bytes decide what a file is (media-detect.ts); images are
 * re-encoded by sharp, which turns them upright and drops every piece of metadata (EXIF
 * with the GPS position of a phone photo, XMP, comments), into resized WebP and JPEG
 * variants for srcset; documents are stored as they came, with their text for search
 * (document-text.ts). Files get generated names and land in their folder whole, and a
 * failure at any step leaves no file and no row behind.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Metadata } from 'sharp';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { InvalidInputError } from '../../platform/errors.js';
import { toNfc } from '../../platform/i18n/vi.js';
import { emptyFileError, fileTooLargeError, invalidImageError, messages, tooManyPixelsError, unsupportedTypeError } from './media.errors.js';
import { createUploadFolder, mediaFolder, moveIntoPlace, removeFolder } from './media-files.js';
import { detectMediaType, type DetectedType, type ImageFormat } from './media-detect.js';
import { extractDocumentText } from './document-text.js';
import { mediaRowToMedia, type ImageVariant, type Media, type MediaKind } from './media.models.js';
import { toDisplayName } from './media-names.js';
import { insertMedia, type MediaRow } from './media.repo.js';
import { createTaskQueue } from './task-queue.js';

const MEGABYTE = 1024 * 1024;
/** Largest image upload: a full-size photo from any camera fits. */
export const MAX_IMAGE_BYTES = 20 * MEGABYTE;
/** Largest document upload: scanned decisions with many pages. */
export const MAX_DOCUMENT_BYTES = 50 * MEGABYTE;
/** Largest upload of any kind: the body limit for upload routes. */
export const MAX_UPLOAD_BYTES = Math.max(MAX_IMAGE_BYTES, MAX_DOCUMENT_BYTES);
/** Refuse decompression bombs: 40 megapixels is more than any press photo needs. */
export const MAX_IMAGE_PIXELS = 40_000_000;
/** Widths offered in srcset; a variant is made only when the original is wider. */
export const VARIANT_WIDTHS = [320, 640, 960, 1280, 1920] as const;
export const MAX_ALT_LENGTH = 500;
export const MAX_CAPTION_LENGTH = 2000;

/**
 * Images encoded at once. sharp works on libuv's thread pool (4 threads by default),
 * which file reads and DNS share: two encodes leave room for the rest of the process,
 * and a burst of uploads waits its turn instead of taking every thread.
 */
export const IMAGE_ENCODE_CONCURRENCY = 2;
const encodeQueue = createTaskQueue(IMAGE_ENCODE_CONCURRENCY);

export interface UploadMediaInput {
  siteId: string;
  /** The uploading user's id; null for pictures the system installs (the demo). */
  uploadedBy: string | null;
  bytes: Buffer;
  /** The name on the uploader's disk: shown and offered on download, never part of a path. */
  originalName: string;
  alt?: string;
  caption?: string;
}

/**
 * Stores an upload in the site's library. Inside a caller's transaction, a rollback after
 * this returns leaves the files (unreferenced), as the demo install accepts.
 * @throws INVALID_INPUT for an empty file, an image that does not decode, or alt/caption too long.
 * @throws UNSUPPORTED_MEDIA_TYPE when the bytes are not an accepted image or document.
 * @throws PAYLOAD_TOO_LARGE above MAX_IMAGE_BYTES / MAX_DOCUMENT_BYTES, or an image above MAX_IMAGE_PIXELS.
 */
export function uploadMedia(db: Kysely<Database>, mediaDir: string, input: UploadMediaInput, now = new Date()): Promise<Media> {
  return storeUpload(db, mediaDir, input, now, ['image', 'document']);
}

/**
 * uploadMedia restricted to some kinds (importImage takes images only). `afterInsert`
 * runs in the insert's transaction (the newsroom writes its audit record there).
 */
export async function storeUpload(
  db: Kysely<Database>,
  mediaDir: string,
  input: UploadMediaInput,
  now: Date,
  kinds: readonly MediaKind[],
  afterInsert?: (trx: Kysely<Database>, media: Media) => Promise<void>,
): Promise<Media> {
  const { alt, caption } = cleanMediaDetails({ alt: input.alt ?? '', caption: input.caption ?? '' });
  const size = input.bytes.length;
  if (size === 0) throw emptyFileError();
  // Detection reads a few header bytes (a ZIP's entry headers at most), whatever the size.
  const type = await detectMediaType(input.bytes);
  if (!type || !kinds.includes(type.kind)) throw unsupportedTypeError(!kinds.includes('document'));
  if (type.kind === 'image' && size > MAX_IMAGE_BYTES) throw fileTooLargeError('Ảnh', size, MAX_IMAGE_BYTES);
  if (type.kind === 'document' && size > MAX_DOCUMENT_BYTES) throw fileTooLargeError('Tài liệu', size, MAX_DOCUMENT_BYTES);
  if (type.kind === 'image') await checkImageHeader(input.bytes, type.format);
  // From the bytes in memory, before any file is written; '' when there is nothing to
  // read (an image) or the document cannot be read, which never fails the upload.
  const textContent = type.kind === 'document' ? await extractDocumentText(input.bytes, type.ext) : '';

  const id = crypto.randomUUID();
  const folder = await createUploadFolder(mediaDir);
  let isInPlace = false;
  try {
    const stored = type.kind === 'image' ? await encodeQueue.run(() => writeImageVariants(input.bytes, folder, id)) : await writeDocument(input.bytes, folder, type);
    await moveIntoPlace(folder, mediaDir, id);
    isInPlace = true;
    const row: MediaRow & { text_content: string } = {
      id,
      site_id: input.siteId,
      kind: type.kind,
      storage_key: `${id}/${stored.fileName}`,
      mime: stored.mime,
      width: stored.width,
      height: stored.height,
      bytes: size,
      alt,
      caption,
      variants: JSON.stringify(stored.variants),
      created_at: now.toISOString(),
      original_name: toDisplayName(input.originalName),
      uploaded_by: input.uploadedBy,
      text_content: textContent,
    };
    const media = mediaRowToMedia(row);
    // Last, after the files are in place: a row never names a file that is not there.
    if (afterInsert) {
      await inTransaction(db, async (trx) => {
        await insertMedia(trx, row);
        await afterInsert(trx, media);
      });
    } else {
      await insertMedia(db, row);
    }
    return media;
  } catch (error) {
    await removeFolder(isInPlace ? mediaFolder(mediaDir, id) : folder);
    throw error;
  }
}

/**
 * Alt text and caption as stored: NFC, controls removed (a caption keeps its line
 * breaks), spaces collapsed, trimmed.
 * @throws INVALID_INPUT above MAX_ALT_LENGTH / MAX_CAPTION_LENGTH characters.
 */
export function cleanMediaDetails(input: { alt: string; caption: string }): { alt: string; caption: string } {
  return {
    alt: cleanText(input.alt, { label: 'Mô tả ảnh', field: 'alt', maxLength: MAX_ALT_LENGTH, controls: /[\u0000-\u001f\u007f-\u009f]+/g }),
    caption: cleanText(input.caption, { label: 'Chú thích', field: 'caption', maxLength: MAX_CAPTION_LENGTH, controls: /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]+/g }),
  };
}

function cleanText(text: string, rule: { label: string; field: string; maxLength: number; controls: RegExp }): string {
  const cleaned = toNfc(text).replace(rule.controls, ' ').replace(/[ \t]+/g, ' ').replace(/ ?\n ?/g, '\n').trim();
  if (Array.from(cleaned).length > rule.maxLength) throw new InvalidInputError(messages.tooLong(rule.label, rule.maxLength), { field: rule.field, help: messages.tooLongHelp });
  return cleaned;
}

/**
 * Reads only the header (sharp's metadata does not decode pixels), so a small file that
 * claims 50,000 × 50,000 pixels is refused before anything is allocated for them. Its
 * format must also be the one file-type saw: sharp reads many more (SVG, TIFF, HEIF…).
 */
async function checkImageHeader(bytes: Buffer, format: ImageFormat): Promise<void> {
  let metadata: Metadata;
  try {
    metadata = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch (cause) {
    throw invalidImageError(cause);
  }
  const { width, height } = metadata;
  if (metadata.format !== format || !width || !height) throw invalidImageError(new Error(`sharp read ${metadata.format} ${width}x${height}, file-type saw ${format}`));
  if (width * height > MAX_IMAGE_PIXELS) throw tooManyPixelsError(width, height, MAX_IMAGE_PIXELS);
}

interface StoredFiles {
  fileName: string;
  mime: string;
  width: number;
  height: number;
  variants: ImageVariant[];
}

/**
 * The largest JPEG is the record's file. An animated GIF or PNG keeps its first frame
 * only (sharp reads one page unless told otherwise): the public pages show still pictures.
 */
async function writeImageVariants(bytes: Buffer, folder: string, id: string): Promise<StoredFiles> {
  // limitInputPixels again, in case a header and the data disagree; failOn 'error' refuses truncated files.
  const source = sharp(bytes, { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error', pages: 1 }).rotate();
  let width: number;
  let height: number;
  try {
    const metadata = await source.metadata();
    // EXIF orientations 5–8 are quarter turns: the upright picture swaps width and height.
    const isQuarterTurn = (metadata.orientation ?? 1) >= 5;
    width = (isQuarterTurn ? metadata.height : metadata.width) ?? 0;
    height = (isQuarterTurn ? metadata.width : metadata.height) ?? 0;
    if (!width || !height) throw new Error('no dimensions');
  } catch (cause) {
    throw invalidImageError(cause);
  }

  const widths = [...VARIANT_WIDTHS.filter((w) => w < width), width];
  const variants: ImageVariant[] = [];
  for (const variantWidth of widths) {
    const variantHeight = Math.max(1, Math.round((height * variantWidth) / width));
    const resized = source.clone().resize({ width: variantWidth, withoutEnlargement: true });
    for (const format of ['webp', 'jpeg'] as const) {
      const fileName = `${variantWidth}.${format === 'jpeg' ? 'jpg' : 'webp'}`;
      // JPEG has no transparency: transparent areas become white, not black.
      const encoder = format === 'webp' ? resized.clone().webp({ quality: 78 }) : resized.clone().flatten({ background: '#ffffff' }).jpeg({ quality: 82, progressive: true });
      let encoded: Buffer;
      try {
        encoded = await encoder.toBuffer();
      } catch (cause) {
        // A broken image surfaces here, when its pixels are first read.
        throw invalidImageError(cause);
      }
      await fs.writeFile(path.join(folder, fileName), encoded, { flag: 'wx' });
      variants.push({ width: variantWidth, height: variantHeight, format, key: `${id}/${fileName}` });
    }
  }
  return { fileName: `${width}.jpg`, mime: 'image/jpeg', width, height, variants };
}

async function writeDocument(bytes: Buffer, folder: string, type: Extract<DetectedType, { kind: 'document' }>): Promise<StoredFiles> {
  const fileName = `file.${type.ext}`;
  await fs.writeFile(path.join(folder, fileName), bytes, { flag: 'wx' });
  return { fileName, mime: type.mime, width: 0, height: 0, variants: [] };
}
