/**
 * The window's page as the main process sees it: what reaches it, when a page that was showing something has
 * gone, and whether to load it again after a crash. No Electron import: the unit tests drive it with fakes.
 */
import type { EventName, EventPayloads } from '../shared/ipc-contract.js';

interface PageContents {
  send(channel: string, payload: unknown): void;
  on(event: 'did-navigate' | 'render-process-gone', listener: () => void): unknown;
  once(event: 'did-finish-load', listener: () => void): unknown;
}

interface PageWindow {
  isDestroyed(): boolean;
  webContents: PageContents;
}

/**
 * Sends an event to the page. Also while something in it is loading: Chromium counts a page as loading while
 * any frame loads (the reader's mail with its remote images), and an event dropped then is lost for good. A page
 * still starting has no listener yet and reads its state when it starts.
 */
export function sendToPage<E extends EventName>(window: PageWindow | null, event: E, payload: EventPayloads[E]): void {
  if (window && !window.isDestroyed()) window.webContents.send(event, payload);
}

/**
 * Calls `gone` when the page that was showing has gone: reloaded or navigated after its first load, or its
 * renderer stopped. Not at the first load itself (Chromium's first `did-navigate`): what the main process
 * asked before the page existed is still to be shown, and the page asks for it when it starts.
 */
export function onPageGone(contents: PageContents, gone: () => void): void {
  contents.once('did-finish-load', () => contents.on('did-navigate', gone));
  contents.on('render-process-gone', gone);
}

/** Page crashes, within `withinMs`, after which Glance stops loading the page again. */
export const CRASH_RELOAD_LIMIT = 3;
export const CRASH_RELOAD_WINDOW_MS = 60_000;

/**
 * Whether to load the page again after its renderer stopped: yes, unless it stopped CRASH_RELOAD_LIMIT times
 * within a minute. A page that fails at every load (out of memory, a broken GPU driver) would otherwise reload
 * for ever: a blank window, a busy processor, a log full of the same line.
 */
export function crashReloads(now: () => number = Date.now): () => boolean {
  const crashes: number[] = [];
  return () => {
    const at = now();
    while (crashes.length > 0 && at - crashes[0]! >= CRASH_RELOAD_WINDOW_MS) crashes.shift();
    crashes.push(at);
    return crashes.length < CRASH_RELOAD_LIMIT;
  };
}
