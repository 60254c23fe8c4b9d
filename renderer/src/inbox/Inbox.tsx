import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type {
  AccountView,
  IpcError,
  MessageAction,
  MessageSummary,
  Settings,
  SyncState,
} from '../../../electron/shared/ipc-contract.js';
import { adviceFor, asIpcError, retryPhrase, unwrap } from '../shared/errors.js';
import { relativeTime } from '../shared/format.js';
import { useShortcuts } from '../keyboard/shortcuts.js';
import type { ShortcutCommand } from '../keyboard/shortcuts.js';
import { ShortcutsDialog } from '../keyboard/ShortcutsDialog.js';
import { Reader } from '../reader/Reader.js';
import type { ReaderFlags } from '../reader/Reader.js';
import { AccountMenu } from './AccountMenu.js';
import { MessageList, SkeletonRows } from './MessageList.js';
import { Toasts } from './Toasts.js';
import { createSerialQueues } from './serial-queues.js';
import type { Toast } from './Toasts.js';
import { useMessageList } from './useMessageList.js';
import type { ListQuery, ListScope } from './useMessageList.js';

export interface InboxProps {
  account: AccountView;
  accounts: AccountView[];
  settings: Settings | null;
  /** A message to open first (a notification for this account was clicked while another was shown). */
  initialOpenId: string | null;
  onSignIn: (loginHint?: string) => void;
  onSignOut: (accountId: string) => void;
  onSwitchAccount: (accountId: string) => void;
  onUpdateSettings: (patch: Partial<Settings>) => Promise<void>;
}

const UNDO_MS = 8000;

export function Inbox({
  account,
  accounts,
  settings,
  initialOpenId,
  onSignIn,
  onSignOut,
  onSwitchAccount,
  onUpdateSettings,
}: InboxProps) {
  const accountId = account.id;
  const [searchText, setSearchText] = useState('');
  const [query, setQuery] = useState<ListQuery>({ scope: 'unread', text: '' });
  const list = useMessageList(accountId, query);
  const { state } = list;
  const [selectedId, setSelectedId] = useState<string | null>(initialOpenId);
  const [openId, setOpenId] = useState<string | null>(initialOpenId);
  const [readerFlags, setReaderFlags] = useState<{ id: string; flags: ReaderFlags } | null>(null);
  const [unreadCount, setUnreadCount] = useState<number | null>(null);
  const [sync, setSync] = useState<SyncState | null>(null);
  const [toasts, setToasts] = useState<Toast[]>([]);
  const [showHelp, setShowHelp] = useState(false);
  const [now, setNow] = useState(() => Date.now());
  const searchRef = useRef<HTMLInputElement>(null);
  const toastIds = useRef(0);
  // Calls for one message run in order, so an Undo never overtakes the archive it undoes.
  const [queues] = useState(createSerialQueues);

  const items = state.items;
  const itemsRef = useRef(items);
  // Event listeners live as long as the account; they reach the list of the current search through this.
  const latestList = useRef({ list, query });
  const readerFlagsRef = useRef(readerFlags);
  const settingsRef = useRef(settings);
  useLayoutEffect(() => {
    latestList.current = { list, query };
    itemsRef.current = items;
    readerFlagsRef.current = readerFlags;
    settingsRef.current = settings;
  });

  // ----- toasts ------------------------------------------------------------------------------------
  const dismissToast = useCallback(
    (id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)),
    [],
  );
  const pushToast = useCallback(
    (toast: Omit<Toast, 'id'>, timeoutMs?: number) => {
      const id = ++toastIds.current;
      setToasts((current) => [...current.slice(-3), { ...toast, id }]);
      if (timeoutMs) window.setTimeout(() => dismissToast(id), timeoutMs);
      return id;
    },
    [dismissToast],
  );
  const showError = useCallback(
    (what: string, error: IpcError) => {
      const advice = adviceFor(error);
      pushToast({
        kind: 'error',
        text: what,
        detail: `${advice.title}. ${advice.detail}`,
        ...(advice.nextStep === 'sign-in-again'
          ? { action: { label: 'Sign in again', run: () => onSignIn(account.email) } }
          : {}),
      });
    },
    [pushToast, onSignIn, account.email],
  );

  // ----- mailbox summary, sync state and events ----------------------------------------------------
  const loadSummary = useCallback(async () => {
    const result = await window.glance.mailbox.summary(accountId);
    if (result.ok) setUnreadCount(result.value.unreadCount);
  }, [accountId]);

  useEffect(() => {
    void window.glance.mailbox.summary(accountId).then((result) => {
      if (result.ok) setUnreadCount(result.value.unreadCount);
    });
    void window.glance.sync.state(accountId).then((result) => {
      if (result.ok) setSync(result.value);
    });
    const offChanged = window.glance.on('mailbox:changed', (payload) => {
      if (payload.accountId !== accountId) return;
      setUnreadCount(payload.unreadCount);
      // removedIds left the unread inbox; a search shows other mail, so it only reloads.
      const latest = latestList.current;
      if (latest.query.scope === 'unread' && latest.query.text === '') latest.list.drop(payload.removedIds);
      void latest.list.refresh();
    });
    const offSync = window.glance.on('sync:state', (payload) => {
      if (payload.accountId === accountId) setSync(payload);
    });
    const timer = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      offChanged();
      offSync();
      window.clearInterval(timer);
    };
  }, [accountId]);

  useEffect(() => {
    document.title = unreadCount === null ? 'Glance' : `Glance — ${unreadCount} unread`;
  }, [unreadCount]);
  useEffect(
    () => () => {
      document.title = 'Glance';
    },
    [],
  );

  // ----- flags and optimistic actions --------------------------------------------------------------
  const flagsOf = useCallback((id: string): ReaderFlags | null => {
    const item = itemsRef.current.find((message) => message.id === id);
    if (item) return { unread: item.unread, starred: item.starred, inInbox: item.inInbox };
    const fromReader = readerFlagsRef.current;
    return fromReader && fromReader.id === id ? fromReader.flags : null;
  }, []);

  const setFlags = useCallback(
    (id: string, patch: Partial<ReaderFlags>) => {
      list.patch(id, patch as Partial<MessageSummary>);
      setReaderFlags((current) =>
        current && current.id === id ? { id, flags: { ...current.flags, ...patch } } : current,
      );
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- list.patch is stable
    [],
  );

  const modify = useCallback(
    (id: string, action: MessageAction) =>
      queues.run(id, () => unwrap(window.glance.messages.modify(accountId, [id], action)).then(() => undefined)),
    [accountId, queues],
  );

  const changeFlag = useCallback(
    (id: string, patch: Partial<ReaderFlags>, action: MessageAction, failure: string) => {
      const before = flagsOf(id);
      if (!before) return;
      const unreadDelta = patch.unread === undefined || patch.unread === before.unread ? 0 : patch.unread ? 1 : -1;
      setFlags(id, patch);
      if (unreadDelta !== 0 && before.inInbox)
        setUnreadCount((count) => (count === null ? count : Math.max(0, count + unreadDelta)));
      modify(id, action).catch((thrown: unknown) => {
        const revert: Partial<ReaderFlags> = {};
        if (patch.unread !== undefined) revert.unread = before.unread;
        if (patch.starred !== undefined) revert.starred = before.starred;
        setFlags(id, revert);
        if (unreadDelta !== 0 && before.inInbox)
          setUnreadCount((count) => (count === null ? count : Math.max(0, count - unreadDelta)));
        showError(failure, asIpcError(thrown));
      });
    },
    [flagsOf, setFlags, modify, showError],
  );

  const markRead = useCallback(
    (id: string) => {
      list.keep(id);
      changeFlag(id, { unread: false }, 'markRead', 'Couldn’t mark the message as read');
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- list.keep is stable
    [changeFlag],
  );
  const markUnread = useCallback(
    (id: string) => changeFlag(id, { unread: true }, 'markUnread', 'Couldn’t mark the message as unread'),
    [changeFlag],
  );
  const toggleStar = useCallback(
    (id: string) => {
      const flags = flagsOf(id);
      if (!flags) return;
      if (flags.starred) changeFlag(id, { starred: false }, 'unstar', 'Couldn’t remove the star');
      else changeFlag(id, { starred: true }, 'star', 'Couldn’t star the message');
    },
    [flagsOf, changeFlag],
  );

  const neighbourOf = useCallback((id: string): string | null => {
    const index = itemsRef.current.findIndex((message) => message.id === id);
    if (index < 0) return null;
    return itemsRef.current[index + 1]?.id ?? itemsRef.current[index - 1]?.id ?? null;
  }, []);

  const archive = useCallback(
    (id: string) => {
      const flags = flagsOf(id);
      if (flags && !flags.inInbox) return;
      const next = neighbourOf(id);
      const removed = query.scope === 'unread' ? list.remove(id) : null;
      if (!removed) list.patch(id, { inInbox: false });
      setReaderFlags((current) =>
        current && current.id === id ? { id, flags: { ...current.flags, inInbox: false } } : current,
      );
      const wasUnread = flags?.unread ?? false;
      if (wasUnread) setUnreadCount((count) => (count === null ? count : Math.max(0, count - 1)));
      setSelectedId((current) => (current === id ? next : current));
      setOpenId((current) => (current === id ? next : current));

      const putBack = () => {
        if (removed) list.restore(removed.message, removed.index);
        else list.patch(id, { inInbox: true });
        setReaderFlags((current) =>
          current && current.id === id ? { id, flags: { ...current.flags, inInbox: true } } : current,
        );
        if (wasUnread) setUnreadCount((count) => (count === null ? count : count + 1));
      };

      let undone = false;
      let archived = false;
      const toastId = pushToast(
        {
          kind: 'info',
          text: 'Archived',
          action: {
            label: 'Undo',
            run: () => {
              undone = true;
              putBack();
              setSelectedId(id);
              // A sync may arrive before Google has it back in the inbox: keep it in view until then.
              list.hold(id);
              modify(id, 'unarchive').then(
                () => list.release(id),
                (thrown: unknown) => {
                  list.release(id);
                  // The archive failed too (the Undo runs after it): the message never left the inbox.
                  if (!archived) return;
                  // Google kept it archived: show it as archived again. The archive is done, so the list must
                  // not keep hiding it: it shows again if it comes back to the inbox later.
                  if (removed) {
                    list.remove(id);
                    list.forget(id);
                  } else {
                    list.patch(id, { inInbox: false });
                  }
                  setReaderFlags((current) =>
                    current && current.id === id ? { id, flags: { ...current.flags, inInbox: false } } : current,
                  );
                  if (wasUnread) setUnreadCount((count) => (count === null ? count : Math.max(0, count - 1)));
                  showError('Couldn’t move the message back to the inbox', asIpcError(thrown));
                },
              );
            },
          },
        },
        UNDO_MS,
      );
      modify(id, 'archive')
        .then(() => {
          archived = true;
          list.forget(id);
        })
        .catch((thrown: unknown) => {
          dismissToast(toastId);
          if (!undone) putBack();
          showError('Couldn’t archive the message', asIpcError(thrown));
        });
    },
    [flagsOf, neighbourOf, query.scope, list, pushToast, modify, showError, dismissToast],
  );

  // ----- opening messages --------------------------------------------------------------------------
  const openMessage = useCallback((id: string) => {
    setSelectedId(id);
    setOpenId(id);
  }, []);

  const onLoaded = useCallback(
    (id: string, labelIds: string[]) => {
      const fromLabels: ReaderFlags = {
        unread: labelIds.includes('UNREAD'),
        starred: labelIds.includes('STARRED'),
        inInbox: labelIds.includes('INBOX'),
      };
      const inList = itemsRef.current.find((message) => message.id === id);
      const flags = inList ? { unread: inList.unread, starred: inList.starred, inInbox: inList.inInbox } : fromLabels;
      readerFlagsRef.current = { id, flags };
      setReaderFlags({ id, flags });
      if (flags.unread && (settingsRef.current?.markReadOnOpen ?? true)) markRead(id);
    },
    [markRead],
  );

  // ----- search ------------------------------------------------------------------------------------
  useEffect(() => {
    const trimmed = searchText.trim();
    if (trimmed === query.text) return;
    const timer = window.setTimeout(() => setQuery((current) => ({ ...current, text: trimmed })), 350);
    return () => window.clearTimeout(timer);
  }, [searchText, query.text]);

  const applySearchNow = () => setQuery((current) => ({ ...current, text: searchText.trim() }));
  const setScope = (scope: ListScope) => setQuery((current) => ({ ...current, scope }));
  const clearSearch = () => {
    setSearchText('');
    setQuery({ scope: 'unread', text: '' });
  };

  // ----- refresh -----------------------------------------------------------------------------------
  const refresh = useCallback(async () => {
    setSync((current) => (current ? { ...current, status: 'syncing' } : current));
    try {
      await unwrap(window.glance.sync.now(accountId));
      await Promise.all([list.refresh(), loadSummary()]);
    } catch (thrown) {
      showError('Couldn’t check for new mail', asIpcError(thrown));
    }
    const latest = await window.glance.sync.state(accountId);
    if (latest.ok) setSync(latest.value);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- list.refresh changes with the query, which is intended
  }, [accountId, list.refresh, loadSummary, showError]);

  // Menu, tray and notification requests arrive as events; the latest handlers run them.
  const onCommand = useRef<(command: 'refresh' | 'search' | 'shortcuts') => void>(() => undefined);
  const onShow = useRef<(messageId: string) => void>(() => undefined);
  useEffect(() => {
    onCommand.current = (command) => {
      if (command === 'refresh') void refresh();
      else if (command === 'search') searchRef.current?.focus();
      else setShowHelp(true);
    };
    onShow.current = openMessage;
  });
  useEffect(() => {
    const offCommand = window.glance.on('command:run', ({ command }) => {
      if (command !== 'chooseClientFile') onCommand.current(command);
    });
    const offShow = window.glance.on('message:show', (payload) => {
      if (payload.accountId === accountId) onShow.current(payload.messageId);
    });
    return () => {
      offCommand();
      offShow();
    };
  }, [accountId]);

  // ----- keyboard ----------------------------------------------------------------------------------
  const move = (step: 1 | -1) => {
    if (items.length === 0) return;
    const index = selectedId === null ? -1 : items.findIndex((message) => message.id === selectedId);
    const nextIndex = index < 0 ? 0 : Math.min(items.length - 1, Math.max(0, index + step));
    const nextId = items[nextIndex]?.id;
    if (!nextId) return;
    setSelectedId(nextId);
    if (openId !== null) setOpenId(nextId);
    if (step === 1 && nextIndex >= items.length - 3) void list.loadMore();
  };
  const currentId = openId ?? selectedId;

  useShortcuts((command: ShortcutCommand, event) => {
    if (showHelp) {
      if (command === 'escape' || command === 'help') {
        event.preventDefault();
        setShowHelp(false);
      }
      return;
    }
    switch (command) {
      case 'next':
        event.preventDefault();
        move(1);
        break;
      case 'previous':
        event.preventDefault();
        move(-1);
        break;
      case 'open':
        if (selectedId) {
          event.preventDefault();
          openMessage(selectedId);
        }
        break;
      case 'back':
        setOpenId(null);
        break;
      case 'archive':
        if (currentId) archive(currentId);
        break;
      case 'markUnread':
        if (currentId) markUnread(currentId);
        break;
      case 'star':
        if (currentId) toggleStar(currentId);
        break;
      case 'search':
        event.preventDefault();
        searchRef.current?.focus();
        searchRef.current?.select();
        break;
      case 'refresh':
        void refresh();
        break;
      case 'help':
        setShowHelp(true);
        break;
      case 'escape':
        if (document.activeElement === searchRef.current) {
          if (searchText) clearSearch();
          searchRef.current?.blur();
        } else if (openId) {
          setOpenId(null);
        }
        break;
      default: {
        const unreachable: never = command;
        return unreachable;
      }
    }
  });

  // ----- render ------------------------------------------------------------------------------------
  const isSearch = query.text !== '';
  const listLabel = isSearch
    ? `Search results in ${query.scope === 'unread' ? 'unread mail' : 'all mail'}`
    : query.scope === 'unread'
      ? 'Unread messages'
      : 'All mail';
  const openFlags = useMemo((): ReaderFlags | null => {
    if (!openId) return null;
    const item = items.find((message) => message.id === openId);
    if (item) return { unread: item.unread, starred: item.starred, inInbox: item.inInbox };
    return readerFlags && readerFlags.id === openId ? readerFlags.flags : null;
  }, [items, openId, readerFlags]);

  return (
    <div className="inbox" data-list-state={listStateName(state.status, items.length)}>
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span className="brand-name">Glance</span>
          <span className="unread-count" aria-live="polite" data-testid="unread-count">
            {unreadCount === null ? '' : `${unreadCount.toLocaleString()} unread`}
          </span>
        </div>
        <form
          className="search"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            applySearchNow();
          }}
        >
          <svg className="icon search-icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <circle cx="7" cy="7" r="4.5" fill="none" strokeWidth="1.5" />
            <path d="m10.5 10.5 3 3" strokeWidth="1.5" strokeLinecap="round" />
          </svg>
          <input
            ref={searchRef}
            type="search"
            aria-label="Search mail (Gmail search syntax)"
            placeholder="Search   /"
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
            spellCheck={false}
            autoComplete="off"
          />
          <div className="scope" role="radiogroup" aria-label="Search in">
            {(['unread', 'all'] as const).map((scope) => (
              <button
                key={scope}
                type="button"
                role="radio"
                aria-checked={query.scope === scope}
                className="scope-option"
                onClick={() => setScope(scope)}
              >
                {scope === 'unread' ? 'Unread' : 'All mail'}
              </button>
            ))}
          </div>
        </form>
        <div className="topbar-end">
          <button
            type="button"
            className="tool icon-only"
            onClick={() => void refresh()}
            title="Check for new mail (R)"
            aria-label="Check for new mail"
          >
            <svg className="icon" viewBox="0 0 16 16" width="15" height="15" aria-hidden="true">
              <path
                d="M13 8a5 5 0 1 1-1.5-3.6M13 2.5v3h-3"
                fill="none"
                strokeWidth="1.5"
                strokeLinecap="round"
                strokeLinejoin="round"
              />
            </svg>
          </button>
          <button
            type="button"
            className="tool icon-only"
            onClick={() => setShowHelp(true)}
            title="Keyboard shortcuts (?)"
            aria-label="Keyboard shortcuts"
          >
            ?
          </button>
          <AccountMenu
            account={account}
            accounts={accounts}
            settings={settings}
            onSwitch={onSwitchAccount}
            onAddAccount={() => onSignIn()}
            onSignOut={onSignOut}
            onUpdateSettings={(patch) => void onUpdateSettings(patch)}
          />
        </div>
      </header>

      {account.status === 'needs-sign-in' ? (
        <div className="banner banner-warning" role="alert" data-testid="needs-sign-in">
          <span>Your Google session ended — mail already downloaded stays here.</span>
          <button type="button" className="button small" onClick={() => onSignIn(account.email)}>
            Sign in again
          </button>
        </div>
      ) : null}

      <div className="panes">
        <section className="list-pane" aria-label={listLabel}>
          <ListBody
            state={state}
            label={listLabel}
            isSearch={isSearch}
            query={query}
            selectedId={selectedId}
            openId={openId}
            now={now}
            onSelect={(id, open) => (open ? openMessage(id) : setSelectedId(id))}
            onLoadMore={() => void list.loadMore()}
            onRetry={() => void list.reload()}
            onSearchAll={() => setScope('all')}
            onClearSearch={clearSearch}
            onRefresh={() => void refresh()}
            onSignIn={() => onSignIn(account.email)}
          />
          <StatusLine sync={sync} now={now} fromCache={state.fromCache} />
        </section>
        <main className="reader-pane">
          {openId ? (
            <Reader
              key={openId}
              accountId={accountId}
              messageId={openId}
              flags={openFlags}
              remoteContentSenders={settings?.remoteContentSenders ?? []}
              onLoaded={onLoaded}
              onArchive={() => archive(openId)}
              onToggleStar={() => toggleStar(openId)}
              onToggleRead={() => (openFlags?.unread ? markRead(openId) : markUnread(openId))}
              onOpenInGmail={() => {
                void window.glance.shell.openInGmail(accountId, openId).then((result) => {
                  if (!result.ok) showError('Couldn’t open Gmail', result.error);
                });
              }}
              onAlwaysShowRemote={(sender) => {
                const senders = new Set(settings?.remoteContentSenders ?? []);
                senders.add(sender);
                void onUpdateSettings({ remoteContentSenders: [...senders] });
              }}
              onClose={() => setOpenId(null)}
              onNotice={(text) => pushToast({ kind: 'info', text }, 4000)}
              onError={(error) => showError('Something didn’t work', error)}
            />
          ) : (
            <div className="reader-empty">
              <p>{items.length > 0 ? 'Select a message to read it.' : ''}</p>
              {items.length > 0 ? (
                <p className="muted">
                  <kbd>j</kbd> <kbd>k</kbd> to move, <kbd>o</kbd> to open, <kbd>?</kbd> for all shortcuts
                </p>
              ) : null}
            </div>
          )}
        </main>
      </div>
      <Toasts toasts={toasts} onDismiss={dismissToast} />
      {showHelp ? <ShortcutsDialog onClose={() => setShowHelp(false)} /> : null}
    </div>
  );
}

function listStateName(status: string, count: number): string {
  if (status === 'ready' && count === 0) return 'empty';
  return status;
}

interface ListBodyProps {
  state: ReturnType<typeof useMessageList>['state'];
  label: string;
  isSearch: boolean;
  query: ListQuery;
  selectedId: string | null;
  openId: string | null;
  now: number;
  onSelect: (id: string, open: boolean) => void;
  onLoadMore: () => void;
  onRetry: () => void;
  onSearchAll: () => void;
  onClearSearch: () => void;
  onRefresh: () => void;
  onSignIn: () => void;
}

function ListBody(props: ListBodyProps) {
  const { state, isSearch, query } = props;
  if (state.status === 'loading') return <SkeletonRows />;
  if (state.status === 'error' && state.error) {
    const advice = adviceFor(state.error);
    return (
      <div className="state-panel" role="alert" data-error-code={state.error.code}>
        <h2>{advice.title}</h2>
        <p>{advice.detail}</p>
        {advice.nextStep === 'sign-in-again' ? (
          <button type="button" className="button primary" onClick={props.onSignIn}>
            Sign in again
          </button>
        ) : (
          <button type="button" className="button" onClick={props.onRetry}>
            Retry
          </button>
        )}
      </div>
    );
  }
  if (state.items.length === 0) {
    if (isSearch) {
      return (
        <div className="state-panel" role="status" data-empty="search">
          <h2>
            No {query.scope === 'unread' ? 'unread ' : ''}messages match “{query.text}”
          </h2>
          <p>
            {query.scope === 'unread'
              ? 'Only unread mail in your inbox was searched.'
              : 'All of your mail was searched, except spam and trash.'}
          </p>
          <div className="button-row">
            {query.scope === 'unread' ? (
              <button type="button" className="button primary" onClick={props.onSearchAll}>
                Search all mail
              </button>
            ) : null}
            <button type="button" className="button" onClick={props.onClearSearch}>
              Clear search
            </button>
          </div>
        </div>
      );
    }
    return (
      <div className="state-panel inbox-zero" role="status" data-empty="inbox-zero">
        <div className="zero-mark" aria-hidden="true" />
        <h2>{query.scope === 'unread' ? 'You’re all caught up' : 'No mail here'}</h2>
        <p>
          {query.scope === 'unread'
            ? 'No unread mail in your inbox. New mail appears here on its own.'
            : 'This mailbox has no messages.'}
        </p>
        <button type="button" className="button" onClick={props.onRefresh}>
          Check now
        </button>
      </div>
    );
  }
  return (
    <MessageList
      label={props.label}
      state={state}
      selectedId={props.selectedId}
      openId={props.openId}
      onSelect={props.onSelect}
      onLoadMore={props.onLoadMore}
      now={props.now}
    />
  );
}

function StatusLine({ sync, now, fromCache }: { sync: SyncState | null; now: number; fromCache: boolean }) {
  const text = statusText(sync, now, fromCache);
  return (
    <div className="status-line" role="status" aria-live="polite" data-sync-status={sync?.status ?? 'unknown'}>
      <span className={`status-dot status-${sync?.status ?? 'idle'}`} aria-hidden="true" />
      {text}
    </div>
  );
}

export function statusText(sync: SyncState | null, now: number, fromCache: boolean): string {
  if (!sync) return fromCache ? 'Showing saved mail' : '';
  const retry = sync.retryAt === undefined ? null : retryPhrase(sync.retryAt, now);
  switch (sync.status) {
    case 'idle':
      return sync.lastSyncedAt ? `Updated ${relativeTime(sync.lastSyncedAt, now)}` : 'Up to date';
    case 'syncing':
      return 'Checking for new mail…';
    case 'offline':
      return `Offline${retry ? ` — trying again ${retry}` : ' — Glance will try again'}`;
    case 'rate-limited':
      return `Google asked Glance to slow down${retry ? `; trying again ${retry}` : ''}`;
    case 'needs-sign-in':
      return 'Not syncing: sign in again';
    case 'error':
      return sync.message ? `Sync problem: ${sync.message}` : 'Sync problem; Glance will try again';
    default: {
      const unreachable: never = sync.status;
      return unreachable;
    }
  }
}
