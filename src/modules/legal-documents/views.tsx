/** The public pages of the registry: the list with its filters, and one document. Views only: values come formatted. */
import { Breadcrumb, FormError, Pagination } from '../public-site/views/components.js';
import { RatingWidget } from '../ratings/index.js';
import type { DocumentStatus } from './document-status.js';

export interface DocumentRowView {
  number: string;
  url: string;
  typeName: string;
  summary: string;
  issuer: string;
  /** dd/mm/yyyy or '' */
  issuedOn: string;
  issuedOnIso: string;
  status: DocumentStatus;
  statusLabel: string;
}

export interface DocumentFilterView {
  q: string;
  type: string;
  field: string;
  issuer: string;
  year: string;
  status: string;
}

export interface DocumentListModel {
  /** The list's heading and address: /van-ban, or a collection's page (/bao-cao-thong-ke). */
  heading: { title: string; path: string };
  filters: DocumentFilterView;
  choices: { types: { value: string; label: string }[]; fields: { value: string; label: string }[]; issuers: string[]; years: number[]; statuses: { value: string; label: string }[] };
  rows: DocumentRowView[];
  summary: string;
  error?: { message: string; help?: string };
  hasFilters: boolean;
  pagination?: { page: number; pageCount: number; pageUrl: (n: number) => string };
}

export interface DocumentLinkView {
  number: string;
  title: string;
  url: string;
  statusLabel: string;
  status: DocumentStatus;
}

export interface DocumentModel {
  /** The list it belongs to: /van-ban, or its collection's page. */
  section: { title: string; path: string };
  url: string;
  number: string;
  title: string;
  summary: string;
  typeName: string;
  fieldName: string;
  fieldUrl: string;
  issuer: string;
  signer: string;
  issuedOn: string;
  effectiveOn: string;
  expiresOn: string;
  status: DocumentStatus;
  statusLabel: string;
  replacedBy: DocumentLinkView | null;
  replaces: DocumentLinkView[];
  related: DocumentLinkView[];
  attachments: { name: string; url: string; size: string; isPdf: boolean }[];
  bodyHtml: string;
}

export function StatusBadge({ status, label }: { status: DocumentStatus; label: string }) {
  return <span class={`document-status document-status--${status}`}>{label}</span>;
}

function Choice({ id, name, label, value, options, empty }: { id: string; name: string; label: string; value: string; options: { value: string; label: string }[]; empty: string }) {
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

export function DocumentListPage({ model }: { model: DocumentListModel }) {
  const { filters, choices } = model;
  return (
    <>
      <Breadcrumb items={[{ label: model.heading.title, url: model.heading.path }]} />
      <section class="card documents" aria-labelledby="tieu-de-van-ban">
        <h1 id="tieu-de-van-ban" class="section-title">
          {model.heading.title}
        </h1>
        <form class="search-form" action={model.heading.path} method="get" aria-label={`Tìm trong ${model.heading.title.toLowerCase()}`}>
          <p class="search-form__query">
            <label for="so-hieu">Số ký hiệu hoặc trích yếu</label>
            <input id="so-hieu" type="search" name="q" value={filters.q} maxLength={200} aria-describedby="goi-y-van-ban" aria-invalid={model.error ? 'true' : undefined} />
            <button type="submit">Tìm văn bản</button>
          </p>
          <p id="goi-y-van-ban" class="search-form__hint">
            Ví dụ: "20/2021", "20/2021/ND-CP" hoặc "tro giup xa hoi".
          </p>
          <div class="search-form__grid">
            <Choice id="loai-van-ban" name="type" label="Loại văn bản" value={filters.type} options={choices.types} empty="Tất cả" />
            <Choice id="linh-vuc" name="field" label="Lĩnh vực" value={filters.field} options={choices.fields} empty="Tất cả" />
            <Choice id="co-quan" name="issuer" label="Cơ quan ban hành" value={filters.issuer} options={choices.issuers.map((i) => ({ value: i, label: i }))} empty="Tất cả" />
            <Choice id="nam" name="year" label="Năm ban hành" value={filters.year} options={choices.years.map((y) => ({ value: String(y), label: String(y) }))} empty="Mọi năm" />
            <Choice id="tinh-trang" name="status" label="Tình trạng" value={filters.status} options={choices.statuses} empty="Tất cả" />
          </div>
        </form>
        <FormError error={model.error} />
        <p class="search-summary" role="status">
          {model.summary}
        </p>
        {model.rows.length > 0 && (
          <div class="table-scroll">
            <table class="documents-table">
              <caption class="visually-hidden">Danh sách văn bản</caption>
              <thead>
                <tr>
                  <th scope="col">Số ký hiệu</th>
                  <th scope="col">Ngày ban hành</th>
                  <th scope="col">Trích yếu</th>
                  <th scope="col">Tình trạng</th>
                </tr>
              </thead>
              <tbody>
                {model.rows.map((row) => (
                  <tr>
                    <th scope="row">
                      <a href={row.url}>{row.number}</a>
                      <span class="documents-table__type">{row.typeName}</span>
                    </th>
                    <td>{row.issuedOn && <time datetime={row.issuedOnIso}>{row.issuedOn}</time>}</td>
                    <td>
                      {row.summary}
                      {row.issuer && <span class="documents-table__issuer">{row.issuer}</span>}
                    </td>
                    <td>
                      <StatusBadge status={row.status} label={row.statusLabel} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {model.rows.length === 0 && !model.error && model.hasFilters && (
          <p>
            <a href="/van-ban">Xem mọi văn bản</a>
          </p>
        )}
        {model.pagination && model.pagination.pageCount > 1 && model.rows.length > 0 && <Pagination {...model.pagination} />}
      </section>
    </>
  );
}

function LinkList({ title, links }: { title: string; links: DocumentLinkView[] }) {
  if (links.length === 0) return null;
  return (
    <section class="document__links" aria-label={title}>
      <h2>{title}</h2>
      <ul>
        {links.map((link) => (
          <li>
            <a href={link.url}>{link.title}</a> <StatusBadge status={link.status} label={link.statusLabel} />
          </li>
        ))}
      </ul>
    </section>
  );
}

export function DocumentPage({ model }: { model: DocumentModel }) {
  const facts: [string, string][] = [
    ['Số ký hiệu', model.number],
    ['Loại văn bản', model.typeName],
    ['Cơ quan ban hành', model.issuer],
    ['Người ký', model.signer],
    ['Ngày ban hành', model.issuedOn],
    ['Ngày có hiệu lực', model.effectiveOn],
    ['Ngày hết hiệu lực', model.expiresOn],
  ];
  return (
    <>
      <Breadcrumb items={[{ label: model.section.title, url: model.section.path }, { label: model.number, url: model.url }]} />
      <article class="card document" aria-labelledby="tieu-de-van-ban">
        <h1 id="tieu-de-van-ban" class="document__title">
          {model.title}
        </h1>
        {model.replacedBy && (
          <p class="document__notice" role="note">
            Văn bản này đã bị thay thế bởi <a href={model.replacedBy.url}>{model.replacedBy.title}</a>.
          </p>
        )}
        <dl class="document__facts">
          {facts
            .filter(([, value]) => value)
            .map(([label, value]) => (
              <div>
                <dt>{label}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          {model.fieldName && (
            <div>
              <dt>Lĩnh vực</dt>
              <dd>
                <a href={model.fieldUrl}>{model.fieldName}</a>
              </dd>
            </div>
          )}
          <div>
            <dt>Tình trạng</dt>
            <dd>
              <StatusBadge status={model.status} label={model.statusLabel} />
            </dd>
          </div>
        </dl>
        {model.summary && (
          <section aria-label="Trích yếu">
            <h2>Trích yếu</h2>
            <p>{model.summary}</p>
          </section>
        )}
        {model.bodyHtml && <div class="article__body" dangerouslySetInnerHTML={{ __html: model.bodyHtml }} />}
        {model.attachments.length > 0 && (
          <section class="document__files" aria-label="Tệp đính kèm">
            <h2>Tệp đính kèm</h2>
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
        <LinkList title="Văn bản được thay thế" links={model.replaces} />
        <LinkList title="Văn bản liên quan" links={model.related} />
        <RatingWidget path={model.url} />
      </article>
    </>
  );
}
