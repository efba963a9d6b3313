/** The public pages of draft consultations (/du-thao), in the site's layout. Everything a citizen typed is escaped by JSX. */
import { formatNumber } from '../../platform/i18n/vi.js';
import { FormDefences, PrivacyNotice } from '../public-forms/index.js';
import { Breadcrumb, FormError } from '../public-site/views/components.js';
import { CONSULTATIONS_PATH } from './consultations.search.js';

const SECTION = { label: 'Lấy ý kiến dự thảo', url: CONSULTATIONS_PATH };

export interface ConsultationRowView {
  url: string;
  title: string;
  issuingUnit: string;
  period: string;
  statusLabel: string;
  /** "còn 12 ngày" for an open one; '' otherwise. */
  daysLeft: string;
  hasReport: boolean;
}

export interface ConsultationListModel {
  open: ConsultationRowView[];
  upcoming: ConsultationRowView[];
  closed: ConsultationRowView[];
}

function Rows({ rows, label }: { rows: ConsultationRowView[]; label: string }) {
  return (
    <ul class="search-hits consultation-list" aria-label={label}>
      {rows.map((row) => (
        <li class="search-hit">
          <h3 class="search-hit__title">
            <a href={row.url}>{row.title}</a>
          </h3>
          <p class="search-hit__meta">
            {[row.issuingUnit, row.period].filter(Boolean).join(' · ')}
            {' · '}
            <strong>{row.statusLabel}</strong>
            {row.daysLeft && <> ({row.daysLeft})</>}
            {row.hasReport && <> · Đã có báo cáo tiếp thu, giải trình</>}
          </p>
        </li>
      ))}
    </ul>
  );
}

export function ConsultationListPage({ model }: { model: ConsultationListModel }) {
  const isEmpty = model.open.length + model.upcoming.length + model.closed.length === 0;
  return (
    <>
      <Breadcrumb items={[SECTION]} />
      <section class="card documents consultations" aria-labelledby="tieu-de-du-thao">
        <h1 id="tieu-de-du-thao" class="section-title">
          Lấy ý kiến dự thảo
        </h1>
        <p>Cơ quan công bố dự thảo văn bản để người dân, tổ chức, doanh nghiệp góp ý trong thời hạn lấy ý kiến. Sau khi kết thúc, cơ quan công bố báo cáo tiếp thu, giải trình các ý kiến.</p>
        {isEmpty && <p>Chưa có dự thảo nào được đưa ra lấy ý kiến.</p>}
        {model.open.length > 0 && (
          <section aria-labelledby="du-thao-dang-lay-y-kien">
            <h2 id="du-thao-dang-lay-y-kien">Đang lấy ý kiến</h2>
            <Rows rows={model.open} label="Dự thảo đang lấy ý kiến, sắp kết thúc trước" />
          </section>
        )}
        {model.upcoming.length > 0 && (
          <section aria-labelledby="du-thao-sap-lay-y-kien">
            <h2 id="du-thao-sap-lay-y-kien">Sắp lấy ý kiến</h2>
            <Rows rows={model.upcoming} label="Dự thảo sắp lấy ý kiến" />
          </section>
        )}
        {model.closed.length > 0 && (
          <section aria-labelledby="du-thao-da-ket-thuc">
            <h2 id="du-thao-da-ket-thuc">Đã kết thúc lấy ý kiến</h2>
            <Rows rows={model.closed} label="Dự thảo đã kết thúc lấy ý kiến, mới nhất trước" />
          </section>
        )}
      </section>
    </>
  );
}

export interface ConsultationModel {
  url: string;
  title: string;
  issuingUnit: string;
  opensAt: string;
  opensAtIso: string;
  closesAt: string;
  closesAtIso: string;
  statusLabel: string;
  isOpen: boolean;
  isClosed: boolean;
  summaryHtml: string;
  reportHtml: string;
  reportPublishedOn: string;
  attachments: { name: string; url: string; size: string; isPdf: boolean }[];
}

export function ConsultationPage({ model }: { model: ConsultationModel }) {
  return (
    <>
      <Breadcrumb items={[SECTION, { label: model.title, url: model.url }]} />
      <article class="card document consultation" aria-labelledby="tieu-de-du-thao">
        <h1 id="tieu-de-du-thao" class="document__title">
          {model.title}
        </h1>
        {model.isOpen && (
          <p class="document__notice" role="note">
            Dự thảo đang được lấy ý kiến đến {model.closesAt} (giờ Việt Nam). <a href={`${model.url}/gop-y`}>Gửi góp ý cho dự thảo này</a>
          </p>
        )}
        {model.isClosed && (
          <p class="document__notice" role="note">
            Đợt lấy ý kiến đã kết thúc lúc {model.closesAt}. Cơ quan không nhận thêm góp ý.
          </p>
        )}
        <dl class="document__facts">
          {model.issuingUnit && (
            <div>
              <dt>Cơ quan chủ trì soạn thảo</dt>
              <dd>{model.issuingUnit}</dd>
            </div>
          )}
          <div>
            <dt>Bắt đầu lấy ý kiến</dt>
            <dd>
              <time datetime={model.opensAtIso}>{model.opensAt}</time>
            </dd>
          </div>
          <div>
            <dt>Kết thúc lấy ý kiến</dt>
            <dd>
              <time datetime={model.closesAtIso}>{model.closesAt}</time>
            </dd>
          </div>
          <div>
            <dt>Tình trạng</dt>
            <dd>{model.statusLabel}</dd>
          </div>
        </dl>
        {model.summaryHtml && (
          <section aria-labelledby="tom-tat-du-thao">
            <h2 id="tom-tat-du-thao">Tóm tắt dự thảo</h2>
            {/* Staff's rich text, sanitised by sanitizeBody when saved. */}
            <div class="article__body" dangerouslySetInnerHTML={{ __html: model.summaryHtml }} />
          </section>
        )}
        {model.attachments.length > 0 && (
          <section class="document__files" aria-labelledby="tep-du-thao">
            <h2 id="tep-du-thao">Toàn văn dự thảo và tài liệu kèm theo</h2>
            <ul>
              {model.attachments.map((file) => (
                <li>
                  <span class="document__file-name">{file.name}</span> <span class="document__file-size">({file.size})</span>{' '}
                  {file.isPdf && (
                    <a href={file.url} aria-label={`Xem ${file.name}`}>
                      Xem
                    </a>
                  )}{' '}
                  <a href={file.url} download={file.name} aria-label={`Tải về ${file.name}`}>
                    Tải về
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
        {model.reportHtml && (
          <section aria-labelledby="bao-cao-tiep-thu">
            <h2 id="bao-cao-tiep-thu">Báo cáo tiếp thu, giải trình ý kiến góp ý</h2>
            <p>Công bố ngày {model.reportPublishedOn}.</p>
            {/* Staff's rich text, sanitised by sanitizeBody when saved. */}
            <div class="article__body" dangerouslySetInnerHTML={{ __html: model.reportHtml }} />
          </section>
        )}
        {model.isOpen && (
          <p>
            <a class="button" href={`${model.url}/gop-y`}>
              Gửi góp ý
            </a>
          </p>
        )}
        <p>
          <a href={CONSULTATIONS_PATH}>Xem mọi dự thảo lấy ý kiến</a>
        </p>
      </article>
    </>
  );
}

export interface CommentFormModel {
  url: string;
  title: string;
  closesAt: string;
  values: Record<string, string>;
  token: string;
  challenge: { question: string };
  error?: { message: string; help?: string; field?: string };
  retentionMonths: number;
  /** Days from now until the contact details are erased (for the privacy notice). */
  retentionDays: number;
  orgTypes: { value: string; label: string }[];
  limits: { name: number; section: number; body: number };
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

export function CommentFormPage({ model }: { model: CommentFormModel }) {
  const v = model.values;
  const errorOf = (field: string) => (model.error?.field === field ? model.error.message : undefined);
  const action = `${model.url}/gop-y`;
  return (
    <>
      <Breadcrumb items={[SECTION, { label: model.title, url: model.url }, { label: 'Gửi góp ý', url: action }]} />
      <section class="card public-form" aria-labelledby="tieu-de-gop-y">
        <h1 id="tieu-de-gop-y" class="section-title">
          Góp ý dự thảo: {model.title}
        </h1>
        <p>
          Thời hạn góp ý: đến {model.closesAt} (giờ Việt Nam). Góp ý không được đăng riêng lẻ: cơ quan tổng hợp và công bố báo cáo tiếp thu, giải trình sau khi kết thúc lấy ý kiến. Các ô có dấu * là bắt buộc.
        </p>
        <FormError error={model.error} />
        <form action={action} method="post" novalidate>
          <fieldset>
            <legend>Người góp ý (không công khai)</legend>
            <Field id="gy-ho-ten" name="name" label="Họ và tên hoặc tên tổ chức" value={v.name ?? ''} isRequired maxLength={model.limits.name} autocomplete="name" error={errorOf('name')} />
            <div class="form-field">
              <label for="gy-doi-tuong">Bạn góp ý với tư cách</label>
              <select id="gy-doi-tuong" name="orgType" aria-invalid={errorOf('orgType') ? 'true' : undefined} aria-describedby={errorOf('orgType') ? 'gy-doi-tuong-loi' : undefined}>
                <option value="">Không nêu</option>
                {model.orgTypes.map((t) => (
                  <option value={t.value} selected={t.value === v.orgType}>
                    {t.label}
                  </option>
                ))}
              </select>
              {errorOf('orgType') && (
                <p class="form-field__error" id="gy-doi-tuong-loi">
                  {errorOf('orgType')}
                </p>
              )}
            </div>
            <Field id="gy-thu-dien-tu" name="email" type="email" label="Thư điện tử" value={v.email ?? ''} maxLength={254} autocomplete="email" help="Nhập thư điện tử hoặc số điện thoại (ít nhất một) để cơ quan liên hệ khi cần làm rõ góp ý." error={errorOf('email')} />
            <Field id="gy-dien-thoai" name="phone" type="tel" label="Số điện thoại" value={v.phone ?? ''} maxLength={30} autocomplete="tel" error={errorOf('phone')} />
          </fieldset>
          <fieldset>
            <legend>Nội dung góp ý</legend>
            <Field id="gy-dieu-khoan" name="section" label="Điều, khoản được góp ý (không bắt buộc)" value={v.section ?? ''} maxLength={model.limits.section} help='Ví dụ: "Điều 5" hoặc "Khoản 2 Điều 7". Để trống nếu góp ý chung cho cả dự thảo.' error={errorOf('section')} />
            <div class="form-field">
              <label for="gy-noi-dung">
                Nội dung góp ý<span aria-hidden="true"> *</span>
              </label>
              <p class="form-field__help" id="gy-noi-dung-goi-y">
                Tối đa {formatNumber(model.limits.body)} ký tự.
              </p>
              <textarea id="gy-noi-dung" name="body" rows={10} maxLength={model.limits.body} required aria-invalid={errorOf('body') ? 'true' : undefined} aria-describedby={errorOf('body') ? 'gy-noi-dung-goi-y gy-noi-dung-loi' : 'gy-noi-dung-goi-y'}>
                {v.body ?? ''}
              </textarea>
              {errorOf('body') && (
                <p class="form-field__error" id="gy-noi-dung-loi">
                  {errorOf('body')}
                </p>
              )}
            </div>
          </fieldset>
          <FormDefences token={model.token} challenge={model.challenge} challengeError={errorOf('challenge')} idPrefix="gop-y" />
          <PrivacyNotice
            retentionDays={model.retentionDays}
            collected="họ và tên hoặc tên tổ chức, thư điện tử hoặc số điện thoại, đối tượng góp ý và nội dung góp ý."
            purpose="để tổng hợp, tiếp thu, giải trình ý kiến góp ý dự thảo và liên hệ lại với bạn khi cần làm rõ."
          >
            <p>Thông tin liên hệ được xoá sau {model.retentionMonths} tháng kể từ khi kết thúc lấy ý kiến. Nội dung góp ý được lưu trong hồ sơ dự thảo, không kèm thông tin liên hệ.</p>
          </PrivacyNotice>
          <p>
            <button type="submit">Gửi góp ý</button>
          </p>
        </form>
      </section>
    </>
  );
}

export function CommentReceivedPage({ url, title, receiptCode }: { url: string; title: string; receiptCode: string }) {
  return (
    <>
      <Breadcrumb items={[SECTION, { label: title, url }, { label: 'Đã gửi góp ý', url: `${url}/gop-y` }]} />
      <section class="card" aria-labelledby="tieu-de-da-gui-gop-y">
        <h1 id="tieu-de-da-gui-gop-y" class="section-title">
          Cơ quan đã nhận góp ý của bạn
        </h1>
        <p>
          Mã biên nhận: <strong class="tracking-code">{receiptCode}</strong>
        </p>
        <p>Hãy ghi lại mã này nếu bạn cần liên hệ cơ quan về góp ý đã gửi. Góp ý được tổng hợp trong báo cáo tiếp thu, giải trình công bố sau khi kết thúc lấy ý kiến.</p>
        <p>
          <a href={url}>Về trang dự thảo</a> · <a href={CONSULTATIONS_PATH}>Xem mọi dự thảo lấy ý kiến</a>
        </p>
      </section>
    </>
  );
}

export function ConsultationClosedPage({ url, title, message, help }: { url: string; title: string; message: string; help?: string }) {
  return (
    <>
      <Breadcrumb items={[SECTION, { label: title, url }, { label: 'Gửi góp ý', url: `${url}/gop-y` }]} />
      <section class="card" aria-labelledby="tieu-de-het-han">
        <h1 id="tieu-de-het-han" class="section-title">
          {message}
        </h1>
        {help && <p>{help}</p>}
        <p>
          <a href={url}>Xem dự thảo</a> · <a href={CONSULTATIONS_PATH}>Xem mọi dự thảo lấy ý kiến</a>
        </p>
      </section>
    </>
  );
}
