/**
 * Snippets as text plus match ranges, never HTML: the page escapes the text and wraps the
 * ranges in <mark> itself. Cut from the original text (with diacritics) around the first
 * word whose folded form is one of the query's.
 */
import { scanWords } from './words.js';

/** A match in a text: text.slice(start, end), offsets in UTF-16 code units. */
export interface TextRange {
  start: number;
  end: number;
}

export interface Snippet {
  text: string;
  highlights: TextRange[];
  /** The text was cut before its start / after its end (show "…"). */
  isCutStart: boolean;
  isCutEnd: boolean;
}

export const SNIPPET_LENGTH = 220;
/** Characters kept before the first match, so the reader sees what leads up to it. */
const LEAD_IN = 70;

/** Ranges of every word of `text` whose folded form is in `folded`. */
export function highlightWords(text: string, folded: ReadonlySet<string>): TextRange[] {
  const ranges: TextRange[] = [];
  for (const word of scanWords(text)) if (folded.has(word.folded)) ranges.push({ start: word.start, end: word.end });
  return ranges;
}

function isLowSurrogate(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff;
}

/** A cut point at or after `index` that starts a word after a space, if one comes before `limit`. */
function startAfterSpace(text: string, index: number, limit: number): number {
  if (/\s/.test(text[index - 1] ?? ' ')) return index;
  const space = text.slice(index, limit).search(/\s/);
  if (space >= 0) return index + space + 1;
  return isLowSurrogate(text, index) ? index + 1 : index;
}

/** A cut point at or before `index` at a space, if one comes after `floor`. */
function endAtSpace(text: string, index: number, floor: number): number {
  if (/\s/.test(text[index] ?? ' ')) return index;
  const space = text.slice(floor, index).search(/\s\S*$/);
  if (space >= 0) return floor + space;
  return isLowSurrogate(text, index) ? index - 1 : index;
}

/** The window of `text` around [matchStart, matchEnd), cut at spaces where it can be; it always holds the match. */
function windowAround(text: string, matchStart: number, matchEnd: number, length: number): { start: number; end: number } {
  let start = Math.max(0, matchStart - LEAD_IN);
  let end = Math.min(text.length, start + length);
  // Near the end of the text (or a match longer than the lead-in allows): show more before it.
  if (end === text.length || end < matchEnd) {
    end = Math.max(end, matchEnd);
    start = Math.min(matchStart, Math.max(0, end - length));
  }
  if (start > 0) start = startAfterSpace(text, start, matchStart);
  if (end < text.length) end = endAtSpace(text, end, matchEnd);
  return { start, end };
}

function snippetOf(text: string, window: { start: number; end: number }, folded: ReadonlySet<string>): Snippet {
  const part = text.slice(window.start, window.end);
  return { text: part, highlights: highlightWords(part, folded), isCutStart: window.start > 0, isCutEnd: window.end < text.length };
}

/** The snippet around the first match in `text`, or undefined when no word matches. */
export function snippetAtFirstMatch(text: string, folded: ReadonlySet<string>, length = SNIPPET_LENGTH): Snippet | undefined {
  for (const word of scanWords(text)) {
    if (folded.has(word.folded)) return snippetOf(text, windowAround(text, word.start, word.end, length), folded);
  }
  return undefined;
}

/** The opening of `text` (for a record matched by its title only). */
export function openingSnippet(text: string, folded: ReadonlySet<string>, length = SNIPPET_LENGTH): Snippet {
  const end = text.length <= length ? text.length : endAtSpace(text, length, 0);
  return snippetOf(text, { start: 0, end }, folded);
}
