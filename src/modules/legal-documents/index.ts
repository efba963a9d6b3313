/**
 * The legal documents registry (Văn bản): numbers and their rules, the staff use-cases,
 * public reads, the citation linker, search records and sheet imports. Pages and routes
 * live elsewhere and reach this module only through this file.
 */
export { documentSlug, looksLikeDocumentNumber, matchesNumberPrefix, normaliseDocumentNumber, numberIdentity, numberYear, MAX_NUMBER_LENGTH } from './document-numbers.js';
export { COLLECTION_LABELS, COLLECTION_PAGES, DEFAULT_DOCUMENT_TYPES, DOCUMENT_COLLECTIONS, isDocumentCollection, type CollectionPage, type DocumentCollection } from './document-collections.js';
export { formatDocumentDay, parseDocumentDay } from './document-dates.js';
export { DOCUMENT_STATUSES, DOCUMENT_STATUS_LABELS, PUBLICATIONS, PUBLICATION_LABELS, effectiveStatus, isDocumentStatus, vietnamDay, type DocumentStatus, type Publication } from './document-status.js';
export {
  DEFAULT_DOCUMENT_FIELDS,
  createDocumentListItem,
  deleteDocumentListItem,
  ensureDefaultLists,
  listDocumentListItems,
  updateDocumentListItem,
  type DocumentList,
  type DocumentListItem,
} from './document-lists.js';
export { DocumentListItemInUseError, DocumentListItemNotFoundError, DocumentNumberTakenError, DocumentSlugBusyError, DocumentSlugTakenError, InvalidPublicationStepError, LegalDocumentNotFoundError } from './legal-documents.errors.js';
export {
  DOCUMENT_LIMITS,
  DocumentNotReadyError,
  attachDocumentFile,
  createLegalDocument,
  detachDocumentFile,
  getDocumentForEditing,
  listDocumentRevisions,
  listDocumentsForStaff,
  markDocumentReplaced,
  publishLegalDocument,
  relateDocuments,
  saveLegalDocument,
  unpublishLegalDocument,
  type DocumentRevisionSummary,
  type LegalDocumentFields,
  type LegalDocumentForEditing,
  type LegalDocumentInput,
  type LegalDocumentSnapshot,
  type StaffDocumentItem,
} from './legal-documents.service.js';
export {
  MAX_PUBLIC_PAGE_SIZE,
  findDocumentsByNumber,
  findDocumentsByNumberKeys,
  getPublishedDocument,
  listDocumentFilters,
  listPublishedDocuments,
  type CitationTarget,
  type DocumentFilters,
  type DocumentListFilter,
  type DocumentListPage,
  type PublicDocument,
  type PublicDocumentLink,
  type PublicDocumentSummary,
} from './legal-documents.public.js';
export { DOCUMENT_SEARCH_TYPE, DOCUMENTS_PATH, documentSearchRecord, documentTitle, documentsSearchSource, syncDocumentSearch } from './legal-documents.search.js';
export { extractCitationKeys, linkCitations, linkCitationsInHtml } from './citation-linker.js';
export {
  IMPORT_COLUMNS,
  applyImport,
  previewDays,
  previewImport,
  type ImportCells,
  type ImportColumn,
  type ImportPreview,
  type ImportPreviewRow,
  type ImportResult,
  type ImportRowError,
  type RawImportRow,
} from './legal-documents.import.js';
export { SHEET_LIMITS, cellText, readSheet, type SheetFormat, type SheetRows } from './sheet-reader.js';
