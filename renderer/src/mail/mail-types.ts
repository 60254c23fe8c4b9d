/** The shape of the renderer's mail state and the actions its reducer takes. */
import type {
  ALL_ACCOUNTS,
  IpcError,
  MailboxChange,
  MailboxStatus,
  MessagePage,
  MessageSummary,
} from '../../../electron/shared/ipc-contract.js';
import type { SortKey } from './message-order.js';

/** The unified view: every account's unread mail merged. The contract's ALL_ACCOUNTS. */
export const UNIFIED: typeof ALL_ACCOUNTS = '*';
/** One account's id, or UNIFIED. */
export type ViewId = string;

export type ListScope = 'unread' | 'all';
/** A list the person asked for that is not the live unread view: a query, or all mail. */
export interface SearchQuery {
  view: ViewId;
  scope: ListScope;
  /** Gmail search syntax; may be empty for "all mail". */
  text: string;
}

export interface AccountMail {
  /** Version of the last change or page taken; null until the account's status is first seen. */
  version: number | null;
  status: MailboxStatus | null;
  messages: ReadonlyMap<string, MessageSummary>;
  /** Version of the change that last added, updated or removed each message. */
  touchedAt: ReadonlyMap<string, number>;
  /** Changes that arrived after a missing one, oldest first; non-empty means the account is stale. */
  pending: readonly MailboxChange[];
  /**
   * The last version taken from a page or status rather than reached change by change. Which messages the
   * changes before it touched is unknown, so a page served before it says nothing reliable and is ignored.
   */
  floor: number | null;
}

export type ListStatus = 'loading' | 'ready' | 'error';

export interface ViewList {
  status: ListStatus;
  error: IpcError | null;
  /** The oldest row the pages reached; rows older than this are not shown until the next page. */
  boundary: SortKey | null;
  nextPageToken: string | null;
  /** The last page had no continuation: the whole view is loaded. */
  complete: boolean;
  loadingMore: boolean;
  moreError: IpcError | null;
  fromCache: boolean;
  /** A reload of the loaded range (after a gap) is on its way. */
  reloading: boolean;
  /** The last reload failed: the next change (or Retry) tries again, not a loop. */
  reloadFailed: boolean;
  /** Another view's reload closed a gap of an account this view shows: its deeper rows need one reload too. */
  unverified: boolean;
  /** The first-page request the range belongs to; answers to older ones only update the accounts. */
  request: number;
}

export interface SearchList {
  query: SearchQuery;
  /** Gmail's request for this list; LOCAL_ONLY while only this computer has answered (Gmail not asked yet). */
  request: number;
  status: ListStatus;
  error: IpcError | null;
  /** What is shown: Gmail's rows (its order), then local rows older than Gmail's last one while it has more. */
  items: readonly MessageSummary[];
  /** This computer's answer (rows with origin 'local'); null when there is none (not answerable locally). */
  local: readonly MessageSummary[] | null;
  /** Gmail's rows so far; null until its first page arrives. */
  gmail: readonly MessageSummary[] | null;
  /** Gmail's first page failed while this computer's answer is shown (offline, say). */
  gmailError: IpcError | null;
  nextPageToken: string | null;
  loadingMore: boolean;
  moreError: IpcError | null;
}

export interface MailState {
  accounts: Readonly<Record<string, AccountMail>>;
  views: Readonly<Record<ViewId, ViewList>>;
  search: SearchList | null;
  /** Message keys archived here and on their way to Google: not shown in any list. */
  hidden: ReadonlySet<string>;
  /** Messages that stay shown although they left the unread view (read here; an Undo on its way). */
  retained: ReadonlyMap<string, MessageSummary>;
  /** The signed-in accounts, as last told. */
  present: readonly string[];
}

export type FlagPatch = Partial<Pick<MessageSummary, 'unread' | 'starred' | 'inInbox'>>;
export type PageMode = 'first' | 'reload' | 'more';

export type MailAction =
  | { type: 'statusesLoaded'; statuses: readonly MailboxStatus[] }
  | { type: 'changed'; change: MailboxChange }
  | { type: 'listStarted'; view: ViewId; request: number; mode: 'first' | 'reload' }
  | { type: 'moreStarted'; view: ViewId }
  | { type: 'pageLoaded'; view: ViewId; request: number; mode: PageMode; after: SortKey | null; page: MessagePage }
  | { type: 'listFailed'; view: ViewId; request: number; mode: PageMode; error: IpcError }
  | { type: 'searchStarted'; query: SearchQuery; request: number }
  /** This computer's answer for a query as typed; `messages` null when the query is not answerable locally. */
  | { type: 'searchLocalLoaded'; query: SearchQuery; messages: readonly MessageSummary[] | null }
  | { type: 'searchMoreStarted' }
  | { type: 'searchPageLoaded'; request: number; more: boolean; page: MessagePage }
  | { type: 'searchFailed'; request: number; more: boolean; error: IpcError }
  | { type: 'searchCleared' }
  | { type: 'patched'; accountId: string; id: string; patch: FlagPatch }
  /** `delta` moves the unread message count, `conversationDelta` the unread conversation count. */
  | { type: 'countAdjusted'; accountId: string; delta: number; conversationDelta?: number }
  | { type: 'hidden'; accountId: string; id: string }
  | { type: 'unhidden'; accountId: string; id: string }
  | { type: 'retained'; message: MessageSummary }
  | { type: 'released'; accountId: string; id: string }
  | { type: 'retainedCleared' }
  | { type: 'accountsPresent'; accountIds: readonly string[] };
