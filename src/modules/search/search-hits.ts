/** A page of ranked matches turned into hits: title, URL, date and a snippet each. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { SearchAttachment, SearchLanguage } from './search-records.js';
import { highlightWords, openingSnippet, snippetAtFirstMatch, type Snippet, type TextRange } from './snippet.js';

/** Characters of a body read to find the snippet's match. */
const SNIPPET_SCAN_LENGTH = 20_000;

export interface SearchHit {
  type: string;
  id: string;
  title: string;
  /** Matches in the title. */
  titleHighlights: TextRange[];
  url: string;
  publishedAt: string;
  categoryId: string | null;
  language: SearchLanguage;
  /** Text around the first match (or the opening of the text when only the title matched). */
  snippet: Snippet;
  /** Set when the snippet comes from an attached file: the hit links to it. */
  attachment?: { name: string; url: string };
  /** The record holds every word of the query exactly as typed, diacritics included. */
  isExactMatch: boolean;
}

/** Hits of a page of ranked matches, in their order, with title highlights and a snippet each. */
export async function loadHits(db: Kysely<Database>, ranked: { id: number; isExact: boolean }[], folded: Set<string>): Promise<SearchHit[]> {
  if (ranked.length === 0) return [];
  const rows = await db
    .selectFrom('search_records')
    .select(['id', 'type', 'record_id', 'title', 'url', 'published_at', 'category_id', 'language', 'attachments'])
    .select(sql<string>`substr(body, 1, ${SNIPPET_SCAN_LENGTH})`.as('body'))
    .where('id', 'in', ranked.map((r) => r.id))
    .execute();
  const byId = new Map(rows.map((row) => [Number(row.id), row]));
  return ranked.flatMap(({ id, isExact }) => {
    const row = byId.get(id);
    if (!row) return [];
    const attachments = JSON.parse(row.attachments) as SearchAttachment[];
    const inBody = snippetAtFirstMatch(row.body, folded);
    const file = inBody ? undefined : attachments.map((a) => ({ a, snippet: snippetAtFirstMatch(a.text, folded) })).find((f) => f.snippet);
    return [{
      type: row.type,
      id: row.record_id,
      title: row.title,
      titleHighlights: highlightWords(row.title, folded),
      url: row.url,
      publishedAt: row.published_at,
      categoryId: row.category_id,
      language: row.language as SearchLanguage,
      snippet: inBody ?? file?.snippet ?? openingSnippet(row.body, folded),
      ...(file ? { attachment: { name: file.a.name, url: file.a.url } } : {}),
      isExactMatch: isExact,
    }];
  });
}
