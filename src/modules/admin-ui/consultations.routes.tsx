/**
 * Staff screens of draft consultations (/admin/du-thao): the list, a draft's form with its
 * files, opening (publishing), closing early and revisions; its comments with filters and
 * exports (CSV, XLSX); the report on how comments were taken in; personal-data requests
 * and the retention setting. Each handler translates a form into one use-case of the
 * consultations module, which checks permissions and audits; errors come back in Vietnamese.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInputError, type AppError } from '../../platform/errors.js';
import { formatNumber } from '../../platform/i18n/vi.js';
import {
  CONSULTATIONS_PATH,
  ORG_TYPES,
  ORG_TYPE_LABELS,
  attachConsultationFile,
  closeConsultationEarly,
  createConsultation,
  detachConsultationFile,
  eraseCommenterData,
  exportCommenterData,
  exportCommentsCsv,
  exportCommentsXlsx,
  getConsultationForEditing,
  listComments,
  listConsultationsForStaff,
  publishConsultation,
  publishReport,
  readSettings,
  saveConsultation,
  saveReport,
  unpublishConsultation,
  updateSettings,
  type CommentFilters,
  type ConsultationFields,
} from '../consultations/index.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import { browseLibrary, contentDispositionFor, MAX_DOCUMENT_BYTES, uploadToLibrary } from '../media/index.js';
import { formatVietnamTimeInput } from '../projects/index.js';
import { isFormError, staffOf, type AdminUiDeps } from './admin-ui.routes.js';
import { CONSULTATION_PATHS, CommentsTable, ConsultationFormFields, FORM_FIELDS, PublicationBadge, StatusText, consultationFlashOf, type FormValues } from './consultations.views.js';
import { readUpload } from './multipart-upload.js';
import { PATHS, seeOther, sendStaffPage, withFlash } from './staff-pages.js';
import { ConfirmForm, DataTable, DescriptionList, EmptyState, ErrorSummary, Form, FormActions, LinkButton, Pagination, Panel, RichTextField, Select, SubmitButton, TextField, Time, errorFor, type FieldError, type FlashMessage } from './views/components.js';

const PAGE_SIZE = 20;
const COMMENTS_PAGE_SIZE = 50;
const LIBRARY_CHOICES = 50;
const LOCAL = '/du-thao';

type Body = Record<string, string | string[] | undefined>;

function one(value: unknown): string {
  return (Array.isArray(value) ? value[0] : typeof value === 'string' ? value : '') ?? '';
}

function formErrorsOf(error: AppError): FieldError[] {
  return [{ field: error.field, message: error.help ? `${error.message} ${error.help}` : error.message }];
}

function valuesOfBody(body: Body): FormValues {
  return Object.fromEntries(FORM_FIELDS.filter((name) => body[name] !== undefined).map((name) => [name, one(body[name])]));
}

function valuesOfFields(fields: ConsultationFields): FormValues {
  return { title: fields.title, slug: fields.slug, issuingUnit: fields.issuingUnit, summaryHtml: fields.summaryHtml, opensAt: formatVietnamTimeInput(fields.opensAt), closesAt: formatVietnamTimeInput(fields.closesAt) };
}

function filtersOf(query: Record<string, unknown>): CommentFilters {
  return { orgType: one(query.doi_tuong).slice(0, 40), section: one(query.dieu).slice(0, 200), q: one(query.q).slice(0, 400) };
}

function filterQuery(filters: CommentFilters): string {
  const params = new URLSearchParams();
  if (filters.orgType) params.set('doi_tuong', filters.orgType);
  if (filters.section) params.set('dieu', filters.section);
  if (filters.q) params.set('q', filters.q);
  const text = params.toString();
  return text ? `?${text}` : '';
}

export function registerConsultationStaffRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  // ---- The list ----

  admin.get(LOCAL, async (request, reply) => {
    const staff = staffOf(request);
    const page = Math.min(Math.max(1, Number.parseInt(one((request.query as Record<string, unknown>).trang) || '1', 10) || 1), 10_000);
    const result = await listConsultationsForStaff(deps.db, staff.scope, { page, pageSize: PAGE_SIZE });
    return sendStaffPage(reply, staff.frame, {
      title: 'Lấy ý kiến dự thảo',
      path: CONSULTATION_PATHS.list,
      flash: consultationFlashOf(request),
      actions: (
        <>
          <LinkButton href={CONSULTATION_PATHS.create} label="Thêm dự thảo" variant="primary" />
          {hasPermission(staff.scope.actor, 'personal_data.manage') && <LinkButton href={CONSULTATION_PATHS.settings} label="Thời gian lưu thông tin" />}
        </>
      ),
      children: (
        <>
          <DataTable
            caption={`${formatNumber(result.total)} dự thảo, kết thúc muộn nhất trước`}
            columns={[
              { key: 'title', label: 'Tên dự thảo' },
              { key: 'period', label: 'Thời gian lấy ý kiến' },
              { key: 'status', label: 'Tình trạng' },
              { key: 'publication', label: 'Công bố' },
              { key: 'comments', label: 'Góp ý', isNumeric: true },
            ]}
            rowHeader="title"
            rows={result.items.map((item) => ({
              title: <a href={CONSULTATION_PATHS.item(item.id)}>{item.title}</a>,
              period: (
                <>
                  <Time value={item.opensAt} /> – <Time value={item.closesAt} />
                </>
              ),
              status: <StatusText status={item.status} />,
              publication: <PublicationBadge publication={item.publication} />,
              comments: <a href={CONSULTATION_PATHS.comments(item.id)}>{formatNumber(item.commentCount)}</a>,
            }))}
            empty={<EmptyState title="Chưa có dự thảo nào." action={{ href: CONSULTATION_PATHS.create, label: 'Thêm dự thảo' }} />}
          />
          <Pagination page={page} pageCount={Math.max(1, Math.ceil(result.total / PAGE_SIZE))} hrefFor={(p) => `${CONSULTATION_PATHS.list}?trang=${p}`} />
        </>
      ),
    });
  });

  // ---- The retention setting ----

  const settingsPage = async (request: FastifyRequest, reply: FastifyReply, input: { value?: string; errors?: FieldError[] } = {}, status = 200) => {
    const staff = staffOf(request);
    requirePermission(staff.scope.actor, 'personal_data.manage');
    const settings = await readSettings(deps.db, staff.scope.siteId);
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Thời gian lưu thông tin người góp ý',
        path: CONSULTATION_PATHS.list,
        breadcrumbs: [{ href: CONSULTATION_PATHS.list, label: 'Lấy ý kiến dự thảo' }],
        flash: consultationFlashOf(request),
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Form action={CONSULTATION_PATHS.settings} csrfToken={staff.csrfToken}>
              <TextField name="retentionMonths" label="Số tháng sau khi kết thúc lấy ý kiến" value={input.value ?? String(settings.retentionMonths)} type="number" isShort isRequired help="Sau thời gian này, họ tên, thư điện tử và số điện thoại của người góp ý được tự động xoá (nội dung góp ý được giữ). Từ 1 đến 120 tháng." error={errorFor(input.errors, 'retentionMonths')} />
              <FormActions>
                <SubmitButton label="Lưu" />
              </FormActions>
            </Form>
          </>
        ),
      },
      status,
    );
  };

  admin.get(`${LOCAL}/cai-dat`, (request, reply) => settingsPage(request, reply));
  admin.post(`${LOCAL}/cai-dat`, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await updateSettings(deps.db, staffOf(request).scope, { retentionMonths: one(body.retentionMonths) });
    } catch (error) {
      if (!isFormError(error)) throw error;
      return settingsPage(request, reply, { value: one(body.retentionMonths).slice(0, 20), errors: formErrorsOf(error) }, error.status);
    }
    return seeOther(reply, withFlash(CONSULTATION_PATHS.settings, 'dt-da-luu-cai-dat'));
  });

  // ---- A new draft ----

  const newPage = async (request: FastifyRequest, reply: FastifyReply, input: { values?: FormValues; errors?: FieldError[] } = {}, status = 200) => {
    const staff = staffOf(request);
    requirePermission(staff.scope.actor, 'consultation.edit');
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Thêm dự thảo lấy ý kiến',
        path: CONSULTATION_PATHS.list,
        breadcrumbs: [{ href: CONSULTATION_PATHS.list, label: 'Lấy ý kiến dự thảo' }],
        islands: ['editor'],
        isWide: true,
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Form action={CONSULTATION_PATHS.list} csrfToken={staff.csrfToken} isNoValidate attrs={{ 'data-article-form': true, 'data-upload-url': PATHS.upload }}>
              <ConsultationFormFields values={input.values ?? {}} errors={input.errors} />
              <FormActions>
                <SubmitButton label="Lưu bản nháp" name="_action" value="save" />
                {hasPermission(staff.scope.actor, 'consultation.publish') && <SubmitButton label="Lưu và xuất bản" name="_action" value="publish" variant="secondary" />}
              </FormActions>
            </Form>
          </>
        ),
      },
      status,
    );
  };

  admin.get(`${LOCAL}/moi`, (request, reply) => newPage(request, reply));

  admin.post(LOCAL, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const isPublishing = one(body._action) === 'publish';
    try {
      const fields = Object.fromEntries(FORM_FIELDS.filter((name) => body[name] !== undefined).map((name) => [name, body[name]]));
      const { id } = await createConsultation(deps.db, staffOf(request).scope, { ...fields, isPublishing });
      return seeOther(reply, withFlash(CONSULTATION_PATHS.item(id), isPublishing ? 'dt-da-tao-xuat-ban' : 'dt-da-tao'));
    } catch (error) {
      if (!isFormError(error)) throw error;
      return newPage(request, reply, { values: valuesOfBody(body), errors: formErrorsOf(error) }, error.status);
    }
  });

  // ---- A draft ----

  const itemPage = async (request: FastifyRequest, reply: FastifyReply, id: string, input: { values?: FormValues; report?: string; errors?: FieldError[]; flash?: FlashMessage } = {}, status = 200) => {
    const staff = staffOf(request);
    const item = await getConsultationForEditing(deps.db, staff.scope, id);
    const canUpload = hasPermission(staff.scope.actor, 'media.upload') && item.can.edit;
    const fileQuery = one((request.query as Record<string, unknown>)['tim-tep']).slice(0, 200);
    const library = canUpload ? await browseLibrary(deps.db, staff.scope, { kind: 'document', query: fileQuery, page: 1, pageSize: LIBRARY_CHOICES }) : null;
    const attached = new Set(item.attachments.map((a) => a.mediaId));
    const choices = library ? library.items.filter((m) => !attached.has(m.id)) : [];
    const base = CONSULTATION_PATHS.item(item.id);
    const error = (field: string) => errorFor(input.errors, field);
    const values = { ...valuesOfFields(item.fields), ...(input.values ?? {}) };
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: item.fields.title,
        heading: (
          <>
            {item.fields.title} <PublicationBadge publication={item.publication} /> <StatusText status={item.status} />
          </>
        ),
        path: CONSULTATION_PATHS.list,
        breadcrumbs: [{ href: CONSULTATION_PATHS.list, label: 'Lấy ý kiến dự thảo' }],
        flash: input.flash ?? consultationFlashOf(request),
        islands: item.can.edit || item.can.editReport ? ['editor'] : [],
        isWide: true,
        actions: (
          <>
            <LinkButton href={CONSULTATION_PATHS.comments(item.id)} label={`Góp ý (${formatNumber(item.commentCount)})`} />
            {item.publication === 'published' && <LinkButton href={`${CONSULTATIONS_PATH}/${item.fields.slug}`} label="Xem trên trang công khai" />}
          </>
        ),
        children: (
          <div class="editor-layout">
            <div class="editor-layout__main">
              {input.errors && <ErrorSummary errors={input.errors} />}
              {item.can.edit ? (
                <Form action={base} csrfToken={staff.csrfToken} isNoValidate attrs={{ 'data-article-form': true, 'data-upload-url': PATHS.upload }}>
                  <ConsultationFormFields values={values} errors={input.errors} />
                  <FormActions>
                    <SubmitButton label="Lưu" />
                  </FormActions>
                </Form>
              ) : (
                <p>Dự thảo đang công khai: chỉ trưởng ban biên tập hoặc quản trị được sửa.</p>
              )}

              <Panel title="Tệp dự thảo" id="tep-dinh-kem">
                {item.attachments.length ? (
                  <ul class="attachment-list">
                    {item.attachments.map((file) => (
                      <li>
                        <a href={file.url}>{file.name || 'Tệp không tên'}</a>{' '}
                        {item.can.edit && <ConfirmForm action={`${base}/tep/${file.mediaId}/go`} csrfToken={staff.csrfToken} label="Gỡ" confirm="Gỡ tệp này? Tệp vẫn còn trong thư viện." variant="secondary" context={file.name} />}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>Chưa có tệp nào.</p>
                )}
                {library && (
                  <>
                    <Form action={base} method="get" class="filter-form">
                      <TextField name="tim-tep" label="Tìm tài liệu trong thư viện" type="search" value={fileQuery} id="tim-tep" />
                      <SubmitButton label="Tìm" variant="secondary" />
                    </Form>
                    <Form action={`${base}/tep`} csrfToken={staff.csrfToken}>
                      <Select name="mediaId" label="Tài liệu trong thư viện" placeholder={choices.length ? '— Chọn tài liệu —' : '(Không có tài liệu nào chưa đính kèm)'} options={choices.map((m) => ({ value: m.id, label: m.originalName || m.id }))} error={error('mediaId')} />
                      <FormActions>
                        <SubmitButton label="Đính kèm" variant="secondary" />
                      </FormActions>
                    </Form>
                    <Form action={`${base}/tep/tai-len`} csrfToken={staff.csrfToken} enctype="multipart/form-data">
                      <div class={error('file') ? 'field field--error' : 'field'}>
                        <label class="field__label" for="consultation-file">
                          Hoặc tải tệp lên và đính kèm
                        </label>
                        <p class="field__help" id="consultation-file-help">
                          PDF, DOCX, XLSX, DOC, XLS, ODT; tối đa {formatNumber(Math.round(MAX_DOCUMENT_BYTES / 1024 / 1024))} MB. Tệp vào thư viện của trang.
                        </p>
                        {error('file') && (
                          <p class="field__error" id="consultation-file-error">
                            <span class="visually-hidden">Lỗi: </span>
                            {error('file')}
                          </p>
                        )}
                        <input id="consultation-file" class="input" type="file" name="file" required aria-describedby={error('file') ? 'consultation-file-error consultation-file-help' : 'consultation-file-help'} aria-invalid={error('file') ? 'true' : undefined} />
                      </div>
                      <FormActions>
                        <SubmitButton label="Tải lên và đính kèm" variant="secondary" />
                      </FormActions>
                    </Form>
                  </>
                )}
              </Panel>

              <Panel title="Báo cáo tiếp thu, giải trình" id="bao-cao">
                {item.reportPublishedAt && (
                  <p>
                    Đã công bố lúc <Time value={item.reportPublishedAt} />.
                  </p>
                )}
                {item.can.editReport ? (
                  <Form action={`${base}/bao-cao`} csrfToken={staff.csrfToken} isNoValidate attrs={{ 'data-article-form': true, 'data-upload-url': PATHS.upload }}>
                    <RichTextField name="reportHtml" label="Báo cáo tổng hợp, tiếp thu, giải trình ý kiến góp ý" value={input.report ?? item.reportHtml} error={error('reportHtml')} help="Góp ý không được công bố riêng lẻ: báo cáo này là phần công khai duy nhất về các ý kiến." />
                    <FormActions>
                      <SubmitButton label="Lưu báo cáo" name="_action" value="save" />
                      {item.can.publishReport && <SubmitButton label="Lưu và công bố báo cáo" name="_action" value="publish" variant="secondary" />}
                    </FormActions>
                  </Form>
                ) : (
                  <p>Báo cáo đang công khai: chỉ trưởng ban biên tập hoặc quản trị được sửa.</p>
                )}
                {item.status !== 'closed' && <p>Báo cáo được công bố sau khi kết thúc lấy ý kiến.</p>}
              </Panel>

              <Panel title="Các phiên bản" id="phien-ban">
                <DataTable
                  caption={`${formatNumber(item.revisions.length)} phiên bản gần nhất, mới nhất trước`}
                  columns={[
                    { key: 'number', label: 'Số', isNumeric: true },
                    { key: 'time', label: 'Lúc lưu' },
                    { key: 'author', label: 'Người lưu' },
                    { key: 'title', label: 'Tên lúc lưu' },
                  ]}
                  rows={item.revisions.map((r) => ({ number: formatNumber(r.number), time: <Time value={r.createdAt} />, author: r.authorName, title: r.title }))}
                  empty="Chưa có phiên bản nào."
                />
              </Panel>
            </div>

            <aside class="editor-layout__side" aria-label="Xuất bản">
              <Panel title="Xuất bản">
                <p>
                  <PublicationBadge publication={item.publication} /> <StatusText status={item.status} />
                </p>
                {item.can.publish && (
                  <Form action={`${base}/xuat-ban`} csrfToken={staff.csrfToken}>
                    <SubmitButton label="Xuất bản (mở lấy ý kiến)" />
                  </Form>
                )}
                {item.can.close && <ConfirmForm action={`${base}/ket-thuc`} csrfToken={staff.csrfToken} label="Kết thúc lấy ý kiến ngay" confirm="Kết thúc lấy ý kiến trước thời hạn? Biểu mẫu góp ý sẽ đóng ngay." />}
                {item.can.unpublish && <ConfirmForm action={`${base}/go-xuong`} csrfToken={staff.csrfToken} label="Gỡ xuống" confirm="Gỡ dự thảo khỏi trang công khai?" />}
                {!hasPermission(staff.scope.actor, 'consultation.publish') && <p>Trưởng ban biên tập hoặc quản trị xuất bản và kết thúc lấy ý kiến.</p>}
              </Panel>
              <Panel title="Thông tin">
                <DescriptionList
                  isCompact
                  items={[
                    { term: 'Bắt đầu', details: <Time value={item.fields.opensAt} /> },
                    { term: 'Kết thúc', details: <Time value={item.fields.closesAt} /> },
                    ...(item.closedEarlyAt ? [{ term: 'Kết thúc sớm lúc', details: <Time value={item.closedEarlyAt} /> }] : []),
                    { term: 'Số góp ý', details: formatNumber(item.commentCount) },
                    { term: 'Sửa lần cuối', details: <Time value={item.updatedAt} /> },
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

  const failure = (request: FastifyRequest, reply: FastifyReply, id: string, extra: { values?: FormValues; report?: string } = {}) => (error: unknown) => {
    if (!isFormError(error)) throw error;
    return itemPage(request, reply, id, { ...extra, errors: formErrorsOf(error) }, error.status);
  };

  admin.get<{ Params: { id: string } }>(`${LOCAL}/:id`, (request, reply) => itemPage(request, reply, request.params.id));

  admin.post<{ Params: { id: string } }>(`${LOCAL}/:id`, async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      const fields = Object.fromEntries(FORM_FIELDS.filter((name) => body[name] !== undefined).map((name) => [name, body[name]]));
      await saveConsultation(deps.db, staffOf(request).scope, { consultationId: request.params.id, fields });
    } catch (error) {
      return failure(request, reply, request.params.id, { values: valuesOfBody(body) })(error);
    }
    return seeOther(reply, withFlash(CONSULTATION_PATHS.item(request.params.id), 'dt-da-luu'));
  });

  /** A one-button step: the use-case, then back to the draft with its flash. */
  const step = (path: string, run: (request: FastifyRequest<{ Params: { id: string } }>, body: Body) => Promise<string>) => {
    admin.post<{ Params: { id: string } }>(`${LOCAL}/:id/${path}`, async (request, reply) => {
      const body = (request.body ?? {}) as Body;
      let flash: string;
      try {
        flash = await run(request, body);
      } catch (error) {
        return failure(request, reply, request.params.id, path === 'bao-cao' ? { report: one(body.reportHtml) } : {})(error);
      }
      return seeOther(reply, withFlash(CONSULTATION_PATHS.item(request.params.id), flash));
    });
  };

  step('xuat-ban', async (request) => {
    await publishConsultation(deps.db, staffOf(request).scope, { consultationId: request.params.id });
    return 'dt-da-xuat-ban';
  });
  step('go-xuong', async (request) => {
    await unpublishConsultation(deps.db, staffOf(request).scope, { consultationId: request.params.id });
    return 'dt-da-go';
  });
  step('ket-thuc', async (request) => {
    await closeConsultationEarly(deps.db, staffOf(request).scope, { consultationId: request.params.id });
    return 'dt-da-ket-thuc';
  });
  step('tep', async (request, body) => {
    const mediaId = one(body.mediaId);
    if (!mediaId) throw new InvalidInputError('Hãy chọn một tài liệu trong thư viện.', { field: 'mediaId' });
    await attachConsultationFile(deps.db, staffOf(request).scope, { consultationId: request.params.id, mediaId });
    return 'dt-da-dinh-kem';
  });
  step('bao-cao', async (request, body) => {
    const scope = staffOf(request).scope;
    if (one(body._action) === 'publish') {
      await publishReport(deps.db, scope, { consultationId: request.params.id, reportHtml: one(body.reportHtml) });
      return 'dt-da-cong-bo-bao-cao';
    }
    await saveReport(deps.db, scope, { consultationId: request.params.id, reportHtml: one(body.reportHtml) });
    return 'dt-da-luu-bao-cao';
  });

  admin.post<{ Params: { id: string; mediaId: string } }>(`${LOCAL}/:id/tep/:mediaId/go`, async (request, reply) => {
    try {
      await detachConsultationFile(deps.db, staffOf(request).scope, { consultationId: request.params.id, mediaId: request.params.mediaId });
    } catch (error) {
      return failure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(CONSULTATION_PATHS.item(request.params.id), 'dt-da-go-tep'));
  });

  // The draft is checked (and an editor locked out of a published one) before the file is stored in the library.
  admin.post<{ Params: { id: string } }>(`${LOCAL}/:id/tep/tai-len`, { config: { isCsrfCheckedByHandler: true, rateLimit: { max: 20, timeWindow: 60_000 } } }, async (request, reply) => {
    const staff = staffOf(request);
    try {
      const item = await getConsultationForEditing(deps.db, staff.scope, request.params.id);
      if (!item.can.edit) requirePermission(staff.scope.actor, 'consultation.publish');
      const { file } = await readUpload(request, MAX_DOCUMENT_BYTES);
      if (!file) throw new InvalidInputError('Chưa chọn tệp để tải lên.', { field: 'file' });
      const media = await uploadToLibrary(deps.db, deps.mediaDir, staff.scope, { bytes: file.bytes, originalName: file.name });
      if (media.kind !== 'document') throw new InvalidInputError('Tệp đính kèm phải là một tài liệu (PDF, DOCX…), không phải ảnh. Ảnh đã vào thư viện của trang.', { field: 'file' });
      await attachConsultationFile(deps.db, staff.scope, { consultationId: item.id, mediaId: media.id });
    } catch (error) {
      return failure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(CONSULTATION_PATHS.item(request.params.id), 'dt-da-dinh-kem'));
  });

  // ---- The comments ----

  admin.get<{ Params: { id: string } }>(`${LOCAL}/:id/gop-y`, async (request, reply) => {
    const staff = staffOf(request);
    const item = await getConsultationForEditing(deps.db, staff.scope, request.params.id);
    const query = request.query as Record<string, unknown>;
    const filters = filtersOf(query);
    const page = Math.min(Math.max(1, Number.parseInt(one(query.trang) || '1', 10) || 1), 10_000);
    let result = { items: [] as Awaited<ReturnType<typeof listComments>>['items'], total: 0 };
    let errors: FieldError[] | undefined;
    let status = 200;
    try {
      result = await listComments(deps.db, staff.scope, { consultationId: item.id, filters, page, pageSize: COMMENTS_PAGE_SIZE });
    } catch (error) {
      if (!isFormError(error)) throw error;
      errors = formErrorsOf(error);
      status = error.status;
    }
    const base = CONSULTATION_PATHS.comments(item.id);
    const suffix = filterQuery(filters);
    const canManage = item.can.managePersonalData;
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: `Góp ý: ${item.fields.title}`,
        path: CONSULTATION_PATHS.list,
        breadcrumbs: [
          { href: CONSULTATION_PATHS.list, label: 'Lấy ý kiến dự thảo' },
          { href: CONSULTATION_PATHS.item(item.id), label: item.fields.title },
        ],
        flash: consultationFlashOf(request),
        isWide: true,
        actions: (
          <>
            <LinkButton href={`${base}.csv${suffix}`} label="Tải về (CSV)" />
            <LinkButton href={`${base}.xlsx${suffix}`} label="Tải về (Excel)" />
          </>
        ),
        children: (
          <>
            {errors && <ErrorSummary errors={errors} title="Không lọc được:" />}
            <p>Thông tin liên hệ của người góp ý chỉ dùng để làm rõ góp ý; mỗi lần tải về được ghi nhật ký.</p>
            <Form action={base} method="get" class="filter-form">
              <Select name="doi_tuong" label="Đối tượng" options={[{ value: '', label: 'Tất cả', isSelected: !filters.orgType }, ...ORG_TYPES.map((t) => ({ value: t, label: ORG_TYPE_LABELS[t], isSelected: t === filters.orgType }))]} error={errorFor(errors, 'orgType')} />
              <TextField name="dieu" label="Điều, khoản" value={filters.section} maxLength={100} error={errorFor(errors, 'section')} />
              <TextField name="q" label="Từ trong nội dung" type="search" value={filters.q} maxLength={200} error={errorFor(errors, 'q')} />
              <SubmitButton label="Lọc" variant="secondary" />
            </Form>
            <CommentsTable
              comments={result.items}
              caption={`${formatNumber(result.total)} góp ý${suffix ? ' khớp bộ lọc' : ''}, cũ nhất trước`}
              actionsFor={
                canManage
                  ? (c) =>
                      c.isPersonalDataErased ? (
                        'Đã xoá'
                      ) : (
                        <>
                          <Form action={`${CONSULTATION_PATHS.list}/gop-y/${c.id}/du-lieu-ca-nhan/xuat`} csrfToken={staff.csrfToken}>
                            <SubmitButton label="Xuất" variant="secondary" />
                          </Form>
                          <ConfirmForm action={`${CONSULTATION_PATHS.list}/gop-y/${c.id}/du-lieu-ca-nhan/xoa`} csrfToken={staff.csrfToken} label="Xoá" confirm="Xoá họ tên và thông tin liên hệ của người góp ý? Không khôi phục được." context={c.receiptCode} />
                        </>
                      )
                  : undefined
              }
            />
            <Pagination page={page} pageCount={Math.max(1, Math.ceil(result.total / COMMENTS_PAGE_SIZE))} hrefFor={(p) => `${base}${suffix ? `${suffix}&` : '?'}trang=${p}`} />
          </>
        ),
      },
      status,
    );
  });

  admin.get<{ Params: { id: string } }>(`${LOCAL}/:id/gop-y.csv`, async (request, reply) => {
    const { csv } = await exportCommentsCsv(deps.db, staffOf(request).scope, { consultationId: request.params.id, filters: filtersOf(request.query as Record<string, unknown>) });
    return reply.header('cache-control', 'no-store').header('content-disposition', contentDispositionFor('gop-y-du-thao.csv')).type('text/csv; charset=utf-8').send(csv);
  });

  admin.get<{ Params: { id: string } }>(`${LOCAL}/:id/gop-y.xlsx`, async (request, reply) => {
    const { bytes } = await exportCommentsXlsx(deps.db, staffOf(request).scope, { consultationId: request.params.id, filters: filtersOf(request.query as Record<string, unknown>) });
    return reply.header('cache-control', 'no-store').header('content-disposition', contentDispositionFor('gop-y-du-thao.xlsx')).type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').send(bytes);
  });

  admin.post<{ Params: { commentId: string } }>(`${LOCAL}/gop-y/:commentId/du-lieu-ca-nhan/xuat`, async (request, reply) => {
    const data = await exportCommenterData(deps.db, staffOf(request).scope, { commentId: request.params.commentId });
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', contentDispositionFor(`du-lieu-ca-nhan-${data.receiptCode}.json`))
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  admin.post<{ Params: { commentId: string } }>(`${LOCAL}/gop-y/:commentId/du-lieu-ca-nhan/xoa`, async (request, reply) => {
    const scope = staffOf(request).scope;
    await eraseCommenterData(deps.db, scope, { commentId: request.params.commentId });
    const row = await deps.db.selectFrom('consultation_comments').select('consultation_id').where('id', '=', request.params.commentId).where('site_id', '=', scope.siteId).executeTakeFirst();
    return seeOther(reply, withFlash(row ? CONSULTATION_PATHS.comments(row.consultation_id) : CONSULTATION_PATHS.list, 'dt-da-xoa-du-lieu'));
  });
}
