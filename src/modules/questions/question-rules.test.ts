import { describe, expect, it } from 'vitest';
import { checkQuestionFields, newTrackingCode, normaliseTrackingCode } from './question-rules.js';
import { addWorkingDays, vietnamDay, workingDaysBetween } from '../working-days/index.js';

const valid = { name: 'Nguyễn Văn A', email: 'a@gmail.com', phone: '', topicId: 't1', title: 'Hỏi về trợ cấp', body: 'Nội dung câu hỏi đủ dài để gửi.' };

describe('the question form fields', () => {
  it('accepts either an e-mail or a phone, and normalises them', () => {
    expect(checkQuestionFields(valid)).toMatchObject({ email: 'a@gmail.com', phone: '' });
    expect(checkQuestionFields({ ...valid, email: '', phone: '+84 912.345.678' })).toMatchObject({ phone: '0912345678' });
  });

  it.each([
    [{ name: '' }, 'name'],
    [{ name: 'x'.repeat(101) }, 'name'],
    [{ name: ['a', 'b'] }, 'name'],
    [{ email: '', phone: '' }, 'email'],
    [{ email: 'a@b' }, 'email'],
    [{ email: '"><script>@x.vn' }, 'email'],
    [{ phone: '0912' }, 'phone'],
    [{ topicId: '' }, 'topicId'],
    [{ topicId: 42 }, 'topicId'],
    [{ title: '   ' }, 'title'],
    [{ title: 'x'.repeat(201) }, 'title'],
    [{ body: 'ngắn' }, 'body'],
    [{ body: 'x'.repeat(5_001) }, 'body'],
    [{ body: { toString: (): string => 'x' } }, 'body'],
  ])('refuses %j on the field %s', (change, field) => {
    expect(() => checkQuestionFields({ ...valid, ...change })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT', field }));
  });

  it('drops control and bidi characters and keeps line breaks', () => {
    const fields = checkQuestionFields({ ...valid, title: 'Hỏi\u0000 về\u202e trợ cấp', body: 'Dòng một\r\n\r\n\r\n\r\nDòng hai\u200b đủ dài' });
    expect(fields.title).toBe('Hỏi về trợ cấp');
    expect(fields.body).toBe('Dòng một\n\nDòng hai đủ dài');
  });
});

describe('tracking codes', () => {
  it('are HD- and two groups of four from an alphabet without look-alikes, and never repeat in practice', () => {
    const codes = new Set(Array.from({ length: 2_000 }, newTrackingCode));
    expect(codes.size).toBe(2_000);
    for (const code of [...codes].slice(0, 50)) expect(code).toMatch(/^HD-[34679ACDEFGHJKMNPQRTUVWXY]{4}-[34679ACDEFGHJKMNPQRTUVWXY]{4}$/);
  });

  it('read back what a citizen typed, and refuse what cannot be a code', () => {
    expect(normaliseTrackingCode(' hd 7k3q-9m4x ')).toBe('HD-7K3Q-9M4X');
    expect(normaliseTrackingCode('7K3Q9M4X')).toBe('HD-7K3Q-9M4X');
    for (const bad of ['', 'HD-7K3Q-9M2', 'HD-0OOO-1III', 'x'.repeat(100), 42, null]) expect(normaliseTrackingCode(bad)).toBeNull();
  });
});

describe('deadlines in working days', () => {
  const none = new Set<string>();
  it('skip weekends: received on Friday 27/11/2026, 15 working days later is Friday 18/12/2026', () => {
    expect(addWorkingDays('2026-11-27', 15, none)).toBe('2026-12-18');
    // Received on a Saturday counts from Monday.
    expect(addWorkingDays('2026-11-28', 1, none)).toBe('2026-11-30');
    expect(addWorkingDays('2026-11-29', 5, none)).toBe('2026-12-04');
  });

  it('skip the holidays staff keep: Tết and 30/4–1/5', () => {
    const holidays = new Set(['2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', '2027-02-12']);
    // Received Thursday 4/2/2027 just before Tết: the next working day is Monday 15/2.
    expect(addWorkingDays('2027-02-04', 1, holidays)).toBe('2027-02-15');
    expect(addWorkingDays('2027-04-28', 3, new Set(['2027-04-30', '2027-05-03']))).toBe('2027-05-05');
  });

  it('count working days between two days, negative when past', () => {
    expect(workingDaysBetween('2026-11-27', '2026-12-04', none)).toBe(5);
    expect(workingDaysBetween('2026-12-04', '2026-11-27', none)).toBe(-5);
    expect(workingDaysBetween('2026-11-28', '2026-11-29', none)).toBe(0);
  });

  it('take the received day in Vietnam, not UTC', () => {
    expect(vietnamDay(new Date('2026-11-27T18:30:00Z'))).toBe('2026-11-28');
    expect(vietnamDay(new Date('2026-11-27T16:59:00Z'))).toBe('2026-11-27');
  });
});
