/**
 * The staff screens of agency information (Cơ quan): the overview of units and officials,
 * the agency profile, a unit's form and an official's form, each with publication and
 * revisions. Each handler translates a form into one use-case of the agency module, which
 * checks permissions and audits; its errors come back on the form in Vietnamese.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { InvalidInputError } from '../../platform/errors.js';
import { formatNumber } from '../../platform/i18n/vi.js';
import { hasPermission, requirePermission } from '../accounts/index.js';
import {
  AGENCY_PATHS,
  UNIT_KIND_LABELS,
  buildTree,
  createOfficial,
  createUnit,
  deleteOfficial,
  deleteUnit,
  getAgencyProfileForEditing,
  getOfficialForEditing,
  getUnitForEditing,
  listAgencyRevisions,
  listOfficialsForStaff,
  listUnitsForStaff,
  publishOfficial,
  publishUnit,
  saveAgencyProfile,
  saveOfficial,
  saveUnit,
  unitPath,
  unpublishOfficial,
  unpublishUnit,
  type AgencyProfileFields,
  type Input,
  type OfficialFields,
  type StaffUnitItem,
  type TreeNode,
  type UnitFields,
} from '../agency/index.js';
import { browseLibrary, MAX_IMAGE_BYTES, uploadToLibrary } from '../media/index.js';
import { staffOf, type AdminUiDeps } from './admin-ui.routes.js';
import { AGENCY_ADMIN_PATHS as P, OfficialFormFields, ProfileFields, PublicationBadge, RevisionsPanel, UnitFormFields, agencyFlashOf, type FormValues } from './agency.views.js';
import { formErrorsOf, isShownOnForm } from './documents.views.js';
import { readUpload } from './multipart-upload.js';
import { PATHS, seeOther, sendStaffPage, withFlash } from './staff-pages.js';
import { ConfirmForm, DataTable, DescriptionList, EmptyState, ErrorSummary, Form, FormActions, LinkButton, Panel, SubmitButton, Time, errorFor, type FieldError, type FlashMessage } from './views/components.js';

type Body = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

const PROFILE_FIELDS = ['overviewHtml', 'overviewEnHtml', 'functionsHtml', 'functionsEnHtml', 'addressEn', 'mapUrl', 'officeHours', 'officeHoursEn'] as const;
const UNIT_FIELDS = ['name', 'nameEn', 'slug', 'kind', 'parentId', 'functionsHtml', 'functionsEnHtml', 'phone', 'email', 'position'] as const;
const OFFICIAL_FIELDS = ['fullName', 'positionTitle', 'positionEn', 'unitId', 'phone', 'email', 'photoMediaId', 'fieldsInCharge', 'fieldsInChargeEn', 'isLeader', 'leaderOrder', 'isContactPoint'] as const;
/** Unchecked boxes send nothing: on these forms that means "no". */
const CHECKBOXES = new Set<string>(['isLeader', 'isContactPoint']);

/** The form's fields as the use-case takes them (text as typed; the service checks it). */
function inputOf<T>(body: Body, names: readonly string[]): Input<T> {
  return Object.fromEntries(names.filter((name) => body[name] !== undefined || CHECKBOXES.has(name)).map((name) => [name, one(body[name])])) as Input<T>;
}

function valuesOf(body: Body, names: readonly string[]): FormValues {
  return Object.fromEntries(names.map((name) => [name, one(body[name])]));
}

function asValues(fields: object): FormValues {
  return Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, typeof value === 'boolean' ? (value ? '1' : '') : value === null || value === undefined ? '' : String(value)]));
}

/** Library images offered as photos (newest first). */
const PHOTO_CHOICES = 60;

export function registerAgencyStaffRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  const treeOf = async (request: FastifyRequest): Promise<TreeNode<StaffUnitItem>[]> => {
    const units = await listUnitsForStaff(deps.db, staffOf(request).scope);
    return buildTree(units);
  };
  const photoChoices = async (request: FastifyRequest, selected?: string | null) => {
    const staff = staffOf(request);
    if (!hasPermission(staff.scope.actor, 'media.upload')) return selected ? [{ value: selected, label: 'Ảnh đang dùng' }] : [];
    const library = await browseLibrary(deps.db, staff.scope, { kind: 'image', page: 1, pageSize: PHOTO_CHOICES });
    const options = library.items.map((m) => ({ value: m.id, label: m.alt || m.originalName || m.id }));
    return selected && !options.some((o) => o.value === selected) ? [{ value: selected, label: 'Ảnh đang dùng' }, ...options] : options;
  };

  // ---- The overview ----

  admin.get('/co-quan', async (request, reply) => {
    const staff = staffOf(request);
    const [units, officials] = await Promise.all([listUnitsForStaff(deps.db, staff.scope), listOfficialsForStaff(deps.db, staff.scope)]);
    const rows: { node: TreeNode<StaffUnitItem>; depth: number }[] = [];
    const walk = (nodes: TreeNode<StaffUnitItem>[], depth: number) => {
      for (const node of nodes) {
        rows.push({ node, depth });
        walk(node.children, depth + 1);
      }
    };
    walk(buildTree(units), 0);
    return sendStaffPage(reply, staff.frame, {
      title: 'Cơ quan',
      path: P.home,
      flash: agencyFlashOf(request),
      actions: (
        <>
          <LinkButton href={P.newUnit} label="Thêm đơn vị" variant="primary" />
          <LinkButton href={P.newOfficial} label="Thêm cán bộ" />
          <LinkButton href={P.profile} label="Giới thiệu, liên hệ" />
        </>
      ),
      children: (
        <>
          <p>
            Trang công khai: <a href={AGENCY_PATHS.overview}>Giới thiệu</a>, <a href={AGENCY_PATHS.chart}>Cơ cấu tổ chức</a>, <a href={AGENCY_PATHS.leaders}>Lãnh đạo</a>, <a href={AGENCY_PATHS.contact}>Liên hệ</a>. Chỉ mục đã xuất bản hiện ở đó.
          </p>
          <Panel title="Đơn vị" id="don-vi">
            <DataTable
              caption={`${formatNumber(units.length)} đơn vị, theo cơ cấu tổ chức`}
              isCaptionHidden
              columns={[
                { key: 'name', label: 'Tên đơn vị' },
                { key: 'kind', label: 'Loại' },
                { key: 'publication', label: 'Công bố' },
                { key: 'updated', label: 'Sửa lần cuối' },
              ]}
              rowHeader="name"
              rows={rows.map(({ node, depth }) => ({
                name: (
                  <>
                    {depth > 0 && <span aria-hidden="true">{'— '.repeat(depth)}</span>}
                    <a href={P.unit(node.id)}>{node.name}</a>
                  </>
                ),
                kind: UNIT_KIND_LABELS.vi[node.kind].one,
                publication: <PublicationBadge publication={node.publication} />,
                updated: <Time value={node.updatedAt} />,
              }))}
              empty={<EmptyState title="Chưa có đơn vị nào." action={{ href: P.newUnit, label: 'Thêm đơn vị' }} />}
            />
          </Panel>
          <Panel title="Lãnh đạo và cán bộ đầu mối" id="can-bo">
            <DataTable
              caption={`${formatNumber(officials.length)} cán bộ`}
              isCaptionHidden
              columns={[
                { key: 'name', label: 'Họ và tên' },
                { key: 'position', label: 'Chức vụ' },
                { key: 'unit', label: 'Đơn vị' },
                { key: 'roles', label: 'Hiện ở' },
                { key: 'publication', label: 'Công bố' },
              ]}
              rowHeader="name"
              rows={officials.map((o) => ({
                name: <a href={P.official(o.id)}>{o.fullName}</a>,
                position: o.positionTitle,
                unit: o.unitName,
                roles: [o.isLeader && 'Lãnh đạo', o.isContactPoint && 'Liên hệ'].filter(Boolean).join(', ') || 'Trang đơn vị',
                publication: <PublicationBadge publication={o.publication} />,
              }))}
              empty={<EmptyState title="Chưa có cán bộ nào." action={{ href: P.newOfficial, label: 'Thêm cán bộ' }} />}
            />
          </Panel>
        </>
      ),
    });
  });

  // ---- The profile ----

  const profilePage = async (request: FastifyRequest, reply: FastifyReply, input: { values?: FormValues; errors?: FieldError[] } = {}, status = 200) => {
    const staff = staffOf(request);
    const profile = await getAgencyProfileForEditing(deps.db, staff.scope);
    const revisions = await listAgencyRevisions(deps.db, staff.scope, { targetType: 'profile', targetId: staff.scope.siteId });
    const { updatedAt, canEdit, ...fields } = profile;
    const values = { ...asValues(fields), ...input.values };
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Giới thiệu và liên hệ',
        path: P.home,
        breadcrumbs: [{ href: P.home, label: 'Cơ quan' }],
        flash: agencyFlashOf(request),
        islands: canEdit ? ['editor'] : [],
        isWide: true,
        actions: <LinkButton href={AGENCY_PATHS.overview} label="Xem trên trang công khai" />,
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            {canEdit ? (
              <Form action={P.profile} csrfToken={staff.csrfToken} isNoValidate attrs={{ 'data-article-form': true, 'data-upload-url': PATHS.upload }}>
                <ProfileFields values={values} errors={input.errors} />
                <FormActions>
                  <SubmitButton label="Lưu (hiện ngay trên trang công khai)" />
                </FormActions>
              </Form>
            ) : (
              <Panel title="Thông tin cơ quan">
                <p>Thông tin này hiện trên trang công khai: chỉ trưởng ban biên tập hoặc quản trị được sửa.</p>
                <DescriptionList items={[{ term: 'Giờ làm việc', details: fields.officeHours || 'Chưa ghi' }, { term: 'Liên kết bản đồ', details: fields.mapUrl || 'Chưa ghi' }, { term: 'Sửa lần cuối', details: updatedAt ? <Time value={updatedAt} /> : 'Chưa' }]} />
              </Panel>
            )}
            <RevisionsPanel revisions={revisions} />
          </>
        ),
      },
      status,
    );
  };

  admin.get('/co-quan/thong-tin', (request, reply) => profilePage(request, reply));

  admin.post('/co-quan/thong-tin', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await saveAgencyProfile(deps.db, staffOf(request).scope, inputOf<AgencyProfileFields>(body, PROFILE_FIELDS));
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return profilePage(request, reply, { values: valuesOf(body, PROFILE_FIELDS), errors: formErrorsOf(error) }, error.status);
    }
    return seeOther(reply, withFlash(P.profile, 'cq-da-luu-thong-tin'));
  });

  // ---- Units ----

  const newUnitPage = async (request: FastifyRequest, reply: FastifyReply, input: { values?: FormValues; errors?: FieldError[] } = {}, status = 200) => {
    const staff = staffOf(request);
    requirePermission(staff.scope.actor, 'agency.edit');
    const tree = await treeOf(request);
    const canPublish = hasPermission(staff.scope.actor, 'agency.publish');
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Thêm đơn vị',
        path: P.home,
        breadcrumbs: [{ href: P.home, label: 'Cơ quan' }],
        islands: ['editor'],
        isWide: true,
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Form action={P.units} csrfToken={staff.csrfToken} isNoValidate attrs={{ 'data-article-form': true, 'data-upload-url': PATHS.upload }}>
              <UnitFormFields values={input.values ?? { kind: 'phong_chuyen_mon', parentId: tree[0]?.id ?? '' }} errors={input.errors} tree={tree} />
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

  admin.get('/co-quan/don-vi/moi', (request, reply) => newUnitPage(request, reply));

  admin.post('/co-quan/don-vi', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const isPublishing = one(body._action) === 'publish';
    try {
      const { id } = await createUnit(deps.db, staffOf(request).scope, { ...inputOf<UnitFields>(body, UNIT_FIELDS), isPublishing });
      return seeOther(reply, withFlash(P.unit(id), isPublishing ? 'cq-da-tao-xuat-ban' : 'cq-da-tao'));
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return newUnitPage(request, reply, { values: valuesOf(body, UNIT_FIELDS), errors: formErrorsOf(error) }, error.status);
    }
  });

  const unitPage = async (request: FastifyRequest, reply: FastifyReply, unitId: string, input: { values?: FormValues; errors?: FieldError[]; flash?: FlashMessage } = {}, status = 200) => {
    const staff = staffOf(request);
    const unit = await getUnitForEditing(deps.db, staff.scope, unitId);
    const [tree, revisions] = await Promise.all([treeOf(request), listAgencyRevisions(deps.db, staff.scope, { targetType: 'unit', targetId: unit.id })]);
    const base = P.unit(unit.id);
    const values = { ...asValues(unit.fields), ...input.values };
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: unit.fields.name,
        heading: (
          <>
            {unit.fields.name} <PublicationBadge publication={unit.publication} />
          </>
        ),
        path: P.home,
        breadcrumbs: [{ href: P.home, label: 'Cơ quan' }],
        flash: input.flash ?? agencyFlashOf(request),
        islands: unit.can.edit ? ['editor'] : [],
        isWide: true,
        actions: unit.publication === 'published' ? <LinkButton href={unitPath(unit.fields.slug)} label="Xem trên trang công khai" /> : undefined,
        children: (
          <div class="editor-layout">
            <div class="editor-layout__main">
              {input.errors && <ErrorSummary errors={input.errors} />}
              {unit.can.edit ? (
                <Form action={base} csrfToken={staff.csrfToken} isNoValidate attrs={{ 'data-article-form': true, 'data-upload-url': PATHS.upload }}>
                  <UnitFormFields values={values} errors={input.errors} tree={tree} unitId={unit.id} />
                  <FormActions>
                    <SubmitButton label="Lưu" />
                  </FormActions>
                </Form>
              ) : (
                <Panel title="Thông tin đơn vị">
                  <p>Đơn vị đang hiển thị công khai: chỉ trưởng ban biên tập hoặc quản trị được sửa. Hãy nhờ họ sửa, hoặc gỡ xuống trước.</p>
                  <DescriptionList items={[{ term: 'Tên', details: unit.fields.name }, { term: 'Loại', details: UNIT_KIND_LABELS.vi[unit.fields.kind].one }, { term: 'Điện thoại', details: unit.fields.phone }, { term: 'Thư điện tử', details: unit.fields.email }]} />
                </Panel>
              )}
              <RevisionsPanel revisions={revisions} />
            </div>
            <aside class="editor-layout__side" aria-label="Xuất bản">
              <PublicationPanel base={base} csrfToken={staff.csrfToken} can={unit.can} publication={unit.publication} what="đơn vị" mayPublish={hasPermission(staff.scope.actor, 'agency.publish')} context={unit.fields.name} />
              <Panel title="Thông tin">
                <DescriptionList isCompact items={[{ term: 'Tạo lúc', details: <Time value={unit.createdAt} /> }, { term: 'Sửa lần cuối', details: <Time value={unit.updatedAt} /> }, { term: 'Xuất bản lần đầu', details: unit.publishedAt ? <Time value={unit.publishedAt} /> : 'Chưa' }]} />
              </Panel>
            </aside>
          </div>
        ),
      },
      status,
    );
  };

  const unitFailure = (request: FastifyRequest, reply: FastifyReply, unitId: string, values?: FormValues) => (error: unknown) => {
    if (!isShownOnForm(error)) throw error;
    return unitPage(request, reply, unitId, { values, errors: formErrorsOf(error) }, error.status);
  };

  admin.get<{ Params: { id: string } }>('/co-quan/don-vi/:id', (request, reply) => unitPage(request, reply, request.params.id));

  admin.post<{ Params: { id: string } }>('/co-quan/don-vi/:id', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await saveUnit(deps.db, staffOf(request).scope, { unitId: request.params.id, fields: inputOf<UnitFields>(body, UNIT_FIELDS) });
    } catch (error) {
      return unitFailure(request, reply, request.params.id, valuesOf(body, UNIT_FIELDS))(error);
    }
    return seeOther(reply, withFlash(P.unit(request.params.id), 'cq-da-luu'));
  });

  const unitStep = (step: (input: { unitId: string }) => Promise<void>, flash: string) => async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    try {
      await step({ unitId: request.params.id });
    } catch (error) {
      return unitFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(P.unit(request.params.id), flash));
  };
  admin.post<{ Params: { id: string } }>('/co-quan/don-vi/:id/xuat-ban', (request, reply) => unitStep((input) => publishUnit(deps.db, staffOf(request).scope, input), 'cq-da-xuat-ban')(request, reply));
  admin.post<{ Params: { id: string } }>('/co-quan/don-vi/:id/go-xuong', (request, reply) => unitStep((input) => unpublishUnit(deps.db, staffOf(request).scope, input), 'cq-da-go')(request, reply));
  admin.post<{ Params: { id: string } }>('/co-quan/don-vi/:id/xoa', async (request, reply) => {
    try {
      await deleteUnit(deps.db, staffOf(request).scope, { unitId: request.params.id });
    } catch (error) {
      return unitFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(P.home, 'cq-da-xoa'));
  });

  // ---- Officials ----

  const newOfficialPage = async (request: FastifyRequest, reply: FastifyReply, input: { values?: FormValues; errors?: FieldError[] } = {}, status = 200) => {
    const staff = staffOf(request);
    requirePermission(staff.scope.actor, 'agency.edit');
    const [tree, photos] = await Promise.all([treeOf(request), photoChoices(request, input.values?.photoMediaId)]);
    const canPublish = hasPermission(staff.scope.actor, 'agency.publish');
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Thêm cán bộ',
        path: P.home,
        breadcrumbs: [{ href: P.home, label: 'Cơ quan' }],
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Form action={P.officials} csrfToken={staff.csrfToken} isNoValidate>
              <OfficialFormFields values={input.values ?? {}} errors={input.errors} tree={tree} photos={photos} />
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

  admin.get('/co-quan/can-bo/moi', (request, reply) => newOfficialPage(request, reply));

  admin.post('/co-quan/can-bo', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    const isPublishing = one(body._action) === 'publish';
    try {
      const { id } = await createOfficial(deps.db, staffOf(request).scope, { ...inputOf<OfficialFields>(body, OFFICIAL_FIELDS), isPublishing });
      return seeOther(reply, withFlash(P.official(id), isPublishing ? 'cq-da-tao-xuat-ban' : 'cq-da-tao'));
    } catch (error) {
      if (!isShownOnForm(error)) throw error;
      return newOfficialPage(request, reply, { values: valuesOf(body, OFFICIAL_FIELDS), errors: formErrorsOf(error) }, error.status);
    }
  });

  const officialPage = async (request: FastifyRequest, reply: FastifyReply, officialId: string, input: { values?: FormValues; errors?: FieldError[] } = {}, status = 200) => {
    const staff = staffOf(request);
    const official = await getOfficialForEditing(deps.db, staff.scope, officialId);
    const [tree, photos, revisions] = await Promise.all([treeOf(request), photoChoices(request, official.fields.photoMediaId), listAgencyRevisions(deps.db, staff.scope, { targetType: 'official', targetId: official.id })]);
    const base = P.official(official.id);
    const values = { ...asValues(official.fields), ...input.values };
    const canUpload = official.can.edit && hasPermission(staff.scope.actor, 'media.upload');
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: official.fields.fullName,
        heading: (
          <>
            {official.fields.fullName} <PublicationBadge publication={official.publication} />
          </>
        ),
        path: P.home,
        breadcrumbs: [{ href: P.home, label: 'Cơ quan' }],
        flash: agencyFlashOf(request),
        isWide: true,
        children: (
          <div class="editor-layout">
            <div class="editor-layout__main">
              {input.errors && <ErrorSummary errors={input.errors} />}
              {official.can.edit ? (
                <Form action={base} csrfToken={staff.csrfToken} isNoValidate>
                  <OfficialFormFields values={values} errors={input.errors} tree={tree} photos={photos} />
                  <FormActions>
                    <SubmitButton label="Lưu" />
                  </FormActions>
                </Form>
              ) : (
                <Panel title="Thông tin cán bộ">
                  <p>Thông tin đang hiển thị công khai: chỉ trưởng ban biên tập hoặc quản trị được sửa. Hãy nhờ họ sửa, hoặc gỡ xuống trước.</p>
                  <DescriptionList items={[{ term: 'Họ và tên', details: official.fields.fullName }, { term: 'Chức vụ', details: official.fields.positionTitle }, { term: 'Điện thoại', details: official.fields.phone }, { term: 'Thư điện tử', details: official.fields.email }]} />
                </Panel>
              )}
              {canUpload && (
                <Panel title="Tải ảnh mới" id="tai-anh">
                  <Form action={`${base}/anh`} csrfToken={staff.csrfToken} enctype="multipart/form-data">
                    <div class={errorFor(input.errors, 'file') ? 'field field--error' : 'field'}>
                      <label class="field__label" for="official-photo">
                        Ảnh chân dung
                      </label>
                      <p class="field__help" id="official-photo-help">
                        JPEG, PNG hoặc WebP, tối đa {formatNumber(Math.round(MAX_IMAGE_BYTES / 1024 / 1024))} MB; nên chụp dọc (3:4). Ảnh vào thư viện của trang và thay ảnh hiện tại.
                      </p>
                      {errorFor(input.errors, 'file') && (
                        <p class="field__error" id="official-photo-error">
                          <span class="visually-hidden">Lỗi: </span>
                          {errorFor(input.errors, 'file')}
                        </p>
                      )}
                      <input id="official-photo" class="input" type="file" name="file" accept="image/jpeg,image/png,image/webp" required aria-describedby={errorFor(input.errors, 'file') ? 'official-photo-error official-photo-help' : 'official-photo-help'} />
                    </div>
                    <FormActions>
                      <SubmitButton label="Tải lên" variant="secondary" />
                    </FormActions>
                  </Form>
                </Panel>
              )}
              <RevisionsPanel revisions={revisions} />
            </div>
            <aside class="editor-layout__side" aria-label="Xuất bản">
              <PublicationPanel base={base} csrfToken={staff.csrfToken} can={official.can} publication={official.publication} what="thông tin cán bộ" mayPublish={hasPermission(staff.scope.actor, 'agency.publish')} context={official.fields.fullName} />
              <Panel title="Thông tin">
                <DescriptionList isCompact items={[{ term: 'Tạo lúc', details: <Time value={official.createdAt} /> }, { term: 'Sửa lần cuối', details: <Time value={official.updatedAt} /> }, { term: 'Xuất bản lần đầu', details: official.publishedAt ? <Time value={official.publishedAt} /> : 'Chưa' }]} />
              </Panel>
            </aside>
          </div>
        ),
      },
      status,
    );
  };

  const officialFailure = (request: FastifyRequest, reply: FastifyReply, officialId: string, values?: FormValues) => (error: unknown) => {
    if (!isShownOnForm(error)) throw error;
    return officialPage(request, reply, officialId, { values, errors: formErrorsOf(error) }, error.status);
  };

  admin.get<{ Params: { id: string } }>('/co-quan/can-bo/:id', (request, reply) => officialPage(request, reply, request.params.id));

  admin.post<{ Params: { id: string } }>('/co-quan/can-bo/:id', async (request, reply) => {
    const body = (request.body ?? {}) as Body;
    try {
      await saveOfficial(deps.db, staffOf(request).scope, { officialId: request.params.id, fields: inputOf<OfficialFields>(body, OFFICIAL_FIELDS) });
    } catch (error) {
      return officialFailure(request, reply, request.params.id, valuesOf(body, OFFICIAL_FIELDS))(error);
    }
    return seeOther(reply, withFlash(P.official(request.params.id), 'cq-da-luu'));
  });

  const officialStep = (step: (input: { officialId: string }) => Promise<void>, flash: string) => async (request: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply) => {
    try {
      await step({ officialId: request.params.id });
    } catch (error) {
      return officialFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(P.official(request.params.id), flash));
  };
  admin.post<{ Params: { id: string } }>('/co-quan/can-bo/:id/xuat-ban', (request, reply) => officialStep((input) => publishOfficial(deps.db, staffOf(request).scope, input), 'cq-da-xuat-ban')(request, reply));
  admin.post<{ Params: { id: string } }>('/co-quan/can-bo/:id/go-xuong', (request, reply) => officialStep((input) => unpublishOfficial(deps.db, staffOf(request).scope, input), 'cq-da-go')(request, reply));
  admin.post<{ Params: { id: string } }>('/co-quan/can-bo/:id/xoa', async (request, reply) => {
    try {
      await deleteOfficial(deps.db, staffOf(request).scope, { officialId: request.params.id });
    } catch (error) {
      return officialFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(P.home, 'cq-da-xoa'));
  });

  // The official is checked (and an editor kept off a published one) before the image is stored in the library.
  admin.post<{ Params: { id: string } }>('/co-quan/can-bo/:id/anh', { config: { isCsrfCheckedByHandler: true, rateLimit: { max: 20, timeWindow: 60_000 } } }, async (request, reply) => {
    const staff = staffOf(request);
    try {
      const official = await getOfficialForEditing(deps.db, staff.scope, request.params.id);
      if (!official.can.edit) requirePermission(staff.scope.actor, 'agency.publish');
      const { file } = await readUpload(request, MAX_IMAGE_BYTES);
      if (!file) throw new InvalidInputError('Chưa chọn ảnh để tải lên.', { field: 'file' });
      const media = await uploadToLibrary(deps.db, deps.mediaDir, staff.scope, { bytes: file.bytes, originalName: file.name, alt: `Ảnh ${official.fields.fullName}` });
      if (media.kind !== 'image') throw new InvalidInputError('Ảnh chân dung phải là tệp ảnh (JPEG, PNG, WebP). Tệp đã vào thư viện của trang.', { field: 'file' });
      await saveOfficial(deps.db, staff.scope, { officialId: official.id, fields: { photoMediaId: media.id } });
    } catch (error) {
      return officialFailure(request, reply, request.params.id)(error);
    }
    return seeOther(reply, withFlash(P.official(request.params.id), 'cq-da-doi-anh'));
  });
}

/** Publish, unpublish and delete buttons of a unit or official, as the actor may use them. */
function PublicationPanel({ base, csrfToken, can, publication, what, mayPublish, context }: { base: string; csrfToken: string; can: { publish: boolean; unpublish: boolean; delete: boolean }; publication: 'draft' | 'published' | 'unpublished'; what: string; mayPublish: boolean; context: string }) {
  return (
    <Panel title="Xuất bản">
      <p>
        <PublicationBadge publication={publication} />
      </p>
      {can.publish && (
        <Form action={`${base}/xuat-ban`} csrfToken={csrfToken}>
          <SubmitButton label="Xuất bản" />
        </Form>
      )}
      {can.unpublish && <ConfirmForm action={`${base}/go-xuong`} csrfToken={csrfToken} label="Gỡ xuống" confirm={`Gỡ ${what} khỏi trang công khai?`} context={context} />}
      {!mayPublish && <p>Trưởng ban biên tập hoặc quản trị xuất bản {what}.</p>}
      {can.delete && <ConfirmForm action={`${base}/xoa`} csrfToken={csrfToken} label="Xoá" confirm={`Xoá hẳn ${what} này? Không thể hoàn tác.`} context={context} />}
    </Panel>
  );
}
