/**
 * Connects the core's events to the desktop: every event goes to the window; the unread total goes to
 * the badge/tray; new mail becomes notifications (when the setting allows) whose click opens the message.
 */
import type { EventName, EventPayloads, IpcResult, Settings, AccountsState } from '../shared/ipc-contract.js';
import type { Logger } from '../core/logging.js';
import { planNotifications, type PlannedNotification } from './notifications.js';

export interface CoreLike {
  onEvent(listener: <E extends EventName>(event: E, payload: EventPayloads[E]) => void): () => void;
  dispatch(channel: string, args: unknown): Promise<IpcResult<unknown>>;
  unreadTotal(): number;
}

export interface EventRouterDeps {
  core: CoreLike;
  /** webContents.send to our window, when it exists and has loaded. */
  sendToWindow<E extends EventName>(event: E, payload: EventPayloads[E]): void;
  /** Shows (creating if needed) and focuses the window; resolves once the page can receive events. */
  showWindow(): Promise<void>;
  isWindowFocused(): boolean;
  showUnreadCount(count: number): void;
  /** Shows one OS notification; `onClick` runs when the person clicks it. */
  notify(notification: PlannedNotification, onClick: () => void): void;
  logger: Logger;
}

async function readSettings(core: CoreLike): Promise<Settings | null> {
  const result = await core.dispatch('settings:get', []);
  return result.ok ? (result.value as Settings) : null;
}

export function routeCoreEvents(deps: EventRouterDeps): () => void {
  const { core, logger } = deps;
  const openMessage = (target: EventPayloads['message:show']) => {
    deps
      .showWindow()
      .then(() => deps.sendToWindow('message:show', target))
      .catch((error: unknown) => logger.warn('Could not open the message from a notification', { error }));
  };

  const notifyNewMail = async (changed: EventPayloads['mailbox:changed']) => {
    if (changed.added.length === 0) return;
    const settings = await readSettings(core);
    const planned = planNotifications(changed.accountId, changed.added, {
      enabled: settings?.notifications ?? false,
      windowFocused: deps.isWindowFocused(),
    });
    for (const notification of planned) deps.notify(notification, () => openMessage(notification.target));
  };

  return core.onEvent((event, payload) => {
    deps.sendToWindow(event, payload);
    if (event === 'mailbox:changed' || event === 'accounts:changed') deps.showUnreadCount(core.unreadTotal());
    if (event === 'mailbox:changed') {
      notifyNewMail(payload as EventPayloads['mailbox:changed']).catch((error: unknown) =>
        logger.warn('Could not show new-mail notifications', { error }),
      );
    }
  });
}

/** Tray "Check Now": syncs every ready account, even while the window is closed. */
export async function checkAllAccounts(core: Pick<CoreLike, 'dispatch'>, logger: Logger): Promise<void> {
  const state = await core.dispatch('accounts:get', []);
  if (!state.ok) {
    logger.warn(`Check now: accounts unavailable (${state.error.code})`);
    return;
  }
  const ready = (state.value as AccountsState).accounts.filter((account) => account.status === 'ready');
  const results = await Promise.all(ready.map((account) => core.dispatch('sync:now', [account.id])));
  for (const result of results) if (!result.ok) logger.info(`Check now: ${result.error.code}`);
}
