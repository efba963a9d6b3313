import type { ComponentChildren } from 'preact';
import { formatNumber, slugify } from '../../../platform/i18n/vi.js';

export interface Column<K extends string> {
  key: K;
  label: string;
  /** Right-aligned, tabular figures (counts, sizes). */
  isNumeric?: boolean;
  /** A column the list can be sorted by: the link that sorts it, and its current direction. */
  sort?: { href: string; direction?: 'ascending' | 'descending' };
}

export interface DataTableProps<K extends string> {
  /** Says what the table lists; screen readers announce it when entering the table. */
  caption: string;
  /** Keep the caption for screen readers only (the page heading already says it). */
  isCaptionHidden?: boolean;
  columns: readonly Column<K>[];
  /** One object per row, a cell per column key; cells may hold links, badges or forms. */
  rows: readonly Record<K, ComponentChildren>[];
  /** The cell that names its row (usually the title) becomes a row header. */
  rowHeader?: K;
  /** Shown in place of the rows when there are none. */
  empty: ComponentChildren;
  /** Defaults to an id made from the caption. */
  id?: string;
}

/**
 * A table in a keyboard-focusable scrolling region: on a phone a wide table scrolls
 * sideways inside the page instead of widening it.
 */
export function DataTable<K extends string>({ caption, isCaptionHidden, columns, rows, rowHeader, empty, id }: DataTableProps<K>) {
  const tableId = id ?? `bang-${slugify(caption, 40) || 'du-lieu'}`;
  const captionId = `${tableId}-caption`;
  const cellClass = (column: Column<K>) => (column.isNumeric ? 'cell--numeric' : undefined);
  return (
    <div class="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table class="data-table" id={tableId}>
        <caption id={captionId} class={isCaptionHidden ? 'visually-hidden' : undefined}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th scope="col" class={cellClass(column)} aria-sort={column.sort?.direction}>
                {column.sort ? (
                  <a href={column.sort.href}>
                    {column.label}
                    {column.sort.direction && <span aria-hidden="true">{column.sort.direction === 'ascending' ? ' ▲' : ' ▼'}</span>}
                  </a>
                ) : (
                  column.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td class="data-table__empty" colSpan={columns.length}>
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr>
                {columns.map((column) =>
                  column.key === rowHeader ? (
                    <th scope="row" class={cellClass(column)}>
                      {row[column.key]}
                    </th>
                  ) : (
                    <td class={cellClass(column)}>{row[column.key]}</td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Page links as on the public site: « Trước, up to 3 pages either side, Sau ». Nothing when there is one page. */
export function Pagination({ page, pageCount, hrefFor }: { page: number; pageCount: number; hrefFor: (page: number) => string }) {
  if (pageCount <= 1) return null;
  const first = Math.max(1, page - 3);
  const last = Math.min(pageCount, page + 3);
  const numbers = Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
  return (
    <nav class="pagination" aria-label="Phân trang">
      <ul>
        {page > 1 && (
          <li>
            <a href={hrefFor(page - 1)} rel="prev">
              « Trước
            </a>
          </li>
        )}
        {first > 1 && (
          <li>
            <a href={hrefFor(1)} aria-label="Trang 1">
              1
            </a>
          </li>
        )}
        {first > 2 && (
          <li aria-hidden="true">
            <span class="pagination__gap">…</span>
          </li>
        )}
        {numbers.map((n) => (
          <li>
            {n === page ? (
              <span aria-current="page">
                <span class="visually-hidden">Trang </span>
                {formatNumber(n)}
              </span>
            ) : (
              <a href={hrefFor(n)} aria-label={`Trang ${formatNumber(n)}`}>
                {formatNumber(n)}
              </a>
            )}
          </li>
        ))}
        {last < pageCount - 1 && (
          <li aria-hidden="true">
            <span class="pagination__gap">…</span>
          </li>
        )}
        {last < pageCount && (
          <li>
            <a href={hrefFor(pageCount)} aria-label={`Trang ${formatNumber(pageCount)}`}>
              {formatNumber(pageCount)}
            </a>
          </li>
        )}
        {page < pageCount && (
          <li>
            <a href={hrefFor(page + 1)} rel="next">
              Sau »
            </a>
          </li>
        )}
      </ul>
      <p class="pagination__summary">
        Trang {formatNumber(page)} / {formatNumber(pageCount)}
      </p>
    </nav>
  );
}
