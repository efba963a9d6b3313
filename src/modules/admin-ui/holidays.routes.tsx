/** Days off (/admin/ngay-nghi, 'holiday.manage'): the site's holidays by year, which every working-day deadline skips. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { formatDate, TIME_ZONE } from '../../platform/i18n/vi.js';
import { addHoliday, deleteHoliday, listHolidays, weekdayOf } from '../working-days/index.js';
import { staffOf, type AdminUiDeps } from './admin-ui.routes.js';
import { PATHS, flashOf, seeOther, sendStaffPage, withFlash } from './staff-pages.js';
import { ConfirmForm, DataTable, ErrorSummary, Form, FormActions, Panel, SubmitButton, TextField, type FieldError } from './views/components.js';

type Body = Record<string, unknown>;

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'];
const yearNow = (now: Date) => Number(new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric' }).format(now));
const text = (value: unknown) => (typeof value === 'string' ? value : '');

export function registerHolidaysRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  const holidaysPage = async (request: FastifyRequest, reply: FastifyReply, input: { year?: unknown; values?: Record<string, string>; errors?: FieldError[] } = {}, status = 200) => {
    const staff = staffOf(request);
    const requested = input.year ?? (request.query as Record<string, unknown> | undefined)?.nam;
    const holidays = await listHolidays(deps.db, staff.scope, { year: requested ?? yearNow(staff.scope.now) });
    const year = requested === undefined ? yearNow(staff.scope.now) : Number(String(requested).trim());
    const error = (field: string) => input.errors?.find((e) => e.field === field)?.message;
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: `Ngày nghỉ lễ năm ${year}`,
        path: PATHS.holidays,
        flash: flashOf(request),
        children: (
          <>
            <p>Các ngày này và thứ Bảy, Chủ nhật không tính là ngày làm việc khi tính hạn trả lời câu hỏi và các thời hạn khác của trang.</p>
            <nav aria-label="Chọn năm" class="row-actions">
              <a href={`${PATHS.holidays}?nam=${year - 1}`}>← Năm {year - 1}</a> <a href={`${PATHS.holidays}?nam=${year + 1}`}>Năm {year + 1} →</a>
            </nav>
            <DataTable
              caption={`${holidays.length} ngày nghỉ trong năm ${year}`}
              columns={[
                { key: 'day', label: 'Ngày' },
                { key: 'weekday', label: 'Thứ' },
                { key: 'name', label: 'Tên ngày nghỉ' },
                { key: 'actions', label: 'Thao tác' },
              ]}
              rowHeader="day"
              rows={holidays.map((holiday) => ({
                day: <time datetime={holiday.day}>{formatDate(`${holiday.day}T12:00:00+07:00`)}</time>,
                weekday: WEEKDAYS[weekdayOf(holiday.day)]!,
                name: holiday.name,
                actions: (
                  <ConfirmForm
                    action={`${PATHS.holidays}/${encodeURIComponent(holiday.id)}/xoa`}
                    csrfToken={staff.csrfToken}
                    label="Xoá"
                    confirm={`Xoá ngày nghỉ ${formatDate(`${holiday.day}T12:00:00+07:00`)}? Ngày này sẽ thành ngày làm việc khi tính hạn.`}
                    context={`${formatDate(`${holiday.day}T12:00:00+07:00`)} ${holiday.name}`}
                    fields={{ nam: String(year) }}
                  />
                ),
              }))}
              empty="Năm này chưa có ngày nghỉ nào."
            />
            <Panel title="Thêm ngày nghỉ">
              {input.errors && <ErrorSummary errors={input.errors} title="Chưa thêm được. Vui lòng sửa các lỗi sau:" />}
              <Form action={PATHS.holidays} csrfToken={staff.csrfToken}>
                <TextField name="day" label="Ngày" help="Dạng dd/mm/yyyy, ví dụ 02/09/2027." value={input.values?.day} isRequired maxLength={10} inputMode="numeric" isShort error={error('day')} />
                <TextField name="name" label="Tên ngày nghỉ" help='Ví dụ "Tết Nguyên đán" hoặc "Nghỉ bù Quốc khánh".' value={input.values?.name} isRequired maxLength={120} error={error('name')} />
                <FormActions>
                  <SubmitButton label="Thêm ngày nghỉ" />
                </FormActions>
              </Form>
            </Panel>
          </>
        ),
      },
      status,
    );
  };

  admin.get('/ngay-nghi', (request, reply) => holidaysPage(request, reply));

  admin.post('/ngay-nghi', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    let day: string;
    try {
      day = (await addHoliday(deps.db, staffOf(request).scope, { day: body.day, name: body.name })).day;
    } catch (error) {
      // Bad input: the form again, with what was typed; anything else (forbidden…) goes to the error page.
      if (!(error instanceof AppError) || error.code !== 'INVALID_INPUT') throw error;
      const values = { day: text(body.day).slice(0, 40), name: text(body.name).slice(0, 200) };
      const year = /(\d{4})\s*$/.exec(values.day)?.[1] ?? /^(\d{4})-/.exec(values.day)?.[1];
      return holidaysPage(request, reply, { year: year && Number(year) >= 2000 && Number(year) <= 2100 ? year : undefined, values, errors: [{ field: error.field ?? 'form', message: error.message }] }, 400);
    }
    return seeOther(reply, withFlash(`${PATHS.holidays}?nam=${day.slice(0, 4)}`, 'da-luu'));
  });

  admin.post<{ Params: { id: string } }>('/ngay-nghi/:id/xoa', async (request, reply) => {
    const deleted = await deleteHoliday(deps.db, staffOf(request).scope, { id: request.params.id });
    return seeOther(reply, withFlash(`${PATHS.holidays}?nam=${deleted.day.slice(0, 4)}`, 'da-xoa'));
  });
}
