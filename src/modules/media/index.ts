export { findMediaMap, importImage, isMediaPath, MEDIA_URL_PREFIX, presentImage, VARIANT_WIDTHS, type ImageView, type Media } from './media.service.js';
