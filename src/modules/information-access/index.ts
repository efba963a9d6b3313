/**
 * Access to information (tiếp cận thông tin, Luật Tiếp cận thông tin 2016): the section's
 * focal point and list of public information, the public request form and status lookup,
 * the handling staff's use-cases, deadlines in working days, personal-data export, erasure
 * and retention, search records and the demo. Other modules reach this one only through
 * this file; app.ts registers the public pages from information-access.routes.ts.
 */
export {
  ANSWER_WORKING_DAYS,
  DELIVERY_LABELS,
  DUE_SOON_DAYS,
  MAX_EXTENSION_DAYS,
  REQUEST_LIMITS,
  STATUS_LABELS,
  checkItemLink,
  checkRequestFields,
  extendedDeadline,
  firstDeadline,
  maskIdNumber,
  newTrackingCode,
  normaliseTrackingCode,
  type DeliveryMethod,
  type RequestFields,
  type RequestStatus,
} from './request-rules.js';
export { InformationItemNotFoundError, InformationRequestNotFoundError, RequestStepError } from './information-access.errors.js';
export {
  INBOX_TABS,
  INFORMATION_REQUEST_FORM,
  addInformationItem,
  answerRequest,
  deleteInformationItem,
  extendRequest,
  getRequestForStaff,
  listItemsForStaff,
  listPublishedItems,
  listRequestInbox,
  moveInformationItem,
  readInformationSettings,
  refuseRequest,
  submitInformationRequest,
  takeUpRequest,
  trackInformationRequest,
  updateInformationItem,
  updateInformationSettings,
  type ContactPoint,
  type InboxItem,
  type InboxTab,
  type InformationItem,
  type InformationSettings,
  type RequestForStaff,
} from './information-access.service.js';
export { INFORMATION_PATH, INFORMATION_SEARCH_TYPE, SECTION_INTRO, informationSearchSource } from './information-access.search.js';
export { eraseRequesterData, eraseRequesterDataPastRetention, exportRequesterData, informationRetentionHandler, type RequesterDataExport } from './information-access.personal-data.js';
export { INFORMATION_RETENTION_JOB } from './information-access.jobs.js';
export { exportRequestsCsv, exportRequestsXlsx } from './information-access.export.js';
export { INFORMATION_AUDIT_ACTIONS } from './information-access.audit.js';
export { seedDemoInformationAccess } from './information-access.demo.js';
