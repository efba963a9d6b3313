/**
 * Article bodies are HTML from editors (and later from Word via mammoth); the client is
 * never trusted, so every body passes this allow-list on the server before it is stored.
 * Inline images are kept only as references to media records (data-media-id), which the
 * presenter expands into responsive <picture> markup.
 */
import sanitizeHtml from 'sanitize-html';

const MEDIA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'strong', 'em', 'b', 'i', 'u', 's', 'sub', 'sup', 'a', 'blockquote', 'hr', 'table', 'caption', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'figure', 'figcaption', 'img'],
  allowedAttributes: {
    // rel is set by transformTags below, whatever the editor sent.
    a: ['href', 'title', 'rel'],
    img: ['data-media-id', 'alt'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  exclusiveFilter: (frame) => frame.tag === 'img' && !MEDIA_ID.test(frame.attribs['data-media-id'] ?? ''),
  transformTags: {
    a: (tagName, { rel: _ignored, ...attribs }) => ({ tagName, attribs: /^https?:/i.test(attribs.href ?? '') ? { ...attribs, rel: 'noopener noreferrer' } : attribs }),
  },
};

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html.normalize('NFC'), OPTIONS);
}

/** Media ids referenced by inline images of a sanitised body. */
export function inlineMediaIds(html: string): string[] {
  return [...html.matchAll(/<img[^>]*\sdata-media-id="([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}
