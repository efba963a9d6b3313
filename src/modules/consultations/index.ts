/**
 * Draft consultations (lấy ý kiến dự thảo): the staff's use-cases, the citizens' comment
 * form, the comments' list and exports, the report on how comments were taken in, the
 * personal-data rules, public reads, search records and the demo. Other modules reach
 * this one only through this file; app.ts registers the public pages from consultations.routes.ts.
 */
export { COMMENT_LIMITS, CONSULTATION_LIMITS, ORG_TYPES, ORG_TYPE_LABELS, PUBLICATION_LABELS, STATUS_LABELS, checkCommentFields, consultationStatus, daysLeft, daysLeftLabel, isOrgType, newReceiptCode, type CommentInput, type ConsultationStatus, type OrgType, type Publication } from './consultation-rules.js';
export { ConsultationClosedError, ConsultationNotFoundError, ConsultationSlugTakenError, ConsultationStepError } from './consultations.errors.js';
export {
  COMMENT_FORM,
  DEFAULT_RETENTION_MONTHS,
  attachConsultationFile,
  checkCommentFilters,
  checkConsultationFields,
  commentFoldedText,
  closeConsultationEarly,
  createConsultation,
  detachConsultationFile,
  getConsultationForEditing,
  listComments,
  listConsultationsForStaff,
  publishConsultation,
  publishReport,
  readSettings,
  saveConsultation,
  saveReport,
  submitComment,
  unpublishConsultation,
  updateSettings,
  type CommentFilters,
  type ConsultationFields,
  type ConsultationForEditing,
  type ConsultationInput,
  type ConsultationSummary,
  type StaffComment,
} from './consultations.service.js';
export { getPublishedConsultation, listPublishedConsultations, type PublicConsultation, type PublicConsultationSummary } from './consultations.public.js';
export { CONSULTATIONS_PATH, CONSULTATION_SEARCH_TYPE, consultationsSearchSource, syncConsultationSearch } from './consultations.search.js';
export { exportCommentsCsv, exportCommentsXlsx } from './consultations.export.js';
export { consultationsRetentionHandler, eraseCommenterData, eraseCommentersPastRetention, exportCommenterData, monthsBefore, type CommenterDataExport } from './consultations.personal-data.js';
export { CONSULTATIONS_RETENTION_JOB, ensureRetentionJob, scheduleRetentionJob } from './consultations.jobs.js';
export { CONSULTATION_AUDIT_ACTIONS } from './consultations.audit.js';
export { seedDemoConsultations } from './consultations.demo.js';
