import { useEffect } from 'react';
import type { Conversation } from '../../../electron/shared/ipc-contract.js';
import { announce } from '../app/LiveRegion.js';
import { currentLocale, i18n } from '../i18n/i18n.js';
import type { ParsedMessage } from './parse.js';

/** What the live region says when the reader has a message ready: who sent it and what it is about. */
export function openedText(subject: string, from: { name: string; address: string } | null): string {
  const sender = from ? from.name.trim() || from.address : '';
  const shownSubject = subject.trim() || i18n.t('reader:noSubject');
  return sender
    ? i18n.t('reader:announce.openedMessage', { sender, subject: shownSubject })
    : i18n.t('reader:announce.openedMessageUnknownSender', { subject: shownSubject });
}

/**
 * What the live region says when a conversation is ready: who wrote in it (each sender once, oldest first,
 * listed as the window's language lists names), its subject as the reader heads it, and how many messages.
 */
export function openedConversationText(conversation: Pick<Conversation, 'messages'>): string {
  const senders = new Map<string, string>();
  for (const message of conversation.messages) {
    const address = message.from.address.toLowerCase();
    if (!senders.has(address)) senders.set(address, message.from.name.trim() || message.from.address);
  }
  const names = [...senders.values()].filter((name) => name !== '');
  return i18n.t('reader:announce.openedConversation', {
    senders:
      names.length > 0
        ? new Intl.ListFormat(currentLocale(), { type: 'conjunction' }).format(names)
        : i18n.t('reader:unknownSender'),
    subject: conversation.messages.at(-1)?.subject.trim() || i18n.t('reader:noSubject'),
    count: conversation.messages.length,
  });
}

/**
 * The reader opens without taking focus (j/k keep moving through the list), so a screen reader would not
 * know what it shows: once the message or conversation is ready, what it is is said once, politely.
 */
export function useReaderAnnouncement(ready: ParsedMessage | Conversation | null): void {
  useEffect(() => {
    if (!ready) return;
    announce('messages' in ready ? openedConversationText(ready) : openedText(ready.subject, ready.from));
  }, [ready]);
}
