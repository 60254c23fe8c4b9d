import { useTranslation } from 'react-i18next';
import type { IpcError, SyncState, SyncStatus } from '../../../electron/shared/ipc-contract.js';
import { i18n } from '../i18n/i18n.js';
import { adviceFor, retryPhrase } from '../shared/errors.js';
import { relativeTime } from '../shared/format.js';
import type { ListScope, ListStatus, SearchList } from '../mail/mail-state.js';
import { MessageList, SkeletonRows } from './MessageList.js';
import type { MessageListProps } from './MessageList.js';

export interface ListQuery {
  scope: ListScope;
  /** Gmail search syntax; empty means "no search". */
  text: string;
}

/** Where a search's rows come from right now, for the line above them. */
export type SearchSource =
  /** Rows from this computer; Gmail's answer is on its way. */
  | { kind: 'local-first' }
  /** Gmail could not be asked (offline) or failed: this computer's rows are all there is. */
  | { kind: 'local-only'; error: IpcError }
  | { kind: 'gmail' };

export function searchSourceOf(search: SearchList | null): SearchSource | null {
  if (!search || search.status !== 'ready') return null;
  if (search.gmailError) return { kind: 'local-only', error: search.gmailError };
  if (search.gmail === null && search.local !== null) return { kind: 'local-first' };
  return { kind: 'gmail' };
}

export interface ListPaneProps extends Omit<MessageListProps, 'label' | 'showOrigin'> {
  status: ListStatus;
  error: IpcError | null;
  query: ListQuery;
  /** One line per account that has something to say (offline, rate-limited…), or the last update. */
  syncLines: ReadonlyArray<{ email: string | null; sync: SyncState }>;
  /** Per shown account: actions made here that have not reached Gmail yet (offline, an outage). */
  waitingActions?: ReadonlyArray<{ email: string | null; count: number }>;
  fromCache: boolean;
  /** A search's source (null for the unread list): rows then show where they came from. */
  searchSource: SearchSource | null;
  onRetry: () => void;
  onSearchAll: () => void;
  onClearSearch: () => void;
  onRefresh: () => void;
  onSignIn: () => void;
}

export function listLabel(query: ListQuery, conversations = false): string {
  if (query.text !== '')
    return i18n.t(query.scope === 'unread' ? 'inbox:list.searchResultsUnread' : 'inbox:list.searchResultsAll');
  if (query.scope === 'unread')
    return i18n.t(conversations ? 'inbox:list.unreadConversations' : 'inbox:list.unreadMessages');
  return i18n.t('inbox:list.allMail');
}

export function listStateName(status: ListStatus, count: number): string {
  if (status === 'ready' && count === 0) return 'empty';
  return status;
}

export function ListPane(props: ListPaneProps) {
  // Subscribes to the language: the labels below are made by plain functions.
  useTranslation('inbox');
  const label = listLabel(props.query, Boolean(props.conversations));
  return (
    <section className="list-pane" aria-label={label}>
      {props.searchSource ? <SearchSourceLine source={props.searchSource} onRetry={props.onRetry} /> : null}
      <ListBody {...props} label={label} />
      <StatusLine lines={props.syncLines} now={props.now} fromCache={props.fromCache} />
      <WaitingActionsLine lines={props.waitingActions ?? []} />
    </section>
  );
}

function ListBody(props: ListPaneProps & { label: string }) {
  const { t } = useTranslation('inbox');
  const { status, error, query, items } = props;
  const rowCount = props.conversations ? props.conversations.rows.length : items.length;
  if (status === 'loading') return <SkeletonRows />;
  if (status === 'error' && error) {
    const advice = adviceFor(error);
    return (
      <div className="state-panel" role="alert" data-error-code={error.code}>
        <h2>{advice.title}</h2>
        <p>{advice.detail}</p>
        {advice.nextStep === 'sign-in-again' ? (
          <button type="button" className="button primary" onClick={props.onSignIn}>
            {t('list.signInAgain')}
          </button>
        ) : (
          <button type="button" className="button" onClick={props.onRetry}>
            {t('list.retry')}
          </button>
        )}
      </div>
    );
  }
  if (rowCount === 0) {
    if (query.text !== '') {
      return (
        <div className="state-panel" role="status" data-empty="search">
          <h2>{t(query.scope === 'unread' ? 'list.noUnreadMatch' : 'list.noMatch', { query: query.text })}</h2>
          <p>{t(query.scope === 'unread' ? 'list.searchedUnread' : 'list.searchedAll')}</p>
          <div className="button-row">
            {query.scope === 'unread' ? (
              <button type="button" className="button primary" onClick={props.onSearchAll}>
                {t('list.searchAllMail')}
              </button>
            ) : null}
            <button type="button" className="button" onClick={props.onClearSearch}>
              {t('list.clearSearch')}
            </button>
          </div>
        </div>
      );
    }
    return (
      <div className="state-panel inbox-zero" role="status" data-empty="inbox-zero">
        <div className="zero-mark" aria-hidden="true" />
        <h2>{t(query.scope === 'unread' ? 'list.allCaughtUp' : 'list.noMailHere')}</h2>
        <p>{t(query.scope === 'unread' ? 'list.noUnreadInInbox' : 'list.mailboxEmpty')}</p>
        <button type="button" className="button" onClick={props.onRefresh}>
          {t('list.checkNow')}
        </button>
      </div>
    );
  }
  return <MessageList {...props} showOrigin={props.searchSource !== null && query.text !== ''} />;
}

function SearchSourceLine({ source, onRetry }: { source: SearchSource; onRetry: () => void }) {
  const { t } = useTranslation('inbox');
  if (source.kind === 'gmail') return null;
  if (source.kind === 'local-first') {
    return (
      <div className="search-source" role="status" data-search-source="local-first">
        {t('list.searchingGmail')}
      </div>
    );
  }
  const offline = source.error.code === 'OFFLINE';
  return (
    <div className="search-source banner" role="status" data-search-source="local-only">
      <span>
        {offline ? t('list.offlineResults') : t('list.gmailSearchFailed', { problem: adviceFor(source.error).title })}
      </span>
      <button type="button" className="link-button" onClick={onRetry}>
        {t(offline ? 'list.tryGmailAgain' : 'list.retry')}
      </button>
    </div>
  );
}

/** Worst first: what the status line's `data-sync-status` says when several accounts are shown. */
const SEVERITY: readonly SyncStatus[] = [
  'needs-sign-in',
  'error',
  'google-trouble',
  'rate-limited',
  'offline',
  'syncing',
  'idle',
];

function StatusLine({ lines, now, fromCache }: { lines: ListPaneProps['syncLines']; now: number; fromCache: boolean }) {
  const { t } = useTranslation('inbox');
  const worst = [...lines].sort((a, b) => SEVERITY.indexOf(a.sync.status) - SEVERITY.indexOf(b.sync.status))[0];
  const troubled = lines.filter((line) => line.sync.status !== 'idle' && line.sync.status !== 'syncing');
  const text =
    lines.length === 0
      ? fromCache
        ? t('status.savedMail')
        : ''
      : troubled.length > 0 && lines.length > 1
        ? troubled
            .map((line) =>
              t('status.forAccount', { email: line.email ?? '', status: statusText(line.sync, now, fromCache) }),
            )
            .join(' · ')
        : statusText(worst?.sync ?? null, now, fromCache);
  const status = worst?.sync.status ?? 'unknown';
  return (
    <div className="status-line" role="status" aria-live="polite" data-sync-status={status} title={text}>
      <span className={`status-dot status-${worst?.sync.status ?? 'idle'}`} aria-hidden="true" />
      {text}
    </div>
  );
}

/** "2 actions waiting to reach Gmail", per account when several have some; nothing when none wait. */
export function waitingText(lines: ReadonlyArray<{ email: string | null; count: number }>): string {
  const waiting = lines.filter((line) => line.count > 0);
  const phrase = (count: number) => i18n.t('inbox:status.waitingActions', { count });
  if (waiting.length === 0) return '';
  if (waiting.length === 1 && lines.length === 1) return phrase(waiting[0]!.count);
  return waiting
    .map((line) => i18n.t('inbox:status.forAccount', { email: line.email ?? '', status: phrase(line.count) }))
    .join(' · ');
}

function WaitingActionsLine({ lines }: { lines: ReadonlyArray<{ email: string | null; count: number }> }) {
  useTranslation('inbox');
  const text = waitingText(lines);
  if (text === '') return null;
  return (
    <div className="status-line waiting-actions" role="status" aria-live="polite" data-testid="waiting-actions">
      <span className="status-dot status-offline" aria-hidden="true" />
      {text}
    </div>
  );
}

export function statusText(sync: SyncState | null, now: number, fromCache: boolean): string {
  const t = i18n.t;
  if (!sync) return fromCache ? t('inbox:status.savedMail') : '';
  const retry = sync.retryAt === undefined ? null : retryPhrase(sync.retryAt, now);
  switch (sync.status) {
    case 'idle':
      return sync.lastSyncedAt
        ? t('inbox:status.updated', { time: relativeTime(sync.lastSyncedAt, now) })
        : t('inbox:status.upToDate');
    case 'syncing':
      return t('inbox:status.syncing');
    case 'offline':
      return retry ? t('inbox:status.offlineRetryAt', { retry }) : t('inbox:status.offline');
    case 'google-trouble':
      return retry ? t('inbox:status.googleTroubleRetryAt', { retry }) : t('inbox:status.googleTrouble');
    case 'rate-limited':
      return retry ? t('inbox:status.rateLimitedRetryAt', { retry }) : t('inbox:status.rateLimited');
    case 'needs-sign-in':
      return t('inbox:status.needsSignIn');
    case 'error':
      // Words from the error's code in the window's language; the core's own sentence is English.
      return sync.error
        ? t('inbox:status.errorWithMessage', { message: adviceFor(sync.error).title })
        : t('inbox:status.error');
    default: {
      const unreachable: never = sync.status;
      return unreachable;
    }
  }
}
