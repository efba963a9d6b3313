export { loadAssets } from './assets.js';
export { createPublicPageDelivery, type PageCounters, type PublicPageDelivery } from './public-pages.js';
export { registerPublicSiteRoutes, type PublicSiteDeps } from './public-site.routes.js';
