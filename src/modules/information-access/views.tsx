/**
 * The public pages of access to information. Views only: values come formatted; the
 * answer comes sanitised (sanitizeBody when staff saved it). Nothing here shows a
 * requester's personal data: the status page's model has none.
 */
import { FormDefences, PrivacyNotice } from '../public-forms/index.js';
import { Breadcrumb, FormError } from '../public-site/views/components.js';

export const SECTION_PATH = '/tiep-can-thong-tin';
export const FORM_PATH = `${SECTION_PATH}/yeu-cau`;
export const STATUS_PATH = `${SECTION_PATH}/tra-cuu`;
const SECTION = { label: 'Tiếp cận thông tin', url: SECTION_PATH };

export interface SectionModel {
  intro: string;
  agencyName: string;
  contact: { name: string; position: string; unit: string; phone: string; email: string; address: string; hours: string } | null;
  groups: { category: string; items: { title: string; link: string; isExternal: boolean; updatedOn: string; updatedOnIso: string }[] }[];
}

function Actions() {
  return (
    <ul class="information-actions">
      <li>
        <a href={FORM_PATH}>Gửi phiếu yêu cầu cung cấp thông tin</a>
      </li>
      <li>
        <a href={STATUS_PATH}>Tra cứu tình trạng yêu cầu đã gửi</a>
      </li>
    </ul>
  );
}

export function SectionPage({ model }: { model: SectionModel }) {
  const c = model.contact;
  return (
    <>
      <Breadcrumb items={[SECTION]} />
      <section class="card documents information-access" aria-labelledby="tieu-de-tiep-can">
        <h1 id="tieu-de-tiep-can" class="section-title">
          Tiếp cận thông tin
        </h1>
        <p>{model.intro}</p>
        <Actions />
        <section aria-labelledby="dau-moi">
          <h2 id="dau-moi">Đầu mối cung cấp thông tin</h2>
          {c ? (
            <dl class="tracking-result">
              <dt>Người hoặc bộ phận đầu mối</dt>
              <dd>
                {c.name}
                {c.position && <>, {c.position}</>}
              </dd>
              {c.unit && (
                <>
                  <dt>Đơn vị</dt>
                  <dd>{c.unit}</dd>
                </>
              )}
              {c.phone && (
                <>
                  <dt>Điện thoại</dt>
                  <dd>
                    <a href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>{c.phone}</a>
                  </dd>
                </>
              )}
              {c.email && (
                <>
                  <dt>Thư điện tử</dt>
                  <dd>
                    <a href={`mailto:${c.email}`}>{c.email}</a>
                  </dd>
                </>
              )}
              {c.address && (
                <>
                  <dt>Địa chỉ</dt>
                  <dd>{c.address}</dd>
                </>
              )}
              {c.hours && (
                <>
                  <dt>Thời gian tiếp nhận</dt>
                  <dd>{c.hours}</dd>
                </>
              )}
            </dl>
          ) : (
            <p>{model.agencyName} chưa công bố đầu mối cung cấp thông tin. Bạn vẫn có thể gửi phiếu yêu cầu bằng biểu mẫu trên trang này.</p>
          )}
        </section>
        <section aria-labelledby="danh-muc">
          <h2 id="danh-muc">Danh mục thông tin phải được công khai</h2>
          {model.groups.length === 0 ? (
            <p>Danh mục đang được cập nhật.</p>
          ) : (
            <div class="table-scroll">
              <table class="agency-table">
                <caption>Thông tin {model.agencyName} công khai, theo nhóm</caption>
                <thead>
                  <tr>
                    <th scope="col">Thông tin</th>
                    <th scope="col">Nhóm</th>
                    <th scope="col">Cập nhật</th>
                  </tr>
                </thead>
                <tbody>
                  {model.groups.flatMap((group) =>
                    group.items.map((item) => (
                      <tr>
                        <th scope="row">
                          <a href={item.link} rel={item.isExternal ? 'noopener noreferrer' : undefined}>
                            {item.title}
                          </a>
                          {item.isExternal && <span class="visually-hidden"> (trang ngoài)</span>}
                        </th>
                        <td>{group.category || 'Khác'}</td>
                        <td>
                          <time datetime={item.updatedOnIso}>{item.updatedOn}</time>
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </section>
    </>
  );
}

export interface RequestFormModel {
  values: Record<string, string>;
  token: string;
  challenge: { question: string };
  error?: { message: string; help?: string; field?: string };
  retentionDays: number;
  contactText?: string;
  limits: { name: number; address: number; content: number; purpose: number };
}

function Field({ id, name, label, value, error, help, isRequired, type = 'text', maxLength, autocomplete, inputMode }: { id: string; name: string; label: string; value: string; error?: string; help?: string; isRequired?: boolean; type?: string; maxLength: number; autocomplete?: string; inputMode?: 'numeric' }) {
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
      <input id={id} name={name} type={type} value={value} maxLength={maxLength} required={isRequired} autocomplete={autocomplete} inputMode={inputMode} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} />
      {error && (
        <p class="form-field__error" id={`${id}-loi`}>
          {error}
        </p>
      )}
    </div>
  );
}

function Area({ id, name, label, value, error, help, rows, maxLength }: { id: string; name: string; label: string; value: string; error?: string; help?: string; rows: number; maxLength: number }) {
  const describedBy = [help ? `${id}-goi-y` : '', error ? `${id}-loi` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="form-field">
      <label for={id}>
        {label}
        <span aria-hidden="true"> *</span>
      </label>
      {help && (
        <p class="form-field__help" id={`${id}-goi-y`}>
          {help}
        </p>
      )}
      <textarea id={id} name={name} rows={rows} maxLength={maxLength} required aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy}>
        {value}
      </textarea>
      {error && (
        <p class="form-field__error" id={`${id}-loi`}>
          {error}
        </p>
      )}
    </div>
  );
}

const DELIVERY_CHOICES = [
  { value: 'email', label: 'Qua thư điện tử' },
  { value: 'post', label: 'Qua đường bưu điện (tới địa chỉ đã ghi)' },
  { value: 'office', label: 'Nhận trực tiếp tại cơ quan' },
];

export function RequestFormPage({ model }: { model: RequestFormModel }) {
  const v = model.values;
  const errorOf = (field: string) => (model.error?.field === field ? model.error.message : undefined);
  const deliveryError = errorOf('delivery');
  return (
    <>
      <Breadcrumb items={[SECTION, { label: 'Phiếu yêu cầu', url: FORM_PATH }]} />
      <section class="card public-form" aria-labelledby="tieu-de-phieu-yeu-cau">
        <h1 id="tieu-de-phieu-yeu-cau" class="section-title">
          Phiếu yêu cầu cung cấp thông tin
        </h1>
        <p>
          Cơ quan trả lời trong 15 ngày làm việc kể từ ngày nhận phiếu (không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ); khi cần thêm thời gian, cơ quan có thể gia hạn một lần, không quá 15 ngày làm việc, và báo lý do. Sau khi gửi, bạn nhận một mã tra cứu. Các ô có dấu * là bắt buộc.
        </p>
        <FormError error={model.error} />
        <form action={FORM_PATH} method="post" novalidate>
          <fieldset>
            <legend>Thông tin người yêu cầu (không công khai)</legend>
            <Field id="tt-ho-ten" name="fullName" label="Họ và tên" value={v.fullName ?? ''} isRequired maxLength={model.limits.name} autocomplete="name" error={errorOf('fullName')} />
            <Field id="tt-dinh-danh" name="idNumber" label="Số định danh cá nhân / CCCD" value={v.idNumber ?? ''} isRequired maxLength={20} inputMode="numeric" autocomplete="off" help="12 chữ số in trên thẻ căn cước. Chỉ cán bộ xử lý yêu cầu xem được." error={errorOf('idNumber')} />
            <Field id="tt-dia-chi" name="address" label="Địa chỉ" value={v.address ?? ''} isRequired maxLength={model.limits.address} autocomplete="street-address" error={errorOf('address')} />
            <Field id="tt-dien-thoai" name="phone" type="tel" label="Số điện thoại" value={v.phone ?? ''} maxLength={30} autocomplete="tel" help="Nhập số điện thoại hoặc thư điện tử (ít nhất một)." error={errorOf('phone')} />
            <Field id="tt-thu-dien-tu" name="email" type="email" label="Thư điện tử" value={v.email ?? ''} maxLength={254} autocomplete="email" error={errorOf('email')} />
          </fieldset>
          <fieldset>
            <legend>Thông tin yêu cầu</legend>
            <Area id="tt-noi-dung" name="content" label="Thông tin cần cung cấp" value={v.content ?? ''} rows={8} maxLength={model.limits.content} help="Ghi rõ tên văn bản, hồ sơ, tài liệu hoặc nội dung thông tin bạn cần (tối đa 5.000 ký tự)." error={errorOf('content')} />
            <Area id="tt-muc-dich" name="purpose" label="Mục đích sử dụng thông tin" value={v.purpose ?? ''} rows={3} maxLength={model.limits.purpose} error={errorOf('purpose')} />
            <fieldset aria-describedby={deliveryError ? 'tt-cach-nhan-loi' : undefined}>
              <legend>
                Cách nhận thông tin<span aria-hidden="true"> *</span>
              </legend>
              {DELIVERY_CHOICES.map((choice) => (
                <p>
                  <input type="radio" id={`tt-cach-nhan-${choice.value}`} name="delivery" value={choice.value} checked={v.delivery === choice.value} required />{' '}
                  <label for={`tt-cach-nhan-${choice.value}`}>{choice.label}</label>
                </p>
              ))}
              {deliveryError && (
                <p class="form-field__error" id="tt-cach-nhan-loi">
                  {deliveryError}
                </p>
              )}
            </fieldset>
          </fieldset>
          <FormDefences token={model.token} challenge={model.challenge} challengeError={errorOf('challenge')} />
          <PrivacyNotice
            retentionDays={model.retentionDays}
            collected="họ và tên, số định danh cá nhân, địa chỉ, số điện thoại, thư điện tử và nội dung yêu cầu."
            purpose="để tiếp nhận, xử lý phiếu yêu cầu và gửi thông tin cho bạn theo Luật Tiếp cận thông tin."
            contact={model.contactText}
          >
            <p>Trang tra cứu tình trạng chỉ hiện tình trạng và câu trả lời, không bao giờ hiện thông tin cá nhân của bạn.</p>
          </PrivacyNotice>
          <p>
            <button type="submit">Gửi phiếu yêu cầu</button>
          </p>
        </form>
      </section>
    </>
  );
}

export function ReceivedPage({ trackingCode, dueOn }: { trackingCode: string | null; dueOn: string | null }) {
  return (
    <>
      <Breadcrumb items={[SECTION, { label: 'Đã gửi phiếu yêu cầu', url: FORM_PATH }]} />
      <section class="card" aria-labelledby="tieu-de-da-gui">
        <h1 id="tieu-de-da-gui" class="section-title">
          Cơ quan đã nhận phiếu yêu cầu của bạn
        </h1>
        {trackingCode ? (
          <>
            <p>
              Mã tra cứu của bạn: <strong class="tracking-code">{trackingCode}</strong>
            </p>
            <p>Hãy ghi lại mã này: bạn cần nó để theo dõi yêu cầu. Cơ quan không gửi lại mã.</p>
            {dueOn && <p>Hạn trả lời: {dueOn}.</p>}
            <p>
              <a href={`${STATUS_PATH}?ma=${encodeURIComponent(trackingCode)}`}>Xem tình trạng yêu cầu</a>
            </p>
          </>
        ) : (
          <p>Yêu cầu sẽ được xem xét và trả lời theo quy định.</p>
        )}
        <p>
          <a href={SECTION_PATH}>Về trang Tiếp cận thông tin</a>
        </p>
      </section>
    </>
  );
}

export interface StatusModel {
  code: string;
  error?: { message: string; help?: string };
  result?: {
    trackingCode: string;
    statusLabel: string;
    receivedOn: string;
    dueOn: string | null;
    extensionReason: string;
    answeredOn: string | null;
    /** Sanitised when saved. */
    answerHtml: string;
    file: { name: string; url: string } | null;
    refuseReason: string;
  };
}

export function StatusPage({ model }: { model: StatusModel }) {
  const r = model.result;
  return (
    <>
      <Breadcrumb items={[SECTION, { label: 'Tra cứu yêu cầu', url: STATUS_PATH }]} />
      <section class="card" aria-labelledby="tieu-de-tra-cuu">
        <h1 id="tieu-de-tra-cuu" class="section-title">
          Tra cứu yêu cầu cung cấp thông tin
        </h1>
        <form class="search-form" action={STATUS_PATH} method="get">
          <p class="search-form__query">
            <label for="ma-tra-cuu">Mã tra cứu</label>
            <input id="ma-tra-cuu" name="ma" value={model.code} maxLength={40} autocomplete="off" aria-describedby="ma-tra-cuu-goi-y" aria-invalid={model.error ? 'true' : undefined} />
            <button type="submit">Tra cứu</button>
          </p>
          <p id="ma-tra-cuu-goi-y" class="search-form__hint">
            Mã có dạng TT-XXXX-XXXX, được cấp khi bạn gửi phiếu yêu cầu.
          </p>
        </form>
        <FormError error={model.error} />
        {r && (
          <section aria-labelledby="ket-qua-tra-cuu" role="status">
            <h2 id="ket-qua-tra-cuu">Yêu cầu {r.trackingCode}</h2>
            <dl class="tracking-result">
              <dt>Tình trạng</dt>
              <dd>{r.statusLabel}</dd>
              <dt>Ngày nhận</dt>
              <dd>{r.receivedOn}</dd>
              {r.dueOn && (
                <>
                  <dt>Hạn trả lời</dt>
                  <dd>{r.dueOn}</dd>
                </>
              )}
              {r.extensionReason && (
                <>
                  <dt>Lý do gia hạn</dt>
                  <dd>{r.extensionReason}</dd>
                </>
              )}
              {r.answeredOn && (
                <>
                  <dt>Ngày trả lời</dt>
                  <dd>{r.answeredOn}</dd>
                </>
              )}
              {r.refuseReason && (
                <>
                  <dt>Lý do từ chối</dt>
                  <dd>{r.refuseReason}</dd>
                </>
              )}
            </dl>
            {(r.answerHtml || r.file) && (
              <section aria-labelledby="tra-loi">
                <h3 id="tra-loi">Thông tin được cung cấp</h3>
                {/* Sanitised by sanitizeBody when staff saved it: never the requester's text. */}
                {r.answerHtml && <div class="article-body" dangerouslySetInnerHTML={{ __html: r.answerHtml }} />}
                {r.file && (
                  <p>
                    Tệp đính kèm: <a href={r.file.url}>{r.file.name}</a>
                  </p>
                )}
              </section>
            )}
          </section>
        )}
        <p>
          <a href={SECTION_PATH}>Về trang Tiếp cận thông tin</a>
        </p>
      </section>
    </>
  );
}
