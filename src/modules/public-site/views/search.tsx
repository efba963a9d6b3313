import type { Snippet, TextRange } from '../../search/index.js';
import type { SearchText, UiStrings } from '../ui-strings.js';
import { Breadcrumb, FormError, Pagination } from './components.js';

export interface SearchFilters {
  q: string;
  type: string;
  category: string;
  /** YYYY-MM-DD, as <input type="date"> sends it. */
  from: string;
  to: string;
}

export interface SearchHitView {
  title: string;
  titleHighlights: TextRange[];
  url: string;
  typeLabel: string;
  /** dd/mm/yyyy */
  date: string;
  dateIso: string;
  category?: { name: string; url: string };
  snippet: Snippet;
  attachment?: { name: string; url: string };
}

export interface SearchPageModel {
  /** The words around the page in its language (breadcrumb, home). */
  ui: UiStrings;
  text: SearchText;
  /** The search page of this language (the form's action). */
  action: string;
  filters: SearchFilters;
  types: { type: string; label: string }[];
  categories: { value: string; label: string }[];
  /** "23 kết quả cho …"; absent before a search. */
  summary?: string;
  notice?: string;
  error?: { message: string; help?: string };
  hits: SearchHitView[];
  /** Searches without one of the filters, offered when nothing was found. */
  wider: { label: string; url: string }[];
  pagination?: { page: number; pageCount: number; pageUrl: (n: number) => string };
}

/** Text with its matched ranges in <mark>: plain text nodes, so nothing in it is markup. */
function Marked({ text, ranges }: { text: string; ranges: TextRange[] }) {
  const parts = [];
  let at = 0;
  for (const range of ranges) {
    if (range.start < at || range.end > text.length) continue;
    if (range.start > at) parts.push(text.slice(at, range.start));
    parts.push(<mark>{text.slice(range.start, range.end)}</mark>);
    at = range.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}

function SearchForm({ model }: { model: SearchPageModel }) {
  const { filters, text } = model;
  const hasFilters = Boolean(filters.type || filters.category || filters.from || filters.to);
  return (
    <form class="search-form" role="search" action={model.action} method="get" aria-label={text.formLabel}>
      <p class="search-form__query">
        <label for="tu-khoa">{text.queryLabel}</label>
        <input id="tu-khoa" type="search" name="q" value={filters.q} maxLength={200} aria-describedby="goi-y-tim" aria-invalid={model.error ? 'true' : undefined} />
        <button type="submit">{text.submit}</button>
      </p>
      <p id="goi-y-tim" class="search-form__hint">
        {text.hint}
      </p>
      <details class="search-form__filters" open={hasFilters}>
        <summary>{text.filters}</summary>
        <div class="search-form__grid">
          {model.types.length > 0 && (
          <p>
            <label for="loai">{text.type}</label>
            <select id="loai" name="type">
              <option value="">{text.typeAll}</option>
              {model.types.map((t) => (
                <option value={t.type} selected={t.type === filters.type}>
                  {t.label}
                </option>
              ))}
            </select>
          </p>
          )}
          <p>
            <label for="chuyen-muc">{text.category}</label>
            <select id="chuyen-muc" name="category">
              <option value="">{text.categoryAll}</option>
              {model.categories.map((c) => (
                <option value={c.value} selected={c.value === filters.category}>
                  {c.label}
                </option>
              ))}
            </select>
          </p>
          <p>
            <label for="tu-ngay">{text.from}</label>
            <input id="tu-ngay" type="date" name="from" value={filters.from} />
          </p>
          <p>
            <label for="den-ngay">{text.to}</label>
            <input id="den-ngay" type="date" name="to" value={filters.to} />
          </p>
        </div>
      </details>
    </form>
  );
}

function Hit({ hit, text }: { hit: SearchHitView; text: SearchText }) {
  const { snippet } = hit;
  return (
    <li class="search-hit">
      <h2 class="search-hit__title">
        <a href={hit.url}>
          <Marked text={hit.title} ranges={hit.titleHighlights} />
        </a>
      </h2>
      <p class="search-hit__meta">
        {hit.typeLabel && <span class="search-hit__type">{hit.typeLabel}</span>}
        <time datetime={hit.dateIso}>{hit.date}</time>
        {hit.category && (
          <>
            {' · '}
            <a href={hit.category.url}>{hit.category.name}</a>
          </>
        )}
      </p>
      {snippet.text && (
        <p class="search-hit__snippet">
          {snippet.isCutStart && '… '}
          <Marked text={snippet.text} ranges={snippet.highlights} />
          {snippet.isCutEnd && ' …'}
        </p>
      )}
      {hit.attachment && (
        <p class="search-hit__file">
          {text.inFile} <a href={hit.attachment.url}>{hit.attachment.name}</a>
        </p>
      )}
    </li>
  );
}

export function SearchPage({ model }: { model: SearchPageModel }) {
  return (
    <>
      <Breadcrumb items={[{ label: model.text.title, url: model.action }]} t={model.ui} homeUrl={model.ui.homeUrl} />
      <section class="card search-page" aria-labelledby="tieu-de-tim-kiem">
        <h1 id="tieu-de-tim-kiem" class="section-title">
          {model.text.title}
        </h1>
        <SearchForm model={model} />
        <FormError error={model.error} />
        {model.summary && (
          <p class="search-summary" role="status">
            {model.summary}
          </p>
        )}
        {model.notice && <p class="search-notice">{model.notice}</p>}
        {model.hits.length > 0 && (
          <ol class="search-hits">
            {model.hits.map((hit) => (
              <Hit hit={hit} text={model.text} />
            ))}
          </ol>
        )}
        {model.summary && model.hits.length === 0 && !model.error && (
          <div class="search-empty">
            {model.wider.length > 0 && (
              <>
                <p>{model.text.widerIntro}</p>
                <ul>
                  {model.wider.map((w) => (
                    <li>
                      <a href={w.url}>{w.label}</a>
                    </li>
                  ))}
                </ul>
              </>
            )}
            <p>{model.text.tips}</p>
          </div>
        )}
        {model.pagination && model.pagination.pageCount > 1 && model.hits.length > 0 && <Pagination {...model.pagination} />}
      </section>
    </>
  );
}
