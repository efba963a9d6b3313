/**
 * The stored form of an article body is sanitised HTML, not an editor document (JSON) or
 * Markdown, because:
 * - it renders as it is: the public page and the API need no conversion step, only the
 *   inline-image expansion below;
 * - every source we take bodies from already speaks HTML: the TipTap editor, mammoth's
 *   .docx import and text pasted from Word or LibreOffice;
 * - the server never trusts it: every save passes this allow-list again, whatever the
 *   client did, so the allow-list (not the editor) is what defines a valid body.
 *
 * The allow-list is exactly what the staff editor produces: p, h2–h4, strong/em/u/s,
 * sub/sup, ul/ol/li, a, blockquote, hr, br, tables and figures. Other sources are mapped
 * onto it (h1 → h2, h5/h6 → h4, b → strong, i → em, del/strike → s) or unwrapped (span,
 * font, div keep their text). No style, class, id or event attribute survives, and
 * script-like containers (script, style, svg, math, iframe, template, noscript…) are
 * dropped with their content.
 *
 * Inline images are kept only as references to media records:
 * `<figure><img data-media-id="<uuid>" alt="…"><figcaption>…</figcaption></figure>` (or a
 * bare img); the public presenter expands them into responsive <picture> markup, so a
 * body never carries an image URL.
 */
import { Parser } from 'htmlparser2';
import sanitizeHtml from 'sanitize-html';

const MEDIA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Tags a stored body may contain, and nothing else. */
export const BODY_TAGS = ['p', 'br', 'h2', 'h3', 'h4', 'strong', 'em', 'u', 's', 'sub', 'sup', 'ul', 'ol', 'li', 'a', 'blockquote', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'figure', 'img', 'figcaption'] as const;

/** Schemes an absolute link may use; anything else (javascript:, data:, vbscript:, file:…) loses its href. */
const LINK_SCHEME = /^(?:https?|mailto|tel):/i;

/**
 * Containers whose content is code, another language or a document of its own: dropped
 * whole, text included (sanitize-html otherwise keeps the text of a tag it removes).
 * The first five are sanitize-html's defaults and must stay.
 */
const DROPPED_WITH_CONTENT = ['script', 'style', 'textarea', 'option', 'xmp', 'noscript', 'noembed', 'noframes', 'template', 'title', 'head', 'iframe', 'object', 'applet', 'svg', 'math', 'select', 'plaintext', 'xml'];

/**
 * URL parsers drop ASCII tab and newline anywhere and C0 controls or spaces at either end
 * (WHATWG URL, "basic URL parser"), so `jav&#x09;ascript:` is `javascript:` to a browser.
 * The check runs on the URL as the browser will read it, and that is also what is stored.
 */
function cleanHref(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  // eslint-disable-next-line no-control-regex
  const href = raw.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
  if (LINK_SCHEME.test(href)) return href;
  // Site-relative paths only: `//host` and `/\host` are protocol-relative to a browser.
  if (/^\/(?![/\\])/.test(href)) return href;
  return undefined;
}

/** colspan/rowspan: a whole number 1–100, and 1 (the default) is left out. */
function cleanSpan(raw: string | undefined): string | undefined {
  if (raw === undefined || !/^\s*\d{1,3}\s*$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 2 && n <= 100 ? String(n) : undefined;
}

function cellAttributes(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const result: sanitizeHtml.Attributes = {};
  const colspan = cleanSpan(attribs.colspan);
  const rowspan = cleanSpan(attribs.rowspan);
  if (colspan) result.colspan = colspan;
  if (rowspan) result.rowspan = rowspan;
  return result;
}

const renameTo =
  (tagName: string): sanitizeHtml.Transformer =>
  () => ({ tagName, attribs: {} });

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...BODY_TAGS],
  allowedAttributes: {
    a: ['href', 'rel'],
    img: ['data-media-id', 'alt'],
    ol: ['start'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  nonTextTags: DROPPED_WITH_CONTENT,
  // Every transform rebuilds the attributes from scratch: only what is named here survives.
  transformTags: {
    h1: renameTo('h2'),
    h5: renameTo('h4'),
    h6: renameTo('h4'),
    b: renameTo('strong'),
    i: renameTo('em'),
    del: renameTo('s'),
    strike: renameTo('s'),
    ins: renameTo('u'),
    tfoot: renameTo('tbody'),
    a: (tagName, attribs) => {
      const href = cleanHref(attribs.href);
      const result: sanitizeHtml.Attributes = {};
      if (href !== undefined) result.href = href;
      // rel is ours, whatever the editor sent: external links must not get window.opener.
      if (href !== undefined && /^https?:/i.test(href)) result.rel = 'noopener noreferrer';
      return { tagName, attribs: result };
    },
    img: (tagName, attribs) => ({ tagName, attribs: { 'data-media-id': (attribs['data-media-id'] ?? '').trim().toLowerCase(), alt: (attribs.alt ?? '').normalize('NFC') } }),
    ol: (tagName, attribs): sanitizeHtml.Tag => ({ tagName, attribs: /^[1-9]\d{0,3}$/.test(attribs.start ?? '') && attribs.start !== '1' ? { start: attribs.start! } : {} }),
    th: (tagName, attribs) => ({ tagName, attribs: cellAttributes(attribs) }),
    td: (tagName, attribs) => ({ tagName, attribs: cellAttributes(attribs) }),
  },
  exclusiveFilter: (frame) => {
    // An image is only ever a reference to a media record.
    if (frame.tag === 'img') return !MEDIA_ID.test(frame.attribs['data-media-id'] ?? '');
    // A link whose address was refused keeps its text, not an empty <a>.
    if (frame.tag === 'a' && !frame.attribs.href) return 'excludeTag';
    return false;
  },
  // Text arrives in chunks split at character references. A chunk that starts with
  // U+0338 is written as a reference: raw, it would follow a tag's ">" in the output, and
  // NFC composes ">" + U+0338 into "≯", eating the ">" and merging the tag with the text.
  textFilter: (text) => text.replace(/^\u0338/, '&#x338;'),
};

/**
 * The allow-listed, NFC form of an article body; idempotent, so safe to run on every save.
 */
export function sanitizeBody(html: string): string {
  let current = sanitizePass(html);
  // One pass can leave markup that the parser nests differently when it reads it back
  // (`<p><o:p><p>` gives `<p><p></p></p>`, which reads as three paragraphs), so repeat
  // until the output is stable: a stored body must not change on the next save.
  for (let pass = 1; pass < MAX_PASSES; pass++) {
    const next = sanitizePass(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

/** Passes seen in practice: 2, and 3 for junk around nested paragraphs. */
const MAX_PASSES = 5;

function sanitizePass(html: string): string {
  // Normalised before parsing so the parser sees what is stored, and after, because
  // decoded character references may leave combining marks uncomposed (see textFilter).
  // A U+0338 right after "<" or ">" becomes a reference first, so NFC cannot fold it into
  // "≮"/"≯" and change where a tag ends.
  const input = html.replace(CONTROL_CHARACTERS, '').replace(/([<>])\u0338/g, '$1&#x338;').normalize('NFC');
  return sanitizeHtml(input, OPTIONS).replace(CONTROL_CHARACTERS, '').normalize('NFC');
}

/**
 * C0 controls but tab and line breaks, and DEL: never text a reader should get, and a NUL
 * is refused by PostgreSQL (a 500 instead of a saved body). Removed before parsing and
 * again after, as a character reference (&#1;) decodes to one.
 */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Media ids referenced by inline images of a sanitised body. */
export function inlineMediaIds(html: string): string[] {
  return [...html.matchAll(/<img[^>]*\sdata-media-id="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

/** Ids of library files a sanitised body links to (`<a href="/media/<id>/…">`: attached documents), each once. */
export function linkedMediaIds(html: string): string[] {
  return [...new Set([...html.matchAll(/<a href="\/media\/([0-9a-f-]{36})\//g)].map((m) => m[1]!))];
}

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'figure', 'figcaption', 'table', 'tr', 'ul', 'ol', 'hr', 'div']);

/**
 * The text of a body, one line per block (paragraph, heading, list item, table row,
 * caption) and cells separated by a tab; image descriptions count as text. For revision
 * diffs and the search index, so it is stable: whitespace collapsed, NFC, no blank lines.
 */
export function htmlToPlainText(html: string): string {
  const lines: string[] = [];
  let line = '';
  let cellsInRow = 0;
  let cellDepth = 0;
  let skipDepth = 0;
  const breakLine = () => {
    // Tabs only ever separate cells (text tabs became spaces in ontext).
    const text = line.replace(/[^\S\t]+/g, ' ').replace(/ *\t */g, '\t').trim();
    if (text) lines.push(text);
    line = '';
  };
  const parser = new Parser({
    onopentag(name, attribs) {
      if (skipDepth || DROPPED_WITH_CONTENT.includes(name)) {
        skipDepth++;
        return;
      }
      if (name === 'tr') cellsInRow = 0;
      if (name === 'td' || name === 'th') {
        if (cellsInRow++ > 0) line += '\t';
        cellDepth++;
        return;
      }
      // Paragraphs and line breaks inside a cell stay on the row's line.
      if (cellDepth && (name === 'br' || BLOCK_TAGS.has(name))) {
        line += ' ';
        return;
      }
      if (name === 'br') {
        breakLine();
        return;
      }
      if (BLOCK_TAGS.has(name)) breakLine();
      if (name === 'img' && attribs.alt) {
        breakLine();
        line = attribs.alt;
        breakLine();
      }
    },
    ontext(text) {
      if (!skipDepth) line += text.replace(/\t/g, ' ');
    },
    onclosetag(name) {
      if (skipDepth) {
        skipDepth--;
        return;
      }
      if (name === 'td' || name === 'th') cellDepth = Math.max(0, cellDepth - 1);
      else if (cellDepth) line += BLOCK_TAGS.has(name) ? ' ' : '';
      else if (BLOCK_TAGS.has(name)) breakLine();
    },
  });
  parser.write(html);
  parser.end();
  breakLine();
  return lines.join('\n').normalize('NFC');
}
