/** /api/v1 endpoints of the leaders' work schedule: a week's published entries (postponed and cancelled ones included, marked). */
import { Type } from 'typebox';
import { addWeeks, daysOf, getPublishedWeek, parseWeek, requireWeekKey, weekKey, weekOfNow, weekPath, type ScheduleEntry } from '../work-schedule/index.js';
import { API_ERRORS as errors, sendCached, type PublicApiSection } from './api-shared.js';

const EntryView = Type.Object({
  id: Type.String({ description: 'Mã mục lịch (không đổi khi sửa; là UID trong tệp iCalendar)' }),
  day: Type.String({ description: 'Ngày, YYYY-MM-DD (giờ Việt Nam)' }),
  startTime: Type.Union([Type.String(), Type.Null()], { description: 'Giờ bắt đầu HH:MM (giờ Việt Nam); null: cả ngày' }),
  endTime: Type.Union([Type.String(), Type.Null()], { description: 'Giờ kết thúc HH:MM, nếu có' }),
  isAllDay: Type.Boolean(),
  content: Type.String({ description: 'Nội dung công việc (văn bản thuần, có thể nhiều dòng)' }),
  place: Type.String({ description: 'Địa điểm' }),
  attendees: Type.Array(Type.String(), { description: 'Chủ trì, tham dự: mỗi phần tử một người hoặc một thành phần' }),
  preparer: Type.String({ description: 'Đơn vị chuẩn bị' }),
  note: Type.String(),
  status: Type.Union([Type.Literal('scheduled'), Type.Literal('postponed'), Type.Literal('cancelled')], { description: 'scheduled: theo lịch; postponed: hoãn; cancelled: huỷ' }),
  reason: Type.String({ description: 'Lý do hoãn hoặc huỷ, nếu có' }),
  isChanged: Type.Boolean({ description: 'Đã điều chỉnh sau khi công bố' }),
  sequence: Type.Integer({ description: 'Số lần thay đổi sau khi công bố (SEQUENCE của iCalendar)' }),
  updatedAt: Type.String(),
});

const WeekView = Type.Object({
  week: Type.String({ description: 'Tuần ISO, ví dụ 2026-W48' }),
  from: Type.String({ description: 'Thứ Hai, YYYY-MM-DD' }),
  to: Type.String({ description: 'Chủ nhật, YYYY-MM-DD' }),
  url: Type.String({ description: 'Trang lịch của tuần' }),
  previous: Type.String(),
  next: Type.String(),
  entries: Type.Array(EntryView),
});

function entryJson(entry: ScheduleEntry) {
  return {
    id: entry.id,
    day: entry.day,
    startTime: entry.startTime,
    endTime: entry.endTime,
    isAllDay: entry.startTime === null,
    content: entry.content,
    place: entry.place,
    attendees: entry.attendees,
    preparer: entry.preparer,
    note: entry.note,
    status: entry.cancellation === '' ? ('scheduled' as const) : entry.cancellation,
    reason: entry.cancelReason,
    isChanged: entry.isChanged,
    sequence: entry.sequence,
    updatedAt: entry.updatedAt,
  };
}

export const registerWorkScheduleApi: PublicApiSection = (api, deps) => {
  api.get('/schedule', {
    schema: {
      tags: ['Công khai'],
      summary: 'Lịch công tác của lãnh đạo trong một tuần (các mục đã công bố, kể cả mục hoãn, huỷ)',
      querystring: Type.Object({
        week: Type.Optional(Type.String({ maxLength: 20, description: 'Tuần ISO, ví dụ 2026-W48; mặc định tuần này (giờ Việt Nam)' })),
      }),
      response: { 200: WeekView, ...errors },
    },
    handler: async (request, reply) => {
      const site = deps.siteOf(request);
      const week = request.query.week === undefined ? weekOfNow(new Date()) : parseWeek(requireWeekKey(request.query.week))!;
      const schedule = await getPublishedWeek(deps.db, { siteId: site.id, week });
      const days = daysOf(week);
      return sendCached(request, reply, {
        week: weekKey(week),
        from: days[0]!,
        to: days[6]!,
        url: `${site.origin}${weekPath(weekKey(week))}`,
        previous: weekKey(addWeeks(week, -1)),
        next: weekKey(addWeeks(week, 1)),
        entries: schedule.entries.map(entryJson),
      });
    },
  });
};
