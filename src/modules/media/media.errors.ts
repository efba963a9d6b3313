/**
 * The media library's errors. Messages are for editors: they say what happened and what
 * to do, in Vietnamese, and live in `messages` so they can be translated.
 */
import { AppError, InvalidInputError, NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError } from '../../platform/errors.js';
import { formatNumber } from '../../platform/i18n/vi.js';

const MEGABYTE = 1024 * 1024;
const megabytes = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 });

/**
 * 20971520 → "20 MB", 26528972 → "25,3 MB": how a Vietnamese reader writes sizes. Rounded
 * up to a tenth, so a file just over a limit never reads as equal to it.
 */
export function formatMegabytes(bytes: number): string {
  return `${megabytes.format(Math.ceil((bytes * 10) / MEGABYTE) / 10)} MB`;
}

const ACCEPTED = 'ảnh JPEG, PNG, WebP, GIF và tài liệu PDF, Word (DOC, DOCX), Excel (XLS, XLSX), OpenDocument (ODT)';

export const messages = {
  empty: 'Tệp rỗng: không có nội dung nào được tải lên.',
  emptyHelp: 'Hãy kiểm tra tệp trên máy (tệp có thể đang được ghi dở) rồi chọn lại.',
  unsupported: `Cổng không nhận loại tệp này. Chỉ nhận ${ACCEPTED}.`,
  unsupportedImage: 'Tệp này không phải ảnh JPEG, PNG, WebP hay GIF.',
  unsupportedHelp: 'Loại tệp được nhận ra từ nội dung, không phải từ tên tệp. Hãy lưu tệp sang một trong các định dạng trên (ảnh SVG hay HEIC: xuất ra PNG hoặc JPEG) rồi tải lên lại.',
  tooLarge: (label: string, size: number, limit: number) => `${label} nặng ${formatMegabytes(size)}, vượt giới hạn ${formatMegabytes(limit)}.`,
  tooLargeHelp: 'Hãy nén hoặc thu nhỏ tệp rồi tải lên lại.',
  tooManyPixels: (width: number, height: number, limit: number) =>
    `Ảnh có kích thước ${formatNumber(width)} × ${formatNumber(height)} điểm ảnh, vượt giới hạn ${formatNumber(limit / 1_000_000)} megapixel.`,
  tooManyPixelsHelp: 'Hãy thu nhỏ ảnh (chiều rộng 4.000 điểm ảnh là đủ cho mọi trang) rồi tải lên lại.',
  invalidImage: 'Không đọc được ảnh: tệp bị hỏng hoặc chưa tải lên hết.',
  invalidImageHelp: 'Hãy mở thử ảnh trên máy, lưu lại dưới dạng JPEG hoặc PNG rồi tải lên lại.',
  notFound: 'Không tìm thấy tệp này trong thư viện.',
  notFoundHelp: 'Tệp có thể đã bị xóa. Hãy tải lại danh sách thư viện.',
  tooLong: (label: string, limit: number) => `${label} dài quá ${formatNumber(limit)} ký tự.`,
  tooLongHelp: 'Hãy viết ngắn gọn hơn.',
  inUse: (name: string, places: string[], more: number) =>
    `Tệp “${name}” đang được dùng ở ${formatNumber(places.length + more)} chỗ: ${places.join('; ')}${more > 0 ? `; và ${formatNumber(more)} chỗ khác` : ''}.`,
  inUseConfirmHelp: 'Nếu vẫn muốn xóa, hãy xác nhận: tệp sẽ được gỡ khỏi ảnh đại diện và thư viện ảnh của các bài trên; ảnh chèn trong nội dung bài sẽ không còn hiển thị.',
  inUseLockedHelp: 'Tệp đang là ảnh của banner hoặc logo của trang nên không thể xóa. Hãy đổi ảnh của banner hoặc logo trước, rồi xóa lại.',
  invalidPage: 'Số trang hoặc số mục mỗi trang không hợp lệ.',
  invalidPageHelp: 'Trang bắt đầu từ 1; mỗi trang có từ 1 đến 100 mục.',
} as const;

export function emptyFileError(): InvalidInputError {
  return new InvalidInputError(messages.empty, { field: 'file', help: messages.emptyHelp });
}

export function unsupportedTypeError(isImageOnly = false): UnsupportedMediaTypeError {
  return new UnsupportedMediaTypeError(isImageOnly ? messages.unsupportedImage : messages.unsupported, { field: 'file', help: messages.unsupportedHelp });
}

export function fileTooLargeError(label: string, size: number, limit: number): PayloadTooLargeError {
  return new PayloadTooLargeError(messages.tooLarge(label, size, limit), { field: 'file', help: messages.tooLargeHelp });
}

export function tooManyPixelsError(width: number, height: number, limit: number): PayloadTooLargeError {
  return new PayloadTooLargeError(messages.tooManyPixels(width, height, limit), { field: 'file', help: messages.tooManyPixelsHelp });
}

export function invalidImageError(cause: unknown): InvalidInputError {
  return new InvalidInputError(messages.invalidImage, { field: 'file', help: messages.invalidImageHelp, cause });
}

export class MediaNotFoundError extends NotFoundError {
  constructor() {
    super(messages.notFound, messages.notFoundHelp);
  }
}

/** Where a library file is used; see findMediaUsage. */
export type MediaUsage =
  | { place: 'cover' | 'gallery' | 'body' | 'pending-edit'; articleId: string; articleTitle: string }
  | { place: 'banner'; bannerId: string; label: string }
  | { place: 'logo'; siteId: string; label: string };

/** Places a confirmed delete cannot clear: the editor changes them in their own screens first. */
export function isLockingUsage(usage: MediaUsage): boolean {
  return usage.place === 'banner' || usage.place === 'logo';
}

export function describeUsage(usage: MediaUsage): string {
  switch (usage.place) {
    case 'cover':
      return `ảnh đại diện của bài “${usage.articleTitle}”`;
    case 'gallery':
      return `thư viện ảnh của bài “${usage.articleTitle}”`;
    case 'body':
      return `trong nội dung bài “${usage.articleTitle}”`;
    case 'pending-edit':
      return `bản sửa chưa đăng của bài “${usage.articleTitle}”`;
    case 'banner':
      return `banner “${usage.label}”`;
    case 'logo':
      return `logo của trang “${usage.label}”`;
  }
}

/** How many places the message names; the rest are counted. */
const NAMED_PLACES = 5;

/**
 * The file is used somewhere: deleting it needs the editor's confirmation
 * (`isConfirmable`), or is refused while a banner or the site logo shows it.
 */
export class MediaInUseError extends AppError {
  readonly isConfirmable: boolean;

  constructor(
    mediaName: string,
    readonly usages: MediaUsage[],
  ) {
    const isConfirmable = !usages.some(isLockingUsage);
    // Locking places first: they are what the editor must change.
    const ordered = [...usages.filter(isLockingUsage), ...usages.filter((u) => !isLockingUsage(u))];
    const named = ordered.slice(0, NAMED_PLACES).map(describeUsage);
    super('CONFLICT', messages.inUse(mediaName, named, ordered.length - named.length), { help: isConfirmable ? messages.inUseConfirmHelp : messages.inUseLockedHelp });
    this.isConfirmable = isConfirmable;
  }
}
