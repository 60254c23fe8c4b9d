/**
 * The unread count outside the window: dock badge (macOS) and launcher count (Linux, Unity-style
 * launchers) through `app.setBadgeCount`, a taskbar overlay icon on Windows, and the tray's tooltip
 * and title. Pure decisions here; the glue passes the Electron objects.
 */
import type { NativeImage } from 'electron';
import type { AccountView, MailboxStatus } from '../shared/ipc-contract.js';
import { shownUnreadCount, unreadSentence, type ListMode } from '../shared/unread-shown.js';

export { unreadSentence };

/** Tray/menu-bar text: the count, capped so it never grows wider than four characters. */
export function formatCount(count: number): string {
  if (!Number.isFinite(count) || count <= 0) return '';
  return count > 999 ? '999+' : String(Math.floor(count));
}

const STATE_NOTES: Partial<Record<MailboxStatus['sync']['status'], string>> = {
  'needs-sign-in': 'sign in again',
  offline: 'offline',
  'google-trouble': 'Gmail having trouble',
  'rate-limited': 'paused',
  error: 'not refreshing',
};

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
    const note = account.status === 'needs-sign-in' ? 'sign in again' : status && STATE_NOTES[status.sync.status];
    const counted =
      count === null || count === undefined ? account.email : `${account.email} — ${unreadSentence(count, mode)}`;
    return note ? `${counted} (${note})` : counted;
  });
}

export function trayTooltip(count: number, mode: ListMode = 'messages'): string {
  return `Glance — ${unreadSentence(count, mode)}`;
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
