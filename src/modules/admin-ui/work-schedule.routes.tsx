/**
 * The leaders' work schedule's staff screens (Lịch công tác): the week grid with its
 * "Công bố lịch tuần" button, and an entry's form with its publication steps (publish,
 * postpone or cancel, restore, take down) and revisions. Each handler translates a form
 * into one use-case of the work-schedule module, which checks permissions and audits;
 * its errors come back on the form in Vietnamese.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatNumber } from '../../platform/i18n/vi.js';
import { requirePermission } from '../accounts/index.js';
import {
  cancelScheduleEntry,
  copyRecurringEntries,
  createScheduleEntry,
  daysOf,
  deleteScheduleEntry,
  formatDay,
  getScheduleEntryForEditing,
  getScheduleWeekForStaff,
  isoWeekOf,
  parseDay,
  parseWeek,
  publishScheduleEntry,
  publishScheduleWeek,
  restoreScheduleEntry,
  timeWords,
  unpublishScheduleEntry,
  updateScheduleEntry,
  weekKey,
  weekOfNow,
  weekPath,
  weekdayName,
  addWeeks,
  type ScheduleEntry,
  type ScheduleEntryInput,
} from '../work-schedule/index.js';
import { isFormError, staffOf, type AdminUiDeps } from './admin-ui.routes.js';
import { seeOther, sendStaffPage, withFlash } from './staff-pages.js';
import { ConfirmForm, DataTable, DescriptionList, EmptyState, ErrorSummary, Form, FormActions, LinkButton, Panel, Select, SubmitButton, TextField, Time, type FieldError, type FlashMessage } from './views/components.js';
import { EntryBadges, EntryFields, FORM_FIELDS, SCHEDULE_PATHS, formErrorsOf, scheduleFlashOf, valuesOfFields, type FormValues } from './work-schedule.views.js';

type Body = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function valuesOfBody(body: Body): FormValues {
  return Object.fromEntries(FORM_FIELDS.map((name) => [name, one(body[name])]));
}

/** The use-case's input from the form; an unchecked "Cả ngày" box sends nothing, which means "not all day". */
function inputOfBody(body: Body): ScheduleEntryInput {
  return {
    day: one(body.day),
    isAllDay: one(body.isAllDay) === '1',
    startTime: one(body.startTime),
    endTime: one(body.endTime),
    content: one(body.content),
    place: one(body.place),
    attendees: one(body.attendees),
    preparer: one(body.preparer),
    note: one(body.note),
    isRecurring: one(body.isRecurring) === '1',
  };
}

function timeText(entry: Pick<ScheduleEntry, 'startTime' | 'endTime'>): string {
  if (!entry.startTime) return 'Cả ngày';
  return entry.endTime ? `${timeWords(entry.startTime)} – ${timeWords(entry.endTime)}` : timeWords(entry.startTime);
}

function weekTitle(key: string): string {
  const week = parseWeek(key)!;
  const days = daysOf(week);
  return `tuần ${week.week} năm ${week.year} (${formatDay(days[0]!)} – ${formatDay(days[6]!)})`;
}

export function registerWorkScheduleStaffRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  // ---- The week grid ----

  const weekPage = async (request: FastifyRequest, reply: FastifyReply, input: { week?: string; flash?: FlashMessage } = {}, status = 200) => {
    const staff = staffOf(request);
    const query = request.query as Record<string, string | undefined>;
    const wanted = input.week ?? query.tuan;
    const asked = wanted === undefined || wanted === '' ? weekKey(weekOfNow(staff.scope.now)) : wanted;
    const schedule = await getScheduleWeekForStaff(deps.db, staff.scope, { week: asked });
    const week = parseWeek(schedule.week)!;
    const days = daysOf(week);
    const thisWeek = weekKey(weekOfNow(staff.scope.now));
    const hasPublic = schedule.entries.some((e) => e.publication === 'published');
    return sendStaffPage(reply, staff.frame, {
      title: `Lịch công tác ${weekTitle(schedule.week)}`,
      path: SCHEDULE_PATHS.entries,
      flash: input.flash ?? scheduleFlashOf(request),
      isWide: true,
      actions: (
        <>
          <LinkButton href={SCHEDULE_PATHS.create(days[0])} label="Thêm mục lịch" variant="primary" />
          {hasPublic && <LinkButton href={weekPath(schedule.week)} label="Xem trên trang công khai" />}
        </>
      ),
      children: (
        <>
          <nav class="tabs" aria-label="Chọn tuần">
            <ul>
              <li>
                <a href={SCHEDULE_PATHS.week(weekKey(addWeeks(week, -1)))}>← Tuần trước</a>
              </li>
              <li>
                <a href={SCHEDULE_PATHS.week(thisWeek)} aria-current={schedule.week === thisWeek ? 'page' : undefined}>
                  Tuần này
                </a>
              </li>
              <li>
                <a href={SCHEDULE_PATHS.week(weekKey(addWeeks(week, 1)))}>Tuần sau →</a>
              </li>
            </ul>
          </nav>
          <Panel title="Công bố">
            {schedule.draftCount === 0 ? (
              <p>Tuần này không có mục lịch nháp nào chờ công bố.</p>
            ) : schedule.can.publish ? (
              <Form action={SCHEDULE_PATHS.publishWeek} csrfToken={staff.csrfToken}>
                <input type="hidden" name="week" value={schedule.week} />
                <p>Có {formatNumber(schedule.draftCount)} mục lịch nháp: công bố để người dân thấy trên trang Lịch công tác và trong lịch iCalendar.</p>
                <FormActions>
                  <SubmitButton label={`Công bố lịch tuần (${formatNumber(schedule.draftCount)} mục)`} />
                </FormActions>
              </Form>
            ) : (
              <p>Có {formatNumber(schedule.draftCount)} mục lịch nháp. Trưởng ban biên tập hoặc quản trị công bố lịch tuần.</p>
            )}
          </Panel>
          <DataTable
            caption={`Lịch công tác ${weekTitle(schedule.week)}: ${formatNumber(schedule.entries.length)} mục`}
            id="bang-lich-tuan"
            columns={[
              { key: 'day', label: 'Ngày' },
              { key: 'time', label: 'Thời gian' },
              { key: 'content', label: 'Nội dung' },
              { key: 'place', label: 'Địa điểm' },
              { key: 'attendees', label: 'Chủ trì, tham dự' },
              { key: 'status', label: 'Trạng thái' },
              { key: 'updated', label: 'Sửa lần cuối' },
            ]}
            rowHeader="content"
            rows={schedule.entries.map((entry) => ({
              day: `${weekdayName(entry.day)} ${formatDay(entry.day)}`,
              time: timeText(entry),
              content: <a href={SCHEDULE_PATHS.entry(entry.id)}>{entry.content.split('\n')[0]}</a>,
              place: entry.place,
              attendees: entry.attendees.join('; '),
              status: <EntryBadges entry={entry} />,
              updated: <Time value={entry.updatedAt} />,
            }))}
            empty={<EmptyState title="Tuần này chưa có mục lịch nào." action={{ href: SCHEDULE_PATHS.create(days[0]), label: 'Thêm mục lịch' }} />}
          />
          <Panel title="Chép lịch tuần trước">
            <Form action={SCHEDULE_PATHS.copyRecurring} csrfToken={staff.csrfToken}>
              <input type="hidden" name="week" value={schedule.week} />
              <p>Chép các mục đánh dấu "Lặp lại hằng tuần" của tuần trước sang tuần này (cùng thứ, cùng giờ) thành bản nháp. Mục đã có trong tuần này không bị chép lại.</p>
              <FormActions>
                <SubmitButton label="Chép các mục lặp lại của tuần trước" variant="secondary" />
              </FormActions>
            </Form>
          </Panel>
          <Panel title="Thêm mục lịch theo ngày">
            <ul class="inline-list">
              {days.map((day) => (
                <li>
                  <a href={SCHEDULE_PATHS.create(day)}>
                    {weekdayName(day)} {formatDay(day)}
                  </a>
                </li>
              ))}
            </ul>
          </Panel>
        </>
      ),
    }, status);
  };

  admin.get('/lich-cong-tac', (request, reply) => weekPage(request, reply));

  admin.post('/lich-cong-tac/cong-bo-tuan', async (request, reply) => {
    const staff = staffOf(request);
    const week = one(((request.body ?? {}) as Body).week).slice(0, 20);
    try {
      const { count, week: key } = await publishScheduleWeek(deps.db, staff.scope, { week });
      return seeOther(reply, `${SCHEDULE_PATHS.week(key)}&tb=lct-da-cong-bo-tuan&so=${count}`);
    } catch (error) {
      // A step that does not fit (nothing to publish): the week again, saying why.
      if (!isFormError(error) || error.code === 'INVALID_INPUT') throw error;
      return weekPage(request, reply, { week, flash: { kind: 'error', message: error.help ? `${error.message} ${error.help}` : error.message } }, error.status);
    }
  });

  admin.post('/lich-cong-tac/chep-tuan-truoc', async (request, reply) => {
    const staff = staffOf(request);
    const week = one(((request.body ?? {}) as Body).week).slice(0, 20);
    const { count, week: key } = await copyRecurringEntries(deps.db, staff.scope, { week });
    return seeOther(reply, count > 0 ? `${SCHEDULE_PATHS.week(key)}&tb=lct-da-chep&so=${count}` : withFlash(SCHEDULE_PATHS.week(key), 'lct-khong-co-muc-lap-lai'));
  });

  // ---- A new entry ----

  const newEntryPage = async (request: FastifyRequest, reply: FastifyReply, input: { values?: FormValues; errors?: FieldError[] } = {}, status = 200) => {
    const staff = staffOf(request);
    // The use-case's own check, before showing a form the actor could not use.
    requirePermission(staff.scope.actor, 'schedule.edit');
    const asked = parseDay(String((request.query as Record<string, unknown>).ngay ?? '').slice(0, 20));
    const values = input.values ?? { day: asked ? formatDay(asked) : '' };
    const backWeek = asked ? weekKey(isoWeekOf(asked)) : undefined;
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Thêm mục lịch công tác',
        path: SCHEDULE_PATHS.entries,
        breadcrumbs: [{ href: SCHEDULE_PATHS.week(backWeek), label: 'Lịch công tác' }],
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Form action={SCHEDULE_PATHS.entries} csrfToken={staff.csrfToken} isNoValidate>
              <EntryFields values={values} errors={input.errors} />
              <FormActions>
                <SubmitButton label="Lưu bản nháp" />
              </FormActions>
            </Form>
          </>
        ),
      },
      status,
    );
  };

  admin.get('/lich-cong-tac/moi', (request, reply) => newEntryPage(request, reply));

  admin.post('/lich-cong-tac', async (request, reply) => {
    const staff = staffOf(request);
    const body = (request.body ?? {}) as Body;
    try {
      const { week } = await createScheduleEntry(deps.db, staff.scope, inputOfBody(body));
      return seeOther(reply, withFlash(SCHEDULE_PATHS.week(week), 'lct-da-them'));
    } catch (error) {
      if (!isFormError(error)) throw error;
      return newEntryPage(request, reply, { values: valuesOfBody(body), errors: formErrorsOf(error) }, error.status);
    }
  });

  // ---- An entry ----

  const entryPage = async (request: FastifyRequest, reply: FastifyReply, entryId: string, input: { values?: FormValues; errors?: FieldError[]; flash?: FlashMessage } = {}, status = 200) => {
    const staff = staffOf(request);
    const { entry, revisions, can } = await getScheduleEntryForEditing(deps.db, staff.scope, entryId);
    const base = SCHEDULE_PATHS.entry(entry.id);
    const values = input.values ?? valuesOfFields(entry);
    const isPublic = entry.publication === 'published';
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: `Mục lịch ${weekdayName(entry.day)} ${formatDay(entry.day)}`,
        heading: (
          <>
            Mục lịch {weekdayName(entry.day)} {formatDay(entry.day)} <EntryBadges entry={entry} />
          </>
        ),
        path: SCHEDULE_PATHS.entries,
        breadcrumbs: [{ href: SCHEDULE_PATHS.week(entry.week), label: `Lịch công tác ${weekTitle(entry.week)}` }],
        flash: input.flash ?? scheduleFlashOf(request),
        isWide: true,
        actions: isPublic ? <LinkButton href={`${weekPath(entry.week)}#muc-${entry.id}`} label="Xem trên trang công khai" /> : undefined,
        children: (
          <div class="editor-layout">
            <div class="editor-layout__main">
              {input.errors && <ErrorSummary errors={input.errors} />}
              {can.edit ? (
                <Form action={base} csrfToken={staff.csrfToken} isNoValidate>
                  {isPublic && <p>Mục lịch đang hiển thị công khai: khi lưu, người dân thấy nhãn "Điều chỉnh" và ứng dụng lịch nhận bản mới.</p>}
                  <EntryFields values={values} errors={input.errors} />
                  <FormActions>
                    <SubmitButton label="Lưu" />
                  </FormActions>
                </Form>
              ) : (
                <Panel title="Nội dung mục lịch">
                  <p>Mục lịch đang hiển thị công khai: chỉ trưởng ban biên tập hoặc quản trị được sửa, hoãn hoặc huỷ.</p>
                  <DescriptionList
                    items={[
                      { term: 'Ngày', details: `${weekdayName(entry.day)} ${formatDay(entry.day)}` },
                      { term: 'Thời gian', details: timeText(entry) },
                      { term: 'Nội dung', details: entry.content },
                      { term: 'Địa điểm', details: entry.place },
                      { term: 'Chủ trì, tham dự', details: entry.attendees.join('; ') },
                      { term: 'Đơn vị chuẩn bị', details: entry.preparer },
                      { term: 'Ghi chú', details: entry.note },
                    ]}
                  />
                </Panel>
              )}

              <Panel title="Các phiên bản" id="phien-ban">
                <DataTable
                  caption={`${formatNumber(revisions.length)} phiên bản, mới nhất trước`}
                  columns={[
                    { key: 'number', label: 'Số', isNumeric: true },
                    { key: 'time', label: 'Lúc lưu' },
                    { key: 'author', label: 'Người lưu' },
                    { key: 'when', label: 'Ngày, giờ lúc lưu' },
                    { key: 'content', label: 'Nội dung lúc lưu' },
                    { key: 'state', label: 'Trạng thái lúc lưu' },
                  ]}
                  rows={revisions.map((revision) => ({
                    number: formatNumber(revision.number),
                    time: <Time value={revision.createdAt} />,
                    author: revision.authorName,
                    when: revision.snapshot.day ? `${formatDay(revision.snapshot.day)}, ${timeText({ startTime: revision.snapshot.startTime ?? null, endTime: revision.snapshot.endTime ?? null })}` : '',
                    content: revision.snapshot.content ?? '',
                    state: [revision.snapshot.publication === 'published' ? 'Đã công bố' : revision.snapshot.publication === 'unpublished' ? 'Đã gỡ xuống' : 'Bản nháp', revision.snapshot.cancellation === 'postponed' ? 'Hoãn' : revision.snapshot.cancellation === 'cancelled' ? 'Huỷ' : ''].filter(Boolean).join(', '),
                  }))}
                  empty="Chưa có phiên bản nào."
                />
              </Panel>
            </div>

            <aside class="editor-layout__side" aria-label="Công bố">
              <Panel title="Công bố">
                <p>
                  <EntryBadges entry={entry} />
                </p>
                {entry.cancelReason && <p>Lý do: {entry.cancelReason}</p>}
                {can.publish && (
                  <Form action={`${base}/cong-bo`} csrfToken={staff.csrfToken}>
                    <SubmitButton label="Công bố mục này" />
                  </Form>
                )}
                {can.cancel && (
                  <Form action={`${base}/hoan-huy`} csrfToken={staff.csrfToken}>
                    <Select
                      name="kind"
                      label="Hoãn hoặc huỷ"
                      options={[
                        { value: 'postponed', label: 'Hoãn', isSelected: input.values?.kind !== 'cancelled' },
                        { value: 'cancelled', label: 'Huỷ', isSelected: input.values?.kind === 'cancelled' },
                      ]}
                      error={input.errors?.find((e) => e.field === 'kind')?.message}
                    />
                    <TextField name="reason" label="Lý do (không bắt buộc)" value={input.values?.reason} maxLength={500} error={input.errors?.find((e) => e.field === 'reason')?.message} />
                    <FormActions>
                      <SubmitButton label="Ghi nhận hoãn, huỷ" variant="secondary" />
                    </FormActions>
                  </Form>
                )}
                {can.restore && (
                  <Form action={`${base}/khoi-phuc`} csrfToken={staff.csrfToken}>
                    <SubmitButton label="Khôi phục (vẫn diễn ra)" variant="secondary" />
                  </Form>
                )}
                {can.unpublish && <ConfirmForm action={`${base}/go-xuong`} csrfToken={staff.csrfToken} label="Gỡ khỏi trang công khai" confirm="Gỡ mục lịch khỏi trang công khai? Nếu công việc không diễn ra, nên chọn Hoãn hoặc Huỷ để người dân thấy thay đổi." />}
                {can.delete && <ConfirmForm action={`${base}/xoa`} csrfToken={staff.csrfToken} label="Xoá mục lịch" confirm="Xoá mục lịch này?" />}
                {isPublic && !can.cancel && !can.restore && !can.unpublish && <p>Trưởng ban biên tập hoặc quản trị công bố, hoãn hoặc huỷ mục lịch.</p>}
              </Panel>
              <Panel title="Thông tin">
                <DescriptionList
                  isCompact
                  items={[
                    { term: 'Tạo lúc', details: <Time value={entry.createdAt} /> },
                    { term: 'Sửa lần cuối', details: <Time value={entry.updatedAt} /> },
                    { term: 'Công bố lần đầu', details: entry.publishedAt ? <Time value={entry.publishedAt} /> : 'Chưa' },
                    { term: 'Số lần thay đổi sau khi công bố', details: formatNumber(entry.sequence) },
                  ]}
                />
              </Panel>
            </aside>
          </div>
        ),
      },
      status,
    );
  };

  /** A failed step on an entry's page: its message on the page (beside its field when it has one). */
  const entryFailure = (request: FastifyRequest, reply: FastifyReply, entryId: string, values?: FormValues) => (error: unknown) => {
    if (!isFormError(error)) throw error;
    return entryPage(request, reply, entryId, { values, errors: formErrorsOf(error) }, error.status);
  };

  admin.get<{ Params: { id: string } }>('/lich-cong-tac/:id', (request, reply) => entryPage(request, reply, request.params.id));

  admin.post<{ Params: { id: string } }>('/lich-cong-tac/:id', async (request, reply) => {
    const staff = staffOf(request);
    const body = (request.body ?? {}) as Body;
    try {
      const before = await getScheduleEntryForEditing(deps.db, staff.scope, request.params.id);
      const { week } = await updateScheduleEntry(deps.db, staff.scope, { entryId: request.params.id, fields: inputOfBody(body) });
      return seeOther(reply, withFlash(SCHEDULE_PATHS.week(week), before.entry.publication === 'published' ? 'lct-da-luu-cong-khai' : 'lct-da-luu'));
    } catch (error) {
      return entryFailure(request, reply, request.params.id, valuesOfBody(body))(error);
    }
  });

  const step = (path: string, run: (scope: ReturnType<typeof staffOf>['scope'], entryId: string, body: Body) => Promise<{ week: string }>, flash: string, toWeek = false) => {
    admin.post<{ Params: { id: string } }>(`/lich-cong-tac/:id/${path}`, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      let week: string;
      try {
        week = (await run(staffOf(request).scope, request.params.id, body)).week;
      } catch (error) {
        return entryFailure(request, reply, request.params.id, { kind: one(body.kind), reason: one(body.reason) })(error);
      }
      return seeOther(reply, withFlash(toWeek ? SCHEDULE_PATHS.week(week) : SCHEDULE_PATHS.entry(request.params.id), flash));
    });
  };
  step('cong-bo', (scope, entryId) => publishScheduleEntry(deps.db, scope, { entryId }), 'lct-da-cong-bo');
  step('hoan-huy', (scope, entryId, body) => cancelScheduleEntry(deps.db, scope, { entryId, kind: one(body.kind), reason: one(body.reason) }), 'lct-da-hoan-huy');
  step('khoi-phuc', (scope, entryId) => restoreScheduleEntry(deps.db, scope, { entryId }), 'lct-da-khoi-phuc');
  step('go-xuong', (scope, entryId) => unpublishScheduleEntry(deps.db, scope, { entryId }), 'lct-da-go');
  step('xoa', (scope, entryId) => deleteScheduleEntry(deps.db, scope, { entryId }), 'lct-da-xoa', true);
}
