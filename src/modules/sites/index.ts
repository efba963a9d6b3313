export { SiteDirectory, createSite, getSiteLanguages, hasAnySite, normalizeHost, seedDefaultOrigin, setSiteOrigin, type NewSite, type Site } from './sites.service.js';
export { installFirstSiteOnce } from './first-site.js';
export { CONTENT_CHANNEL, changeSiteContent } from './content-version.js';
export { SITE_SETTINGS_LIMITS, getSiteSettings, updateSiteSettings, type SiteSettings, type SiteSettingsInput } from './sites.staff.js';
