import { AppError, InvalidInputError, NotFoundError } from '../../platform/errors.js';

export class CategoryNotFoundError extends NotFoundError {
  constructor() {
    super('Không tìm thấy chuyên mục.', 'Chuyên mục có thể đã bị xoá. Hãy tải lại danh sách chuyên mục.');
  }
}

/** Another category of the site already has the URL the change would give this one. */
export class CategoryPathTakenError extends AppError {
  constructor(path: string) {
    super('CONFLICT', `Đã có chuyên mục khác ở địa chỉ /${path}.`, { field: 'parentId', help: 'Hãy đổi tên rút gọn (slug) của một trong hai chuyên mục, hoặc chọn chuyên mục cha khác.' });
  }
}

/** A top-level category may not take a word that belongs to a route (admin, api, van-ban, …). */
export class CategorySlugReservedError extends InvalidInputError {
  constructor(slug: string) {
    super(`"${slug}" là địa chỉ dành riêng của hệ thống, không dùng được cho chuyên mục cấp cao nhất.`, { field: 'slug', help: 'Hãy chọn tên rút gọn (slug) khác, hoặc đặt chuyên mục này bên trong một chuyên mục khác.' });
  }
}
