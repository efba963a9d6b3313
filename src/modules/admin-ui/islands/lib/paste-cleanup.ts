/**
 * Cleans HTML pasted from Microsoft Word, LibreOffice or Google Docs before the editor
 * parses it. The editor's schema already refuses anything it has no node for; this step
 * is for what the schema would misread:
 * - Word writes lists as paragraphs styled `mso-list:l0 level1 lfo1` with the bullet or
 *   number as text, so they become real <ul>/<ol> here;
 * - formatting carried by style (Google Docs' `font-weight:700` spans, its whole-document
 *   `<b style="font-weight:normal">` wrapper) becomes <strong>/<em>/<u>/<s>/<sup>/<sub>;
 * - comments, conditional comments, <style>, <o:p>, VML, spans, fonts, classes, styles and
 *   empty paragraphs go; h1 → h2 and h5/h6 → h4, as the server maps them;
 * - images: `data:` ones are kept as blobs to upload, images of this site's media library
 *   become references, and the rest (Word's `file:///…clip_image001.png`, `blob:`, other
 *   sites) cannot be fetched from here and are dropped and counted.
 */

export interface PendingImage {
  /** Marks the placeholder figure (`img[data-pending-upload]`) until the upload ends. */
  token: string;
  blob: Blob;
  alt: string;
}

export interface CleanedPaste {
  html: string;
  images: PendingImage[];
  /** Images left out because their bytes cannot be read in the browser. */
  droppedImages: number;
}

const MEDIA_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Public variants (/media/<id>/…) and the staff thumbnail (/admin/media/<id>/thumb). */
const MEDIA_PATH = /^\/(?:admin\/)?media\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:[/.?#]|$)/i;
const UPLOADABLE_DATA_URL = /^data:(image\/(?:png|jpeg|gif|webp));base64,([a-z0-9+/=\s]+)$/i;

const REMOVED_WITH_CONTENT = 'script, style, x-paste-style, meta, link, title, template, iframe, object, embed, svg, math, noscript, xml, colgroup, col, caption, button, select, textarea, input';
const KEPT_ATTRIBUTES: Record<string, readonly string[]> = {
  A: ['href'],
  IMG: ['data-media-id', 'data-pending-upload', 'alt'],
  OL: ['start'],
  TD: ['colspan', 'rowspan'],
  TH: ['colspan', 'rowspan'],
};

export function cleanPastedHtml(html: string, { newToken, origin = location.origin }: { newToken: () => string; origin?: string }): CleanedPaste {
  // DOMParser documents are inert: nothing in them runs or loads. Style attributes are
  // renamed first: even there, parsing one is reported as a CSP violation (style-src 'self').
  const doc = new DOMParser().parseFromString(renameStyleAttributes(html), 'text/html');
  const body = doc.body;
  const images: PendingImage[] = [];
  let droppedImages = 0;

  // Copied from this editor (or another ProseMirror): already in schema form; only images
  // need handling, and the slice markers must stay so partial lists paste back whole.
  const isEditorSlice = body.querySelector('[data-pm-slice]') !== null;

  if (!isEditorSlice) {
    removeComments(body);
    for (const element of body.querySelectorAll(REMOVED_WITH_CONTENT)) element.remove();
    for (const element of [...body.querySelectorAll('*')]) {
      if (/^v:/i.test(element.tagName)) element.remove();
    }
    convertWordLists(body);
    renameHeadings(body);
    styleToTags(body);
  }

  for (const img of [...body.querySelectorAll('img')]) {
    const mediaId = img.getAttribute('data-media-id') ?? mediaIdFromSrc(img.getAttribute('src') ?? '', origin);
    const alt = (img.getAttribute('alt') ?? '').trim();
    if (mediaId && MEDIA_ID.test(mediaId)) {
      replaceImage(img, { 'data-media-id': mediaId.toLowerCase(), alt });
      continue;
    }
    const blob = blobFromDataUrl(img.getAttribute('src') ?? '');
    if (blob) {
      const token = newToken();
      images.push({ token, blob, alt });
      replaceImage(img, { 'data-pending-upload': token, alt });
      continue;
    }
    if (img.hasAttribute('data-pending-upload')) continue;
    img.remove();
    droppedImages++;
  }

  if (!isEditorSlice) {
    unwrapAll(body);
    hoistLoneImages(body);
    dropEmptyParagraphs(body);
    stripAttributes(body);
  }
  return { html: body.innerHTML, images, droppedImages };
}

/** Where a pasted element's style attribute is kept while cleaning (see renameStyleAttributes). */
const STYLE = 'data-paste-style';

/**
 * `style=` inside start tags becomes `data-paste-style=`, and <style> elements become
 * <x-paste-style> (removed below with their content). A value holding ">" ends the scan of
 * its tag early; such a style attribute then stays, which costs a console report and
 * nothing else.
 */
function renameStyleAttributes(html: string): string {
  return html.replace(/<(\/?)style\b/gi, '<$1x-paste-style').replace(/<[a-z][^\s/>]*[^>]*>/gi, (tag) => tag.replace(/(\s)style(\s*=)/gi, `$1${STYLE}$2`));
}

/** One property of an inline style, lower-cased: `font-weight` of "mso-bidi-font-weight:normal;font-weight:bold" is "bold". */
function styleProperty(element: Element, property: string): string {
  for (const declaration of (element.getAttribute(STYLE) ?? '').split(';')) {
    const colon = declaration.indexOf(':');
    if (colon > 0 && declaration.slice(0, colon).trim().toLowerCase() === property) return declaration.slice(colon + 1).trim().toLowerCase();
  }
  return '';
}

function removeComments(root: Node): void {
  const walker = root.ownerDocument!.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const comment of comments) comment.parentNode?.removeChild(comment);
}

function rename(element: Element, tagName: string): Element {
  const renamed = element.ownerDocument.createElement(tagName);
  for (const name of element.getAttributeNames()) renamed.setAttribute(name, element.getAttribute(name)!);
  renamed.append(...element.childNodes);
  element.replaceWith(renamed);
  return renamed;
}

function unwrap(element: Element): void {
  element.replaceWith(...element.childNodes);
}

function renameHeadings(root: HTMLElement): void {
  for (const element of [...root.querySelectorAll('h1, p.MsoTitle, p.title')]) rename(element, 'h2');
  for (const element of [...root.querySelectorAll('h5, h6')]) rename(element, 'h4');
  for (const element of [...root.querySelectorAll('p.MsoSubtitle, p.subtitle')]) element.removeAttribute('class');
}

/** A `mso-list` paragraph: its list, level and whether its marker is a number or letter. */
function wordListItem(element: Element): { level: number; isOrdered: boolean } | undefined {
  if (element.tagName !== 'P') return undefined;
  const match = /^l\d+\s+level(\d+)/.exec(styleProperty(element, 'mso-list'));
  if (!match) return undefined;
  const marker = wordListMarker(element);
  const markerText = (marker?.textContent ?? '').replace(/[\s\u00a0]+/g, '');
  marker?.remove();
  return { level: Number(match[1]), isOrdered: /^\(?(?:\d+|[a-z]|[ivxlcdm]+)[.)]/i.test(markerText) };
}

/** The span holding Word's bullet or number ("·", "1."), written as text. */
function wordListMarker(element: Element): Element | undefined {
  return [...element.querySelectorAll(`[${STYLE}]`)].find((span) => styleProperty(span, 'mso-list') === 'ignore');
}

/** Word's list paragraphs (consecutive siblings) become nested <ul>/<ol>. */
function convertWordLists(root: HTMLElement): void {
  // Numbered headings keep their number as text: only paragraphs become list items.
  for (const heading of root.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
    const marker = wordListMarker(heading);
    if (marker) marker.replaceWith(`${(marker.textContent ?? '').replace(/[\s\u00a0]+/g, ' ').trim()} `);
  }
  const parents = new Set<Element>();
  for (const p of root.querySelectorAll(`p[${STYLE}*="mso-list" i]`)) if (p.parentElement) parents.add(p.parentElement);
  for (const parent of parents) {
    let stack: Array<{ level: number; list: HTMLElement }> = [];
    let previousWasItem = false;
    for (const node of [...parent.childNodes]) {
      if (node.nodeType === Node.TEXT_NODE && !node.textContent?.trim()) continue;
      const item = node instanceof Element ? wordListItem(node) : undefined;
      if (!item || !(node instanceof Element)) {
        previousWasItem = false;
        stack = [];
        continue;
      }
      if (!previousWasItem) stack = [];
      previousWasItem = true;
      while (stack.length && stack[stack.length - 1]!.level > item.level) stack.pop();
      const top = stack[stack.length - 1];
      let list: HTMLElement;
      if (top && top.level === item.level) {
        list = top.list;
      } else {
        list = node.ownerDocument.createElement(item.isOrdered ? 'ol' : 'ul');
        const host = top?.list.lastElementChild;
        if (host) host.append(list);
        else node.before(list);
        stack.push({ level: item.level, list });
      }
      const li = node.ownerDocument.createElement('li');
      li.append(...node.childNodes);
      list.append(li);
      node.remove();
    }
  }
}

const INLINE_STYLED = 'span, font, b, strong, i, em, u, a, s, strike, sup, sub';

/** Formatting that Google Docs and others carry in style attributes, as tags. */
function styleToTags(root: HTMLElement): void {
  for (const element of [...root.querySelectorAll(INLINE_STYLED)]) {
    const weight = styleProperty(element, 'font-weight');
    // Google Docs wraps the whole copy in <b style="font-weight:normal" id="docs-internal-guid-…">.
    if (element.tagName === 'B' && /^(normal|[1-4]00)$/.test(weight)) {
      unwrap(element);
      continue;
    }
    if (!element.hasAttribute(STYLE)) continue;
    const decoration = `${styleProperty(element, 'text-decoration')} ${styleProperty(element, 'text-decoration-line')}`;
    const align = styleProperty(element, 'vertical-align');
    const wrappers: string[] = [];
    if (/^(bold|bolder|[6-9]00)$/.test(weight)) wrappers.push('strong');
    if (styleProperty(element, 'font-style') === 'italic') wrappers.push('em');
    if (decoration.includes('underline')) wrappers.push('u');
    if (decoration.includes('line-through')) wrappers.push('s');
    if (align === 'super') wrappers.push('sup');
    if (align === 'sub') wrappers.push('sub');
    for (const tag of wrappers) {
      const wrapper = element.ownerDocument.createElement(tag);
      wrapper.append(...element.childNodes);
      element.append(wrapper);
    }
  }
}

/** Containers with no meaning of their own, and links that go nowhere useful. */
function unwrapAll(root: HTMLElement): void {
  for (const element of [...root.querySelectorAll('*')]) {
    const tag = element.tagName;
    if (tag === 'SPAN' || tag === 'FONT' || tag.includes(':')) unwrap(element);
    // Word bookmarks (<a name>) and footnote references (#_ftn1) are not links to keep.
    else if (tag === 'A' && !/^(?:https?:|mailto:|tel:|\/(?![/\\]))/i.test((element.getAttribute('href') ?? '').trim())) unwrap(element);
  }
}

/** A paragraph holding only an image becomes the image (a figure), not an empty paragraph and a figure. */
function hoistLoneImages(root: HTMLElement): void {
  for (const p of [...root.querySelectorAll('p')]) {
    const images = p.querySelectorAll('img');
    if (images.length && !(p.textContent ?? '').replace(/[\s\u00a0]/g, '')) p.replaceWith(...images);
  }
}

/** Word's spacer paragraphs (`<p>&nbsp;</p>`) are layout, not content. */
function dropEmptyParagraphs(root: HTMLElement): void {
  for (const p of [...root.querySelectorAll('p')]) {
    if (!(p.textContent ?? '').replace(/[\s\u00a0]/g, '') && !p.querySelector('img')) p.remove();
  }
}

function stripAttributes(root: HTMLElement): void {
  for (const element of root.querySelectorAll('*')) {
    const kept = KEPT_ATTRIBUTES[element.tagName] ?? [];
    for (const name of element.getAttributeNames()) if (!kept.includes(name)) element.removeAttribute(name);
  }
}

function replaceImage(img: HTMLImageElement, attributes: Record<string, string>): void {
  for (const name of img.getAttributeNames()) img.removeAttribute(name);
  for (const [name, value] of Object.entries(attributes)) img.setAttribute(name, value);
}

function mediaIdFromSrc(src: string, origin: string): string | undefined {
  let url: URL;
  try {
    url = new URL(src, origin);
  } catch {
    return undefined;
  }
  return url.origin === origin ? MEDIA_PATH.exec(url.pathname)?.[1] : undefined;
}

/**
 * Decoded by hand: fetch() of a data: URL is a connection under the page's CSP
 * (connect-src 'self') and would be refused.
 */
export function blobFromDataUrl(src: string): Blob | undefined {
  const match = UPLOADABLE_DATA_URL.exec(src.trim());
  if (!match) return undefined;
  try {
    const binary = atob(match[2]!.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return new Blob([bytes], { type: match[1]!.toLowerCase() });
  } catch {
    return undefined;
  }
}
