/**
 * The Q&A staff screens (Hỏi đáp): the inbox by tab (new, being handled, due soon,
 * overdue, answered, rejected) with each deadline, a question's page (assign, draft the
 * answer in the rich-text editor, publish, reject with a reason, personal data), the
 * settings and topics, and the operator's report. Each handler calls one use-case of the
 * questions module, which checks the actor; contact details come only to those who may see them.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInputError } from '../../platform/errors.js';
import { formatNumber } from '../../platform/i18n/vi.js';
import { hasPermission } from '../accounts/index.js';
import { contentDispositionFor } from '../media/index.js';
import {
  INBOX_TABS,
  addTopic,
  assignQuestion,
  eraseAskerData,
  exportInboxCsv,
  exportAskerData,
  getQuestionForStaff,
  listAssignees,
  listInbox,
  listTopics,
  publishQuestion,
  questionReport,
  readAttachment,
  readSettings,
  rejectQuestion,
  saveAnswer,
  unpublishQuestion,
  updateSettings,
  type InboxTab,
} from '../questions/index.js';
import { staffOf, type AdminUiDeps } from './admin-ui.routes.js';
import { formErrorsOf, isShownOnForm } from './documents.views.js';
import { Deadline, QuestionStatusBadge, ReportTable } from './questions.views.js';
import { PATHS, flashOf, seeOther, sendStaffPage, withFlash } from './staff-pages.js';
import { ConfirmForm, DataTable, DescriptionList, EmptyState, ErrorSummary, Form, FormActions, LinkButton, Pagination, Panel, RichTextField, Select, SubmitButton, TextArea, TextField, Time, errorFor, type FieldError, type FlashMessage } from './views/components.js';

const BASE = PATHS.questions;
export const QUESTION_PATHS = {
  inbox: BASE,
  question: (id: string) => `${BASE}/${id}`,
  settings: `${BASE}/cai-dat`,
  report: `${BASE}/bao-cao`,
  csv: `${BASE}/danh-sach.csv`,
} as const;
const PAGE_SIZE = 20;

const TAB_WORDS: Record<InboxTab, { view: string; label: string }> = {
  new: { view: 'moi', label: 'Mới' },
  assigned: { view: 'dang-xu-ly', label: 'Đang xử lý' },
  'due-soon': { view: 'sap-den-han', label: 'Sắp đến hạn' },
  overdue: { view: 'qua-han', label: 'Quá hạn' },
  answered: { view: 'da-tra-loi', label: 'Đã trả lời' },
  rejected: { view: 'tu-choi', label: 'Từ chối' },
};

const FLASHES: Record<string, FlashMessage> = {
  'hd-da-giao': { kind: 'success', message: 'Đã giao câu hỏi.' },
  'hd-da-luu': { kind: 'success', message: 'Đã lưu câu trả lời (bản nháp).' },
  'hd-da-xuat-ban': { kind: 'success', message: 'Đã xuất bản câu hỏi và câu trả lời trên trang công khai.' },
  'hd-da-go': { kind: 'success', message: 'Đã gỡ câu hỏi khỏi trang công khai.' },
  'hd-da-tu-choi': { kind: 'success', message: 'Đã từ chối câu hỏi; người hỏi xem được lý do khi tra cứu.' },
  'hd-da-xoa-du-lieu': { kind: 'success', message: 'Đã xoá thông tin cá nhân của người hỏi.' },
  'hd-da-luu-cai-dat': { kind: 'success', message: 'Đã lưu cài đặt.' },
  'hd-da-them-linh-vuc': { kind: 'success', message: 'Đã thêm lĩnh vực.' },
};

type Body = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);

function flashOfQuestions(request: FastifyRequest): FlashMessage | undefined {
  const code = (request.query as Record<string, unknown> | undefined)?.tb;
  return (typeof code === 'string' ? FLASHES[code] : undefined) ?? flashOf(request);
}

export function registerQuestionStaffRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  const local = (path: string) => path.slice('/admin'.length);

  admin.get(local(QUESTION_PATHS.inbox), async (request, reply) => {
    const staff = staffOf(request);
    const query = request.query as Record<string, string | undefined>;
    const tab = (Object.entries(TAB_WORDS).find(([, w]) => w.view === query.xem)?.[0] ?? 'new') as InboxTab;
    const page = Math.min(Math.max(1, Number.parseInt(String(query.trang ?? '1'), 10) || 1), 10_000);
    const inbox = await listInbox(deps.db, staff.scope, { tab, page, pageSize: PAGE_SIZE });
    const isPublisher = hasPermission(staff.scope.actor, 'question.publish');
    return sendStaffPage(reply, staff.frame, {
      title: 'Hỏi đáp',
      path: QUESTION_PATHS.inbox,
      flash: flashOfQuestions(request),
      actions: (
        <>
          <LinkButton href={QUESTION_PATHS.csv} label="Tải danh sách (CSV)" />
          {isPublisher && <LinkButton href={QUESTION_PATHS.report} label="Báo cáo" />}
          {isPublisher && <LinkButton href={QUESTION_PATHS.settings} label="Cài đặt và lĩnh vực" />}
        </>
      ),
      children: (
        <>
          <nav class="tabs" aria-label="Lọc câu hỏi">
            <ul>
              {INBOX_TABS.map((t) => (
                <li>
                  <a href={`${QUESTION_PATHS.inbox}?xem=${TAB_WORDS[t].view}`} aria-current={t === tab ? 'page' : undefined}>
                    {TAB_WORDS[t].label} ({formatNumber(inbox.counts[t])})
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <DataTable
            caption={`${formatNumber(inbox.total)} câu hỏi: ${TAB_WORDS[tab].label.toLowerCase()}`}
            columns={[
              { key: 'title', label: 'Câu hỏi' },
              { key: 'code', label: 'Mã' },
              { key: 'topic', label: 'Lĩnh vực' },
              { key: 'received', label: 'Ngày nhận' },
              { key: 'due', label: 'Hạn trả lời' },
              { key: 'assignee', label: 'Người xử lý' },
              { key: 'status', label: 'Tình trạng' },
            ]}
            rowHeader="title"
            rows={inbox.items.map((item) => ({
              title: <a href={QUESTION_PATHS.question(item.id)}>{item.title}</a>,
              code: item.trackingCode,
              topic: item.topicName,
              received: <Time value={item.receivedAt} />,
              due: <Deadline dueDay={item.dueDay} daysLeft={item.daysLeft} />,
              assignee: item.assigneeName ?? 'Chưa giao',
              status: <QuestionStatusBadge status={item.status} />,
            }))}
            empty={<EmptyState title="Không có câu hỏi nào ở đây." />}
          />
          <Pagination page={page} pageCount={Math.max(1, Math.ceil(inbox.total / PAGE_SIZE))} hrefFor={(p) => `${QUESTION_PATHS.inbox}?xem=${TAB_WORDS[tab].view}&trang=${p}`} />
        </>
      ),
    });
  });

  admin.get(local(QUESTION_PATHS.csv), async (request, reply) => {
    const { csv } = await exportInboxCsv(deps.db, staffOf(request).scope);
    return reply.header('cache-control', 'no-store').header('content-disposition', contentDispositionFor('hoi-dap.csv')).type('text/csv; charset=utf-8').send(csv);
  });

  const questionPage = async (request: FastifyRequest, reply: FastifyReply, id: string, input: { errors?: FieldError[]; values?: Record<string, string> } = {}, status = 200) => {
    const staff = staffOf(request);
    const q = await getQuestionForStaff(deps.db, staff.scope, id);
    const assignees = q.can.assign ? await listAssignees(deps.db, staff.scope) : [];
    const base = QUESTION_PATHS.question(q.id);
    const values = { publicTitle: q.publicTitle, publicBody: q.publicBody, answerHtml: q.answerHtml, ...input.values };
    const error = (field: string) => errorFor(input.errors, field);
    const hidden = <em>ẩn (chỉ trưởng ban biên tập xem được)</em>;
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: `Câu hỏi ${q.trackingCode}`,
        heading: (
          <>
            {q.title} <QuestionStatusBadge status={q.status} />
          </>
        ),
        path: QUESTION_PATHS.inbox,
        breadcrumbs: [{ href: QUESTION_PATHS.inbox, label: 'Hỏi đáp' }],
        flash: flashOfQuestions(request),
        islands: q.can.answer ? ['editor'] : [],
        isWide: true,
        actions: q.publication === 'published' && q.slug ? <LinkButton href={`/hoi-dap/${q.slug}`} label="Xem trên trang" /> : undefined,
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Panel title="Câu hỏi như người hỏi đã gửi" id="cau-hoi">
              <DescriptionList
                items={[
                  { term: 'Mã tra cứu', details: q.trackingCode },
                  { term: 'Lĩnh vực', details: q.topicName || '—' },
                  { term: 'Ngày nhận', details: <Time value={q.receivedAt} /> },
                  { term: 'Hạn trả lời', details: <Deadline dueDay={q.dueDay} daysLeft={q.daysLeft} /> },
                  { term: 'Người xử lý', details: q.assigneeName ?? 'Chưa giao' },
                  { term: 'Người hỏi', details: q.isPersonalDataErased ? <em>đã xoá</em> : q.askerName },
                  { term: 'Thư điện tử', details: q.isPersonalDataErased ? <em>đã xoá</em> : q.contact ? q.contact.email || '—' : hidden },
                  { term: 'Số điện thoại', details: q.isPersonalDataErased ? <em>đã xoá</em> : q.contact ? q.contact.phone || '—' : hidden },
                  { term: 'Tên hiển thị khi công bố', details: q.displayName || 'Công dân' },
                  { term: 'Tệp đính kèm', details: q.attachment ? <a href={`${base}/tep`}>{q.attachment.name}</a> : 'Không có' },
                ]}
              />
              <h3>Nội dung</h3>
              {q.body.split('\n').filter(Boolean).map((line) => (
                <p>{line}</p>
              ))}
              {q.status === 'rejected' && (
                <p>
                  <strong>Lý do từ chối:</strong> {q.rejectReason}
                </p>
              )}
            </Panel>
            {q.can.assign && (
              <Panel title="Giao xử lý" id="giao">
                <Form action={`${base}/giao`} csrfToken={staff.csrfToken}>
                  <Select name="assigneeId" label="Cán bộ xử lý" options={[{ value: '', label: 'Chọn cán bộ' }, ...assignees.map((a) => ({ value: a.id, label: a.name, isSelected: a.id === q.assigneeId }))]} error={error('assigneeId')} />
                  <FormActions>
                    <SubmitButton label="Giao" variant="secondary" />
                  </FormActions>
                </Form>
              </Panel>
            )}
            {q.can.answer && (
              <Panel title="Trả lời" id="tra-loi">
                <Form action={`${base}/tra-loi`} csrfToken={staff.csrfToken} isNoValidate attrs={{ 'data-article-form': true, 'data-upload-url': PATHS.upload }}>
                  <TextField name="publicTitle" label="Tiêu đề công bố" value={values.publicTitle} maxLength={200} help="Có thể sửa để bỏ thông tin cá nhân; bản gốc của người hỏi vẫn được giữ." error={error('publicTitle')} />
                  <TextArea name="publicBody" label="Nội dung câu hỏi công bố" value={values.publicBody} rows={6} maxLength={5_000} error={error('publicBody')} />
                  <RichTextField name="answerHtml" label="Câu trả lời" value={values.answerHtml} error={error('answerHtml')} />
                  <FormActions>
                    <SubmitButton label="Lưu bản nháp" variant="secondary" name="action" value="save" />
                    {q.can.publish && <SubmitButton label="Xuất bản câu hỏi và trả lời" name="action" value="publish" />}
                  </FormActions>
                </Form>
              </Panel>
            )}
            {q.can.reject && (
              <Panel title="Từ chối" id="tu-choi">
                <Form action={`${base}/tu-choi`} csrfToken={staff.csrfToken} isNoValidate>
                  <TextArea name="reason" label="Lý do (người hỏi đọc được khi tra cứu)" value={input.values?.reason ?? ''} rows={3} maxLength={1_000} error={error('reason')} />
                  <FormActions>
                    <SubmitButton label="Từ chối câu hỏi" variant="danger" />
                  </FormActions>
                </Form>
              </Panel>
            )}
            {q.can.unpublish && (
              <Panel title="Công bố" id="cong-bo">
                <ConfirmForm action={`${base}/go`} csrfToken={staff.csrfToken} label="Gỡ khỏi trang công khai" confirm="Gỡ câu hỏi này khỏi trang công khai?" />
              </Panel>
            )}
            {q.can.managePersonalData && !q.isPersonalDataErased && (
              <Panel title="Dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP)" id="du-lieu-ca-nhan">
                <p>Xuất hoặc xoá dữ liệu cá nhân của người hỏi theo yêu cầu. Mỗi lần đều được ghi vào nhật ký.</p>
                <Form action={`${base}/du-lieu-ca-nhan/xuat`} csrfToken={staff.csrfToken}>
                  <SubmitButton label="Xuất dữ liệu (JSON)" variant="secondary" />
                </Form>
                <ConfirmForm action={`${base}/du-lieu-ca-nhan/xoa`} csrfToken={staff.csrfToken} label="Xoá dữ liệu cá nhân ngay" confirm="Xoá họ tên, thư điện tử, số điện thoại và tệp đính kèm của người hỏi? Không khôi phục được." />
              </Panel>
            )}
            <Panel title="Lịch sử câu trả lời" id="lich-su">
              <DataTable
                caption={`${formatNumber(q.revisions.length)} lần lưu`}
                isCaptionHidden
                columns={[
                  { key: 'number', label: 'Lần' },
                  { key: 'author', label: 'Người lưu' },
                  { key: 'at', label: 'Lúc' },
                ]}
                rowHeader="number"
                rows={q.revisions.map((r) => ({ number: formatNumber(r.number), author: r.authorName, at: <Time value={r.createdAt} /> }))}
                empty={<p>Chưa lưu câu trả lời nào.</p>}
              />
            </Panel>
          </>
        ),
      },
      status,
    );
  };

  admin.get<{ Params: { id: string } }>(`${local(BASE)}/:id`, async (request, reply) => questionPage(request, reply, request.params.id));

  /** Runs one use-case from a form; a refusal the staff member can fix comes back beside the field. */
  const act = (path: string, run: (request: FastifyRequest<{ Params: { id: string } }>, body: Body) => Promise<string>) => {
    admin.post<{ Params: { id: string } }>(`${local(BASE)}/:id/${path}`, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      try {
        return seeOther(reply, withFlash(QUESTION_PATHS.question(request.params.id), await run(request, body)));
      } catch (error) {
        if (!isShownOnForm(error)) throw error;
        const values = Object.fromEntries(Object.entries(body).map(([k, v]) => [k, one(v) ?? '']));
        return questionPage(request, reply, request.params.id, { errors: formErrorsOf(error), values }, error.status);
      }
    });
  };

  act('giao', async (request, body) => {
    await assignQuestion(deps.db, staffOf(request).scope, { questionId: request.params.id, assigneeId: one(body.assigneeId) });
    return 'hd-da-giao';
  });
  act('tra-loi', async (request, body) => {
    const input = { questionId: request.params.id, publicTitle: one(body.publicTitle), publicBody: one(body.publicBody), answerHtml: one(body.answerHtml) };
    if (one(body.action) === 'publish') {
      await publishQuestion(deps.db, staffOf(request).scope, input);
      return 'hd-da-xuat-ban';
    }
    await saveAnswer(deps.db, staffOf(request).scope, input);
    return 'hd-da-luu';
  });
  act('tu-choi', async (request, body) => {
    await rejectQuestion(deps.db, staffOf(request).scope, { questionId: request.params.id, reason: one(body.reason) });
    return 'hd-da-tu-choi';
  });
  act('go', async (request) => {
    await unpublishQuestion(deps.db, staffOf(request).scope, { questionId: request.params.id });
    return 'hd-da-go';
  });
  act('du-lieu-ca-nhan/xoa', async (request) => {
    await eraseAskerData(deps.db, staffOf(request).scope, { questionId: request.params.id, mediaDir: deps.mediaDir });
    return 'hd-da-xoa-du-lieu';
  });

  admin.post<{ Params: { id: string } }>(`${local(BASE)}/:id/du-lieu-ca-nhan/xuat`, async (request, reply) => {
    const data = await exportAskerData(deps.db, staffOf(request).scope, { questionId: request.params.id });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', contentDispositionFor(`du-lieu-ca-nhan-${data.trackingCode}.json`))
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  // Private: only staff who may see the question; never under /media/.
  admin.get<{ Params: { id: string } }>(`${local(BASE)}/:id/tep`, async (request, reply) => {
    const staff = staffOf(request);
    const q = await getQuestionForStaff(deps.db, staff.scope, request.params.id);
    const row = await deps.db.selectFrom('questions').select(['attachment_path', 'attachment_name', 'attachment_type']).where('id', '=', q.id).executeTakeFirstOrThrow();
    const bytes = row.attachment_path ? await readAttachment(deps.mediaDir, row.attachment_path) : undefined;
    if (!bytes) throw new InvalidInputError('Câu hỏi không có tệp đính kèm (hoặc tệp đã bị xoá).');
    return reply
      .header('cache-control', 'no-store')
      .header('x-content-type-options', 'nosniff')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('content-disposition', contentDispositionFor(row.attachment_name ?? 'tep-dinh-kem'))
      .type(row.attachment_type ?? 'application/octet-stream')
      .send(bytes);
  });

  const settingsPage = async (request: FastifyRequest, reply: FastifyReply, input: { errors?: FieldError[]; values?: Record<string, string> } = {}, status = 200) => {
    const staff = staffOf(request);
    // The page is for those who may change it: a refusal here, not after typing.
    await questionReport(deps.db, staff.scope, { months: 1 });
    const [settings, topics] = await Promise.all([readSettings(deps.db, staff.scope.siteId), listTopics(deps.db, { siteId: staff.scope.siteId, now: staff.scope.now })]);
    const error = (field: string) => errorFor(input.errors, field);
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Cài đặt hỏi đáp',
        path: QUESTION_PATHS.inbox,
        breadcrumbs: [{ href: QUESTION_PATHS.inbox, label: 'Hỏi đáp' }],
        flash: flashOfQuestions(request),
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Panel title="Thời hạn và lưu trữ" id="thoi-han">
              <Form action={QUESTION_PATHS.settings} csrfToken={staff.csrfToken} isNoValidate>
                <TextField name="answerDays" label="Thời hạn trả lời (ngày làm việc)" isShort value={input.values?.answerDays ?? String(settings.answerDays)} help="Không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ. Áp dụng cho câu hỏi nhận từ nay." error={error('answerDays')} />
                <TextField name="retentionDays" label="Thời gian lưu thông tin cá nhân sau khi đóng câu hỏi (ngày)" isShort value={input.values?.retentionDays ?? String(settings.retentionDays)} help="Quá thời hạn này, họ tên, thư điện tử, số điện thoại và tệp đính kèm được tự động xoá." error={error('retentionDays')} />
                <FormActions>
                  <SubmitButton label="Lưu" />
                </FormActions>
              </Form>
            </Panel>
            <Panel title="Lĩnh vực" id="linh-vuc">
              <ul>
                {topics.map((t) => (
                  <li>{t.name}</li>
                ))}
              </ul>
              <Form action={`${QUESTION_PATHS.settings}/linh-vuc`} csrfToken={staff.csrfToken} isNoValidate>
                <TextField name="name" label="Thêm lĩnh vực" value={input.values?.name ?? ''} maxLength={100} error={error('name')} />
                <FormActions>
                  <SubmitButton label="Thêm" variant="secondary" />
                </FormActions>
              </Form>
            </Panel>
          </>
        ),
      },
      status,
    );
  };

  admin.get(local(QUESTION_PATHS.settings), async (request, reply) => settingsPage(request, reply));
  admin.post(local(QUESTION_PATHS.settings), async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await updateSettings(deps.db, staffOf(request).scope, { answerDays: one(body.answerDays), retentionDays: one(body.retentionDays) });
      return seeOther(reply, withFlash(QUESTION_PATHS.settings, 'hd-da-luu-cai-dat'));
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return settingsPage(request, reply, { errors: formErrorsOf(error), values: { answerDays: one(body.answerDays) ?? '', retentionDays: one(body.retentionDays) ?? '' } }, error.status);
    }
  });
  admin.post(`${local(QUESTION_PATHS.settings)}/linh-vuc`, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await addTopic(deps.db, staffOf(request).scope, { name: one(body.name) });
      return seeOther(reply, withFlash(QUESTION_PATHS.settings, 'hd-da-them-linh-vuc'));
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return settingsPage(request, reply, { errors: formErrorsOf(error), values: { name: one(body.name) ?? '' } }, error.status);
    }
  });

  admin.get(local(QUESTION_PATHS.report), async (request, reply) => {
    const staff = staffOf(request);
    const months = await questionReport(deps.db, staff.scope, { months: 12 });
    return sendStaffPage(reply, staff.frame, {
      title: 'Báo cáo hỏi đáp',
      path: QUESTION_PATHS.inbox,
      breadcrumbs: [{ href: QUESTION_PATHS.inbox, label: 'Hỏi đáp' }],
      children: (
        <Panel title="12 tháng gần nhất" id="bao-cao">
          <ReportTable months={months} />
          <p>Hạn trả lời tính theo ngày làm việc từ ngày nhận; "đúng hạn" là trả lời trong hoặc trước ngày hạn.</p>
        </Panel>
      ),
    });
  });
}
