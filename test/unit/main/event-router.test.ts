import { describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../electron/core/logging.js';
import { checkAllAccounts, routeCoreEvents, type CoreLike } from '../../../electron/main/event-router.js';
import type { PlannedNotification } from '../../../electron/main/notifications.js';
import { watchOnline } from '../../../electron/main/online-watcher.js';
import type {
  AccountsState,
  EventName,
  EventPayloads,
  MailboxStatus,
  MessageSummary,
  Settings,
} from '../../../electron/shared/ipc-contract.js';

type Listener = <E extends EventName>(event: E, payload: EventPayloads[E]) => void;

const accounts: AccountsState = {
  accounts: [
    { id: 'acct', email: 'alex@example.com', name: 'Alex', pictureUrl: null, status: 'ready' },
    { id: 'other', email: 'sam@example.com', name: 'Sam', pictureUrl: null, status: 'ready' },
  ],
  activeAccountId: 'acct',
  keychainUnavailable: false,
};

function status(accountId: string, unreadCount: number): MailboxStatus {
  return {
    accountId,
    version: 1,
    unreadCount,
    sync: { accountId, status: 'idle', lastSyncedAt: null },
    pendingActions: 0,
    droppedActions: 0,
  };
}

function fakeCore(options: { notifications: boolean; unread?: number }) {
  const unread = { total: options.unread ?? 0 };
  let listener: Listener | null = null;
  const settingsRead = vi.fn(() => ({ notifications: options.notifications }) as Settings);
  const syncAll = vi.fn(async () => undefined);
  const core: CoreLike = {
    onEvent: (l) => {
      listener = l;
      return () => (listener = null);
    },
    settings: { get: settingsRead },
    accounts: { get: () => accounts },
    mail: {
      unreadTotal: () => unread.total,
      mailboxes: () => [status('acct', 5), status('other', unread.total)],
      syncAll,
    },
  };
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => listener?.(event, payload);
  return { core, emit, settingsRead, syncAll, unread, isSubscribed: () => listener !== null };
}

function newMail(id: string, accountId = 'acct'): MessageSummary {
  return {
    accountId,
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
  const counts: Array<{ count: number; lines: string[] }> = [];
  const showWindow = vi.fn(async () => {});
  const dispose = routeCoreEvents({
    core: fake.core,
    sendToWindow: (event, payload) => sent.push([event, payload]),
    showWindow,
    isWindowFocused: () => options.focused ?? false,
    showUnreadCount: (count, lines) => counts.push({ count, lines }),
    notify: (notification, click) => shown.push({ notification, click }),
    logger: memoryLogger(),
  });
  return { ...fake, sent, shown, counts, showWindow, dispose };
}

const changed = (
  added: MessageSummary[],
  arrivedIds = added.map((m) => m.id),
  accountId = 'acct',
): EventPayloads['mailbox:changed'] => ({
  accountId,
  version: 2,
  unreadCount: 5,
  sync: { accountId, status: 'idle', lastSyncedAt: null },
  pendingActions: 0,
  droppedActions: 0,
  added,
  updated: [],
  removedIds: [],
  arrivedIds,
});

describe('routeCoreEvents', () => {
  it('forwards every core event to the window; the badge gets the total and the tray a line per account', () => {
    const t = setup({ notifications: false, unread: 17 });
    t.emit('mailbox:changed', changed([]));
    t.emit('accounts:changed', accounts);
    t.emit('settings:changed', { notifications: false } as Settings);
    expect(t.sent.map(([event]) => event)).toEqual(['mailbox:changed', 'accounts:changed', 'settings:changed']);
    expect(t.counts.map((c) => c.count)).toEqual([17]);
    expect(t.counts[0]?.lines).toEqual([
      'alex@example.com — 5 unread messages',
      'sam@example.com — 17 unread messages',
    ]);
  });

  it('rebuilds the badge and tray only when a count or line changed (a sync starting or ending changes neither)', () => {
    const t = setup({ notifications: false, unread: 17 });
    t.emit('mailbox:changed', changed([]));
    t.emit('mailbox:changed', changed([]));
    expect(t.counts).toHaveLength(1);
    t.unread.total = 18;
    t.emit('mailbox:changed', changed([]));
    expect(t.counts.map((c) => c.count)).toEqual([17, 18]);
    expect(t.counts[1]?.lines[1]).toBe('sam@example.com — 18 unread messages');
  });

  it('notifies new mail; a click shows the window and sends message:show for that message in its account', async () => {
    const t = setup({ notifications: true });
    t.emit('mailbox:changed', changed([newMail('m1', 'other')], ['m1'], 'other'));
    expect(t.shown).toHaveLength(1);
    expect(t.shown[0]?.notification).toMatchObject({ title: 'Alex Rivera', body: 'Hello m1' });
    t.shown[0]?.click();
    await vi.waitFor(() => expect(t.sent.at(-1)).toEqual(['message:show', { accountId: 'other', messageId: 'm1' }]));
    expect(t.showWindow).toHaveBeenCalledOnce();
  });

  it('announces only arrivedIds: messages listed by scrolling or a resync are not notified', () => {
    const t = setup({ notifications: true });
    t.emit('mailbox:changed', changed([newMail('m3'), newMail('m4')], []));
    expect(t.shown).toEqual([]);
  });

  it('reads the notifications setting through the typed API and shows nothing when it is off', () => {
    const t = setup({ notifications: false });
    t.emit('mailbox:changed', changed([newMail('m2')]));
    expect(t.settingsRead).toHaveBeenCalled();
    expect(t.shown).toEqual([]);
  });

  it('unsubscribes', () => {
    const t = setup({ notifications: false });
    t.dispose();
    expect(t.isSubscribed()).toBe(false);
  });
});

describe('checkAllAccounts', () => {
  it('asks the core to sync every account (the core runs them in parallel)', async () => {
    const { core, syncAll } = fakeCore({ notifications: false });
    await checkAllAccounts(core, memoryLogger());
    expect(syncAll).toHaveBeenCalledOnce();
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
