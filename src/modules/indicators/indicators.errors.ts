import { AppError, NotFoundError } from '../../platform/errors.js';

export class IndicatorNotFoundError extends NotFoundError {
  constructor() {
    super('Không tìm thấy chỉ tiêu.', 'Chỉ tiêu có thể đã được gỡ hoặc đổi địa chỉ. Hãy xem danh sách ở trang Chỉ tiêu.');
  }
}

/** The slug staff chose belongs to another indicator of the site. */
export class IndicatorSlugTakenError extends AppError {
  constructor(slug: string) {
    super('CONFLICT', `Địa chỉ "${slug}" đã được một chỉ tiêu khác dùng.`, { field: 'slug', help: 'Hãy chọn địa chỉ khác, hoặc để trống để hệ thống tự đặt theo tên chỉ tiêu.' });
  }
}

/** A publication step that does not fit the indicator's state (publishing what is already published). */
export class IndicatorPublicationStepError extends AppError {
  constructor(message: string) {
    super('INVALID_TRANSITION', message, { help: 'Trang có thể đã được người khác cập nhật: hãy tải lại để xem trạng thái mới nhất.' });
  }
}
