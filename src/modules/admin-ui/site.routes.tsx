/**
 * The admin's site management screens: the category tree, the main menu, banners,
 * sidebar blocks and the site's own details. Each handler calls one use-case; the
 * services check the role (site.structure, site.settings), validate, write the audit log
 * and raise the content version, so the public site shows a change at its next request.
 * Reordering is plain "Lên"/"Xuống" buttons: no script needed.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import { InvalidInputError, type AppError } from '../../platform/errors.js';
import {
  CategoryNotFoundError,
  addCategory,
  deleteCategory,
  listCategoriesToManage,
  MAX_CATEGORY_NAME_LENGTH,
  MAX_CATEGORY_SLUG_LENGTH,
  moveCategoryAsStaff,
  renameCategory,
  reorderCategory,
  type Category,
} from '../categories/index.js';
import { browseLibrary, type Media } from '../media/index.js';
import {
  BANNER_POSITION_LABELS,
  BANNER_POSITIONS,
  NAVIGATION_LIMITS,
  addBannerAsStaff,
  addMenuItemAsStaff,
  addSidebarBlockAsStaff,
  deleteBanner,
  deleteMenuItem,
  deleteSidebarBlock,
  getBannerForStaff,
  getMenuItemForStaff,
  getSidebarBlockForStaff,
  listBannersForStaff,
  listMenuForStaff,
  listSidebarBlocksForStaff,
  reorderBanner,
  reorderMenuItem,
  reorderSidebarBlock,
  updateBanner,
  updateMenuItem,
  updateSidebarBlock,
  type BannerInput,
  type Direction,
  type SidebarBlockInput,
  type StaffBanner,
  type StaffMenuItem,
  type StaffSidebarBlock,
} from '../navigation/index.js';
import { SITE_SETTINGS_LIMITS, getSiteSettings, updateSiteSettings, type SiteSettings, type SiteSettingsInput } from '../sites/index.js';
import { isFormError, staffOf, type AdminUiDeps, type StaffRequestContext } from './admin-ui.routes.js';
import { ADMIN, flashOf, seeOther, sendStaffPage, withFlash } from './staff-pages.js';
import {
  Checkbox,
  ConfirmForm,
  DataTable,
  DateTimeField,
  DescriptionList,
  ErrorSummary,
  Fieldset,
  Form,
  FormActions,
  LinkButton,
  Panel,
  Select,
  SubmitButton,
  TextArea,
  TextField,
  Time,
  errorFor,
  parseVietnamDateTimeLocal,
  type FieldError,
  type SelectOption,
} from './views/components.js';

/** The screens' addresses; the lead's nav links point at the first five. */
export const SITE_PATHS = {
  categories: `${ADMIN}/chuyen-muc`,
  category: (id: string) => `${ADMIN}/chuyen-muc/${encodeURIComponent(id)}`,
  menu: `${ADMIN}/menu`,
  menuItem: (id: string) => `${ADMIN}/menu/${encodeURIComponent(id)}`,
  banners: `${ADMIN}/banner`,
  banner: (id: string) => `${ADMIN}/banner/${encodeURIComponent(id)}`,
  blocks: `${ADMIN}/khoi-ben-le`,
  block: (id: string) => `${ADMIN}/khoi-ben-le/${encodeURIComponent(id)}`,
  settings: `${ADMIN}/thong-tin-trang`,
} as const;

type Body = Record<string, string | string[] | undefined>;
type Values = Record<string, string | string[] | undefined>;
/** What a page shows again after a refused form: what was typed, and what to fix. */
interface Retry {
  values?: Values;
  errors?: FieldError[];
}
type Params = { Params: { id: string } };

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function many(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

const bodyOf = (request: FastifyRequest): Body => (request.body ?? {}) as Body;

/** The "Lên"/"Xuống" button pressed. */
function directionOf(body: Body): Direction {
  const value = one(body.huong);
  if (value === 'len') return 'up';
  if (value === 'xuong') return 'down';
  throw new InvalidInputError('Hãy bấm nút "Lên" hoặc "Xuống".');
}

function errorsOf(error: AppError): FieldError[] {
  return [{ field: error.field, message: error.help ? `${error.message} ${error.help}` : error.message }];
}

/**
 * A refused form shows its page again with the message (400, 409); anything else (no
 * right, not found, a fault) goes to the error handler.
 */
async function retryOnFormError(error: unknown, show: (retry: Retry, status: number) => Promise<FastifyReply>, values: Values): Promise<FastifyReply> {
  if (!isFormError(error)) throw error;
  return show({ values, errors: errorsOf(error) }, error.status);
}

/** Runs a form's use-case, then redirects; a refused form is shown again. */
async function submit(reply: FastifyReply, input: { run: () => Promise<unknown>; next: string; show: (retry: Retry, status: number) => Promise<FastifyReply>; values: Values }): Promise<FastifyReply> {
  try {
    await input.run();
  } catch (error) {
    return retryOnFormError(error, input.show, input.values);
  }
  return seeOther(reply, input.next);
}

/** "Lên" and "Xuống" in one form; a button at an end of its list is disabled. */
function OrderButtons({ action, csrfToken, name, isFirst, isLast }: { action: string; csrfToken: string; name: string; isFirst: boolean; isLast: boolean }) {
  return (
    <Form action={action} csrfToken={csrfToken} class="inline-form order-buttons">
      <SubmitButton
        variant="secondary"
        name="huong"
        value="len"
        isDisabled={isFirst}
        label={
          <>
            Lên<span class="visually-hidden"> (đưa “{name}” lên trên)</span>
          </>
        }
      />
      <SubmitButton
        variant="secondary"
        name="huong"
        value="xuong"
        isDisabled={isLast}
        label={
          <>
            Xuống<span class="visually-hidden"> (đưa “{name}” xuống dưới)</span>
          </>
        }
      />
    </Form>
  );
}

/** Whether each row is first or last among the rows sharing its group (siblings, a banner position). */
function endsOf<T>(rows: readonly T[], groupOf: (row: T) => string | null): { isFirst: boolean; isLast: boolean }[] {
  return rows.map((row, index) => {
    const group = groupOf(row);
    const same = rows.map((other, i) => ({ other, i })).filter(({ other }) => groupOf(other) === group);
    return { isFirst: same[0]?.i === index, isLast: same[same.length - 1]?.i === index };
  });
}

const LINK_HELP = 'Đường dẫn trên trang, bắt đầu bằng / (ví dụ /tin-tuc/thong-bao), hoặc địa chỉ đầy đủ bắt đầu bằng https://.';

export function registerSiteRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  registerCategoryRoutes(admin, deps);
  registerMenuRoutes(admin, deps);
  registerBannerRoutes(admin, deps);
  registerSidebarBlockRoutes(admin, deps);
  registerSettingsRoutes(admin, deps);
}

// ---- Categories ----

function categoryOptions(listed: { category: Category; depth: number }[], selected: string, exclude: ReadonlySet<string> = new Set()): SelectOption[] {
  return listed.filter(({ category }) => !exclude.has(category.id)).map(({ category, depth }) => ({ value: category.id, label: `${'— '.repeat(depth)}${category.name}`, isSelected: category.id === selected }));
}

function registerCategoryRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  const listPage = async (request: FastifyRequest, reply: FastifyReply, retry: Retry = {}, status = 200) => {
    const staff = staffOf(request);
    const listed = await listCategoriesToManage(deps.db, staff.scope);
    const ends = endsOf(listed, ({ category }) => category.parentId);
    const values = retry.values ?? {};
    const error = (field: string) => errorFor(retry.errors, field);
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Chuyên mục',
        path: SITE_PATHS.categories,
        flash: flashOf(request),
        children: (
          <>
            {retry.errors && one(values.form) !== 'add' && <ErrorSummary errors={retry.errors} title="Chưa thực hiện được:" />}
            <p class="page-intro">Địa chỉ của chuyên mục trên trang công khai ghép từ tên rút gọn của nó và của các chuyên mục cha. Đổi tên rút gọn hay chuyển chuyên mục thì địa chỉ cũ vẫn dùng được: bạn đọc được chuyển tới địa chỉ mới.</p>
            <DataTable
              caption={`${listed.length} chuyên mục`}
              columns={[
                { key: 'name', label: 'Tên chuyên mục' },
                { key: 'path', label: 'Địa chỉ' },
                { key: 'order', label: 'Thứ tự' },
                { key: 'actions', label: 'Thao tác' },
              ]}
              rowHeader="name"
              rows={listed.map(({ category, depth }, index) => ({
                name: (
                  <span class={`tree-name tree-name--${Math.min(depth, 5)}`}>
                    {depth > 0 && <span aria-hidden="true">↳ </span>}
                    <a href={SITE_PATHS.category(category.id)}>{category.name}</a>
                    {depth > 0 && <span class="visually-hidden"> (cấp {depth + 1})</span>}
                  </span>
                ),
                path: <a href={`/${category.path}`}>/{category.path}</a>,
                order: <OrderButtons action={`${SITE_PATHS.category(category.id)}/thu-tu`} csrfToken={staff.csrfToken} name={category.name} {...ends[index]!} />,
                actions: (
                  <div class="row-actions">
                    <LinkButton href={SITE_PATHS.category(category.id)} label={<>Sửa<span class="visually-hidden"> {category.name}</span></>} />
                    <ConfirmForm action={`${SITE_PATHS.category(category.id)}/xoa`} csrfToken={staff.csrfToken} label="Xoá" confirm={`Xoá chuyên mục "${category.name}"? Chỉ xoá được chuyên mục không còn bài viết và chuyên mục con.`} context={category.name} />
                  </div>
                ),
              }))}
              empty="Trang chưa có chuyên mục nào."
            />
            <Panel title="Thêm chuyên mục" id="them-chuyen-muc">
              {retry.errors && one(values.form) === 'add' && <ErrorSummary errors={retry.errors} />}
              <Form action={SITE_PATHS.categories} csrfToken={staff.csrfToken}>
                <input type="hidden" name="form" value="add" />
                <TextField name="name" label="Tên chuyên mục" value={one(values.name)} isRequired maxLength={MAX_CATEGORY_NAME_LENGTH} error={error('name')} />
                <TextField name="nameEn" label="Tên tiếng Anh" value={one(values.nameEn)} maxLength={MAX_CATEGORY_NAME_LENGTH} help="Hiện trên các trang tiếng Anh (/en/). Để trống: dùng tên tiếng Việt." error={error('nameEn')} attrs={{ lang: 'en' }} />
                <TextField name="slug" label="Tên rút gọn (slug)" value={one(values.slug)} maxLength={MAX_CATEGORY_SLUG_LENGTH} help="Phần cuối của địa chỉ, ví dụ thong-bao. Để trống: tạo từ tên chuyên mục." spellcheck={false} error={error('slug')} />
                <Select name="parentId" label="Chuyên mục cha" placeholder="— Cấp cao nhất —" options={categoryOptions(listed, one(values.parentId))} error={error('parentId')} />
                <Checkbox name="isOnHome" label="Hiện trên trang chủ" help="Trang chủ có một nhóm tin mới của chuyên mục này." isChecked={one(values.isOnHome) === '1'} />
                <FormActions>
                  <SubmitButton label="Thêm chuyên mục" />
                </FormActions>
              </Form>
            </Panel>
          </>
        ),
      },
      status,
    );
  };

  const editPage = async (request: FastifyRequest<Params>, reply: FastifyReply, retry: Retry = {}, status = 200) => {
    const staff = staffOf(request);
    const listed = await listCategoriesToManage(deps.db, staff.scope);
    const found = listed.find(({ category }) => category.id === request.params.id);
    if (!found) throw new CategoryNotFoundError();
    const { category } = found;
    // The category and everything below it cannot be its new parent.
    const below = new Set<string>([category.id]);
    for (const { category: c } of listed) if (c.parentId && below.has(c.parentId)) below.add(c.id);
    const children = listed.filter(({ category: c }) => c.parentId === category.id).length;
    const values = retry.values ?? {};
    const form = one(values.form);
    const error = (field: string) => errorFor(retry.errors, field);
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: `Chuyên mục: ${category.name}`,
        path: SITE_PATHS.categories,
        breadcrumbs: [{ href: SITE_PATHS.categories, label: 'Chuyên mục' }],
        flash: flashOf(request),
        children: (
          <>
            <DescriptionList
              items={[
                { term: 'Địa chỉ trên trang', details: <a href={`/${category.path}`}>/{category.path}</a> },
                { term: 'Chuyên mục con', details: String(children) },
              ]}
            />
            <Panel title="Đổi tên" id="doi-ten">
              {retry.errors && form === 'rename' && <ErrorSummary errors={retry.errors} />}
              <Form action={SITE_PATHS.category(category.id)} csrfToken={staff.csrfToken}>
                <input type="hidden" name="form" value="rename" />
                <TextField name="name" label="Tên chuyên mục" value={form === 'rename' ? one(values.name) : category.name} isRequired maxLength={MAX_CATEGORY_NAME_LENGTH} error={form === 'rename' ? error('name') : undefined} />
                <TextField
                  name="nameEn"
                  label="Tên tiếng Anh"
                  value={form === 'rename' ? one(values.nameEn) : category.nameEn}
                  maxLength={MAX_CATEGORY_NAME_LENGTH}
                  help="Hiện trên các trang tiếng Anh (/en/). Để trống: dùng tên tiếng Việt."
                  error={form === 'rename' ? error('nameEn') : undefined}
                  attrs={{ lang: 'en' }}
                />
                <TextField
                  name="slug"
                  label="Tên rút gọn (slug)"
                  value={form === 'rename' ? one(values.slug) : category.slug}
                  maxLength={MAX_CATEGORY_SLUG_LENGTH}
                  spellcheck={false}
                  help="Đổi tên rút gọn thì địa chỉ của chuyên mục và mọi trang bên dưới đổi theo; địa chỉ cũ tự chuyển tới địa chỉ mới."
                  error={form === 'rename' ? error('slug') : undefined}
                />
                <FormActions>
                  <SubmitButton label="Lưu" />
                </FormActions>
              </Form>
            </Panel>
            <Panel title="Chuyển sang chuyên mục cha khác" id="chuyen">
              {retry.errors && form === 'move' && <ErrorSummary errors={retry.errors} title="Chưa chuyển được:" />}
              <Form action={`${SITE_PATHS.category(category.id)}/chuyen`} csrfToken={staff.csrfToken}>
                <input type="hidden" name="form" value="move" />
                <Select
                  name="parentId"
                  label="Chuyên mục cha mới"
                  placeholder="— Cấp cao nhất —"
                  options={categoryOptions(listed, form === 'move' ? one(values.parentId) : (category.parentId ?? ''), below)}
                  help="Chuyên mục được chuyển cùng mọi chuyên mục con và bài viết của nó."
                  error={form === 'move' ? error('parentId') : undefined}
                />
                <FormActions>
                  <SubmitButton label="Chuyển" />
                </FormActions>
              </Form>
            </Panel>
            <Panel title="Xoá chuyên mục" id="xoa">
              {retry.errors && form === 'delete' && <ErrorSummary errors={retry.errors} title="Chưa xoá được:" />}
              <p>Chỉ xoá được chuyên mục không còn chuyên mục con, bài viết (kể cả bài nháp, bài lưu trữ) và không được dùng trong khối bên lề.</p>
              <ConfirmForm action={`${SITE_PATHS.category(category.id)}/xoa`} csrfToken={staff.csrfToken} label="Xoá chuyên mục" confirm={`Xoá chuyên mục "${category.name}"?`} context={category.name} fields={{ form: 'delete' }} />
            </Panel>
          </>
        ),
      },
      status,
    );
  };

  admin.get('/chuyen-muc', (request, reply) => listPage(request, reply));

  admin.post('/chuyen-muc', async (request, reply) => {
    const body = bodyOf(request);
    return submit(reply, {
      run: () => addCategory(deps.db, staffOf(request).scope, { name: one(body.name), nameEn: one(body.nameEn), slug: one(body.slug), parentId: one(body.parentId) || null, isOnHome: one(body.isOnHome) === '1' }),
      next: withFlash(SITE_PATHS.categories, 'da-luu'),
      show: (retry, status) => listPage(request, reply, retry, status),
      values: { ...body, form: 'add' },
    });
  });

  admin.get<Params>('/chuyen-muc/:id', (request, reply) => editPage(request, reply));

  admin.post<Params>('/chuyen-muc/:id', async (request, reply) => {
    const body = bodyOf(request);
    return submit(reply, {
      run: () => renameCategory(deps.db, staffOf(request).scope, { categoryId: request.params.id, name: one(body.name), slug: one(body.slug), nameEn: body.nameEn === undefined ? undefined : one(body.nameEn) }),
      next: withFlash(SITE_PATHS.categories, 'da-cap-nhat'),
      show: (retry, status) => editPage(request, reply, retry, status),
      values: { ...body, form: 'rename' },
    });
  });

  admin.post<Params>('/chuyen-muc/:id/chuyen', async (request, reply) => {
    const body = bodyOf(request);
    return submit(reply, {
      run: () => moveCategoryAsStaff(deps.db, staffOf(request).scope, { categoryId: request.params.id, parentId: one(body.parentId) || null }),
      next: withFlash(SITE_PATHS.categories, 'da-cap-nhat'),
      show: (retry, status) => editPage(request, reply, retry, status),
      values: { ...body, form: 'move' },
    });
  });

  admin.post<Params>('/chuyen-muc/:id/thu-tu', async (request, reply) => {
    await reorderCategory(deps.db, staffOf(request).scope, { categoryId: request.params.id, direction: directionOf(bodyOf(request)) });
    return seeOther(reply, SITE_PATHS.categories);
  });

  admin.post<Params>('/chuyen-muc/:id/xoa', async (request, reply) => {
    const body = bodyOf(request);
    // Refused from the edit page: shown there; from the list: on the list.
    const isFromEditPage = one(body.form) === 'delete';
    return submit(reply, {
      run: () => deleteCategory(deps.db, staffOf(request).scope, { categoryId: request.params.id }),
      next: withFlash(SITE_PATHS.categories, 'da-xoa'),
      show: (retry, status) => (isFromEditPage ? editPage(request, reply, retry, status) : listPage(request, reply, retry, status)),
      values: { form: isFromEditPage ? 'delete' : 'list' },
    });
  });
}

// ---- Menu ----

function menuParentOptions(items: StaffMenuItem[], selected: string, exceptId?: string): SelectOption[] {
  return items.filter((item) => item.depth === 0 && item.id !== exceptId).map((item) => ({ value: item.id, label: item.label, isSelected: item.id === selected }));
}

function MenuItemFields({ values, errors, parents }: { values: Values; errors?: FieldError[]; parents: SelectOption[] }) {
  return (
    <>
      <TextField name="label" label="Tên mục" value={one(values.label)} isRequired maxLength={NAVIGATION_LIMITS.label} error={errorFor(errors, 'label')} />
      <TextField name="url" label="Địa chỉ liên kết" value={one(values.url)} isRequired maxLength={NAVIGATION_LIMITS.url} help={LINK_HELP} spellcheck={false} inputMode="url" error={errorFor(errors, 'url')} />
      <Select name="parentId" label="Mục cha" placeholder="— Cấp đầu —" options={parents} help="Menu có hai cấp: mục con hiện khi đưa chuột hay bấm vào mục cha." error={errorFor(errors, 'parentId')} />
    </>
  );
}

function registerMenuRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  const listPage = async (request: FastifyRequest, reply: FastifyReply, retry: Retry = {}, status = 200) => {
    const staff = staffOf(request);
    const items = await listMenuForStaff(deps.db, staff.scope);
    const ends = endsOf(items, (item) => item.parentId);
    const values = retry.values ?? {};
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Menu',
        path: SITE_PATHS.menu,
        flash: flashOf(request),
        children: (
          <>
            <DataTable
              caption="Menu chính của trang"
              columns={[
                { key: 'label', label: 'Tên mục' },
                { key: 'url', label: 'Liên kết' },
                { key: 'order', label: 'Thứ tự' },
                { key: 'actions', label: 'Thao tác' },
              ]}
              rowHeader="label"
              rows={items.map((item, index) => ({
                label: (
                  <span class={`tree-name tree-name--${item.depth}`}>
                    {item.depth > 0 && <span aria-hidden="true">↳ </span>}
                    {item.label}
                    {item.depth > 0 && <span class="visually-hidden"> (mục con)</span>}
                  </span>
                ),
                url: <span class="cell-url">{item.url}</span>,
                order: <OrderButtons action={`${SITE_PATHS.menuItem(item.id)}/thu-tu`} csrfToken={staff.csrfToken} name={item.label} {...ends[index]!} />,
                actions: (
                  <div class="row-actions">
                    <LinkButton href={SITE_PATHS.menuItem(item.id)} label={<>Sửa<span class="visually-hidden"> {item.label}</span></>} />
                    <ConfirmForm action={`${SITE_PATHS.menuItem(item.id)}/xoa`} csrfToken={staff.csrfToken} label="Xoá" confirm={item.hasChildren ? `Xoá mục "${item.label}" cùng các mục con của nó?` : `Xoá mục "${item.label}"?`} context={item.label} />
                  </div>
                ),
              }))}
              empty="Menu chưa có mục nào."
            />
            <Panel title="Thêm mục menu" id="them-muc">
              {retry.errors && <ErrorSummary errors={retry.errors} />}
              <Form action={SITE_PATHS.menu} csrfToken={staff.csrfToken}>
                <MenuItemFields values={values} errors={retry.errors} parents={menuParentOptions(items, one(values.parentId))} />
                <FormActions>
                  <SubmitButton label="Thêm mục" />
                </FormActions>
              </Form>
            </Panel>
          </>
        ),
      },
      status,
    );
  };

  const editPage = async (request: FastifyRequest<Params>, reply: FastifyReply, retry: Retry = {}, status = 200) => {
    const staff = staffOf(request);
    const item = await getMenuItemForStaff(deps.db, staff.scope, request.params.id);
    const items = await listMenuForStaff(deps.db, staff.scope);
    const values = retry.values ?? { label: item.label, url: item.url, parentId: item.parentId ?? '' };
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: `Mục menu: ${item.label}`,
        path: SITE_PATHS.menu,
        breadcrumbs: [{ href: SITE_PATHS.menu, label: 'Menu' }],
        children: (
          <>
            <Panel title="Sửa mục menu">
              {retry.errors && <ErrorSummary errors={retry.errors} />}
              <Form action={SITE_PATHS.menuItem(item.id)} csrfToken={staff.csrfToken}>
                <MenuItemFields values={values} errors={retry.errors} parents={menuParentOptions(items, one(values.parentId), item.id)} />
                <FormActions>
                  <SubmitButton label="Lưu" />
                  <LinkButton href={SITE_PATHS.menu} label="Huỷ" />
                </FormActions>
              </Form>
            </Panel>
            <ConfirmForm action={`${SITE_PATHS.menuItem(item.id)}/xoa`} csrfToken={staff.csrfToken} label="Xoá mục này" confirm={item.hasChildren ? `Xoá mục "${item.label}" cùng các mục con của nó?` : `Xoá mục "${item.label}"?`} context={item.label} />
          </>
        ),
      },
      status,
    );
  };

  const inputOf = (body: Body) => ({ label: one(body.label), url: one(body.url), parentId: one(body.parentId) || null });

  admin.get('/menu', (request, reply) => listPage(request, reply));

  admin.post('/menu', async (request, reply) => {
    const body = bodyOf(request);
    return submit(reply, {
      run: () => addMenuItemAsStaff(deps.db, staffOf(request).scope, inputOf(body)),
      next: withFlash(SITE_PATHS.menu, 'da-luu'),
      show: (retry, status) => listPage(request, reply, retry, status),
      values: body,
    });
  });

  admin.get<Params>('/menu/:id', (request, reply) => editPage(request, reply));

  admin.post<Params>('/menu/:id', async (request, reply) => {
    const body = bodyOf(request);
    return submit(reply, {
      run: () => updateMenuItem(deps.db, staffOf(request).scope, { itemId: request.params.id, ...inputOf(body) }),
      next: withFlash(SITE_PATHS.menu, 'da-cap-nhat'),
      show: (retry, status) => editPage(request, reply, retry, status),
      values: body,
    });
  });

  admin.post<Params>('/menu/:id/thu-tu', async (request, reply) => {
    await reorderMenuItem(deps.db, staffOf(request).scope, { itemId: request.params.id, direction: directionOf(bodyOf(request)) });
    return seeOther(reply, SITE_PATHS.menu);
  });

  admin.post<Params>('/menu/:id/xoa', async (request, reply) => {
    await deleteMenuItem(deps.db, staffOf(request).scope, { itemId: request.params.id });
    return seeOther(reply, withFlash(SITE_PATHS.menu, 'da-xoa'));
  });
}

// ---- Images (banners, the logo) ----

/** The newest images of the library, for choosing one; the current choice stays listed even when older. */
async function imageOptions(deps: AdminUiDeps, staff: StaffRequestContext, selected: string): Promise<{ options: SelectOption[]; images: Media[] }> {
  const { items } = await browseLibrary(deps.db, staff.scope, { kind: 'image', page: 1, pageSize: 100 });
  const label = (media: Media) => media.alt || media.originalName || `Ảnh ${media.id.slice(0, 8)}`;
  const options = items.map((media) => ({ value: media.id, label: label(media), isSelected: media.id === selected }));
  if (selected && !options.some((o) => o.value === selected)) options.unshift({ value: selected, label: 'Ảnh đang dùng', isSelected: true });
  return { options, images: items };
}

const thumbOf = (mediaId: string) => `${ADMIN}/media/${encodeURIComponent(mediaId)}/thumb`;

function NoImagesHint({ images }: { images: Media[] }) {
  if (images.length > 0) return null;
  return (
    <p class="field__help">
      Thư viện chưa có ảnh nào. Hãy tải ảnh lên ở <a href={`${ADMIN}/thu-vien`}>Thư viện tệp</a> trước.
    </p>
  );
}

// ---- Banners ----

const BANNER_STATES: Record<StaffBanner['state'], { label: string; tone: string }> = {
  showing: { label: 'Đang hiện', tone: 'published' },
  waiting: { label: 'Chưa tới lúc hiện', tone: 'scheduled' },
  ended: { label: 'Đã hết hạn', tone: 'archived' },
};

function BannerFields({ values, errors, images }: { values: Values; errors?: FieldError[]; images: { options: SelectOption[]; images: Media[] } }) {
  const position = one(values.position) || 'sidebar';
  return (
    <>
      <TextField name="title" label="Tên banner" value={one(values.title)} isRequired maxLength={NAVIGATION_LIMITS.title} help="Đọc cho người khiếm thị thay cho ảnh: hãy ghi điều banner nói." error={errorFor(errors, 'title')} />
      <Select name="position" label="Vị trí" options={BANNER_POSITIONS.map((p) => ({ value: p, label: BANNER_POSITION_LABELS[p], isSelected: p === position }))} error={errorFor(errors, 'position')} />
      <Select name="mediaId" label="Ảnh" placeholder="— Chọn ảnh trong thư viện —" isRequired options={images.options} help="Ảnh của thư viện tệp, mới nhất trước." error={errorFor(errors, 'mediaId')} />
      <NoImagesHint images={images.images} />
      <TextField name="linkUrl" label="Liên kết khi bấm vào" value={one(values.linkUrl)} maxLength={NAVIGATION_LIMITS.url} help={`${LINK_HELP} Để trống: về trang chủ.`} spellcheck={false} inputMode="url" error={errorFor(errors, 'linkUrl')} />
      <DateTimeField name="showFrom" label="Hiện từ" value={one(values.showFrom) || null} help="Để trống: hiện ngay." error={errorFor(errors, 'showFrom')} />
      <DateTimeField name="showUntil" label="Hiện đến" value={one(values.showUntil) || null} help="Để trống: hiện mãi." error={errorFor(errors, 'showUntil')} />
    </>
  );
}

/** A datetime-local value as Vietnam time; what cannot be read goes on as typed, for the service to name the field. */
function timeOf(raw: string): Date | string | null {
  if (!raw.trim()) return null;
  return parseVietnamDateTimeLocal(raw) ?? raw;
}

function registerBannerRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  const listPage = async (request: FastifyRequest, reply: FastifyReply, retry: Retry = {}, status = 200) => {
    const staff = staffOf(request);
    const banners = await listBannersForStaff(deps.db, staff.scope);
    const values = retry.values ?? {};
    const images = await imageOptions(deps, staff, one(values.mediaId));
    const ends = endsOf(banners, (banner) => banner.position);
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Banner',
        path: SITE_PATHS.banners,
        flash: flashOf(request),
        children: (
          <>
            <DataTable
              caption={`${banners.length} banner`}
              columns={[
                { key: 'title', label: 'Tên banner' },
                { key: 'image', label: 'Ảnh' },
                { key: 'position', label: 'Vị trí' },
                { key: 'window', label: 'Thời gian hiện' },
                { key: 'order', label: 'Thứ tự' },
                { key: 'actions', label: 'Thao tác' },
              ]}
              rowHeader="title"
              rows={banners.map((banner, index) => ({
                title: (
                  <>
                    {banner.title}
                    <span class="cell-meta">
                      <span class={`badge badge--${BANNER_STATES[banner.state].tone}`}>{BANNER_STATES[banner.state].label}</span>
                    </span>
                  </>
                ),
                image: <img class="banner-thumb" src={thumbOf(banner.mediaId)} alt="" loading="lazy" />,
                position: BANNER_POSITION_LABELS[banner.position],
                window: <BannerWindow banner={banner} />,
                order: <OrderButtons action={`${SITE_PATHS.banner(banner.id)}/thu-tu`} csrfToken={staff.csrfToken} name={banner.title} {...ends[index]!} />,
                actions: (
                  <div class="row-actions">
                    <LinkButton href={SITE_PATHS.banner(banner.id)} label={<>Sửa<span class="visually-hidden"> {banner.title}</span></>} />
                    <ConfirmForm action={`${SITE_PATHS.banner(banner.id)}/xoa`} csrfToken={staff.csrfToken} label="Xoá" confirm={`Xoá banner "${banner.title}"? Ảnh vẫn còn trong thư viện.`} context={banner.title} />
                  </div>
                ),
              }))}
              empty="Trang chưa có banner nào."
            />
            <Panel title="Thêm banner" id="them-banner">
              {retry.errors && <ErrorSummary errors={retry.errors} />}
              <Form action={SITE_PATHS.banners} csrfToken={staff.csrfToken}>
                <BannerFields values={values} errors={retry.errors} images={images} />
                <FormActions>
                  <SubmitButton label="Thêm banner" />
                </FormActions>
              </Form>
            </Panel>
          </>
        ),
      },
      status,
    );
  };

  const editPage = async (request: FastifyRequest<Params>, reply: FastifyReply, retry: Retry = {}, status = 200) => {
    const staff = staffOf(request);
    const banner = await getBannerForStaff(deps.db, staff.scope, request.params.id);
    const values: Values = retry.values ?? { title: banner.title, position: banner.position, mediaId: banner.mediaId, linkUrl: banner.linkUrl, showFrom: banner.showFrom ?? '', showUntil: banner.showUntil ?? '' };
    const images = await imageOptions(deps, staff, one(values.mediaId));
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: `Banner: ${banner.title}`,
        path: SITE_PATHS.banners,
        breadcrumbs: [{ href: SITE_PATHS.banners, label: 'Banner' }],
        children: (
          <>
            <div class="banner-preview">
              <img src={thumbOf(banner.mediaId)} alt="" />
              <p>
                <span class={`badge badge--${BANNER_STATES[banner.state].tone}`}>{BANNER_STATES[banner.state].label}</span> <BannerWindow banner={banner} />
              </p>
            </div>
            <Panel title="Sửa banner">
              {retry.errors && <ErrorSummary errors={retry.errors} />}
              <Form action={SITE_PATHS.banner(banner.id)} csrfToken={staff.csrfToken}>
                <BannerFields values={values} errors={retry.errors} images={images} />
                <FormActions>
                  <SubmitButton label="Lưu" />
                  <LinkButton href={SITE_PATHS.banners} label="Huỷ" />
                </FormActions>
              </Form>
            </Panel>
            <ConfirmForm action={`${SITE_PATHS.banner(banner.id)}/xoa`} csrfToken={staff.csrfToken} label="Xoá banner này" confirm={`Xoá banner "${banner.title}"? Ảnh vẫn còn trong thư viện.`} context={banner.title} />
          </>
        ),
      },
      status,
    );
  };

  const inputOf = (body: Body): BannerInput => ({
    position: one(body.position),
    title: one(body.title),
    mediaId: one(body.mediaId),
    linkUrl: one(body.linkUrl),
    showFrom: timeOf(one(body.showFrom)),
    showUntil: timeOf(one(body.showUntil)),
  });

  admin.get('/banner', (request, reply) => listPage(request, reply));

  admin.post('/banner', async (request, reply) => {
    const body = bodyOf(request);
    return submit(reply, {
      run: () => addBannerAsStaff(deps.db, staffOf(request).scope, inputOf(body)),
      next: withFlash(SITE_PATHS.banners, 'da-luu'),
      show: (retry, status) => listPage(request, reply, retry, status),
      values: body,
    });
  });

  admin.get<Params>('/banner/:id', (request, reply) => editPage(request, reply));

  admin.post<Params>('/banner/:id', async (request, reply) => {
    const body = bodyOf(request);
    return submit(reply, {
      run: () => updateBanner(deps.db, staffOf(request).scope, { bannerId: request.params.id, ...inputOf(body) }),
      next: withFlash(SITE_PATHS.banners, 'da-cap-nhat'),
      show: (retry, status) => editPage(request, reply, retry, status),
      values: body,
    });
  });

  admin.post<Params>('/banner/:id/thu-tu', async (request, reply) => {
    await reorderBanner(deps.db, staffOf(request).scope, { bannerId: request.params.id, direction: directionOf(bodyOf(request)) });
    return seeOther(reply, SITE_PATHS.banners);
  });

  admin.post<Params>('/banner/:id/xoa', async (request, reply) => {
    await deleteBanner(deps.db, staffOf(request).scope, { bannerId: request.params.id });
    return seeOther(reply, withFlash(SITE_PATHS.banners, 'da-xoa'));
  });
}

function BannerWindow({ banner }: { banner: StaffBanner }) {
  if (!banner.showFrom && !banner.showUntil) return <>Luôn hiện</>;
  return (
    <>
      {banner.showFrom && (
        <>
          từ <Time value={banner.showFrom} />
        </>
      )}
      {banner.showFrom && banner.showUntil && ' '}
      {banner.showUntil && (
        <>
          đến <Time value={banner.showUntil} />
        </>
      )}
    </>
  );
}

// ---- Sidebar blocks ----

const BLOCK_KINDS = [
  { value: 'latest_in_category', label: 'Bài mới của một chuyên mục' },
  { value: 'links', label: 'Danh sách liên kết' },
] as const;

/** Blank rows after the links a block has, for adding more without script. */
const BLANK_LINK_ROWS = 3;

function blockValues(block: StaffSidebarBlock): Values {
  return block.kind === 'latest_in_category'
    ? { title: block.title, kind: block.kind, categoryId: block.categoryId, itemLimit: String(block.itemLimit) }
    : { title: block.title, kind: block.kind, itemLimit: '5', linkLabel: block.links.map((l) => l.label), linkUrl: block.links.map((l) => l.url) };
}

function SidebarBlockFields({ values, errors, categories }: { values: Values; errors?: FieldError[]; categories: { category: Category; depth: number }[] }) {
  const kind = one(values.kind) || 'latest_in_category';
  const labels = many(values.linkLabel);
  const urls = many(values.linkUrl);
  const rows = Math.min(NAVIGATION_LIMITS.links, Math.max(labels.length, urls.length) + BLANK_LINK_ROWS);
  return (
    <>
      <TextField name="title" label="Tiêu đề khối" value={one(values.title)} isRequired maxLength={NAVIGATION_LIMITS.title} error={errorFor(errors, 'title')} />
      <Select name="kind" label="Loại khối" options={BLOCK_KINDS.map((k) => ({ value: k.value, label: k.label, isSelected: k.value === kind }))} help="Chỉ các ô của loại đã chọn được dùng." error={errorFor(errors, 'kind')} />
      <Fieldset name="latest" legend="Bài mới của một chuyên mục">
        <Select name="categoryId" label="Chuyên mục" placeholder="— Chọn chuyên mục —" options={categoryOptions(categories, one(values.categoryId))} help="Gồm cả bài của các chuyên mục con." error={errorFor(errors, 'categoryId')} />
        <TextField
          name="itemLimit"
          label="Số bài hiển thị"
          type="number"
          isShort
          value={one(values.itemLimit) || '5'}
          attrs={{ min: NAVIGATION_LIMITS.itemLimit.min, max: NAVIGATION_LIMITS.itemLimit.max }}
          help={`Từ ${NAVIGATION_LIMITS.itemLimit.min} đến ${NAVIGATION_LIMITS.itemLimit.max}.`}
          error={errorFor(errors, 'itemLimit')}
        />
      </Fieldset>
      <Fieldset name="links" legend="Danh sách liên kết" help={`Mỗi dòng một liên kết; dòng để trống được bỏ qua. ${LINK_HELP}`} error={errorFor(errors, 'links')}>
        <ol class="link-rows">
          {Array.from({ length: rows }, (_, i) => (
            <li class="link-rows__row">
              <TextField name="linkLabel" id={`f-linkLabel-${i + 1}`} label={`Tên liên kết ${i + 1}`} value={labels[i] ?? ''} maxLength={NAVIGATION_LIMITS.label} />
              <TextField name="linkUrl" id={`f-linkUrl-${i + 1}`} label={`Địa chỉ ${i + 1}`} value={urls[i] ?? ''} maxLength={NAVIGATION_LIMITS.url} spellcheck={false} inputMode="url" />
            </li>
          ))}
        </ol>
      </Fieldset>
    </>
  );
}

function blockSummary(block: StaffSidebarBlock, categories: { category: Category }[]): ComponentChildren {
  if (block.kind === 'links') return `${block.links.length} liên kết`;
  const category = categories.find(({ category: c }) => c.id === block.categoryId)?.category;
  return `${block.itemLimit} bài mới của ${category ? `“${category.name}”` : 'một chuyên mục đã xoá'}`;
}

function registerSidebarBlockRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  const listPage = async (request: FastifyRequest, reply: FastifyReply, retry: Retry = {}, status = 200) => {
    const staff = staffOf(request);
    const blocks = await listSidebarBlocksForStaff(deps.db, staff.scope);
    const categories = await listCategoriesToManage(deps.db, staff.scope);
    const ends = endsOf(blocks, () => '');
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Khối bên lề',
        path: SITE_PATHS.blocks,
        flash: flashOf(request),
        children: (
          <>
            <DataTable
              caption="Các khối ở cột bên của trang công khai, từ trên xuống"
              columns={[
                { key: 'title', label: 'Tiêu đề' },
                { key: 'content', label: 'Nội dung' },
                { key: 'order', label: 'Thứ tự' },
                { key: 'actions', label: 'Thao tác' },
              ]}
              rowHeader="title"
              rows={blocks.map((block, index) => ({
                title: block.title,
                content: blockSummary(block, categories),
                order: <OrderButtons action={`${SITE_PATHS.block(block.id)}/thu-tu`} csrfToken={staff.csrfToken} name={block.title} {...ends[index]!} />,
                actions: (
                  <div class="row-actions">
                    <LinkButton href={SITE_PATHS.block(block.id)} label={<>Sửa<span class="visually-hidden"> {block.title}</span></>} />
                    <ConfirmForm action={`${SITE_PATHS.block(block.id)}/xoa`} csrfToken={staff.csrfToken} label="Xoá" confirm={`Xoá khối "${block.title}"?`} context={block.title} />
                  </div>
                ),
              }))}
              empty="Cột bên chưa có khối nào."
            />
            <Panel title="Thêm khối" id="them-khoi">
              {retry.errors && <ErrorSummary errors={retry.errors} />}
              <Form action={SITE_PATHS.blocks} csrfToken={staff.csrfToken}>
                <SidebarBlockFields values={retry.values ?? {}} errors={retry.errors} categories={categories} />
                <FormActions>
                  <SubmitButton label="Thêm khối" />
                </FormActions>
              </Form>
            </Panel>
          </>
        ),
      },
      status,
    );
  };

  const editPage = async (request: FastifyRequest<Params>, reply: FastifyReply, retry: Retry = {}, status = 200) => {
    const staff = staffOf(request);
    const block = await getSidebarBlockForStaff(deps.db, staff.scope, request.params.id);
    const categories = await listCategoriesToManage(deps.db, staff.scope);
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: `Khối bên lề: ${block.title}`,
        path: SITE_PATHS.blocks,
        breadcrumbs: [{ href: SITE_PATHS.blocks, label: 'Khối bên lề' }],
        children: (
          <>
            <Panel title="Sửa khối">
              {retry.errors && <ErrorSummary errors={retry.errors} />}
              <Form action={SITE_PATHS.block(block.id)} csrfToken={staff.csrfToken}>
                <SidebarBlockFields values={retry.values ?? blockValues(block)} errors={retry.errors} categories={categories} />
                <FormActions>
                  <SubmitButton label="Lưu" />
                  <LinkButton href={SITE_PATHS.blocks} label="Huỷ" />
                </FormActions>
              </Form>
            </Panel>
            <ConfirmForm action={`${SITE_PATHS.block(block.id)}/xoa`} csrfToken={staff.csrfToken} label="Xoá khối này" confirm={`Xoá khối "${block.title}"?`} context={block.title} />
          </>
        ),
      },
      status,
    );
  };

  const inputOf = (body: Body): SidebarBlockInput => {
    const labels = many(body.linkLabel);
    const urls = many(body.linkUrl);
    const count = Math.min(Math.max(labels.length, urls.length), 1_000);
    return {
      title: one(body.title),
      kind: one(body.kind),
      categoryId: one(body.categoryId),
      itemLimit: one(body.itemLimit),
      links: Array.from({ length: count }, (_, i) => ({ label: labels[i] ?? '', url: urls[i] ?? '' })),
    };
  };

  admin.get('/khoi-ben-le', (request, reply) => listPage(request, reply));

  admin.post('/khoi-ben-le', async (request, reply) => {
    const body = bodyOf(request);
    return submit(reply, {
      run: () => addSidebarBlockAsStaff(deps.db, staffOf(request).scope, inputOf(body)),
      next: withFlash(SITE_PATHS.blocks, 'da-luu'),
      show: (retry, status) => listPage(request, reply, retry, status),
      values: body,
    });
  });

  admin.get<Params>('/khoi-ben-le/:id', (request, reply) => editPage(request, reply));

  admin.post<Params>('/khoi-ben-le/:id', async (request, reply) => {
    const body = bodyOf(request);
    return submit(reply, {
      run: () => updateSidebarBlock(deps.db, staffOf(request).scope, { blockId: request.params.id, ...inputOf(body) }),
      next: withFlash(SITE_PATHS.blocks, 'da-cap-nhat'),
      show: (retry, status) => editPage(request, reply, retry, status),
      values: body,
    });
  });

  admin.post<Params>('/khoi-ben-le/:id/thu-tu', async (request, reply) => {
    await reorderSidebarBlock(deps.db, staffOf(request).scope, { blockId: request.params.id, direction: directionOf(bodyOf(request)) });
    return seeOther(reply, SITE_PATHS.blocks);
  });

  admin.post<Params>('/khoi-ben-le/:id/xoa', async (request, reply) => {
    await deleteSidebarBlock(deps.db, staffOf(request).scope, { blockId: request.params.id });
    return seeOther(reply, withFlash(SITE_PATHS.blocks, 'da-xoa'));
  });
}

// ---- Site settings ----

const SETTINGS_FIELDS: { name: keyof typeof SITE_SETTINGS_LIMITS; label: string; type?: 'email' | 'tel' | 'url'; help?: string; isRequired?: boolean; isLong?: boolean }[] = [
  { name: 'name', label: 'Tên trang (tên cơ quan)', isRequired: true, help: 'Hiện ở đầu và chân mọi trang, và trong tiêu đề trang.' },
  { name: 'governingBody', label: 'Cơ quan chủ quản', help: 'Dòng nhỏ phía trên tên trang, ví dụ: Ủy ban nhân dân tỉnh Kon Tum.' },
  { name: 'englishName', label: 'Tên tiếng Anh' },
  { name: 'address', label: 'Địa chỉ' },
  { name: 'phone', label: 'Số điện thoại', type: 'tel' },
  { name: 'fax', label: 'Số fax', type: 'tel' },
  { name: 'email', label: 'Email liên hệ', type: 'email' },
  { name: 'responsiblePerson', label: 'Người chịu trách nhiệm chính', help: 'Ví dụ: Ông Nguyễn Văn A, Giám đốc Sở.' },
  { name: 'licence', label: 'Giấy phép, ghi chú chân trang', isLong: true, help: 'Ví dụ: Giấy phép số 12/GP-TTĐT do Sở Thông tin và Truyền thông cấp ngày 01/02/2024.' },
];

function registerSettingsRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  const page = async (request: FastifyRequest, reply: FastifyReply, retry: Retry = {}, status = 200) => {
    const staff = staffOf(request);
    const settings = await getSiteSettings(deps.db, staff.scope);
    const values: Values = retry.values ?? { ...settings, logoMediaId: settings.logoMediaId ?? '' };
    const images = await imageOptions(deps, staff, one(values.logoMediaId));
    const error = (field: string) => errorFor(retry.errors, field);
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Thông tin trang',
        path: SITE_PATHS.settings,
        flash: flashOf(request),
        children: (
          <>
            {retry.errors && <ErrorSummary errors={retry.errors} />}
            <Form action={SITE_PATHS.settings} csrfToken={staff.csrfToken}>
              <section class="form-section" aria-labelledby="tt-co-quan">
                <h2 id="tt-co-quan">Cơ quan và liên hệ</h2>
                {SETTINGS_FIELDS.map((field) =>
                  field.isLong ? (
                    <TextArea name={field.name} label={field.label} value={one(values[field.name])} rows={3} maxLength={SITE_SETTINGS_LIMITS[field.name]} help={field.help} error={error(field.name)} />
                  ) : (
                    <TextField name={field.name} label={field.label} type={field.type} value={one(values[field.name])} isRequired={field.isRequired} maxLength={SITE_SETTINGS_LIMITS[field.name]} help={field.help} error={error(field.name)} />
                  ),
                )}
              </section>
              <section class="form-section" aria-labelledby="tt-logo">
                <h2 id="tt-logo">Logo</h2>
                {settings.logoMediaId && <img class="logo-preview" src={thumbOf(settings.logoMediaId)} alt="Logo đang dùng" />}
                <Select name="logoMediaId" label="Ảnh logo" placeholder="— Không dùng logo —" options={images.options} help="Ảnh của thư viện tệp, mới nhất trước." error={error('logoMediaId')} />
                <NoImagesHint images={images.images} />
              </section>
              <section class="form-section" aria-labelledby="tt-ngon-ngu">
                <h2 id="tt-ngon-ngu">Ngôn ngữ</h2>
                <p>Tiếng Việt luôn bật. Nghị định 42/2022/NĐ-CP yêu cầu thông tin chính (cơ cấu tổ chức, chức năng nhiệm vụ, liên hệ) có cả bằng tiếng Anh.</p>
                {/* Always sent, so an unticked English box is told apart from a form without the section. */}
                <input type="hidden" name="languages" value="vi" />
                <Checkbox
                  name="languages"
                  value="en"
                  label="Có trang tiếng Anh (/en/)"
                  help="Trang chủ, chuyên mục và bài viết tiếng Anh có địa chỉ dưới /en/; đầu mọi trang có nút chuyển ngôn ngữ."
                  isChecked={many(values.languages).includes('en')}
                  error={error('languages')}
                />
              </section>
              <section class="form-section" aria-labelledby="tt-dia-chi">
                <h2 id="tt-dia-chi">Địa chỉ chính thức</h2>
                <DescriptionList items={[{ term: 'Tên miền của trang', details: settings.host }]} />
                <TextField
                  name="origin"
                  label="Địa chỉ gốc"
                  type="url"
                  value={one(values.origin)}
                  maxLength={SITE_SETTINGS_LIMITS.origin}
                  spellcheck={false}
                  help={`Mọi liên kết tuyệt đối (chia sẻ, RSS, sơ đồ trang) dùng địa chỉ này, dạng https://ten-mien.gov.vn, không kèm đường dẫn. Để trống: dùng http://${settings.host}.`}
                  error={error('origin')}
                />
              </section>
              <FormActions>
                <SubmitButton label="Lưu thông tin" />
              </FormActions>
            </Form>
          </>
        ),
      },
      status,
    );
  };

  admin.get('/thong-tin-trang', (request, reply) => page(request, reply));

  admin.post('/thong-tin-trang', async (request, reply) => {
    const body = bodyOf(request);
    const staff = staffOf(request);
    const input: SiteSettingsInput = {
      name: one(body.name),
      governingBody: one(body.governingBody),
      englishName: one(body.englishName),
      address: one(body.address),
      phone: one(body.phone),
      fax: one(body.fax),
      email: one(body.email),
      responsiblePerson: one(body.responsiblePerson),
      licence: one(body.licence),
      logoMediaId: one(body.logoMediaId) || null,
      origin: one(body.origin),
      languages: body.languages === undefined ? undefined : many(body.languages),
    };
    let saved: { settings: SiteSettings; contentVersion: number };
    try {
      saved = await updateSiteSettings(deps.db, staff.scope, input);
    } catch (error) {
      return retryOnFormError(error, (retry, status) => page(request, reply, retry, status), body);
    }
    // The app reads the sites again on the change's announcement; waiting for that read
    // makes the next page (the public site's too) show the new details.
    await deps.sites.whenLoaded(staff.scope.siteId, saved.contentVersion);
    return seeOther(reply, withFlash(SITE_PATHS.settings, 'da-luu'));
  });
}
