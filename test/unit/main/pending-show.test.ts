/**
 * A notification click's message waits in the main process until the page takes it (pending-show.ts), so a
 * window that is created or reloaded for the click still opens it; a page that got it is not offered it again.
 */
import { describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../electron/core/logging.js';
import { messageOpener } from '../../../electron/main/event-router.js';
import { PENDING_SHOW_MAX_AGE_MS, PendingShow, pendingShowDispatch } from '../../../electron/main/pending-show.js';
import type { EventName, EventPayloads } from '../../../electron/shared/ipc-contract.js';

const FIRST = { accountId: 'acct-1', messageId: 'msg-1' };
const SECOND = { accountId: 'acct-2', messageId: 'msg-2' };

describe('PendingShow', () => {
  it('keeps a clicked message until the page takes it, and gives it out once', () => {
    const pending = new PendingShow();
    expect(pending.take()).toBeNull();
    pending.keep(FIRST);
    expect(pending.take()).toEqual(FIRST);
    expect(pending.take()).toBeNull();
  });

  it('a click not taken within a few minutes is not opened any more (say, taken when the person signs in hours later)', () => {
    let now = 1_000_000;
    const pending = new PendingShow(() => now);
    pending.keep(FIRST);
    now += PENDING_SHOW_MAX_AGE_MS;
    expect(pending.take()).toEqual(FIRST);
    pending.keep(SECOND);
    now += PENDING_SHOW_MAX_AGE_MS + 1;
    expect(pending.take()).toBeNull();
    expect(pending.take()).toBeNull();
  });

  it('the latest click wins', () => {
    const pending = new PendingShow();
    const first = pending.keep(FIRST);
    const second = pending.keep(SECOND);
    expect(pending.isWaiting(first)).toBe(false);
    expect(pending.isWaiting(second)).toBe(true);
    expect(pending.take()).toEqual(SECOND);
    expect(pending.isWaiting(second)).toBe(false);
  });

  it('answers message:takePendingShow without the core, and refuses arguments', async () => {
    const pending = new PendingShow();
    const { channels, dispatch } = pendingShowDispatch(pending, memoryLogger());
    expect(channels).toEqual(['message:takePendingShow']);
    pending.keep(FIRST);
    expect(await dispatch('message:takePendingShow', ['acct-1'])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
    expect(await dispatch('message:takePendingShow', [])).toEqual({ ok: true, value: FIRST });
    expect(await dispatch('message:takePendingShow', [])).toEqual({ ok: true, value: null });
  });
});

/**
 * The main process's side of a click (messageOpener) against a page: `listening` says whether its inbox has mounted.
 * A listening inbox takes the message after each `message:show` (as Inbox.tsx does); a page that is still booting
 * drops the event, and its inbox takes the message when it mounts.
 */
function clickAndPage(options: { listening: boolean }) {
  const pending = new PendingShow();
  const { dispatch } = pendingShowDispatch(pending, memoryLogger());
  const take = async () => {
    const result = await dispatch('message:takePendingShow', []);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as EventPayloads['message:show'] | null;
  };
  const page = { listening: options.listening, opened: [] as Array<EventPayloads['message:show']>, acks: 0 };
  const opening: Array<() => void> = [];
  const showWindow = vi.fn(() => new Promise<void>((resolve) => opening.push(resolve)));
  const sent: Array<[EventName, unknown]> = [];
  const open = messageOpener({
    showWindow,
    pendingShow: pending,
    logger: memoryLogger(),
    sendToWindow: (event, payload) => {
      sent.push([event, payload]);
      if (event !== 'message:show' || !page.listening) return;
      page.opened.push(payload as EventPayloads['message:show']);
      void take().then(() => page.acks++);
    },
  });
  /** The inbox mounts: it starts listening and takes what waits. */
  const mountInbox = async () => {
    page.listening = true;
    const target = await take();
    if (target) page.opened.push(target);
    return target;
  };
  /** The window's page has loaded: every showWindow waiting on it resolves. */
  const windowReady = () => opening.splice(0).forEach((resolve) => resolve());
  return { pending, take, page, open, sent, showWindow, windowReady, mountInbox };
}

describe('a notification click against the window’s page', () => {
  it('a window created for the click: the event reaches no inbox, and the inbox takes the message when it mounts', async () => {
    const t = clickAndPage({ listening: false });
    t.open(FIRST);
    t.windowReady();
    await vi.waitFor(() => expect(t.sent).toEqual([['message:show', FIRST]]));
    expect(t.page.opened).toEqual([]);
    expect(await t.mountInbox()).toEqual(FIRST);
    expect(t.page.opened).toEqual([FIRST]);
  });

  it('a listening inbox gets the event and takes the message: a reload after it does not open it again', async () => {
    const t = clickAndPage({ listening: true });
    t.open(FIRST);
    t.windowReady();
    await vi.waitFor(() => expect(t.page.acks).toBe(1));
    expect(t.page.opened).toEqual([FIRST]);
    // The page reloads (or crashes, or the window is closed and opened again): its new inbox finds nothing.
    t.page.listening = false;
    expect(await t.mountInbox()).toBeNull();
    expect(t.page.opened).toEqual([FIRST]);
  });

  it('two clicks before the page is ready: the latest is sent and taken, the first is not', async () => {
    const t = clickAndPage({ listening: false });
    t.open(FIRST);
    t.open(SECOND);
    expect(t.showWindow).toHaveBeenCalledTimes(2);
    t.windowReady();
    await vi.waitFor(() => expect(t.sent).toEqual([['message:show', SECOND]]));
    expect(await t.mountInbox()).toEqual(SECOND);
    expect(t.page.opened).toEqual([SECOND]);
  });

  it('an inbox that took the message while the window was still opening gets no second event for it', async () => {
    const t = clickAndPage({ listening: false });
    t.open(FIRST);
    expect(await t.mountInbox()).toEqual(FIRST);
    t.windowReady();
    // The opener's continuation ran after the window was ready: give it a turn.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(t.sent).toEqual([]);
    expect(t.page.opened).toEqual([FIRST]);
  });
});
