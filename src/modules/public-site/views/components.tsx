import type { ComponentChildren } from 'preact';
import type { ImageView } from '../../media/index.js';
import type { ArticleCard, Crumb } from '../public-site.models.js';
import { UI_STRINGS, type UiStrings } from '../ui-strings.js';

export function Picture({ image, sizes, className, isLazy = true }: { image: ImageView; sizes: string; className?: string; isLazy?: boolean }) {
  return (
    <picture class={className}>
      {image.webpSrcset && <source type="image/webp" srcset={image.webpSrcset} sizes={sizes} />}
      <img src={image.src} srcset={image.jpegSrcset || undefined} sizes={sizes} width={image.width} height={image.height} alt={image.alt} loading={isLazy ? 'lazy' : undefined} decoding="async" />
    </picture>
  );
}

export function Breadcrumb({ items, t = UI_STRINGS.vi, homeUrl = '/' }: { items: Crumb[]; t?: UiStrings; homeUrl?: string }) {
  return (
    <nav class="breadcrumb" aria-label={t.breadcrumb}>
      <ol>
        <li>
          <span class="breadcrumb__label">{t.youAreHere}</span>
          <a href={homeUrl}>{t.home}</a>
        </li>
        {items.map((crumb, index) => (
          <li>{index === items.length - 1 ? <a href={crumb.url} aria-current="page">{crumb.label}</a> : <a href={crumb.url}>{crumb.label}</a>}</li>
        ))}
      </ol>
    </nav>
  );
}

export function ArticleListItem({ card, headingLevel = 3 }: { card: ArticleCard; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <li class={card.image ? 'article-item' : 'article-item article-item--text'}>
      {card.image && (
        <a class="article-item__thumb" href={card.url} tabIndex={-1} aria-hidden="true">
          <Picture image={{ ...card.image, alt: '' }} sizes="(max-width: 600px) 110px, 200px" />
        </a>
      )}
      <div>
        <Heading>
          <a href={card.url}>{card.title}</a>
        </Heading>
        <time class="meta" datetime={card.dateIso}>
          {card.date}
        </time>
        {card.lead && <p>{card.lead}</p>}
      </div>
    </li>
  );
}

export function CompactList({ items }: { items: ArticleCard[] }) {
  return (
    <ul class="compact-list">
      {items.map((card) => (
        <li>
          <a href={card.url}>{card.title}</a>
          <time datetime={card.dateIso}>({card.date})</time>
        </li>
      ))}
    </ul>
  );
}

export function Card({ title, url, children, headingId }: { title: string; url?: string; children: ComponentChildren; headingId?: string }) {
  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 class="section-title" id={headingId}>
        {url ? <a href={url}>{title}</a> : title}
      </h2>
      {children}
    </section>
  );
}

export function Pagination({ page, pageCount, pageUrl, t = UI_STRINGS.vi }: { page: number; pageCount: number; pageUrl: (n: number) => string; t?: UiStrings }) {
  const first = Math.max(1, page - 3);
  const last = Math.min(pageCount, page + 3);
  const numbers = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  return (
    <nav aria-label={t.pagination}>
      <ul class="pagination">
        {page > 1 && (
          <li>
            <a href={pageUrl(page - 1)} rel="prev">
              {t.previous}
            </a>
          </li>
        )}
        {numbers.map((n) => (
          <li>{n === page ? <span aria-current="page">{n}</span> : <a href={pageUrl(n)} aria-label={t.pageN(n)}>{n}</a>}</li>
        ))}
        {page < pageCount && (
          <li>
            <a href={pageUrl(page + 1)} rel="next">
              {t.next}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** Why a search or list form could not be used, above the form's results (role alert: read out at once). */
export function FormError({ error }: { error: { message: string; help?: string } | undefined }) {
  if (!error) return null;
  return (
    <div class="search-error" role="alert">
      <p>
        <strong>{error.message}</strong>
      </p>
      {error.help && <p>{error.help}</p>}
    </div>
  );
}
