/**
 * Connects the core's events to the desktop: every event goes to the window; the unread total and a line
 * per account go to the badge/tray; new mail (a change's `arrivedIds`) becomes notifications (when the
 * person's rules allow, notification-policy.ts) whose click opens the message in its account and whose
 * buttons archive it or mark it read. Calls the core's typed methods only.
 */
import type { GlanceCore } from '../core/app-core.js';
import type { Logger } from '../core/logging.js';
import type { EventPayloads, EventName, Settings } from '../shared/ipc-contract.js';
import { mutedNow, recentWindowMs } from './notification-policy.js';
import type { PendingShow } from './pending-show.js';
import { planNotifications, type NotificationAction, type PlannedNotification } from './notifications.js';
import type { ListMode } from '../shared/unread-shown.js';
import { accountLines } from './unread-indicators.js';

/** The slice of GlanceCore the desktop surfaces use. */
export interface CoreLike {
  onEvent: GlanceCore['onEvent'];
  settings: Pick<GlanceCore['settings'], 'get'>;
  accounts: Pick<GlanceCore['accounts'], 'get'>;
  mail: Pick<GlanceCore['mail'], 'unreadTotal' | 'mailboxes' | 'syncAll' | 'modify'>;
}

export interface EventRouterDeps {
  core: CoreLike;
  /** webContents.send to our window, when it exists and has loaded. */
  sendToWindow<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  /** Shows (creating if needed) and focuses the window; resolves once its page has loaded (its inbox may not listen yet). */
  showWindow(): Promise<void>;
  /** Where a clicked notification's message waits for the page to take it (shared with the IPC channel). */
  pendingShow: Pick<PendingShow, 'keep' | 'isWaiting'>;
  isWindowFocused(): boolean;
  /**
   * The total for the badge, and one line per account (its address and count) for the tray; unread
   * conversations or messages as the list shows them (`mode`, Settings.listMode).
   */
  showUnreadCount(count: number, lines: string[], mode: ListMode): void;
  /**
   * Shows one OS notification; `onClick` runs when the person clicks it, `onAction` when they press one of
   * its buttons (where the platform shows them).
   */
  notify(notification: PlannedNotification, onClick: () => void, onAction: (action: NotificationAction) => void): void;
  logger: Logger;
  /** The clock and time zone the rules read (tests pass fixed ones); the system's by default. */
  now?: () => number;
  timeZone?: string;
}

/**
 * Shows the window, then the message (a notification clicked now, or later from the Action Center). The message
 * waits in `pendingShow` until the page takes it (pending-show.ts): a window just created or reloaded has no inbox
 * listening for `message:show` yet, and takes it when its inbox starts. The event goes only to a page that has not
 * taken it meanwhile, and only for the latest click.
 */
export function messageOpener(
  deps: Pick<EventRouterDeps, 'showWindow' | 'sendToWindow' | 'logger' | 'pendingShow'>,
): (target: EventPayloads['message:show']) => void {
  return (target) => {
    const kept = deps.pendingShow.keep(target);
    deps
      .showWindow()
      .then(() => {
        if (deps.pendingShow.isWaiting(kept)) deps.sendToWindow('message:show', target);
      })
      .catch((error: unknown) => deps.logger.warn('Could not open the message from a notification', { error }));
  };
}

/**
 * A notification's button (Archive, Mark as read): the core's modify for that message in its account, the
 * same journaled call the window makes, so it works with the window closed. The window (when there is one)
 * is told, so it can offer Undo. Resolves when done (failures logged).
 */
export function notificationActionRunner(
  deps: { core: Pick<CoreLike, 'mail'> } & Pick<EventRouterDeps, 'logger' | 'sendToWindow'>,
): (target: EventPayloads['message:show'], action: NotificationAction) => Promise<void> {
  return async (target, action) => {
    try {
      const { outcome } = await deps.core.mail.modify(target.accountId, [target.messageId], action);
      deps.sendToWindow('action:fromNotification', {
        accountId: target.accountId,
        messageIds: [target.messageId],
        action,
        outcome,
      });
    } catch (error) {
      deps.logger.warn('Could not apply a notification action', { action, error });
    }
  };
}

export function routeCoreEvents(deps: EventRouterDeps): () => void {
  const { core, logger } = deps;
  const now = deps.now ?? Date.now;
  const clock = () => ({ now: now(), ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) });
  const openMessage = messageOpener(deps);
  const runAction = notificationActionRunner(deps);
  // Mail that came in while notifications were off or do not disturb was on stays unannounced after they
  // are turned back on by hand (quiet hours and a do-not-disturb that expires are read from its date).
  let settingsSeen = core.settings.get();
  let notBefore: number | undefined;
  const settingsChanged = (next: Settings) => {
    const at = clock();
    if (mutedNow(settingsSeen, at) !== null && mutedNow(next, at) === null) notBefore = at.now;
    settingsSeen = next;
  };
  const notifyNewMail = (changed: EventPayloads['mailbox:changed']) => {
    if (changed.arrivedIds.length === 0) return;
    const settings = core.settings.get();
    const planned = planNotifications(changed, {
      settings,
      clock: clock(),
      recentMs: recentWindowMs(settings.pollSeconds),
      ...(notBefore !== undefined ? { notBefore } : {}),
      windowFocused: deps.isWindowFocused(),
    });
    for (const notification of planned)
      deps.notify(
        notification,
        () => openMessage(notification.target),
        (action) => void runAction(notification.target, action),
      );
  };
  // Most changes (a sync starting or ending) leave every count alone: the badge and tray menu are rebuilt
  // only when what they show changed.
  let shownCounts = '';
  const showCounts = () => {
    const mode = core.settings.get().listMode;
    const total = core.mail.unreadTotal();
    const lines = accountLines(core.accounts.get().accounts, core.mail.mailboxes(), mode);
    const key = JSON.stringify([total, lines, mode]);
    if (key === shownCounts) return;
    shownCounts = key;
    deps.showUnreadCount(total, lines, mode);
  };

  return core.onEvent((event, payload) => {
    deps.sendToWindow(event, payload);
    if (event === 'settings:changed') settingsChanged(payload as Settings);
    // settings: "Show each message separately" switches the badge and tray between conversations and messages.
    if (event === 'mailbox:changed' || event === 'accounts:changed' || event === 'settings:changed') showCounts();
    if (event === 'mailbox:changed') {
      try {
        notifyNewMail(payload as EventPayloads['mailbox:changed']);
      } catch (error) {
        logger.warn('Could not show new-mail notifications', { error });
      }
    }
  });
}

/** Tray "Check Now": syncs every ready account in parallel, even while the window is closed. */
export async function checkAllAccounts(core: Pick<CoreLike, 'mail'>, logger: Logger): Promise<void> {
  await core.mail.syncAll().catch((error: unknown) => logger.warn('Check now failed', { error }));
}
