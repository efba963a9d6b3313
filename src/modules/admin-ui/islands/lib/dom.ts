/** A tiny element builder: no innerHTML anywhere, so no text can become markup. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string | boolean | undefined> = {}, children: Array<Node | string> = []): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  element.append(...children);
  return element;
}

/** A polite live region for short status lines ("Đã chuyển ảnh lên vị trí 2"). */
export function liveRegion(className: string, role: 'status' | 'alert' = 'status'): HTMLElement {
  return el('div', { class: className, role, 'aria-live': role === 'alert' ? 'assertive' : 'polite' });
}

/**
 * Replaces a live region's text; the same text twice in a row is still announced
 * (screen readers ignore a region whose text did not change).
 */
export function announce(region: HTMLElement, text: string): void {
  region.textContent = region.textContent === text ? `${text}\u00a0` : text;
}
