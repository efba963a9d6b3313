import { AppError, InvalidInputError } from '../../platform/errors.js';

/** Why a public form's submission was refused: tests and callers branch on this, never on the message. */
export type FormRefusal = 'token-invalid' | 'token-expired' | 'token-used' | 'too-fast' | 'challenge-wrong' | 'duplicate';

/**
 * A submission refused by the defences. An INVALID_INPUT (400) with a Vietnamese message the
 * citizen can act on: the form is shown again, with a fresh token and what they typed.
 */
export class FormRefusedError extends InvalidInputError {
  constructor(
    readonly reason: FormRefusal,
    message: string,
    options: { field: 'token' | 'challenge' | 'content'; help?: string },
  ) {
    super(message, options);
  }
}

export const FORM_MESSAGES = {
  'token-invalid': { message: 'Biểu mẫu không hợp lệ hoặc đã bị thay đổi.', help: 'Vui lòng tải lại trang rồi gửi lại.' },
  'token-expired': { message: 'Biểu mẫu đã hết hạn (quá 2 giờ kể từ khi mở trang).', help: 'Vui lòng kiểm tra nội dung rồi bấm Gửi lại.' },
  'token-used': { message: 'Biểu mẫu này đã được gửi một lần.', help: 'Nếu bạn muốn gửi nội dung khác, hãy kiểm tra rồi bấm Gửi lại.' },
  'too-fast': { message: 'Biểu mẫu được gửi quá nhanh sau khi mở trang.', help: 'Vui lòng chờ vài giây rồi bấm Gửi lại.' },
  'challenge-wrong': { message: 'Câu trả lời cho câu hỏi kiểm tra chưa đúng.', help: 'Hãy trả lời câu hỏi kiểm tra mới bên dưới (ghi bằng số), rồi bấm Gửi lại.' },
  duplicate: { message: 'Nội dung này đã được gửi trong 24 giờ qua.', help: 'Cơ quan đã nhận nội dung của bạn và sẽ xử lý; bạn không cần gửi lại.' },
} as const satisfies Record<FormRefusal, { message: string; help: string }>;

export function formRefused(reason: FormRefusal): FormRefusedError {
  const field = reason === 'challenge-wrong' ? 'challenge' : reason === 'duplicate' ? 'content' : 'token';
  return new FormRefusedError(reason, FORM_MESSAGES[reason].message, { field, help: FORM_MESSAGES[reason].help });
}

/**
 * More submissions of one form reached the site in the last hour than staff can read: a flood
 * from many addresses (each under its own rate limit). 429; the citizen is asked to come back.
 */
export class FormBusyError extends AppError {
  constructor() {
    super('RATE_LIMITED', 'Hệ thống đang nhận quá nhiều bài gửi qua biểu mẫu này.', { help: 'Vui lòng thử lại sau ít phút. Nội dung bạn nhập chưa được gửi.' });
  }
}
