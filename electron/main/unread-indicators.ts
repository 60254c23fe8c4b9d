/**
 * The unread count outside the window: dock badge (macOS) and launcher count (Linux, Unity-style
 * launchers) through `app.setBadgeCount`, a taskbar overlay icon on Windows, and the tray's tooltip
 * and title. Pure decisions here; the glue passes the Electron objects.
 */
import type { NativeImage } from 'electron';
import type { AccountView, MailboxStatus } from '../shared/ipc-contract.js';
import { shownUnreadCount, type ListMode } from '../shared/unread-shown.js';
import { t } from './i18n.js';

/** "1 unread conversation", "12 unread messages", "No unread mail", in the main process's language. */
export function unreadSentence(count: number, mode: ListMode = 'messages'): string {
  if (count <= 0) return t('unread.none');
  return mode === 'conversations' ? t('unread.conversations', { count }) : t('unread.messages', { count });
}

/** Tray/menu-bar text: the count, capped so it never grows wider than four characters. */
export function formatCount(count: number): string {
  if (!Number.isFinite(count) || count <= 0) return '';
  return count > 999 ? '999+' : String(Math.floor(count));
}

const STATE_NOTES = {
  'needs-sign-in': 'unread.signInAgain',
  offline: 'unread.offline',
  'google-trouble': 'unread.googleTrouble',
  'rate-limited': 'unread.paused',
  error: 'unread.notRefreshing',
} as const satisfies Partial<Record<MailboxStatus['sync']['status'], string>>;

function troubleOf(status: MailboxStatus['sync']['status']): string | undefined {
  const key = (STATE_NOTES as Partial<Record<string, (typeof STATE_NOTES)[keyof typeof STATE_NOTES]>>)[status];
  return key ? t(key) : undefined;
}

/**
 * The tray's lines: one per signed-in account with its own count (and its trouble, if any); unread
 * conversations or messages as the list shows them (`mode`).
 */
export function accountLines(
  accounts: readonly AccountView[],
  mailboxes: readonly MailboxStatus[],
  mode: ListMode = 'messages',
): string[] {
  if (accounts.length === 0) return [unreadSentence(0)];
  const byId = new Map(mailboxes.map((status) => [status.accountId, status]));
  return accounts.map((account) => {
    const status = byId.get(account.id);
    const count = status ? shownUnreadCount(status, mode) : undefined;
    const trouble =
      account.status === 'needs-sign-in' ? t('unread.signInAgain') : status && troubleOf(status.sync.status);
    const counted =
      count === null || count === undefined
        ? account.email
        : t('unread.accountLine', { email: account.email, unread: unreadSentence(count, mode) });
    return trouble ? t('unread.withTrouble', { line: counted, trouble }) : counted;
  });
}

export function trayTooltip(count: number, mode: ListMode = 'messages'): string {
  return t('unread.tooltip', { appName: 'Glance', unread: unreadSentence(count, mode) });
}

/** Pre-rendered overlay badges (build/scripts/make-icons.mjs): `1`…`9`, then `9plus`. */
export type OverlayName = `${1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9}` | '9plus';

export function overlayName(count: number): OverlayName | null {
  if (!Number.isFinite(count) || count <= 0) return null;
  return count > 9 ? '9plus' : (String(Math.floor(count)) as OverlayName);
}

export interface IndicatorTargets {
  platform: NodeJS.Platform;
  app: { setBadgeCount(count?: number): boolean };
  window: { setOverlayIcon(overlay: NativeImage | null, description: string): void; isDestroyed(): boolean } | null;
  tray: { setToolTip(toolTip: string): void; setTitle(title: string): void; isDestroyed(): boolean } | null;
  /** Loads an overlay badge image; null when the file is missing (then the overlay is cleared). */
  overlayImage(name: OverlayName): NativeImage | null;
}

/** Shows `count` (conversations or messages: `mode`) everywhere the platform supports it; zero clears every indicator. */
export function showUnreadCount(count: number, targets: IndicatorTargets, mode: ListMode = 'messages'): void {
  const safe = Number.isFinite(count) && count > 0 ? Math.floor(count) : 0;
  // macOS dock and Linux launchers. On Windows setBadgeCount is a no-op, the overlay does the job.
  if (targets.platform !== 'win32') targets.app.setBadgeCount(safe);
  if (targets.platform === 'win32' && targets.window && !targets.window.isDestroyed()) {
    const name = overlayName(safe);
    const image = name ? targets.overlayImage(name) : null;
    targets.window.setOverlayIcon(image, image ? unreadSentence(safe, mode) : '');
  }
  if (targets.tray && !targets.tray.isDestroyed()) {
    targets.tray.setToolTip(trayTooltip(safe, mode));
    // The title shows next to the menu-bar icon on macOS (ignored elsewhere).
    if (targets.platform === 'darwin') targets.tray.setTitle(formatCount(safe));
  }
}

/**
 * Remembers the last count so it can be shown again where it was lost: Windows drops the overlay set
 * before the window (and its taskbar button) exists, and macOS hides the badge until notifications are
 * allowed.
 */
export function rememberUnreadCount(show: (count: number, mode: ListMode) => void): {
  update(count: number, mode?: ListMode): void;
  reapply(): void;
} {
  let last = 0;
  let lastMode: ListMode = 'messages';
  return {
    update(count, mode = 'messages') {
      last = count;
      lastMode = mode;
      show(count, mode);
    },
    reapply: () => show(last, lastMode),
  };
}
