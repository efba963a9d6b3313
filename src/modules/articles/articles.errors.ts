import { AppError, NotFoundError } from '../../platform/errors.js';

export class ArticleNotFoundError extends NotFoundError {
  constructor() {
    super('Không tìm thấy bài viết.', 'Bài viết có thể đã được gỡ hoặc đổi địa chỉ. Hãy xem các tin mới trên trang chủ.');
  }
}

export class PageOutOfRangeError extends AppError {
  constructor(lastPage: number) {
    super('PAGE_OUT_OF_RANGE', `Trang này không tồn tại: chuyên mục chỉ có ${lastPage} trang.`, { field: 'page', help: 'Hãy quay về trang 1 của chuyên mục.' });
  }
}
