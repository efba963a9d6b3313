/**
 * The legal documents registry's staff screens (Văn bản): the list, the form of a
 * document with its publication, replacement, files, related documents and revisions,
 * and the two managed lists (loại văn bản, lĩnh vực). Each handler translates a form into
 * one use-case of the legal-documents module, which checks permissions and audits; its
 * errors come back on the form in Vietnamese. The sheet import is in documents-import.routes.tsx.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { readUpload } from './multipart-upload.js';
import { InvalidInputError } from '../../platform/errors.js';
import type { RequestScope } from '../../platform/http/request-scope.js';
import { formatNumber } from '../../platform/i18n/vi.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import {
  COLLECTION_LABELS,
  DOCUMENT_COLLECTIONS,
  DOCUMENT_LIMITS,
  DOCUMENT_STATUS_LABELS,
  DOCUMENTS_PATH,
  attachDocumentFile,
  createDocumentListItem,
  createLegalDocument,
  deleteDocumentListItem,
  detachDocumentFile,
  ensureDefaultLists,
  formatDocumentDay,
  getDocumentForEditing,
  listDocumentListItems,
  listDocumentRevisions,
  listDocumentsForStaff,
  markDocumentReplaced,
  normaliseDocumentNumber,
  publishLegalDocument,
  relateDocuments,
  saveLegalDocument,
  unpublishLegalDocument,
  updateDocumentListItem,
  type DocumentList,
  type LegalDocumentFields,
  type LegalDocumentInput,
  type Publication,
} from '../legal-documents/index.js';
import { browseLibrary, MAX_DOCUMENT_BYTES, uploadToLibrary } from '../media/index.js';
import { staffOf, type AdminUiDeps, type StaffRequestContext } from './admin-ui.routes.js';
import { registerDocumentImportRoutes } from './documents-import.routes.js';
import { DOCUMENT_PATHS, DocumentFields, PublicationBadge, ReadOnlyDocument, documentFlashOf, formErrorsOf, isShownOnForm, type FormValues } from './documents.views.js';
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

const FORM_FIELDS = ['number', 'slug', 'typeId', 'issuer', 'signer', 'issuedOn', 'effectiveOn', 'expiresOn', 'fieldId', 'summary', 'body_html', 'status'] as const;

function valuesOfFields(fields: LegalDocumentFields): FormValues {
  return {
    number: fields.number,
    slug: fields.slug,
    typeId: fields.typeId,
    issuer: fields.issuer,
    signer: fields.signer,
    issuedOn: formatDocumentDay(fields.issuedOn),
    effectiveOn: formatDocumentDay(fields.effectiveOn),
    expiresOn: formatDocumentDay(fields.expiresOn),
    fieldId: fields.fieldId ?? '',
    summary: fields.summary,
    body_html: fields.bodyHtml,
    status: fields.isDeclaredExpired ? 'expired' : 'in_force',
  };
}

function valuesOfBody(body: Body): FormValues {
  return Object.fromEntries(FORM_FIELDS.filter((name) => body[name] !== undefined).map((name) => [name, one(body[name])]));
}

/**
 * The use-case's input from the form: only the fields the form sent (a missing one keeps
 * its stored value). Days go as typed; the service reads dd/mm/yyyy.
 */
function inputOfBody(body: Body): LegalDocumentInput {
  const input: LegalDocumentInput = {};
  const has = (name: string) => body[name] !== undefined;
  if (has('number')) input.number = one(body.number);
  if (has('slug')) input.slug = one(body.slug);
  if (has('typeId')) input.typeId = one(body.typeId);
  if (has('issuer')) input.issuer = one(body.issuer);
  if (has('signer')) input.signer = one(body.signer);
  if (has('issuedOn')) input.issuedOn = one(body.issuedOn);
  if (has('effectiveOn')) input.effectiveOn = one(body.effectiveOn);
  if (has('expiresOn')) input.expiresOn = one(body.expiresOn);
  if (has('fieldId')) input.fieldId = one(body.fieldId) || null;
  if (has('summary')) input.summary = one(body.summary);
  if (has('body_html')) input.bodyHtml = one(body.body_html);
  if (has('status')) input.isDeclaredExpired = one(body.status) === 'expired';
  return input;
}

/**
 * The document of the site with this number (however it is typed), drafts included.
 * @throws INVALID_INPUT on `field` when the text is not a number, names no document, or several.
 */
async function findDocumentIdByNumber(deps: AdminUiDeps, scope: RequestScope, input: { text: string; field: string }): Promise<string> {
  const text = input.text.trim();
  const key = normaliseDocumentNumber(text);
  if (!key) throw new InvalidInputError('Hãy ghi số ký hiệu của văn bản, ví dụ 20/2021/NĐ-CP.', { field: input.field });
  // The key, not the text: words before the number ("số", "Nghị định") are not in the searched words.
  const { items } = await listDocumentsForStaff(deps.db, scope, { query: key, page: 1, pageSize: 100 });
  const matches = items.filter((item) => normaliseDocumentNumber(item.number) === key);
  if (matches.length === 0) throw new InvalidInputError(`Không tìm thấy văn bản số "${text}" trong danh mục văn bản của trang.`, { field: input.field, help: 'Hãy kiểm tra lại số ký hiệu, hoặc thêm văn bản đó trước.' });
  if (matches.length > 1) {
    throw new InvalidInputError(`Có ${matches.length} văn bản cùng số "${text}" (ban hành các năm ${matches.map((m) => (m.issuedOn ?? '?').slice(0, 4)).join(', ')}).`, { field: input.field, help: 'Hãy mở văn bản cần chọn ở danh sách Văn bản và làm từ văn bản đó.' });
  }
  return matches[0]!.id;
}

export function registerDocumentRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  const listsOf = async (siteId: string) => {
    const [types, fields] = await Promise.all([listDocumentListItems(deps.db, { siteId, list: 'type' }), listDocumentListItems(deps.db, { siteId, list: 'field' })]);
    return { types, fields };
  };
  /** The site's lists, given their usual items the first time staff open the registry (idempotent). */
  const readyListsOf = async (staff: StaffRequestContext) => {
    requirePermission(staff.scope.actor, 'document.edit');
    await ensureDefaultLists(deps.db, { siteId: staff.scope.siteId, now: staff.scope.now });
    return listsOf(staff.scope.siteId);
  };

  // ---- The list ----

  admin.get('/van-ban', async (request, reply) => {
    const staff = staffOf(request);
    const query = request.query as Record<string, string | undefined>;
    const tab = TABS.find((t) => t.view === (query.xem ?? '')) ?? TABS[0]!;
    const text = (query.q ?? '').slice(0, 200);
    const page = Math.min(Math.max(1, Number.parseInt(query.trang ?? '1', 10) || 1), 10_000);
    const result = await listDocumentsForStaff(deps.db, staff.scope, { publication: tab.publication, query: text, page, pageSize: PAGE_SIZE });
    const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const href = (p: number) => `${DOCUMENT_PATHS.list}?xem=${tab.view}&q=${encodeURIComponent(text)}&trang=${p}`;
    return sendStaffPage(reply, staff.frame, {
      title: 'Văn bản',
      path: DOCUMENT_PATHS.list,
      flash: documentFlashOf(request),
      actions: (
        <>
          <LinkButton href={DOCUMENT_PATHS.create} label="Thêm văn bản" variant="primary" />
          <LinkButton href={DOCUMENT_PATHS.import} label="Nhập từ bảng tính" />
          <LinkButton href={DOCUMENT_PATHS.lists} label="Danh mục" />
        </>
      ),
      children: (
        <>
          <nav class="tabs" aria-label="Lọc văn bản">
            <ul>
              {TABS.map((t) => (
                <li>
                  <a href={`${DOCUMENT_PATHS.list}${t.view ? `?xem=${t.view}` : ''}`} aria-current={t.view === tab.view ? 'page' : undefined}>
                    {t.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <Form action={DOCUMENT_PATHS.list} method="get" class="filter-form">
            {tab.view && <input type="hidden" name="xem" value={tab.view} />}
            <TextField name="q" label="Tìm theo số ký hiệu, trích yếu, cơ quan, người ký" type="search" value={text} />
            <SubmitButton label="Tìm" variant="secondary" />
          </Form>
          <DataTable
            caption={`${formatNumber(result.total)} văn bản${tab.publication ? ` (${tab.label.toLowerCase()})` : ''}`}
            columns={[
              { key: 'number', label: 'Số ký hiệu' },
              { key: 'type', label: 'Loại' },
              { key: 'summary', label: 'Trích yếu' },
              { key: 'issued', label: 'Ngày ban hành' },
              { key: 'status', label: 'Tình trạng' },
              { key: 'publication', label: 'Công bố' },
              { key: 'updated', label: 'Sửa lần cuối' },
            ]}
            rowHeader="number"
            rows={result.items.map((item) => ({
              number: <a href={DOCUMENT_PATHS.document(item.id)}>{item.number}</a>,
              type: item.typeName,
              summary: item.summary,
              issued: formatDocumentDay(item.issuedOn),
              status: DOCUMENT_STATUS_LABELS[item.status],
              publication: <PublicationBadge publication={item.publication} />,
              updated: <Time value={item.updatedAt} />,
            }))}
            empty={<EmptyState title={text ? 'Không có văn bản nào khớp.' : 'Chưa có văn bản nào ở đây.'} action={text ? undefined : { href: DOCUMENT_PATHS.create, label: 'Thêm văn bản' }} />}
          />
          <Pagination page={page} pageCount={pageCount} hrefFor={href} />
        </>
      ),
    });
  });

  // ---- A new document ----

  const newDocumentPage = async (request: FastifyRequest, reply: FastifyReply, input: { values?: FormValues; errors?: FieldError[] } = {}, status = 200) => {
    const staff = staffOf(request);
    const { types, fields } = await readyListsOf(staff);
    const canPublish = hasPermission(staff.scope.actor, 'document.publish');
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Thêm văn bản',
        path: DOCUMENT_PATHS.list,
        breadcrumbs: [{ href: DOCUMENT_PATHS.list, label: 'Văn bản' }],
        islands: ['editor'],
        isWide: true,
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Form action={DOCUMENT_PATHS.list} csrfToken={staff.csrfToken} isNoValidate attrs={{ 'data-article-form': true, 'data-upload-url': PATHS.upload }}>
              <DocumentFields values={input.values ?? { status: 'in_force' }} errors={input.errors} types={types} fields={fields} />
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

  admin.get('/van-ban/moi', (request, reply) => newDocumentPage(request, reply));

  admin.post('/van-ban', async (request, reply) => {
    const staff = staffOf(request);
    const body = (request.body ?? {}) as Body;
    const isPublishing = one(body._action) === 'publish';
    try {
      const { id } = await createLegalDocument(deps.db, staff.scope, { ...inputOfBody(body), isPublishing });
      return seeOther(reply, withFlash(DOCUMENT_PATHS.document(id), isPublishing ? 'vb-da-tao-xuat-ban' : 'vb-da-tao'));
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return newDocumentPage(request, reply, { values: valuesOfBody(body), errors: formErrorsOf(error) }, error.status);
    }
  });

  // ---- A document ----

  const documentPage = async (request: FastifyRequest, reply: FastifyReply, documentId: string, input: { values?: FormValues; errors?: FieldError[]; flash?: FlashMessage } = {}, status = 200) => {
    const staff = staffOf(request);
    const document = await getDocumentForEditing(deps.db, staff.scope, documentId);
    const [{ types, fields }, revisions] = await Promise.all([readyListsOf(staff), listDocumentRevisions(deps.db, staff.scope, documentId)]);
    const canUpload = hasPermission(staff.scope.actor, 'media.upload');
    const fileQuery = String((request.query as Record<string, unknown>)['tim-tep'] ?? '').slice(0, 200);
    const library = canUpload && document.can.edit ? await browseLibrary(deps.db, staff.scope, { kind: 'document', query: fileQuery, page: 1, pageSize: LIBRARY_CHOICES }) : null;
    const base = DOCUMENT_PATHS.document(document.id);
    const error = (field: string) => errorFor(input.errors, field);
    const values = input.values ? { ...valuesOfFields(document.fields), ...input.values } : valuesOfFields(document.fields);
    const attachedIds = new Set(document.attachments.map((a) => a.mediaId));
    const choices = library ? library.items.filter((m) => !attachedIds.has(m.id)) : [];
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: `Văn bản ${document.fields.number}`,
        heading: (
          <>
            Văn bản {document.fields.number} <PublicationBadge publication={document.publication} />
          </>
        ),
        path: DOCUMENT_PATHS.list,
        breadcrumbs: [{ href: DOCUMENT_PATHS.list, label: 'Văn bản' }],
        flash: input.flash ?? documentFlashOf(request),
        islands: document.can.edit ? ['editor'] : [],
        isWide: true,
        actions: document.publication === 'published' ? <LinkButton href={`${DOCUMENTS_PATH}/${document.fields.slug}`} label="Xem trên trang công khai" /> : undefined,
        children: (
          <div class="editor-layout">
            <div class="editor-layout__main">
              {input.errors && <ErrorSummary errors={input.errors} />}
              {document.can.edit ? (
                <Form action={base} csrfToken={staff.csrfToken} isNoValidate attrs={{ 'data-article-form': true, 'data-upload-url': PATHS.upload }}>
                  <DocumentFields values={values} errors={input.errors} types={types} fields={fields} isReplaced={document.replacedBy !== null} />
                  <FormActions>
                    <SubmitButton label="Lưu" />
                  </FormActions>
                </Form>
              ) : (
                <ReadOnlyDocument document={document} types={types} fields={fields} />
              )}

              <Panel title="Tệp đính kèm" id="tep-dinh-kem">
                {document.attachments.length ? (
                  <ul class="attachment-list">
                    {document.attachments.map((file) => (
                      <li>
                        <a href={file.url}>{file.name || 'Tệp không tên'}</a>{' '}
                        {document.can.edit && <ConfirmForm action={`${base}/tep/${file.mediaId}/go`} csrfToken={staff.csrfToken} label="Gỡ" confirm="Gỡ tệp này khỏi văn bản? Tệp vẫn còn trong thư viện." variant="secondary" context={file.name} />}
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
                      <FormActions><SubmitButton label="Đính kèm" variant="secondary" /></FormActions>
                    </Form>
                    <Form action={`${base}/tep/tai-len`} csrfToken={staff.csrfToken} enctype="multipart/form-data">
                      <div class={error('file') ? 'field field--error' : 'field'}>
                        <label class="field__label" for="document-file">
                          Hoặc tải tệp lên và đính kèm
                        </label>
                        <p class="field__help" id="document-file-help">
                          PDF, DOCX, XLSX, DOC, XLS, ODT; tối đa {formatNumber(Math.round(MAX_DOCUMENT_BYTES / 1024 / 1024))} MB. Tệp vào thư viện của trang.
                        </p>
                        {error('file') && (
                          <p class="field__error" id="document-file-error">
                            <span class="visually-hidden">Lỗi: </span>
                            {error('file')}
                          </p>
                        )}
                        <input id="document-file" class="input" type="file" name="file" required aria-describedby={error('file') ? 'document-file-error document-file-help' : 'document-file-help'} aria-invalid={error('file') ? 'true' : undefined} />
                      </div>
                      <FormActions><SubmitButton label="Tải lên và đính kèm" variant="secondary" /></FormActions>
                    </Form>
                  </>
                )}
              </Panel>

              <Panel title="Văn bản liên quan" id="lien-quan">
                {document.related.length ? (
                  <ul>
                    {document.related.map((other) => (
                      <li>
                        <a href={DOCUMENT_PATHS.document(other.id)}>{other.number}</a>: {other.summary}{' '}
                        {document.can.edit && <ConfirmForm action={`${base}/lien-quan/${other.id}/go`} csrfToken={staff.csrfToken} label="Bỏ" confirm="Bỏ liên quan giữa hai văn bản?" variant="secondary" context={other.number} />}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>Chưa có văn bản liên quan.</p>
                )}
                {document.can.edit && (
                  <Form action={`${base}/lien-quan`} csrfToken={staff.csrfToken}>
                    <TextField name="relatedNumber" label="Thêm văn bản liên quan theo số ký hiệu" value={input.values?.relatedNumber} maxLength={DOCUMENT_LIMITS.number} help="Văn bản phải có trong danh mục văn bản của trang (kể cả bản nháp)." error={error('relatedNumber')} />
                    <FormActions><SubmitButton label="Thêm" variant="secondary" /></FormActions>
                  </Form>
                )}
              </Panel>

              <Panel title="Các phiên bản" id="phien-ban">
                <DataTable
                  caption={`${formatNumber(revisions.length)} phiên bản, mới nhất trước`}
                  columns={[
                    { key: 'number', label: 'Số', isNumeric: true },
                    { key: 'time', label: 'Lúc lưu' },
                    { key: 'author', label: 'Người lưu' },
                    { key: 'documentNumber', label: 'Số ký hiệu lúc lưu' },
                    { key: 'summary', label: 'Trích yếu lúc lưu' },
                  ]}
                  rows={revisions.slice(0, REVISIONS_SHOWN).map((revision) => ({
                    number: formatNumber(revision.number),
                    time: <Time value={revision.createdAt} />,
                    author: revision.authorName,
                    documentNumber: revision.snapshot.number,
                    summary: revision.snapshot.summary,
                  }))}
                  empty="Chưa có phiên bản nào."
                />
              </Panel>
            </div>

            <aside class="editor-layout__side" aria-label="Xuất bản và hiệu lực">
              <Panel title="Xuất bản">
                <p>
                  <PublicationBadge publication={document.publication} /> Tình trạng: {DOCUMENT_STATUS_LABELS[document.status]}
                </p>
                {document.missing.length > 0 && (
                  <ul class="checklist">
                    {document.missing.map((item) => (
                      <li>Còn thiếu: {item}</li>
                    ))}
                  </ul>
                )}
                {document.can.publish && (
                  <Form action={`${base}/xuat-ban`} csrfToken={staff.csrfToken}>
                    <SubmitButton label="Xuất bản" />
                  </Form>
                )}
                {document.can.unpublish && <ConfirmForm action={`${base}/go-xuong`} csrfToken={staff.csrfToken} label="Gỡ xuống" confirm="Gỡ văn bản khỏi trang công khai?" />}
                {!hasPermission(staff.scope.actor, 'document.publish') && <p>Trưởng ban biên tập hoặc quản trị xuất bản văn bản.</p>}
              </Panel>

              <Panel title="Bị thay thế bởi" id="thay-the">
                {document.replacedBy ? (
                  <p>
                    Văn bản này bị thay thế bởi <a href={DOCUMENT_PATHS.document(document.replacedBy.id)}>{document.replacedBy.number}</a>.
                  </p>
                ) : (
                  <p>Chưa ghi văn bản thay thế.</p>
                )}
                {document.can.edit && (
                  <>
                    <Form action={`${base}/thay-the`} csrfToken={staff.csrfToken}>
                      <TextField name="replacedByNumber" label="Số ký hiệu văn bản thay thế" value={input.values?.replacedByNumber} maxLength={DOCUMENT_LIMITS.number} help="Ví dụ: 75/2021/NĐ-CP. Văn bản đó phải có trong danh mục của trang." error={error('replacedByNumber')} />
                      <FormActions><SubmitButton label="Ghi nhận" variant="secondary" /></FormActions>
                    </Form>
                    {document.replacedBy && <ConfirmForm action={`${base}/thay-the`} csrfToken={staff.csrfToken} label="Bỏ thay thế" confirm="Bỏ ghi nhận văn bản thay thế? Văn bản trở lại còn hiệu lực." fields={{ replacedByNumber: '' }} variant="secondary" />}
                  </>
                )}
              </Panel>

              <Panel title="Thông tin">
                <DescriptionList
                  isCompact
                  items={[
                    { term: 'Tạo lúc', details: <Time value={document.createdAt} /> },
                    { term: 'Sửa lần cuối', details: <Time value={document.updatedAt} /> },
                    { term: 'Xuất bản lần đầu', details: document.publishedAt ? <Time value={document.publishedAt} /> : 'Chưa' },
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

  /** A failed step on a document's page: its message on the page (beside its field when it has one). */
  const documentFailure = (request: FastifyRequest, reply: FastifyReply, documentId: string, values?: FormValues) => (error: unknown) => {
    if (!isShownOnForm(error)) throw error;
    return documentPage(request, reply, documentId, { values, errors: formErrorsOf(error) }, error.status);
  };

  admin.get<{ Params: { id: string } }>('/van-ban/:id', (request, reply) => documentPage(request, reply, request.params.id));

  admin.post<{ Params: { id: string } }>('/van-ban/:id', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await saveLegalDocument(deps.db, staffOf(request).scope, { documentId: request.params.id, fields: inputOfBody(body) });
    } catch (error) {
      return documentFailure(request, reply, request.params.id, valuesOfBody(body))(error);
    }
    return seeOther(reply, withFlash(DOCUMENT_PATHS.document(request.params.id), 'vb-da-luu'));
  });

  admin.post<{ Params: { id: string } }>('/van-ban/:id/xuat-ban', async (request, reply) => {
    try {
      await publishLegalDocument(deps.db, staffOf(request).scope, { documentId: request.params.id });
    } catch (error) {
      return documentFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(DOCUMENT_PATHS.document(request.params.id), 'vb-da-xuat-ban'));
  });

  admin.post<{ Params: { id: string } }>('/van-ban/:id/go-xuong', async (request, reply) => {
    try {
      await unpublishLegalDocument(deps.db, staffOf(request).scope, { documentId: request.params.id });
    } catch (error) {
      return documentFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(DOCUMENT_PATHS.document(request.params.id), 'vb-da-go'));
  });

  admin.post<{ Params: { id: string } }>('/van-ban/:id/thay-the', async (request, reply) => {
    const staff = staffOf(request);
    const text = one(((request.body ?? {}) as Body).replacedByNumber).trim();
    try {
      const replacedById = text ? await findDocumentIdByNumber(deps, staff.scope, { text, field: 'replacedByNumber' }) : null;
      await markDocumentReplaced(deps.db, staff.scope, { documentId: request.params.id, replacedById });
      return seeOther(reply, withFlash(DOCUMENT_PATHS.document(request.params.id), replacedById ? 'vb-da-thay-the' : 'vb-bo-thay-the'));
    } catch (error) {
      return documentFailure(request, reply, request.params.id, { replacedByNumber: text })(error);
    }
  });

  admin.post<{ Params: { id: string } }>('/van-ban/:id/tep', async (request, reply) => {
    try {
      const mediaId = one(((request.body ?? {}) as Body).mediaId);
      if (!mediaId) throw new InvalidInputError('Hãy chọn một tài liệu trong thư viện.', { field: 'mediaId' });
      await attachDocumentFile(deps.db, staffOf(request).scope, { documentId: request.params.id, mediaId });
    } catch (error) {
      return documentFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(DOCUMENT_PATHS.document(request.params.id), 'vb-da-dinh-kem'));
  });

  // The document is checked (and locked out for an author) before the file is stored in the library.
  admin.post<{ Params: { id: string } }>('/van-ban/:id/tep/tai-len', { config: { isCsrfCheckedByHandler: true, rateLimit: { max: 20, timeWindow: 60_000 } } }, async (request, reply) => {
    const staff = staffOf(request);
    try {
      const document = await getDocumentForEditing(deps.db, staff.scope, request.params.id);
      if (!document.can.edit) requirePermission(staff.scope.actor, 'document.publish');
      const { file } = await readUpload(request, MAX_DOCUMENT_BYTES);
      if (!file) throw new InvalidInputError('Chưa chọn tệp để tải lên.', { field: 'file' });
      const media = await uploadToLibrary(deps.db, deps.mediaDir, staff.scope, { bytes: file.bytes, originalName: file.name });
      if (media.kind !== 'document') throw new InvalidInputError('Tệp đính kèm phải là một tài liệu (PDF, DOCX…), không phải ảnh. Ảnh đã vào thư viện của trang.', { field: 'file' });
      await attachDocumentFile(deps.db, staff.scope, { documentId: request.params.id, mediaId: media.id });
    } catch (error) {
      return documentFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(DOCUMENT_PATHS.document(request.params.id), 'vb-da-dinh-kem'));
  });

  admin.post<{ Params: { id: string; mediaId: string } }>('/van-ban/:id/tep/:mediaId/go', async (request, reply) => {
    await detachDocumentFile(deps.db, staffOf(request).scope, { documentId: request.params.id, mediaId: request.params.mediaId });
    return seeOther(reply, withFlash(DOCUMENT_PATHS.document(request.params.id), 'vb-da-go-tep'));
  });

  admin.post<{ Params: { id: string } }>('/van-ban/:id/lien-quan', async (request, reply) => {
    const staff = staffOf(request);
    const text = one(((request.body ?? {}) as Body).relatedNumber).trim();
    try {
      if (!text) throw new InvalidInputError('Hãy ghi số ký hiệu của văn bản liên quan.', { field: 'relatedNumber' });
      const relatedId = await findDocumentIdByNumber(deps, staff.scope, { text, field: 'relatedNumber' });
      await relateDocuments(deps.db, staff.scope, { documentId: request.params.id, relatedId });
    } catch (error) {
      return documentFailure(request, reply, request.params.id, { relatedNumber: text })(error);
    }
    return seeOther(reply, withFlash(DOCUMENT_PATHS.document(request.params.id), 'vb-da-lien-quan'));
  });

  admin.post<{ Params: { id: string; relatedId: string } }>('/van-ban/:id/lien-quan/:relatedId/go', async (request, reply) => {
    try {
      await relateDocuments(deps.db, staffOf(request).scope, { documentId: request.params.id, relatedId: request.params.relatedId, isRelated: false });
    } catch (error) {
      return documentFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(DOCUMENT_PATHS.document(request.params.id), 'vb-bo-lien-quan'));
  });

  // ---- The managed lists ----

  const LISTS: { list: DocumentList; slug: string; title: string; singular: string }[] = [
    { list: 'type', slug: 'loai', title: 'Loại văn bản', singular: 'loại văn bản' },
    { list: 'field', slug: 'linh-vuc', title: 'Lĩnh vực', singular: 'lĩnh vực' },
  ];
  const listOfSlug = (slug: string) => LISTS.find((l) => l.slug === slug);

  const listsPage = async (request: FastifyRequest, reply: FastifyReply, input: { flash?: FlashMessage; errors?: FieldError[]; values?: FormValues; list?: DocumentList } = {}, status = 200) => {
    const staff = staffOf(request);
    const items = await readyListsOf(staff);
    const canManage = hasPermission(staff.scope.actor, 'document.publish');
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Danh mục văn bản',
        path: DOCUMENT_PATHS.list,
        breadcrumbs: [{ href: DOCUMENT_PATHS.list, label: 'Văn bản' }],
        flash: input.flash ?? documentFlashOf(request),
        children: (
          <>
            {!canManage && <p>Chỉ trưởng ban biên tập hoặc quản trị được sửa danh mục.</p>}
            {input.errors && <ErrorSummary errors={input.errors} title="Chưa lưu được:" />}
            {LISTS.map((l) => {
              const rows = l.list === 'type' ? items.types : items.fields;
              const action = `${DOCUMENT_PATHS.lists}/${l.slug}`;
              const isThisList = input.list === l.list;
              return (
                <Panel title={l.title} id={`danh-muc-${l.slug}`}>
                  <DataTable
                    caption={`${formatNumber(rows.length)} mục ${l.singular}`}
                    isCaptionHidden
                    id={`bang-${l.slug}`}
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
                    rows={rows.map((item) => ({
                      name: canManage ? (
                        <Form action={`${action}/${item.id}`} csrfToken={staff.csrfToken} class="filter-form" id={`sua-${item.id}`}>
                          <TextField name="name" label={`Tên ${l.singular}`} value={item.name} maxLength={100} id={`ten-${item.id}`} />
                          <TextField name="position" label="Thứ tự" type="number" value={item.position} isShort inputMode="numeric" id={`thu-tu-${item.id}`} />
                          {item.collection && <CollectionSelect id={`nhom-${item.id}`} value={item.collection} />}
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
                        <>
                          {item.name}
                          {item.collection && item.collection !== 'legal' && <> ({COLLECTION_LABELS[item.collection]})</>}
                        </>
                      ),
                      position: formatNumber(item.position),
                      actions: canManage ? <ConfirmForm action={`${action}/${item.id}/xoa`} csrfToken={staff.csrfToken} label="Xoá" confirm={`Xoá "${item.name}" khỏi danh mục?`} context={item.name} /> : '',
                    }))}
                    empty="Danh mục trống."
                  />
                  {canManage && (
                    <Form action={action} csrfToken={staff.csrfToken}>
                      <TextField name="name" label={`Thêm ${l.singular}`} value={isThisList ? input.values?.name : undefined} maxLength={100} id={`them-${l.slug}`} error={isThisList ? errorFor(input.errors, 'name') : undefined} />
                      {l.list === 'type' && <CollectionSelect id="them-nhom" value={isThisList ? input.values?.collection : undefined} />}
                      <FormActions><SubmitButton label="Thêm" variant="secondary" /></FormActions>
                    </Form>
                  )}
                </Panel>
              );
            })}
          </>
        ),
      },
      status,
    );
  };

  const listFailure = (request: FastifyRequest, reply: FastifyReply, list: DocumentList, values?: FormValues) => (error: unknown) => {
    if (!isShownOnForm(error)) throw error;
    const slug = LISTS.find((l) => l.list === list)!.slug;
    const errors = formErrorsOf(error).map((e) => ({ ...e, href: e.field === 'name' && values ? `#them-${slug}` : `#danh-muc-${slug}` }));
    return listsPage(request, reply, { errors, values, list }, error.status);
  };

  admin.get('/van-ban/danh-muc', (request, reply) => listsPage(request, reply));

  admin.post<{ Params: { list: string } }>('/van-ban/danh-muc/:list', async (request, reply) => {
    const target = listOfSlug(request.params.list);
    if (!target) return reply.callNotFound();
    const body = (request.body ?? {}) as Body;
    const name = one(body.name);
    const collection = body.collection === undefined ? undefined : one(body.collection);
    try {
      await createDocumentListItem(deps.db, staffOf(request).scope, { list: target.list, name, collection });
    } catch (error) {
      return listFailure(request, reply, target.list, { name, collection: collection ?? '' })(error);
    }
    return seeOther(reply, withFlash(DOCUMENT_PATHS.lists, 'dm-da-them'));
  });

  admin.post<{ Params: { list: string; id: string } }>('/van-ban/danh-muc/:list/:id', async (request, reply) => {
    const target = listOfSlug(request.params.list);
    if (!target) return reply.callNotFound();
    const body = (request.body ?? {}) as Body;
    const rawPosition = one(body.position).trim();
    try {
      const position = rawPosition === '' ? undefined : Number(rawPosition);
      if (position !== undefined && !Number.isInteger(position)) throw new InvalidInputError('Thứ tự phải là một số nguyên (0, 1, 2…).', { field: 'position' });
      await updateDocumentListItem(deps.db, staffOf(request).scope, {
        list: target.list,
        id: request.params.id,
        name: body.name === undefined ? undefined : one(body.name),
        position,
        collection: body.collection === undefined ? undefined : one(body.collection),
      });
    } catch (error) {
      return listFailure(request, reply, target.list)(error);
    }
    return seeOther(reply, withFlash(DOCUMENT_PATHS.lists, 'dm-da-luu'));
  });

  admin.post<{ Params: { list: string; id: string } }>('/van-ban/danh-muc/:list/:id/xoa', async (request, reply) => {
    const target = listOfSlug(request.params.list);
    if (!target) return reply.callNotFound();
    try {
      await deleteDocumentListItem(deps.db, staffOf(request).scope, { list: target.list, id: request.params.id });
    } catch (error) {
      return listFailure(request, reply, target.list)(error);
    }
    return seeOther(reply, withFlash(DOCUMENT_PATHS.lists, 'dm-da-xoa'));
  });

  registerDocumentImportRoutes(admin, deps);
}

/** Which public list a type's documents go to besides /van-ban (document-collections.ts). */
function CollectionSelect({ id, value }: { id: string; value?: string }) {
  return (
    <Select
      name="collection"
      id={id}
      label="Nhóm (trang danh sách riêng)"
      options={DOCUMENT_COLLECTIONS.map((collection) => ({ value: collection, label: COLLECTION_LABELS[collection], isSelected: collection === (value || 'legal') }))}
    />
  );
}
