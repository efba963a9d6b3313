export { findRedirect, MAX_REDIRECT_DEPTH, recordMove, type PathMove, type RedirectLookup } from './redirects.service.js';
