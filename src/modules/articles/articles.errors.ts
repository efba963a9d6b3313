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

/** The slug an editor chose belongs to another article of the site. */
export class ArticleSlugTakenError extends AppError {
  constructor(slug: string) {
    super('CONFLICT', `Địa chỉ bài viết "${slug}" đã được một bài khác dùng.`, { field: 'slug', help: 'Hãy chọn địa chỉ khác, hoặc để trống để hệ thống tự đặt theo tiêu đề.' });
  }
}

/** Too many articles with the same title were saved at the same moment to give this one a free slug. */
export class ArticleSlugBusyError extends AppError {
  constructor() {
    super('CONFLICT', 'Nhiều bài cùng tiêu đề đang được lưu cùng lúc nên chưa đặt được địa chỉ cho bài này.', { field: 'slug', help: 'Hãy lưu lại sau giây lát.' });
  }
}
