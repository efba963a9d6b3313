/**
 * What the schedule's staff screens (work-schedule.routes.tsx) share: their addresses,
 * flash messages, the entry's form fields and its status badges.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { formatNumber } from '../../platform/i18n/vi.js';
import { CANCELLATION_LABELS, ENTRY_LIMITS, PUBLICATION_LABELS, formatDay, type ScheduleEntry, type ScheduleEntryFields } from '../work-schedule/index.js';
import { PATHS, flashOf } from './staff-pages.js';
import { Checkbox, TextArea, TextField, errorFor, type FieldError, type FlashMessage } from './views/components.js';

const BASE = PATHS.workSchedule;

export const SCHEDULE_PATHS = {
  week: (week?: string) => (week ? `${BASE}?tuan=${encodeURIComponent(week)}` : BASE),
  create: (day?: string) => (day ? `${BASE}/moi?ngay=${encodeURIComponent(day)}` : `${BASE}/moi`),
  entries: BASE,
  entry: (id: string) => `${BASE}/${id}`,
  publishWeek: `${BASE}/cong-bo-tuan`,
  copyRecurring: `${BASE}/chep-tuan-truoc`,
} as const;

const FLASHES: Record<string, FlashMessage> = {
  'lct-da-them': { kind: 'success', message: 'Đã thêm mục lịch (bản nháp). Bấm "Công bố lịch tuần" khi lịch tuần đã đủ.' },
  'lct-da-luu': { kind: 'success', message: 'Đã lưu mục lịch.' },
  'lct-da-luu-cong-khai': { kind: 'success', message: 'Đã lưu: mục lịch trên trang công khai hiện nhãn "Điều chỉnh".' },
  'lct-khong-co-muc-lap-lai': { kind: 'info', message: 'Tuần trước không có mục lặp lại nào chưa có trong tuần này.' },
  'lct-da-xoa': { kind: 'success', message: 'Đã xoá mục lịch.' },
  'lct-da-cong-bo': { kind: 'success', message: 'Đã công bố mục lịch: mục hiện trên trang công khai ngay.' },
  'lct-da-hoan-huy': { kind: 'success', message: 'Đã ghi nhận: mục lịch hiện gạch ngang kèm nhãn trên trang công khai.' },
  'lct-da-khoi-phuc': { kind: 'success', message: 'Đã khôi phục mục lịch: mục hiện nhãn "Điều chỉnh" trên trang công khai.' },
  'lct-da-go': { kind: 'success', message: 'Đã gỡ mục lịch khỏi trang công khai.' },
};

export function scheduleFlashOf(request: FastifyRequest): FlashMessage | undefined {
  const query = (request.query ?? {}) as Record<string, unknown>;
  if (query.tb === 'lct-da-cong-bo-tuan') {
    const count = Number.parseInt(String(query.so ?? '0'), 10) || 0;
    return { kind: 'success', message: `Đã công bố lịch tuần: ${formatNumber(count)} mục lịch hiện trên trang công khai ngay.` };
  }
  if (query.tb === 'lct-da-chep') {
    const count = Number.parseInt(String(query.so ?? '0'), 10) || 0;
    return { kind: 'success', message: `Đã chép ${formatNumber(count)} mục lặp lại từ tuần trước thành bản nháp: hãy xem lại rồi công bố.` };
  }
  return (typeof query.tb === 'string' ? FLASHES[query.tb] : undefined) ?? flashOf(request);
}

/** The badges of an entry: its publication, and "Hoãn"/"Huỷ"/"Điều chỉnh" when readers see one. */
export function EntryBadges({ entry }: { entry: Pick<ScheduleEntry, 'publication' | 'cancellation' | 'isChanged'> }) {
  return (
    <>
      <span class={`badge badge--${entry.publication}`}>{PUBLICATION_LABELS[entry.publication]}</span>
      {entry.cancellation && <span class="badge badge--returned">{CANCELLATION_LABELS[entry.cancellation]}</span>}
      {!entry.cancellation && entry.isChanged && <span class="badge badge--scheduled">Điều chỉnh</span>}
    </>
  );
}

export function formErrorsOf(error: AppError): FieldError[] {
  return [{ field: error.field, message: error.help ? `${error.message} ${error.help}` : error.message }];
}

/** The form's values as text: what was stored, or what was typed when the form comes back with an error. */
export type FormValues = Record<string, string>;

export const FORM_FIELDS = ['day', 'isAllDay', 'startTime', 'endTime', 'content', 'place', 'attendees', 'preparer', 'note', 'isRecurring'] as const;

export function valuesOfFields(fields: ScheduleEntryFields): FormValues {
  return {
    day: formatDay(fields.day),
    isAllDay: fields.startTime === null ? '1' : '',
    startTime: fields.startTime ?? '',
    endTime: fields.endTime ?? '',
    content: fields.content,
    place: fields.place,
    attendees: fields.attendees.join('\n'),
    preparer: fields.preparer,
    note: fields.note,
    isRecurring: fields.isRecurring ? '1' : '',
  };
}

/** The fields of an entry's form (new or existing). */
export function EntryFields({ values, errors }: { values: FormValues; errors?: FieldError[] }) {
  const error = (field: string) => errorFor(errors, field);
  return (
    <>
      <TextField name="day" label="Ngày" value={values.day} isRequired isShort inputMode="numeric" placeholder="dd/mm/yyyy" help="Ngày/tháng/năm, ví dụ 23/11/2026." error={error('day')} />
      <Checkbox name="isAllDay" label="Cả ngày" isChecked={values.isAllDay === '1'} help="Chọn khi công việc kéo dài cả ngày (đi công tác cơ sở…): không cần ghi giờ." error={error('isAllDay')} />
      <TextField name="startTime" label="Giờ bắt đầu" value={values.startTime} isShort placeholder="07:30" help="Giờ:phút, ví dụ 07:30 hoặc 14h00." error={error('startTime')} />
      <TextField name="endTime" label="Giờ kết thúc (không bắt buộc)" value={values.endTime} isShort placeholder="11:00" error={error('endTime')} />
      <TextArea name="content" label="Nội dung công việc" value={values.content} isRequired rows={3} maxLength={ENTRY_LIMITS.content} error={error('content')} />
      <TextField name="place" label="Địa điểm" value={values.place} maxLength={ENTRY_LIMITS.place} error={error('place')} />
      <TextArea name="attendees" label="Chủ trì, tham dự" value={values.attendees} rows={3} maxLength={ENTRY_LIMITS.attendees} help="Mỗi dòng một người hoặc một thành phần, ví dụ: Ông A Kang - Giám đốc Sở." error={error('attendees')} />
      <TextField name="preparer" label="Đơn vị chuẩn bị" value={values.preparer} maxLength={ENTRY_LIMITS.preparer} error={error('preparer')} />
      <TextArea name="note" label="Ghi chú" value={values.note} rows={2} maxLength={ENTRY_LIMITS.note} error={error('note')} />
      <Checkbox name="isRecurring" label="Lặp lại hằng tuần" isChecked={values.isRecurring === '1'} help='Ví dụ giao ban đầu tuần, tiếp công dân định kỳ: nút "Chép các mục lặp lại của tuần trước" ở tuần sau chép mục này thành bản nháp.' error={error('isRecurring')} />
    </>
  );
}
