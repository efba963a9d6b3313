/**
 * Every migration, in order. Listed by hand rather than read from the folder so that
 * they load the same under tsx, a bundle or a compiled build. Names start with an ISO
 * timestamp; a merged migration is never edited, only followed by a new one.
 */
import type { Migration } from 'kysely';
import * as createPortal from './2026-11-28T0600-create-portal.js';
import * as addSiteOrigin from './2026-11-29T0600-add-site-origin.js';
import * as addSiteContentVersion from './2026-11-29T0700-add-site-content-version.js';
import * as createJobs from './2026-11-29T0900-create-jobs.js';
import * as createRedirects from './2026-11-29T1000-create-redirects.js';
import * as createNewsroom from './2026-11-29T1100-create-newsroom.js';
import * as createSearch from './2026-11-29T1200-create-search.js';
import * as addMediaText from './2026-11-29T1300-add-media-text.js';
import * as addLanguages from './2026-11-29T1400-add-languages.js';
import * as createLegalDocuments from './2026-11-29T1500-create-legal-documents.js';
import * as createIndicators from './2026-11-29T1600-create-indicators.js';
import * as createAgency from './2026-11-29T1700-create-agency.js';
import * as createPublicServices from './2026-11-29T1800-create-public-services.js';
import * as createWorkSchedule from './2026-11-29T1900-create-work-schedule.js';
import * as createProjects from './2026-11-29T2000-create-projects.js';
import * as addDocumentCollections from './2026-11-29T2100-add-document-collections.js';
import * as addIndicatorRevisions from './2026-11-29T2200-add-indicator-revisions.js';
import * as createPublicForms from './2026-11-29T2300-create-public-forms.js';
import * as createHolidays from './2026-11-29T2400-create-holidays.js';
import * as createQuestions from './2026-11-29T2500-create-questions.js';
import * as createRatings from './2026-11-29T2600-create-ratings.js';
import * as createConsultations from './2026-11-29T2700-create-consultations.js';
import * as createInformationRequests from './2026-11-29T2800-create-information-requests.js';

export const migrations: Record<string, Migration> = {
  '2026-11-28T0600-create-portal': createPortal,
  '2026-11-29T0600-add-site-origin': addSiteOrigin,
  '2026-11-29T0700-add-site-content-version': addSiteContentVersion,
  '2026-11-29T0900-create-jobs': createJobs,
  '2026-11-29T1000-create-redirects': createRedirects,
  '2026-11-29T1100-create-newsroom': createNewsroom,
  '2026-11-29T1200-create-search': createSearch,
  '2026-11-29T1300-add-media-text': addMediaText,
  '2026-11-29T1400-add-languages': addLanguages,
  '2026-11-29T1500-create-legal-documents': createLegalDocuments,
  '2026-11-29T1600-create-indicators': createIndicators,
  '2026-11-29T1700-create-agency': createAgency,
  '2026-11-29T1800-create-public-services': createPublicServices,
  '2026-11-29T1900-create-work-schedule': createWorkSchedule,
  '2026-11-29T2000-create-projects': createProjects,
  '2026-11-29T2100-add-document-collections': addDocumentCollections,
  '2026-11-29T2200-add-indicator-revisions': addIndicatorRevisions,
  '2026-11-29T2300-create-public-forms': createPublicForms,
  '2026-11-29T2400-create-holidays': createHolidays,
  '2026-11-29T2500-create-questions': createQuestions,
  '2026-11-29T2600-create-ratings': createRatings,
  '2026-11-29T2700-create-consultations': createConsultations,
  '2026-11-29T2800-create-information-requests': createInformationRequests,
};
