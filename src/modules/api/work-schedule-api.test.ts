/** GET /api/v1/schedule on both engines: a week's published entries only, and clear 400s for bad weeks. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../../test/helpers/databases.js';
import { startTestPortal, type TestPortal } from '../../../test/helpers/test-app.js';
import { operatorScope } from '../accounts/index.js';
import { cancelScheduleEntry, createScheduleEntry, daysOf, publishScheduleWeek, unpublishScheduleEntry, updateScheduleEntry, weekKey, weekOfNow } from '../work-schedule/index.js';

describe.each(ENGINES)('the schedule API on %s', (engine) => {
  let portal: TestPortal;
  const week = { year: 2030, week: 10 };
  const days = daysOf(week);

  beforeAll(async () => {
    portal = await startTestPortal(engine);
    const db = portal.testDb.db.kysely;
    const scope = operatorScope(portal.fixture.siteId);
    const first = await createScheduleEntry(db, scope, { day: days[0], startTime: '07:30', endTime: '09:00', content: 'Giao ban đầu tuần', place: 'Phòng họp số 1', attendees: 'Ông A Kang - Giám đốc Sở\nCác Phó Giám đốc Sở', preparer: 'Văn phòng Sở' });
    const second = await createScheduleEntry(db, scope, { day: days[1], isAllDay: true, content: 'Đi công tác huyện Ngọc Hồi', place: 'Huyện Ngọc Hồi' });
    const third = await createScheduleEntry(db, scope, { day: days[3], startTime: '14:00', content: 'Mục sẽ gỡ xuống' });
    await publishScheduleWeek(db, scope, { week: weekKey(week) });
    await updateScheduleEntry(db, scope, { entryId: first.id, fields: { startTime: '08:00' } });
    await cancelScheduleEntry(db, scope, { entryId: second.id, kind: 'cancelled', reason: 'Thời tiết xấu' });
    await unpublishScheduleEntry(db, scope, { entryId: third.id });
    await createScheduleEntry(db, scope, { day: days[2], startTime: '09:00', content: 'Bản nháp chưa công bố' });
  });
  afterAll(async () => portal.close());

  it('gives a week\'s published entries, changed and cancelled ones marked', async () => {
    const answer = await portal.app.inject({ url: '/api/v1/schedule?week=2030-W10' });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers.etag).toBeTruthy();
    const body = answer.json();
    expect(body).toMatchObject({ week: '2030-W10', from: '2030-03-04', to: '2030-03-10', url: 'http://localhost:3000/lich-cong-tac/2030-w10', previous: '2030-W09', next: '2030-W11' });
    expect(body.entries).toHaveLength(2);
    expect(body.entries[0]).toMatchObject({ day: '2030-03-04', startTime: '08:00', endTime: '09:00', isAllDay: false, content: 'Giao ban đầu tuần', attendees: ['Ông A Kang - Giám đốc Sở', 'Các Phó Giám đốc Sở'], preparer: 'Văn phòng Sở', status: 'scheduled', isChanged: true, sequence: 1 });
    expect(body.entries[1]).toMatchObject({ day: '2030-03-05', startTime: null, isAllDay: true, status: 'cancelled', reason: 'Thời tiết xấu' });
    expect(JSON.stringify(body)).not.toContain('Bản nháp chưa công bố');
    expect(JSON.stringify(body)).not.toContain('Mục sẽ gỡ xuống');
    // Lower case is the page's spelling; the API takes it too.
    expect((await portal.app.inject({ url: '/api/v1/schedule?week=2030-w10' })).json().entries).toHaveLength(2);
  });

  it('defaults to this week in Vietnam, and is empty for a week without entries', async () => {
    const body = (await portal.app.inject({ url: '/api/v1/schedule' })).json();
    expect(body.week).toBe(weekKey(weekOfNow(new Date())));
    expect((await portal.app.inject({ url: '/api/v1/schedule?week=2031-W02' })).json().entries).toEqual([]);
  });

  it('answers bad weeks with a 400 and a Vietnamese message', async () => {
    for (const week of ['2030-W54', '2030-10', 'tuần này', '<script>', '2030-W10%00', '1999-W01', 'x'.repeat(50), '']) {
      const answer = await portal.app.inject({ url: `/api/v1/schedule?week=${encodeURIComponent(week)}` });
      expect(answer.statusCode, week).toBe(400);
      const error = answer.json().error;
      expect(error.code, week).toBe('INVALID_INPUT');
      expect(error.message, week).toBeTruthy();
      expect(answer.body, week).not.toContain('<script>');
    }
    const answer = await portal.app.inject({ url: '/api/v1/schedule?week=2030-W54' });
    expect(answer.json().error).toMatchObject({ field: 'week', message: 'Tuần không hợp lệ: hãy ghi theo dạng năm-W số tuần, ví dụ 2026-W48.' });
    expect((await portal.app.inject({ url: '/api/v1/schedule?week=2030-W10&week=2030-W11' })).statusCode).toBeLessThan(500);
  });
});
