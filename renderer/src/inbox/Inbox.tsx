import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConversationRow } from '../../../electron/shared/conversations.js';
import type {
  AccountView,
  AccountsState,
  Conversation,
  MailboxStatus,
  MessageSummary,
  Settings,
  SettingsPatch,
} from '../../../electron/shared/ipc-contract.js';
import { accountMarks } from '../accounts/account-marks.js';
import { AccountBanners } from '../accounts/AccountBanners.js';
import { AccountSwitcher } from '../accounts/AccountSwitcher.js';
import { LiveRegion } from '../app/LiveRegion.js';
import { CommandPalette } from '../keyboard/CommandPalette.js';
import { ShortcutsDialog } from '../keyboard/ShortcutsDialog.js';
import { useFocusRescue } from '../keyboard/useFocusRescue.js';
import { paletteActions } from './palette-actions.js';
import {
  UNIFIED,
  conversationKey,
  findConversation,
  findMessage,
  searchMessages,
  unreadCountOf,
  viewConversations,
  viewMessages,
} from '../mail/mail-state.js';
import type { SearchQuery } from '../mail/mail-state.js';
import { useMail } from '../mail/useMail.js';
import { ListPane, listStateName, searchSourceOf } from './ListPane.js';
import type { ConversationNavigation } from '../reader/ConversationReader.js';
import { ReaderPane } from './ReaderPane.js';
import { Toasts } from './Toasts.js';
import { TopBar } from './TopBar.js';
import { useInboxShortcuts } from './useInboxShortcuts.js';
import { useMailActions } from './useMailActions.js';
import { useDroppedActionNotes } from './useDroppedActionNotes.js';
import { useSearchQuery } from './useSearchQuery.js';
import { useConversationSelection, useSelection } from './useSelection.js';
import type { ConversationRef } from './useSelection.js';
import { useConversationActions } from './useConversationActions.js';
import { useNewMailAnnouncement } from './useNewMailAnnouncement.js';
import { useNotificationActions } from './useNotificationActions.js';
import { useToasts } from './useToasts.js';

export interface InboxProps {
  accountsState: AccountsState;
  settings: Settings | null;
  /** Runs the system-browser sign-in; resolves with the account signed in, or null. */
  onSignIn: (loginHint?: string) => Promise<AccountView | null>;
  onSignOut: (accountId: string) => void;
  /** Makes an account the active one (the core remembers it). */
  onActivate: (accountId: string) => void;
  onRetryKeychain: () => void;
  onUpdateSettings: (patch: SettingsPatch) => Promise<void>;
  onOpenSettings: () => void;
  /** Settings is open over the inbox: the inbox's keys wait. */
  keyboardPaused?: boolean;
}

/** The signed-in screen: one account's unread mail, or every account's (Unified), a search, and the reader. */
export function Inbox({ accountsState, settings, onSignIn, onSignOut, onActivate, ...props }: InboxProps) {
  const { t } = useTranslation('inbox');
  const { accounts } = accountsState;
  const active = accounts.find((account) => account.id === accountsState.activeAccountId) ?? accounts[0];
  const [unifiedChosen, setUnifiedChosen] = useState(false);
  const view = unifiedChosen && accounts.length > 1 ? UNIFIED : (active?.id ?? UNIFIED);
  const shownAccounts = useMemo(
    () => (view === UNIFIED ? accounts : accounts.filter((account) => account.id === view)),
    [accounts, view],
  );
  const { searchText, setSearchText, query, setQuery, setScope, clearSearch } = useSearchQuery();
  const search = useMemo<SearchQuery | null>(
    () => (query.scope === 'unread' && query.text === '' ? null : { view, ...query }),
    [view, query],
  );
  // What the box holds right now: answered from this computer's index while the person types.
  const typedText = searchText.trim();
  const typed = useMemo<SearchQuery | null>(
    () => (typedText === '' ? null : { view, scope: query.scope, text: typedText }),
    [view, query.scope, typedText],
  );
  const mail = useMail(view, search, typed);
  const { state, dispatch } = mail;
  const listMode = settings?.listMode ?? 'conversations';
  // Conversation rows for the unread list; a search lists the messages it found (its pages are messages).
  const conversationMode = listMode === 'conversations' && search === null;
  const items = useMemo(() => (search ? searchMessages(state) : viewMessages(state, view)), [state, view, search]);
  // Messages of conversations opened here (`conversation:get`): a row then counts the ones Glance does not list.
  const [knownConversations, setKnownConversations] = useState<ReadonlyMap<string, readonly MessageSummary[]>>(
    () => new Map(),
  );
  const conversationRows = useMemo(
    () => (conversationMode ? viewConversations(state, view, knownConversations) : []),
    [conversationMode, state, view, knownConversations],
  );
  const itemsRef = useRef(items);
  const rowsRef = useRef<readonly ConversationRow[]>(conversationRows);
  useLayoutEffect(() => {
    itemsRef.current = items;
    rowsRef.current = conversationRows;
  });
  const marks = useMemo(() => accountMarks(accounts), [accounts]);
  const emailOf = useCallback(
    (accountId: string) => accounts.find((account) => account.id === accountId)?.email,
    [accounts],
  );
  const signInVoid = useCallback((loginHint?: string) => void onSignIn(loginHint), [onSignIn]);
  const toasts = useToasts(signInVoid);
  const selection = useSelection();
  const conversations = useConversationSelection();
  const actions = useMailActions({
    dispatch,
    stateRef: mail.stateRef,
    itemsRef,
    archiveRemovesRow: query.scope === 'unread',
    toasts,
    moveOff: selection.moveOff,
    select: selection.setSelected,
    emailOf,
  });
  const conversationActions = useConversationActions({
    dispatch,
    stateRef: mail.stateRef,
    rowsRef,
    toasts,
    noteOutcome: actions.noteOutcome,
    moveOff: conversations.moveOff,
    select: conversations.setSelected,
    emailOf,
  });
  const conversationNavigation = useRef<ConversationNavigation | null>(null);
  // One reader at a time: opening a conversation closes the message reader and the other way round.
  const openMessage = (ref: { accountId: string; id: string }) => {
    conversations.close();
    selection.openMessage(ref);
  };
  const openConversation = (ref: ConversationRef) => {
    selection.close();
    conversations.openConversation(ref);
  };
  const onConversation = (conversation: Conversation) => {
    const key = conversationKey(conversation);
    setKnownConversations((known) => new Map(known).set(key, conversation.messages));
    const ref = { accountId: conversation.accountId, threadId: conversation.threadId };
    const row = findConversation(rowsRef.current, ref);
    const unread = row
      ? row.unreadCount > 0
      : conversation.messages.some((message) => message.unread && message.inInbox);
    if (unread && (settings?.markReadOnOpen ?? true)) conversationActions.markRead(ref);
  };

  // "Show each message separately" on or off: the selection and the open reader carry over (a conversation
  // ↔ its newest unread message; a message ↔ its conversation).
  const shownMode = useRef(listMode);
  useLayoutEffect(() => {
    if (shownMode.current === listMode) return;
    shownMode.current = listMode;
    const current = mail.stateRef.current;
    if (listMode === 'messages') {
      const rows = viewConversations(current, view, knownConversations);
      const toMessage = (ref: ConversationRef | null) => {
        const row = findConversation(rows, ref);
        return row ? { accountId: row.accountId, id: row.newestUnreadId } : null;
      };
      selection.replace(toMessage(conversations.selected), toMessage(conversations.open));
      conversations.replace(null, null);
    } else {
      const toConversation = (ref: { accountId: string; id: string } | null) => {
        const message = ref ? findMessage(current, ref.accountId, ref.id) : null;
        return message ? { accountId: message.accountId, threadId: message.threadId } : null;
      };
      conversations.replace(toConversation(selection.selected), toConversation(selection.open));
      selection.replace(null, null);
    }
  });

  useNotificationActions(toasts);
  useDroppedActionNotes(
    useMemo(() => accounts.map((account) => state.accounts[account.id]?.status ?? null), [accounts, state.accounts]),
    toasts,
    emailOf,
    accounts.length > 1,
  );
  const [showHelp, setShowHelp] = useState(false);
  const [showPalette, setShowPalette] = useState(false);
  // Focus that loses its control (an archived message's button, a closed frame) returns to the list.
  useFocusRescue('.inbox', '.reader, .search input');
  const [now, setNow] = useState(() => Date.now());
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(timer);
  }, []);
  // Signed-out accounts leave the mail state.
  useEffect(
    () => dispatch({ type: 'accountsPresent', accountIds: accounts.map((account) => account.id) }),
    [accounts, dispatch],
  );

  const unreadCount = unreadCountOf(state, view, listMode);
  useEffect(() => {
    document.title = unreadCount === null ? 'Glance' : t('windowTitle', { count: unreadCount });
  }, [unreadCount, t]);
  useEffect(
    () => () => {
      document.title = 'Glance';
    },
    [],
  );

  // ----- views and accounts ------------------------------------------------------------------------
  const showAccount = useCallback(
    (accountId: string) => {
      setUnifiedChosen(false);
      onActivate(accountId);
    },
    [onActivate],
  );
  const showUnified = () => setUnifiedChosen(true);
  // Adding an account that is already there shows it, like adding a new one.
  const addAccount = () =>
    void onSignIn().then((account) => {
      if (account) showAccount(account.id);
    });
  const statusOf = (accountId: string) => state.accounts[accountId]?.status ?? null;
  // The switcher shows each account's count the way the list counts: conversations or messages.
  const countedStatusOf = (accountId: string): MailboxStatus | null => {
    const status = statusOf(accountId);
    return status && listMode === 'conversations' ? { ...status, unreadCount: status.unreadConversationCount } : status;
  };

  // ----- refresh, menu commands and notifications --------------------------------------------------
  const refresh = async () => {
    const results = await Promise.all(
      shownAccounts.map(async (account) => ({ account, result: await window.glance.sync.now(account.id) })),
    );
    const failed = results.find((entry) => !entry.result.ok);
    if (failed && !failed.result.ok)
      toasts.showError(t('toasts.refreshFailed'), failed.result.error, failed.account.email);
  };
  const onCommand = useRef<(command: 'refresh' | 'search' | 'shortcuts') => void>(() => undefined);
  const onShow = useRef<(payload: { accountId: string; messageId: string }) => void>(() => undefined);
  useEffect(() => {
    onCommand.current = (command) => {
      if (command === 'refresh') void refresh();
      else if (command === 'search') searchRef.current?.focus();
      else setShowHelp(true);
    };
    // A notification names its account: show that account unless the view already has it. One for an account
    // signed out since is not opened (a message that is gone opens as the reader's "not found").
    onShow.current = ({ accountId, messageId }) => {
      if (!accounts.some((account) => account.id === accountId)) return;
      if (view !== UNIFIED && view !== accountId) showAccount(accountId);
      openMessage({ accountId, id: messageId });
    };
  });
  useEffect(() => {
    const offCommand = window.glance.on('command:run', ({ command }) => {
      if (command !== 'chooseClientFile' && command !== 'settings' && command !== 'networkActivity')
        onCommand.current(command);
    });
    // The main process keeps a clicked notification's message until the page takes it: `message:show` sent
    // before this inbox listened (a window just created or reloaded) reached no one. Taken once listening, and
    // after each `message:show` (so the next page is not offered it again); one taken then that differs from the
    // event's is a newer click, opened too. A failed take leaves the inbox as it is.
    const takePendingShow = (shown?: { accountId: string; messageId: string }) =>
      void window.glance.message.takePendingShow().then(
        (result) => {
          const target = result.ok ? result.value : null;
          if (!target || (target.accountId === shown?.accountId && target.messageId === shown.messageId)) return;
          onShow.current(target);
        },
        () => undefined,
      );
    const offShow = window.glance.on('message:show', (payload) => {
      onShow.current(payload);
      takePendingShow(payload);
    });
    takePendingShow();
    return () => {
      offCommand();
      offShow();
    };
  }, []);

  // ----- keyboard ----------------------------------------------------------------------------------
  const list = search ? state.search : state.views[view];
  const hasMore = (list?.nextPageToken ?? null) !== null;
  const loadMore = search ? mail.loadMoreSearch : mail.loadMore;
  const keysPaused = props.keyboardPaused ?? false;
  const closeReaders = () => {
    selection.close();
    conversations.close();
  };
  const sharedKeys = {
    helpOpen: showHelp,
    paletteOpen: showPalette,
    openPalette: () => setShowPalette(true),
    closePalette: () => setShowPalette(false),
    undo: () => void toasts.undoLatest(),
    closeHelp: () => setShowHelp(false),
    openHelp: () => setShowHelp(true),
    closeReader: closeReaders,
    stepInConversation: conversations.open ? (step: 1 | -1) => conversationNavigation.current?.step(step) : undefined,
    refresh: () => void refresh(),
    hasSearchText: searchText !== '',
    clearSearch,
    showUnified: () => {
      if (accounts.length > 1) showUnified();
    },
    showAccountAt: (index: number) => {
      const account = accounts[index];
      if (account) showAccount(account.id);
    },
  };
  // Both are always called (rules of hooks); only the one for the rows shown listens.
  const runConversationCommand = useInboxShortcuts<ConversationRef>({
    ...sharedKeys,
    searchRef,
    paused: keysPaused || !conversationMode,
    selected: conversations.selected,
    open: conversations.open,
    move: (step) => {
      if (conversations.move(conversationRows, step)) void loadMore();
    },
    openMessage: openConversation,
    archive: conversationActions.archive,
    markUnread: conversationActions.markUnread,
    toggleStar: conversationActions.toggleStar,
  });
  const runMessageCommand = useInboxShortcuts<{ accountId: string; id: string }>({
    ...sharedKeys,
    searchRef,
    paused: keysPaused || conversationMode,
    selected: selection.selected,
    open: selection.open,
    move: (step) => {
      if (selection.move(items, step)) void loadMore();
    },
    openMessage,
    archive: actions.archive,
    markUnread: actions.markUnread,
    toggleStar: actions.toggleStar,
  });
  // The command palette runs the command for the rows shown.
  const runCommand = conversationMode ? runConversationCommand : runMessageCommand;

  // ----- render ------------------------------------------------------------------------------------
  const status = list?.status ?? 'loading';
  const readerAccount = conversations.open?.accountId ?? selection.open?.accountId ?? null;
  useNewMailAnnouncement(items, search ? `search:${view}` : view, !search && status === 'ready');
  const viewAccount = view === UNIFIED ? null : (shownAccounts[0] ?? null);
  return (
    <div
      className="inbox"
      data-list-state={listStateName(status, conversationMode ? conversationRows.length : items.length)}
      data-list-mode={listMode}
      data-view={view}
    >
      <TopBar
        unreadCount={unreadCount}
        countLabel={viewAccount ? viewAccount.email : t('unifiedCountLabel')}
        searchRef={searchRef}
        searchText={searchText}
        scope={query.scope}
        onSearchText={setSearchText}
        onSearchNow={() => setQuery((current) => ({ ...current, text: searchText.trim() }))}
        onScope={setScope}
        onRefresh={() => void refresh()}
        onHelp={() => setShowHelp(true)}
        onSettings={props.onOpenSettings}
      >
        <AccountSwitcher
          accounts={accounts}
          shown={viewAccount}
          marks={marks}
          statusOf={countedStatusOf}
          unifiedCount={unreadCountOf(state, UNIFIED, listMode)}
          settings={settings}
          onShowUnified={showUnified}
          onShowAccount={showAccount}
          onAddAccount={addAccount}
          onSignOut={onSignOut}
          onUpdateSettings={(patch) => void props.onUpdateSettings(patch)}
        />
      </TopBar>
      <AccountBanners
        accounts={shownAccounts}
        statusOf={statusOf}
        onSignIn={signInVoid}
        onRetryKeychain={props.onRetryKeychain}
      />
      <div className="panes">
        <ListPane
          status={status}
          error={list?.error ?? null}
          query={query}
          items={items}
          hasMore={hasMore}
          loadingMore={list?.loadingMore ?? false}
          moreError={list?.moreError ?? null}
          selected={selection.selected}
          open={selection.open}
          marks={view === UNIFIED ? marks : null}
          now={now}
          syncLines={shownAccounts.flatMap((account) => {
            const sync = statusOf(account.id)?.sync;
            return sync ? [{ email: account.email, sync }] : [];
          })}
          waitingActions={shownAccounts.map((account) => ({
            email: account.email,
            count: statusOf(account.id)?.pendingActions ?? 0,
          }))}
          fromCache={(search ? null : state.views[view]?.fromCache) ?? false}
          searchSource={search ? searchSourceOf(state.search) : null}
          onSelect={(ref, open) => (open ? openMessage(ref) : selection.setSelected(ref))}
          conversations={
            conversationMode
              ? {
                  rows: conversationRows,
                  selected: conversations.selected,
                  open: conversations.open,
                  onSelect: (ref, open) => (open ? openConversation(ref) : conversations.setSelected(ref)),
                }
              : null
          }
          onLoadMore={() => void loadMore()}
          onRetry={mail.retry}
          onSearchAll={() => setScope('all')}
          onClearSearch={clearSearch}
          onRefresh={() => void refresh()}
          onSignIn={() => signInVoid(viewAccount?.email)}
        />
        <ReaderPane
          open={selection.open}
          state={state}
          actions={actions}
          hasRows={conversationMode ? conversationRows.length > 0 : items.length > 0}
          account={readerAccount && accounts.length > 1 ? (marks.get(readerAccount) ?? null) : null}
          settings={settings}
          toasts={toasts}
          emailOf={emailOf}
          onClose={closeReaders}
          onUpdateSettings={props.onUpdateSettings}
          conversation={
            conversations.open
              ? {
                  ref: conversations.open,
                  flags: conversationFlags(findConversation(conversationRows, conversations.open)),
                  actions: conversationActions,
                  onConversation,
                  navigationRef: conversationNavigation,
                  now,
                }
              : null
          }
        />
      </div>
      <Toasts toasts={toasts.toasts} onDismiss={toasts.dismissToast} />
      {showHelp ? <ShortcutsDialog onClose={() => setShowHelp(false)} /> : null}
      {showPalette ? (
        <CommandPalette
          actions={paletteActions({ run: runCommand, accounts, openSettings: props.onOpenSettings })}
          onClose={() => setShowPalette(false)}
        />
      ) : null}
      <LiveRegion />
    </div>
  );
}

/** A conversation's flags for the reader's toolbar, as its row shows them. */
function conversationFlags(row: ConversationRow | null) {
  return row ? { unread: row.unreadCount > 0, starred: row.starred, inInbox: true } : null;
}
