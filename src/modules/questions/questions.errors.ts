import { AppError, NotFoundError } from '../../platform/errors.js';

export class QuestionNotFoundError extends NotFoundError {
  constructor() {
    super('Không tìm thấy câu hỏi.', 'Câu hỏi có thể đã được gỡ. Hãy xem danh sách ở trang Hỏi đáp.');
  }
}

/** A step that does not fit the question's state (answering a rejected question). */
export class QuestionStepError extends AppError {
  constructor(message: string) {
    super('INVALID_TRANSITION', message, { help: 'Câu hỏi có thể vừa được người khác xử lý: hãy tải lại trang.' });
  }
}
