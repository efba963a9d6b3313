import { AppError, NotFoundError } from '../../platform/errors.js';

export class InformationRequestNotFoundError extends NotFoundError {
  constructor() {
    super('Không tìm thấy yêu cầu cung cấp thông tin.', 'Yêu cầu có thể đã bị xoá hoặc thuộc trang khác. Hãy quay lại hộp thư.');
  }
}

export class InformationItemNotFoundError extends NotFoundError {
  constructor() {
    super('Không tìm thấy mục thông tin.', 'Mục có thể vừa bị xoá. Hãy tải lại danh mục.');
  }
}

/** A step that does not fit the request's state (extending twice, answering a refused request). */
export class RequestStepError extends AppError {
  constructor(message: string) {
    super('INVALID_TRANSITION', message, { help: 'Yêu cầu có thể vừa được người khác xử lý: hãy tải lại trang.' });
  }
}
