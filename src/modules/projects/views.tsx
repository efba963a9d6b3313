/** The public pages of projects and procurement notices: the list with its filters, and one item. Views only: values come formatted. */
import { Breadcrumb, FormError, Pagination } from '../public-site/views/components.js';
import { RatingWidget } from '../ratings/index.js';
import { PROJECTS_PATH } from './projects.search.js';

export type StatusTone = 'in_force' | 'expired' | 'replaced';

export interface ProjectRowView {
  url: string;
  name: string;
  kindLabel: string;
  /** "Chủ đầu tư: …", "Giá gói thầu: 3.250.000.000 đồng", "Đóng thầu: 09:00 ngày 20/12/2026"… (empty ones left out). */
  facts: string[];
  statusLabel: string;
  statusTone: StatusTone;
}

export interface ProjectFilterView {
  q: string;
  kind: string;
  status: string;
  year: string;
}

interface Option {
  value: string;
  label: string;
}

export interface ProjectListModel {
  filters: ProjectFilterView;
  choices: { kinds: Option[]; statuses: Option[]; years: number[] };
  rows: ProjectRowView[];
  summary: string;
  error?: { message: string; help?: string };
  hasFilters: boolean;
  pagination?: { page: number; pageCount: number; pageUrl: (n: number) => string };
}

export interface ProjectModel {
  url: string;
  name: string;
  kindLabel: string;
  statusLabel: string;
  statusTone: StatusTone;
  /** Label and value pairs, in reading order; empty values are left out. */
  facts: [string, string][];
  /** A tender open now: when it closes, for the notice at the top. */
  closingNotice: string;
  descriptionHtml: string;
  attachments: { name: string; url: string; size: string; isPdf: boolean }[];
}

export function ProjectStatusBadge({ tone, label }: { tone: StatusTone; label: string }) {
  return <span class={`document-status document-status--${tone}`}>{label}</span>;
}

export function ProjectListPage({ model }: { model: ProjectListModel }) {
  const { filters, choices } = model;
  return (
    <>
      <Breadcrumb items={[{ label: 'Dự án, đấu thầu', url: PROJECTS_PATH }]} />
      <section class="card documents projects" aria-labelledby="tieu-de-du-an">
        <h1 id="tieu-de-du-an" class="section-title">
          Dự án, đấu thầu, mua sắm công
        </h1>
        <form class="search-form" action={PROJECTS_PATH} method="get" aria-label="Tìm dự án, gói thầu">
          <p class="search-form__query">
            <label for="tu-khoa-du-an">Tên, chủ đầu tư, địa điểm hoặc nhà thầu</label>
            <input id="tu-khoa-du-an" type="search" name="q" value={filters.q} maxLength={200} aria-describedby="goi-y-du-an" aria-invalid={model.error ? 'true' : undefined} />
            <button type="submit">Tìm dự án, gói thầu</button>
          </p>
          <p id="goi-y-du-an" class="search-form__hint">
            Ví dụ: "bao tro xa hoi", "thiết bị dạy nghề".
          </p>
          <div class="search-form__grid">
            <p>
              <label for="loai-du-an">Loại</label>
              <select id="loai-du-an" name="kind">
                <option value="">Tất cả</option>
                {choices.kinds.map((o) => (
                  <option value={o.value} selected={o.value === filters.kind}>
                    {o.label}
                  </option>
                ))}
              </select>
            </p>
            <p>
              <label for="tinh-trang-du-an">Tình trạng</label>
              <select id="tinh-trang-du-an" name="status">
                <option value="">Tất cả</option>
                {choices.statuses.map((o) => (
                  <option value={o.value} selected={o.value === filters.status}>
                    {o.label}
                  </option>
                ))}
              </select>
            </p>
            <p>
              <label for="nam-du-an">Năm</label>
              <select id="nam-du-an" name="year">
                <option value="">Mọi năm</option>
                {choices.years.map((y) => (
                  <option value={String(y)} selected={String(y) === filters.year}>
                    {String(y)}
                  </option>
                ))}
              </select>
            </p>
          </div>
        </form>
        <FormError error={model.error} />
        <p class="search-summary" role="status">
          {model.summary}
        </p>
        {/* A list, not a table: names run long, and each item reads as a sentence of facts on a phone too. */}
        {model.rows.length > 0 && (
          <ul class="search-hits project-list" aria-label="Danh sách dự án, gói thầu và mua sắm công, mới nhất trước">
            {model.rows.map((row) => (
              <li class="search-hit">
                <h2 class="search-hit__title">
                  <a href={row.url}>{row.name}</a>
                </h2>
                <p class="search-hit__meta">
                  <span class="search-hit__type">{row.kindLabel}</span> <ProjectStatusBadge tone={row.statusTone} label={row.statusLabel} />
                </p>
                {row.facts.length > 0 && <p class="search-hit__snippet">{row.facts.join(' · ')}</p>}
              </li>
            ))}
          </ul>
        )}
        {model.rows.length === 0 && !model.error && model.hasFilters && (
          <p>
            <a href={PROJECTS_PATH}>Xem mọi dự án, gói thầu</a>
          </p>
        )}
        {model.pagination && model.pagination.pageCount > 1 && model.rows.length > 0 && <Pagination {...model.pagination} />}
      </section>
    </>
  );
}

export function ProjectPage({ model }: { model: ProjectModel }) {
  return (
    <>
      <Breadcrumb items={[{ label: 'Dự án, đấu thầu', url: PROJECTS_PATH }, { label: model.name, url: model.url }]} />
      <article class="card document project" aria-labelledby="tieu-de-du-an">
        <h1 id="tieu-de-du-an" class="document__title">
          {model.name}
        </h1>
        {model.closingNotice && (
          <p class="document__notice" role="note">
            {model.closingNotice}
          </p>
        )}
        <dl class="document__facts">
          <div>
            <dt>Loại</dt>
            <dd>{model.kindLabel}</dd>
          </div>
          {model.facts.map(([label, value]) => (
            <div>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
          <div>
            <dt>Tình trạng</dt>
            <dd>
              <ProjectStatusBadge tone={model.statusTone} label={model.statusLabel} />
            </dd>
          </div>
        </dl>
        {model.descriptionHtml && (
          <section aria-labelledby="mo-ta-du-an">
            <h2 id="mo-ta-du-an">Thông tin chi tiết</h2>
            <div class="article__body" dangerouslySetInnerHTML={{ __html: model.descriptionHtml }} />
          </section>
        )}
        {model.attachments.length > 0 && (
          <section class="document__files" aria-labelledby="tep-dinh-kem-du-an">
            <h2 id="tep-dinh-kem-du-an">Tệp đính kèm</h2>
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
        <p>
          <a href={PROJECTS_PATH}>Xem mọi dự án, gói thầu</a>
        </p>
        <RatingWidget path={model.url} />
      </article>
    </>
  );
}
