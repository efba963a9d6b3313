/**
 * Passwords: argon2id (OWASP's first choice) with @node-rs/argon2's defaults (19 MiB,
 * 2 passes), and rules that stop the passwords people actually guess, without the
 * composition rules (a digit, a capital…) that only make them predictable.
 */
import { hash, verify } from '@node-rs/argon2';
import { InvalidInputError } from '../../platform/errors.js';
import { foldVietnamese } from '../../platform/i18n/vi.js';

export const MIN_PASSWORD_LENGTH = 12;
/** Hashing cost grows with length; nobody types more than this. */
export const MAX_PASSWORD_LENGTH = 256;

/** Algorithm.Argon2id: the const enum is not importable under isolatedModules. */
const ARGON2ID = 2;

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize('NFC'), { algorithm: ARGON2ID });
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  try {
    return await verify(passwordHash, password.normalize('NFC'));
  } catch {
    return false;
  }
}

/*
 * A hash of a password nobody has, verified when the account does not exist: unknown
 * account and wrong password then cost the same time, so timing does not tell which
 * e-mails have accounts.
 */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstNothing(password: string): Promise<void> {
  dummyHash ??= hashPassword('cong-khong-co-tai-khoan-nay');
  await verifyPassword(await dummyHash, password);
}

/**
 * Passwords of 12 characters or more that lists of leaked passwords show first, and the
 * Vietnamese ones people reach for. Compared after folding (case, diacritics, spaces).
 */
const COMMON_PASSWORDS = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456789123', '111111111111', '000000000000', '123123123123',
  '123412341234', '098765432109', '012345678901', '147258369147', '112233445566', '121212121212', '987654321098',
  'passwordpassword', 'password1234', 'password12345', 'password123456', 'password@123', 'password@1234', 'passw0rd1234',
  'qwertyuiop12', 'qwertyuiop123', 'qwerty123456', 'qwertyuiopas', 'asdfghjkl123', 'zxcvbnm12345', '1qaz2wsx3edc',
  '1q2w3e4r5t6y', 'qazwsxedcrfv', 'abcdefghijkl', 'abc123456789', 'abcd12345678', 'iloveyou1234', 'admin1234567',
  'administrator', 'administrator1', 'admin@123456', 'welcome12345', 'letmein12345', 'changeme1234', 'trustno11234',
  'matkhau12345', 'matkhau123456', 'matkhaumoi123', 'matkhaucuatoi', 'matkhau@123', 'matkhau@1234', 'matkhaumanh123',
  'anhyeuem1234', 'anhyeuem123456', 'emyeuanh1234', 'vietnam12345', 'vietnam123456', 'vietnamvodich', 'hanoi1234567',
  'saigon123456', 'hochiminh123', 'congthongtin', 'congthongtin123', 'congthongtindientu', 'quantri12345', 'quantrivien123',
  'bientapvien1', 'bientapvien123', 'cong123456789', 'kontum123456', 'sldtbxh12345', 'sotttt123456', 'ubnd12345678',
  'thanhpho12345', 'tinhuy123456', 'coquan123456', 'nhanvien1234', 'canbo1234567', 'ngaysinh1234', 'nguyenvan1234',
]);

/**
 * @throws INVALID_INPUT (field password) saying which rule the password breaks.
 */
export function checkPasswordRules(password: string, context: { email: string; displayName?: string }): void {
  const fail = (message: string) => {
    throw new InvalidInputError(message, { field: 'password', help: `Hãy dùng một câu dễ nhớ từ ${MIN_PASSWORD_LENGTH} ký tự trở lên, ví dụ "Mùa thu Kon Tum có nắng vàng".` });
  };
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) fail(`Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`);
  if (length > MAX_PASSWORD_LENGTH) fail(`Mật khẩu không được dài quá ${MAX_PASSWORD_LENGTH} ký tự.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(password)) fail('Mật khẩu không được chứa ký tự điều khiển.');
  const folded = foldVietnamese(password).replace(/\s+/g, '');
  const email = context.email.toLowerCase();
  const localPart = email.split('@')[0] ?? '';
  if (folded === foldVietnamese(email) || (localPart.length >= 4 && folded.includes(foldVietnamese(localPart)))) fail('Mật khẩu không được chứa địa chỉ email hay tên đăng nhập.');
  const name = foldVietnamese(context.displayName ?? '').replace(/\s+/g, '');
  if (name.length >= 4 && folded === name) fail('Mật khẩu không được là họ tên của bạn.');
  if (new Set(folded).size <= 2) fail('Mật khẩu quá đơn giản: hầu như chỉ lặp lại một vài ký tự.');
  if (COMMON_PASSWORDS.has(folded) || isRun(folded)) fail('Mật khẩu này quá phổ biến, kẻ gian thường thử đầu tiên.');
}

/** "123456789012…", "abcdefghijkl…" and their reverses. */
function isRun(text: string): boolean {
  let ascending = true;
  let descending = true;
  for (let i = 1; i < text.length; i++) {
    const step = text.charCodeAt(i) - text.charCodeAt(i - 1);
    if (step !== 1 && !(text[i] === '0' && text[i - 1] === '9')) ascending = false;
    if (step !== -1 && !(text[i] === '9' && text[i - 1] === '0')) descending = false;
  }
  return ascending || descending;
}
