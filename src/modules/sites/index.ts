export { SiteDirectory, createSite, hasAnySite, normalizeHost, seedDefaultOrigin, setSiteOrigin, type NewSite, type Site } from './sites.service.js';
export { installFirstSiteOnce } from './first-site.js';
export { CONTENT_CHANNEL, changeSiteContent } from './content-version.js';
