export {
  createArticle,
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
export { inlineMediaIds } from './sanitize-body.js';
export { ArticleNotFoundError, ArticleSlugBusyError, ArticleSlugTakenError, PageOutOfRangeError } from './articles.errors.js';
