import { useEffect, useRef } from 'react';
import type { MessageSummary } from '../../../electron/shared/ipc-contract.js';
import { announce } from '../app/LiveRegion.js';
import { i18n } from '../i18n/i18n.js';

/** What the live region says when mail arrives: one message by name, several by number. */
export function newMailText(arrived: readonly MessageSummary[]): string {
  if (arrived.length === 1) {
    const message = arrived[0]!;
    const sender = message.from.name.trim() || message.from.address;
    const subject = message.subject.trim() || i18n.t('inbox:row.noSubject');
    return sender
      ? i18n.t('inbox:announce.newMessage', { sender, subject })
      : i18n.t('inbox:announce.newMessageUnknownSender', { subject });
  }
  return i18n.t('inbox:announce.newMessages', { count: arrived.length });
}

/**
 * Says once, politely, when unread mail arrives in the list shown: rows newer than the newest row seen so far
 * in this view. The first page of a view, a search, or an Undo bringing an older row back is not new mail.
 */
export function useNewMailAnnouncement(items: readonly MessageSummary[], viewKey: string, ready: boolean): void {
  const seen = useRef<{ viewKey: string; newest: number; ids: Set<string> } | null>(null);
  useEffect(() => {
    if (!ready) return;
    const key = (message: MessageSummary) => `${message.accountId}/${message.id}`;
    const current = seen.current;
    if (current === null || current.viewKey !== viewKey) {
      seen.current = {
        viewKey,
        newest: items.reduce((newest, message) => Math.max(newest, message.date), -Infinity),
        ids: new Set(items.map(key)),
      };
      return;
    }
    const arrived = items.filter(
      (message) => message.unread && !current.ids.has(key(message)) && message.date > current.newest,
    );
    for (const message of items) current.ids.add(key(message));
    if (arrived.length === 0) return;
    current.newest = arrived.reduce((newest, message) => Math.max(newest, message.date), current.newest);
    announce(newMailText(arrived));
  }, [items, viewKey, ready]);
}
