import { AppError, NotFoundError } from '../../platform/errors.js';

export class ProjectNotFoundError extends NotFoundError {
  constructor() {
    super('Không tìm thấy dự án hoặc gói thầu.', 'Mục này có thể đã được gỡ hoặc đổi địa chỉ. Hãy xem danh sách ở trang Dự án, đấu thầu.');
  }
}

/** The slug staff chose belongs to another item of the site. */
export class ProjectSlugTakenError extends AppError {
  constructor(slug: string) {
    super('CONFLICT', `Địa chỉ "${slug}" đã được một dự án hoặc gói thầu khác dùng.`, { field: 'slug', help: 'Hãy chọn địa chỉ khác, hoặc để trống để hệ thống tự đặt theo tên.' });
  }
}

/** A publication step that does not fit the item's state (publishing what is already published). */
export class ProjectPublicationStepError extends AppError {
  constructor(message: string) {
    super('INVALID_TRANSITION', message, { help: 'Trang có thể đã được người khác cập nhật: hãy tải lại để xem trạng thái mới nhất.' });
  }
}

/** Publishing an item that lacks what readers need. */
export class ProjectNotReadyError extends AppError {
  constructor(readonly missing: string[]) {
    super('INVALID_INPUT', `Chưa đủ thông tin để xuất bản: thiếu ${missing.join(', ')}.`, { help: 'Hãy bổ sung các mục trên rồi xuất bản lại.' });
  }
}
