import { describe, expect, it } from 'vitest';
import { checkEntryFields, compareEntries, type ScheduleEntryFields } from './schedule-entries.js';

const valid = { day: '23/11/2026', startTime: '7h30', content: 'Giao ban đầu tuần', place: 'Phòng họp số 1', attendees: 'Ông A Kang\nCác Phó Giám đốc Sở' };

describe('an entry\'s fields', () => {
  it('normalises what staff type: days, times, lines, NFC', () => {
    const fields = checkEntryFields({ ...valid, endTime: '9h', content: '  Giao   ban\r\n\r\nđầu tuần  ', attendees: '  Ông A Kang \r\n\n  Các Phó Giám đốc Sở ', place: 'Phòng\thọp  1', note: 'Mang\nbáo cáo' });
    expect(fields).toEqual<ScheduleEntryFields>({ day: '2026-11-23', startTime: '07:30', endTime: '09:00', content: 'Giao ban\nđầu tuần', place: 'Phòng họp 1', attendees: ['Ông A Kang', 'Các Phó Giám đốc Sở'], preparer: '', note: 'Mang\nbáo cáo', isRecurring: false });
    // "Hà" typed decomposed (NFD) is stored composed.
    expect(checkEntryFields({ ...valid, place: 'Đăk Ha\u0300' }).place).toBe('Đăk Hà');
    expect(checkEntryFields({ ...valid, attendees: ['Ông A Kang', 'Bà B'] }).attendees).toEqual(['Ông A Kang', 'Bà B']);
  });

  it('takes "cả ngày" as no time at all', () => {
    expect(checkEntryFields({ ...valid, isAllDay: true, startTime: '99:99', endTime: 'x' })).toMatchObject({ startTime: null, endTime: null });
    expect(checkEntryFields({ ...valid, isAllDay: 'on', startTime: '' }).startTime).toBeNull();
  });

  it('drops control, zero-width and direction-override characters', () => {
    expect(checkEntryFields({ ...valid, content: 'Họp\u0000 \u202eban\u200b\u0007 giám đốc\u2066' }).content).toBe('Họp ban giám đốc');
    expect(checkEntryFields({ ...valid, content: '<script>alert(1)</script>' }).content).toBe('<script>alert(1)</script>');
  });

  it('merges an edit over the stored fields', () => {
    const base = checkEntryFields({ ...valid, isAllDay: true });
    expect(checkEntryFields({ place: 'Huyện Đăk Hà' }, base)).toMatchObject({ day: '2026-11-23', startTime: null, place: 'Huyện Đăk Hà', content: 'Giao ban đầu tuần' });
    expect(checkEntryFields({ isAllDay: false, startTime: '14:00' }, base).startTime).toBe('14:00');
  });

  it.each([
    [{ day: undefined }, 'day'],
    [{ day: '30/02/2026' }, 'day'],
    [{ day: '2026-13-01' }, 'day'],
    [{ day: '01/01/1999' }, 'day'],
    [{ day: 20261123 }, 'day'],
    [{ day: { $gt: '' } }, 'day'],
    [{ startTime: '' }, 'startTime'],
    [{ startTime: '24h' }, 'startTime'],
    [{ startTime: ['07:30'] }, 'startTime'],
    [{ endTime: '07:00' }, 'endTime'],
    [{ endTime: '07:30' }, 'endTime'],
    [{ content: '' }, 'content'],
    [{ content: ' \n\t\u200b ' }, 'content'],
    [{ content: 'x'.repeat(2_001) }, 'content'],
    [{ content: 42 }, 'content'],
    [{ place: 'p'.repeat(301) }, 'place'],
    [{ place: null, preparer: 'q'.repeat(301) }, 'preparer'],
    [{ note: 'n'.repeat(1_001) }, 'note'],
    [{ attendees: 'a\n'.repeat(21) }, 'attendees'],
    [{ attendees: 'a'.repeat(1_001) }, 'attendees'],
    [{ attendees: { name: 'x' } }, 'attendees'],
  ])('refuses %j on the field %s, in Vietnamese', (bad, field) => {
    let error: { code?: string; field?: string; message?: string } = {};
    try {
      checkEntryFields({ ...valid, ...bad });
    } catch (caught) {
      error = caught as typeof error;
    }
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(/[àáảãạăâđêôơưý]/);
  });

  it('orders a day: all-day entries first, then by time, then as entered', () => {
    const e = (id: string, day: string, startTime: string | null, createdAt = '2026-01-01') => ({ id, day, startTime, createdAt });
    const sorted = [e('c', '2026-11-24', '07:00'), e('b', '2026-11-23', '14:00'), e('a', '2026-11-23', null), e('d', '2026-11-23', '14:00', '2025-12-31')].sort(compareEntries);
    expect(sorted.map((x) => x.id)).toEqual(['a', 'd', 'b', 'c']);
  });
});
