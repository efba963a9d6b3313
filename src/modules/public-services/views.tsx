/** The public pages of procedures: the list grouped by lĩnh vực with its filters, and one procedure. Views only: values come formatted. */
import { Breadcrumb, FormError, Pagination } from '../public-site/views/components.js';
import { RatingWidget } from '../ratings/index.js';
import { PROCEDURES_PATH } from './public-services.search.js';

export interface ProcedureRowView {
  name: string;
  url: string;
  code: string;
  levelLabel: string;
  onlineLevelLabel: string;
  timeLimit: string;
}

export interface ProcedureGroupView {
  /** '' for procedures without a field. */
  fieldName: string;
  headingId: string;
  rows: ProcedureRowView[];
}

export interface ProcedureFilterView {
  q: string;
  field: string;
  level: string;
  online: string;
  days: string;
}

type Option = { value: string; label: string };

export interface ProcedureListModel {
  filters: ProcedureFilterView;
  choices: { fields: Option[]; levels: Option[]; onlineLevels: Option[]; days: Option[] };
  groups: ProcedureGroupView[];
  summary: string;
  error?: { message: string; help?: string };
  hasFilters: boolean;
  pagination?: { page: number; pageCount: number; pageUrl: (n: number) => string };
}

export interface ProcedureModel {
  url: string;
  name: string;
  code: string;
  fieldName: string;
  fieldUrl: string;
  levelLabel: string;
  agency: string;
  onlineLevelLabel: string;
  timeLimit: string;
  fee: string;
  result: string;
  methods: string[];
  /** Sanitised when saved; images expanded. */
  stepsHtml: string;
  documents: { name: string; originals: string; copies: string }[];
  /** Escaped paragraphs with citations linked. */
  legalBasisHtml: string;
  portalUrl: string;
  attachments: { name: string; url: string; size: string; isPdf: boolean }[];
}

function Choice({ id, name, label, value, options, empty }: { id: string; name: string; label: string; value: string; options: Option[]; empty: string }) {
  return (
    <p>
      <label for={id}>{label}</label>
      <select id={id} name={name}>
        <option value="">{empty}</option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </p>
  );
}

export function ProcedureListPage({ model }: { model: ProcedureListModel }) {
  const { filters, choices } = model;
  return (
    <>
      <Breadcrumb items={[{ label: 'Thủ tục hành chính', url: PROCEDURES_PATH }]} />
      <section class="card documents procedures" aria-labelledby="tieu-de-thu-tuc">
        <h1 id="tieu-de-thu-tuc" class="section-title">
          Thủ tục hành chính
        </h1>
        <form class="search-form" action={PROCEDURES_PATH} method="get" aria-label="Tìm thủ tục hành chính">
          <p class="search-form__query">
            <label for="tu-khoa-thu-tuc">Tên hoặc mã thủ tục</label>
            <input id="tu-khoa-thu-tuc" type="search" name="q" value={filters.q} maxLength={200} aria-describedby="goi-y-thu-tuc" aria-invalid={model.error ? 'true' : undefined} />
            <button type="submit">Tìm thủ tục</button>
          </p>
          <p id="goi-y-thu-tuc" class="search-form__hint">
            Ví dụ: "giay phep lao dong", "trợ cấp thất nghiệp" hoặc mã "2.000286".
          </p>
          <div class="search-form__grid">
            <Choice id="linh-vuc-thu-tuc" name="field" label="Lĩnh vực" value={filters.field} options={choices.fields} empty="Tất cả" />
            <Choice id="cap-thuc-hien" name="level" label="Cấp thực hiện" value={filters.level} options={choices.levels} empty="Tất cả" />
            <Choice id="muc-do" name="online" label="Mức độ dịch vụ công trực tuyến" value={filters.online} options={choices.onlineLevels} empty="Tất cả" />
            <Choice id="thoi-han" name="days" label="Thời hạn giải quyết" value={filters.days} options={choices.days} empty="Mọi thời hạn" />
          </div>
        </form>
        <FormError error={model.error} />
        <p class="search-summary" role="status">
          {model.summary}
        </p>
        {model.groups.map((group) => (
          <section class="procedures__group" aria-labelledby={group.headingId}>
            <h2 id={group.headingId}>{group.fieldName || 'Lĩnh vực khác'}</h2>
            <div class="table-scroll">
              <table class="documents-table">
                <caption class="visually-hidden">Thủ tục hành chính lĩnh vực {group.fieldName || 'khác'}</caption>
                <thead>
                  <tr>
                    <th scope="col">Tên thủ tục</th>
                    <th scope="col">Cấp thực hiện</th>
                    <th scope="col">Mức độ</th>
                    <th scope="col">Thời hạn giải quyết</th>
                  </tr>
                </thead>
                <tbody>
                  {group.rows.map((row) => (
                    <tr>
                      <th scope="row">
                        <a href={row.url}>{row.name}</a>
                        {row.code && <span class="documents-table__type">Mã: {row.code}</span>}
                      </th>
                      <td>{row.levelLabel}</td>
                      <td>{row.onlineLevelLabel}</td>
                      <td>{row.timeLimit}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
        {model.groups.length === 0 && !model.error && model.hasFilters && (
          <p>
            <a href={PROCEDURES_PATH}>Xem mọi thủ tục</a>
          </p>
        )}
        {model.pagination && model.pagination.pageCount > 1 && model.groups.length > 0 && <Pagination {...model.pagination} />}
      </section>
    </>
  );
}

export function ProcedurePage({ model }: { model: ProcedureModel }) {
  const facts: [string, string][] = [
    ['Mã thủ tục', model.code],
    ['Cấp thực hiện', model.levelLabel],
    ['Cơ quan thực hiện', model.agency],
    ['Mức độ dịch vụ công trực tuyến', model.onlineLevelLabel],
    ['Thời hạn giải quyết', model.timeLimit],
    ['Phí, lệ phí', model.fee],
  ];
  return (
    <>
      <Breadcrumb items={[{ label: 'Thủ tục hành chính', url: PROCEDURES_PATH }, { label: model.name, url: model.url }]} />
      <article class="card document procedure" aria-labelledby="tieu-de-thu-tuc">
        <h1 id="tieu-de-thu-tuc" class="document__title">
          {model.name}
        </h1>
        <dl class="document__facts">
          {model.fieldName && (
            <div>
              <dt>Lĩnh vực</dt>
              <dd>
                <a href={model.fieldUrl}>{model.fieldName}</a>
              </dd>
            </div>
          )}
          {facts
            .filter(([, value]) => value)
            .map(([label, value]) => (
              <div>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
        </dl>
        {model.portalUrl && (
          <p class="procedure__apply">
            <a class="procedure__apply-button" href={model.portalUrl} rel="noopener">
              Nộp hồ sơ trực tuyến
            </a>{' '}
            <span class="procedure__apply-note">trên Cổng Dịch vụ công quốc gia: điền tờ khai, đính kèm giấy tờ và theo dõi kết quả.</span>
          </p>
        )}
        {model.stepsHtml && (
          <section aria-labelledby="trinh-tu">
            <h2 id="trinh-tu">Trình tự thực hiện</h2>
            <div class="article__body" dangerouslySetInnerHTML={{ __html: model.stepsHtml }} />
          </section>
        )}
        {model.methods.length > 0 && (
          <section aria-labelledby="cach-thuc">
            <h2 id="cach-thuc">Cách thức thực hiện</h2>
            {model.methods.map((line) => (
              <p>{line}</p>
            ))}
          </section>
        )}
        {model.documents.length > 0 && (
          <section aria-labelledby="thanh-phan-ho-so">
            <h2 id="thanh-phan-ho-so">Thành phần hồ sơ</h2>
            <div class="table-scroll">
              <table class="documents-table">
                <caption class="visually-hidden">Các giấy tờ cần nộp</caption>
                <thead>
                  <tr>
                    <th scope="col" class="procedure__number">
                      STT
                    </th>
                    <th scope="col">Tên giấy tờ</th>
                    <th scope="col">Bản chính</th>
                    <th scope="col">Bản sao</th>
                  </tr>
                </thead>
                <tbody>
                  {model.documents.map((document, index) => (
                    <tr>
                      <td>{index + 1}</td>
                      <th scope="row">{document.name}</th>
                      <td>{document.originals}</td>
                      <td>{document.copies}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        )}
        {model.result && (
          <section aria-labelledby="ket-qua">
            <h2 id="ket-qua">Kết quả thực hiện</h2>
            <p>{model.result}</p>
          </section>
        )}
        {model.legalBasisHtml && (
          <section aria-labelledby="can-cu-phap-ly">
            <h2 id="can-cu-phap-ly">Căn cứ pháp lý</h2>
            <div class="article__body" dangerouslySetInnerHTML={{ __html: model.legalBasisHtml }} />
          </section>
        )}
        {model.attachments.length > 0 && (
          <section class="document__files" aria-labelledby="mau-don">
            <h2 id="mau-don">Mẫu đơn, tờ khai</h2>
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
        <RatingWidget path={model.url} />
      </article>
    </>
  );
}
