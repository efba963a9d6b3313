import { AppError, NotFoundError } from '../../platform/errors.js';

export class ScheduleEntryNotFoundError extends NotFoundError {
  constructor() {
    super('Không tìm thấy mục lịch công tác.', 'Mục lịch có thể đã bị xoá. Hãy xem lại lịch của tuần ở trang Lịch công tác.');
  }
}

/** A publication step that does not fit the entry's state (cancelling a draft, publishing what is public). */
export class SchedulePublicationStepError extends AppError {
  constructor(message: string, help = 'Trang có thể đã được người khác cập nhật: hãy tải lại để xem trạng thái mới nhất.') {
    super('INVALID_TRANSITION', message, { help });
  }
}
