export { loadAssets } from './assets.js';
export { errorPageRenderer, registerPublicSiteRoutes, type CachedPublicPage, type PublicSiteDeps } from './public-site.routes.js';
