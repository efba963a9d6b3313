/**
 * The demo agency's schedule (Sở Lao động - Thương binh và Xã hội tỉnh Kon Tum): the
 * director and his deputies' last week, this week and next week around `now`, as such a
 * department's schedule reads: Monday's giao ban, reception of citizens, field trips to
 * the districts, meetings at the provincial People's Committee. Written through the real
 * service, then published week by week; one entry is changed afterwards ("Điều chỉnh")
 * and one cancelled ("Huỷ"), so the demo shows both.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { operatorScope } from '../accounts/index.js';
import { addWeeks, daysOf, weekKey, weekOfNow } from './schedule-weeks.js';
import { cancelScheduleEntry, createScheduleEntry, publishScheduleWeek, updateScheduleEntry } from './work-schedule.service.js';

const DIRECTOR = 'Ông A Kang - Giám đốc Sở';
const DEPUTY_1 = 'Bà Nguyễn Thị Thu Hà - Phó Giám đốc Sở';
const DEPUTY_2 = 'Ông Y Blưu - Phó Giám đốc Sở';
const DEPUTY_3 = 'Ông Trần Văn Phúc - Phó Giám đốc Sở';

interface DemoEntry {
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
  startTime?: string;
  endTime?: string;
  isAllDay?: boolean;
  content: string;
  place: string;
  attendees: string[];
  preparer?: string;
  note?: string;
  isRecurring?: boolean;
}

/** A week's usual shape; `variant` (0, 1, 2) picks the trips and meetings that differ week to week. */
function demoWeek(variant: number): DemoEntry[] {
  const districts = [
    { name: 'huyện Đăk Hà', topic: 'kiểm tra công tác chi trả trợ cấp ưu đãi người có công và bảo trợ xã hội' },
    { name: 'huyện Kon Plông', topic: 'khảo sát nhu cầu đào tạo nghề cho lao động nông thôn gắn với du lịch cộng đồng Măng Đen' },
    { name: 'huyện Ngọc Hồi', topic: 'làm việc với Ban Quản lý Khu kinh tế về tuyển dụng lao động tại Khu kinh tế cửa khẩu quốc tế Bờ Y' },
  ];
  const trip = districts[variant % 3]!;
  const meetings = [
    'Dự họp Ủy ban nhân dân tỉnh thường kỳ tháng',
    'Dự hội nghị trực tuyến của Bộ về triển khai chính sách bảo hiểm thất nghiệp',
    'Dự họp Ban Chỉ đạo giảm nghèo bền vững của tỉnh',
  ];
  return [
    { weekday: 0, startTime: '07:30', endTime: '09:30', content: 'Giao ban lãnh đạo Sở đầu tuần: đánh giá kết quả công tác tuần trước, triển khai nhiệm vụ trong tuần', place: 'Phòng họp số 1, trụ sở Sở', attendees: [DIRECTOR, 'Các Phó Giám đốc Sở', 'Trưởng các phòng, đơn vị thuộc Sở'], preparer: 'Văn phòng Sở', isRecurring: true },
    { weekday: 0, startTime: '14:00', content: 'Làm việc với phòng Người có công về hồ sơ đề nghị xác nhận liệt sĩ tồn đọng', place: 'Phòng họp số 2', attendees: [DEPUTY_1], preparer: 'Phòng Người có công' },
    { weekday: 1, isAllDay: true, content: `Đi công tác ${trip.name}: ${trip.topic}`, place: trip.name.replace(/^h/, 'H'), attendees: [DEPUTY_2, 'Chuyên viên các phòng liên quan'], preparer: 'Phòng Lao động - Việc làm', note: 'Xe xuất phát lúc 6 giờ 30 tại trụ sở Sở.' },
    { weekday: 2, startTime: '08:00', endTime: '11:00', content: meetings[variant % 3]!, place: 'Phòng họp Ủy ban nhân dân tỉnh', attendees: [DIRECTOR], preparer: 'Văn phòng Sở chuẩn bị báo cáo' },
    { weekday: 2, startTime: '14:00', endTime: '16:30', content: 'Họp Hội đồng xét duyệt hồ sơ hỗ trợ học nghề cho người khuyết tật', place: 'Phòng họp số 1', attendees: [DEPUTY_3, 'Thành viên Hội đồng'], preparer: 'Phòng Giáo dục nghề nghiệp' },
    { weekday: 3, startTime: '07:30', endTime: '11:00', content: 'Tiếp công dân định kỳ', place: 'Phòng tiếp công dân của Sở', attendees: [DIRECTOR], preparer: 'Thanh tra Sở', note: 'Công dân đến trực tiếp, mang theo giấy tờ tùy thân và hồ sơ liên quan.', isRecurring: true },
    { weekday: 3, startTime: '14:00', content: 'Kiểm tra Trung tâm Bảo trợ xã hội tỉnh về công tác chăm sóc đối tượng mùa mưa lạnh', place: 'Trung tâm Bảo trợ xã hội tỉnh, thành phố Kon Tum', attendees: [DEPUTY_1], preparer: 'Phòng Bảo trợ xã hội - Trẻ em - Bình đẳng giới' },
    { weekday: 4, startTime: '08:00', endTime: '10:00', content: 'Làm việc với Bảo hiểm xã hội tỉnh về số liệu người tham gia bảo hiểm thất nghiệp', place: 'Phòng họp số 2', attendees: [DEPUTY_2], preparer: 'Trung tâm Dịch vụ việc làm' },
    { weekday: 4, startTime: '15:00', endTime: '16:30', content: 'Họp Chi bộ và lãnh đạo Sở rà soát tiến độ các nhiệm vụ trọng tâm', place: 'Phòng họp số 1', attendees: [DIRECTOR, 'Các Phó Giám đốc Sở'], preparer: 'Văn phòng Sở' },
  ];
}

/** Writes and publishes the demo schedule; returns how many entries it wrote. */
export async function seedDemoWorkSchedule(db: Kysely<Database>, input: { siteId: string; mediaDir: string; now: Date }): Promise<number> {
  const scope = operatorScope(input.siteId, input.now);
  const thisWeek = weekOfNow(input.now);
  let count = 0;
  let changed: string | undefined;
  let cancelled: string | undefined;
  for (const offset of [-1, 0, 1]) {
    const week = addWeeks(thisWeek, offset);
    const days = daysOf(week);
    for (const entry of demoWeek(week.week)) {
      const { weekday, ...fields } = entry;
      const { id } = await createScheduleEntry(db, scope, { ...fields, attendees: fields.attendees.join('\n'), day: days[weekday]! });
      count++;
      if (offset === 0 && weekday === 4 && !changed) changed = id;
      if (offset === 0 && weekday === 3 && entry.startTime === '14:00') cancelled = id;
    }
    await publishScheduleWeek(db, scope, { week: weekKey(week) });
  }
  if (changed) await updateScheduleEntry(db, scope, { entryId: changed, fields: { startTime: '09:00', endTime: '11:00', place: 'Phòng họp số 1, trụ sở Sở' } });
  if (cancelled) await cancelScheduleEntry(db, scope, { entryId: cancelled, kind: 'postponed', reason: 'Lãnh đạo Sở dự họp đột xuất tại Ủy ban nhân dân tỉnh; sẽ bố trí lịch khác.' });
  return count;
}
