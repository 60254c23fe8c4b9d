/**
 * The decisions behind a first launch on a real desktop (issue 16), each with the fake it needs.
 */
import type { NativeImage } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import {
  permissionPrimer,
  shouldAskNotificationPermission,
  trackNotificationOutcomes,
} from '../../../electron/main/notification-outcomes.js';
import { osReadableIconPath } from '../../../electron/main/resource-paths.js';
import { createCoreGate, gatedDispatch, mainProcessChannels } from '../../../electron/main/startup-gate.js';
import {
  rememberUnreadCount,
  showUnreadCount,
  type IndicatorTargets,
} from '../../../electron/main/unread-indicators.js';
import {
  parseToastAction,
  parseToastLaunch,
  toastActionArgument,
  toastLaunchArgument,
  toastXmlFor,
} from '../../../electron/main/windows-toast.js';
import type { Channel, IpcResult } from '../../../electron/shared/ipc-contract.js';

function fakeCore() {
  const calls: string[] = [];
  return {
    calls,
    dispatch: async (channel: Channel, args: unknown[]): Promise<IpcResult<unknown>> => {
      calls.push(channel);
      return channel === 'auth:signIn' && (args[0] as { fail?: boolean } | undefined)?.fail
        ? { ok: false, error: { code: 'CANCELLED', message: 'Sign-in was cancelled.' } }
        : { ok: true, value: channel };
    },
  };
}

describe('start-up: IPC registered before the window can open, calls wait for the core', () => {
  it('a call made before the core exists is answered once it is ready', async () => {
    const gate = createCoreGate<ReturnType<typeof fakeCore>>();
    const dispatch = gatedDispatch(gate, () => {});
    const early = dispatch('app:info', []);
    let settled = false;
    void early.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).toBe(false);
    const core = fakeCore();
    gate.ready(core);
    await expect(early).resolves.toEqual({ ok: true, value: 'app:info' });
    expect(core.calls).toEqual(['app:info']);
  });

  it('the main process’s own channels answer while the core is still starting; the others wait', async () => {
    const gate = createCoreGate<ReturnType<typeof fakeCore>>();
    const mainProcess = fakeCore();
    const dispatch = gatedDispatch(gate, () => {}, {
      channels: ['proxy:openQuestions'],
      dispatch: mainProcess.dispatch,
    });
    const waiting = dispatch('app:info', []);
    let settled = false;
    void waiting.then(() => (settled = true));
    await expect(dispatch('proxy:openQuestions', [])).resolves.toEqual({ ok: true, value: 'proxy:openQuestions' });
    expect(settled).toBe(false);
    const core = fakeCore();
    gate.ready(core);
    await waiting;
    await dispatch('proxy:openQuestions', []);
    expect(core.calls).toEqual(['app:info']);
    expect(mainProcess.calls).toEqual(['proxy:openQuestions', 'proxy:openQuestions']);
  });

  it('a failed start-up fails the waiting calls instead of leaving them hanging', async () => {
    const gate = createCoreGate<ReturnType<typeof fakeCore>>();
    const early = gatedDispatch(gate, () => {})('app:info', []);
    gate.failed(new Error('keychain unavailable'));
    await expect(early).rejects.toThrow('keychain unavailable');
  });

  it('the main process’s channels come from their owners, each answered by its own; none missing, none twice', async () => {
    const part = (channels: Channel[]) => ({ channels, ...fakeCore() });
    const proxy = part(['proxy:answerSignIn', 'proxy:openQuestions']);
    const shows = part(['message:takePendingShow']);
    const dispatch = gatedDispatch(
      createCoreGate<ReturnType<typeof fakeCore>>(),
      () => {},
      mainProcessChannels(proxy, shows),
    );
    await dispatch('message:takePendingShow', []);
    await dispatch('proxy:openQuestions', []);
    expect(shows.calls).toEqual(['message:takePendingShow']);
    expect(proxy.calls).toEqual(['proxy:openQuestions']);
    expect(() => mainProcessChannels(proxy)).toThrow(/unanswered: \[message:takePendingShow\]/);
    expect(() => mainProcessChannels(proxy, shows, part(['message:takePendingShow']))).toThrow(/Two answers/);
    expect(() => mainProcessChannels(proxy, shows, part(['app:info']))).toThrow(/not the main process's: \[app:info\]/);
  });

  it('brings Glance to the front after a completed browser sign-in, not after a cancelled one', async () => {
    const gate = createCoreGate<ReturnType<typeof fakeCore>>();
    gate.ready(fakeCore());
    const onSignedIn = vi.fn();
    const dispatch = gatedDispatch(gate, onSignedIn);
    await dispatch('auth:signIn', [{ fail: true }]);
    await dispatch('accounts:get', []);
    expect(onSignedIn).not.toHaveBeenCalled();
    await dispatch('auth:signIn', [{}]);
    expect(onSignedIn).toHaveBeenCalledOnce();
  });
});

describe('the unread count where it was lost', () => {
  it('Windows: the overlay set before the window existed is shown again when the window shows', () => {
    const overlays: string[] = [];
    const targets: IndicatorTargets = {
      platform: 'win32',
      app: { setBadgeCount: () => true },
      window: null,
      tray: null,
      overlayImage: (name) => ({ name }) as unknown as NativeImage,
    };
    const count = rememberUnreadCount((n) => showUnreadCount(n, targets));
    count.update(4);
    expect(overlays).toEqual([]);
    targets.window = {
      setOverlayIcon: (image) => overlays.push((image as unknown as { name: string }).name),
      isDestroyed: () => false,
    };
    count.reapply();
    expect(overlays).toEqual(['4']);
  });

  it('macOS: a notification that reached the screen re-applies the badge (permission now granted)', () => {
    const badges: number[] = [];
    const count = rememberUnreadCount((n) => badges.push(n));
    count.update(7);
    const outcomes = trackNotificationOutcomes({
      platform: 'darwin',
      reapplyBadge: () => count.reapply(),
      logger: { warn: vi.fn(), debug: vi.fn() },
    });
    outcomes.shown();
    expect(badges).toEqual([7, 7]);
  });
});

describe('notification failures (unsigned macOS builds fail every one)', () => {
  it('are logged once with what to do, then quietly counted', () => {
    const logger = { warn: vi.fn(), debug: vi.fn() };
    const outcomes = trackNotificationOutcomes({ platform: 'darwin', reapplyBadge: () => {}, logger });
    for (let i = 0; i < 5; i++) outcomes.failed('UNErrorDomain 1');
    expect(outcomes.failures()).toBe(5);
    expect(logger.warn).toHaveBeenCalledOnce();
    expect(logger.warn.mock.calls[0]?.[0]).toMatch(/System Settings → Notifications/);
    expect(logger.debug).toHaveBeenCalledTimes(4);
  });

  it('macOS asks for permission once, at first start, when notifications are on', () => {
    const ask = (platform: NodeJS.Platform, notificationsEnabled: boolean, alreadyAsked: boolean) =>
      shouldAskNotificationPermission({ platform, notificationsEnabled, alreadyAsked });
    expect(ask('darwin', true, false)).toBe(true);
    expect(ask('darwin', true, true)).toBe(false);
    expect(ask('darwin', false, false)).toBe(false);
    expect(ask('win32', true, false)).toBe(false);
    expect(permissionPrimer().body).toMatch(/Dock/);
  });
});

describe('Windows notifications clicked later from the Action Center', () => {
  const planned = {
    title: 'Ana <ana@example.com> & "Co"',
    body: "Q3 <draft> — it's here",
    target: { accountId: 'acct 1&x', messageId: '18c0f<a>' },
  };

  it('carry the message in the toast launch argument, and it reads back', () => {
    expect(parseToastLaunch(toastLaunchArgument(planned.target))).toEqual(planned.target);
    expect(parseToastLaunch(undefined)).toBeNull();
    expect(parseToastLaunch('')).toBeNull();
    expect(parseToastLaunch('something-else?account=a&message=b')).toBeNull();
    expect(parseToastLaunch('glance-open-message?account=a')).toBeNull();
  });

  it('escape sender and subject in the toast XML', () => {
    const xml = toastXmlFor(planned);
    expect(xml).toContain('<text>Ana &lt;ana@example.com&gt; &amp; &quot;Co&quot;</text>');
    expect(xml).toContain('<text>Q3 &lt;draft&gt; — it&apos;s here</text>');
    expect(xml).not.toMatch(/<draft>|<a>/);
    const launch = /launch="([^"]*)"/.exec(xml)?.[1] ?? '';
    const unescaped = launch.replaceAll('&amp;', '&');
    expect(parseToastLaunch(unescaped)).toEqual(planned.target);
    expect(xml).toMatch(/^<toast [^>]*activationType="foreground"/);
    expect(xml).not.toContain('<actions>');
  });

  it('carry Archive and Mark as read buttons whose arguments name the message and the action', () => {
    const xml = toastXmlFor({ ...planned, actions: ['archive', 'markRead'] });
    const buttons = [...xml.matchAll(/<action content="([^"]*)" arguments="([^"]*)" activationType="foreground"\/>/g)];
    expect(buttons.map((b) => b[1])).toEqual(['Archive', 'Mark as read']);
    const pressed = buttons.map((b) => parseToastAction(b[2]?.replaceAll('&amp;', '&')));
    expect(pressed).toEqual([
      { target: planned.target, action: 'archive' },
      { target: planned.target, action: 'markRead' },
    ]);
    // A button's arguments never open the message, and a click's launch string is never an action.
    expect(parseToastLaunch(toastActionArgument(planned.target, 'archive'))).toBeNull();
    expect(parseToastAction(toastLaunchArgument(planned.target))).toBeNull();
    expect(parseToastAction('glance-message-action?account=a&message=b&action=delete')).toBeNull();
    expect(parseToastAction('glance-message-action?account=a&action=archive')).toBeNull();
    expect(parseToastAction(undefined)).toBeNull();
  });
});

describe('icons the OS reads itself', () => {
  it('the installed app’s About icon is outside app.asar (GTK cannot read inside it)', () => {
    const installed = osReadableIconPath({
      isPackaged: true,
      resourcesPath: '/opt/Glance/resources',
      appPath: '/opt/Glance/resources/app.asar',
    });
    expect(installed).toBe('/opt/Glance/resources/icon.png');
    expect(installed).not.toContain('app.asar');
    expect(osReadableIconPath({ isPackaged: false, resourcesPath: '/x', appPath: '/repo' })).toBe(
      '/repo/dist/assets/icon.png',
    );
  });
});
