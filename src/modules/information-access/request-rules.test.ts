import { describe, expect, it } from 'vitest';
import { checkItemLink, checkRequestFields, extendedDeadline, firstDeadline, maskIdNumber, newTrackingCode, normaliseTrackingCode } from './request-rules.js';

const valid = {
  fullName: 'Nguyễn Văn An',
  idNumber: '062 090 001 234',
  address: 'Phường Quyết Thắng, Kon Tum',
  phone: '0912345678',
  email: '',
  content: 'Đề nghị cung cấp kế hoạch đào tạo nghề năm nay.',
  purpose: 'Tìm hiểu để đăng ký học.',
  delivery: 'post',
};

describe('checkRequestFields', () => {
  it('accepts a plain request and keeps the 12 digits of the citizen number', () => {
    expect(checkRequestFields(valid)).toMatchObject({ idNumber: '062090001234', phone: '0912345678', delivery: 'post' });
  });

  it.each([
    [{ fullName: '' }, 'fullName'],
    [{ fullName: 'x'.repeat(101) }, 'fullName'],
    [{ idNumber: '12345' }, 'idNumber'],
    [{ idNumber: '06209000123a' }, 'idNumber'],
    [{ idNumber: ['062090001234'] }, 'idNumber'],
    [{ address: '' }, 'address'],
    [{ phone: '', email: '' }, 'email'],
    [{ email: 'not-an-email' }, 'email'],
    [{ content: 'ngắn' }, 'content'],
    [{ content: 'x'.repeat(5_001) }, 'content'],
    [{ purpose: '' }, 'purpose'],
    [{ delivery: 'fax' }, 'delivery'],
    [{ delivery: 'email', email: '' }, 'email'],
    [{ content: 42 }, 'content'],
  ])('refuses %j naming the field', (change, field) => {
    expect(() => checkRequestFields({ ...valid, ...change })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field }));
  });

  it('drops control and bidi characters', () => {
    expect(checkRequestFields({ ...valid, content: 'Đề nghị\u0000 cung cấp\u202e kế hoạch năm nay.' }).content).toBe('Đề nghị cung cấp kế hoạch năm nay.');
  });
});

describe('deadlines in working days', () => {
  const none = new Set<string>();
  it('counts 15 working days from the day after receipt, skipping weekends', () => {
    // Received Friday 2026-03-06: 15 working days → Friday 2026-03-27.
    expect(firstDeadline('2026-03-06', none)).toBe('2026-03-27');
    // Received on a Saturday counts from Monday, like a Friday.
    expect(firstDeadline('2026-03-07', none)).toBe('2026-03-27');
  });

  it('skips the site holidays (30/4, 1/5 and a bridge day)', () => {
    const holidays = new Set(['2026-04-27', '2026-04-30', '2026-05-01']);
    // From Thursday 2026-04-23 without holidays: 2026-05-14; three holidays push it to 2026-05-19.
    expect(firstDeadline('2026-04-23', none)).toBe('2026-05-14');
    expect(firstDeadline('2026-04-23', holidays)).toBe('2026-05-19');
  });

  it('extends once by 1–15 working days from the first deadline, and refuses other numbers', () => {
    expect(extendedDeadline('2026-03-27', '15', new Set()).dueDay).toBe('2026-04-17');
    expect(extendedDeadline('2026-03-27', 1, new Set(['2026-03-30'])).dueDay).toBe('2026-03-31');
    for (const bad of ['0', '16', '-1', '1.5', 'mười', '', undefined, ['3']]) {
      expect(() => extendedDeadline('2026-03-27', bad, new Set()), String(bad)).toThrow(expect.objectContaining({ field: 'days' }));
    }
  });
});

describe('masks, codes and links', () => {
  it('masks the citizen number to its last four digits', () => {
    expect(maskIdNumber('062090001234')).toBe('********1234');
    expect(maskIdNumber('')).toBe('');
  });

  it('reads back a tracking code typed loosely, and refuses anything else', () => {
    const code = newTrackingCode();
    expect(code).toMatch(/^TT-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(normaliseTrackingCode(code.toLowerCase().replace(/-/g, ' '))).toBe(code);
    for (const bad of ['TT-0000-0000', 'abc', '<script>', 'x'.repeat(50), 42]) expect(normaliseTrackingCode(bad)).toBeNull();
  });

  it('takes site paths and https addresses as links, nothing else', () => {
    expect(checkItemLink('/van-ban?type=quyet-dinh')).toBe('/van-ban?type=quyet-dinh');
    expect(checkItemLink('https://congbao.chinhphu.vn/')).toBe('https://congbao.chinhphu.vn/');
    for (const bad of ['javascript:alert(1)', 'http://example.com', '//evil.example', '/\\evil', 'van-ban', '', '/a b', '/"><script>', `/${'a'.repeat(600)}`]) {
      expect(() => checkItemLink(bad), bad).toThrow(expect.objectContaining({ field: 'link' }));
    }
  });
});
