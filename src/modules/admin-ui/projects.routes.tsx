/**
 * Staff screens of projects and procurement notices (/admin/du-an): the list, the form
 * of an item with its publication, files and revisions. Each handler translates a form
 * into one use-case of the projects module, which checks permissions and audits; its
 * errors come back on the form in Vietnamese.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppError } from '../../platform/errors.js';
import { InvalidInputError } from '../../platform/errors.js';
import { formatNumber } from '../../platform/i18n/vi.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import { browseLibrary, MAX_DOCUMENT_BYTES, uploadToLibrary } from '../media/index.js';
import {
  PROJECT_KINDS,
  PROJECT_KIND_LABELS,
  PROJECT_STATUS_LABELS,
  PROJECTS_PATH,
  attachProjectFile,
  createProject,
  detachProjectFile,
  getProjectForEditing,
  listProjectRevisions,
  listProjectsForStaff,
  publishProject,
  saveProject,
  unpublishProject,
  isProjectKind,
  type ProjectInput,
  type Publication,
} from '../projects/index.js';
import { isFormError, staffOf, type AdminUiDeps } from './admin-ui.routes.js';
import { readUpload } from './multipart-upload.js';
import { FORM_FIELDS, PROJECT_PATHS, ProjectFormFields, ProjectPublicationBadge, ReadOnlyProject, inputNameOf, projectFlashOf, valuesOfFields, type FormValues } from './projects.views.js';
import { PATHS, seeOther, sendStaffPage, withFlash } from './staff-pages.js';
import { ConfirmForm, DataTable, DescriptionList, EmptyState, ErrorSummary, Form, FormActions, LinkButton, Pagination, Panel, Select, SubmitButton, TextField, Time, errorFor, type FieldError, type FlashMessage } from './views/components.js';

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

function valuesOfBody(body: Body): FormValues {
  return Object.fromEntries(FORM_FIELDS.filter((name) => body[name] !== undefined).map((name) => [name, one(body[name])]));
}

/** The use-case's input from the form: only the fields the form sent (a missing one keeps its stored value). */
function inputOfBody(body: Body): ProjectInput {
  const input: ProjectInput = {};
  for (const name of FORM_FIELDS) {
    if (body[name] === undefined) continue;
    input[name === 'body_html' ? 'descriptionHtml' : name] = one(body[name]);
  }
  return input;
}

function formErrorsOf(error: AppError): FieldError[] {
  return [{ field: inputNameOf(error.field), message: error.help ? `${error.message} ${error.help}` : error.message }];
}

export function registerProjectsStaffRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  // ---- The list ----

  admin.get('/du-an', async (request, reply) => {
    const staff = staffOf(request);
    const query = request.query as Record<string, string | undefined>;
    const tab = TABS.find((t) => t.view === (query.xem ?? '')) ?? TABS[0]!;
    const kind = isProjectKind(query.loai) ? query.loai : undefined;
    const text = String(query.q ?? '').slice(0, 200);
    const page = Math.min(Math.max(1, Number.parseInt(String(query.trang ?? '1'), 10) || 1), 10_000);
    const result = await listProjectsForStaff(deps.db, staff.scope, { publication: tab.publication, kind, query: text, page, pageSize: PAGE_SIZE });
    const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const href = (p: number) => `${PROJECT_PATHS.list}?xem=${tab.view}&loai=${kind ?? ''}&q=${encodeURIComponent(text)}&trang=${p}`;
    return sendStaffPage(reply, staff.frame, {
      title: 'Dự án, đấu thầu',
      path: PROJECT_PATHS.list,
      flash: projectFlashOf(request),
      actions: <LinkButton href={PROJECT_PATHS.create} label="Thêm dự án, gói thầu" variant="primary" />,
      children: (
        <>
          <nav class="tabs" aria-label="Lọc theo công bố">
            <ul>
              {TABS.map((t) => (
                <li>
                  <a href={`${PROJECT_PATHS.list}${t.view ? `?xem=${t.view}` : ''}`} aria-current={t.view === tab.view ? 'page' : undefined}>
                    {t.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <Form action={PROJECT_PATHS.list} method="get" class="filter-form">
            {tab.view && <input type="hidden" name="xem" value={tab.view} />}
            <Select name="loai" label="Loại" options={[{ value: '', label: 'Tất cả', isSelected: !kind }, ...PROJECT_KINDS.map((k) => ({ value: k, label: PROJECT_KIND_LABELS[k], isSelected: k === kind }))]} />
            <TextField name="q" label="Tìm theo tên, chủ đầu tư, địa điểm, nhà thầu" type="search" value={text} maxLength={200} />
            <SubmitButton label="Tìm" variant="secondary" />
          </Form>
          <DataTable
            caption={`${formatNumber(result.total)} mục${tab.publication ? ` (${tab.label.toLowerCase()})` : ''}`}
            columns={[
              { key: 'name', label: 'Tên' },
              { key: 'kind', label: 'Loại' },
              { key: 'owner', label: 'Chủ đầu tư, bên mời thầu' },
              { key: 'status', label: 'Tình trạng' },
              { key: 'publication', label: 'Công bố' },
              { key: 'updated', label: 'Sửa lần cuối' },
            ]}
            rowHeader="name"
            rows={result.items.map((item) => ({
              name: <a href={PROJECT_PATHS.project(item.id)}>{item.name}</a>,
              kind: PROJECT_KIND_LABELS[item.kind],
              owner: item.owner,
              status: PROJECT_STATUS_LABELS[item.status],
              publication: <ProjectPublicationBadge publication={item.publication} />,
              updated: <Time value={item.updatedAt} />,
            }))}
            empty={<EmptyState title={text || kind ? 'Không có mục nào khớp.' : 'Chưa có dự án, gói thầu nào.'} action={text || kind ? undefined : { href: PROJECT_PATHS.create, label: 'Thêm dự án, gói thầu' }} />}
          />
          <Pagination page={page} pageCount={pageCount} hrefFor={href} />
        </>
      ),
    });
  });

  // ---- A new item ----

  const newProjectPage = async (request: FastifyRequest, reply: FastifyReply, input: { values?: FormValues; errors?: FieldError[] } = {}, status = 200) => {
    const staff = staffOf(request);
    requirePermission(staff.scope.actor, 'project.edit');
    const canPublish = hasPermission(staff.scope.actor, 'project.publish');
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Thêm dự án, gói thầu',
        path: PROJECT_PATHS.list,
        breadcrumbs: [{ href: PROJECT_PATHS.list, label: 'Dự án, đấu thầu' }],
        islands: ['editor'],
        isWide: true,
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Form action={PROJECT_PATHS.list} csrfToken={staff.csrfToken} isNoValidate attrs={{ 'data-article-form': true, 'data-upload-url': PATHS.upload }}>
              <ProjectFormFields values={input.values ?? {}} errors={input.errors} />
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

  admin.get('/du-an/moi', (request, reply) => newProjectPage(request, reply));

  admin.post('/du-an', async (request, reply) => {
    const staff = staffOf(request);
    const body = (request.body ?? {}) as Body;
    const isPublishing = one(body._action) === 'publish';
    try {
      const { id } = await createProject(deps.db, staff.scope, { ...inputOfBody(body), isPublishing });
      return seeOther(reply, withFlash(PROJECT_PATHS.project(id), isPublishing ? 'da-da-tao-xuat-ban' : 'da-da-tao'));
    } catch (error) {
      if (!isFormError(error)) throw error;
      return newProjectPage(request, reply, { values: valuesOfBody(body), errors: formErrorsOf(error) }, error.status);
    }
  });

  // ---- An item ----

  const projectPage = async (request: FastifyRequest, reply: FastifyReply, projectId: string, input: { values?: FormValues; errors?: FieldError[]; flash?: FlashMessage } = {}, status = 200) => {
    const staff = staffOf(request);
    const project = await getProjectForEditing(deps.db, staff.scope, projectId);
    const revisions = await listProjectRevisions(deps.db, staff.scope, project.id);
    const canUpload = hasPermission(staff.scope.actor, 'media.upload');
    const fileQuery = String((request.query as Record<string, unknown>)['tim-tep'] ?? '').slice(0, 200);
    const library = canUpload && project.can.edit ? await browseLibrary(deps.db, staff.scope, { kind: 'document', query: fileQuery, page: 1, pageSize: LIBRARY_CHOICES }) : null;
    const base = PROJECT_PATHS.project(project.id);
    const error = (field: string) => errorFor(input.errors, field);
    const values = input.values ? { ...valuesOfFields(project.fields), ...input.values } : valuesOfFields(project.fields);
    const attachedIds = new Set(project.attachments.map((a) => a.mediaId));
    const choices = library ? library.items.filter((m) => !attachedIds.has(m.id)) : [];
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: project.fields.name,
        heading: (
          <>
            {project.fields.name} <ProjectPublicationBadge publication={project.publication} />
          </>
        ),
        path: PROJECT_PATHS.list,
        breadcrumbs: [{ href: PROJECT_PATHS.list, label: 'Dự án, đấu thầu' }],
        flash: input.flash ?? projectFlashOf(request),
        islands: project.can.edit ? ['editor'] : [],
        isWide: true,
        actions: project.publication === 'published' ? <LinkButton href={`${PROJECTS_PATH}/${project.fields.slug}`} label="Xem trên trang công khai" /> : undefined,
        children: (
          <div class="editor-layout">
            <div class="editor-layout__main">
              {input.errors && <ErrorSummary errors={input.errors} />}
              {project.can.edit ? (
                <Form action={base} csrfToken={staff.csrfToken} isNoValidate attrs={{ 'data-article-form': true, 'data-upload-url': PATHS.upload }}>
                  <ProjectFormFields values={values} errors={input.errors} />
                  <FormActions>
                    <SubmitButton label="Lưu" />
                  </FormActions>
                </Form>
              ) : (
                <ReadOnlyProject project={project} />
              )}

              <Panel title="Tệp đính kèm" id="tep-dinh-kem">
                {project.attachments.length ? (
                  <ul class="attachment-list">
                    {project.attachments.map((file) => (
                      <li>
                        <a href={file.url}>{file.name || 'Tệp không tên'}</a>{' '}
                        {project.can.edit && <ConfirmForm action={`${base}/tep/${file.mediaId}/go`} csrfToken={staff.csrfToken} label="Gỡ" confirm="Gỡ tệp này? Tệp vẫn còn trong thư viện." variant="secondary" context={file.name} />}
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
                        <label class="field__label" for="project-file">
                          Hoặc tải tệp lên và đính kèm
                        </label>
                        <p class="field__help" id="project-file-help">
                          PDF, DOCX, XLSX, DOC, XLS, ODT; tối đa {formatNumber(Math.round(MAX_DOCUMENT_BYTES / 1024 / 1024))} MB. Tệp vào thư viện của trang.
                        </p>
                        {error('file') && (
                          <p class="field__error" id="project-file-error">
                            <span class="visually-hidden">Lỗi: </span>
                            {error('file')}
                          </p>
                        )}
                        <input id="project-file" class="input" type="file" name="file" required aria-describedby={error('file') ? 'project-file-error project-file-help' : 'project-file-help'} aria-invalid={error('file') ? 'true' : undefined} />
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
                    { key: 'name', label: 'Tên lúc lưu' },
                    { key: 'status', label: 'Tình trạng lúc lưu' },
                    { key: 'files', label: 'Số tệp', isNumeric: true },
                  ]}
                  rows={revisions.slice(0, REVISIONS_SHOWN).map((revision) => ({
                    number: formatNumber(revision.number),
                    time: <Time value={revision.createdAt} />,
                    author: revision.authorName,
                    name: revision.snapshot.name,
                    status: PROJECT_STATUS_LABELS[revision.snapshot.status] ?? revision.snapshot.status,
                    files: formatNumber(revision.snapshot.attachmentIds.length),
                  }))}
                  empty="Chưa có phiên bản nào."
                />
              </Panel>
            </div>

            <aside class="editor-layout__side" aria-label="Xuất bản">
              <Panel title="Xuất bản">
                <p>
                  <ProjectPublicationBadge publication={project.publication} /> Tình trạng: {PROJECT_STATUS_LABELS[project.status]}
                </p>
                {project.missing.length > 0 && (
                  <ul class="checklist">
                    {project.missing.map((item) => (
                      <li>Còn thiếu: {item}</li>
                    ))}
                  </ul>
                )}
                {project.can.publish && (
                  <Form action={`${base}/xuat-ban`} csrfToken={staff.csrfToken}>
                    <SubmitButton label="Xuất bản" />
                  </Form>
                )}
                {project.can.unpublish && <ConfirmForm action={`${base}/go-xuong`} csrfToken={staff.csrfToken} label="Gỡ xuống" confirm="Gỡ mục này khỏi trang công khai?" />}
                {!hasPermission(staff.scope.actor, 'project.publish') && <p>Trưởng ban biên tập hoặc quản trị xuất bản.</p>}
              </Panel>
              <Panel title="Thông tin">
                <DescriptionList
                  isCompact
                  items={[
                    { term: 'Tạo lúc', details: <Time value={project.createdAt} /> },
                    { term: 'Sửa lần cuối', details: <Time value={project.updatedAt} /> },
                    { term: 'Xuất bản lần đầu', details: project.publishedAt ? <Time value={project.publishedAt} /> : 'Chưa' },
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

  /** A failed step on an item's page: its message on the page (beside its field when it has one). */
  const projectFailure = (request: FastifyRequest, reply: FastifyReply, projectId: string, values?: FormValues) => (error: unknown) => {
    if (!isFormError(error)) throw error;
    return projectPage(request, reply, projectId, { values, errors: formErrorsOf(error) }, error.status);
  };

  admin.get<{ Params: { id: string } }>('/du-an/:id', (request, reply) => projectPage(request, reply, request.params.id));

  admin.post<{ Params: { id: string } }>('/du-an/:id', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await saveProject(deps.db, staffOf(request).scope, { projectId: request.params.id, fields: inputOfBody(body) });
    } catch (error) {
      return projectFailure(request, reply, request.params.id, valuesOfBody(body))(error);
    }
    return seeOther(reply, withFlash(PROJECT_PATHS.project(request.params.id), 'da-da-luu'));
  });

  admin.post<{ Params: { id: string } }>('/du-an/:id/xuat-ban', async (request, reply) => {
    try {
      await publishProject(deps.db, staffOf(request).scope, { projectId: request.params.id });
    } catch (error) {
      return projectFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(PROJECT_PATHS.project(request.params.id), 'da-da-xuat-ban'));
  });

  admin.post<{ Params: { id: string } }>('/du-an/:id/go-xuong', async (request, reply) => {
    try {
      await unpublishProject(deps.db, staffOf(request).scope, { projectId: request.params.id });
    } catch (error) {
      return projectFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(PROJECT_PATHS.project(request.params.id), 'da-da-go'));
  });

  admin.post<{ Params: { id: string } }>('/du-an/:id/tep', async (request, reply) => {
    try {
      const mediaId = one(((request.body ?? {}) as Body).mediaId);
      if (!mediaId) throw new InvalidInputError('Hãy chọn một tài liệu trong thư viện.', { field: 'mediaId' });
      await attachProjectFile(deps.db, staffOf(request).scope, { projectId: request.params.id, mediaId });
    } catch (error) {
      return projectFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(PROJECT_PATHS.project(request.params.id), 'da-da-dinh-kem'));
  });

  // The item is checked (and an editor locked out of a published one) before the file is stored in the library.
  admin.post<{ Params: { id: string } }>('/du-an/:id/tep/tai-len', { config: { isCsrfCheckedByHandler: true, rateLimit: { max: 20, timeWindow: 60_000 } } }, async (request, reply) => {
    const staff = staffOf(request);
    try {
      const project = await getProjectForEditing(deps.db, staff.scope, request.params.id);
      if (!project.can.edit) requirePermission(staff.scope.actor, 'project.publish');
      const { file } = await readUpload(request, MAX_DOCUMENT_BYTES);
      if (!file) throw new InvalidInputError('Chưa chọn tệp để tải lên.', { field: 'file' });
      const media = await uploadToLibrary(deps.db, deps.mediaDir, staff.scope, { bytes: file.bytes, originalName: file.name });
      if (media.kind !== 'document') throw new InvalidInputError('Tệp đính kèm phải là một tài liệu (PDF, DOCX…), không phải ảnh. Ảnh đã vào thư viện của trang.', { field: 'file' });
      await attachProjectFile(deps.db, staff.scope, { projectId: project.id, mediaId: media.id });
    } catch (error) {
      return projectFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(PROJECT_PATHS.project(request.params.id), 'da-da-dinh-kem'));
  });

  admin.post<{ Params: { id: string; mediaId: string } }>('/du-an/:id/tep/:mediaId/go', async (request, reply) => {
    try {
      await detachProjectFile(deps.db, staffOf(request).scope, { projectId: request.params.id, mediaId: request.params.mediaId });
    } catch (error) {
      return projectFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(PROJECT_PATHS.project(request.params.id), 'da-da-go-tep'));
  });
}
