import { describe, expect, it, vi } from 'vitest';
import { memoryLogger } from '../../../electron/core/logging.js';
import { checkAllAccounts, routeCoreEvents, type CoreLike } from '../../../electron/main/event-router.js';
import type { NotificationAction, PlannedNotification } from '../../../electron/main/notifications.js';
import { watchOnline } from '../../../electron/main/online-watcher.js';
import { PendingShow } from '../../../electron/main/pending-show.js';
import {
  DEFAULT_SETTINGS,
  type AccountsState,
  type EventName,
  type EventPayloads,
  type MailboxStatus,
  type MessageAction,
  type MessageSummary,
  type Settings,
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
    // Fewer conversations than messages: one of them holds two unread messages.
    unreadConversationCount: unreadCount - 1,
    sync: { accountId, status: 'idle', lastSyncedAt: null },
    pendingActions: 0,
    droppedActions: 0,
  };
}

/** The router's clock: new mail in these tests is dated a minute before it. */
const NOW = Date.UTC(2026, 11, 7, 12, 0);

function fakeCore(options: { notifications: boolean; unread?: number; settings?: Partial<Settings> }) {
  const unread = { total: options.unread ?? 0 };
  let listener: Listener | null = null;
  const current = { settings: { ...DEFAULT_SETTINGS, notifications: options.notifications, ...options.settings } };
  const settingsRead = vi.fn(() => current.settings);
  const syncAll = vi.fn(async () => undefined);
  const modify = vi.fn(async (_accountId: string, _ids: string[], _action: MessageAction) => ({
    outcome: 'sent' as const,
  }));
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
      modify,
    },
  };
  const emit = <E extends EventName>(event: E, payload: EventPayloads[E]) => listener?.(event, payload);
  /** The person changes a setting: the core stores it and announces it. */
  const changeSettings = (patch: Partial<Settings>) => {
    current.settings = { ...current.settings, ...patch };
    emit('settings:changed', current.settings);
  };
  return { core, emit, settingsRead, syncAll, modify, unread, changeSettings, isSubscribed: () => listener !== null };
}

function newMail(id: string, accountId = 'acct'): MessageSummary {
  return {
    accountId,
    id,
    threadId: id,
    from: { name: 'Alex Rivera', address: 'alex@example.com' },
    subject: `Hello ${id}`,
    snippet: '',
    date: NOW - 60_000,
    unread: true,
    starred: false,
    inInbox: true,
    hasAttachments: false,
  };
}

function setup(options: {
  notifications: boolean;
  unread?: number;
  focused?: boolean;
  settings?: Partial<Settings>;
  now?: () => number;
}) {
  const fake = fakeCore(options);
  const sent: Array<[string, unknown]> = [];
  const shown: Array<{
    notification: PlannedNotification;
    click: () => void;
    action: (action: NotificationAction) => void;
  }> = [];
  const logger = memoryLogger();
  const counts: Array<{ count: number; lines: string[]; mode: string }> = [];
  const showWindow = vi.fn(async () => {});
  const pendingShow = new PendingShow();
  const dispose = routeCoreEvents({
    core: fake.core,
    sendToWindow: (event, payload) => sent.push([event, payload]),
    showWindow,
    pendingShow,
    isWindowFocused: () => options.focused ?? false,
    showUnreadCount: (count, lines, mode) => counts.push({ count, lines, mode }),
    notify: (notification, click, action) => shown.push({ notification, click, action }),
    logger,
    now: options.now ?? (() => NOW),
    timeZone: 'UTC',
  });
  return { ...fake, sent, shown, counts, showWindow, pendingShow, dispose, logger };
}

const changed = (
  added: MessageSummary[],
  arrivedIds = added.map((m) => m.id),
  accountId = 'acct',
): EventPayloads['mailbox:changed'] => ({
  accountId,
  version: 2,
  unreadCount: 5,
  unreadConversationCount: 5,
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
    t.emit('settings:changed', { ...DEFAULT_SETTINGS, notifications: false });
    expect(t.sent.map(([event]) => event)).toEqual(['mailbox:changed', 'accounts:changed', 'settings:changed']);
    expect(t.counts.map((c) => c.count)).toEqual([17]);
    // Conversations, as the list shows them by default.
    expect(t.counts[0]).toMatchObject({ mode: 'conversations' });
    expect(t.counts[0]?.lines).toEqual([
      'alex@example.com — 4 unread conversations',
      'sam@example.com — 16 unread conversations',
    ]);
  });

  it('"Show each message separately" switches the tray lines and the badge to messages at once', () => {
    const t = setup({ notifications: false, unread: 17 });
    t.emit('mailbox:changed', changed([]));
    t.changeSettings({ listMode: 'messages' });
    expect(t.counts).toHaveLength(2);
    expect(t.counts[1]).toMatchObject({ mode: 'messages' });
    expect(t.counts[1]?.lines).toEqual([
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
    expect(t.counts[1]?.lines[1]).toBe('sam@example.com — 17 unread conversations');
  });

  it('notifies new mail; a click shows the window and sends message:show for that message in its account', async () => {
    const t = setup({ notifications: true });
    t.emit('mailbox:changed', changed([newMail('m1', 'other')], ['m1'], 'other'));
    expect(t.shown).toHaveLength(1);
    expect(t.shown[0]?.notification).toMatchObject({ title: 'Alex Rivera', body: 'Hello m1' });
    t.shown[0]?.click();
    await vi.waitFor(() => expect(t.sent.at(-1)).toEqual(['message:show', { accountId: 'other', messageId: 'm1' }]));
    expect(t.showWindow).toHaveBeenCalledOnce();
    // It also waits for the page to take it, in case no inbox listened for the event yet.
    expect(t.pendingShow.take()).toEqual({ accountId: 'other', messageId: 'm1' });
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

  it('a notification’s Archive and Mark as read go to the core’s modify for that message in its account', async () => {
    const t = setup({ notifications: true });
    t.emit('mailbox:changed', changed([newMail('m1', 'other')], ['m1'], 'other'));
    expect(t.shown[0]?.notification.actions).toEqual(['archive', 'markRead']);
    t.shown[0]?.action('archive');
    t.shown[0]?.action('markRead');
    await vi.waitFor(() => expect(t.modify).toHaveBeenCalledTimes(2));
    expect(t.modify.mock.calls).toEqual([
      ['other', ['m1'], 'archive'],
      ['other', ['m1'], 'markRead'],
    ]);
    // An action never opens the window: it works with the window closed.
    expect(t.showWindow).not.toHaveBeenCalled();
    expect(t.sent.map(([event]) => event)).not.toContain('message:show');
  });

  it('a failed notification action is logged, never thrown into Electron', async () => {
    const t = setup({ notifications: true });
    t.modify.mockRejectedValueOnce(new Error('offline'));
    t.emit('mailbox:changed', changed([newMail('m1')]));
    t.shown[0]?.action('archive');
    await vi.waitFor(() => expect(t.logger.lines.some((line) => /notification action/.test(line))).toBe(true));
  });

  it('follows the settings the core announces: per-account off, quiet hours, do not disturb', () => {
    const t = setup({ notifications: true });
    t.changeSettings({ accountNotifications: { acct: { enabled: false, which: 'inbox', labelIds: [] } } });
    t.emit('mailbox:changed', changed([newMail('a1')]));
    t.emit('mailbox:changed', changed([newMail('o1', 'other')], ['o1'], 'other'));
    expect(t.shown.map((s) => s.notification.target.messageId)).toEqual(['o1']);
    t.changeSettings({ quietHours: { enabled: true, startMinute: 11 * 60, endMinute: 13 * 60 } });
    t.emit('mailbox:changed', changed([newMail('o2', 'other')], ['o2'], 'other'));
    t.changeSettings({ quietHours: DEFAULT_SETTINGS.quietHours, doNotDisturb: { until: null } });
    t.emit('mailbox:changed', changed([newMail('o3', 'other')], ['o3'], 'other'));
    expect(t.shown).toHaveLength(1);
  });

  it('mail that came in during do not disturb is not announced after the person turns it off', () => {
    let now = NOW;
    const t = setup({ notifications: true, settings: { doNotDisturb: { until: null } }, now: () => now });
    const duringDnd = { ...newMail('late'), date: NOW + 60_000 };
    now = NOW + 2 * 60_000;
    t.changeSettings({ doNotDisturb: null });
    // The sync that brings it in runs after do not disturb ended.
    now = NOW + 3 * 60_000;
    t.emit('mailbox:changed', changed([duringDnd]));
    expect(t.shown).toEqual([]);
    const afterwards = { ...newMail('fresh'), date: NOW + 3 * 60_000 };
    t.emit('mailbox:changed', changed([afterwards]));
    expect(t.shown.map((s) => s.notification.target.messageId)).toEqual(['fresh']);
  });

  it('after a night away, the first sync announces nothing that was already old', () => {
    const t = setup({ notifications: true });
    const overnight = Array.from({ length: 200 }, (_, i) => ({ ...newMail(`old${i}`), date: NOW - 8 * 3600_000 + i }));
    t.emit('mailbox:changed', changed(overnight));
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
