/**
 * The frame of every staff page: header with the site and the user, the navigation, the
 * main area with its heading and the result of the last action, the footer. Works with
 * no script at all (the phone menu is a <details>); admin.js and the islands only add to it.
 */
import type { ComponentChildren, VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';
import type { AdminAssetUrls } from '../admin-assets.js';
import { Flash, type FlashMessage } from './components.js';
import { Form } from './forms.js';

export type IslandName = 'editor' | 'gallery' | 'uploader';

export interface AdminNavItem {
  href: string;
  label: string;
  isCurrent: boolean;
  /** A count worth attention (articles waiting for review); hidden when 0 or absent. */
  badge?: number;
}

export interface AdminSiteChoice {
  id: string;
  name: string;
  host: string;
  isCurrent: boolean;
}

export interface Crumb {
  href: string;
  label: string;
}

/** A full HTML document from a layout element. */
export function renderDocument(page: VNode): string {
  return `<!doctype html>${renderToString(page)}`;
}

function Head({ title, assets, csrfToken, islands = [] }: { title: string; assets: AdminAssetUrls; csrfToken?: string; islands?: readonly IslandName[] }) {
  const islandUrls = islands.map((name) => {
    const urls = assets.islands[name];
    // A page asking for an island that was not bundled is a build problem: say so, loudly.
    if (!urls) throw new Error(`Island "${name}" chưa được đóng gói (không có src/modules/admin-ui/islands/${name}.ts?).`);
    return urls;
  });
  return (
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex, nofollow" />
      {csrfToken !== undefined && <meta name="csrf-token" content={csrfToken} />}
      <title>{title}</title>
      {/* No icon of its own: this stops the browser asking for /favicon.ico on every page. */}
      <link rel="icon" href="data:," />
      <link rel="stylesheet" href={assets.css} />
      {[...new Set(islandUrls.map((urls) => urls.css).filter(Boolean))].map((href) => (
        <link rel="stylesheet" href={href} />
      ))}
      <script src={assets.js} defer></script>
      {islandUrls.map((urls) => (
        <script type="module" src={urls.js}></script>
      ))}
    </head>
  );
}

function SkipLink() {
  return (
    <a class="skip-link" href="#main">
      Bỏ qua đến nội dung chính
    </a>
  );
}

function SiteSwitcher({ sites, action }: { sites: readonly AdminSiteChoice[]; action: string }) {
  return (
    <Form method="get" action={action} class="site-switcher">
      <label for="site-switcher" class="site-switcher__label">
        Trang đang quản trị
      </label>
      <select id="site-switcher" name="site" class="site-switcher__select">
        {sites.map((site) => (
          <option value={site.id} selected={site.isCurrent || undefined}>
            {site.name} ({site.host})
          </option>
        ))}
      </select>
      <button type="submit" class="button button--header">
        Chuyển
      </button>
    </Form>
  );
}

function UserMenu({ user, csrfToken, accountHref, logoutAction }: { user: { displayName: string; email: string }; csrfToken: string; accountHref: string; logoutAction: string }) {
  return (
    <div class="user-menu">
      <p class="user-menu__who">
        <span class="user-menu__name">{user.displayName}</span>
        <span class="user-menu__email">{user.email}</span>
      </p>
      <a class="user-menu__link" href={accountHref}>
        Tài khoản
      </a>
      {/* A POST, so that a link or an image elsewhere cannot log anyone out. */}
      <Form action={logoutAction} csrfToken={csrfToken} class="inline-form">
        <button type="submit" class="button button--header">
          Đăng xuất
        </button>
      </Form>
    </div>
  );
}

function AdminNav({ items }: { items: readonly AdminNavItem[] }) {
  return (
    // Phones: a closed <details> that opens with a tap, no script needed. Wider screens show
    // the list whatever its state (admin.css, ::details-content).
    <details class="admin-nav">
      <summary class="admin-nav__toggle">Danh mục quản trị</summary>
      <nav class="admin-nav__nav" aria-label="Quản trị">
        <ul>
          {items.map((item) => (
            <li>
              <a href={item.href} aria-current={item.isCurrent ? 'page' : undefined}>
                <span>{item.label}</span>
                {item.badge !== undefined && item.badge > 0 && (
                  <span class="nav-badge">
                    <span class="visually-hidden">(</span>
                    {item.badge}
                    <span class="visually-hidden"> mục)</span>
                  </span>
                )}
              </a>
            </li>
          ))}
        </ul>
      </nav>
    </details>
  );
}

function Breadcrumbs({ items }: { items: readonly Crumb[] }) {
  return (
    <nav class="breadcrumbs" aria-label="Đường dẫn">
      <ol>
        {items.map((crumb) => (
          <li>
            <a href={crumb.href}>{crumb.label}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}

export interface AdminLayoutProps {
  /** The page's name: the <h1> (unless `heading` differs) and the start of <title>. */
  title: string;
  /** The <h1> when it should say more than the title ("Sửa bài: …"). */
  heading?: ComponentChildren;
  assets: AdminAssetUrls;
  csrfToken: string;
  user: { displayName: string; email: string } | null;
  site: { name: string; host: string; /** The public home page; default //host/ */ url?: string } | null;
  /** More than one: a switcher (GET `switchSiteAction?site=<id>`). */
  sites?: readonly AdminSiteChoice[];
  switchSiteAction?: string;
  nav: readonly AdminNavItem[];
  breadcrumbs?: readonly Crumb[];
  /** Buttons beside the heading ("Viết bài mới"). */
  actions?: ComponentChildren;
  flash?: FlashMessage;
  children: ComponentChildren;
  islands?: readonly IslandName[];
  accountHref?: string;
  logoutAction?: string;
  /** A wider main area (the editor page); default keeps lines readable. */
  isWide?: boolean;
}

export function AdminLayout(props: AdminLayoutProps) {
  const { site, user } = props;
  const appName = 'Quản trị';
  const documentTitle = [props.title, site?.name, appName].filter(Boolean).join(' – ');
  return (
    <html lang="vi">
      <Head title={documentTitle} assets={props.assets} csrfToken={props.csrfToken} islands={props.islands} />
      <body class="admin">
        <SkipLink />
        <header class="admin-header">
          <div class="admin-header__inner">
            <div class="admin-brand">
              <a class="admin-brand__home" href="/admin">
                <span class="admin-brand__app">Cổng · {appName}</span>
                {site && <span class="admin-brand__site">{site.name}</span>}
              </a>
              {site && (
                <a class="admin-brand__visit" href={site.url ?? `//${site.host}/`}>
                  Xem trang công khai<span class="visually-hidden"> {site.name}</span> ↗
                </a>
              )}
            </div>
            {props.sites && props.sites.length > 1 && <SiteSwitcher sites={props.sites} action={props.switchSiteAction ?? '/admin'} />}
            {user && <UserMenu user={user} csrfToken={props.csrfToken} accountHref={props.accountHref ?? '/admin/tai-khoan'} logoutAction={props.logoutAction ?? '/admin/logout'} />}
          </div>
        </header>
        <div class="admin-body">
          {props.nav.length > 0 && <AdminNav items={props.nav} />}
          <main id="main" class={props.isWide ? 'admin-main admin-main--wide' : 'admin-main'} tabIndex={-1}>
            {props.breadcrumbs && props.breadcrumbs.length > 0 && <Breadcrumbs items={props.breadcrumbs} />}
            <div class="page-header">
              <h1>{props.heading ?? props.title}</h1>
              {props.actions && <div class="page-header__actions">{props.actions}</div>}
            </div>
            {props.flash && <Flash flash={props.flash} />}
            {props.children}
          </main>
        </div>
        <footer class="admin-footer">
          <p>
            Cổng — hệ thống quản trị cổng thông tin điện tử{site ? ` · ${site.name}` : ''}
          </p>
        </footer>
      </body>
    </html>
  );
}

export interface LoginLayoutProps {
  title: string;
  assets: AdminAssetUrls;
  /** The site the staff member is signing in to. */
  siteName?: string;
  csrfToken?: string;
  flash?: FlashMessage;
  children: ComponentChildren;
}

/** The sign-in and two-step pages: one centred card, nothing to navigate to. */
export function LoginLayout(props: LoginLayoutProps) {
  const documentTitle = [props.title, props.siteName, 'Quản trị'].filter(Boolean).join(' – ');
  return (
    <html lang="vi">
      <Head title={documentTitle} assets={props.assets} csrfToken={props.csrfToken} />
      <body class="admin admin--login">
        <SkipLink />
        <main id="main" class="login-card" tabIndex={-1}>
          <p class="login-card__brand">
            <span class="login-card__app">Cổng · Quản trị</span>
            {props.siteName && <span class="login-card__site">{props.siteName}</span>}
          </p>
          <h1>{props.title}</h1>
          {props.flash && <Flash flash={props.flash} />}
          {props.children}
        </main>
        <footer class="login-footer">
          <a href="/">← Về trang công khai</a>
        </footer>
      </body>
    </html>
  );
}
