import { AppError, NotFoundError } from '../../platform/errors.js';

export class ProcedureNotFoundError extends NotFoundError {
  constructor() {
    super('Không tìm thấy thủ tục hành chính.', 'Thủ tục có thể đã được gỡ hoặc đổi địa chỉ. Hãy tìm theo tên hoặc mã thủ tục ở trang Thủ tục hành chính.');
  }
}

/** Another procedure of the site has this mã thủ tục. */
export class ProcedureCodeTakenError extends AppError {
  constructor(code: string) {
    super('CONFLICT', `Mã thủ tục "${code}" đã có trong danh mục thủ tục của trang.`, { field: 'code', help: 'Hãy mở thủ tục đã có để sửa, hoặc kiểm tra lại mã.' });
  }
}

/** The slug staff chose belongs to another procedure of the site. */
export class ProcedureSlugTakenError extends AppError {
  constructor(slug: string) {
    super('CONFLICT', `Địa chỉ "${slug}" đã được một thủ tục khác dùng.`, { field: 'slug', help: 'Hãy chọn địa chỉ khác, hoặc để trống để hệ thống tự đặt theo tên thủ tục.' });
  }
}

/** Procedures with the same code or slug were saved at the same moment: this one got none. */
export class ProcedureBusyError extends AppError {
  constructor() {
    super('CONFLICT', 'Một thủ tục cùng mã hoặc cùng địa chỉ vừa được lưu cùng lúc nên chưa lưu được thủ tục này.', { help: 'Hãy tải lại trang và lưu lại.' });
  }
}

export class ProcedureFieldNotFoundError extends NotFoundError {
  constructor() {
    super('Không tìm thấy lĩnh vực này.', 'Danh mục có thể vừa được người khác sửa: hãy tải lại trang.');
  }
}

/** A field still used by procedures cannot be deleted. */
export class ProcedureFieldInUseError extends AppError {
  constructor(count: number) {
    super('CONFLICT', `Lĩnh vực này đang được ${count} thủ tục dùng nên chưa xoá được.`, { help: 'Hãy chuyển các thủ tục đó sang lĩnh vực khác trước khi xoá.' });
  }
}

/** A publication step that does not fit the procedure's state. */
export class ProcedurePublicationStepError extends AppError {
  constructor(message: string) {
    super('INVALID_TRANSITION', message, { help: 'Trang có thể đã được người khác cập nhật: hãy tải lại để xem trạng thái mới nhất.' });
  }
}

/** What a procedure lacks before the public may see it. */
export class ProcedureNotReadyError extends AppError {
  constructor(readonly missing: string[]) {
    super('INVALID_INPUT', `Thủ tục chưa đủ để xuất bản: thiếu ${missing.join(', ')}.`, { help: 'Hãy bổ sung các mục trên rồi xuất bản lại.' });
  }
}
