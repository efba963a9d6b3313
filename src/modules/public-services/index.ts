/**
 * Public services: administrative procedures (thủ tục hành chính) by field — their rules,
 * the staff use-cases, the managed list of fields, public reads, search records, the
 * sheet import and the demo's procedures. Other modules reach this one only through this
 * file; app.ts registers the public pages from public-services.routes.ts, so this file
 * pulls in no route.
 */
export {
  DOCUMENT_LIMITS as PROCEDURE_DOCUMENT_LIMITS,
  LEVEL_LABELS,
  MAX_CODE_LENGTH,
  MAX_URL_LENGTH,
  MAX_WORKING_DAYS,
  ONLINE_LEVELS,
  ONLINE_LEVEL_LABELS,
  PROCEDURE_LEVELS,
  checkPortalUrl,
  checkProcedureCode,
  documentCounts,
  documentLine,
  isOnlineLevel,
  isProcedureLevel,
  nationalPortalUrl,
  parseDocumentLines,
  parseLevel,
  parseOnlineLevel,
  type OnlineLevel,
  type ProcedureDocument,
  type ProcedureLevel,
} from './procedure-rules.js';
export { DEFAULT_PROCEDURE_FIELDS, createProcedureField, deleteProcedureField, ensureDefaultProcedureFields, listProcedureFields, updateProcedureField, type ProcedureField } from './procedure-fields.js';
export { ProcedureBusyError, ProcedureCodeTakenError, ProcedureFieldInUseError, ProcedureFieldNotFoundError, ProcedureNotFoundError, ProcedureNotReadyError, ProcedurePublicationStepError, ProcedureSlugTakenError } from './public-services.errors.js';
export {
  PROCEDURE_LIMITS,
  attachProcedureFile,
  createProcedure,
  detachProcedureFile,
  getProcedureForEditing,
  listProcedureRevisions,
  listProceduresForStaff,
  publishProcedure,
  saveProcedure,
  unpublishProcedure,
  type ProcedureFields,
  type ProcedureForEditing,
  type ProcedureInput,
  type ProcedureRevisionSummary,
  type ProcedureSnapshot,
  type StaffProcedureItem,
} from './public-services.service.js';
export { MAX_PROCEDURE_PAGE_SIZE, getPublishedProcedure, listProcedureFilters, listPublishedProcedures, type ProcedureFilters, type ProcedureListFilter, type ProcedureListPage, type PublicProcedure, type PublicProcedureSummary } from './public-services.public.js';
export { PROCEDURES_PATH, PROCEDURE_SEARCH_LABEL, PROCEDURE_SEARCH_TYPE, procedureSearchRecord, publicServicesSearchSource, syncProcedureSearch } from './public-services.search.js';
export {
  PROCEDURE_IMPORT_COLUMNS,
  applyProcedureImport,
  previewProcedureImport,
  type ProcedureImportCells,
  type ProcedureImportColumn,
  type ProcedureImportPreview,
  type ProcedureImportResult,
  type ProcedureImportRow,
} from './public-services.import.js';
export { DEMO_PROCEDURES, seedDemoPublicServices } from './public-services.demo.js';
