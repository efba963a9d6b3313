/**
 * The schema as Kysely sees it. Empty here on purpose: platform knows no feature, so each
 * module adds its own tables from its `<module>.table.ts` by declaration merging:
 *
 *   declare module '../../platform/db/database.js' {
 *     interface Database { articles: ArticlesTable }
 *   }
 */
export interface Database {}
