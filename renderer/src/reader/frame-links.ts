/**
 * Watches the links of one mail document (the reader's sandboxed frame, reachable from the page because
 * the frame is same-origin — it still runs no script): pointing at or focusing a link reports it for the
 * status line, and activating one never navigates; it is reported instead, so the reader can decide
 * (link-safety.ts) and open it through the main process.
 */

export interface FrameLink {
  href: string;
  /** What the person read: the link's text plus the alt text of images inside it. */
  visibleText: string;
}

export interface FrameLinkCallbacks {
  /** A link is pointed at or focused (null: none any more). */
  onHover: (link: FrameLink | null) => void;
  /** A link was clicked or activated from the keyboard; its default action was prevented. */
  onActivate: (link: FrameLink) => void;
}

/** Starts watching `doc`; returns the function that stops. */
export function watchFrameLinks(doc: Document, callbacks: FrameLinkCallbacks): () => void {
  const onOver = (event: Event) => {
    const anchor = linkOf(event.target);
    if (anchor) callbacks.onHover(frameLink(anchor));
  };
  const onOut = (event: Event) => {
    const anchor = linkOf(event.target);
    if (anchor && !anchor.contains(relatedTarget(event))) callbacks.onHover(null);
  };
  const onActivate = (event: Event) => {
    const anchor = linkOf(event.target);
    if (!anchor) return;
    // Every button, every modifier: nothing in the mail navigates or opens a window by itself.
    event.preventDefault();
    event.stopPropagation();
    if (event.type === 'click') callbacks.onActivate(frameLink(anchor));
  };
  const listeners: Array<[string, (event: Event) => void]> = [
    ['mouseover', onOver],
    ['focusin', onOver],
    ['mouseout', onOut],
    ['focusout', onOut],
    ['click', onActivate],
    ['auxclick', onActivate],
  ];
  for (const [type, listener] of listeners) doc.addEventListener(type, listener, true);
  return () => {
    for (const [type, listener] of listeners) doc.removeEventListener(type, listener, true);
  };
}

/** The link element an event came from. Duck-typed: the frame's nodes belong to another window. */
function linkOf(target: EventTarget | null): Element | null {
  const element = target as Partial<Element> | null;
  if (!element || typeof element.closest !== 'function') return null;
  const anchor = element.closest('a[href], area[href]');
  return anchor && anchor.getAttribute('href') !== null ? anchor : null;
}

function relatedTarget(event: Event): Node | null {
  return (event as MouseEvent | FocusEvent).relatedTarget as Node | null;
}

function frameLink(anchor: Element): FrameLink {
  const alts = [...anchor.querySelectorAll('img[alt]')].map((image) => image.getAttribute('alt') ?? '');
  const text = [anchor.textContent ?? '', ...alts, anchor.getAttribute('alt') ?? ''].join(' ');
  return { href: anchor.getAttribute('href') ?? '', visibleText: text.replace(/\s+/g, ' ').trim() };
}
