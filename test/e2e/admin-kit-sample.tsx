/**
 * Sample staff pages built only from the admin view kit (no database, no routes), for
 * admin-kit.e2e.test.ts: a list page, an edit page with every control in its error state
 * plus the markup the editor, uploader and gallery islands style, and the sign-in page.
 */
import type { AdminAssetUrls } from '../../src/modules/admin-ui/admin-assets.js';
import {
  Checkbox,
  ConfirmForm,
  DataTable,
  DateTimeField,
  DescriptionList,
  EmptyState,
  ErrorSummary,
  Fieldset,
  Form,
  FormActions,
  LinkButton,
  Pagination,
  Panel,
  RichTextField,
  Select,
  STATUS_LABELS,
  StatusBadge,
  SubmitButton,
  TextArea,
  TextField,
  Time,
} from '../../src/modules/admin-ui/views/components.js';
import { AdminLayout, LoginLayout, renderDocument, type AdminLayoutProps } from '../../src/modules/admin-ui/views/layout.js';

export const CSRF = 'csrf-token-for-tests';

const STATUSES = ['draft', 'submitted', 'returned', 'published', 'scheduled', 'unpublished', 'archived'] as const;
const TITLES = [
  'Hội nghị tổng kết công tác Lao động – Thương binh và Xã hội năm 2021, triển khai nhiệm vụ năm 2022',
  'Thông báo tuyển sinh đào tạo nghề miễn phí cho lao động nông thôn',
  'Kế hoạch thăm, tặng quà gia đình chính sách nhân dịp Tết Nguyên đán',
  'Hướng dẫn chi trả trợ cấp ưu đãi người có công qua tài khoản ngân hàng',
  'Kết quả giải quyết việc làm 6 tháng đầu năm',
  'Lịch tiếp công dân tháng 7',
  'Báo cáo tình hình thực hiện chính sách bảo trợ xã hội',
];

function frame(overrides: Partial<AdminLayoutProps> & Pick<AdminLayoutProps, 'title' | 'children'>, assets: AdminAssetUrls): AdminLayoutProps {
  return {
    assets,
    csrfToken: CSRF,
    user: { displayName: 'Nguyễn Thị Thu Hương', email: 'huong.ntt@sldtbxh.kontum.gov.vn' },
    site: { name: 'Sở Lao động – Thương binh và Xã hội tỉnh Kon Tum', host: 'sldtbxh.kontum.gov.vn', url: '/' },
    sites: [
      { id: 's1', name: 'Sở Lao động – Thương binh và Xã hội tỉnh Kon Tum', host: 'sldtbxh.kontum.gov.vn', isCurrent: true },
      { id: 's2', name: 'Trung tâm Dịch vụ việc làm', host: 'vieclam.kontum.gov.vn', isCurrent: false },
    ],
    nav: [
      { href: '/admin', label: 'Tổng quan', isCurrent: false },
      { href: '/admin/bai-viet', label: 'Bài viết', isCurrent: overrides.title === 'Bài viết' },
      { href: '/admin/cho-duyet', label: 'Chờ duyệt', isCurrent: false, badge: 4 },
      { href: '/admin/chuyen-muc', label: 'Chuyên mục', isCurrent: false },
      { href: '/admin/thu-vien', label: 'Thư viện ảnh', isCurrent: false },
      { href: '/admin/nguoi-dung', label: 'Người dùng', isCurrent: false },
    ],
    ...overrides,
  };
}

function ListPage({ assets }: { assets: AdminAssetUrls }) {
  const columns = [
    { key: 'title', label: 'Tiêu đề' },
    { key: 'category', label: 'Chuyên mục' },
    { key: 'status', label: 'Trạng thái' },
    { key: 'updated', label: 'Cập nhật', sort: { href: '/admin/bai-viet?sort=updated', direction: 'descending' as const } },
    { key: 'views', label: 'Lượt xem', isNumeric: true },
    { key: 'actions', label: 'Thao tác' },
  ] as const;
  const rows = STATUSES.map((status, i) => ({
    title: (
      <>
        <a href={`/admin/bai-viet/${i + 1}`}>{TITLES[i]}</a>
        <span class="cell-meta">Tác giả: Lê Thương</span>
      </>
    ),
    category: i % 2 ? 'Thông báo' : 'Tin hoạt động',
    status: <StatusBadge status={status} />,
    updated: <Time value={new Date(Date.UTC(2026, 0, 16 - i, 1, 30))} />,
    views: (69534 - i * 7919).toLocaleString('vi-VN'),
    actions: (
      <div class="actions">
        <LinkButton href={`/admin/bai-viet/${i + 1}`} label="Sửa" />
        <ConfirmForm action={`/admin/bai-viet/${i + 1}/xoa`} csrfToken={CSRF} label="Xoá" confirm={`Xoá bài "${TITLES[i]}"?`} context={TITLES[i]} />
      </div>
    ),
  }));
  return (
    <AdminLayout
      {...frame(
        {
          title: 'Bài viết',
          flash: { kind: 'success', message: 'Đã gửi bài "Lịch tiếp công dân tháng 7" cho trưởng ban biên tập duyệt.' },
          actions: <LinkButton href="/admin/bai-viet/moi" label="+ Viết bài mới" variant="primary" />,
          children: (
            <>
              <Form method="get" action="/admin/bai-viet" class="filter-bar">
                <TextField name="q" label="Tìm theo tiêu đề" type="search" />
                <Select name="status" label="Trạng thái" placeholder="Tất cả" options={STATUSES.map((status) => ({ value: status, label: STATUS_LABELS[status]!, isSelected: status === 'draft' }))} />
                <SubmitButton label="Lọc" variant="secondary" />
              </Form>
              <DataTable caption="Danh sách bài viết" isCaptionHidden columns={columns} rowHeader="title" rows={rows} empty="Chưa có bài viết nào." />
              <Pagination page={3} pageCount={12} hrefFor={(page) => `/admin/bai-viet?page=${page}`} />
              <EmptyState title="Chưa có bài nào bị trả lại" action={{ href: '/admin/bai-viet/moi', label: 'Viết bài mới' }}>
                <p>Bài bị trả lại sẽ hiện ở đây kèm góp ý của biên tập viên.</p>
              </EmptyState>
            </>
          ),
        },
        assets,
      )}
    />
  );
}

function EditPage({ assets }: { assets: AdminAssetUrls }) {
  const errors = [
    { field: 'title', message: 'Hãy nhập tiêu đề (tối đa 250 ký tự).' },
    { field: 'categoryId', message: 'Hãy chọn chuyên mục.' },
    { field: 'publishAt', message: 'Thời điểm xuất bản phải ở tương lai.' },
  ];
  return (
    <AdminLayout
      {...frame(
        {
          title: 'Sửa bài viết',
          isWide: true,
          breadcrumbs: [
            { href: '/admin', label: 'Tổng quan' },
            { href: '/admin/bai-viet', label: 'Bài viết' },
          ],
          flash: { kind: 'error', message: 'Chưa lưu được bài viết.' },
          children: (
            <Form action="/admin/bai-viet/1" csrfToken={CSRF} enctype="multipart/form-data" isNoValidate>
              <ErrorSummary errors={errors} />
              <div class="edit-layout">
                <div class="edit-layout__main">
                  <TextField name="title" label="Tiêu đề" isRequired maxLength={250} error={errors[0]!.message} value="" help="Ngắn gọn, đủ ý; hiện ở trang chủ và kết quả tìm kiếm." />
                  <TextArea name="lead" label="Tóm tắt" rows={3} value="Sáng 13/01/2022, Sở tổng kết năm 2021 và triển khai nhiệm vụ năm 2022." />
                  <div class="field">
                    <span class="field__label" id="body-label">
                      Nội dung
                    </span>
                    <div class="editor">
                      <div class="editor-toolbar" role="toolbar" aria-label="Định dạng nội dung">
                        <div class="editor-toolbar__group">
                          <button type="button" aria-pressed="true">
                            <strong>B</strong>
                            <span class="visually-hidden"> In đậm</span>
                          </button>
                          <button type="button" aria-pressed="false">
                            <em>I</em>
                            <span class="visually-hidden"> In nghiêng</span>
                          </button>
                          <button type="button" aria-pressed="false">
                            <u>U</u>
                            <span class="visually-hidden"> Gạch chân</span>
                          </button>
                        </div>
                        <span role="separator" />
                        <button type="button">Tiêu đề 2</button>
                        <button type="button">Danh sách</button>
                        <button type="button">Chèn ảnh</button>
                        <button type="button">Bảng</button>
                        <button type="button" disabled>
                          Hoàn tác
                        </button>
                      </div>
                      <div class="editor-content">
                        <div class="ProseMirror" contentEditable role="textbox" aria-multiline="true" aria-labelledby="body-label" tabIndex={0}>
                          <p>
                            Tổng số lao động được giải quyết việc làm năm 2021 là <strong>6.518/5.700 người, đạt 114,35% kế hoạch</strong>.
                          </p>
                          <figure>
                            <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='480' height='270'%3E%3Crect width='480' height='270' fill='%23b9cde6'/%3E%3C/svg%3E" width={480} height={270} alt="Giám đốc Sở phát biểu" />
                            <figcaption>Đ/c Giám đốc Sở phát biểu chỉ đạo tại Hội nghị</figcaption>
                          </figure>
                          <figure class="editor-figure">
                            <div class="editor-figure__media" contentEditable={false}>
                              <span class="editor-figure__placeholder">
                                <span>Đang tải ảnh lên…</span>
                                <progress max={1} value={0.3} aria-label="Tiến độ tải ảnh lên" />
                              </span>
                            </div>
                            <figcaption class="editor-figure__caption is-empty" data-placeholder="Chú thích ảnh (không bắt buộc)" />
                            <div class="editor-figure__tools" contentEditable={false}>
                              <span class="editor-figure__alt is-missing">Ảnh chưa có mô tả.</span>
                              <button type="button" class="editor-figure__button">
                                Sửa mô tả ảnh
                              </button>
                              <button type="button" class="editor-figure__button">
                                Xoá ảnh
                              </button>
                            </div>
                          </figure>
                          <table>
                            <tbody>
                              <tr>
                                <th>Chỉ tiêu</th>
                                <th>Kết quả</th>
                              </tr>
                              <tr>
                                <td>Lao động qua đào tạo</td>
                                <td>55,7%</td>
                              </tr>
                            </tbody>
                          </table>
                        </div>
                      </div>
                      <div class="editor-status">
                        <span>312 từ</span>
                        <span>Đã lưu nháp lúc 08:30</span>
                      </div>
                    </div>
                  </div>
                  <Panel title="Ảnh trong bài (thư viện)" headingLevel={2} id="gallery">
                    <label class="dropzone">
                      <strong>Kéo thả ảnh vào đây</strong> hoặc chọn tệp
                      <input type="file" name="images" multiple accept="image/*" />
                      <span class="dropzone__hint">JPEG, PNG hoặc WebP, tối đa 20 MB mỗi ảnh.</span>
                    </label>
                    <div class="drop-zone">
                      <span class="drop-zone__hint">Kéo thả ảnh vào đây, hoặc </span>
                      <label class="drop-zone__pick">
                        Chọn ảnh…
                        <input type="file" multiple accept="image/*" class="drop-zone__input" />
                      </label>
                    </div>
                    <ol class="upload-list" aria-label="Ảnh đang tải lên">
                      <li class="upload-row">
                        <span class="upload-row__name">hoi-nghi-01.jpg</span>
                        <progress max={1} value={0.64} aria-label="Tiến độ tải lên hoi-nghi-01.jpg" />
                        <span class="upload-row__status">Đang tải lên…</span>
                      </li>
                      <li class="upload-row upload-row--done">
                        <span class="upload-row__name">hoi-nghi-02.jpg</span>
                        <progress max={1} value={1} aria-label="Tiến độ tải lên hoi-nghi-02.jpg" />
                        <span class="upload-row__status">Đã tải lên.</span>
                      </li>
                      <li class="upload-row upload-row--error">
                        <span class="upload-row__name">anh-loi.heic</span>
                        <span class="upload-row__status">Lỗi: định dạng chưa được hỗ trợ.</span>
                      </li>
                    </ol>
                    <div class="progress">
                      <span class="progress__label" id="upload-all">
                        <span>Tổng tiến độ</span>
                        <span>2/3</span>
                      </span>
                      <progress max={3} value={2} aria-labelledby="upload-all" />
                    </div>
                    <ol class="gallery-list">
                      {['Toàn cảnh Hội nghị', 'Khen thưởng tập thể xuất sắc'].map((caption, i) => (
                        <li class="gallery-item">
                          <span class="gallery-item__thumb">
                            <img src="data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='4' height='3'%3E%3Crect width='4' height='3' fill='%239fb6d3'/%3E%3C/svg%3E" alt="" width={112} height={84} />
                          </span>
                          <div class="gallery-item__body">
                            <TextField name={`gallery[${i}][caption]`} label={`Chú thích ảnh ${i + 1}`} value={caption} />
                          </div>
                          <div class="gallery-item__actions">
                            <button type="button" class="button button--secondary">
                              ↑<span class="visually-hidden"> Chuyển ảnh {i + 1} lên</span>
                            </button>
                            <button type="button" class="button button--secondary">
                              ↓<span class="visually-hidden"> Chuyển ảnh {i + 1} xuống</span>
                            </button>
                            <button type="button" class="button button--danger">
                              Bỏ<span class="visually-hidden"> ảnh {i + 1}</span>
                            </button>
                          </div>
                        </li>
                      ))}
                    </ol>
                  </Panel>
                </div>
                <aside class="edit-layout__aside" aria-label="Thiết lập bài viết">
                  <Panel title="Xuất bản">
                    <DescriptionList isCompact items={[{ term: 'Trạng thái', details: <StatusBadge status="returned" /> }, { term: 'Sửa lần cuối', details: <Time value={new Date(Date.UTC(2026, 0, 16, 1, 30))} /> }]} />
                    <Select name="categoryId" label="Chuyên mục" isRequired placeholder="— Chọn chuyên mục —" error={errors[1]!.message} options={[{ value: 'c1', label: 'Tin hoạt động' }, { value: 'c2', label: 'Thông báo' }]} />
                    <DateTimeField name="publishAt" label="Hẹn giờ xuất bản" value={new Date(Date.UTC(2026, 0, 1, 1, 30))} error={errors[2]!.message} help="Để trống để xuất bản ngay khi được duyệt." />
                    <Checkbox name="isFeatured" label="Tin nổi bật trên trang chủ" isChecked help="Hiện ở khối đầu trang chủ." />
                    <Fieldset name="languages" legend="Ngôn ngữ">
                      <Checkbox name="languages" value="vi" label="Tiếng Việt" isChecked />
                      <Checkbox name="languages" value="en" label="Tiếng Anh" />
                    </Fieldset>
                  </Panel>
                </aside>
              </div>
              <FormActions>
                <SubmitButton label="Gửi duyệt" name="intent" value="submit" />
                <SubmitButton label="Lưu nháp" name="intent" value="save" variant="secondary" />
                <LinkButton href="/admin/bai-viet" label="Huỷ" />
              </FormActions>
            </Form>
          ),
        },
        assets,
      )}
    />
  );
}

function LoginPage({ assets }: { assets: AdminAssetUrls }) {
  return (
    <LoginLayout title="Đăng nhập" assets={assets} csrfToken={CSRF} siteName="Sở Lao động – Thương binh và Xã hội tỉnh Kon Tum" flash={{ kind: 'error', message: 'Email hoặc mật khẩu không đúng.' }}>
      <Form action="/admin/login" csrfToken={CSRF}>
        <TextField name="email" label="Email" type="email" autocomplete="username" isRequired value="huong.ntt@sldtbxh.kontum.gov.vn" />
        <TextField name="password" label="Mật khẩu" type="password" autocomplete="current-password" isRequired />
        <SubmitButton label="Đăng nhập" />
      </Form>
    </LoginLayout>
  );
}

/** A page that asks for the real editor island, built from the kit as a route would. */
export function editorPage(assets: AdminAssetUrls): string {
  return renderDocument(
    <AdminLayout
      {...frame(
        {
          title: 'Viết bài mới',
          isWide: true,
          islands: ['editor'],
          children: (
            <Form action="/admin/bai-viet/2" csrfToken={CSRF} attrs={{ 'data-article-form': '', 'data-upload-url': '/admin/media' }}>
              <TextField name="title" label="Tiêu đề" isRequired value="Lịch tiếp công dân tháng 7" />
              <RichTextField name="body_html" label="Nội dung" value={'<p>Đoạn mở đầu <strong>đậm</strong>.</p><h2>Mục một</h2><ul><li>Ý thứ nhất</li></ul>'} help="Dán từ Word được; ảnh kéo thả vào nội dung." />
              <FormActions>
                <SubmitButton label="Lưu nháp" name="intent" value="save" />
              </FormActions>
            </Form>
          ),
        },
        assets,
      )}
    />,
  );
}

/** URL path → HTML document. */
export function samplePages(assets: AdminAssetUrls): Map<string, string> {
  return new Map([
    ['/admin/bai-viet', renderDocument(<ListPage assets={assets} />)],
    ['/admin/bai-viet/1', renderDocument(<EditPage assets={assets} />)],
    ['/admin/login', renderDocument(<LoginPage assets={assets} />)],
  ]);
}
