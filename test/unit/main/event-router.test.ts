import { describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../electron/core/logging.js';
import { checkAllAccounts, routeCoreEvents, type CoreLike } from '../../../electron/main/event-router.js';
import type { PlannedNotification } from '../../../electron/main/notifications.js';
import { watchOnline } from '../../../electron/main/online-watcher.js';
import type { EventName, EventPayloads, IpcResult, MessageSummary } from '../../../electron/shared/ipc-contract.js';

type Listener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

function fakeCore(options: { notifications: boolean; unread?: number }) {
  let listener: Listener | null = null;
  const dispatch = vi.fn(async (channel: string, _args: unknown): Promise<IpcResult<unknown>> => {
    if (channel === 'settings:get') return { ok: true, value: { notifications: options.notifications } };
    return { ok: false, error: { code: 'INTERNAL', message: 'unexpected' } };
  });
  const core: CoreLike = {
    onEvent: (l) => {
      listener = l;
      return () => (listener = null);
    },
    dispatch,
    unreadTotal: () => options.unread ?? 0,
  };
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => listener?.(event, payload);
  return { core, emit, dispatch, isSubscribed: () => listener !== null };
}

function newMail(id: string): MessageSummary {
  return {
    id,
    threadId: id,
    from: { name: 'Alex Rivera', address: 'alex@example.com' },
    subject: `Hello ${id}`,
    snippet: '',
    date: 1,
    unread: true,
    starred: false,
    inInbox: true,
    hasAttachments: false,
  };
}

function setup(options: { notifications: boolean; unread?: number; focused?: boolean }) {
  const fake = fakeCore(options);
  const sent: Array<[string, unknown]> = [];
  const shown: Array<{ notification: PlannedNotification; click: () => void }> = [];
  const counts: number[] = [];
  const showWindow = vi.fn(async () => {});
  const dispose = routeCoreEvents({
    core: fake.core,
    sendToWindow: (event, payload) => sent.push([event, payload]),
    showWindow,
    isWindowFocused: () => options.focused ?? false,
    showUnreadCount: (count) => counts.push(count),
    notify: (notification, click) => shown.push({ notification, click }),
    logger: memoryLogger(),
  });
  return { ...fake, sent, shown, counts, showWindow, dispose };
}

const changed = (added: MessageSummary[]): EventPayloads['mailbox:changed'] => ({
  accountId: 'acct',
  unreadCount: 5,
  added,
  removedIds: [],
});

describe('routeCoreEvents', () => {
  it('forwards every core event to the window and updates the badge on mailbox and account changes', () => {
    const t = setup({ notifications: false, unread: 17 });
    t.emit('sync:state', { accountId: 'acct', status: 'syncing', lastSyncedAt: null });
    t.emit('mailbox:changed', changed([]));
    t.emit('accounts:changed', { accounts: [], activeAccountId: null, keychainUnavailable: false });
    expect(t.sent.map(([event]) => event)).toEqual(['sync:state', 'mailbox:changed', 'accounts:changed']);
    expect(t.counts).toEqual([17, 17]);
  });

  it('notifies new mail; a click shows the window and sends message:show for that message', async () => {
    const t = setup({ notifications: true });
    t.emit('mailbox:changed', changed([newMail('m1')]));
    await vi.waitFor(() => expect(t.shown).toHaveLength(1));
    expect(t.shown[0]?.notification).toMatchObject({ title: 'Alex Rivera', body: 'Hello m1' });
    t.shown[0]?.click();
    await vi.waitFor(() => expect(t.sent.at(-1)).toEqual(['message:show', { accountId: 'acct', messageId: 'm1' }]));
    expect(t.showWindow).toHaveBeenCalledOnce();
  });

  it('reads the notifications setting and shows nothing when it is off', async () => {
    const t = setup({ notifications: false });
    t.emit('mailbox:changed', changed([newMail('m2')]));
    await vi.waitFor(() => expect(t.dispatch).toHaveBeenCalledWith('settings:get', []));
    await new Promise((resolve) => setImmediate(resolve));
    expect(t.shown).toEqual([]);
  });

  it('unsubscribes', () => {
    const t = setup({ notifications: false });
    t.dispose();
    expect(t.isSubscribed()).toBe(false);
  });
});

describe('checkAllAccounts', () => {
  it('syncs every ready account and skips the others', async () => {
    const dispatch = vi.fn(async (channel: string, _args: unknown): Promise<IpcResult<unknown>> => {
      if (channel === 'accounts:get') {
        return {
          ok: true,
          value: {
            accounts: [
              { id: 'a', status: 'ready' },
              { id: 'b', status: 'needs-sign-in' },
              { id: 'c', status: 'ready' },
            ],
          },
        };
      }
      return { ok: true, value: null };
    });
    await checkAllAccounts({ dispatch }, memoryLogger());
    expect(dispatch.mock.calls.filter(([channel]) => channel === 'sync:now').map(([, args]) => args)).toEqual([
      ['a'],
      ['c'],
    ]);
  });
});

describe('watchOnline', () => {
  it('reports each offline → online transition once', () => {
    let online = true;
    let tick: () => void = () => {};
    const onOnline = vi.fn();
    const clear = vi.fn();
    const stop = watchOnline({
      isOnline: () => online,
      onOnline,
      setInterval: (cb) => ((tick = cb), 'handle'),
      clearInterval: clear,
    });
    tick();
    expect(onOnline).not.toHaveBeenCalled();
    online = false;
    tick();
    online = true;
    tick();
    tick();
    expect(onOnline).toHaveBeenCalledOnce();
    stop();
    expect(clear).toHaveBeenCalledWith('handle');
  });
});
