import { AppError, RateLimitedError } from '../../platform/errors.js';

/** Unknown account and wrong password get this same answer (no account discovery). */
export class LoginFailedError extends AppError {
  constructor() {
    super('UNAUTHENTICATED', 'Email hoặc mật khẩu không đúng.', { help: 'Hãy kiểm tra lại; nếu quên mật khẩu, hãy nhờ quản trị đặt lại.' });
  }
}

export class AccountDisabledError extends AppError {
  constructor() {
    super('FORBIDDEN', 'Tài khoản này đã bị khoá.', { help: 'Hãy liên hệ quản trị của trang để mở lại tài khoản.' });
  }
}

export class SecondFactorFailedError extends AppError {
  constructor() {
    super('UNAUTHENTICATED', 'Mã xác thực không đúng hoặc đã hết hạn.', { field: 'code', help: 'Hãy nhập mã 6 chữ số đang hiện trong ứng dụng xác thực, hoặc một mã khôi phục.' });
  }
}

/** Too many failed logins: the wait grows with each failure. */
export class LoginThrottledError extends RateLimitedError {
  constructor(retryAfterSeconds: number) {
    super(retryAfterSeconds);
    this.message = `Đăng nhập sai quá nhiều lần. Hãy thử lại sau ${formatWait(retryAfterSeconds)}.`;
  }
}

function formatWait(seconds: number): string {
  if (seconds < 90) return `${seconds} giây`;
  return `${Math.ceil(seconds / 60)} phút`;
}

export class UserNotFoundError extends AppError {
  constructor(email: string) {
    super('NOT_FOUND', `Không có tài khoản nào với email ${email}.`, { field: 'email' });
  }
}

export class EmailTakenError extends AppError {
  constructor(email: string) {
    super('CONFLICT', `Email ${email} đã có tài khoản.`, { field: 'email' });
  }
}
