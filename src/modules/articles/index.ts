export {
  countPublishedArticles,
  createArticle,
  listPublishedLinks,
  type ArticleLink,
  getPublishedArticle,
  listLatestArticles,
  listLatestPerGroup,
  listOtherArticles,
  listPublishedInCategories,
  PUBLISH_DUE_JOB,
  publishDueHandler,
  type Article,
  type ArticlePage,
  type ArticleStatus,
  type ArticleSummary,
  type GalleryItem,
  type NewArticle,
} from './articles.service.js';
export { htmlToPlainText, inlineMediaIds } from './sanitize-body.js';
export { importDocx } from './docx-import.js';
export { ArticleNotFoundError, ArticleSlugBusyError, ArticleSlugTakenError, PageOutOfRangeError } from './articles.errors.js';
export {
  ArticleNotReadyError,
  InvalidTransitionError,
  confirmSecondLook,
  createDraft,
  getArticleForEditing,
  getRevision,
  listArticlesForStaff,
  listRevisions,
  missingForPublication,
  restoreRevision,
  saveArticle,
  takeStep,
  type ArticleFields,
  type ArticleFieldsInput,
  type ArticleForEditing,
  type RevisionSummary,
  type StaffArticleItem,
  type StaffListView,
  type StepInput,
} from './newsroom.service.js';
export { ARTICLE_STATES, STATE_LABELS, type ArticleState, type WorkflowStep } from './workflow.js';
