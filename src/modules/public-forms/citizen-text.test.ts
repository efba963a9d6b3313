import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../platform/errors.js';
import { parseChallengeAnswer, createChallenge } from './challenge.js';
import { checkEmail, checkPhone, cleanCitizenText, contentFingerprint, safeSheetCell } from './citizen-text.js';

const rule = { field: 'content', label: 'Nội dung câu hỏi', max: 20 };

function refusal(run: () => unknown): InvalidInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return error as InvalidInputError;
  }
  throw new Error('expected a refusal');
}

describe('cleanCitizenText', () => {
  it('stores NFC and drops control, zero-width and bidi characters, wherever they are', () => {
    const decomposed = 'Xin chào'.normalize('NFD');
    expect(cleanCitizenText(decomposed, rule)).toBe('Xin chào'.normalize('NFC'));
    const invisible = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\u009b', '\u00ad', '\u061c', '\u200b', '\u200d', '\u200e', '\u200f', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2060', '\u2066', '\u2067', '\u2068', '\u2069', '\ufeff', '\ud800', '\udfff', '\uffff'];
    for (const char of invisible) {
      expect(cleanCitizenText(`Hỏi${char}đáp`, rule), JSON.stringify(char)).toMatch(/^Hỏi ?đáp$/);
    }
    // Trojan Source: an override that would make staff read "admin" where "nimda" is stored.
    expect(cleanCitizenText('\u202enimda\u202c', rule)).toBe('nimda');
  });

  it('makes a single line of all whitespace, and keeps paragraph breaks in multi-line text', () => {
    expect(cleanCitizenText('  Nguyễn\tVăn\r\n  An\u00a0\u3000 ', rule)).toBe('Nguyễn Văn An');
    const multi = { ...rule, max: 200, isMultiline: true };
    expect(cleanCitizenText('Dòng 1  \r\nDòng\t2\r\r\r\n\n\nDòng 3\u2028Dòng 4', multi)).toBe('Dòng 1\nDòng 2\n\nDòng 3\nDòng 4');
  });

  it('counts characters, not UTF-16 units, and names the field when text is too long', () => {
    expect(cleanCitizenText('ễ'.repeat(20), rule)).toHaveLength(20);
    expect(cleanCitizenText('😀'.repeat(20), rule)).toHaveLength(40);
    const error = refusal(() => cleanCitizenText('a'.repeat(21), rule));
    expect(error.field).toBe('content');
    expect(error.message).toContain('Nội dung câu hỏi');
    expect(error.message).toContain('20');
    expect(refusal(() => cleanCitizenText('x'.repeat(100_000), rule)).field).toBe('content');
  });

  it('refuses empty required fields and anything that is not text', () => {
    for (const empty of [undefined, null, '', '   ', '\u200b\u202e', '\u0000\n\t']) {
      expect(refusal(() => cleanCitizenText(empty, rule)).message).toContain('Hãy nhập');
    }
    expect(cleanCitizenText(undefined, { ...rule, isRequired: false })).toBe('');
    for (const wrong of [['a', 'b'], 42, { a: 1 }, true]) {
      expect(refusal(() => cleanCitizenText(wrong, rule)).field).toBe('content');
    }
  });

  it('leaves HTML as text: escaping is the view’s job, and nothing is lost', () => {
    expect(cleanCitizenText('<script>alert(1)</script>', { ...rule, max: 100 })).toBe('<script>alert(1)</script>');
  });
});

describe('checkEmail and checkPhone', () => {
  it('accepts ordinary addresses and lowers the domain only', () => {
    expect(checkEmail(' Nguyen.An+hoidap@Gmail.COM ')).toBe('Nguyen.An+hoidap@gmail.com');
    expect(checkEmail('', { isRequired: false })).toBe('');
    for (const bad of ['an', 'an@', '@gmail.com', 'an@gmail', 'an@@gmail.com', 'an gmail@x.vn', '"a"@x.vn', 'a<b>@x.vn', 'a@x.vn\nBcc: b@y.vn', 'a..b@x.vn', '.a@x.vn', `${'a'.repeat(65)}@x.vn`, 'a@-x.vn', 'an@tên.vn']) {
      expect(refusal(() => checkEmail(bad)).field, bad).toBe('email');
    }
    expect(refusal(() => checkEmail(['a@x.vn', 'b@x.vn'])).field).toBe('email');
  });

  it('accepts Vietnamese mobile and landline numbers in the ways people write them', () => {
    expect(checkPhone('0912 345 678')).toBe('0912345678');
    expect(checkPhone('+84 912.345.678')).toBe('0912345678');
    expect(checkPhone('84912345678')).toBe('0912345678');
    expect(checkPhone('(0260) 3862-000')).toBe('02603862000');
    expect(checkPhone('0388888888')).toBe('0388888888');
    expect(checkPhone(undefined, { isRequired: false })).toBe('');
    for (const bad of ['12345', '091234567', '09123456789', '0112345678', '+1 202 555 0100', '0912-ABC-678', '0912345678; DROP TABLE', '+84+84912345678']) {
      expect(refusal(() => checkPhone(bad)).field, bad).toBe('phone');
    }
  });
});

describe('safeSheetCell', () => {
  it('neutralises every cell a spreadsheet would read as a formula, also after spaces', () => {
    const payloads = ['=1+1', '=HYPERLINK("http://x","bấm")', '+1', '-1+2', '@SUM(A1)', '\t=1', '\r=1', '\n=1', '|calc', ' =1', '  @x', '\u00a0=1', '\u3000=1', '＝1+1', '＋1', '－1', '＠x', '=cmd|\' /C calc\'!A0', '-', '+', '='];
    for (const payload of payloads) {
      expect(safeSheetCell(payload), JSON.stringify(payload)).toBe(`'${payload}`);
    }
  });

  it('leaves ordinary text alone', () => {
    for (const text of ['Nguyễn Văn An', 'Hỏi về chế độ 1+1', 'a=b', 'email@x.vn', '', '0912345678', "'đã có dấu nháy"]) {
      expect(safeSheetCell(text)).toBe(text);
    }
  });
});

describe('contentFingerprint', () => {
  it('is the same for the same words with other spacing, case or without diacritics', () => {
    const original = contentFingerprint('Chế độ thai sản', 'Tôi muốn hỏi về  chế độ\nthai sản cho lao động nữ.');
    expect(contentFingerprint('che do thai san', 'toi muon hoi ve che do thai san cho lao dong nu.')).toBe(original);
    expect(contentFingerprint('CHẾ ĐỘ THAI SẢN ', ' Tôi muốn hỏi về chế\u200b độ thai sản cho lao động nữ.'.replace('\u200b', ''))).toBe(original);
    expect(contentFingerprint('Chế độ thai sản'.normalize('NFD'), 'Tôi muốn hỏi về chế độ thai sản cho lao động nữ.'.normalize('NFD'))).toBe(original);
    expect(original).toMatch(/^[0-9a-f]{64}$/);
  });

  it('differs for other words, and for the same words split between other parts', () => {
    expect(contentFingerprint('Chế độ thai sản', 'khác')).not.toBe(contentFingerprint('Chế độ thai sản', 'khac nua'));
    expect(contentFingerprint('ab', 'c')).not.toBe(contentFingerprint('a', 'bc'));
  });
});

describe('the challenge', () => {
  it('asks a sum in words and reads answers as digits or words, with or without diacritics', () => {
    for (let i = 0; i < 50; i += 1) {
      const challenge = createChallenge();
      expect(challenge.question).toMatch(/^[A-ZĐÂĂÊÔƠƯ][^\d]* cộng [^\d]+ bằng mấy\? \(ghi bằng số\)$/u);
      expect(Number(challenge.answer)).toBeGreaterThanOrEqual(2);
      expect(Number(challenge.answer)).toBeLessThanOrEqual(18);
    }
    const answers: [string, number][] = [['7', 7], [' 07 ', 7], ['bảy', 7], ['bẩy', 7], ['bay', 7], ['Bảy.', 7], ['BẢY', 7], ['bốn', 4], ['tư', 4], ['năm', 5], ['mười', 10], ['mươi', 10], ['mười một', 11], ['muoi lam', 15], ['mười lăm', 15], ['mười năm', 15], ['mười tư', 14], ['mười tám', 18], ['18', 18], ['chín', 9], ['tam', 8]];
    for (const [raw, value] of answers) expect(parseChallengeAnswer(raw), raw).toBe(value);
    expect(parseChallengeAnswer('bảy'.normalize('NFD'))).toBe(7);
  });

  it('reads nothing into what is not a number', () => {
    for (const raw of ['', ' ', 'bảy tám', 'lăm', 'mười không', 'abc', '7 8', '1e1', '0x7', 'x'.repeat(100), '<script>', 'constructor', 'muoi constructor', '__proto__', undefined, 7, ['7']]) {
      expect(parseChallengeAnswer(raw), JSON.stringify(raw)).toBeUndefined();
    }
  });
});

describe('properties over any input', () => {
  const anyText = fc.string({ unit: 'binary', maxLength: 60 });

  it('no cleaned text keeps an invisible or bidi character, or exceeds its limit', () => {
    fc.assert(
      fc.property(anyText, fc.boolean(), (raw, isMultiline) => {
        let cleaned: string;
        try {
          cleaned = cleanCitizenText(raw, { field: 'f', label: 'Ô', max: 40, isMultiline, isRequired: false });
        } catch (error) {
          return error instanceof InvalidInputError && error.field === 'f';
        }
        return [...cleaned].length <= 40 && !/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/.test(cleaned) && cleaned === cleaned.trim() && Buffer.from(cleaned, 'utf8').toString('utf8') === cleaned;
      }),
    );
  });

  it('no cell leaves safeSheetCell able to start a formula', () => {
    const risky = fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '|', ' ', '\u00a0', '＝', 'a', '1');
    fc.assert(
      fc.property(fc.array(risky, { maxLength: 6 }).map((parts) => parts.join('')), anyText, (prefix, rest) => {
        const cell = safeSheetCell(prefix + rest);
        return cell.startsWith("'") || !/^[\s\u00a0\u3000]*[=+\-@\t\r\n|\uff1d\uff0b\uff0d\uff20]/.test(cell);
      }),
    );
  });
});
