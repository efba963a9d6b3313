import { AppError, NotFoundError } from '../../platform/errors.js';

export class AgencyUnitNotFoundError extends NotFoundError {
  constructor() {
    super('Không tìm thấy đơn vị.', 'Đơn vị có thể đã được gỡ hoặc đổi địa chỉ. Hãy xem trang Cơ cấu tổ chức.');
  }
}

export class AgencyOfficialNotFoundError extends NotFoundError {
  constructor() {
    super('Không tìm thấy cán bộ.', 'Thông tin có thể đã được gỡ. Hãy tải lại danh sách cán bộ.');
  }
}

/** The slug staff chose belongs to another unit of the site. */
export class UnitSlugTakenError extends AppError {
  constructor(slug: string) {
    super('CONFLICT', `Địa chỉ "${slug}" đã được một đơn vị khác dùng.`, { field: 'slug', help: 'Hãy chọn địa chỉ khác, hoặc để trống để hệ thống tự đặt theo tên đơn vị.' });
  }
}

/** A publication step that does not fit the item's state (publishing what is already published). */
export class AgencyPublicationStepError extends AppError {
  constructor(message: string) {
    super('INVALID_TRANSITION', message, { help: 'Trang có thể đã được người khác cập nhật: hãy tải lại để xem trạng thái mới nhất.' });
  }
}

/** A unit still holding sub-units or officials, or a published item, cannot be deleted. */
export class AgencyItemInUseError extends AppError {
  constructor(message: string, help: string) {
    super('CONFLICT', message, { help });
  }
}
