import { AppError, NotFoundError } from '../../platform/errors.js';
import { formatDate } from '../../platform/i18n/vi.js';

export class ConsultationNotFoundError extends NotFoundError {
  constructor() {
    super('Không tìm thấy dự thảo lấy ý kiến.', 'Dự thảo có thể đã được gỡ hoặc đổi địa chỉ. Hãy xem danh sách ở trang Lấy ý kiến dự thảo.');
  }
}

/** The slug staff chose belongs to another consultation of the site. */
export class ConsultationSlugTakenError extends AppError {
  constructor(slug: string) {
    super('CONFLICT', `Địa chỉ "${slug}" đã được một dự thảo khác dùng.`, { field: 'slug', help: 'Hãy chọn địa chỉ khác, hoặc để trống để hệ thống tự đặt theo tên.' });
  }
}

/** A step that does not fit the consultation's state (publishing what is already published). */
export class ConsultationStepError extends AppError {
  constructor(message: string) {
    super('INVALID_TRANSITION', message, { help: 'Trang có thể đã được người khác cập nhật: hãy tải lại để xem trạng thái mới nhất.' });
  }
}

/** A comment sent after the closing time (or before the opening): 409 with the date. */
export class ConsultationClosedError extends AppError {
  constructor(closesAt: string, isUpcoming = false) {
    super(
      'INVALID_TRANSITION',
      isUpcoming ? 'Đợt lấy ý kiến chưa bắt đầu.' : `Đợt lấy ý kiến đã kết thúc ngày ${formatDate(closesAt)}.`,
      { field: 'consultation', help: isUpcoming ? 'Hãy quay lại khi dự thảo mở lấy ý kiến.' : 'Góp ý gửi sau thời hạn không được tiếp nhận. Bạn vẫn đọc được dự thảo và báo cáo tiếp thu, giải trình khi được công bố.' },
    );
  }
}
