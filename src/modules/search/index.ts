export { MAX_PAGE, MAX_PAGE_SIZE, searchSite, type SearchInput, type SearchResult } from './search.service.js';
export { countPublishedPages, findPublishedPage, listPublishedPageLinks, listPublishedPages, removeSearchRecord, upsertSearchRecord, type PublishedPage, type SearchAttachment, type SearchLanguage, type SearchRecord, type SearchRecordKey } from './search-records.js';
export { pagesById, reindexSite, requestSearchReindex, SEARCH_REINDEX_JOB, type ReindexProgress, type SearchSource } from './search-reindex.js';
export type { SearchHit } from './search-hits.js';
export { searchMessages } from './search.errors.js';
export { MAX_RANKED_MATCHES } from './search-index.js';
export { MAX_QUERY_LENGTH, MAX_QUERY_WORDS, parseSearchQuery, type ParsedQuery, type QueryTerm, type QueryWord } from './query-parser.js';
export type { Snippet, TextRange } from './snippet.js';
