import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { AdminAssetUrls } from '../admin-assets.js';
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
  LinkButton,
  Pagination,
  RichTextField,
  parseVietnamDateTimeLocal,
  Select,
  StatusBadge,
  SubmitButton,
  TextArea,
  TextField,
  Time,
  toVietnamDateTimeLocal,
  TrustedHtml,
} from './components.js';
import { AdminLayout, LoginLayout, renderDocument, type AdminLayoutProps } from './layout.js';

const EVIL = `<script>alert("x")</script>'"&`;
/** What EVIL must look like in text or an attribute value: nothing that opens a tag or ends a quote. */
const expectEscaped = (html: string) => {
  expect(html).not.toContain('<script>alert');
  expect(html).not.toContain('"x")');
  expect(html).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
};

const assets: AdminAssetUrls = {
  css: '/admin/assets/admin.0123456789.css',
  js: '/admin/assets/admin.abcdefabcd.js',
  islands: { editor: { js: '/admin/assets/editor.1111111111.js', css: '/admin/assets/editor.2222222222.css' }, gallery: { js: '/admin/assets/gallery.3333333333.js' } },
};

const layoutProps = (overrides: Partial<AdminLayoutProps> = {}): AdminLayoutProps => ({
  title: 'Bài viết',
  assets,
  csrfToken: 'tok-123',
  user: { displayName: 'Nguyễn Văn A', email: 'a@example.vn' },
  site: { name: 'Sở Lao động', host: 'sld.example.vn' },
  nav: [
    { href: '/admin', label: 'Tổng quan', isCurrent: false },
    { href: '/admin/bai-viet', label: 'Bài viết', isCurrent: true, badge: 3 },
  ],
  children: <p>Nội dung</p>,
  ...overrides,
});

/** Every <form method="post">…</form> in the page, each checked for its token. */
const postForms = (html: string) => [...html.matchAll(/<form[^>]*method="post"[^>]*>([\s\S]*?)<\/form>/g)].map((match) => match[0]);

describe('AdminLayout', () => {
  it('is a full Vietnamese document with the meta tags, landmarks and skip link', () => {
    const html = renderDocument(<AdminLayout {...layoutProps({ flash: { kind: 'success', message: 'Đã lưu.' } })} />);
    expect(html).toMatch(/^<!doctype html><html lang="vi">/);
    expect(html).toContain('<meta name="csrf-token" content="tok-123"/>');
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1"/>');
    expect(html).toContain('<title>Bài viết – Sở Lao động – Quản trị</title>');
    expect(html).toContain('<a class="skip-link" href="#main">Bỏ qua đến nội dung chính</a>');
    expect(html).toMatch(/<main id="main"[^>]*>[\s\S]*<h1>Bài viết<\/h1>/);
    expect(html).toMatch(/<nav class="admin-nav__nav" aria-label="Quản trị">/);
    expect(html).toContain('<a href="/admin/bai-viet" aria-current="page">');
    expect(html).toContain('<details class="admin-nav"><summary');
    expect(html).toContain('<div class="flash flash--success" role="status">');
    expect(html).toContain(`<link rel="stylesheet" href="${assets.css}"/>`);
    expect(html).toContain(`<script src="${assets.js}" defer></script>`);
    expect(html).toContain('<footer');
  });

  it('logs out by POST with the token, and every POST form on the page carries it', () => {
    const html = renderDocument(<AdminLayout {...layoutProps()} />);
    expect(html).toMatch(/<form action="\/admin\/logout" method="post" class="inline-form"><input type="hidden" name="_csrf" value="tok-123"\/><button type="submit"[^>]*>Đăng xuất<\/button><\/form>/);
    expect(html).toContain('href="/admin/tai-khoan">Tài khoản</a>');
    for (const form of postForms(html)) expect(form).toContain('name="_csrf" value="tok-123"');
  });

  it('loads only the islands asked for, as modules, with their CSS', () => {
    const without = renderDocument(<AdminLayout {...layoutProps()} />);
    expect(without).not.toContain('type="module"');
    const html = renderDocument(<AdminLayout {...layoutProps({ islands: ['editor'] })} />);
    expect(html).toContain('<script type="module" src="/admin/assets/editor.1111111111.js"></script>');
    expect(html).toContain('<link rel="stylesheet" href="/admin/assets/editor.2222222222.css"/>');
    expect(html).not.toContain('gallery.3333333333.js');
    expect(() => renderDocument(<AdminLayout {...layoutProps({ islands: ['uploader'] })} />)).toThrow(/uploader/);
    // Islands sharing one stylesheet link it once.
    const shared = { ...assets, islands: { editor: assets.islands.editor!, gallery: { js: '/admin/assets/gallery.3333333333.js', css: assets.islands.editor!.css } } };
    const both = renderDocument(<AdminLayout {...layoutProps({ assets: shared, islands: ['editor', 'gallery'] })} />);
    expect(both.match(/editor\.2222222222\.css/g)).toHaveLength(1);
    expect(both.match(/<script type="module"/g)).toHaveLength(2);
  });

  it('escapes every string it is given', () => {
    const html = renderDocument(
      <AdminLayout
        {...layoutProps({
          title: EVIL,
          csrfToken: EVIL,
          user: { displayName: EVIL, email: EVIL },
          site: { name: EVIL, host: EVIL },
          sites: [
            { id: EVIL, name: EVIL, host: EVIL, isCurrent: true },
            { id: 'b', name: 'Khác', host: 'b.example.vn', isCurrent: false },
          ],
          nav: [{ href: EVIL, label: EVIL, isCurrent: true }],
          flash: { kind: 'error', message: EVIL },
        })}
      />,
    );
    expectEscaped(html);
    expect(html).toContain('role="alert"');
    // The site switcher is a GET form: no token in a URL.
    expect(html).toMatch(/<form action="\/admin" method="get" class="site-switcher"><label for="site-switcher"/);
  });

  it('leaves out the user menu, switcher and nav when there is nothing to show', () => {
    const html = renderDocument(<AdminLayout {...layoutProps({ user: null, site: null, nav: [], sites: [{ id: 'a', name: 'A', host: 'a', isCurrent: true }] })} />);
    expect(html).not.toContain('Đăng xuất');
    expect(html).not.toContain('site-switcher');
    expect(html).not.toContain('admin-nav');
  });
});

describe('LoginLayout', () => {
  it('is a centred card with no navigation', () => {
    const html = renderDocument(
      <LoginLayout title="Đăng nhập" assets={assets} siteName={EVIL} csrfToken="t">
        <p>Biểu mẫu</p>
      </LoginLayout>,
    );
    expect(html).toMatch(/^<!doctype html><html lang="vi">/);
    expect(html).toContain('<meta name="robots" content="noindex, nofollow"/>');
    expect(html).toMatch(/<main id="main" class="login-card"[^>]*>[\s\S]*<h1>Đăng nhập<\/h1>/);
    expect(html).not.toContain('<nav');
    expectEscaped(html);
  });
});

describe('forms', () => {
  it('Form always carries the token on POST, and never on GET', () => {
    const post = renderToString(
      <Form action="/admin/bai-viet" csrfToken={EVIL} enctype="multipart/form-data" attrs={{ 'data-island': EVIL }}>
        <SubmitButton label="Lưu" />
      </Form>,
    );
    expect(post).toMatch(/^<form data-island="[^"]*" action="\/admin\/bai-viet" method="post" enctype="multipart\/form-data"><input type="hidden" name="_csrf" value="[^"]*"\/>/);
    expectEscaped(post);
    const get = renderToString(
      <Form method="get" action="/admin/bai-viet">
        <SubmitButton label="Lọc" variant="secondary" />
      </Form>,
    );
    expect(get).not.toContain('_csrf');
  });

  it('TextField ties its label, help and error to the input', () => {
    const html = renderToString(<TextField name="title" label="Tiêu đề" value={EVIL} help="Tối đa 200 ký tự." error="Hãy nhập tiêu đề." isRequired maxLength={200} autocomplete="off" />);
    expect(html).toContain('<label class="field__label" for="f-title">Tiêu đề<span class="field__required"> (bắt buộc)</span></label>');
    expect(html).toContain('<p class="field__help" id="f-title-help">Tối đa 200 ký tự.</p>');
    expect(html).toContain('<p class="field__error" id="f-title-error"><span class="visually-hidden">Lỗi: </span>Hãy nhập tiêu đề.</p>');
    expect(html).toMatch(/<input class="input" type="text" id="f-title" name="title" value="[^"]*" required [^<]*aria-describedby="f-title-error f-title-help" aria-invalid="true"\/>/);
    expect(html).toMatch(/maxlength="200"/i);
    expectEscaped(html);
    const plain = renderToString(<TextField name="q" label="Tìm" />);
    expect(plain).not.toContain('aria-describedby');
    expect(plain).not.toContain('aria-invalid');
  });

  it('TextArea, Select, Checkbox and Fieldset label their controls and escape their values', () => {
    const area = renderToString(<TextArea name="lead" label={EVIL} value={`</textarea>${EVIL}`} help="Một đoạn." />);
    expect(area).toMatch(/<label class="field__label" for="f-lead">/);
    expect(area).toMatch(/<textarea [^>]*id="f-lead" name="lead"[^>]*aria-describedby="f-lead-help"/);
    expect(area).toContain('&lt;/textarea>');
    expectEscaped(area);

    const select = renderToString(
      <Select
        name="category"
        label="Chuyên mục"
        placeholder="— Chọn —"
        options={[
          { value: 'a', label: EVIL },
          { value: EVIL, label: 'Thông báo', isSelected: true },
        ]}
        error="Hãy chọn chuyên mục."
      />,
    );
    expect(select).toMatch(/<select [^>]*id="f-category" name="category"[^>]*aria-invalid="true"/);
    // A bare `value` is the empty string in HTML.
    expect(select).toContain('<option value>— Chọn —</option>');
    expect(select).toMatch(/<option value="[^"]*" selected>Thông báo<\/option>/);
    expectEscaped(select);

    const box = renderToString(
      <Fieldset name="roles" legend="Vai trò" error="Chọn ít nhất một vai trò.">
        <Checkbox name="roles" value="editor" label="Biên tập viên" isChecked />
        <Checkbox name="roles" value="author" label={EVIL} />
      </Fieldset>,
    );
    expect(box).toMatch(/<fieldset class="fieldset field--error" id="f-roles" tabindex="-1" aria-describedby="f-roles-error"><legend/i);
    expect(box).toMatch(/<input [^>]*type="checkbox" id="f-roles-editor" name="roles" value="editor" checked/);
    expect(box).toContain('<label class="field__label" for="f-roles-editor">Biên tập viên</label>');
    expect(box).toContain('for="f-roles-author"');
    expectEscaped(box);
  });

  it('DateTimeField shows and reads Vietnam time', () => {
    const moment = new Date('2026-01-16T01:30:00Z');
    expect(toVietnamDateTimeLocal(moment)).toBe('2026-01-16T08:30');
    expect(toVietnamDateTimeLocal(new Date('2026-01-16T17:05:00Z'))).toBe('2026-01-17T00:05');
    expect(parseVietnamDateTimeLocal('2026-01-16T08:30')?.toISOString()).toBe('2026-01-16T01:30:00.000Z');
    expect(parseVietnamDateTimeLocal('2026-02-30T08:30')).toBeNull();
    expect(parseVietnamDateTimeLocal('2026-01-16T24:00')).toBeNull();
    expect(parseVietnamDateTimeLocal('16/01/2026 08:30')).toBeNull();

    const html = renderToString(<DateTimeField name="publishAt" label="Thời điểm xuất bản" value={moment} help="Để trống để xuất bản ngay." />);
    expect(html).toMatch(/<input [^>]*type="datetime-local" id="f-publishAt" name="publishAt" value="2026-01-16T08:30"[^>]*aria-describedby="f-publishAt-help"/);
    expect(html).toContain('Để trống để xuất bản ngay. Giờ Việt Nam (GMT+7).');
    // What the user typed comes back as typed after an error; anything else is escaped.
    expect(renderToString(<DateTimeField name="p" label="P" value="2026-03-01T09:00" />)).toContain('value="2026-03-01T09:00"');
    expect(renderToString(<DateTimeField name="p" label="P" value="2026-03-01T02:00:00.000Z" />)).toContain('value="2026-03-01T09:00"');
    expectEscaped(renderToString(<DateTimeField name="p" label="P" value={EVIL} />));
  });

  it('ErrorSummary links each message to its field', () => {
    const html = renderToString(
      <ErrorSummary
        errors={[
          { field: 'title', message: 'Hãy nhập tiêu đề.' },
          { field: 'tags[]', message: EVIL },
          { message: 'Bài đã bị người khác sửa.' },
        ]}
      />,
    );
    expect(html).toMatch(/^<div class="error-summary" role="alert" tabindex="-1"/i);
    expect(html).toContain('<a href="#f-title">Hãy nhập tiêu đề.</a>');
    expect(html).toContain('href="#f-tags--"');
    expect(html).toContain('<li>Bài đã bị người khác sửa.</li>');
    expectEscaped(html);
    expect(renderToString(<ErrorSummary errors={[]} />)).toBe('');
  });

  it('ConfirmForm posts with the token and asks through data-confirm', () => {
    const html = renderToString(<ConfirmForm action="/admin/bai-viet/1/xoa" csrfToken="tok" label="Xoá" confirm={EVIL} context={EVIL} fields={{ back: EVIL }} />);
    expect(html).toMatch(/^<form data-confirm="[^"]*" action="\/admin\/bai-viet\/1\/xoa" method="post" class="inline-form"><input type="hidden" name="_csrf" value="tok"\/>/);
    expect(html).toContain('<button type="submit" class="button button--danger">Xoá<span class="visually-hidden"> ');
    expectEscaped(html);
  });

  it('RichTextField is the textarea the editor island takes over, never required', () => {
    const html = renderToString(<RichTextField name="body_html" label="Nội dung" value={'<p>a</p><script>x</script>'} />);
    expect(html).toMatch(/<textarea data-editor class="input textarea editor-fallback" id="f-body_html" name="body_html" rows="16">/);
    expect(html).toContain('&lt;p>a&lt;/p>&lt;script>x&lt;/script></textarea>');
    expect(html).not.toContain('required');
  });

  it('SubmitButton carries its name and value', () => {
    expect(renderToString(<SubmitButton label="Gửi duyệt" name="intent" value="submit" variant="secondary" />)).toBe('<button type="submit" class="button button--secondary" name="intent" value="submit">Gửi duyệt</button>');
  });
});

describe('tables and lists', () => {
  const columns = [
    { key: 'title', label: 'Tiêu đề' },
    { key: 'status', label: 'Trạng thái' },
    { key: 'views', label: 'Lượt xem', isNumeric: true },
  ] as const;

  it('DataTable has a caption, column headers and row headers, and scrolls in a focusable region', () => {
    const html = renderToString(<DataTable caption="Danh sách bài viết" columns={columns} rowHeader="title" rows={[{ title: EVIL, status: <StatusBadge status="draft" />, views: '1.234' }]} empty="Chưa có bài viết." />);
    expect(html).toMatch(/^<div class="table-scroll" role="region" aria-labelledby="bang-danh-sach-bai-viet-caption" tabindex="0"><table class="data-table" id="bang-danh-sach-bai-viet"><caption id="bang-danh-sach-bai-viet-caption">Danh sách bài viết<\/caption>/i);
    expect(html.match(/<th scope="col"/g)).toHaveLength(3);
    expect(html).toContain('<th scope="row">');
    expect(html).toContain('<td class="cell--numeric">1.234</td>');
    expectEscaped(html);
    const empty = renderToString(<DataTable caption="Trống" columns={columns} rows={[]} empty="Chưa có bài viết." />);
    expect(empty).toMatch(/<td class="data-table__empty" colspan="3">Chưa có bài viết.<\/td>/i);
  });

  it('StatusBadge names every article state in words', () => {
    const labels = { draft: 'Nháp', submitted: 'Chờ duyệt', returned: 'Bị trả lại', published: 'Đã xuất bản', scheduled: 'Đã lên lịch', unpublished: 'Đã gỡ xuống', archived: 'Lưu trữ' };
    for (const [status, label] of Object.entries(labels)) expect(renderToString(<StatusBadge status={status} />)).toBe(`<span class="badge badge--${status}">${label}</span>`);
    expect(renderToString(<StatusBadge status={EVIL} />)).toContain('class="badge badge--unknown">&lt;script>');
  });

  it('Pagination links around the current page and marks it', () => {
    const html = renderToString(<Pagination page={5} pageCount={1200} hrefFor={(n) => `/admin/bai-viet?page=${n}&q="x"`} />);
    expect(html).toContain('<nav class="pagination" aria-label="Phân trang">');
    expect(html).toContain('<span aria-current="page"><span class="visually-hidden">Trang </span>5</span>');
    expect(html).toContain('href="/admin/bai-viet?page=4&amp;q=&quot;x&quot;" rel="prev"');
    expect(html).toContain('aria-label="Trang 1.200"');
    expect(html).toContain('Trang 5 / 1.200');
    expect(renderToString(<Pagination page={1} pageCount={1} hrefFor={String} />)).toBe('');
  });

  it('EmptyState, DescriptionList, LinkButton, Time and TrustedHtml', () => {
    expectEscaped(renderToString(<EmptyState title={EVIL} action={{ href: '/admin/bai-viet/moi', label: EVIL }} />));
    const list = renderToString(<DescriptionList items={[{ term: EVIL, details: EVIL }]} />);
    expect(list).toMatch(/<dl class="description-list"><div class="description-list__row"><dt>/);
    expectEscaped(list);
    expectEscaped(renderToString(<LinkButton href={EVIL} label={EVIL} />));
    expect(renderToString(<Time value={new Date('2022-01-16T01:30:00Z')} />)).toBe('<time datetime="2022-01-16T01:30:00.000Z">08:30 16/01/2022</time>');
    expect(renderToString(<Time value="2022-01-16T01:30:00Z" isDateOnly />)).toContain('>16/01/2022</time>');
    // Only TrustedHtml puts markup through, and only under that prop name.
    expect(renderToString(<TrustedHtml trustedHtml="<p>Đã lọc</p>" class="preview" />)).toBe('<div class="preview"><p>Đã lọc</p></div>');
  });
});
