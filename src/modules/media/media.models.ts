import type { MediaRow } from './media.repo.js';

export type MediaKind = 'image' | 'document';

/** Extensions of stored documents: the detected type's, never the uploader's. */
export const DOCUMENT_EXTENSIONS = ['pdf', 'docx', 'xlsx', 'odt', 'doc', 'xls'] as const;
export type DocumentExtension = (typeof DOCUMENT_EXTENSIONS)[number];

export const MEDIA_URL_PREFIX = '/media/';

export interface ImageVariant {
  width: number;
  height: number;
  format: 'webp' | 'jpeg';
  /** Below DATA_DIR/media and after MEDIA_URL_PREFIX: `<id>/<width>.jpg|webp`. */
  key: string;
}

/** A library item. Documents have width and height 0 and no variants. */
export interface Media {
  id: string;
  kind: MediaKind;
  /** Of the file at `url`: image/jpeg for images (the largest JPEG variant), the detected type for documents. */
  mime: string;
  /** The uploader's file name for display and download ('' for pictures imported without one). */
  originalName: string;
  /** The largest JPEG for an image, the file itself for a document. */
  url: string;
  width: number;
  height: number;
  /** Size of the upload as received. */
  bytes: number;
  alt: string;
  caption: string;
  variants: ImageVariant[];
  uploadedBy: string | null;
  createdAt: string;
}

export function mediaRowToMedia(row: MediaRow): Media {
  return {
    id: row.id,
    kind: row.kind === 'document' ? 'document' : 'image',
    mime: row.mime,
    originalName: row.original_name,
    url: `${MEDIA_URL_PREFIX}${row.storage_key}`,
    width: row.width,
    height: row.height,
    bytes: row.bytes,
    alt: row.alt,
    caption: row.caption,
    variants: JSON.parse(row.variants) as ImageVariant[],
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
  };
}
