/**
 * Citations become links. In an article's or a document's HTML, "Nghị định số
 * 75/2021/NĐ-CP", "Thông tư 26/2020/TT-BLĐTBXH" or a bare "75/2021/ND-CP" becomes a link
 * to that document when the site's registry has it (published), showing its tình trạng,
 * so a reader sees at once that a cited decree has been replaced. It runs at render time:
 * a document added later links the old articles that cite it.
 *
 * Only text is touched, never markup: the HTML is read with htmlparser2, and only the text
 * between tags (outside existing links and script-like elements) that holds a known
 * citation is written again, escaped, with the links in it. Everything else stays byte
 * for byte, so attributes can never gain a link and a hostile body stays what the
 * sanitiser made of it.
 */
import { Parser } from 'htmlparser2';
import type { Kysely } from 'kysely';
import type { Database } from '../../platform/db/database.js';
import { normaliseDocumentNumber } from './document-numbers.js';
import type { DocumentStatus } from './document-status.js';
import { findDocumentsByNumberKeys, type CitationTarget } from './legal-documents.public.js';

/** Words that name a kind of document before its number ("Nghị định số …"), longest first where one starts another. */
const TYPE_WORDS = [
  'Văn bản hợp nhất',
  'Thông tư liên tịch',
  'Nghị quyết liên tịch',
  'Bộ luật',
  'Luật',
  'Pháp lệnh',
  'Lệnh',
  'Nghị định',
  'Nghị quyết',
  'Thông tư',
  'Quyết định',
  'Chỉ thị',
  'Kế hoạch',
  'Công văn',
  'Thông báo',
  'Hướng dẫn',
  'Văn bản',
];

const DASH = '[-\u2010\u2011\u2012\u2013\u2014\u2212]';
const TYPE_PATTERN = TYPE_WORDS.map((words) => words.split(' ').join('\\s+')).join('|');
/**
 * (type and "số")? then number / (year /)? code(-code)*. The code starts with a letter, so
 * dates (20/11/2021) and fractions are never numbers. Spaces (no-break ones too) may sit
 * around the slashes and dashes.
 */
const CITATION = new RegExp(
  String.raw`(?<![\p{L}\p{N}/.])(?:(?:${TYPE_PATTERN})\s+(?:số\s*[:.]?\s*)?)?(\d{1,6}\s*/\s*(?:\d{4}\s*/\s*)?\p{L}[\p{L}\p{N}]*(?:\s*${DASH}\s*[\p{L}\p{N}]+)*)`,
  'dgiu',
);
const CODE_DASH = new RegExp(String.raw`\s*${DASH}\s*`, 'gu');

/** Elements whose text is not prose, or must not hold a link. */
const UNTOUCHED = new Set(['a', 'script', 'style', 'textarea', 'title', 'xmp', 'noscript', 'noembed', 'noframes', 'template', 'iframe', 'object', 'svg', 'math', 'select', 'option', 'plaintext', 'head', 'button', 'label']);
/** Bodies longer than this are left as they are (a stored body is at most about 1 million characters). */
const MAX_HTML_LENGTH = 2_000_000;
/** Candidate numbers read per body: a body listing thousands of numbers links the first ones. */
const MAX_CANDIDATES = 2_000;

const STATUS_MARKERS: Record<DocumentStatus, string> = {
  in_force: '',
  expired: '(hết hiệu lực)',
  replaced: '(đã bị thay thế)',
};
const STATUS_TITLES: Record<DocumentStatus, string> = {
  in_force: 'Còn hiệu lực',
  expired: 'Hết hiệu lực',
  replaced: 'Đã bị thay thế',
};
const STATUS_CLASSES: Record<DocumentStatus, string> = {
  in_force: 'citation--in-force',
  expired: 'citation--expired',
  replaced: 'citation--replaced',
};

interface TextSegment {
  /** Offsets of the raw text in the HTML (end exclusive). */
  start: number;
  end: number;
  /** The decoded text. */
  text: string;
}

/** The runs of text of `html` a citation may be linked in: outside links and script-like elements. */
function linkableSegments(html: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let current: TextSegment | null = null;
  let untouchedDepth = 0;
  const flush = () => {
    if (current && untouchedDepth === 0) segments.push(current);
    current = null;
  };
  const parser = new Parser(
    {
      ontext(text) {
        // Runs split at character references arrive one after the other: one segment.
        if (current && current.end === parser.startIndex) {
          current.text += text;
          current.end = parser.endIndex + 1;
        } else {
          flush();
          current = { start: parser.startIndex, end: parser.endIndex + 1, text };
        }
      },
      onopentagname(name) {
        flush();
        if (untouchedDepth > 0 || UNTOUCHED.has(name)) untouchedDepth++;
      },
      onclosetag(name) {
        flush();
        if (untouchedDepth > 0) untouchedDepth--;
        else if (UNTOUCHED.has(name)) untouchedDepth = 0;
      },
      oncomment: flush,
      oncdatastart: flush,
      onprocessinginstruction: flush,
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  flush();
  return segments;
}

interface Citation {
  /** In the segment's (NFC) text. */
  start: number;
  numberStart: number;
  /** Where the number may end, longest first, with the key each end gives. */
  ends: { end: number; key: string }[];
}

/** The citations written in a text (NFC), each with its candidate keys. */
function citationsIn(text: string): Citation[] {
  const found: Citation[] = [];
  for (const match of text.matchAll(CITATION)) {
    const numberStart = match.indices![1]![0];
    const numberText = match[1]!;
    // "75/2021/NĐ-CP - Quy định…" reads on as "…-CP-Quy": every cut at a dash is a candidate.
    const cuts = [...numberText.matchAll(CODE_DASH)].map((dash) => dash.index);
    const ends = [numberText.length, ...cuts.reverse()]
      .map((length) => ({ end: numberStart + length, key: normaliseDocumentNumber(numberText.slice(0, length)) }))
      .filter((candidate) => candidate.key);
    if (ends.length) found.push({ start: match.index, numberStart, ends });
    if (found.length >= MAX_CANDIDATES) break;
  }
  return found;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The number keys cited in `html` (every candidate spelling), for one lookup query. */
export function extractCitationKeys(html: string): string[] {
  if (typeof html !== 'string' || html.length > MAX_HTML_LENGTH) return [];
  const keys = new Set<string>();
  for (const segment of linkableSegments(html)) {
    for (const citation of citationsIn(segment.text.normalize('NFC'))) for (const { key } of citation.ends) keys.add(key);
    if (keys.size >= MAX_CANDIDATES) break;
  }
  return [...keys];
}

function citationLink(text: string, target: CitationTarget): string {
  const marker = STATUS_MARKERS[target.status];
  const title = `${target.title} (${STATUS_TITLES[target.status]})`;
  // Our own URLs are site paths (/van-ban/<slug>); anything else is not linked.
  const isSitePath = /^\/(?![/\\])[^\s"'<>]*$/.test(target.url);
  if (!isSitePath) return escapeHtml(text);
  return `<a href="${escapeHtml(target.url)}" class="citation ${STATUS_CLASSES[target.status]}" title="${escapeHtml(title)}">${escapeHtml(text)}${marker ? ` <span class="citation__status">${escapeHtml(marker)}</span>` : ''}</a>`;
}

/**
 * Links the citations of documents in `known` (number key → target) in sanitised HTML.
 * Text inside links, attributes and markup are left alone; a citation of a number not
 * in `known` stays text. Pure; never throws on any input.
 */
export function linkCitations(html: string, known: ReadonlyMap<string, CitationTarget>): string {
  if (typeof html !== 'string' || known.size === 0 || html.length > MAX_HTML_LENGTH) return typeof html === 'string' ? html : '';
  let out = '';
  let copied = 0;
  for (const segment of linkableSegments(html)) {
    const text = segment.text.normalize('NFC');
    let rewritten = '';
    let at = 0;
    for (const citation of citationsIn(text)) {
      const hit = citation.ends.find((candidate) => known.has(candidate.key));
      if (!hit) continue;
      rewritten += escapeHtml(text.slice(at, citation.start)) + citationLink(text.slice(citation.start, hit.end), known.get(hit.key)!);
      at = hit.end;
    }
    if (at === 0) continue;
    out += html.slice(copied, segment.start) + rewritten + escapeHtml(text.slice(at));
    copied = segment.end;
  }
  return copied === 0 ? html : out + html.slice(copied);
}

/**
 * Links the citations in a site's HTML to its published documents: one lookup query for
 * every number the HTML cites. `excludeUrls`: pages not to link to (the document's own page).
 */
export async function linkCitationsInHtml(db: Kysely<Database>, input: { siteId: string; html: string; now?: Date; excludeUrls?: string[] }): Promise<string> {
  const keys = extractCitationKeys(input.html);
  if (keys.length === 0) return input.html;
  const known = await findDocumentsByNumberKeys(db, input.siteId, keys, input.now);
  for (const [key, target] of known) if (input.excludeUrls?.includes(target.url)) known.delete(key);
  return linkCitations(input.html, known);
}
