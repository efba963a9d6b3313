/**
 * The access-to-information staff screens (Tiếp cận thông tin): the inbox of requests by
 * tab with each deadline, a request's page (the requester's data, take up, extend once,
 * answer with a file of the media library, refuse, personal data), the focal point form,
 * the list of public information (add, edit, reorder, delete) and the exports. Each handler
 * calls one use-case of the information-access module, which checks the actor.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { formatNumber } from '../../platform/i18n/vi.js';
import {
  DELIVERY_LABELS,
  INBOX_TABS,
  InformationItemNotFoundError,
  MAX_EXTENSION_DAYS,
  addInformationItem,
  answerRequest,
  deleteInformationItem,
  eraseRequesterData,
  exportRequesterData,
  exportRequestsCsv,
  exportRequestsXlsx,
  extendRequest,
  getRequestForStaff,
  listItemsForStaff,
  listRequestInbox,
  moveInformationItem,
  readInformationSettings,
  refuseRequest,
  takeUpRequest,
  updateInformationItem,
  updateInformationSettings,
  type InboxTab,
} from '../information-access/index.js';
import { InvalidInputError } from '../../platform/errors.js';
import { MAX_DOCUMENT_BYTES, contentDispositionFor, listMedia, uploadToLibrary } from '../media/index.js';
import { staffOf, type AdminUiDeps } from './admin-ui.routes.js';
import { formErrorsOf, isShownOnForm } from './documents.views.js';
import { readUpload } from './multipart-upload.js';
import { RequestDeadline, RequestStatusBadge, dayText } from './information-access.views.js';
import { PATHS, flashOf, seeOther, sendStaffPage, withFlash } from './staff-pages.js';
import { Checkbox, ConfirmForm, DataTable, DescriptionList, EmptyState, ErrorSummary, Form, FormActions, LinkButton, Pagination, Panel, RichTextField, Select, SubmitButton, TextArea, TextField, Time, errorFor, type FieldError, type FlashMessage } from './views/components.js';

const BASE = PATHS.informationRequests;
export const INFORMATION_PATHS = {
  inbox: BASE,
  request: (id: string) => `${BASE}/${encodeURIComponent(id)}`,
  contact: `${BASE}/dau-moi`,
  items: `${BASE}/danh-muc`,
  item: (id: string) => `${BASE}/danh-muc/${encodeURIComponent(id)}`,
  csv: `${BASE}/yeu-cau.csv`,
  xlsx: `${BASE}/yeu-cau.xlsx`,
} as const;
const PAGE_SIZE = 20;

const TAB_WORDS: Record<InboxTab, { view: string; label: string }> = {
  new: { view: 'moi', label: 'Mới' },
  'in-progress': { view: 'dang-xu-ly', label: 'Đang xử lý' },
  'due-soon': { view: 'sap-den-han', label: 'Sắp đến hạn' },
  overdue: { view: 'qua-han', label: 'Quá hạn' },
  answered: { view: 'da-tra-loi', label: 'Đã trả lời' },
  refused: { view: 'tu-choi', label: 'Từ chối' },
};

const FLASHES: Record<string, FlashMessage> = {
  'tt-da-nhan': { kind: 'success', message: 'Bạn đã nhận xử lý yêu cầu.' },
  'tt-da-gia-han': { kind: 'success', message: 'Đã gia hạn; người yêu cầu xem được hạn mới và lý do khi tra cứu.' },
  'tt-da-tai-tep': { kind: 'success', message: 'Đã tải tệp vào thư viện và chọn nó để gửi kèm câu trả lời.' },
  'tt-da-tra-loi': { kind: 'success', message: 'Đã trả lời; người yêu cầu đọc được câu trả lời khi tra cứu.' },
  'tt-da-tu-choi': { kind: 'success', message: 'Đã từ chối; người yêu cầu xem được lý do khi tra cứu.' },
  'tt-da-xoa-du-lieu': { kind: 'success', message: 'Đã xoá dữ liệu cá nhân của người yêu cầu.' },
  'tt-da-luu-dau-moi': { kind: 'success', message: 'Đã lưu đầu mối cung cấp thông tin.' },
  'tt-da-them-muc': { kind: 'success', message: 'Đã thêm mục vào danh mục.' },
  'tt-da-sua-muc': { kind: 'success', message: 'Đã lưu mục.' },
  'tt-da-chuyen-muc': { kind: 'success', message: 'Đã đổi thứ tự.' },
  'tt-da-xoa-muc': { kind: 'success', message: 'Đã xoá mục khỏi danh mục.' },
};

type Body = Record<string, string | string[] | undefined>;
const one = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value[0] : value);
const bodyOf = (request: FastifyRequest): Body => (request.body ?? {}) as Body;
const valuesOf = (body: Body) => Object.fromEntries(Object.entries(body).map(([k, v]) => [k, one(v) ?? '']));

function flashOfPage(request: FastifyRequest): FlashMessage | undefined {
  const code = (request.query as Record<string, unknown> | undefined)?.tb;
  return (typeof code === 'string' ? FLASHES[code] : undefined) ?? flashOf(request);
}

export function registerInformationAccessStaffRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  const local = (path: string) => path.slice('/admin'.length);
  const crumbs = [{ href: INFORMATION_PATHS.inbox, label: 'Tiếp cận thông tin' }];

  // ——— the inbox and the exports ———

  admin.get(local(INFORMATION_PATHS.inbox), async (request, reply) => {
    const staff = staffOf(request);
    const query = request.query as Record<string, string | undefined>;
    const tab = (Object.entries(TAB_WORDS).find(([, w]) => w.view === query.xem)?.[0] ?? 'new') as InboxTab;
    const page = Math.min(Math.max(1, Number.parseInt(String(query.trang ?? '1'), 10) || 1), 10_000);
    const inbox = await listRequestInbox(deps.db, staff.scope, { tab, page, pageSize: PAGE_SIZE });
    return sendStaffPage(reply, staff.frame, {
      title: 'Tiếp cận thông tin',
      path: INFORMATION_PATHS.inbox,
      flash: flashOfPage(request),
      actions: (
        <>
          <LinkButton href={INFORMATION_PATHS.items} label="Danh mục thông tin công khai" />
          <LinkButton href={INFORMATION_PATHS.contact} label="Đầu mối và cài đặt" />
          <LinkButton href={INFORMATION_PATHS.csv} label="Tải danh sách (CSV)" />
          <LinkButton href={INFORMATION_PATHS.xlsx} label="Tải danh sách (Excel)" />
        </>
      ),
      children: (
        <>
          <nav class="tabs" aria-label="Lọc yêu cầu">
            <ul>
              {INBOX_TABS.map((t) => (
                <li>
                  <a href={`${INFORMATION_PATHS.inbox}?xem=${TAB_WORDS[t].view}`} aria-current={t === tab ? 'page' : undefined}>
                    {TAB_WORDS[t].label} ({formatNumber(inbox.counts[t])})
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <DataTable
            caption={`${formatNumber(inbox.total)} yêu cầu: ${TAB_WORDS[tab].label.toLowerCase()}`}
            columns={[
              { key: 'code', label: 'Mã' },
              { key: 'summary', label: 'Thông tin yêu cầu' },
              { key: 'requester', label: 'Người yêu cầu' },
              { key: 'received', label: 'Ngày nhận' },
              { key: 'due', label: 'Hạn trả lời' },
              { key: 'status', label: 'Tình trạng' },
            ]}
            rowHeader="code"
            rows={inbox.items.map((item) => ({
              code: <a href={INFORMATION_PATHS.request(item.id)}>{item.trackingCode}</a>,
              summary: item.summary,
              requester: item.fullName ? `${item.fullName} (${item.maskedIdNumber})` : <em>đã xoá</em>,
              received: <Time value={item.receivedAt} />,
              due: <RequestDeadline dueDay={item.dueDay} daysLeft={item.daysLeft} />,
              status: <RequestStatusBadge status={item.status} />,
            }))}
            empty={<EmptyState title="Không có yêu cầu nào ở đây." />}
          />
          <Pagination page={page} pageCount={Math.max(1, Math.ceil(inbox.total / PAGE_SIZE))} hrefFor={(p) => `${INFORMATION_PATHS.inbox}?xem=${TAB_WORDS[tab].view}&trang=${p}`} />
        </>
      ),
    });
  });

  admin.get(local(INFORMATION_PATHS.csv), async (request, reply) => {
    const { csv } = await exportRequestsCsv(deps.db, staffOf(request).scope);
    return reply.header('cache-control', 'no-store').header('content-disposition', contentDispositionFor('yeu-cau-cung-cap-thong-tin.csv')).type('text/csv; charset=utf-8').send(csv);
  });

  admin.get(local(INFORMATION_PATHS.xlsx), async (request, reply) => {
    const { bytes } = await exportRequestsXlsx(deps.db, staffOf(request).scope);
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', contentDispositionFor('yeu-cau-cung-cap-thong-tin.xlsx'))
      .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .send(bytes);
  });

  // ——— the focal point ———

  const contactPage = async (request: FastifyRequest, reply: FastifyReply, input: { errors?: FieldError[]; values?: Record<string, string> } = {}, status = 200) => {
    const staff = staffOf(request);
    // The page is for those who may change it: a refusal here, not after typing.
    await listItemsForStaff(deps.db, staff.scope);
    const settings = await readInformationSettings(deps.db, staff.scope.siteId);
    const c = settings.contact;
    const v = input.values ?? { name: c.name, position: c.position, unit: c.unit, phone: c.phone, email: c.email, address: c.address, hours: c.hours, retentionMonths: String(settings.retentionMonths) };
    const error = (field: string) => errorFor(input.errors, field);
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Đầu mối cung cấp thông tin',
        path: INFORMATION_PATHS.inbox,
        breadcrumbs: crumbs,
        flash: flashOfPage(request),
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Panel title="Đầu mối (hiện trên trang Tiếp cận thông tin)" id="dau-moi">
              <Form action={INFORMATION_PATHS.contact} csrfToken={staff.csrfToken} isNoValidate>
                <TextField name="name" label="Người hoặc bộ phận đầu mối" value={v.name ?? ''} maxLength={150} isRequired error={error('name')} />
                <TextField name="position" label="Chức vụ" value={v.position ?? ''} maxLength={150} error={error('position')} />
                <TextField name="unit" label="Đơn vị" value={v.unit ?? ''} maxLength={200} error={error('unit')} />
                <TextField name="phone" label="Điện thoại" value={v.phone ?? ''} maxLength={30} error={error('phone')} />
                <TextField name="email" label="Thư điện tử" value={v.email ?? ''} maxLength={254} error={error('email')} />
                <TextField name="address" label="Địa chỉ" value={v.address ?? ''} maxLength={300} error={error('address')} />
                <TextField name="hours" label="Thời gian tiếp nhận" value={v.hours ?? ''} maxLength={300} error={error('hours')} />
                <TextField name="retentionMonths" label="Thời gian lưu dữ liệu cá nhân sau khi đóng yêu cầu (tháng)" isShort value={v.retentionMonths ?? ''} help="Quá thời hạn này, họ tên, số định danh, địa chỉ, điện thoại và thư điện tử của người yêu cầu được tự động xoá." error={error('retentionMonths')} />
                <FormActions>
                  <SubmitButton label="Lưu" />
                </FormActions>
              </Form>
            </Panel>
          </>
        ),
      },
      status,
    );
  };

  admin.get(local(INFORMATION_PATHS.contact), async (request, reply) => contactPage(request, reply));
  admin.post(local(INFORMATION_PATHS.contact), async (request, reply) => {
    const body = bodyOf(request);
    try {
      await updateInformationSettings(deps.db, staffOf(request).scope, {
        name: one(body.name),
        position: one(body.position),
        unit: one(body.unit),
        phone: one(body.phone),
        email: one(body.email),
        address: one(body.address),
        hours: one(body.hours),
        retentionMonths: one(body.retentionMonths),
      });
      return seeOther(reply, withFlash(INFORMATION_PATHS.contact, 'tt-da-luu-dau-moi'));
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return contactPage(request, reply, { errors: formErrorsOf(error), values: valuesOf(body) }, error.status);
    }
  });

  // ——— the list of public information ———

  const itemsPage = async (request: FastifyRequest, reply: FastifyReply, input: { errors?: FieldError[]; values?: Record<string, string>; editing?: string } = {}, status = 200) => {
    const staff = staffOf(request);
    const items = await listItemsForStaff(deps.db, staff.scope);
    const error = (field: string) => errorFor(input.errors, field);
    const isAdding = !input.editing;
    const v = isAdding ? (input.values ?? {}) : {};
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Danh mục thông tin công khai',
        path: INFORMATION_PATHS.inbox,
        breadcrumbs: crumbs,
        flash: flashOfPage(request),
        actions: <LinkButton href="/tiep-can-thong-tin" label="Xem trên trang" />,
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Panel title="Các mục" id="cac-muc">
              <DataTable
                caption={`${formatNumber(items.length)} mục, theo thứ tự hiện trên trang`}
                columns={[
                  { key: 'title', label: 'Thông tin' },
                  { key: 'category', label: 'Nhóm' },
                  { key: 'updated', label: 'Cập nhật' },
                  { key: 'state', label: 'Công khai' },
                  { key: 'actions', label: 'Thao tác' },
                ]}
                rowHeader="title"
                rows={items.map((item, index) => ({
                  title: (
                    <>
                      {item.title}
                      <br />
                      <small>{item.link}</small>
                    </>
                  ),
                  category: item.category || '—',
                  updated: dayText(item.updatedDay),
                  state: item.publication === 'published' ? 'Có' : 'Không',
                  actions: (
                    <>
                      <a href={`${INFORMATION_PATHS.item(item.id)}#sua-muc`}>Sửa</a>
                      {index > 0 && (
                        <Form action={`${INFORMATION_PATHS.item(item.id)}/di-chuyen`} csrfToken={staff.csrfToken} class="inline-form">
                          <input type="hidden" name="direction" value="up" />
                          <SubmitButton label={<>Lên<span class="visually-hidden"> ({item.title})</span></>} variant="secondary" />
                        </Form>
                      )}
                      {index < items.length - 1 && (
                        <Form action={`${INFORMATION_PATHS.item(item.id)}/di-chuyen`} csrfToken={staff.csrfToken} class="inline-form">
                          <input type="hidden" name="direction" value="down" />
                          <SubmitButton label={<>Xuống<span class="visually-hidden"> ({item.title})</span></>} variant="secondary" />
                        </Form>
                      )}
                      <ConfirmForm action={`${INFORMATION_PATHS.item(item.id)}/xoa`} csrfToken={staff.csrfToken} label="Xoá" context={item.title} confirm={`Xoá "${item.title}" khỏi danh mục?`} />
                    </>
                  ),
                }))}
                empty={<p>Chưa có mục nào.</p>}
              />
            </Panel>
            {isAdding && (
              <Panel title="Thêm mục" id="them-muc">
                <ItemForm action={INFORMATION_PATHS.items} csrfToken={staff.csrfToken} values={v} error={error} submitLabel="Thêm" />
              </Panel>
            )}
          </>
        ),
      },
      status,
    );
  };

  const itemEditPage = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, input: { errors?: FieldError[]; values?: Record<string, string> } = {}, status = 200) => {
    const staff = staffOf(request);
    const items = await listItemsForStaff(deps.db, staff.scope);
    const item = items.find((i) => i.id === request.params.id);
    if (!item) throw new InformationItemNotFoundError();
    const v = input.values ?? { title: item.title, category: item.category, link: item.link, updatedDay: dayText(item.updatedDay), isPublished: item.publication === 'published' ? '1' : '' };
    const error = (field: string) => errorFor(input.errors, field);
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: `Sửa mục: ${item.title}`,
        path: INFORMATION_PATHS.inbox,
        breadcrumbs: [...crumbs, { href: INFORMATION_PATHS.items, label: 'Danh mục thông tin công khai' }],
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Panel title="Sửa mục" id="sua-muc">
              <ItemForm action={INFORMATION_PATHS.item(item.id)} csrfToken={staff.csrfToken} values={v} error={error} submitLabel="Lưu" />
            </Panel>
          </>
        ),
      },
      status,
    );
  };

  // Text fields go to the service as sent: a repeated field (an array) is refused there, not trimmed to its first value.
  const itemInput = (body: Body) => ({ title: body.title, category: body.category, link: body.link, updatedDay: body.updatedDay, isPublished: one(body.isPublished) ?? '' });

  admin.get(local(INFORMATION_PATHS.items), async (request, reply) => itemsPage(request, reply));
  admin.post(local(INFORMATION_PATHS.items), async (request, reply) => {
    const body = bodyOf(request);
    try {
      await addInformationItem(deps.db, staffOf(request).scope, itemInput(body));
      return seeOther(reply, withFlash(INFORMATION_PATHS.items, 'tt-da-them-muc'));
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return itemsPage(request, reply, { errors: formErrorsOf(error), values: { ...valuesOf(body), isPublished: one(body.isPublished) ?? '' } }, error.status);
    }
  });
  admin.get<{ Params: { id: string } }>(`${local(INFORMATION_PATHS.items)}/:id`, async (request, reply) => itemEditPage(request, reply));
  admin.post<{ Params: { id: string } }>(`${local(INFORMATION_PATHS.items)}/:id`, async (request, reply) => {
    const body = bodyOf(request);
    try {
      await updateInformationItem(deps.db, staffOf(request).scope, { itemId: request.params.id, ...itemInput(body) });
      return seeOther(reply, withFlash(INFORMATION_PATHS.items, 'tt-da-sua-muc'));
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return itemEditPage(request, reply, { errors: formErrorsOf(error), values: { ...valuesOf(body), isPublished: one(body.isPublished) ?? '' } }, error.status);
    }
  });
  admin.post<{ Params: { id: string } }>(`${local(INFORMATION_PATHS.items)}/:id/di-chuyen`, async (request, reply) => {
    await moveInformationItem(deps.db, staffOf(request).scope, { itemId: request.params.id, direction: one(bodyOf(request).direction) });
    return seeOther(reply, withFlash(INFORMATION_PATHS.items, 'tt-da-chuyen-muc'));
  });
  admin.post<{ Params: { id: string } }>(`${local(INFORMATION_PATHS.items)}/:id/xoa`, async (request, reply) => {
    await deleteInformationItem(deps.db, staffOf(request).scope, { itemId: request.params.id });
    return seeOther(reply, withFlash(INFORMATION_PATHS.items, 'tt-da-xoa-muc'));
  });

  // ——— one request ———

  const requestPage = async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, input: { errors?: FieldError[]; values?: Record<string, string> } = {}, status = 200) => {
    const staff = staffOf(request);
    const r = await getRequestForStaff(deps.db, staff.scope, request.params.id);
    const documents = r.can.answer ? (await listMedia(deps.db, { siteId: staff.scope.siteId, kind: 'document', page: 1, pageSize: 50 })).items : [];
    const base = INFORMATION_PATHS.request(r.id);
    const error = (field: string) => errorFor(input.errors, field);
    const erased = <em>đã xoá</em>;
    // After an upload the new file comes back preselected (?tep=<id>).
    const chosenFile = input.values?.mediaId ?? (typeof (request.query as Record<string, unknown>).tep === 'string' ? String((request.query as Record<string, unknown>).tep) : '');
    const personal = (value: string) => (r.isPersonalDataErased ? erased : value || '—');
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: `Yêu cầu ${r.trackingCode}`,
        heading: (
          <>
            Yêu cầu {r.trackingCode} <RequestStatusBadge status={r.status} />
          </>
        ),
        path: INFORMATION_PATHS.inbox,
        breadcrumbs: crumbs,
        flash: flashOfPage(request),
        islands: r.can.answer ? ['editor'] : [],
        isWide: true,
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Panel title="Phiếu yêu cầu" id="phieu">
              <DescriptionList
                items={[
                  { term: 'Mã tra cứu', details: r.trackingCode },
                  { term: 'Ngày nhận', details: <Time value={r.receivedAt} /> },
                  { term: 'Hạn trả lời', details: <RequestDeadline dueDay={r.dueDay} daysLeft={r.daysLeft} /> },
                  ...(r.extensionReason ? [{ term: 'Hạn ban đầu', details: dayText(r.firstDueDay) }, { term: 'Lý do gia hạn', details: r.extensionReason }] : []),
                  { term: 'Người xử lý', details: r.handlerName ?? 'Chưa có' },
                  { term: 'Họ và tên', details: personal(r.fullName) },
                  { term: 'Số định danh cá nhân / CCCD', details: personal(r.idNumber) },
                  { term: 'Địa chỉ', details: personal(r.address) },
                  { term: 'Số điện thoại', details: personal(r.phone) },
                  { term: 'Thư điện tử', details: personal(r.email) },
                  { term: 'Cách nhận thông tin', details: DELIVERY_LABELS[r.delivery] ?? r.delivery },
                ]}
              />
              <h3>Thông tin cần cung cấp</h3>
              {r.content.split('\n').filter(Boolean).map((line) => (
                <p>{line}</p>
              ))}
              <h3>Mục đích sử dụng</h3>
              {r.purpose.split('\n').filter(Boolean).map((line) => (
                <p>{line}</p>
              ))}
              {r.status === 'refused' && (
                <p>
                  <strong>Lý do từ chối:</strong> {r.refuseReason}
                </p>
              )}
              {r.status === 'answered' && (
                <>
                  <h3>Câu trả lời</h3>
                  {/* Sanitised by sanitizeBody when saved. */}
                  <div class="article-body" dangerouslySetInnerHTML={{ __html: r.answerHtml }} />
                  {r.answerMedia && (
                    <p>
                      Tệp đính kèm: <a href={r.answerMedia.url}>{r.answerMedia.name}</a>
                    </p>
                  )}
                </>
              )}
            </Panel>
            {r.can.takeUp && (
              <Panel title="Nhận xử lý" id="nhan-xu-ly">
                <Form action={`${base}/nhan-xu-ly`} csrfToken={staff.csrfToken}>
                  <FormActions>
                    <SubmitButton label="Tôi nhận xử lý yêu cầu này" variant="secondary" />
                  </FormActions>
                </Form>
              </Panel>
            )}
            {r.can.answer && (
              <Panel title="Trả lời" id="tra-loi">
                <Form action={`${base}/tra-loi`} csrfToken={staff.csrfToken} isNoValidate attrs={{ 'data-article-form': true, 'data-upload-url': PATHS.upload }}>
                  <RichTextField name="answerHtml" label="Nội dung trả lời (người yêu cầu đọc khi tra cứu)" value={input.values?.answerHtml ?? ''} error={error('answerHtml')} />
                  <Select
                    name="mediaId"
                    label="Tệp thông tin gửi kèm (từ thư viện)"
                    help={<>Tải tệp lên <a href={PATHS.media}>Thư viện</a> rồi chọn ở đây. Tệp trong thư viện ai có đường dẫn cũng tải được.</>}
                    options={[{ value: '', label: 'Không gửi kèm tệp' }, ...documents.map((m) => ({ value: m.id, label: m.originalName || m.id, isSelected: m.id === chosenFile }))]}
                    error={error('mediaId')}
                  />
                  <FormActions>
                    <SubmitButton label="Gửi câu trả lời" />
                  </FormActions>
                </Form>
              </Panel>
            )}
            {r.can.answer && (
              <Panel title="Tải tệp lên để gửi kèm" id="tai-tep">
                <Form action={`${base}/tep/tai-len`} csrfToken={staff.csrfToken} enctype="multipart/form-data">
                  <div class="field">
                    <label class="field__label" for="file">
                      Tệp (PDF, DOCX, XLSX…, tối đa {formatNumber(Math.round(MAX_DOCUMENT_BYTES / 1024 / 1024))} MB)
                    </label>
                    <input id="file" name="file" type="file" aria-invalid={error('file') ? 'true' : undefined} aria-describedby={error('file') ? 'file-error' : undefined} />
                    {error('file') && (
                      <p class="field__error" id="file-error">
                        {error('file')}
                      </p>
                    )}
                  </div>
                  <FormActions>
                    <SubmitButton label="Tải lên" variant="secondary" />
                  </FormActions>
                </Form>
              </Panel>
            )}
            {r.can.extend && (
              <Panel title="Gia hạn (một lần)" id="gia-han">
                <Form action={`${base}/gia-han`} csrfToken={staff.csrfToken} isNoValidate>
                  <TextField name="days" label={`Số ngày làm việc gia hạn (1–${MAX_EXTENSION_DAYS})`} isShort value={input.values?.days ?? String(MAX_EXTENSION_DAYS)} help="Tính tiếp từ hạn ban đầu, không tính ngày nghỉ." error={error('days')} />
                  <TextArea name="reason" label="Lý do gia hạn (người yêu cầu đọc được)" value={input.values?.reason ?? ''} rows={3} maxLength={1_000} error={error('reason')} />
                  <FormActions>
                    <SubmitButton label="Gia hạn" variant="secondary" />
                  </FormActions>
                </Form>
              </Panel>
            )}
            {r.can.refuse && (
              <Panel title="Từ chối cung cấp" id="tu-choi">
                <Form action={`${base}/tu-choi`} csrfToken={staff.csrfToken} isNoValidate>
                  <TextArea name="refuseReason" label="Lý do từ chối, nêu căn cứ pháp luật (người yêu cầu đọc được)" value={input.values?.refuseReason ?? ''} rows={3} maxLength={1_000} help="Ví dụ: thông tin thuộc bí mật nhà nước (Điều 6 Luật Tiếp cận thông tin)." error={error('refuseReason')} />
                  <FormActions>
                    <SubmitButton label="Từ chối yêu cầu" variant="danger" />
                  </FormActions>
                </Form>
              </Panel>
            )}
            {r.can.managePersonalData && (
              <Panel title="Dữ liệu cá nhân (Nghị định 13/2023/NĐ-CP)" id="du-lieu-ca-nhan">
                <p>Xuất hoặc xoá dữ liệu cá nhân của người yêu cầu theo yêu cầu của họ. Mỗi lần đều được ghi vào nhật ký.</p>
                <Form action={`${base}/du-lieu-ca-nhan/xuat`} csrfToken={staff.csrfToken}>
                  <SubmitButton label="Xuất dữ liệu (JSON)" variant="secondary" />
                </Form>
                <ConfirmForm action={`${base}/du-lieu-ca-nhan/xoa`} csrfToken={staff.csrfToken} label="Xoá dữ liệu cá nhân ngay" confirm="Xoá họ tên, số định danh, địa chỉ, điện thoại và thư điện tử của người yêu cầu? Không khôi phục được." />
              </Panel>
            )}
          </>
        ),
      },
      status,
    );
  };

  admin.get<{ Params: { id: string } }>(`${local(BASE)}/:id`, async (request, reply) => requestPage(request, reply));

  /** Runs one use-case from a form; a refusal the staff member can fix comes back beside the field. */
  const act = (path: string, run: (request: FastifyRequest<{ Params: { id: string } }>, body: Body) => Promise<string>) => {
    admin.post<{ Params: { id: string } }>(`${local(BASE)}/:id/${path}`, async (request, reply) => {
      const body = bodyOf(request);
      try {
        return seeOther(reply, withFlash(INFORMATION_PATHS.request(request.params.id), await run(request, body)));
      } catch (error) {
        if (!isShownOnForm(error)) throw error;
        return requestPage(request, reply, { errors: formErrorsOf(error), values: valuesOf(body) }, error.status);
      }
    });
  };

  act('nhan-xu-ly', async (request) => {
    await takeUpRequest(deps.db, staffOf(request).scope, { requestId: request.params.id });
    return 'tt-da-nhan';
  });
  act('gia-han', async (request, body) => {
    await extendRequest(deps.db, staffOf(request).scope, { requestId: request.params.id, days: one(body.days), reason: one(body.reason) });
    return 'tt-da-gia-han';
  });
  act('tra-loi', async (request, body) => {
    await answerRequest(deps.db, staffOf(request).scope, { requestId: request.params.id, answerHtml: one(body.answerHtml), mediaId: one(body.mediaId) });
    return 'tt-da-tra-loi';
  });
  act('tu-choi', async (request, body) => {
    await refuseRequest(deps.db, staffOf(request).scope, { requestId: request.params.id, reason: one(body.refuseReason) });
    return 'tt-da-tu-choi';
  });
  act('du-lieu-ca-nhan/xoa', async (request) => {
    await eraseRequesterData(deps.db, staffOf(request).scope, { requestId: request.params.id });
    return 'tt-da-xoa-du-lieu';
  });

  // The request is checked (open, and the actor may handle it) before the file is stored in the library.
  admin.post<{ Params: { id: string } }>(`${local(BASE)}/:id/tep/tai-len`, { config: { isCsrfCheckedByHandler: true, rateLimit: { max: 20, timeWindow: 60_000 } } }, async (request, reply) => {
    const staff = staffOf(request);
    let mediaId: string;
    try {
      const r = await getRequestForStaff(deps.db, staff.scope, request.params.id);
      if (!r.can.answer) throw new InvalidInputError('Yêu cầu đã đóng: không gửi kèm tệp được nữa.', { field: 'file' });
      const { file } = await readUpload(request, MAX_DOCUMENT_BYTES);
      if (!file) throw new InvalidInputError('Chưa chọn tệp để tải lên.', { field: 'file' });
      const media = await uploadToLibrary(deps.db, deps.mediaDir, staff.scope, { bytes: file.bytes, originalName: file.name });
      if (media.kind !== 'document') throw new InvalidInputError('Tệp gửi kèm phải là một tài liệu (PDF, DOCX…), không phải ảnh. Ảnh đã vào thư viện của trang.', { field: 'file' });
      mediaId = media.id;
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return requestPage(request, reply, { errors: formErrorsOf(error) }, error.status);
    }
    return seeOther(reply, withFlash(`${INFORMATION_PATHS.request(request.params.id)}?tep=${encodeURIComponent(mediaId)}`, 'tt-da-tai-tep'));
  });

  admin.post<{ Params: { id: string } }>(`${local(BASE)}/:id/du-lieu-ca-nhan/xuat`, async (request, reply) => {
    const data = await exportRequesterData(deps.db, staffOf(request).scope, { requestId: request.params.id });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', contentDispositionFor(`du-lieu-ca-nhan-${data.trackingCode}.json`))
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

}

function ItemForm({ action, csrfToken, values, error, submitLabel }: { action: string; csrfToken: string; values: Record<string, string>; error: (field: string) => string | undefined; submitLabel: string }) {
  return (
    <Form action={action} csrfToken={csrfToken} isNoValidate>
      <TextField name="title" label="Tên thông tin" value={values.title ?? ''} maxLength={300} isRequired error={error('title')} />
      <TextField name="category" label="Nhóm thông tin" value={values.category ?? ''} maxLength={150} help="Ví dụ: Văn bản, Số liệu thống kê, Tài chính, ngân sách." error={error('category')} />
      <TextField name="link" label="Đường dẫn" value={values.link ?? ''} maxLength={500} isRequired help="Một trang của cổng, bắt đầu bằng / (ví dụ /van-ban?type=quyet-dinh, /cong-khai-ngan-sach), hoặc một địa chỉ https://." error={error('link')} />
      <TextField name="updatedDay" label="Ngày cập nhật (dd/mm/yyyy)" isShort value={values.updatedDay ?? ''} maxLength={10} help="Để trống: hôm nay." error={error('updatedDay')} />
      <Checkbox name="isPublished" label="Hiện trên trang công khai" isChecked={values.isPublished === undefined || values.isPublished === '1' || values.isPublished === 'on'} error={error('isPublished')} />
      <FormActions>
        <SubmitButton label={submitLabel} />
      </FormActions>
    </Form>
  );
}
