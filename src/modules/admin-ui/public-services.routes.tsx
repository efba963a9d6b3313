/**
 * Staff screens of Public services (Thủ tục hành chính): the list, the form of a procedure
 * with its publication, forms (mẫu đơn, tờ khai) and revisions, and the managed list of
 * lĩnh vực. Each handler translates a form into one use-case of the public-services
 * module, which checks permissions and audits; its errors come back on the form in
 * Vietnamese. The sheet import is in public-services-import.routes.tsx.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInputError } from '../../platform/errors.js';
import { formatNumber } from '../../platform/i18n/vi.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import type { Publication } from '../legal-documents/index.js';
import { browseLibrary, MAX_DOCUMENT_BYTES, uploadToLibrary } from '../media/index.js';
import {
  LEVEL_LABELS,
  PROCEDURES_PATH,
  attachProcedureFile,
  createProcedure,
  createProcedureField,
  deleteProcedureField,
  detachProcedureFile,
  ensureDefaultProcedureFields,
  getProcedureForEditing,
  listProcedureFields,
  listProcedureRevisions,
  listProceduresForStaff,
  publishProcedure,
  saveProcedure,
  unpublishProcedure,
  updateProcedureField,
  type ProcedureInput,
} from '../public-services/index.js';
import { staffOf, type AdminUiDeps, type StaffRequestContext } from './admin-ui.routes.js';
import { PublicationBadge, isShownOnForm } from './documents.views.js';
import { readUpload } from './multipart-upload.js';
import { registerPublicServicesImportRoutes } from './public-services-import.routes.js';
import { PROCEDURE_FORM_FIELDS, PROCEDURE_PATHS, ProcedureFormFields, ReadOnlyProcedure, procedureErrorsOf, procedureFlashOf, valuesOfProcedure, type ProcedureFormValues } from './public-services.views.js';
import { PATHS, seeOther, sendStaffPage, withFlash } from './staff-pages.js';
import {
  ConfirmForm,
  DataTable,
  DescriptionList,
  EmptyState,
  ErrorSummary,
  Form,
  FormActions,
  LinkButton,
  Pagination,
  Panel,
  Select,
  SubmitButton,
  TextField,
  Time,
  errorFor,
  type FieldError,
  type FlashMessage,
} from './views/components.js';

const PAGE_SIZE = 20;
/** Library documents offered in the "đính kèm" select. */
const LIBRARY_CHOICES = 50;
/** Revisions listed on the form (newest first). */
const REVISIONS_SHOWN = 20;

type Body = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The list's tabs: `?xem=` to the publication it shows. */
const TABS: { view: string; label: string; publication?: Publication }[] = [
  { view: '', label: 'Tất cả' },
  { view: 'nhap', label: 'Bản nháp', publication: 'draft' },
  { view: 'da-xuat-ban', label: 'Đã xuất bản', publication: 'published' },
  { view: 'da-go', label: 'Đã gỡ xuống', publication: 'unpublished' },
];

function valuesOfBody(body: Body): ProcedureFormValues {
  return Object.fromEntries(PROCEDURE_FORM_FIELDS.filter((name) => body[name] !== undefined).map((name) => [name, one(body[name])]));
}

/** The use-case's input from the form: only the fields the form sent (a missing one keeps its stored value). */
function inputOfBody(body: Body): ProcedureInput {
  const input: ProcedureInput = {};
  const has = (name: string) => body[name] !== undefined;
  for (const name of ['code', 'name', 'slug', 'level', 'agency', 'onlineLevel', 'methods', 'documents', 'timeLimit', 'timeLimitDays', 'fee', 'result', 'legalBasis', 'portalUrl'] as const) {
    if (has(name)) input[name] = one(body[name]);
  }
  if (has('fieldId')) input.fieldId = one(body.fieldId) || null;
  if (has('steps_html')) input.stepsHtml = one(body.steps_html);
  return input;
}

export function registerPublicServicesStaffRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  /** The site's fields, given their usual items the first time staff open the procedures (idempotent). */
  const readyFieldsOf = async (staff: StaffRequestContext) => {
    requirePermission(staff.scope.actor, 'procedure.edit');
    await ensureDefaultProcedureFields(deps.db, { siteId: staff.scope.siteId, now: staff.scope.now });
    return listProcedureFields(deps.db, staff.scope.siteId);
  };

  // ---- The list ----

  admin.get('/thu-tuc', async (request, reply) => {
    const staff = staffOf(request);
    const fields = await readyFieldsOf(staff);
    const query = request.query as Record<string, string | undefined>;
    const tab = TABS.find((t) => t.view === (query.xem ?? '')) ?? TABS[0]!;
    const text = String(query.q ?? '').slice(0, 200);
    const fieldId = fields.some((f) => f.id === query['linh-vuc']) ? String(query['linh-vuc']) : '';
    const page = Math.min(Math.max(1, Number.parseInt(String(query.trang ?? '1'), 10) || 1), 10_000);
    const result = await listProceduresForStaff(deps.db, staff.scope, { publication: tab.publication, fieldId: fieldId || undefined, query: text, page, pageSize: PAGE_SIZE });
    const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const href = (p: number) => `${PROCEDURE_PATHS.list}?xem=${tab.view}&linh-vuc=${encodeURIComponent(fieldId)}&q=${encodeURIComponent(text)}&trang=${p}`;
    return sendStaffPage(reply, staff.frame, {
      title: 'Thủ tục hành chính',
      path: PROCEDURE_PATHS.list,
      flash: procedureFlashOf(request),
      actions: (
        <>
          <LinkButton href={PROCEDURE_PATHS.create} label="Thêm thủ tục" variant="primary" />
          <LinkButton href={PROCEDURE_PATHS.import} label="Nhập từ bảng tính" />
          <LinkButton href={PROCEDURE_PATHS.fields} label="Lĩnh vực" />
        </>
      ),
      children: (
        <>
          <nav class="tabs" aria-label="Lọc thủ tục">
            <ul>
              {TABS.map((t) => (
                <li>
                  <a href={`${PROCEDURE_PATHS.list}${t.view ? `?xem=${t.view}` : ''}`} aria-current={t.view === tab.view ? 'page' : undefined}>
                    {t.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <Form action={PROCEDURE_PATHS.list} method="get" class="filter-form">
            {tab.view && <input type="hidden" name="xem" value={tab.view} />}
            <TextField name="q" label="Tìm theo tên, mã thủ tục, cơ quan, giấy tờ" type="search" value={text} />
            <Select name="linh-vuc" label="Lĩnh vực" options={[{ value: '', label: 'Tất cả', isSelected: !fieldId }, ...fields.map((f) => ({ value: f.id, label: f.name, isSelected: f.id === fieldId }))]} />
            <SubmitButton label="Tìm" variant="secondary" />
          </Form>
          <DataTable
            caption={`${formatNumber(result.total)} thủ tục${tab.publication ? ` (${tab.label.toLowerCase()})` : ''}`}
            columns={[
              { key: 'name', label: 'Tên thủ tục' },
              { key: 'code', label: 'Mã' },
              { key: 'field', label: 'Lĩnh vực' },
              { key: 'level', label: 'Cấp' },
              { key: 'publication', label: 'Công bố' },
              { key: 'updated', label: 'Sửa lần cuối' },
            ]}
            rowHeader="name"
            rows={result.items.map((item) => ({
              name: <a href={PROCEDURE_PATHS.procedure(item.id)}>{item.name}</a>,
              code: item.code,
              field: item.fieldName,
              level: LEVEL_LABELS[item.level],
              publication: <PublicationBadge publication={item.publication} />,
              updated: <Time value={item.updatedAt} />,
            }))}
            empty={<EmptyState title={text || fieldId ? 'Không có thủ tục nào khớp.' : 'Chưa có thủ tục nào ở đây.'} action={text || fieldId ? undefined : { href: PROCEDURE_PATHS.create, label: 'Thêm thủ tục' }} />}
          />
          <Pagination page={page} pageCount={pageCount} hrefFor={href} />
        </>
      ),
    });
  });

  // ---- A new procedure ----

  const newProcedurePage = async (request: FastifyRequest, reply: FastifyReply, input: { values?: ProcedureFormValues; errors?: FieldError[] } = {}, status = 200) => {
    const staff = staffOf(request);
    const fields = await readyFieldsOf(staff);
    const canPublish = hasPermission(staff.scope.actor, 'procedure.publish');
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Thêm thủ tục hành chính',
        path: PROCEDURE_PATHS.list,
        breadcrumbs: [{ href: PROCEDURE_PATHS.list, label: 'Thủ tục hành chính' }],
        islands: ['editor'],
        isWide: true,
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Form action={PROCEDURE_PATHS.list} csrfToken={staff.csrfToken} isNoValidate attrs={{ 'data-article-form': true, 'data-upload-url': PATHS.upload }}>
              <ProcedureFormFields values={input.values ?? {}} errors={input.errors} fields={fields} />
              <FormActions>
                <SubmitButton label="Lưu bản nháp" name="_action" value="save" />
                {canPublish && <SubmitButton label="Lưu và xuất bản" name="_action" value="publish" variant="secondary" />}
              </FormActions>
            </Form>
          </>
        ),
      },
      status,
    );
  };

  admin.get('/thu-tuc/moi', (request, reply) => newProcedurePage(request, reply));

  admin.post('/thu-tuc', async (request, reply) => {
    const staff = staffOf(request);
    const body = (request.body ?? {}) as Body;
    const isPublishing = one(body._action) === 'publish';
    try {
      const { id } = await createProcedure(deps.db, staff.scope, { ...inputOfBody(body), isPublishing });
      return seeOther(reply, withFlash(PROCEDURE_PATHS.procedure(id), isPublishing ? 'tt-da-tao-xuat-ban' : 'tt-da-tao'));
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return newProcedurePage(request, reply, { values: valuesOfBody(body), errors: procedureErrorsOf(error) }, error.status);
    }
  });

  // ---- A procedure ----

  const procedurePage = async (request: FastifyRequest, reply: FastifyReply, procedureId: string, input: { values?: ProcedureFormValues; errors?: FieldError[]; flash?: FlashMessage } = {}, status = 200) => {
    const staff = staffOf(request);
    const procedure = await getProcedureForEditing(deps.db, staff.scope, procedureId);
    const [fields, revisions] = await Promise.all([readyFieldsOf(staff), listProcedureRevisions(deps.db, staff.scope, procedureId)]);
    const canUpload = hasPermission(staff.scope.actor, 'media.upload');
    const fileQuery = String((request.query as Record<string, unknown>)['tim-tep'] ?? '').slice(0, 200);
    const library = canUpload && procedure.can.edit ? await browseLibrary(deps.db, staff.scope, { kind: 'document', query: fileQuery, page: 1, pageSize: LIBRARY_CHOICES }) : null;
    const base = PROCEDURE_PATHS.procedure(procedure.id);
    const error = (field: string) => errorFor(input.errors, field);
    const values = input.values ? { ...valuesOfProcedure(procedure.fields), ...input.values } : valuesOfProcedure(procedure.fields);
    const attachedIds = new Set(procedure.attachments.map((a) => a.mediaId));
    const choices = library ? library.items.filter((m) => !attachedIds.has(m.id)) : [];
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: `Thủ tục: ${procedure.fields.name}`,
        heading: (
          <>
            {procedure.fields.name} <PublicationBadge publication={procedure.publication} />
          </>
        ),
        path: PROCEDURE_PATHS.list,
        breadcrumbs: [{ href: PROCEDURE_PATHS.list, label: 'Thủ tục hành chính' }],
        flash: input.flash ?? procedureFlashOf(request),
        islands: procedure.can.edit ? ['editor'] : [],
        isWide: true,
        actions: procedure.publication === 'published' ? <LinkButton href={`${PROCEDURES_PATH}/${procedure.fields.slug}`} label="Xem trên trang công khai" /> : undefined,
        children: (
          <div class="editor-layout">
            <div class="editor-layout__main">
              {input.errors && <ErrorSummary errors={input.errors} />}
              {procedure.can.edit ? (
                <Form action={base} csrfToken={staff.csrfToken} isNoValidate attrs={{ 'data-article-form': true, 'data-upload-url': PATHS.upload }}>
                  <ProcedureFormFields values={values} errors={input.errors} fields={fields} />
                  <FormActions>
                    <SubmitButton label="Lưu" />
                  </FormActions>
                </Form>
              ) : (
                <ReadOnlyProcedure procedure={procedure} fields={fields} />
              )}

              <Panel title="Mẫu đơn, tờ khai" id="tep-dinh-kem">
                {procedure.attachments.length ? (
                  <ul class="attachment-list">
                    {procedure.attachments.map((file) => (
                      <li>
                        <a href={file.url}>{file.name || 'Tệp không tên'}</a>{' '}
                        {procedure.can.edit && <ConfirmForm action={`${base}/tep/${file.mediaId}/go`} csrfToken={staff.csrfToken} label="Gỡ" confirm="Gỡ tệp này khỏi thủ tục? Tệp vẫn còn trong thư viện." variant="secondary" context={file.name} />}
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
                      <Select
                        name="mediaId"
                        label="Tài liệu trong thư viện"
                        placeholder={choices.length ? '— Chọn tài liệu —' : '(Không có tài liệu nào chưa đính kèm)'}
                        options={choices.map((m) => ({ value: m.id, label: m.originalName || m.id }))}
                        help={library.total > LIBRARY_CHOICES ? `Hiện ${LIBRARY_CHOICES} tài liệu mới nhất: tìm theo tên để thấy tài liệu khác.` : undefined}
                        error={error('mediaId')}
                      />
                      <FormActions>
                        <SubmitButton label="Đính kèm" variant="secondary" />
                      </FormActions>
                    </Form>
                    <Form action={`${base}/tep/tai-len`} csrfToken={staff.csrfToken} enctype="multipart/form-data">
                      <div class={error('file') ? 'field field--error' : 'field'}>
                        <label class="field__label" for="procedure-file">
                          Hoặc tải tệp lên và đính kèm
                        </label>
                        <p class="field__help" id="procedure-file-help">
                          PDF, DOCX, XLSX, DOC, XLS, ODT; tối đa {formatNumber(Math.round(MAX_DOCUMENT_BYTES / 1024 / 1024))} MB. Tệp vào thư viện của trang.
                        </p>
                        {error('file') && (
                          <p class="field__error" id="procedure-file-error">
                            <span class="visually-hidden">Lỗi: </span>
                            {error('file')}
                          </p>
                        )}
                        <input id="procedure-file" class="input" type="file" name="file" required aria-describedby={error('file') ? 'procedure-file-error procedure-file-help' : 'procedure-file-help'} aria-invalid={error('file') ? 'true' : undefined} />
                      </div>
                      <FormActions>
                        <SubmitButton label="Tải lên và đính kèm" variant="secondary" />
                      </FormActions>
                    </Form>
                  </>
                )}
              </Panel>

              <Panel title="Các phiên bản" id="phien-ban">
                <DataTable
                  caption={`${formatNumber(revisions.length)} phiên bản, mới nhất trước`}
                  columns={[
                    { key: 'number', label: 'Số', isNumeric: true },
                    { key: 'time', label: 'Lúc lưu' },
                    { key: 'author', label: 'Người lưu' },
                    { key: 'name', label: 'Tên thủ tục lúc lưu' },
                    { key: 'documents', label: 'Số giấy tờ', isNumeric: true },
                  ]}
                  rows={revisions.slice(0, REVISIONS_SHOWN).map((revision) => ({
                    number: formatNumber(revision.number),
                    time: <Time value={revision.createdAt} />,
                    author: revision.authorName,
                    name: revision.snapshot.name,
                    documents: formatNumber(revision.snapshot.documents?.length ?? 0),
                  }))}
                  empty="Chưa có phiên bản nào."
                />
              </Panel>
            </div>

            <aside class="editor-layout__side" aria-label="Xuất bản">
              <Panel title="Xuất bản">
                <p>
                  <PublicationBadge publication={procedure.publication} />
                </p>
                {procedure.missing.length > 0 && (
                  <ul class="checklist">
                    {procedure.missing.map((item) => (
                      <li>Còn thiếu: {item}</li>
                    ))}
                  </ul>
                )}
                {procedure.can.publish && (
                  <Form action={`${base}/xuat-ban`} csrfToken={staff.csrfToken}>
                    <SubmitButton label="Xuất bản" />
                  </Form>
                )}
                {procedure.can.unpublish && <ConfirmForm action={`${base}/go-xuong`} csrfToken={staff.csrfToken} label="Gỡ xuống" confirm="Gỡ thủ tục khỏi trang công khai?" />}
                {!hasPermission(staff.scope.actor, 'procedure.publish') && <p>Trưởng ban biên tập hoặc quản trị xuất bản thủ tục.</p>}
              </Panel>
              <Panel title="Thông tin">
                <DescriptionList
                  isCompact
                  items={[
                    { term: 'Tạo lúc', details: <Time value={procedure.createdAt} /> },
                    { term: 'Sửa lần cuối', details: <Time value={procedure.updatedAt} /> },
                    { term: 'Xuất bản lần đầu', details: procedure.publishedAt ? <Time value={procedure.publishedAt} /> : 'Chưa' },
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

  /** A failed step on a procedure's page: its message on the page (beside its field when it has one). */
  const procedureFailure = (request: FastifyRequest, reply: FastifyReply, procedureId: string, values?: ProcedureFormValues) => (error: unknown) => {
    if (!isShownOnForm(error)) throw error;
    return procedurePage(request, reply, procedureId, { values, errors: procedureErrorsOf(error) }, error.status);
  };

  admin.get<{ Params: { id: string } }>('/thu-tuc/:id', (request, reply) => procedurePage(request, reply, request.params.id));

  admin.post<{ Params: { id: string } }>('/thu-tuc/:id', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await saveProcedure(deps.db, staffOf(request).scope, { procedureId: request.params.id, fields: inputOfBody(body) });
    } catch (error) {
      return procedureFailure(request, reply, request.params.id, valuesOfBody(body))(error);
    }
    return seeOther(reply, withFlash(PROCEDURE_PATHS.procedure(request.params.id), 'tt-da-luu'));
  });

  admin.post<{ Params: { id: string } }>('/thu-tuc/:id/xuat-ban', async (request, reply) => {
    try {
      await publishProcedure(deps.db, staffOf(request).scope, { procedureId: request.params.id });
    } catch (error) {
      return procedureFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(PROCEDURE_PATHS.procedure(request.params.id), 'tt-da-xuat-ban'));
  });

  admin.post<{ Params: { id: string } }>('/thu-tuc/:id/go-xuong', async (request, reply) => {
    try {
      await unpublishProcedure(deps.db, staffOf(request).scope, { procedureId: request.params.id });
    } catch (error) {
      return procedureFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(PROCEDURE_PATHS.procedure(request.params.id), 'tt-da-go'));
  });

  admin.post<{ Params: { id: string } }>('/thu-tuc/:id/tep', async (request, reply) => {
    try {
      const mediaId = one(((request.body ?? {}) as Body).mediaId);
      if (!mediaId) throw new InvalidInputError('Hãy chọn một tài liệu trong thư viện.', { field: 'mediaId' });
      await attachProcedureFile(deps.db, staffOf(request).scope, { procedureId: request.params.id, mediaId });
    } catch (error) {
      return procedureFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(PROCEDURE_PATHS.procedure(request.params.id), 'tt-da-dinh-kem'));
  });

  // The procedure is checked (and locked out for an editor when published) before the file is stored in the library.
  admin.post<{ Params: { id: string } }>('/thu-tuc/:id/tep/tai-len', { config: { isCsrfCheckedByHandler: true, rateLimit: { max: 20, timeWindow: 60_000 } } }, async (request, reply) => {
    const staff = staffOf(request);
    try {
      const procedure = await getProcedureForEditing(deps.db, staff.scope, request.params.id);
      if (!procedure.can.edit) requirePermission(staff.scope.actor, 'procedure.publish');
      const { file } = await readUpload(request, MAX_DOCUMENT_BYTES);
      if (!file) throw new InvalidInputError('Chưa chọn tệp để tải lên.', { field: 'file' });
      const media = await uploadToLibrary(deps.db, deps.mediaDir, staff.scope, { bytes: file.bytes, originalName: file.name });
      if (media.kind !== 'document') throw new InvalidInputError('Mẫu đơn, tờ khai phải là một tài liệu (PDF, DOCX…), không phải ảnh. Ảnh đã vào thư viện của trang.', { field: 'file' });
      await attachProcedureFile(deps.db, staff.scope, { procedureId: request.params.id, mediaId: media.id });
    } catch (error) {
      return procedureFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(PROCEDURE_PATHS.procedure(request.params.id), 'tt-da-dinh-kem'));
  });

  admin.post<{ Params: { id: string; mediaId: string } }>('/thu-tuc/:id/tep/:mediaId/go', async (request, reply) => {
    try {
      await detachProcedureFile(deps.db, staffOf(request).scope, { procedureId: request.params.id, mediaId: request.params.mediaId });
    } catch (error) {
      return procedureFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(PROCEDURE_PATHS.procedure(request.params.id), 'tt-da-go-tep'));
  });

  // ---- The fields (lĩnh vực) ----

  const fieldsPage = async (request: FastifyRequest, reply: FastifyReply, input: { errors?: FieldError[]; values?: ProcedureFormValues } = {}, status = 200) => {
    const staff = staffOf(request);
    const fields = await readyFieldsOf(staff);
    const canManage = hasPermission(staff.scope.actor, 'procedure.publish');
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Lĩnh vực thủ tục hành chính',
        path: PROCEDURE_PATHS.list,
        breadcrumbs: [{ href: PROCEDURE_PATHS.list, label: 'Thủ tục hành chính' }],
        flash: procedureFlashOf(request),
        children: (
          <>
            {!canManage && <p>Chỉ trưởng ban biên tập hoặc quản trị được sửa danh mục lĩnh vực.</p>}
            {input.errors && <ErrorSummary errors={input.errors} title="Chưa lưu được:" />}
            <Panel title="Lĩnh vực" id="danh-muc-linh-vuc">
              <DataTable
                caption={`${formatNumber(fields.length)} lĩnh vực`}
                isCaptionHidden
                id="bang-linh-vuc"
                columns={
                  canManage
                    ? [
                        { key: 'name', label: 'Tên và thứ tự (số nhỏ đứng trước)' },
                        { key: 'actions', label: 'Thao tác' },
                      ]
                    : [
                        { key: 'name', label: 'Tên' },
                        { key: 'position', label: 'Thứ tự', isNumeric: true },
                      ]
                }
                rows={fields.map((item) => ({
                  name: canManage ? (
                    <Form action={`${PROCEDURE_PATHS.fields}/${item.id}`} csrfToken={staff.csrfToken} class="filter-form" id={`sua-${item.id}`}>
                      <TextField name="name" label="Tên lĩnh vực" value={item.name} maxLength={100} id={`ten-${item.id}`} />
                      <TextField name="position" label="Thứ tự" type="number" value={item.position} isShort inputMode="numeric" id={`thu-tu-${item.id}`} />
                      <SubmitButton
                        label={
                          <>
                            Lưu<span class="visually-hidden"> {item.name}</span>
                          </>
                        }
                        variant="secondary"
                      />
                    </Form>
                  ) : (
                    item.name
                  ),
                  position: formatNumber(item.position),
                  actions: canManage ? <ConfirmForm action={`${PROCEDURE_PATHS.fields}/${item.id}/xoa`} csrfToken={staff.csrfToken} label="Xoá" confirm={`Xoá "${item.name}" khỏi danh mục?`} context={item.name} /> : '',
                }))}
                empty="Danh mục trống."
              />
              {canManage && (
                <Form action={PROCEDURE_PATHS.fields} csrfToken={staff.csrfToken}>
                  <TextField name="name" label="Thêm lĩnh vực" value={input.values?.name} maxLength={100} id="them-linh-vuc" error={errorFor(input.errors, 'name')} />
                  <FormActions>
                    <SubmitButton label="Thêm" variant="secondary" />
                  </FormActions>
                </Form>
              )}
            </Panel>
          </>
        ),
      },
      status,
    );
  };

  const fieldFailure = (request: FastifyRequest, reply: FastifyReply, values?: ProcedureFormValues) => (error: unknown) => {
    if (!isShownOnForm(error)) throw error;
    const errors = procedureErrorsOf(error).map((e) => ({ ...e, href: e.field === 'name' && values ? '#them-linh-vuc' : '#danh-muc-linh-vuc' }));
    return fieldsPage(request, reply, { errors, values }, error.status);
  };

  admin.get('/thu-tuc/linh-vuc', (request, reply) => fieldsPage(request, reply));

  admin.post('/thu-tuc/linh-vuc', async (request, reply) => {
    const name = one(((request.body ?? {}) as Body).name);
    try {
      await createProcedureField(deps.db, staffOf(request).scope, { name });
    } catch (error) {
      return fieldFailure(request, reply, { name })(error);
    }
    return seeOther(reply, withFlash(PROCEDURE_PATHS.fields, 'lv-da-them'));
  });

  admin.post<{ Params: { id: string } }>('/thu-tuc/linh-vuc/:id', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const rawPosition = one(body.position).trim();
    try {
      const position = rawPosition === '' ? undefined : Number(rawPosition);
      if (position !== undefined && !Number.isInteger(position)) throw new InvalidInputError('Thứ tự phải là một số nguyên (0, 1, 2…).', { field: 'position' });
      await updateProcedureField(deps.db, staffOf(request).scope, { id: request.params.id, name: body.name === undefined ? undefined : one(body.name), position });
    } catch (error) {
      return fieldFailure(request, reply)(error);
    }
    return seeOther(reply, withFlash(PROCEDURE_PATHS.fields, 'lv-da-luu'));
  });

  admin.post<{ Params: { id: string } }>('/thu-tuc/linh-vuc/:id/xoa', async (request, reply) => {
    try {
      await deleteProcedureField(deps.db, staffOf(request).scope, { id: request.params.id });
    } catch (error) {
      return fieldFailure(request, reply)(error);
    }
    return seeOther(reply, withFlash(PROCEDURE_PATHS.fields, 'lv-da-xoa'));
  });

  registerPublicServicesImportRoutes(admin, deps);
}
