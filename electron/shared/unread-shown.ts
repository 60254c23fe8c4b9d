/**
 * Which unread count Glance shows for an account: conversations while the list groups them (the number
 * Gmail shows next to Inbox), messages under "Show each message separately". One rule for the badge,
 * tray, header and title.
 */
import type { MailboxStatus, Settings } from './ipc-contract.js';

export type ListMode = Settings['listMode'];

export function shownUnreadCount(
  status: Pick<MailboxStatus, 'unreadCount' | 'unreadConversationCount'>,
  mode: ListMode,
): number | null {
  return mode === 'conversations' ? status.unreadConversationCount : status.unreadCount;
}

/** "1 unread conversation", "12 unread messages", "No unread mail". */
export function unreadSentence(count: number, mode: ListMode = 'messages'): string {
  if (count <= 0) return 'No unread mail';
  const noun = mode === 'conversations' ? 'conversation' : 'message';
  return count === 1 ? `1 unread ${noun}` : `${count.toLocaleString('en-US')} unread ${noun}s`;
}
