import { EventEmitter } from 'node:events';
import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { buildTrayMenuTemplate } from '../../../electron/main/menus.js';
import { platformButtons, pressedAction } from '../../../electron/main/notifications.js';
import {
  permissionHelp,
  sendTestNotification,
  testNotificationContent,
  type NotificationContent,
  type NotificationLike,
} from '../../../electron/main/notification-outcomes.js';

/** A fake Electron Notification that answers `show()` the way the system would. */
function fakeNotification(answer: 'show' | 'failed' | 'silence' | 'throw') {
  const created: NotificationContent[] = [];
  const create = (content: NotificationContent): NotificationLike => {
    created.push(content);
    const emitter = new EventEmitter();
    return Object.assign(emitter, {
      show() {
        if (answer === 'throw') throw new Error('no notification server');
        if (answer === 'show') queueMicrotask(() => emitter.emit('show', {}));
        if (answer === 'failed') queueMicrotask(() => emitter.emit('failed', {}, 'Notifications are not allowed'));
      },
    }) as unknown as NotificationLike;
  };
  return { create, created };
}

/** A manual timer: the test decides when the time-out fires. */
function manualTimer() {
  let pending: (() => void) | null = null;
  const cancel = vi.fn(() => (pending = null));
  return {
    schedule: (callback: () => void) => ((pending = callback), cancel),
    fire: () => pending?.(),
    cancel,
  };
}

describe('Send a test notification', () => {
  it('reports that the system showed it (and cancels its time-out)', async () => {
    const fake = fakeNotification('show');
    const timer = manualTimer();
    const result = await sendTestNotification({ platform: 'linux', isSupported: () => true, ...fake, ...timer });
    expect(result.outcome).toBe('shown');
    expect(fake.created).toEqual([testNotificationContent()]);
    expect(timer.cancel).toHaveBeenCalled();
  });

  it('macOS refused: says how to grant permission (System Settings → Notifications → Glance)', async () => {
    const fake = fakeNotification('failed');
    const result = await sendTestNotification({
      platform: 'darwin',
      isSupported: () => true,
      ...fake,
      ...manualTimer(),
    });
    expect(result.outcome).toBe('failed');
    expect(result.message).toContain('System Settings → Notifications → Glance');
  });

  it('Windows and Linux refusals name their own settings', async () => {
    const windows = await sendTestNotification({
      platform: 'win32',
      isSupported: () => true,
      ...fakeNotification('throw'),
      ...manualTimer(),
    });
    expect(windows).toEqual({
      outcome: 'failed',
      message: expect.stringContaining('Settings → System → Notifications'),
    });
    expect(permissionHelp('linux')).toMatch(/notification daemon/);
  });

  it('no answer from the system within the time-out: says so, with what to check', async () => {
    const timer = manualTimer();
    const pending = sendTestNotification({
      platform: 'darwin',
      isSupported: () => true,
      ...fakeNotification('silence'),
      ...timer,
    });
    timer.fire();
    const result = await pending;
    expect(result.outcome).toBe('no-answer');
    expect(result.message).toContain('System Settings → Notifications → Glance');
  });

  it('a system without notifications: nothing is created', async () => {
    const fake = fakeNotification('show');
    const result = await sendTestNotification({
      platform: 'linux',
      isSupported: () => false,
      ...fake,
      ...manualTimer(),
    });
    expect(result.outcome).toBe('unsupported');
    expect(fake.created).toEqual([]);
  });
});

function item(items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions | undefined {
  for (const entry of items) {
    if (entry.id === id) return entry;
    if (Array.isArray(entry.submenu)) {
      const found = item(entry.submenu, id);
      if (found) return found;
    }
  }
  return undefined;
}

describe('tray: Do Not Disturb', () => {
  const actions = () => ({ open: vi.fn(), checkNow: vi.fn(), quit: vi.fn(), setDoNotDisturb: vi.fn() });

  it('offers 1 hour, until tomorrow morning and until turned off; Turn Off only while it is on', () => {
    const a = actions();
    const off = buildTrayMenuTemplate(['alex@example.com — 3 unread messages'], a, { doNotDisturb: null });
    expect(off.map((entry) => entry.label ?? entry.type)).toEqual([
      'alex@example.com — 3 unread messages',
      'separator',
      'Open Glance',
      'Check Now',
      'Do Not Disturb',
      'separator',
      'Quit Glance',
    ]);
    expect(item(off, 'dnd-off')?.enabled).toBe(false);
    for (const id of ['dnd-hour', 'dnd-tomorrow', 'dnd-manual']) (item(off, id)?.click as () => void)();
    expect(a.setDoNotDisturb.mock.calls).toEqual([['hour'], ['tomorrow'], ['off-manually']]);
  });

  it('shows how long it lasts, and turns it off', () => {
    const a = actions();
    const on = buildTrayMenuTemplate(['x'], a, {
      doNotDisturb: { kind: 'until', time: '08:00', tomorrow: true },
    });
    expect(item(on, 'do-not-disturb')?.label).toBe('Do Not Disturb: On until 08:00 tomorrow');
    expect(item(on, 'dnd-off')?.enabled).toBe(true);
    (item(on, 'dnd-off')?.click as () => void)();
    expect(a.setDoNotDisturb).toHaveBeenCalledWith('off');
  });
});

describe('buttons on a one-message notification, per platform', () => {
  it('macOS: Archive and Mark as read as Electron notification actions; the pressed index maps back', () => {
    expect(platformButtons('darwin', ['archive', 'markRead'])).toEqual([
      { type: 'button', text: 'Archive' },
      { type: 'button', text: 'Mark as read' },
    ]);
    expect(pressedAction(['archive', 'markRead'], 1)).toBe('markRead');
    expect(pressedAction(['archive', 'markRead'], 5)).toBeNull();
  });

  it('Windows gets them from the toast XML, Linux has none (Electron shows no buttons there); a group has none', () => {
    expect(platformButtons('win32', ['archive', 'markRead'])).toEqual([]);
    expect(platformButtons('linux', ['archive', 'markRead'])).toEqual([]);
    expect(platformButtons('darwin', [])).toEqual([]);
  });
});
