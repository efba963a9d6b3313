/**
 * The newsroom's article screens: the dashboard's queues, the lists, the editor, the
 * workflow steps, preview and revisions. Every handler is one use-case call; the
 * services decide who may do what.
 */
import { diffWords } from 'diff';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors.js';
import { formatDateTime } from '../../platform/i18n/vi.js';
import { hasPermission } from '../accounts/index.js';
import {
  STATE_LABELS,
  confirmSecondLook,
  createDraft,
  createTranslation,
  getArticleForEditing,
  getRevision,
  htmlToPlainText,
  listArticlesForStaff,
  listRevisions,
  restoreRevision,
  saveArticle,
  takeStep,
  type ArticleFields,
  type ArticleFieldsInput,
  type ArticleForEditing,
  type ArticleState,
  type StaffListView,
  type WorkflowStep,
} from '../articles/index.js';
import { loadCategoryTree, type Category } from '../categories/index.js';
import type { Language } from '../../platform/i18n/languages.js';
import { staffOf, type AdminUiDeps, type StaffRequestContext } from './admin-ui.routes.js';
import { previewArticleOf } from './preview.js';
import { PATHS, flashOf, seeOther, sendHtml, sendStaffPage, withFlash } from './staff-pages.js';
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
  Select,
  StatusBadge,
  SubmitButton,
  TextArea,
  TextField,
  Time,
  parseVietnamDateTimeLocal,
  type FieldError,
  type FlashMessage,
} from './views/components.js';

const PAGE_SIZE = 20;
type FormBody = Record<string, string | string[] | undefined>;

function one(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

function many(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The editor form's fields as the service takes them. */
function fieldsFromForm(body: FormBody): ArticleFieldsInput {
  const ids = many(body.gallery_media_id);
  const captions = many(body.gallery_caption);
  const publishedAt = one(body.publishedAt);
  const parsedTime = publishedAt ? parseVietnamDateTimeLocal(publishedAt) : null;
  return {
    title: one(body.title),
    slug: one(body.slug),
    lead: one(body.lead),
    bodyHtml: one(body.body_html),
    byline: one(body.byline),
    categoryId: one(body.categoryId),
    extraCategoryIds: many(body.extraCategoryIds),
    tags: one(body.tags).split(',').map((t) => t.trim()).filter(Boolean),
    coverMediaId: one(body.coverMediaId) || null,
    galleryTitle: one(body.galleryTitle),
    gallery: ids.slice(0, 200).map((mediaId, i) => ({ mediaId, caption: captions[i] ?? '' })),
    isFeatured: one(body.isFeatured) === 'on' || one(body.isFeatured) === '1',
    // An unreadable time is sent on as it is, so the service names the field.
    publishedAt: publishedAt ? (parsedTime ?? publishedAt) : null,
    seoDescription: one(body.seoDescription),
  };
}

function errorsOf(error: AppError): FieldError[] {
  return [{ field: error.field ?? 'form', message: error.message }];
}

const LANGUAGE_LABELS: Record<Language, string> = { vi: 'Tiếng Việt', en: 'English' };

function languageOptions(languages: Language[], selected: string) {
  return languages.map((language) => ({ value: language, label: LANGUAGE_LABELS[language], isSelected: language === (selected || 'vi') }));
}

const VIEWS: { view: StaffListView; label: string }[] = [
  { view: 'all', label: 'Tất cả' },
  { view: 'waiting', label: 'Chờ duyệt' },
  { view: 'returned', label: 'Bị trả lại cho tôi' },
  { view: 'mine', label: 'Bài của tôi' },
  { view: 'second_look', label: 'Cần xem lại' },
];

function stateOf(item: { status: ArticleState; workingState: ArticleState; publishedAt: string | null }, now: Date): string {
  if (item.status === 'published' && item.publishedAt && item.publishedAt > now.toISOString()) return 'scheduled';
  return item.status;
}

export function registerArticleRoutes(admin: FastifyInstance, deps: AdminUiDeps): void {
  const categoriesOf = async (siteId: string) => (await loadCategoryTree(deps.db, siteId)).all;

  admin.get('/', async (request, reply) => {
    const staff = staffOf(request);
    const { scope } = staff;
    const [waiting, returned, secondLook] = await Promise.all([
      hasPermission(scope.actor, 'article.return') ? listArticlesForStaff(deps.db, scope, { view: 'waiting', page: 1, pageSize: 10 }) : null,
      listArticlesForStaff(deps.db, scope, { view: 'returned', page: 1, pageSize: 10 }),
      hasPermission(scope.actor, 'article.publish') ? listArticlesForStaff(deps.db, scope, { view: 'second_look', page: 1, pageSize: 10 }) : null,
    ]);
    const list = (items: { id: string; title: string; reviewComment: string; updatedAt: string }[], withComment = false) => (
      <ul class="queue">
        {items.map((item) => (
          <li>
            <a href={PATHS.article(item.id)}>{item.title}</a> · <Time value={item.updatedAt} />
            {withComment && item.reviewComment && <p class="queue__comment">Lời nhắn: {item.reviewComment}</p>}
          </li>
        ))}
      </ul>
    );
    return sendStaffPage(reply, { ...staff.frame, waitingCount: waiting?.total }, {
      title: 'Tổng quan',
      path: PATHS.home,
      flash: flashOf(request),
      actions: hasPermission(scope.actor, 'article.create') ? <LinkButton href={PATHS.newArticle} label="Viết bài mới" variant="primary" /> : undefined,
      children: (
        <>
          {waiting && (
            <Panel title={`Chờ duyệt (${waiting.total})`}>{waiting.total ? list(waiting.items) : <p>Không có bài nào chờ duyệt.</p>}</Panel>
          )}
          <Panel title={`Bị trả lại cho tôi (${returned.total})`}>{returned.total ? list(returned.items, true) : <p>Không có bài nào bị trả lại.</p>}</Panel>
          {secondLook && secondLook.total > 0 && <Panel title={`Cần xem lại (${secondLook.total})`}>{list(secondLook.items)}</Panel>}
        </>
      ),
    });
  });

  admin.get('/bai-viet', async (request, reply) => {
    const staff = staffOf(request);
    const query = request.query as Record<string, string | undefined>;
    const view = (VIEWS.find((v) => v.view === query.xem)?.view ?? 'all') as StaffListView;
    const page = Math.min(Math.max(1, Number.parseInt(query.trang ?? '1', 10) || 1), 10_000);
    const text = (query.q ?? '').slice(0, 200);
    const result = await listArticlesForStaff(deps.db, staff.scope, { view, query: text, page, pageSize: PAGE_SIZE });
    const categories = new Map((await categoriesOf(staff.site.id)).map((c) => [c.id, c.name]));
    const pageCount = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
    const now = new Date();
    const href = (p: number) => `${PATHS.articles}?xem=${view}${text ? `&q=${encodeURIComponent(text)}` : ''}&trang=${p}`;
    return sendStaffPage(reply, staff.frame, {
      title: 'Bài viết',
      path: PATHS.articles,
      flash: flashOf(request),
      actions: hasPermission(staff.scope.actor, 'article.create') ? <LinkButton href={PATHS.newArticle} label="Viết bài mới" variant="primary" /> : undefined,
      children: (
        <>
          <nav class="tabs" aria-label="Lọc bài viết">
            <ul>
              {VIEWS.map((v) => (
                <li>
                  <a href={`${PATHS.articles}?xem=${v.view}`} aria-current={v.view === view ? 'page' : undefined}>
                    {v.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
          <Form action={PATHS.articles} method="get" class="filter-form">
            <input type="hidden" name="xem" value={view} />
            <TextField name="q" label="Tìm theo tiêu đề" type="search" value={text} />
            <SubmitButton label="Tìm" variant="secondary" />
          </Form>
          <DataTable
            caption={`${VIEWS.find((v) => v.view === view)!.label}: ${result.total} bài`}
            columns={[
              { key: 'title', label: 'Tiêu đề' },
              { key: 'state', label: 'Trạng thái' },
              { key: 'category', label: 'Chuyên mục' },
              { key: 'author', label: 'Người viết' },
              { key: 'updated', label: 'Cập nhật' },
            ]}
            rowHeader="title"
            rows={result.items.map((item) => ({
              title: (
                <>
                  <a href={PATHS.article(item.id)}>{item.title}</a>
                  {item.language !== 'vi' && (
                    <>
                      {' '}
                      <span class="badge-note">{LANGUAGE_LABELS[item.language]}</span>
                    </>
                  )}
                </>
              ),
              state: (
                <>
                  <StatusBadge status={stateOf(item, now)} />
                  {item.hasWorkingCopy && (
                    <>
                      {' '}
                      <span class="badge-note">Bản sửa: {STATE_LABELS[item.workingState]}</span>
                    </>
                  )}
                </>
              ),
              category: categories.get(item.categoryId) ?? '',
              author: item.postedByName,
              updated: <Time value={item.updatedAt} />,
            }))}
            empty={<EmptyState title="Chưa có bài nào ở đây." />}
          />
          <Pagination page={page} pageCount={pageCount} hrefFor={href} />
        </>
      ),
    });
  });

  const newArticlePage = async (request: FastifyRequest, reply: FastifyReply, input: { values?: FormBody; errors?: FieldError[] } = {}, status = 200) => {
    const staff = staffOf(request);
    const categories = await categoriesOf(staff.site.id);
    const error = (field: string) => input.errors?.find((e) => e.field === field)?.message;
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: 'Viết bài mới',
        path: PATHS.articles,
        breadcrumbs: [{ href: PATHS.articles, label: 'Bài viết' }],
        children: (
          <>
            {input.errors && <ErrorSummary errors={input.errors} />}
            <Form action={PATHS.articles} csrfToken={staff.csrfToken}>
              <TextField name="title" label="Tiêu đề" value={one(input.values?.title)} isRequired maxLength={300} error={error('title')} />
              <Select name="categoryId" label="Chuyên mục" isRequired options={categoryOptions(categories, one(input.values?.categoryId))} error={error('categoryId')} />
              {staff.site.languages.length > 1 && <Select name="language" label="Ngôn ngữ" options={languageOptions(staff.site.languages, one(input.values?.language))} error={error('language')} help="Bài tiếng Anh hiện ở các trang /en/ của cổng." />}
              <FormActions>
                <SubmitButton label="Tạo bản nháp" />
              </FormActions>
            </Form>
            <Panel title="Hoặc nhập từ tệp Word">
              <Form action={`${PATHS.articles}/nhap-docx`} csrfToken={staff.csrfToken} enctype="multipart/form-data">
                <Select name="categoryId" label="Chuyên mục" isRequired options={categoryOptions(categories, '')} id="docx-category" />
                <div class="field">
                  <label for="docx-file">Tệp .docx</label>
                  <input id="docx-file" class="input" type="file" name="file" accept=".docx,application/vnd.openxmlformats-officedocument.wordprocessingml.document" required />
                </div>
                <FormActions>
                  <SubmitButton label="Nhập thành bản nháp" variant="secondary" />
                </FormActions>
              </Form>
            </Panel>
          </>
        ),
      },
      status,
    );
  };

  admin.get('/bai-viet/moi', (request, reply) => newArticlePage(request, reply));

  admin.post('/bai-viet', async (request, reply) => {
    const staff = staffOf(request);
    const body = (request.body ?? {}) as FormBody;
    try {
      const { id } = await createDraft(deps.db, staff.scope, { ...fieldsFromForm(body), language: one(body.language) || undefined });
      return seeOther(reply, withFlash(PATHS.article(id), 'da-tao'));
    } catch (error) {
      if (!(error instanceof AppError) || !error.isPublic || error.code === 'FORBIDDEN') throw error;
      return newArticlePage(request, reply, { values: body, errors: errorsOf(error) }, error.status);
    }
  });

  const editorPage = async (request: FastifyRequest, reply: FastifyReply, articleId: string, input: { values?: ArticleFieldsInput; language?: string; errors?: FieldError[]; flash?: FlashMessage } = {}, status = 200) => {
    const staff = staffOf(request);
    const article = await getArticleForEditing(deps.db, staff.scope, articleId);
    const categories = await categoriesOf(staff.site.id);
    const fields = { ...article.fields, ...input.values } as ArticleFields;
    return sendStaffPage(
      reply,
      staff.frame,
      {
        title: `Sửa bài: ${article.fields.title}`,
        heading: article.fields.title,
        path: PATHS.articles,
        breadcrumbs: [{ href: PATHS.articles, label: 'Bài viết' }],
        flash: input.flash ?? flashOf(request),
        islands: article.can.edit ? ['editor', 'gallery'] : [],
        isWide: true,
        actions: (
          <>
            <LinkButton href={`${PATHS.article(article.id)}/xem-truoc`} label="Xem trước" />
            <LinkButton href={`${PATHS.article(article.id)}/phien-ban`} label="Các phiên bản" />
          </>
        ),
        children: (
          <div class="editor-layout">
            <div class="editor-layout__main">
              {input.errors && <ErrorSummary errors={input.errors} />}
              <StateSummary article={article} />
              {article.can.edit ? <ArticleForm staff={staff} article={article} fields={fields} categories={categories} errors={input.errors} language={input.language ?? article.language} /> : <ReadOnlyArticle fields={fields} />}
            </div>
            <aside class="editor-layout__side" aria-label="Duyệt và xuất bản">
              <TranslationPanel staff={staff} article={article} />
              <WorkflowPanel staff={staff} article={article} />
            </aside>
          </div>
        ),
      },
      status,
    );
  };

  admin.get<{ Params: { id: string } }>('/bai-viet/:id', (request, reply) => editorPage(request, reply, request.params.id));

  admin.post<{ Params: { id: string } }>('/bai-viet/:id', async (request, reply) => {
    const staff = staffOf(request);
    const body = (request.body ?? {}) as FormBody;
    const fields = fieldsFromForm(body);
    const language = body.language === undefined ? undefined : one(body.language);
    try {
      await saveArticle(deps.db, staff.scope, { articleId: request.params.id, fields, language });
      if (one(body._action) === 'submit') {
        await takeStep(deps.db, staff.scope, 'submit', { articleId: request.params.id });
        return seeOther(reply, withFlash(PATHS.article(request.params.id), 'da-gui-duyet'));
      }
      return seeOther(reply, withFlash(PATHS.article(request.params.id), 'da-luu'));
    } catch (error) {
      if (!(error instanceof AppError) || !error.isPublic || error.code === 'NOT_FOUND') throw error;
      return editorPage(request, reply, request.params.id, { values: fields, language, errors: errorsOf(error) }, error.status);
    }
  });

  // "Viết bản tiếng Anh": an English draft linked to this article, opened in the editor.
  admin.post<{ Params: { id: string } }>('/bai-viet/:id/ban-dich', async (request, reply) => {
    const staff = staffOf(request);
    try {
      const { id, isNew } = await createTranslation(deps.db, staff.scope, { articleId: request.params.id, language: 'en' });
      return seeOther(reply, withFlash(PATHS.article(id), isNew ? 'da-tao-ban-dich' : 'da-co-ban-dich'));
    } catch (error) {
      if (!(error instanceof AppError) || !error.isPublic || error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN') throw error;
      return editorPage(request, reply, request.params.id, { flash: { kind: 'error', message: error.message } }, error.status);
    }
  });

  admin.post<{ Params: { id: string } }>('/bai-viet/:id/tu-luu', { config: { rateLimit: { max: 60, timeWindow: 60_000 } } }, async (request, reply) => {
    const staff = staffOf(request);
    await saveArticle(deps.db, staff.scope, { articleId: request.params.id, fields: fieldsFromForm((request.body ?? {}) as FormBody), isAutosave: true });
    return reply.header('cache-control', 'no-store').send({ savedAt: new Date().toISOString() });
  });

  const STEP_FLASH: Record<WorkflowStep, string> = { submit: 'da-gui-duyet', return: 'da-tra-lai', publish: 'da-xuat-ban', unpublish: 'da-go-xuong', archive: 'da-luu-tru' };

  admin.post<{ Params: { id: string } }>('/bai-viet/:id/buoc', async (request, reply) => {
    const staff = staffOf(request);
    const body = (request.body ?? {}) as FormBody;
    const step = one(body.step) as WorkflowStep;
    if (!(step in STEP_FLASH)) return editorPage(request, reply, request.params.id, { flash: { kind: 'error', message: 'Thao tác không hợp lệ.' } }, 400);
    const publishAtRaw = one(body.publishAt);
    const publishAt = publishAtRaw ? parseVietnamDateTimeLocal(publishAtRaw) : null;
    try {
      if (publishAtRaw && !publishAt) throw new AppError('INVALID_INPUT', 'Thời điểm xuất bản không hợp lệ.', { field: 'publishAt' });
      await takeStep(deps.db, staff.scope, step, { articleId: request.params.id, comment: one(body.comment), publishAt, forceReason: one(body.forceReason) });
      const isScheduled = step === 'publish' && publishAt && publishAt.getTime() > Date.now();
      return seeOther(reply, withFlash(PATHS.article(request.params.id), isScheduled ? 'da-len-lich' : STEP_FLASH[step]));
    } catch (error) {
      if (!(error instanceof AppError) || !error.isPublic || error.code === 'NOT_FOUND') throw error;
      return editorPage(request, reply, request.params.id, { flash: { kind: 'error', message: error.message }, errors: error.field ? errorsOf(error) : undefined }, error.status);
    }
  });

  admin.post<{ Params: { id: string } }>('/bai-viet/:id/da-xem-lai', async (request, reply) => {
    await confirmSecondLook(deps.db, staffOf(request).scope, { articleId: request.params.id });
    return seeOther(reply, withFlash(PATHS.article(request.params.id), 'da-xem-lai'));
  });

  admin.get<{ Params: { id: string } }>('/bai-viet/:id/xem-truoc', async (request, reply) => {
    const staff = staffOf(request);
    const article = await getArticleForEditing(deps.db, staff.scope, request.params.id);
    const html = await deps.preview({ site: staff.site, staffName: staff.scope.actor.displayName, article: previewArticleOf(article, new Date()) });
    return sendHtml(reply, html);
  });

  admin.get<{ Params: { id: string } }>('/bai-viet/:id/phien-ban', async (request, reply) => {
    const staff = staffOf(request);
    const article = await getArticleForEditing(deps.db, staff.scope, request.params.id);
    const revisions = await listRevisions(deps.db, staff.scope, article.id);
    return sendStaffPage(reply, staff.frame, {
      title: `Các phiên bản: ${article.fields.title}`,
      path: PATHS.articles,
      breadcrumbs: [
        { href: PATHS.articles, label: 'Bài viết' },
        { href: PATHS.article(article.id), label: article.fields.title },
      ],
      flash: flashOf(request),
      children: (
        <Form action={`${PATHS.article(article.id)}/phien-ban/so-sanh`} method="get">
          <DataTable
            caption={`${revisions.length} phiên bản, mới nhất trước`}
            columns={[
              { key: 'number', label: 'Số' },
              { key: 'title', label: 'Tiêu đề lúc lưu' },
              { key: 'author', label: 'Người lưu' },
              { key: 'time', label: 'Thời điểm' },
              { key: 'compare', label: 'So sánh' },
              { key: 'action', label: 'Thao tác' },
            ]}
            rowHeader="number"
            rows={revisions.map((revision, index) => ({
              number: `#${revision.number}`,
              title: revision.title,
              author: revision.authorName,
              time: <Time value={revision.createdAt} />,
              compare: (
                <span class="compare-choice">
                  <label>
                    <input type="radio" name="a" value={revision.id} checked={index === 1} /> cũ
                  </label>{' '}
                  <label>
                    <input type="radio" name="b" value={revision.id} checked={index === 0} /> mới
                  </label>
                </span>
              ),
              action:
                article.can.restore && index > 0 ? (
                  <ConfirmForm action={`${PATHS.article(article.id)}/phien-ban/${revision.id}/khoi-phuc`} csrfToken={staff.csrfToken} label="Khôi phục" confirm={`Khôi phục phiên bản #${revision.number} thành bản đang soạn?`} variant="secondary" context={`phiên bản ${revision.number}`} />
                ) : (
                  ''
                ),
            }))}
            empty="Chưa có phiên bản nào."
          />
          {revisions.length > 1 && (
            <FormActions>
              <SubmitButton label="So sánh hai phiên bản đã chọn" variant="secondary" />
            </FormActions>
          )}
        </Form>
      ),
    });
  });

  admin.get<{ Params: { id: string }; Querystring: { a?: string; b?: string } }>('/bai-viet/:id/phien-ban/so-sanh', async (request, reply) => {
    const staff = staffOf(request);
    const { a = '', b = '' } = request.query;
    const [older, newer] = await Promise.all([getRevision(deps.db, staff.scope, { articleId: request.params.id, revisionId: a }), getRevision(deps.db, staff.scope, { articleId: request.params.id, revisionId: b })]);
    const rows: { label: string; before: string; after: string }[] = [
      { label: 'Tiêu đề', before: older.fields.title, after: newer.fields.title },
      { label: 'Địa chỉ', before: older.fields.slug, after: newer.fields.slug },
      { label: 'Sapo', before: older.fields.lead, after: newer.fields.lead },
      { label: 'Nội dung', before: htmlToPlainText(older.fields.bodyHtml), after: htmlToPlainText(newer.fields.bodyHtml) },
      { label: 'Tác giả', before: older.fields.byline, after: newer.fields.byline },
      { label: 'Từ khoá', before: older.fields.tags.join(', '), after: newer.fields.tags.join(', ') },
      { label: 'Ảnh trong thư viện', before: String(older.fields.gallery.length), after: String(newer.fields.gallery.length) },
    ];
    return sendStaffPage(reply, staff.frame, {
      title: `So sánh phiên bản #${older.number} và #${newer.number}`,
      path: PATHS.articles,
      breadcrumbs: [
        { href: PATHS.articles, label: 'Bài viết' },
        { href: `${PATHS.article(request.params.id)}/phien-ban`, label: 'Các phiên bản' },
      ],
      children: (
        <>
          <p>
            Phần <del>gạch bỏ</del> có ở phiên bản #{older.number} (lưu lúc {formatDateTime(older.createdAt)}) nhưng không còn ở #{newer.number}; phần <ins>tô nền</ins> được thêm vào ở #{newer.number}.
          </p>
          {rows.map((row) => (
            <Panel title={row.label} headingLevel={2}>
              {row.before === row.after ? (
                <p class="diff diff--same">Không đổi.</p>
              ) : (
                <p class="diff">
                  {diffWords(row.before, row.after).map((part) => (part.added ? <ins>{part.value}</ins> : part.removed ? <del>{part.value}</del> : <span>{part.value}</span>))}
                </p>
              )}
            </Panel>
          ))}
        </>
      ),
    });
  });

  admin.post<{ Params: { id: string; revisionId: string } }>('/bai-viet/:id/phien-ban/:revisionId/khoi-phuc', async (request, reply) => {
    await restoreRevision(deps.db, staffOf(request).scope, { articleId: request.params.id, revisionId: request.params.revisionId });
    return seeOther(reply, withFlash(PATHS.article(request.params.id), 'da-khoi-phuc'));
  });
}

function categoryOptions(categories: Category[], selected: string) {
  const depth = (category: Category) => category.path.split('/').length - 1;
  return [{ value: '', label: '— Chọn chuyên mục —', isSelected: !selected }, ...categories.map((c) => ({ value: c.id, label: `${'— '.repeat(depth(c))}${c.name}`, isSelected: c.id === selected }))];
}

function StateSummary({ article }: { article: ArticleForEditing }) {
  return (
    <div class="state-summary">
      <p>
        Trạng thái: <StatusBadge status={article.status} />
        {article.hasWorkingCopy && (
          <>
            {' '}
            · Bản sửa đang soạn: <StatusBadge status={article.workingState} /> (bạn đọc vẫn thấy bản đã xuất bản cho tới khi bản sửa được duyệt)
          </>
        )}
        {article.postedByName && <> · Người viết: {article.postedByName}</>}
      </p>
      {article.reviewComment && (article.workingState === 'returned') && (
        <div class="flash flash--info" role="status">
          <strong>Lời nhắn khi trả lại:</strong> {article.reviewComment}
        </div>
      )}
      {article.needsSecondLook && <p class="flash flash--info">Bài được xuất bản không qua người duyệt thứ hai: cần một trưởng ban biên tập khác xem lại.</p>}
    </div>
  );
}

function ReadOnlyArticle({ fields }: { fields: ArticleFields }) {
  return (
    <Panel title="Nội dung (chỉ xem)">
      <DescriptionList items={[{ term: 'Sapo', details: fields.lead || '—' }, { term: 'Tác giả', details: fields.byline || '—' }]} />
      <p>Bạn không sửa được bài ở trạng thái này. Dùng "Xem trước" để xem toàn bộ bài.</p>
    </Panel>
  );
}

/** The article's other language versions, and the button that starts the English one. */
function TranslationPanel({ staff, article }: { staff: StaffRequestContext; article: ArticleForEditing }) {
  if (article.siteLanguages.length < 2 && article.translations.length === 0) return null;
  return (
    <Panel title="Bản dịch">
      <p>Bài này viết bằng {LANGUAGE_LABELS[article.language]}.</p>
      {article.translations.length > 0 && (
        <ul class="translations">
          {article.translations.map((translation) => (
            <li>
              {translation.id === article.translationOf ? 'Bản gốc' : 'Bản'} {LANGUAGE_LABELS[translation.language]}:{' '}
              <a href={PATHS.article(translation.id)} hreflang={translation.language}>
                <span lang={translation.language}>{translation.title}</span>
              </a>{' '}
              <StatusBadge status={translation.status} />
            </li>
          ))}
        </ul>
      )}
      {article.can.translate && (
        <Form action={`${PATHS.article(article.id)}/ban-dich`} csrfToken={staff.csrfToken}>
          <SubmitButton label="Viết bản tiếng Anh" variant="secondary" />
        </Form>
      )}
    </Panel>
  );
}

function ArticleForm({ staff, article, fields, categories, errors, language }: { staff: StaffRequestContext; article: ArticleForEditing; fields: ArticleFields; categories: Category[]; errors?: FieldError[]; language: string }) {
  const error = (field: string) => errors?.find((e) => e.field === field)?.message;
  // The text fields of an article in another language say so: browsers spell-check in it, screen readers read it in it.
  const textLang = article.language === 'vi' ? {} : { lang: article.language };
  const usedImages = [...new Set([...(fields.coverMediaId ? [fields.coverMediaId] : []), ...fields.gallery.map((g) => g.mediaId), ...[...fields.bodyHtml.matchAll(/data-media-id="([0-9a-f-]{36})"/g)].map((m) => m[1]!)])];
  return (
    <Form action={PATHS.article(article.id)} csrfToken={staff.csrfToken} isNoValidate attrs={{ 'data-article-form': true, 'data-upload-url': PATHS.upload, 'data-autosave-url': `${PATHS.article(article.id)}/tu-luu` }}>
      <TextField name="title" label="Tiêu đề" value={fields.title} isRequired maxLength={300} error={error('title')} attrs={textLang} />
      <TextField name="slug" label="Địa chỉ (slug)" value={fields.slug} help="Tự tạo từ tiêu đề: chữ thường không dấu, nối bằng dấu gạch ngang. Đổi địa chỉ của bài đã xuất bản thì địa chỉ cũ vẫn chuyển tới bài." error={error('slug')} maxLength={120} />
      <TextArea name="lead" label="Sapo (tóm tắt)" value={fields.lead} rows={3} maxLength={2000} error={error('lead')} help="Hiện dưới tiêu đề và trong danh sách bài." attrs={textLang} />
      <TextArea name="body_html" label="Nội dung" value={fields.bodyHtml} rows={18} error={error('bodyHtml') ?? error('media')} attrs={{ 'data-editor': true, ...textLang }} />
      <p data-autosave-status class="help" aria-live="polite"></p>
      <TextField name="byline" label="Tác giả (dòng ký tên)" value={fields.byline} help='Ví dụ: "Tin và ảnh: Lê Thương"' maxLength={200} error={error('byline')} />
      <Select name="categoryId" label="Chuyên mục chính" isRequired options={categoryOptions(categories, fields.categoryId)} error={error('categoryId')} help="Địa chỉ của bài nằm dưới chuyên mục này." />
      <Fieldset name="extraCategoryIds" legend="Chuyên mục phụ" error={error('extraCategoryIds')}>
        <div class="checkbox-grid">
          {categories
            .filter((c) => c.id !== fields.categoryId)
            .map((c) => (
              <label class="check-item">
                <input type="checkbox" name="extraCategoryIds" value={c.id} checked={fields.extraCategoryIds.includes(c.id)} /> {c.name}
              </label>
            ))}
        </div>
      </Fieldset>
      <TextField name="tags" label="Từ khoá" value={fields.tags.join(', ')} help="Cách nhau bằng dấu phẩy." error={error('tags')} />
      {(article.siteLanguages.length > 1 || article.language !== 'vi') && (
        <Select
          name="language"
          label="Ngôn ngữ"
          options={languageOptions(article.siteLanguages.includes(article.language) ? article.siteLanguages : [...article.siteLanguages, article.language], language)}
          isDisabled={article.status === 'published'}
          help={article.status === 'published' ? 'Bài đã xuất bản giữ ngôn ngữ (và địa chỉ) của nó.' : 'Bài tiếng Anh hiện ở các trang /en/ của cổng.'}
          error={error('language')}
        />
      )}
      <Select
        name="coverMediaId"
        label="Ảnh đại diện"
        options={[{ value: '', label: '(Không có)', isSelected: !fields.coverMediaId }, ...usedImages.map((id, i) => ({ value: id, label: id === fields.coverMediaId ? 'Ảnh đang chọn' : `Ảnh ${i + 1} trong bài`, isSelected: id === fields.coverMediaId }))]}
        help="Chọn trong các ảnh của bài (thêm ảnh vào nội dung hoặc thư viện ảnh, lưu lại, rồi chọn)."
        error={error('coverMediaId')}
      />
      <fieldset data-gallery data-upload-url={PATHS.upload} class="gallery">
        <legend>Thư viện ảnh của bài</legend>
        <TextField name="galleryTitle" label="Tiêu đề thư viện ảnh" value={fields.galleryTitle} help='Ví dụ: "Một số hình ảnh tại Hội nghị"' maxLength={300} />
        <ol class="gallery__list">
          {fields.gallery.map((item, index) => (
            <li class="gallery__item">
              <input type="hidden" name="gallery_media_id" value={item.mediaId} />
              <img class="gallery__thumb" src={`${PATHS.upload}/${item.mediaId}/thumb`} alt={`Ảnh ${index + 1}`} width={120} />
              <label class="gallery__caption">
                Chú thích <input class="input" type="text" name="gallery_caption" value={item.caption} maxLength={500} />
              </label>
              <span class="gallery__actions">
                <button type="button" data-move="up" hidden>
                  Lên
                </button>
                <button type="button" data-move="down" hidden>
                  Xuống
                </button>
                <button type="button" data-remove hidden>
                  Gỡ
                </button>
              </span>
            </li>
          ))}
        </ol>
      </fieldset>
      <Checkbox name="isFeatured" label="Tin nổi bật (hiện ở đầu trang chủ)" isChecked={fields.isFeatured} />
      <DateTimeField name="publishedAt" label="Ngày đăng" value={fields.publishedAt ? new Date(fields.publishedAt) : undefined} help="Để trống: lấy lúc xuất bản. Một thời điểm trong tương lai là lịch xuất bản." error={error('publishedAt')} />
      <TextArea name="seoDescription" label="Mô tả cho công cụ tìm kiếm" value={fields.seoDescription} rows={2} maxLength={300} error={error('seoDescription')} />
      <FormActions>
        <SubmitButton label="Lưu" name="_action" value="save" />
        {article.can.submit && <SubmitButton label="Lưu và gửi duyệt" name="_action" value="submit" variant="secondary" />}
      </FormActions>
    </Form>
  );
}

function WorkflowPanel({ staff, article }: { staff: StaffRequestContext; article: ArticleForEditing }) {
  const action = `${PATHS.article(article.id)}/buoc`;
  const isOwn = article.postedBy === staff.scope.actor.id;
  return (
    <>
      {article.can.publish && (
        <Panel title="Trước khi xuất bản">
          {article.missing.length ? (
            <ul class="checklist">
              {article.missing.map((item) => (
                <li>Còn thiếu: {item}</li>
              ))}
            </ul>
          ) : (
            <p>Đã đủ tiêu đề, sapo, chuyên mục và mô tả ảnh.</p>
          )}
        </Panel>
      )}
      {article.can.submit && (
        <Form action={action} csrfToken={staff.csrfToken}>
          <input type="hidden" name="step" value="submit" />
          <SubmitButton label="Gửi duyệt" />
        </Form>
      )}
      {article.can.publish && (
        <Panel title="Xuất bản">
          <Form action={action} csrfToken={staff.csrfToken}>
            <input type="hidden" name="step" value="publish" />
            {!article.hasWorkingCopy && <DateTimeField name="publishAt" label="Hẹn giờ xuất bản" help="Để trống để xuất bản ngay." id="publish-at" />}
            {isOwn && <TextArea name="forceReason" label="Lý do tự xuất bản bài của mình" help="Bài của bạn cần người khác duyệt. Nếu phải đăng ngay, ghi rõ lý do (ít nhất 10 ký tự): bài sẽ được đánh dấu để xem lại sau." rows={2} maxLength={2000} id="force-reason" />}
            <SubmitButton label={article.hasWorkingCopy ? 'Duyệt và thay bản đang hiện' : 'Xuất bản'} />
          </Form>
        </Panel>
      )}
      {article.can.return && (
        <Panel title="Trả lại">
          <Form action={action} csrfToken={staff.csrfToken}>
            <input type="hidden" name="step" value="return" />
            <TextArea name="comment" label="Lời nhắn cho người viết" isRequired rows={3} maxLength={2000} id="return-comment" />
            <SubmitButton label="Trả lại" variant="secondary" />
          </Form>
        </Panel>
      )}
      {(article.can.unpublish || article.can.archive) && (
        <Panel title="Gỡ bài">
          {article.can.unpublish && <ConfirmForm action={action} csrfToken={staff.csrfToken} label="Gỡ xuống" confirm="Gỡ bài khỏi trang công khai?" fields={{ step: 'unpublish' }} />}
          {article.can.archive && <ConfirmForm action={action} csrfToken={staff.csrfToken} label="Lưu trữ" confirm="Chuyển bài vào lưu trữ?" fields={{ step: 'archive' }} variant="secondary" />}
        </Panel>
      )}
      {article.needsSecondLook && hasPermission(staff.scope.actor, 'article.publish') && !isOwn && (
        <Form action={`${PATHS.article(article.id)}/da-xem-lai`} csrfToken={staff.csrfToken}>
          <SubmitButton label="Tôi đã xem lại bài này" variant="secondary" />
        </Form>
      )}
      <Panel title="Thông tin">
        <DescriptionList
          isCompact
          items={[
            { term: 'Tạo lúc', details: <Time value={article.createdAt} /> },
            { term: 'Sửa lần cuối', details: <Time value={article.updatedAt} /> },
            { term: 'Ngày đăng', details: article.fields.publishedAt ? <Time value={article.fields.publishedAt} /> : 'Chưa đăng' },
          ]}
        />
      </Panel>
    </>
  );
}

