export { SiteDirectory, createSite, hasAnySite, normalizeHost, type NewSite, type Site } from './sites.service.js';
