export { findMediaMap, importImage, isMediaPath, presentImage, type ImageView, type ImportImageInput } from './media.service.js';
export { DOCUMENT_EXTENSIONS, MEDIA_URL_PREFIX, type DocumentExtension, type ImageVariant, type Media, type MediaKind } from './media.models.js';
export {
  IMAGE_ENCODE_CONCURRENCY,
  MAX_ALT_LENGTH,
  MAX_CAPTION_LENGTH,
  MAX_DOCUMENT_BYTES,
  MAX_IMAGE_BYTES,
  MAX_IMAGE_PIXELS,
  MAX_UPLOAD_BYTES,
  uploadMedia,
  VARIANT_WIDTHS,
  type UploadMediaInput,
} from './media-upload.js';
export { deleteMedia, findMediaUsage, getMedia, listMedia, MAX_PAGE_SIZE, updateMediaDetails, type DeletedMedia, type MediaPage } from './media-library.js';
export { describeUsage, MediaInUseError, MediaNotFoundError, type MediaUsage } from './media.errors.js';
export { contentDispositionFor, MAX_NAME_LENGTH, toDisplayName } from './media-names.js';
export { removeStaleUploads } from './media-files.js';
export { registerMediaFiles, type MediaFilesOptions } from './media.routes.js';
export { browseLibrary, describeLibraryItem, getLibraryItem, removeFromLibrary, uploadToLibrary } from './media-staff.service.js';
export { extractMissingDocumentTexts, findDocumentTexts, type DocumentText } from './document-texts.js';
