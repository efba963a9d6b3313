import { describe, expect, it } from 'vitest';
import { checkCommentFields, consultationStatus, daysLeft, daysLeftLabel, newReceiptCode } from './consultation-rules.js';
import { monthsBefore } from './consultations.personal-data.js';

const row = { opens_at: '2026-12-01T01:00:00.000Z', closes_at: '2026-12-31T10:00:00.000Z' };
const good = { name: 'Lê Văn Hùng', email: 'hung@gmail.com', phone: '', orgType: '', section: 'Điều 5', body: 'Đề nghị bổ sung đối tượng được hỗ trợ.' };

describe('a consultation status', () => {
  it('is upcoming before opening, open from the opening instant, closed from the closing instant', () => {
    expect(consultationStatus(row, new Date('2026-12-01T00:59:59.999Z'))).toBe('upcoming');
    expect(consultationStatus(row, new Date('2026-12-01T01:00:00.000Z'))).toBe('open');
    expect(consultationStatus(row, new Date('2026-12-31T09:59:59.999Z'))).toBe('open');
    expect(consultationStatus(row, new Date('2026-12-31T10:00:00.000Z'))).toBe('closed');
  });

  it('counts days left by Vietnam calendar days', () => {
    // 23:30 UTC on the 29th is already the 30th in Vietnam: one day before the 31st.
    expect(daysLeft(row.closes_at, new Date('2026-12-29T23:30:00Z'))).toBe(1);
    expect(daysLeft(row.closes_at, new Date('2026-12-31T02:00:00Z'))).toBe(0);
    expect(daysLeftLabel(row.closes_at, new Date('2026-12-31T02:00:00Z'))).toBe('kết thúc hôm nay');
    expect(daysLeftLabel(row.closes_at, new Date('2026-12-17T02:00:00Z'))).toBe('còn 14 ngày');
  });
});

describe('a comment from the form', () => {
  it('is cleaned: NFC, invisible characters out, phone digits only', () => {
    const fields = checkCommentFields({ ...good, name: ' Le\u0301 Văn\u200b Hùng ', phone: '0912 345 678', body: 'Nội dung\u202e đủ dài để gửi đi.' });
    expect(fields.name).toBe('Lé Văn Hùng');
    expect(fields.phone).toBe('0912345678');
    expect(fields.body).not.toMatch(/[\u202e\u200b]/);
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(201) }, 'name'],
    [{ name: ['a', 'b'] }, 'name'],
    [{ name: 42 }, 'name'],
    [{ email: '', phone: '' }, 'email'],
    [{ email: 'a@' }, 'email'],
    [{ orgType: 'admin' }, 'orgType'],
    [{ orgType: ['individual'] }, 'orgType'],
    [{ section: 'x'.repeat(101) }, 'section'],
    [{ body: 'ngắn' }, 'body'],
    [{ body: 'x'.repeat(10_001) }, 'body'],
    [{ body: { toString: (): string => 'đủ dài để qua kiểm tra' } }, 'body'],
  ])('refuses %j naming the field', (change, field) => {
    expect(() => checkCommentFields({ ...good, ...change })).toThrowError(expect.objectContaining({ code: 'INVALID_INPUT', field }));
  });

  it('takes exactly 10.000 characters and keeps HTML as text', () => {
    expect(checkCommentFields({ ...good, body: 'x'.repeat(10_000) }).body).toHaveLength(10_000);
    expect(checkCommentFields({ ...good, body: '<script>alert(1)</script> đủ dài' }).body).toBe('<script>alert(1)</script> đủ dài');
  });
});

describe('receipt codes and retention', () => {
  it('gives unguessable codes without look-alike characters', () => {
    const codes = new Set(Array.from({ length: 500 }, newReceiptCode));
    expect(codes.size).toBe(500);
    for (const code of codes) expect(code).toMatch(/^GY-[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{4}$/);
  });

  it('counts retention in calendar months', () => {
    expect(monthsBefore(new Date('2027-03-15T00:00:00Z'), 12).toISOString()).toBe('2026-03-15T00:00:00.000Z');
  });
});
