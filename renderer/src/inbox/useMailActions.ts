import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import type { Dispatch, RefObject } from 'react';
import type { MessageAction, MessageSummary, ModifyResult } from '../../../electron/shared/ipc-contract.js';
import { i18n } from '../i18n/i18n.js';
import { GlanceCallError, asIpcError, unwrap } from '../shared/errors.js';
import { findMessage, messageKey } from '../mail/mail-state.js';
import type { FlagPatch, MailAction, MailState } from '../mail/mail-state.js';
import type { ReaderFlags } from '../reader/Reader.js';
import { createSerialQueues } from './serial-queues.js';
import type { ToastApi } from './useToasts.js';
import { sameMessage } from './useSelection.js';
import type { MessageRef } from './useSelection.js';

const UNDO_MS = 8000;
/** While Google stays out of reach, one "will reach Gmail" notice covers the actions that follow for this long. */
const QUEUED_NOTICE_QUIET_MS = 60_000;

/** What the person reads when an action was saved here because Google could not be reached. */
export function queuedNotice(action: MessageAction): string {
  return i18n.t('inbox:actions.queued', { action });
}

interface MailActionsDeps {
  dispatch: Dispatch<MailAction>;
  stateRef: RefObject<MailState>;
  /** The rows shown now, for "the next row" after an archive. */
  itemsRef: RefObject<readonly MessageSummary[]>;
  /** Archived rows leave the list (the unread view, an unread search); in all mail they only lose "Inbox". */
  archiveRemovesRow: boolean;
  toasts: ToastApi;
  moveOff: (gone: MessageRef, next: MessageRef | null) => void;
  select: (ref: MessageRef) => void;
  emailOf: (accountId: string) => string | undefined;
}

/**
 * The person's actions on messages, optimistic with rollback and Undo. Each goes to the message's own
 * account; calls for one message run in order, so an Undo never overtakes the archive it undoes.
 */
export function useMailActions(deps: MailActionsDeps) {
  const { dispatch, stateRef, itemsRef, toasts, moveOff, select, emailOf } = deps;
  const [queues] = useState(createSerialQueues);
  // Flags of the open message when no list has it (opened from a notification, or it left the list).
  const [readerFlags, setReaderFlags] = useState<{ ref: MessageRef; flags: ReaderFlags } | null>(null);
  const readerFlagsRef = useRef(readerFlags);
  const archiveRemovesRow = useRef(deps.archiveRemovesRow);
  useLayoutEffect(() => {
    readerFlagsRef.current = readerFlags;
    archiveRemovesRow.current = deps.archiveRemovesRow;
  });

  const flagsOf = useCallback(
    (ref: MessageRef): ReaderFlags | null => {
      const message = findMessage(stateRef.current, ref.accountId, ref.id);
      if (message) return { unread: message.unread, starred: message.starred, inInbox: message.inInbox };
      const fromReader = readerFlagsRef.current;
      return fromReader && sameMessage(fromReader.ref, ref) ? fromReader.flags : null;
    },
    [stateRef],
  );

  const setFlags = useCallback(
    (ref: MessageRef, patch: FlagPatch) => {
      dispatch({ type: 'patched', accountId: ref.accountId, id: ref.id, patch });
      setReaderFlags((current) =>
        current && sameMessage(current.ref, ref) ? { ref, flags: { ...current.flags, ...patch } } : current,
      );
    },
    [dispatch],
  );

  const lastQueuedNotice = useRef(-Infinity);
  // Queued (Google out of reach) is a success: kept here and sent later, so nothing is rolled back.
  const noteOutcome = useCallback(
    (result: ModifyResult, action: MessageAction) => {
      if (result.outcome !== 'queued') return;
      const now = Date.now();
      if (now - lastQueuedNotice.current < QUEUED_NOTICE_QUIET_MS) return;
      lastQueuedNotice.current = now;
      toasts.pushToast({ kind: 'info', text: queuedNotice(action) }, UNDO_MS);
    },
    [toasts],
  );
  const modify = useCallback(
    (ref: MessageRef, action: MessageAction) =>
      queues.run(messageKey(ref), () =>
        unwrap(window.glance.messages.modify(ref.accountId, [ref.id], action)).then((result) =>
          noteOutcome(result, action),
        ),
      ),
    [queues, noteOutcome],
  );
  const adjustCount = useCallback(
    (ref: MessageRef, delta: number) => dispatch({ type: 'countAdjusted', accountId: ref.accountId, delta }),
    [dispatch],
  );
  const showError = useCallback(
    (what: string, thrown: unknown, ref: MessageRef) =>
      toasts.showError(what, asIpcError(thrown), emailOf(ref.accountId)),
    [toasts, emailOf],
  );

  const changeFlag = useCallback(
    (ref: MessageRef, patch: FlagPatch, action: MessageAction, failure: string) => {
      const before = flagsOf(ref);
      if (!before) return;
      const unreadDelta = patch.unread === undefined || patch.unread === before.unread ? 0 : patch.unread ? 1 : -1;
      const countDelta = before.inInbox ? unreadDelta : 0;
      setFlags(ref, patch);
      if (countDelta !== 0) adjustCount(ref, countDelta);
      modify(ref, action).catch((thrown: unknown) => {
        const revert: FlagPatch = {};
        if (patch.unread !== undefined) revert.unread = before.unread;
        if (patch.starred !== undefined) revert.starred = before.starred;
        setFlags(ref, revert);
        if (countDelta !== 0) adjustCount(ref, -countDelta);
        showError(failure, thrown, ref);
      });
    },
    [flagsOf, setFlags, adjustCount, modify, showError],
  );

  const markRead = useCallback(
    (ref: MessageRef) => {
      // Read here, it stays in the unread list (like Gmail) until the person moves to another view.
      const message = findMessage(stateRef.current, ref.accountId, ref.id);
      if (message) dispatch({ type: 'retained', message });
      changeFlag(ref, { unread: false }, 'markRead', i18n.t('inbox:actions.messageMarkReadFailed'));
    },
    [stateRef, dispatch, changeFlag],
  );
  const markUnread = useCallback(
    (ref: MessageRef) =>
      changeFlag(ref, { unread: true }, 'markUnread', i18n.t('inbox:actions.messageMarkUnreadFailed')),
    [changeFlag],
  );
  const toggleStar = useCallback(
    (ref: MessageRef) => {
      const flags = flagsOf(ref);
      if (!flags) return;
      if (flags.starred) changeFlag(ref, { starred: false }, 'unstar', i18n.t('inbox:actions.unstarFailed'));
      else changeFlag(ref, { starred: true }, 'star', i18n.t('inbox:actions.messageStarFailed'));
    },
    [flagsOf, changeFlag],
  );

  const neighbourOf = useCallback(
    (ref: MessageRef): MessageRef | null => {
      const items = itemsRef.current;
      const index = items.findIndex((message) => sameMessage(message, ref));
      if (index < 0) return null;
      const next = items[index + 1] ?? items[index - 1];
      return next ? { accountId: next.accountId, id: next.id } : null;
    },
    [itemsRef],
  );

  const archive = useCallback(
    (ref: MessageRef) => {
      const flags = flagsOf(ref);
      if (flags && !flags.inInbox) return;
      const message = findMessage(stateRef.current, ref.accountId, ref.id);
      const removesRow = archiveRemovesRow.current;
      const wasUnread = flags?.unread ?? false;
      const next = neighbourOf(ref);
      // Read here and kept in view: archived, it leaves for good.
      const wasRetained = stateRef.current.retained.has(messageKey(ref));
      if (removesRow) {
        dispatch({ type: 'hidden', ...ref });
        if (wasRetained) dispatch({ type: 'released', ...ref });
      }
      setFlags(ref, { inInbox: false });
      if (wasUnread) adjustCount(ref, -1);
      moveOff(ref, next);

      const putBack = () => {
        if (removesRow) dispatch({ type: 'unhidden', ...ref });
        if (removesRow && wasRetained && message) dispatch({ type: 'retained', message });
        setFlags(ref, { inInbox: true });
        if (wasUnread) adjustCount(ref, 1);
      };

      let undone = false;
      let archived = false;
      const undo = () => {
        undone = true;
        putBack();
        // The archive's change may already have taken it out of the view: keep it shown while it goes back.
        if (removesRow && message) dispatch({ type: 'retained', message: { ...message, inInbox: true } });
        select(ref);
        modify(ref, 'unarchive').catch((thrown: unknown) => {
          if (removesRow) dispatch({ type: 'released', ...ref });
          // The archive failed too (the Undo runs after it): the message never left the inbox.
          if (!archived) return;
          // Google kept it archived: show it so. It shows again if it comes back to the inbox later.
          setFlags(ref, { inInbox: false });
          if (wasUnread) adjustCount(ref, -1);
          showError(i18n.t('inbox:actions.messageUnarchiveFailed'), thrown, ref);
        });
      };
      const toastId = toasts.pushToast(
        {
          kind: 'info',
          text: i18n.t('inbox:actions.archived'),
          action: { label: i18n.t('inbox:toasts.undo'), run: undo, undo: true },
        },
        UNDO_MS,
      );
      modify(ref, 'archive')
        .then(() => {
          archived = true;
          // The core's change (sent before this answer) took it out of the view; it may come back later.
          if (removesRow && !undone) dispatch({ type: 'unhidden', ...ref });
        })
        .catch((thrown: unknown) => {
          toasts.dismissToast(toastId);
          if (!undone) putBack();
          showError(i18n.t('inbox:actions.messageArchiveFailed'), thrown, ref);
        });
    },
    [flagsOf, stateRef, neighbourOf, dispatch, setFlags, adjustCount, moveOff, select, modify, toasts, showError],
  );

  /** The reader loaded a message: its labels are the truth when no list shows it. */
  const onLoaded = useCallback(
    (ref: MessageRef, labelIds: string[], markReadOnOpen: boolean) => {
      const fromLabels: ReaderFlags = {
        unread: labelIds.includes('UNREAD'),
        starred: labelIds.includes('STARRED'),
        inInbox: labelIds.includes('INBOX'),
      };
      const listed = findMessage(stateRef.current, ref.accountId, ref.id);
      const flags = listed ? { unread: listed.unread, starred: listed.starred, inInbox: listed.inInbox } : fromLabels;
      readerFlagsRef.current = { ref, flags };
      setReaderFlags({ ref, flags });
      if (flags.unread && markReadOnOpen) markRead(ref);
    },
    [stateRef, markRead],
  );

  const openInGmail = useCallback(
    (ref: MessageRef) => {
      void window.glance.shell.openInGmail(ref.accountId, ref.id).then((result) => {
        if (!result.ok) showError(i18n.t('inbox:toasts.openGmailFailed'), new GlanceCallError(result.error), ref);
      });
    },
    [showError],
  );

  return { flagsOf, readerFlags, markRead, markUnread, toggleStar, archive, onLoaded, openInGmail, noteOutcome };
}
