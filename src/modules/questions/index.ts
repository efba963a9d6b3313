/**
 * Citizens' questions and answers (hỏi đáp): the public form and tracking, the staff's
 * inbox use-cases, deadlines in working days, the report, personal-data export, erasure
 * and retention, public reads, search records and the demo's Q&A. Other modules reach this
 * one only through this file; app.ts registers the public pages from questions.routes.ts.
 */
export { DEFAULT_ANSWER_DAYS, DEFAULT_RETENTION_DAYS, DEFAULT_TOPICS, DUE_SOON_DAYS, QUESTION_LIMITS, STATUS_LABELS, checkQuestionFields, newTrackingCode, normaliseTrackingCode, type QuestionFields, type QuestionInput, type QuestionStatus } from './question-rules.js';
export { QuestionNotFoundError, QuestionStepError } from './questions.errors.js';
export {
  INBOX_TABS,
  QUESTION_FORM,
  addTopic,
  assignQuestion,
  getQuestionForStaff,
  listAssignees,
  listInbox,
  listTopics,
  publishQuestion,
  readSettings,
  rejectQuestion,
  saveAnswer,
  submitQuestion,
  trackQuestion,
  unpublishQuestion,
  updateSettings,
  type InboxItem,
  type InboxTab,
  type QuestionForStaff,
  type QuestionSettings,
  type QuestionTopic,
  type SubmitResult,
} from './questions.service.js';
export { ANONYMOUS_ASKER, MAX_QUESTION_PAGE_SIZE, getPublishedQuestion, listPublishedQuestions, type PublicQuestion, type PublicQuestionSummary } from './questions.public.js';
export { QUESTIONS_PATH, QUESTION_SEARCH_TYPE, questionsSearchSource, syncQuestionSearch } from './questions.search.js';
export { questionReport, type MonthReport } from './questions.report.js';
export { eraseAskerData, erasePersonalDataPastRetention, exportAskerData, questionsRetentionHandler, type AskerDataExport } from './questions.personal-data.js';
export { QUESTIONS_RETENTION_JOB, ensureRetentionJob, scheduleRetentionJob } from './questions.jobs.js';
export { MAX_ATTACHMENT_BYTES, readAttachment } from './question-attachment.js';
export { QUESTION_AUDIT_ACTIONS } from './questions.audit.js';
export { DEMO_QUESTIONS, seedDemoQuestions } from './questions.demo.js';
export { exportInboxCsv } from './questions.export.js';
