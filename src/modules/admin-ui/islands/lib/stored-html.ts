/**
 * What the editor writes back into the textarea: the stored form (see
 * articles/sanitize-body.ts), so a plain submit posts what the server will keep. Images
 * carry only data-media-id and alt (the editor shows them from /admin/media/<id>/thumb,
 * a URL that must never be stored), and images still uploading are left out. The server
 * sanitises again; this keeps the posted HTML honest and autosave diffs small.
 */
const KEPT_ATTRIBUTES: Record<string, readonly string[]> = {
  A: ['href'],
  IMG: ['data-media-id', 'alt'],
  OL: ['start'],
  TD: ['colspan', 'rowspan'],
  TH: ['colspan', 'rowspan'],
};

export function toStoredHtml(editorHtml: string): string {
  // A template's content is inert: nothing in it loads, runs or is styled.
  const template = document.createElement('template');
  template.innerHTML = editorHtml;
  const root = template.content;

  for (const pending of root.querySelectorAll('figure[data-pending-figure], img[data-pending-upload]')) pending.remove();
  for (const junk of root.querySelectorAll('colgroup, col')) junk.remove();
  for (const caption of root.querySelectorAll('figcaption')) if (!caption.textContent?.trim() && !caption.querySelector('img')) caption.remove();
  for (const element of root.querySelectorAll('*')) {
    const kept = KEPT_ATTRIBUTES[element.tagName] ?? [];
    for (const name of element.getAttributeNames()) if (!kept.includes(name)) element.removeAttribute(name);
  }
  // The editor keeps an empty paragraph at the end to type into; it is not content, and an
  // empty document is '' rather than "<p></p>".
  while (root.lastChild instanceof HTMLParagraphElement && !root.lastChild.hasChildNodes()) root.lastChild.remove();
  return template.innerHTML;
}
