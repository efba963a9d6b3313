import { AppError, NotFoundError } from '../../platform/errors.js';

export class LegalDocumentNotFoundError extends NotFoundError {
  constructor() {
    super('Không tìm thấy văn bản.', 'Văn bản có thể đã được gỡ hoặc đổi địa chỉ. Hãy tìm theo số ký hiệu ở trang Văn bản.');
  }
}

/** Another document of the site has the same number (and, for a number without a year, the same year of issue). */
export class DocumentNumberTakenError extends AppError {
  constructor(number: string) {
    super('CONFLICT', `Số ký hiệu "${number}" đã có trong danh mục văn bản của trang.`, { field: 'number', help: 'Hãy mở văn bản đã có để sửa, hoặc kiểm tra lại số ký hiệu.' });
  }
}

/** The slug staff chose belongs to another document of the site. */
export class DocumentSlugTakenError extends AppError {
  constructor(slug: string) {
    super('CONFLICT', `Địa chỉ "${slug}" đã được một văn bản khác dùng.`, { field: 'slug', help: 'Hãy chọn địa chỉ khác, hoặc để trống để hệ thống tự đặt theo số ký hiệu.' });
  }
}

/** Documents with the same slug were saved at the same moment: this one got none. */
export class DocumentSlugBusyError extends AppError {
  constructor() {
    super('CONFLICT', 'Nhiều văn bản cùng địa chỉ đang được lưu cùng lúc nên chưa lưu được văn bản này.', { field: 'slug', help: 'Hãy lưu lại sau giây lát.' });
  }
}

export class DocumentListItemNotFoundError extends NotFoundError {
  constructor() {
    super('Không tìm thấy mục này trong danh mục.', 'Danh mục có thể vừa được người khác sửa: hãy tải lại trang.');
  }
}

/** A type or field still used by documents cannot be deleted. */
export class DocumentListItemInUseError extends AppError {
  constructor(count: number) {
    super('CONFLICT', `Mục này đang được ${count} văn bản dùng nên chưa xoá được.`, { help: 'Hãy chuyển các văn bản đó sang mục khác trước khi xoá.' });
  }
}

/** A publication step that does not fit the document's state (publishing what is already published). */
export class InvalidPublicationStepError extends AppError {
  constructor(message: string) {
    super('INVALID_TRANSITION', message, { help: 'Trang có thể đã được người khác cập nhật: hãy tải lại để xem trạng thái mới nhất.' });
  }
}
