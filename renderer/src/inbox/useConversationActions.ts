import { useCallback, useState } from 'react';
import type { Dispatch, RefObject } from 'react';
import type { ConversationRow } from '../../../electron/shared/conversations.js';
import type { MessageAction, MessageSummary, ModifyResult } from '../../../electron/shared/ipc-contract.js';
import { i18n } from '../i18n/i18n.js';
import { asIpcError, unwrap } from '../shared/errors.js';
import { conversationKey, findConversation, messageKey } from '../mail/mail-state.js';
import type { FlagPatch, MailAction, MailState } from '../mail/mail-state.js';
import { createSerialQueues } from './serial-queues.js';
import type { ToastApi } from './useToasts.js';
import type { ConversationRef } from './useSelection.js';

const UNDO_MS = 8000;

interface ConversationActionsDeps {
  dispatch: Dispatch<MailAction>;
  stateRef: RefObject<MailState>;
  /** The conversation rows shown now: each row's flags, and "the next row" after an archive. */
  rowsRef: RefObject<readonly ConversationRow[]>;
  toasts: ToastApi;
  /** The "will reach Gmail" notice shared with message actions (one per quiet period). */
  noteOutcome: (result: ModifyResult, action: MessageAction) => void;
  moveOff: (gone: ConversationRef, next: ConversationRef | null) => void;
  select: (ref: ConversationRef) => void;
  emailOf: (accountId: string) => string | undefined;
}

/** The messages of a conversation the renderer holds (listed, or kept in view after being read here). */
function heldMessages(state: MailState, ref: ConversationRef): MessageSummary[] {
  const held = new Map<string, MessageSummary>();
  for (const message of state.accounts[ref.accountId]?.messages.values() ?? [])
    if (message.threadId === ref.threadId) held.set(message.id, message);
  for (const message of state.retained.values())
    if (message.accountId === ref.accountId && message.threadId === ref.threadId) held.set(message.id, message);
  return [...held.values()];
}

/**
 * The person's actions on whole conversations (`conversations:modify`: every message of the thread, also the
 * ones Glance does not list), optimistic with rollback and Undo like message actions. The rows shown follow
 * at once: the messages held here are patched (and hidden on archive) and both unread counts move; the core's
 * `mailbox:changed` events then carry what Gmail did.
 */
export function useConversationActions(deps: ConversationActionsDeps) {
  const { dispatch, stateRef, rowsRef, toasts, noteOutcome, moveOff, select, emailOf } = deps;
  const [queues] = useState(createSerialQueues);

  const modify = useCallback(
    (ref: ConversationRef, action: MessageAction) =>
      queues.run(conversationKey(ref), () =>
        unwrap(window.glance.conversations.modify(ref.accountId, [ref.threadId], action)).then((result) =>
          noteOutcome(result, action),
        ),
      ),
    [queues, noteOutcome],
  );
  const showError = useCallback(
    (what: string, thrown: unknown, ref: ConversationRef) =>
      toasts.showError(what, asIpcError(thrown), emailOf(ref.accountId)),
    [toasts, emailOf],
  );

  /**
   * Patches every held message of the conversation and moves the counts; returns the undo of exactly that.
   * `unread` flips count per message in the inbox, and the conversation count when the conversation goes
   * from some unread to none or back.
   */
  const applyPatch = useCallback(
    (ref: ConversationRef, patch: FlagPatch, newestOnly = false): (() => void) => {
      const held = heldMessages(stateRef.current, ref);
      // Star and mark unread reach only the newest message (the core's rule, as Gmail stars the last one).
      const newest = held.reduce<MessageSummary | null>(
        (found, message) => (found && found.date >= message.date ? found : message),
        null,
      );
      const messages = newestOnly ? (newest ? [newest] : []) : held;
      const before = messages.map((message) => ({
        id: message.id,
        unread: message.unread,
        starred: message.starred,
        inInbox: message.inInbox,
      }));
      const unreadInInbox = (list: ReadonlyArray<{ unread: boolean; inInbox: boolean }>) =>
        list.filter((message) => message.unread && message.inInbox).length;
      const after = before.map((message) => ({ ...message, ...patch }));
      const delta = unreadInInbox(after) - unreadInInbox(before);
      const conversationDelta = Number(unreadInInbox(after) > 0) - Number(unreadInInbox(before) > 0);
      for (const message of before) dispatch({ type: 'patched', accountId: ref.accountId, id: message.id, patch });
      if (delta !== 0 || conversationDelta !== 0)
        dispatch({ type: 'countAdjusted', accountId: ref.accountId, delta, conversationDelta });
      return () => {
        for (const message of before) {
          const revert: FlagPatch = {};
          if (patch.unread !== undefined) revert.unread = message.unread;
          if (patch.starred !== undefined) revert.starred = message.starred;
          if (patch.inInbox !== undefined) revert.inInbox = message.inInbox;
          dispatch({ type: 'patched', accountId: ref.accountId, id: message.id, patch: revert });
        }
        if (delta !== 0 || conversationDelta !== 0)
          dispatch({
            type: 'countAdjusted',
            accountId: ref.accountId,
            delta: -delta,
            conversationDelta: -conversationDelta,
          });
      };
    },
    [stateRef, dispatch],
  );

  const changeFlags = useCallback(
    (ref: ConversationRef, patch: FlagPatch, action: MessageAction, failure: string) => {
      const revert = applyPatch(ref, patch, action === 'star' || action === 'markUnread');
      modify(ref, action).catch((thrown: unknown) => {
        revert();
        showError(failure, thrown, ref);
      });
    },
    [applyPatch, modify, showError],
  );

  const markRead = useCallback(
    (ref: ConversationRef) => {
      // Read here, the conversation stays in the unread list (like Gmail) until the person moves elsewhere.
      for (const message of heldMessages(stateRef.current, ref)) dispatch({ type: 'retained', message });
      changeFlags(ref, { unread: false }, 'markRead', i18n.t('inbox:actions.conversationMarkReadFailed'));
    },
    [stateRef, dispatch, changeFlags],
  );
  const markUnread = useCallback(
    (ref: ConversationRef) =>
      changeFlags(ref, { unread: true }, 'markUnread', i18n.t('inbox:actions.conversationMarkUnreadFailed')),
    [changeFlags],
  );
  /** Star: the newest message gets it (Gmail stars the last one); unstar: every message loses it. */
  const toggleStar = useCallback(
    (ref: ConversationRef) => {
      const starred = findConversation(rowsRef.current, ref)?.starred ?? false;
      if (starred) changeFlags(ref, { starred: false }, 'unstar', i18n.t('inbox:actions.unstarFailed'));
      else changeFlags(ref, { starred: true }, 'star', i18n.t('inbox:actions.conversationStarFailed'));
    },
    [rowsRef, changeFlags],
  );

  const neighbourOf = useCallback(
    (ref: ConversationRef): ConversationRef | null => {
      const rows = rowsRef.current;
      const index = rows.findIndex((row) => row.accountId === ref.accountId && row.threadId === ref.threadId);
      if (index < 0) return null;
      const next = rows[index + 1] ?? rows[index - 1];
      return next ? { accountId: next.accountId, threadId: next.threadId } : null;
    },
    [rowsRef],
  );

  const archive = useCallback(
    (ref: ConversationRef) => {
      const messages = heldMessages(stateRef.current, ref);
      if (messages.length > 0 && !messages.some((message) => message.inInbox)) return;
      const next = neighbourOf(ref);
      const retained = messages.filter((message) => stateRef.current.retained.has(messageKey(message)));
      for (const message of messages) dispatch({ type: 'hidden', accountId: ref.accountId, id: message.id });
      for (const message of retained) dispatch({ type: 'released', accountId: ref.accountId, id: message.id });
      const revertFlags = applyPatch(ref, { inInbox: false });
      moveOff(ref, next);

      const putBack = () => {
        for (const message of messages) dispatch({ type: 'unhidden', accountId: ref.accountId, id: message.id });
        for (const message of retained) dispatch({ type: 'retained', message });
        revertFlags();
      };

      let undone = false;
      let archived = false;
      const undo = () => {
        undone = true;
        putBack();
        // The archive's changes may already have taken the messages out of the view: keep them shown while
        // they go back.
        for (const message of messages) dispatch({ type: 'retained', message: { ...message, inInbox: true } });
        select(ref);
        modify(ref, 'unarchive').catch((thrown: unknown) => {
          for (const message of messages) dispatch({ type: 'released', accountId: ref.accountId, id: message.id });
          if (!archived) return;
          applyPatch(ref, { inInbox: false });
          showError(i18n.t('inbox:actions.conversationUnarchiveFailed'), thrown, ref);
        });
      };
      const toastId = toasts.pushToast(
        {
          kind: 'info',
          text: i18n.t('inbox:actions.conversationArchived'),
          action: { label: i18n.t('inbox:toasts.undo'), run: undo, undo: true },
        },
        UNDO_MS,
      );
      modify(ref, 'archive')
        .then(() => {
          archived = true;
          // The core's changes (sent before this answer) took the messages out of the view.
          if (!undone)
            for (const message of messages) dispatch({ type: 'unhidden', accountId: ref.accountId, id: message.id });
        })
        .catch((thrown: unknown) => {
          toasts.dismissToast(toastId);
          if (!undone) putBack();
          showError(i18n.t('inbox:actions.conversationArchiveFailed'), thrown, ref);
        });
    },
    [stateRef, neighbourOf, dispatch, applyPatch, moveOff, select, modify, toasts, showError],
  );

  return { markRead, markUnread, toggleStar, archive };
}
