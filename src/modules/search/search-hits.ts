/** A page of ranked matches turned into hits: title, URL, date and a snippet each. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import type { SearchAttachment, SearchLanguage } from './search-records.js';
import { highlightWords, openingSnippet, snippetAtFirstMatch, type Snippet, type TextRange } from './snippet.js';
import { scanWords } from './words.js';

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

/** How many of the query's words a text holds. */
function distinctWordsIn(text: string, folded: ReadonlySet<string>): number {
  const seen = new Set<string>();
  for (const word of scanWords(text)) if (folded.has(word.folded)) seen.add(word.folded);
  return seen.size;
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
    // The snippet comes from the text holding most of the query's words: the body, or the file that matched.
    const best = attachments.reduce<{ file?: SearchAttachment; found: number }>((best, file) => {
      const found = distinctWordsIn(file.text.slice(0, SNIPPET_SCAN_LENGTH), folded);
      return found > best.found ? { file, found } : best;
    }, { found: distinctWordsIn(row.body, folded) });
    const inBody = best.file ? undefined : snippetAtFirstMatch(row.body, folded);
    const file = best.file && { a: best.file, snippet: snippetAtFirstMatch(best.file.text.slice(0, SNIPPET_SCAN_LENGTH), folded) };
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
