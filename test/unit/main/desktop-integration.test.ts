import type { MenuItemConstructorOptions, NativeImage } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildAppMenuTemplate, buildTrayMenuTemplate } from '../../../electron/main/menus.js';
import { RECENT_MAIL_WINDOW_MS } from '../../../electron/main/notification-policy.js';
import {
  MAX_SEPARATE_NOTIFICATIONS,
  planNotifications,
  type NotificationContext,
} from '../../../electron/main/notifications.js';
import {
  formatCount,
  overlayName,
  showUnreadCount,
  trayTooltip,
  type IndicatorTargets,
  accountLines,
} from '../../../electron/main/unread-indicators.js';
import { DEFAULT_SETTINGS, type MessageSummary } from '../../../electron/shared/ipc-contract.js';

function fakeTargets(platform: NodeJS.Platform) {
  const calls: string[] = [];
  const image = (name: string) => ({ name }) as unknown as NativeImage;
  const targets: IndicatorTargets = {
    platform,
    app: { setBadgeCount: (count) => (calls.push(`badge ${count}`), true) },
    window: {
      setOverlayIcon: (overlay, description) =>
        calls.push(`overlay ${(overlay as unknown as { name: string } | null)?.name ?? 'none'} "${description}"`),
      isDestroyed: () => false,
    },
    tray: {
      setToolTip: (text) => calls.push(`tooltip ${text}`),
      setTitle: (text) => calls.push(`title "${text}"`),
      isDestroyed: () => false,
    },
    overlayImage: image,
  };
  return { targets, calls };
}

describe('unread count formatting', () => {
  it('formats counts for the tray and overlay', () => {
    expect(formatCount(0)).toBe('');
    expect(formatCount(-3)).toBe('');
    expect(formatCount(7)).toBe('7');
    expect(formatCount(999)).toBe('999');
    expect(formatCount(1000)).toBe('999+');
    expect(overlayName(0)).toBeNull();
    expect(overlayName(1)).toBe('1');
    expect(overlayName(9)).toBe('9');
    expect(overlayName(10)).toBe('9plus');
    expect(trayTooltip(0)).toBe('Glance — No unread mail');
    expect(trayTooltip(1)).toBe('Glance — 1 unread message');
    expect(trayTooltip(12345)).toBe('Glance — 12,345 unread messages');
  });
});

describe('showUnreadCount', () => {
  it('macOS: dock badge and menu-bar title', () => {
    const { targets, calls } = fakeTargets('darwin');
    showUnreadCount(12, targets);
    expect(calls).toEqual(['badge 12', 'tooltip Glance — 12 unread messages', 'title "12"']);
  });

  it('Linux: launcher count and tray tooltip', () => {
    const { targets, calls } = fakeTargets('linux');
    showUnreadCount(3, targets);
    expect(calls).toEqual(['badge 3', 'tooltip Glance — 3 unread messages']);
  });

  it('Windows: taskbar overlay with a description for screen readers', () => {
    const { targets, calls } = fakeTargets('win32');
    showUnreadCount(42, targets);
    expect(calls).toEqual(['overlay 9plus "42 unread messages"', 'tooltip Glance — 42 unread messages']);
  });

  it('zero clears every indicator', () => {
    const mac = fakeTargets('darwin');
    showUnreadCount(0, mac.targets);
    expect(mac.calls).toEqual(['badge 0', 'tooltip Glance — No unread mail', 'title ""']);
    const win = fakeTargets('win32');
    showUnreadCount(0, win.targets);
    expect(win.calls[0]).toBe('overlay none ""');
  });

  it('skips a window or tray that is already gone', () => {
    const { targets, calls } = fakeTargets('win32');
    targets.window = { setOverlayIcon: () => calls.push('overlay!'), isDestroyed: () => true };
    targets.tray = null;
    showUnreadCount(5, targets);
    expect(calls).toEqual([]);
  });
});

let nextId = 0;
function message(overrides: Partial<MessageSummary> = {}): MessageSummary {
  nextId += 1;
  return {
    accountId: 'acct-1',
    id: `m${nextId}`,
    threadId: `t${nextId}`,
    from: { name: `Sender ${nextId}`, address: `s${nextId}@example.com` },
    subject: `Subject ${nextId}`,
    snippet: 'secret body text',
    date: 1_700_000_000_000 + nextId,
    unread: true,
    starred: false,
    inInbox: true,
    hasAttachments: false,
    ...overrides,
  };
}

describe('planNotifications', () => {
  /** Every message() is dated just before this instant: new mail, announced under the default settings. */
  const clock = { now: 1_700_000_000_000 + 60_000, timeZone: 'UTC' };
  const on: NotificationContext = {
    settings: DEFAULT_SETTINGS,
    clock,
    recentMs: RECENT_MAIL_WINDOW_MS,
    windowFocused: false,
  };
  /** A change whose added messages all arrived as new mail. */
  const arrived = (accountId: string, added: MessageSummary[]) => ({
    accountId,
    added,
    arrivedIds: added.map((m) => m.id),
  });

  it('one notification per new message: sender and subject, click target is the message', () => {
    const a = message({ from: { name: 'Alex Rivera', address: 'alex@example.com' }, subject: 'Lunch?' });
    const b = message({ from: { name: '', address: 'bot@example.com' }, subject: '' });
    const planned = planNotifications(arrived('acct-1', [a, b]), on);
    expect(planned).toEqual([
      {
        title: 'bot@example.com',
        body: '(no subject)',
        target: { accountId: 'acct-1', messageId: b.id },
        actions: ['archive', 'markRead'],
      },
      {
        title: 'Alex Rivera',
        body: 'Lunch?',
        target: { accountId: 'acct-1', messageId: a.id },
        actions: ['archive', 'markRead'],
      },
    ]);
    expect(JSON.stringify(planned)).not.toContain('secret body text');
  });

  it('groups many new messages into one, opening the newest', () => {
    const batch = Array.from({ length: MAX_SEPARATE_NOTIFICATIONS + 2 }, () => message());
    const planned = planNotifications(arrived('acct-1', batch), on);
    expect(planned).toHaveLength(1);
    expect(planned[0]?.title).toBe(`${batch.length} new messages`);
    expect(planned[0]?.body).toMatch(/^From Sender \d+, Sender \d+ and 3 others$/);
    expect(planned[0]?.target.messageId).toBe(batch.at(-1)?.id);
    // No Archive on a group: 30 messages are never archived from one button.
    expect(planned[0]?.actions).toEqual([]);
  });

  it('respects the notifications setting, and stays quiet while the window has focus', () => {
    const added = [message()];
    const off = { ...on, settings: { ...DEFAULT_SETTINGS, notifications: false } };
    expect(planNotifications(arrived('a', added), off)).toEqual([]);
    expect(planNotifications(arrived('a', added), { ...on, windowFocused: true })).toEqual([]);
    expect(planNotifications(arrived('a', added), on)).toHaveLength(1);
  });

  it('ignores messages that are already read or not in the inbox', () => {
    expect(planNotifications(arrived('a', [message({ unread: false }), message({ inInbox: false })]), on)).toEqual([]);
  });

  it('announces only new mail: rows that entered the list by scrolling or a resync are not notified', () => {
    const fresh = message({ accountId: 'acct-2' });
    const listed = message({ accountId: 'acct-2' });
    const planned = planNotifications({ accountId: 'acct-2', added: [fresh, listed], arrivedIds: [fresh.id] }, on);
    expect(planned.map((p) => p.target)).toEqual([{ accountId: 'acct-2', messageId: fresh.id }]);
  });

  it('shortens very long subjects', () => {
    const [planned] = planNotifications(arrived('a', [message({ subject: 'x'.repeat(500) })]), on);
    expect(planned?.body.length).toBeLessThanOrEqual(140);
    expect(planned?.body.endsWith('…')).toBe(true);
  });
});

function findItem(items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    if (Array.isArray(item.submenu)) {
      const found = findItem(item.submenu, id);
      if (found) return found;
    }
  }
  return undefined;
}

function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

describe('application menu', () => {
  const actions = () => ({
    runCommand: vi.fn(),
    showAbout: vi.fn(),
    openHelp: vi.fn(),
    openLogsFolder: vi.fn(),
    copyDiagnostics: vi.fn(),
  });

  it('macOS: app menu first with the standard roles; Cmd+R checks mail', () => {
    const a = actions();
    const template = buildAppMenuTemplate({ platform: 'darwin', appName: 'Glance', isDev: false }, a);
    expect(template.map((item) => item.label)).toEqual(['Glance', 'Mailbox', 'Edit', 'View', 'Window', 'Help']);
    expect(roles(template)).toEqual(
      expect.arrayContaining([
        'about',
        'hide',
        'hideOthers',
        'quit',
        'undo',
        'redo',
        'cut',
        'copy',
        'paste',
        'selectAll',
        'minimize',
        'zoom',
        'close',
        'front',
        'togglefullscreen',
      ]),
    );
    // Cmd+W closes (hides) the window: the Close role carries the shortcut.
    const windowMenu = template.find((item) => item.label === 'Window');
    expect(roles(Array.isArray(windowMenu?.submenu) ? windowMenu.submenu : [])).toContain('close');
    const check = findItem(template, 'check-mail');
    expect(check?.accelerator).toBe('CmdOrCtrl+R');
    (check?.click as () => void)();
    expect(a.runCommand).toHaveBeenCalledWith('refresh');
  });

  it('Windows/Linux: File menu with Quit, About under Help, no reload or devtools in production', () => {
    const a = actions();
    const template = buildAppMenuTemplate({ platform: 'win32', appName: 'Glance', isDev: false }, a);
    expect(template[0]?.label).toBe('&File');
    expect(roles(template)).toContain('quit');
    expect(roles(template)).not.toContain('reload');
    expect(roles(template)).not.toContain('toggleDevTools');
    (findItem(template, 'about')?.click as () => void)();
    expect(a.showAbout).toHaveBeenCalled();
    (findItem(template, 'find')?.click as () => void)();
    (findItem(template, 'shortcuts')?.click as () => void)();
    (findItem(template, 'choose-client')?.click as () => void)();
    expect(a.runCommand.mock.calls.map(([c]) => c)).toEqual(['search', 'shortcuts', 'chooseClientFile']);
  });

  it('Settings… sits in the app menu on macOS and in File elsewhere, on Cmd/Ctrl+, (no other item uses it)', () => {
    for (const [platform, menuLabel] of [
      ['darwin', 'Glance'],
      ['win32', '&File'],
      ['linux', '&File'],
    ] as const) {
      const a = actions();
      const template = buildAppMenuTemplate({ platform, appName: 'Glance', isDev: true }, a);
      const menu = template.find((item) => item.label === menuLabel);
      const items = Array.isArray(menu?.submenu) ? menu.submenu : [];
      const settings = items.find((item) => item.id === 'settings');
      expect(settings?.label).toBe(platform === 'darwin' ? 'Settings…' : '&Settings…');
      expect(settings?.accelerator).toBe('CmdOrCtrl+,');
      expect(JSON.stringify(template).match(/"CmdOrCtrl\+,"/g)).toHaveLength(1);
      (settings?.click as () => void)();
      expect(a.runCommand).toHaveBeenCalledWith('settings');
    }
  });

  it('Help has "Open Logs Folder" and "Copy Diagnostics" on every platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const a = actions();
      const template = buildAppMenuTemplate({ platform, appName: 'Glance', isDev: false }, a);
      const help = template.find((item) => item.role === 'help');
      const ids = (Array.isArray(help?.submenu) ? help.submenu : []).map((item) => item.id);
      expect(ids).toEqual(expect.arrayContaining(['open-logs', 'copy-diagnostics']));
      (findItem(template, 'open-logs')?.click as () => void)();
      (findItem(template, 'copy-diagnostics')?.click as () => void)();
      expect(a.openLogsFolder).toHaveBeenCalledTimes(1);
      expect(a.copyDiagnostics).toHaveBeenCalledTimes(1);
    }
  });

  it("Help → Network Activity opens the window's dialog (command:run networkActivity) on every platform", () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      const a = actions();
      const template = buildAppMenuTemplate({ platform, appName: 'Glance', isDev: false }, a);
      const help = template.find((item) => item.role === 'help');
      const item = (Array.isArray(help?.submenu) ? help.submenu : []).find((entry) => entry.id === 'network-activity');
      expect(item?.label).toBe('Network Activity');
      (item?.click as () => void)();
      expect(a.runCommand.mock.calls).toEqual([['networkActivity']]);
    }
  });

  it('development adds reload (not on Cmd+R, which checks mail) and the developer tools', () => {
    const template = buildAppMenuTemplate({ platform: 'linux', appName: 'Glance', isDev: true }, actions());
    expect(roles(template)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    const accelerators = JSON.stringify(template);
    expect(accelerators.match(/"CmdOrCtrl\+R"/g)).toHaveLength(1);
  });
});

describe('accountLines', () => {
  const account = (id: string, email: string, status: 'ready' | 'needs-sign-in' = 'ready') => ({
    id,
    email,
    name: '',
    pictureUrl: null,
    status,
  });
  const mailbox = (accountId: string, unreadCount: number | null, status: 'idle' | 'offline' = 'idle') => ({
    accountId,
    version: 1,
    unreadCount,
    unreadConversationCount: unreadCount === null ? null : Math.ceil(unreadCount / 2),
    sync: { accountId, status, lastSyncedAt: null },
    pendingActions: 0,
    droppedActions: 0,
  });

  it('gives every account its own line with its own count and trouble', () => {
    expect(
      accountLines(
        [
          account('a', 'alex@example.com'),
          account('b', 'sam@example.com', 'needs-sign-in'),
          account('c', 'kim@example.com'),
        ],
        [mailbox('a', 3), mailbox('b', 1), mailbox('c', null, 'offline')],
      ),
    ).toEqual([
      'alex@example.com — 3 unread messages',
      'sam@example.com — 1 unread message (sign in again)',
      'kim@example.com (offline)',
    ]);
    expect(accountLines([], [])).toEqual(['No unread mail']);
  });

  it('counts conversations while the list shows them', () => {
    expect(accountLines([account('a', 'alex@example.com')], [mailbox('a', 3)], 'conversations')).toEqual([
      'alex@example.com — 2 unread conversations',
    ]);
  });
});

describe('tray menu', () => {
  it('offers Open Glance, Check Now and Quit, with a line per account and its count', () => {
    const actions = { open: vi.fn(), checkNow: vi.fn(), quit: vi.fn() };
    const template = buildTrayMenuTemplate(
      ['alex@example.com — 3 unread messages', 'sam@example.com — 1 unread message'],
      actions,
    );
    expect(template.map((item) => item.label ?? item.type)).toEqual([
      'alex@example.com — 3 unread messages',
      'sam@example.com — 1 unread message',
      'separator',
      'Open Glance',
      'Check Now',
      'separator',
      'Quit Glance',
    ]);
    for (const id of ['open', 'check-now', 'quit']) (findItem(template, id)?.click as () => void)();
    expect(actions.open).toHaveBeenCalledOnce();
    expect(actions.checkNow).toHaveBeenCalledOnce();
    expect(actions.quit).toHaveBeenCalledOnce();
  });
});
