import { useCallback, useState } from 'react';
import type { MessageSummary } from '../../../electron/shared/ipc-contract.js';

/** A message across accounts: Gmail ids are unique only within one account. */
export interface MessageRef {
  accountId: string;
  id: string;
}

export const sameMessage = (a: MessageRef | null, b: MessageRef | null): boolean =>
  a !== null && b !== null && a.accountId === b.accountId && a.id === b.id;

const refOf = (message: MessageSummary): MessageRef => ({ accountId: message.accountId, id: message.id });

/** Which row is selected and which message is open in the reader; j/k move through `items`. */
export function useSelection(initialOpen: MessageRef | null = null) {
  const [selected, setSelected] = useState<MessageRef | null>(initialOpen);
  const [open, setOpen] = useState<MessageRef | null>(initialOpen);

  const openMessage = useCallback((ref: MessageRef) => {
    setSelected(ref);
    setOpen(ref);
  }, []);
  const close = useCallback(() => setOpen(null), []);

  /** Moves the selection (and the reader, when open) one row; true when it reached the last rows. */
  const move = (items: readonly MessageSummary[], step: 1 | -1): boolean => {
    if (items.length === 0) return false;
    const index = selected === null ? -1 : items.findIndex((message) => sameMessage(refOf(message), selected));
    const nextIndex = index < 0 ? 0 : Math.min(items.length - 1, Math.max(0, index + step));
    const next = items[nextIndex];
    if (!next) return false;
    setSelected(refOf(next));
    if (open !== null) setOpen(refOf(next));
    return step === 1 && nextIndex >= items.length - 3;
  };

  /** When `gone` leaves the list, selection and reader move to `next` (the row below, or above). */
  const moveOff = useCallback((gone: MessageRef, next: MessageRef | null) => {
    setSelected((current) => (sameMessage(current, gone) ? next : current));
    setOpen((current) => (sameMessage(current, gone) ? next : current));
  }, []);

  /** Both at once, for a switch of list mode that carries the selection over. */
  const replace = useCallback((nextSelected: MessageRef | null, nextOpen: MessageRef | null) => {
    setSelected(nextSelected);
    setOpen(nextOpen);
  }, []);

  return { selected, open, setSelected, openMessage, close, move, moveOff, replace };
}

/** A conversation across accounts: Gmail thread ids are unique only within one account. */
export interface ConversationRef {
  accountId: string;
  threadId: string;
}

export const sameConversation = (a: ConversationRef | null, b: ConversationRef | null): boolean =>
  a !== null && b !== null && a.accountId === b.accountId && a.threadId === b.threadId;

const conversationRefOf = (row: ConversationRef): ConversationRef => ({
  accountId: row.accountId,
  threadId: row.threadId,
});

/** Which conversation row is selected and which conversation is open; j/k move through `rows`. */
export function useConversationSelection() {
  const [selected, setSelected] = useState<ConversationRef | null>(null);
  const [open, setOpen] = useState<ConversationRef | null>(null);

  const openConversation = useCallback((ref: ConversationRef) => {
    setSelected(ref);
    setOpen(ref);
  }, []);
  const close = useCallback(() => setOpen(null), []);

  /** Moves the selection (and the open conversation, when one is open) one row; true near the last rows. */
  const move = (rows: readonly ConversationRef[], step: 1 | -1): boolean => {
    if (rows.length === 0) return false;
    const index = selected === null ? -1 : rows.findIndex((row) => sameConversation(row, selected));
    const nextIndex = index < 0 ? 0 : Math.min(rows.length - 1, Math.max(0, index + step));
    const next = rows[nextIndex];
    if (!next) return false;
    setSelected(conversationRefOf(next));
    if (open !== null) setOpen(conversationRefOf(next));
    return step === 1 && nextIndex >= rows.length - 3;
  };

  /** When `gone` leaves the list, selection and reader move to `next` (the row below, or above). */
  const moveOff = useCallback((gone: ConversationRef, next: ConversationRef | null) => {
    setSelected((current) => (sameConversation(current, gone) ? next : current));
    setOpen((current) => (sameConversation(current, gone) ? next : current));
  }, []);

  /** Both at once, for a switch of list mode that carries the selection over. */
  const replace = useCallback((nextSelected: ConversationRef | null, nextOpen: ConversationRef | null) => {
    setSelected(nextSelected);
    setOpen(nextOpen);
  }, []);

  return { selected, open, setSelected, openConversation, close, move, moveOff, replace };
}
