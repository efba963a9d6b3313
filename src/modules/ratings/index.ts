/**
 * Readers' satisfaction ratings ("Thông tin có hữu ích không?"): the widget pages place,
 * the rating use-case, the staff's results and export, and the demo's ratings. app.ts
 * registers the endpoint and thank-you page from ratings.routes.ts, so this file pulls in
 * no route (public-site's views import the widget from here).
 */
export { RATING_LIMITS, checkRatingInput, cleanComment, isPagePathShaped, ratingDay, readerKey, type CheckedRating, type RatingInput } from './rating-rules.js';
export { HONEYPOT_FIELD, PRIVACY_NOTE, RATING_ACTION, RatingWidget, THANKS_PATH } from './rating-widget.js';
export { sheetCell, toCsv } from './rating-sheet.js';
export { CrossSiteRatingError, RatingPageNotFoundError } from './ratings.errors.js';
export {
  EXPORT_COLUMNS,
  MAX_COMMENTS_SHOWN,
  NO_CATEGORY,
  RESULT_ORDERS,
  exportRatings,
  getPageRatings,
  listRatingResults,
  submitRating,
  type CategoryResult,
  type PageResult,
  type RatingComment,
  type RatingOutcome,
  type RatingTally,
  type ResultOrder,
} from './ratings.service.js';
export { seedDemoRatings } from './ratings.demo.js';
