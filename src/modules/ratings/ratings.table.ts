/** Readers' ratings of pages and the daily secrets of their reader keys. Row types as stored. */

export interface RatingsTable {
  id: string;
  site_id: string;
  /** Site-relative path of the rated page ('/tin-tuc/thong-bao/lich-tiep-dan'). */
  page_path: string;
  /** The page's title when last rated. */
  page_title: string;
  category_id: string | null;
  /** 1 = useful, 0 = not. */
  is_useful: number;
  /** Cleaned plain text; '' when none. */
  comment: string;
  /** 'YYYY-MM-DD' in Asia/Ho_Chi_Minh: never the time. */
  day: string;
  /** HMAC of the reader under the day's secret: unlinkable once the secret is gone. */
  reader_key: string;
}

export interface RatingSecretsTable {
  /** 'YYYY-MM-DD' */
  day: string;
  secret: string;
}

declare module '../../platform/db/database.js' {
  interface Database {
    ratings: RatingsTable;
    rating_secrets: RatingSecretsTable;
  }
}
