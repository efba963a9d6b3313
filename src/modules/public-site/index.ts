export { loadAssets } from './assets.js';
export { errorPageRenderer, registerPublicSiteRoutes, type CachedPublicPage, type PageShortcut, type PublicSiteDeps } from './public-site.routes.js';
