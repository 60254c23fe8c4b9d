/**
 * The mail frame runs no scripts (sandbox without allow-scripts), and a key pressed while focus is inside it
 * goes to the frame's document, not to Glance's window — so j, k, e, u… did nothing after a click in the
 * message. The frame is same-origin (allow-same-origin, for the link guard), so the reader listens on the
 * frame's document from the outside and replays each shortcut key on the <iframe> element, where it bubbles
 * to the window's shortcut listener like a key pressed in the app. Nothing runs inside the mail.
 */

/**
 * Keys the frame keeps for itself: moving between its links (Tab), following one (Enter), and scrolling a
 * long message (arrows, space, Page Up/Down, Home/End). Everything else is offered to the app first.
 */
const FRAME_OWN_KEYS = new Set([
  'Tab',
  'Enter',
  ' ',
  'ArrowUp',
  'ArrowDown',
  'ArrowLeft',
  'ArrowRight',
  'PageUp',
  'PageDown',
  'Home',
  'End',
]);

export function isFrameOwnKey(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  return FRAME_OWN_KEYS.has(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey;
}

/** Replays the frame document's shortcut keys on `frame`; returns the function that stops it. */
export function forwardFrameKeys(doc: Document, frame: HTMLIFrameElement): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.isComposing || isFrameOwnKey(event)) return;
    const replay = new KeyboardEvent('keydown', {
      key: event.key,
      code: event.code,
      shiftKey: event.shiftKey,
      ctrlKey: event.ctrlKey,
      metaKey: event.metaKey,
      altKey: event.altKey,
      repeat: event.repeat,
      bubbles: true,
      cancelable: true,
    });
    frame.dispatchEvent(replay);
    // The app took the key (e.g. Ctrl+K): the frame must not act on it as well.
    if (replay.defaultPrevented) event.preventDefault();
  };
  doc.addEventListener('keydown', onKeyDown);
  return () => doc.removeEventListener('keydown', onKeyDown);
}
