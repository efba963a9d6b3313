import type { ComponentChildren } from 'preact';
import type { MenuItem } from '../../navigation/index.js';
import type { LayoutModel, PageMeta } from '../public-site.models.js';
import { languagePrefix, OG_LOCALES } from '../../../platform/i18n/languages.js';
import type { UiStrings } from '../ui-strings.js';
import { Picture } from './components.js';

function isCurrent(item: MenuItem, path: string, homeUrl: string): boolean {
  return item.url === path || (item.url !== '/' && item.url !== homeUrl && path.startsWith(`${item.url}/`));
}

function MainMenu({ items, path, t }: { items: MenuItem[]; path: string; t: UiStrings }) {
  const isCurrentItem = (item: MenuItem) => isCurrent(item, path, t.homeUrl);
  return (
    <nav class="main-nav" id="menu-chinh" aria-label={t.mainMenu}>
      {/* Phones: the menu opens with :target, so it works without script. */}
      <a class="menu-toggle menu-toggle--open" href="#menu-chinh">
        {t.menuOpen}
      </a>
      <a class="menu-toggle menu-toggle--close" href="#">
        {t.menuClose}
      </a>
      <ul class="main-nav__list container">
        {items.map((item) => (
          <li>
            <a href={item.url} aria-current={isCurrentItem(item) ? 'page' : undefined}>
              {item.label}
            </a>
            {item.children.length > 0 && (
              <ul>
                {item.children.map((child) => (
                  <li>
                    <a href={child.url} aria-current={isCurrentItem(child) ? 'page' : undefined}>
                      {child.label}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
        <li class="nav-login">
          <a href="/admin/login">{t.login}</a>
        </li>
      </ul>
    </nav>
  );
}

function Sidebar({ model }: { model: LayoutModel }) {
  return (
    <aside class="sidebar" aria-label={model.t.sidebar}>
      {model.sidebarBlocks.map((block) => (
        // Unnamed sections, so a block titled like a page section does not make two landmarks of one name.
        <section class="block">
          <h2 class="block__title">
            {block.title}
          </h2>
          {block.kind === 'articles' ? (
            <ul>
              {block.items.map((item) => (
                <li>
                  <a href={item.url}>{item.title}</a>
                  <time datetime={item.dateIso}>{item.date}</time>
                </li>
              ))}
            </ul>
          ) : (
            <ul>
              {block.links.map((link) => (
                <li>
                  <a href={link.url}>{link.label}</a>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {model.sidebarBanners.map((banner) => (
        <a class="sidebar-banner" href={banner.url}>
          <Picture image={{ ...banner.image, alt: banner.title }} sizes="300px" />
        </a>
      ))}
      <section class="block">
        <h2 class="block__title">
          {model.t.visits}
        </h2>
        <p class="visit-counter">
          <span class="visit-counter__number">{model.visitsSlot}</span>
        </p>
      </section>
    </aside>
  );
}

/** The agency's name in the page's language (its English name on English pages, when it has one). */
function siteNameOf(model: LayoutModel): string {
  return model.language === 'vi' ? model.site.name : model.site.englishName || model.site.name;
}

/** JSON in a <script> block: "</" would end the block early, so it is written as \u003c. */
function jsonLdHtml(value: object): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/**
 * Link previews (Open Graph, Twitter card), Dublin Core (the agency-site rules ask for
 * it) and schema.org JSON-LD. JSON-LD is data, not script: the CSP does not apply to it.
 */
function HeadMeta({ model, meta }: { model: LayoutModel; meta: PageMeta }) {
  const siteName = siteNameOf(model);
  const title = model.title || siteName;
  const date = meta.publishedAt?.slice(0, 10);
  return (
    <>
      <meta property="og:site_name" content={siteName} />
      <meta property="og:locale" content={OG_LOCALES[model.language]} />
      {model.alternates.map((alternate) => (
        <meta property="og:locale:alternate" content={OG_LOCALES[alternate.language]} />
      ))}
      <meta property="og:type" content={meta.type} />
      <meta property="og:title" content={title} />
      <meta property="og:description" content={model.description} />
      {model.canonicalUrl && <meta property="og:url" content={model.canonicalUrl} />}
      {meta.image && <meta property="og:image" content={meta.image} />}
      {meta.image && meta.imageAlt && <meta property="og:image:alt" content={meta.imageAlt} />}
      {meta.publishedAt && <meta property="article:published_time" content={meta.publishedAt} />}
      {meta.modifiedAt && <meta property="article:modified_time" content={meta.modifiedAt} />}
      {meta.section && <meta property="article:section" content={meta.section} />}
      {meta.tags?.map((tag) => <meta property="article:tag" content={tag} />)}
      <meta name="twitter:card" content={meta.image ? 'summary_large_image' : 'summary'} />
      <meta name="twitter:title" content={title} />
      <meta name="twitter:description" content={model.description} />
      {meta.image && <meta name="twitter:image" content={meta.image} />}
      <link rel="schema.DC" href="http://purl.org/dc/elements/1.1/" />
      <meta name="DC.title" content={title} />
      <meta name="DC.creator" content={siteName} />
      <meta name="DC.publisher" content={siteName} />
      <meta name="DC.description" content={model.description} />
      {date && <meta name="DC.date" content={date} />}
      <meta name="DC.type" content="Text" />
      <meta name="DC.format" content="text/html" />
      <meta name="DC.language" content={model.language} />
      {model.canonicalUrl && <meta name="DC.identifier" content={model.canonicalUrl} />}
      {meta.section && <meta name="DC.subject" content={[meta.section, ...(meta.tags ?? [])].join('; ')} />}
      {meta.jsonLd.map((value) => (
        <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdHtml(value) }}></script>
      ))}
    </>
  );
}

export function Layout({ model, children }: { model: LayoutModel; children: ComponentChildren }) {
  const { site, t } = model;
  const siteName = siteNameOf(model);
  // Vietnamese text on a page in another language says so, for screen readers' voices.
  const vietnamese = model.language === 'vi' ? undefined : 'vi';
  return (
    <html lang={model.language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{model.title ? `${model.title} - ${siteName}` : siteName}</title>
        <meta name="description" content={model.description} />
        {model.isNoIndex && <meta name="robots" content="noindex, follow" />}
        {model.canonicalUrl && <link rel="canonical" href={model.canonicalUrl} />}
        {/* The page in each language, itself included (https://developers.google.com/search/docs/specialty/international/localized-versions). */}
        {model.alternates.length > 0 && model.canonicalUrl && <link rel="alternate" hreflang={model.language} href={model.canonicalUrl} />}
        {model.alternates.map((alternate) => (
          <link rel="alternate" hreflang={alternate.language} href={alternate.href} />
        ))}
        {model.alternates.length > 0 && model.xDefaultUrl && <link rel="alternate" hreflang="x-default" href={model.xDefaultUrl} />}
        {model.feeds.map((feed) => (
          <link rel="alternate" type="application/rss+xml" title={feed.title} href={feed.href} />
        ))}
        {model.meta && <HeadMeta model={model} meta={model.meta} />}
        <link rel="stylesheet" href={model.assets.css} />
        <link rel="icon" href={model.assets.emblem} type="image/svg+xml" />
        <script src={model.assets.js} defer></script>
      </head>
      <body>
        <a class="skip-link" href="#noi-dung">
          {t.skipLink}
        </a>
        {model.staffBar && (
          <div class="staff-bar" role="region" aria-label={t.staffTools}>
            <div class="container staff-bar__inner">
              {model.staffBar.notice && <strong class="staff-bar__notice">{model.staffBar.notice}</strong>}
              <span>Đang đăng nhập: {model.staffBar.displayName}</span>
              {model.staffBar.links.map((link) => (
                <a href={link.href}>{link.label}</a>
              ))}
            </div>
          </div>
        )}
        <div class="reading-tools js-only" role="region" aria-label={t.readingTools}>
          <div class="container reading-tools__inner">
            <button type="button" data-text-size="-1" aria-label={t.textSmaller} aria-pressed="false">
              A−
            </button>
            <button type="button" data-text-size="0" aria-label={t.textDefault} aria-pressed="true">
              A
            </button>
            <button type="button" data-text-size="1" aria-label={t.textLarger} aria-pressed="false">
              A+
            </button>
            <button type="button" data-contrast="high" aria-pressed="false">
              {t.highContrast}
            </button>
          </div>
        </div>
        <header class="site-header">
          <div class="site-header__inner container">
            <a class="site-brand" href={model.homeUrl}>
              <img src={model.assets.emblem} alt={t.emblemAlt} width={76} height={76} />
              <span>
                <span class="site-brand__governing" lang={vietnamese}>
                  {site.governingBody}
                </span>
                <span class="site-brand__name" lang={vietnamese}>
                  {site.name}
                </span>
                {site.englishName && (
                  <span class="site-brand__english" lang="en">
                    {site.englishName}
                  </span>
                )}
              </span>
            </a>
            {/* A plain link: the same page in the other language when it has one, else that language's home. */}
            {model.languageLink && (
              <a class="language-switch" href={model.languageLink.href} hreflang={model.languageLink.language} lang={model.languageLink.language} title={model.languageLink.title}>
                {model.languageLink.label}
              </a>
            )}
            {model.headerBanner && (
              <a class="header-banner" href={model.headerBanner.url}>
                <Picture image={{ ...model.headerBanner.image, alt: model.headerBanner.title }} sizes="560px" isLazy={false} />
              </a>
            )}
            {/* A plain GET form: searching needs no script and no token. */}
            <form class="site-search" role="search" action={t.searchUrl} method="get">
              <label class="visually-hidden" for="o-tim-kiem">
                {t.searchLabel}
              </label>
              <input id="o-tim-kiem" type="search" name="q" maxLength={200} placeholder={t.searchPlaceholder} autocomplete="off" value={model.searchQuery} />
              <button type="submit">{t.searchButton}</button>
            </form>
          </div>
        </header>
        <MainMenu items={model.menu} path={model.path} t={t} />
        <div class="page">
          <main class="content" id="noi-dung" tabIndex={-1}>
            {children}
          </main>
          <Sidebar model={model} />
        </div>
        <footer class="site-footer">
          <div class="container">
            <p class="site-footer__name">{siteName}</p>
            {site.address && (
              <p>
                {t.address}: {vietnamese ? <span lang={vietnamese}>{site.address}</span> : site.address}
              </p>
            )}
            <p>
              {site.phone && (
                <>
                  {t.phone}: {site.phone}
                </>
              )}
              {site.fax && (
                <>
                  {' '}
                  · {t.fax}: {site.fax}
                </>
              )}
              {site.email && (
                <>
                  {' '}
                  · {t.email}: <a href={`mailto:${site.email}`}>{site.email}</a>
                </>
              )}
            </p>
            {site.responsiblePerson && (
              <p>
                {t.responsible}: {vietnamese ? <span lang={vietnamese}>{site.responsiblePerson}</span> : site.responsiblePerson}
              </p>
            )}
            {site.licence && <p lang={vietnamese}>{site.licence}</p>}
            <p>{t.sourceNote(siteName)}</p>
            <p class="site-footer__links">
              {/* The archive lists Vietnamese articles; feeds and sitemaps are per language. */}
              {model.language === 'vi' && (
                <>
                  <a href="/luu-tru">{t.archive}</a> ·{' '}
                </>
              )}
              <a href={`${languagePrefix(model.language)}/rss.xml`}>RSS</a> · <a href={`${languagePrefix(model.language)}/sitemap.xml`}>{t.sitemap}</a>
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
