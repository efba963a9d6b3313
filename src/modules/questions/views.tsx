/** The public pages of questions and answers. Views only: values come formatted; the answer comes sanitised. */
import { FormDefences, PrivacyNotice } from '../public-forms/index.js';
import { Breadcrumb, FormError, Pagination } from '../public-site/views/components.js';

const SECTION = { label: 'Hỏi đáp', url: '/hoi-dap' };

export interface QuestionRowView {
  url: string;
  title: string;
  topicName: string;
  askedBy: string;
  answeredOn: string;
  answeredOnIso: string;
}

export interface QuestionListModel {
  filters: { q: string; topic: string };
  topics: { slug: string; name: string }[];
  rows: QuestionRowView[];
  summary: string;
  hasFilters: boolean;
  error?: { message: string; help?: string };
  pagination?: { page: number; pageCount: number; pageUrl: (n: number) => string };
}

function Actions() {
  return (
    <p class="questions__actions">
      <a href="/hoi-dap/dat-cau-hoi">Đặt câu hỏi</a> · <a href="/hoi-dap/tra-cuu">Tra cứu câu hỏi đã gửi</a>
    </p>
  );
}

export function QuestionListPage({ model }: { model: QuestionListModel }) {
  return (
    <>
      <Breadcrumb items={[SECTION]} />
      <section class="card documents questions" aria-labelledby="tieu-de-hoi-dap">
        <h1 id="tieu-de-hoi-dap" class="section-title">
          Hỏi đáp
        </h1>
        <Actions />
        <form class="search-form" action="/hoi-dap" method="get" aria-label="Tìm trong hỏi đáp">
          <p class="search-form__query">
            <label for="tim-hoi-dap">Từ khoá</label>
            <input id="tim-hoi-dap" type="search" name="q" value={model.filters.q} maxLength={200} aria-invalid={model.error ? 'true' : undefined} />
            <button type="submit">Tìm</button>
          </p>
          <p>
            <label for="linh-vuc-hoi-dap">Lĩnh vực</label>
            <select id="linh-vuc-hoi-dap" name="topic">
              <option value="">Tất cả lĩnh vực</option>
              {model.topics.map((t) => (
                <option value={t.slug} selected={t.slug === model.filters.topic}>
                  {t.name}
                </option>
              ))}
            </select>
          </p>
        </form>
        <FormError error={model.error} />
        <p class="search-summary" role="status">
          {model.summary}
        </p>
        {model.rows.length > 0 && (
          <ul class="question-list">
            {model.rows.map((row) => (
              <li class="question-list__item">
                <h2 class="question-list__title">
                  <a href={row.url}>{row.title}</a>
                </h2>
                <p class="question-list__meta">
                  {row.topicName && <>Lĩnh vực: {row.topicName} · </>}
                  Người hỏi: {row.askedBy} · Trả lời ngày <time datetime={row.answeredOnIso}>{row.answeredOn}</time>
                </p>
              </li>
            ))}
          </ul>
        )}
        {model.pagination && model.pagination.pageCount > 1 && model.rows.length > 0 && <Pagination {...model.pagination} />}
      </section>
    </>
  );
}

export interface QuestionModel {
  url: string;
  title: string;
  body: string;
  topicName: string;
  topicUrl: string;
  askedBy: string;
  askedOn: string;
  askedOnIso: string;
  answeredOn: string;
  answeredOnIso: string;
  /** Sanitised when saved (sanitizeBody). */
  answerHtml: string;
  agencyName: string;
}

export function QuestionPage({ model }: { model: QuestionModel }) {
  return (
    <>
      <Breadcrumb items={[SECTION, { label: model.title, url: model.url }]} />
      <article class="card question" aria-labelledby="tieu-de-cau-hoi">
        <h1 id="tieu-de-cau-hoi" class="section-title">
          {model.title}
        </h1>
        <p class="question__meta">
          {model.topicName && (
            <>
              Lĩnh vực: <a href={model.topicUrl}>{model.topicName}</a> ·{' '}
            </>
          )}
          Người hỏi: {model.askedBy} · Ngày hỏi <time datetime={model.askedOnIso}>{model.askedOn}</time>
        </p>
        <section class="question__ask" aria-labelledby="noi-dung-hoi">
          <h2 id="noi-dung-hoi">Nội dung câu hỏi</h2>
          {model.body.split('\n').filter(Boolean).map((line) => (
            <p>{line}</p>
          ))}
        </section>
        <section class="question__answer" aria-labelledby="tra-loi">
          <h2 id="tra-loi">
            Trả lời của {model.agencyName} (ngày <time datetime={model.answeredOnIso}>{model.answeredOn}</time>)
          </h2>
          {/* Sanitised by sanitizeBody when staff saved it: never the asker's text. */}
          <div class="article-body" dangerouslySetInnerHTML={{ __html: model.answerHtml }} />
        </section>
        <Actions />
      </article>
    </>
  );
}

export interface AskFormModel {
  values: Record<string, string>;
  topics: { id: string; name: string }[];
  token: string;
  challenge: { question: string };
  error?: { message: string; help?: string; field?: string };
  retentionDays: number;
  answerDays: number;
  maxFileMb: number;
  limits: { name: number; displayName: number; title: number; body: number };
}

function Field({ id, name, label, value, error, help, isRequired, type = 'text', maxLength, autocomplete }: { id: string; name: string; label: string; value: string; error?: string; help?: string; isRequired?: boolean; type?: string; maxLength: number; autocomplete?: string }) {
  const describedBy = [help ? `${id}-goi-y` : '', error ? `${id}-loi` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="form-field">
      <label for={id}>
        {label}
        {isRequired && <span aria-hidden="true"> *</span>}
      </label>
      {help && (
        <p class="form-field__help" id={`${id}-goi-y`}>
          {help}
        </p>
      )}
      <input id={id} name={name} type={type} value={value} maxLength={maxLength} required={isRequired} autocomplete={autocomplete} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} />
      {error && (
        <p class="form-field__error" id={`${id}-loi`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function AskQuestionPage({ model }: { model: AskFormModel }) {
  const v = model.values;
  const errorOf = (field: string) => (model.error?.field === field ? model.error.message : undefined);
  return (
    <>
      <Breadcrumb items={[SECTION, { label: 'Đặt câu hỏi', url: '/hoi-dap/dat-cau-hoi' }]} />
      <section class="card public-form" aria-labelledby="tieu-de-dat-cau-hoi">
        <h1 id="tieu-de-dat-cau-hoi" class="section-title">
          Đặt câu hỏi
        </h1>
        <p>
          Cơ quan trả lời trong thời hạn {model.answerDays} ngày làm việc (không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ). Sau khi gửi, bạn nhận một mã tra cứu để theo dõi câu hỏi. Các ô có dấu * là bắt buộc.
        </p>
        <FormError error={model.error} />
        <form action="/hoi-dap/dat-cau-hoi" method="post" enctype="multipart/form-data" novalidate>
          <fieldset>
            <legend>Thông tin người hỏi (không công khai)</legend>
            <Field id="hd-ho-ten" name="name" label="Họ và tên" value={v.name ?? ''} isRequired maxLength={model.limits.name} autocomplete="name" error={errorOf('name')} />
            <Field id="hd-thu-dien-tu" name="email" type="email" label="Thư điện tử" value={v.email ?? ''} maxLength={254} autocomplete="email" help="Nhập thư điện tử hoặc số điện thoại (ít nhất một)." error={errorOf('email')} />
            <Field id="hd-dien-thoai" name="phone" type="tel" label="Số điện thoại" value={v.phone ?? ''} maxLength={30} autocomplete="tel" error={errorOf('phone')} />
            <Field id="hd-ten-hien-thi" name="displayName" label="Tên hiển thị khi câu hỏi được công bố" value={v.displayName ?? ''} maxLength={model.limits.displayName} help='Để trống: hiển thị "Công dân". Thư điện tử và số điện thoại không bao giờ được công bố.' error={errorOf('displayName')} />
          </fieldset>
          <fieldset>
            <legend>Câu hỏi</legend>
            <div class="form-field">
              <label for="hd-linh-vuc">
                Lĩnh vực<span aria-hidden="true"> *</span>
              </label>
              <select id="hd-linh-vuc" name="topicId" required aria-invalid={errorOf('topicId') ? 'true' : undefined} aria-describedby={errorOf('topicId') ? 'hd-linh-vuc-loi' : undefined}>
                <option value="">Chọn lĩnh vực</option>
                {model.topics.map((t) => (
                  <option value={t.id} selected={t.id === v.topicId}>
                    {t.name}
                  </option>
                ))}
              </select>
              {errorOf('topicId') && (
                <p class="form-field__error" id="hd-linh-vuc-loi">
                  {errorOf('topicId')}
                </p>
              )}
            </div>
            <Field id="hd-tieu-de" name="title" label="Tiêu đề" value={v.title ?? ''} isRequired maxLength={model.limits.title} error={errorOf('title')} />
            <div class="form-field">
              <label for="hd-noi-dung">
                Nội dung câu hỏi<span aria-hidden="true"> *</span>
              </label>
              <textarea id="hd-noi-dung" name="body" rows={8} maxLength={model.limits.body} required aria-invalid={errorOf('body') ? 'true' : undefined} aria-describedby={errorOf('body') ? 'hd-noi-dung-loi' : undefined}>
                {v.body ?? ''}
              </textarea>
              {errorOf('body') && (
                <p class="form-field__error" id="hd-noi-dung-loi">
                  {errorOf('body')}
                </p>
              )}
            </div>
            <div class="form-field">
              <label for="hd-tep-dinh-kem">Tệp đính kèm (không bắt buộc)</label>
              <p class="form-field__help" id="hd-tep-dinh-kem-goi-y">
                Một tệp PDF, Word (.docx) hoặc ảnh (JPEG, PNG), tối đa {model.maxFileMb} MB. Chỉ cán bộ xử lý xem được tệp này.
              </p>
              <input id="hd-tep-dinh-kem" name="attachment" type="file" accept=".pdf,.docx,.jpg,.jpeg,.png" aria-describedby="hd-tep-dinh-kem-goi-y" aria-invalid={errorOf('attachment') ? 'true' : undefined} />
              {errorOf('attachment') && <p class="form-field__error">{errorOf('attachment')}</p>}
            </div>
          </fieldset>
          <FormDefences token={model.token} challenge={model.challenge} challengeError={errorOf('challenge')} />
          <PrivacyNotice retentionDays={model.retentionDays} purpose="để tiếp nhận, trả lời câu hỏi và liên hệ lại với bạn khi cần.">
            <p>Khi câu hỏi được trả lời và công bố, chỉ tiêu đề, nội dung câu hỏi (đã lược bỏ thông tin cá nhân) và tên hiển thị bạn chọn được đăng trên trang.</p>
          </PrivacyNotice>
          <p>
            <button type="submit">Gửi câu hỏi</button>
          </p>
        </form>
      </section>
    </>
  );
}

export function QuestionReceivedPage({ trackingCode, dueOn }: { trackingCode: string | null; dueOn: string | null }) {
  return (
    <>
      <Breadcrumb items={[SECTION, { label: 'Đã gửi câu hỏi', url: '/hoi-dap/dat-cau-hoi' }]} />
      <section class="card" aria-labelledby="tieu-de-da-gui">
        <h1 id="tieu-de-da-gui" class="section-title">
          Cơ quan đã nhận câu hỏi của bạn
        </h1>
        {trackingCode ? (
          <>
            <p>
              Mã tra cứu của bạn: <strong class="tracking-code">{trackingCode}</strong>
            </p>
            <p>Hãy ghi lại mã này: bạn cần nó để theo dõi câu hỏi. Cơ quan không gửi lại mã.</p>
            {dueOn && <p>Hạn trả lời: {dueOn}.</p>}
            <p>
              <a href={`/hoi-dap/tra-cuu?ma=${encodeURIComponent(trackingCode)}`}>Xem tình trạng câu hỏi</a>
            </p>
          </>
        ) : (
          <p>Câu hỏi sẽ được xem xét và trả lời theo quy định.</p>
        )}
        <p>
          <a href="/hoi-dap">Về trang Hỏi đáp</a>
        </p>
      </section>
    </>
  );
}

export interface TrackingModel {
  code: string;
  error?: { message: string; help?: string };
  result?: { trackingCode: string; title: string; statusLabel: string; receivedOn: string; dueOn: string; rejectReason: string; url: string | null; isOpen: boolean };
}

export function TrackingPage({ model }: { model: TrackingModel }) {
  const r = model.result;
  return (
    <>
      <Breadcrumb items={[SECTION, { label: 'Tra cứu câu hỏi', url: '/hoi-dap/tra-cuu' }]} />
      <section class="card" aria-labelledby="tieu-de-tra-cuu">
        <h1 id="tieu-de-tra-cuu" class="section-title">
          Tra cứu câu hỏi đã gửi
        </h1>
        <form class="search-form" action="/hoi-dap/tra-cuu" method="get">
          <p class="search-form__query">
            <label for="ma-tra-cuu">Mã tra cứu</label>
            <input id="ma-tra-cuu" name="ma" value={model.code} maxLength={40} autocomplete="off" aria-describedby="ma-tra-cuu-goi-y" aria-invalid={model.error ? 'true' : undefined} />
            <button type="submit">Tra cứu</button>
          </p>
          <p id="ma-tra-cuu-goi-y" class="search-form__hint">
            Mã có dạng HD-XXXX-XXXX, được cấp khi bạn gửi câu hỏi.
          </p>
        </form>
        <FormError error={model.error} />
        {r && (
          <section aria-labelledby="ket-qua-tra-cuu" role="status">
            <h2 id="ket-qua-tra-cuu">Câu hỏi {r.trackingCode}</h2>
            <dl class="tracking-result">
              <dt>Tiêu đề</dt>
              <dd>{r.title}</dd>
              <dt>Tình trạng</dt>
              <dd>{r.statusLabel}</dd>
              <dt>Ngày gửi</dt>
              <dd>{r.receivedOn}</dd>
              {r.isOpen && (
                <>
                  <dt>Hạn trả lời</dt>
                  <dd>{r.dueOn}</dd>
                </>
              )}
              {r.rejectReason && (
                <>
                  <dt>Lý do không tiếp nhận</dt>
                  <dd>{r.rejectReason}</dd>
                </>
              )}
            </dl>
            {r.url && (
              <p>
                <a href={r.url}>Xem câu trả lời</a>
              </p>
            )}
            {!r.url && r.statusLabel === 'Đã trả lời' && <p>Câu trả lời đã được gửi tới bạn.</p>}
          </section>
        )}
      </section>
    </>
  );
}
