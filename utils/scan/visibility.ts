/** Elements whose text is never shown to the reader. */
export const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META', 'LINK', 'IFRAME', 'OBJECT']);

/**
 * Whether the reader can see `element`'s text. Cheap checks up the ancestor chain, then
 * the browser's checkVisibility() where available. Only called for elements that matched.
 */
export function isVisible(element: Element): boolean {
  for (let el: Element | null = element; el; el = el.parentElement) {
    if (SKIPPED_TAGS.has(el.tagName)) return false;
    if (el.hasAttribute('hidden')) return false;
    const style = (el as HTMLElement).style;
    if (style && (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0')) return false;
  }
  const check = (element as Element & { checkVisibility?: (o?: object) => boolean }).checkVisibility;
  if (typeof check === 'function') {
    return check.call(element, { visibilityProperty: true, opacityProperty: true });
  }
  return true;
}
