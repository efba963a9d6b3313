import type { ArticleModel, CategoryModel, HomeModel } from '../public-site.models.js';
import { UI_STRINGS, type UiStrings } from '../ui-strings.js';
import { ArticleListItem, Breadcrumb, Card, CompactList, Pagination, Picture } from './components.js';
import { RatingWidget } from '../../ratings/index.js';

export function HomePage({ model, t = UI_STRINGS.vi }: { model: HomeModel; t?: UiStrings }) {
  const [lead, ...rest] = model.featured;
  const isEmpty = !lead && model.sections.every((section) => section.items.length === 0);
  return (
    <>
      <h1 class="visually-hidden">{t.home}</h1>
      {isEmpty && (
        <section class="card">
          <p>{t.underConstruction}</p>
        </section>
      )}
      {lead && (
        <Card title={t.featured} headingId="tin-noi-bat">
          <div class="featured">
            <article class="featured__main">
              <a href={lead.url} tabIndex={-1} aria-hidden="true">
                {lead.image && <Picture image={{ ...lead.image, alt: '' }} sizes="(max-width: 960px) 100vw, 520px" isLazy={false} />}
              </a>
              <h2>
                <a href={lead.url}>{lead.title}</a>
              </h2>
              <time class="meta" datetime={lead.dateIso}>
                {lead.date}
              </time>
              <p>{lead.lead}</p>
            </article>
            <ul class="article-list">
              {rest.map((card) => (
                <ArticleListItem card={{ ...card, lead: '' }} />
              ))}
            </ul>
          </div>
        </Card>
      )}
      <div class="home-sections">
        {model.sections.map((section, index) => {
          const [first, ...others] = section.items;
          return (
            <Card title={section.title} url={section.url} headingId={`muc-${index}`}>
              {first && (
                <div class={first.image ? 'home-section__lead' : 'home-section__lead home-section__lead--text'}>
                  {first.image && (
                    <a href={first.url} tabIndex={-1} aria-hidden="true">
                      <Picture image={{ ...first.image, alt: '' }} sizes="120px" />
                    </a>
                  )}
                  <h3>
                    <a href={first.url}>{first.title}</a>
                  </h3>
                </div>
              )}
              <CompactList items={others} />
            </Card>
          );
        })}
      </div>
    </>
  );
}

export function CategoryPage({ model, t = UI_STRINGS.vi }: { model: CategoryModel; t?: UiStrings }) {
  return (
    <>
      <Breadcrumb items={model.breadcrumb} t={t} homeUrl={t.homeUrl} />
      <section class="card" aria-labelledby="tieu-de">
        <h1 class="section-title" id="tieu-de">
          {model.name}
        </h1>
        {model.description && <p>{model.description}</p>}
        {model.children.length > 0 && (
          <ul class="subcategories" aria-label={t.subcategories}>
            {model.children.map((child) => (
              <li>
                <a href={child.url}>{child.label}</a>
              </li>
            ))}
          </ul>
        )}
        {model.items.length === 0 ? (
          <p>{t.noArticles}</p>
        ) : (
          <ul class="article-list">
            {model.items.map((card) => (
              <ArticleListItem card={card} headingLevel={2} />
            ))}
          </ul>
        )}
        {model.pageCount > 1 && <Pagination page={model.page} pageCount={model.pageCount} pageUrl={model.pageUrl} t={t} />}
        {model.feedUrl && (
          <p class="feed-link">
            <a href={model.feedUrl} type="application/rss+xml">
              {t.categoryFeed(model.name)}
            </a>
          </p>
        )}
      </section>
    </>
  );
}

export function ArticlePage({ model, t = UI_STRINGS.vi }: { model: ArticleModel; t?: UiStrings }) {
  return (
    <>
      <Breadcrumb items={model.breadcrumb} t={t} homeUrl={t.homeUrl} />
      <article class="card article" aria-labelledby="tieu-de">
        <h1 id="tieu-de">{model.title}</h1>
        {model.lead && <p class="article__lead">{model.lead}</p>}
        <div class="article__body" dangerouslySetInnerHTML={{ __html: model.bodyHtml }} />
        {model.gallery.length > 0 && (
          <section class="gallery" id="thu-vien-anh" aria-labelledby="thu-vien-tieu-de">
            <h2 id="thu-vien-tieu-de">{model.galleryTitle || t.galleryDefault}</h2>
            <ul class="gallery__grid">
              {model.gallery.map((item, index) => (
                <li>
                  <figure>
                    <a href={`#anh-${index + 1}`} aria-label={t.galleryOpen(item.caption || item.image.alt)}>
                      <Picture image={item.image} sizes="(max-width: 600px) 50vw, 200px" />
                    </a>
                    {item.caption && <figcaption>{item.caption}</figcaption>}
                  </figure>
                </li>
              ))}
            </ul>
            {model.gallery.map((item, index) => (
              <figure class="lightbox" id={`anh-${index + 1}`} aria-label={t.galleryPosition(index + 1, model.gallery.length)}>
                <Picture image={item.large} sizes="100vw" />
                {item.caption && <figcaption>{item.caption}</figcaption>}
                <div class="lightbox__nav">
                  {index > 0 && (
                    <a href={`#anh-${index}`} data-lightbox="prev">
                      {t.galleryPrevious}
                    </a>
                  )}
                  <a href="#thu-vien-anh" data-lightbox="close">
                    {t.close}
                  </a>
                  {index < model.gallery.length - 1 && (
                    <a href={`#anh-${index + 2}`} data-lightbox="next">
                      {t.galleryNext}
                    </a>
                  )}
                </div>
              </figure>
            ))}
          </section>
        )}
        {model.byline && <p class="article__byline">{model.byline}</p>}
        <dl class="article__meta">
          <div>
            <dt>{t.postedBy}</dt>
            <dd>{model.postedBy}</dd>
          </div>
          <div>
            <dt>{t.publishedOn}</dt>
            <dd>
              <time datetime={model.dateIso}>{model.date}</time>
            </dd>
          </div>
          <div>
            <dt>{t.views}</dt>
            <dd class="article__views">{model.viewsSlot}</dd>
          </div>
        </dl>
        {model.tags.length > 0 && (
          <p class="article__tags">
            <span>{t.tags}</span>
            {model.tags.map((tag) => (
              <a href={tag.url}>{tag.label}</a>
            ))}
          </p>
        )}
        <p class="print-source">
          {t.source} {model.absoluteUrl}
        </p>
        <div class="article__actions">
          <a class="button" href={model.backUrl}>
            {t.back}
          </a>
          <button type="button" class="button js-only" data-action="print">
            {t.print}
          </button>
        </div>
        {/* Share without loading anyone's script: a plain link to Facebook's share page, the
            phone's own share sheet (Zalo, Messenger, mail…) and a copy of the address. */}
        <div class="share" role="group" aria-label={t.shareGroup}>
          <a class="button" href={model.facebookShareUrl} target="_blank" rel="noopener noreferrer">
            {t.shareFacebook}
            <span class="visually-hidden">{t.newWindow}</span>
          </a>
          <button type="button" class="button js-only" data-action="share" data-url={model.absoluteUrl} data-title={model.title}>
            {t.shareApps}
          </button>
          <button type="button" class="button js-only" data-action="copy-link" data-url={model.absoluteUrl}>
            {t.copyLink}
          </button>
          <span class="share__status" role="status" aria-live="polite"></span>
        </div>
        {/* The same bytes for every reader: the cached page stays cached (ratings module). */}
        {t === UI_STRINGS.vi && <RatingWidget path={new URL(model.absoluteUrl).pathname} />}
      </article>
      {model.related.length > 0 && (
        <div class="other-articles">
          <Card title={t.related} headingId="bai-lien-quan">
            <CompactList items={model.related} />
          </Card>
        </div>
      )}
      {model.others.length > 0 && (
        <div class="other-articles">
          <Card title={model.othersTitle} headingId="tin-khac">
            <CompactList items={model.others} />
          </Card>
        </div>
      )}
    </>
  );
}

export function ErrorPage({ status, message, help, t = UI_STRINGS.vi }: { status: number; message: string; help: string; t?: UiStrings }) {
  return (
    <section class="card error-page" aria-labelledby="tieu-de">
      <h1 id="tieu-de">{status === 404 ? t.notFoundTitle : status === 429 ? t.tooManyTitle : status >= 500 ? t.serverErrorTitle : t.badRequestTitle}</h1>
      <p>{message}</p>
      <p>{help}</p>
      <p>
        <a class="button" href={t.homeUrl}>
          {t.backHome}
        </a>
      </p>
    </section>
  );
}

export function ArchiveIndexPage({ model }: { model: { years: { year: string; months: { label: string; url: string; countLabel: string }[] }[] } }) {
  return (
    <section class="card" aria-labelledby="tieu-de">
      <h1 class="section-title" id="tieu-de">
        Lưu trữ tin bài
      </h1>
      {model.years.length === 0 && <p>Chưa có bài viết nào.</p>}
      {model.years.map((year) => (
        <section class="archive-year" aria-labelledby={`nam-${year.year}`}>
          <h2 id={`nam-${year.year}`}>Năm {year.year}</h2>
          <ul class="archive-months">
            {year.months.map((month) => (
              <li>
                <a href={month.url}>{month.label}</a> <span class="meta">({month.countLabel} bài)</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </section>
  );
}
