/** The public pages of indicators, and the block articles embed. Views only: values come formatted, SVG charts come drawn. */
import { Breadcrumb, FormError, Pagination } from '../public-site/views/components.js';
import { RatingWidget } from '../ratings/index.js';
import type { IndicatorSummaryView, ValueRowView } from './indicators.present.js';

export interface IndicatorListModel {
  filters: { q: string; kind: string };
  kinds: { value: string; label: string }[];
  rows: IndicatorSummaryView[];
  summary: string;
  error?: { message: string; help?: string };
  hasFilters: boolean;
  pagination?: { page: number; pageCount: number; pageUrl: (n: number) => string };
}

export interface ChartView {
  caption: string;
  svg: string;
}

export interface IndicatorModel {
  url: string;
  name: string;
  unit: string;
  description: string;
  periodKindLabel: string;
  updatedOn: string;
  updatedOnIso: string;
  charts: ChartView[];
  tableId: string;
  rows: ValueRowView[];
  downloads: { csv: string; json: string; csvName: string; jsonName: string };
}

/**
 * The data table: the charts' accessible alternative (their aria-describedby points at
 * its id). Kỳ and địa bàn head each row.
 */
export function IndicatorTable({ id, caption, unit, rows }: { id: string; caption: string; unit: string; rows: ValueRowView[] }) {
  const hasNotes = rows.some((r) => r.note);
  const hasDistricts = rows.some((r) => r.districtLabel !== rows[0]?.districtLabel);
  return (
    <div class="table-scroll">
      <table class="documents-table indicator-table" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Kỳ</th>
            <th scope="col">Địa bàn</th>
            <th scope="col">Kế hoạch ({unit})</th>
            <th scope="col">Thực hiện ({unit})</th>
            <th scope="col">% kế hoạch</th>
            {hasNotes && <th scope="col">Ghi chú</th>}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr>
              <th scope="row">{row.periodLabel}</th>
              {hasDistricts ? <th scope="row">{row.districtLabel}</th> : <td>{row.districtLabel}</td>}
              <td class="indicator-table__number">{row.target}</td>
              <td class="indicator-table__number">{row.result}</td>
              <td class="indicator-table__number">{row.percent}</td>
              {hasNotes && <td>{row.note}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** An SVG chart drawn on the server, with its caption. */
export function IndicatorChartFigure({ chart }: { chart: ChartView }) {
  return (
    <figure class="indicator-chart">
      <figcaption class="indicator-chart__caption">{chart.caption}</figcaption>
      {/* A wide chart scrolls sideways: the keyboard must reach it too (axe: scrollable-region-focusable). */}
      <div class="table-scroll indicator-chart__drawing" tabIndex={0} role="group" aria-label={chart.caption} dangerouslySetInnerHTML={{ __html: chart.svg }} />
    </figure>
  );
}

export function IndicatorListPage({ model }: { model: IndicatorListModel }) {
  return (
    <>
      <Breadcrumb items={[{ label: 'Chỉ tiêu', url: '/chi-tieu' }]} />
      <section class="card documents indicators" aria-labelledby="tieu-de-chi-tieu">
        <h1 id="tieu-de-chi-tieu" class="section-title">
          Chỉ tiêu, số liệu thống kê
        </h1>
        <form class="search-form" action="/chi-tieu" method="get" aria-label="Tìm chỉ tiêu">
          <p class="search-form__query">
            <label for="tu-khoa-chi-tieu">Tên chỉ tiêu hoặc địa bàn</label>
            <input id="tu-khoa-chi-tieu" type="search" name="q" value={model.filters.q} maxLength={200} aria-invalid={model.error ? 'true' : undefined} />
            <button type="submit">Tìm chỉ tiêu</button>
          </p>
          <div class="search-form__grid">
            <p>
              <label for="ky-so-lieu">Kỳ số liệu</label>
              <select id="ky-so-lieu" name="kind">
                <option value="">Tất cả</option>
                {model.kinds.map((k) => (
                  <option value={k.value} selected={k.value === model.filters.kind}>
                    {k.label}
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
        {model.rows.length > 0 && (
          <div class="table-scroll">
            <table class="documents-table indicators-table">
              <caption class="visually-hidden">Danh sách chỉ tiêu và kết quả kỳ gần nhất</caption>
              <thead>
                <tr>
                  <th scope="col">Chỉ tiêu</th>
                  <th scope="col">Kỳ gần nhất</th>
                  <th scope="col">Kế hoạch</th>
                  <th scope="col">Thực hiện</th>
                  <th scope="col">% kế hoạch</th>
                </tr>
              </thead>
              <tbody>
                {model.rows.map((row) => (
                  <tr>
                    <th scope="row">
                      <a href={row.url}>{row.name}</a>
                      <span class="documents-table__type">
                        {row.periodKindLabel}, đơn vị: {row.unit}
                      </span>
                    </th>
                    <td>{row.latestPeriod}</td>
                    <td>{row.latestTarget}</td>
                    <td>{row.latestResult}</td>
                    <td>{row.latestPercent}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {model.rows.length === 0 && !model.error && model.hasFilters && (
          <p>
            <a href="/chi-tieu">Xem mọi chỉ tiêu</a>
          </p>
        )}
        {model.pagination && model.pagination.pageCount > 1 && model.rows.length > 0 && <Pagination {...model.pagination} />}
      </section>
    </>
  );
}

export function IndicatorPage({ model }: { model: IndicatorModel }) {
  return (
    <>
      <Breadcrumb items={[{ label: 'Chỉ tiêu', url: '/chi-tieu' }, { label: model.name, url: model.url }]} />
      <article class="card document indicator" aria-labelledby="tieu-de-chi-tieu">
        <h1 id="tieu-de-chi-tieu" class="document__title">
          {model.name}
        </h1>
        {model.description && <p class="indicator__description">{model.description}</p>}
        <dl class="document__facts">
          <div>
            <dt>Đơn vị tính</dt>
            <dd>{model.unit}</dd>
          </div>
          <div>
            <dt>Kỳ số liệu</dt>
            <dd>{model.periodKindLabel}</dd>
          </div>
          {model.updatedOn && (
            <div>
              <dt>Cập nhật</dt>
              <dd>
                <time datetime={model.updatedOnIso}>{model.updatedOn}</time>
              </dd>
            </div>
          )}
        </dl>
        <section aria-labelledby="bieu-do-chi-tieu">
          <h2 id="bieu-do-chi-tieu">Biểu đồ</h2>
          {model.charts.map((chart) => (
            <IndicatorChartFigure chart={chart} />
          ))}
        </section>
        <section aria-labelledby="so-lieu-chi-tieu">
          <h2 id="so-lieu-chi-tieu">Bảng số liệu</h2>
          <IndicatorTable id={model.tableId} caption={`${model.name} (đơn vị: ${model.unit})`} unit={model.unit} rows={model.rows} />
        </section>
        <section class="document__files indicator__downloads" aria-labelledby="tai-du-lieu">
          <h2 id="tai-du-lieu">Tải dữ liệu (dữ liệu mở)</h2>
          <ul>
            <li>
              <a href={model.downloads.csv} download={model.downloads.csvName} type="text/csv">
                Tải về dạng CSV
              </a>{' '}
              (mở được bằng Excel, LibreOffice)
            </li>
            <li>
              <a href={model.downloads.json} download={model.downloads.jsonName} type="application/json">
                Tải về dạng JSON
              </a>{' '}
              (cho phần mềm, máy đọc)
            </li>
          </ul>
        </section>
        <RatingWidget path={model.url} />
      </article>
    </>
  );
}

/** The block an article embeds: the indicator's name, its chart, a small table and a link to its page. */
export function IndicatorBlock({ id, name, url, unit, chart, rows }: { id: string; name: string; url: string; unit: string; chart: ChartView | undefined; rows: ValueRowView[] }) {
  return (
    <figure class="indicator-block" id={id}>
      <figcaption class="indicator-block__title">
        <a href={url}>{name}</a>
      </figcaption>
      {chart && <div class="table-scroll indicator-chart__drawing" tabIndex={0} role="group" aria-label={chart.caption} dangerouslySetInnerHTML={{ __html: chart.svg }} />}
      <IndicatorTable id={`${id}-bang`} caption={`${chart?.caption ?? name} (đơn vị: ${unit})`} unit={unit} rows={rows} />
      <p class="indicator-block__more">
        <a href={url}>Xem đầy đủ số liệu và tải dữ liệu: {name}</a>
      </p>
    </figure>
  );
}
