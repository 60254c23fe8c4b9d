/**
 * The renderer's mail state, and its only owner: a pure reducer over list pages and the core's versioned
 * `mailbox:changed` events. No React and no DOM here, so a Node test can drive it directly.
 *
 * Per account it keeps `{ version, status, messages, touchedAt }`:
 * - a page served at version p upserts its items unless an event newer than the page already decided that
 *   message (`touchedAt[id] > p`); messages the page's range covers but does not list, and that no newer event
 *   touched, left the view and go. It takes status and version p when the account has none yet, or when it
 *   closes a gap; otherwise the changes up to p are still on their way and apply in turn. A page never lowers
 *   a version, and one served before the last version taken from a page is ignored.
 * - a change with version v: v <= version is already reflected; v == version + 1 applies; anything later is
 *   a gap: it waits (`pending`) and the account is `stale` until a page closes the gap, so the views showing
 *   the account reload their loaded range once.
 * A view (one account, or every account merged) shows its accounts' messages newest first, cut at the oldest
 * row its pages have reached. A search is a separate list that events never reload; they only refresh the
 * flags of the rows it shows.
 */
import type {
  ALL_ACCOUNTS,
  IpcError,
  MailboxChange,
  MailboxStatus,
  MessagePage,
  MessageSummary,
} from '../../../electron/shared/ipc-contract.js';

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

export interface SortKey {
  date: number;
  accountId: string;
  id: string;
}

/** The core's order: newest first by date, then account id ascending, then message id descending. */
export function compareNewestFirst(a: SortKey, b: SortKey): number {
  if (a.date !== b.date) return b.date - a.date;
  if (a.accountId !== b.accountId) return a.accountId < b.accountId ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? 1 : -1;
  return 0;
}

/** One message across accounts: Gmail ids are unique only within an account. */
export function messageKey(message: { accountId: string; id: string }): string {
  return `${message.accountId}/${message.id}`;
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
  request: number;
  status: ListStatus;
  error: IpcError | null;
  items: readonly MessageSummary[];
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
  | { type: 'searchMoreStarted' }
  | { type: 'searchPageLoaded'; request: number; more: boolean; page: MessagePage }
  | { type: 'searchFailed'; request: number; more: boolean; error: IpcError }
  | { type: 'searchCleared' }
  | { type: 'patched'; accountId: string; id: string; patch: FlagPatch }
  | { type: 'countAdjusted'; accountId: string; delta: number }
  | { type: 'hidden'; accountId: string; id: string }
  | { type: 'unhidden'; accountId: string; id: string }
  | { type: 'retained'; message: MessageSummary }
  | { type: 'released'; accountId: string; id: string }
  | { type: 'retainedCleared' }
  | { type: 'accountsPresent'; accountIds: readonly string[] };

export const initialMailState: MailState = {
  accounts: {},
  views: {},
  search: null,
  hidden: new Set(),
  retained: new Map(),
  present: [],
};

const emptyAccount: AccountMail = {
  version: null,
  status: null,
  messages: new Map(),
  touchedAt: new Map(),
  pending: [],
  floor: null,
};
/** Changes kept while waiting for a gap to close; beyond this the reload brings the state anyway. */
const MAX_PENDING = 200;

function emptyView(request: number): ViewList {
  return {
    status: 'loading',
    error: null,
    boundary: null,
    nextPageToken: null,
    complete: false,
    loadingMore: false,
    moreError: null,
    fromCache: false,
    reloading: false,
    reloadFailed: false,
    unverified: false,
    request,
  };
}

// ----- accounts ------------------------------------------------------------------------------------

function statusOf(change: MailboxStatus): MailboxStatus {
  return { accountId: change.accountId, version: change.version, unreadCount: change.unreadCount, sync: change.sync };
}

/** Applies one change that follows the account's version directly (or sets the first version seen). */
function applyChangeNow(account: AccountMail, change: MailboxChange): AccountMail {
  const messages = new Map(account.messages);
  const touchedAt = new Map(account.touchedAt);
  for (const message of [...change.added, ...change.updated]) {
    messages.set(message.id, message);
    touchedAt.set(message.id, change.version);
  }
  for (const id of change.removedIds) {
    messages.delete(id);
    touchedAt.set(id, change.version);
  }
  return { ...account, version: change.version, status: statusOf(change), messages, touchedAt };
}

/** Applies the waiting changes that now follow on; drops the ones the version already covers. */
function drainPending(account: AccountMail): AccountMail {
  if (account.version === null) return account;
  let current = account;
  let pending = current.pending.filter((change) => change.version > (current.version ?? -Infinity));
  while (pending[0] && current.version !== null && pending[0].version === current.version + 1) {
    current = applyChangeNow(current, pending[0]);
    pending = pending.slice(1);
  }
  return pending.length === current.pending.length && current === account ? account : { ...current, pending };
}

export function applyChange(account: AccountMail, change: MailboxChange): AccountMail {
  // Before the first page or status there is nothing to apply it to: it waits for the version they bring.
  if (account.version !== null && change.version <= account.version) return account;
  if (account.version !== null && change.version === account.version + 1)
    return drainPending(applyChangeNow(account, change));
  // A gap: one change (or more) never arrived. Wait for a reload to close it.
  if (account.pending.some((waiting) => waiting.version === change.version)) return account;
  const pending = [...account.pending, change].sort((a, b) => a.version - b.version).slice(-MAX_PENDING);
  // The count and sync state can show already when nothing else is known yet.
  return { ...account, pending, ...(account.version === null ? { status: statusOf(change) } : {}) };
}

export function isStale(account: AccountMail | undefined): boolean {
  return account !== undefined && account.version !== null && account.pending.length > 0;
}

/** Is `key` inside the range a page covers: after `after` (exclusive) up to `last` (inclusive, or the end)? */
function inRange(key: SortKey, after: SortKey | null, last: SortKey | null, toEnd: boolean): boolean {
  if (after && compareNewestFirst(key, after) <= 0) return false;
  if (toEnd) return true;
  return last !== null && compareNewestFirst(key, last) <= 0;
}

/** Applies a page of the unread view, served when each covered account was at the version it names. */
export function applyPage(
  accounts: Readonly<Record<string, AccountMail>>,
  page: MessagePage,
  after: SortKey | null,
): Record<string, AccountMail> {
  const next: Record<string, AccountMail> = { ...accounts };
  const last = page.messages.at(-1) ?? null;
  const toEnd = page.nextPageToken === null;
  const covered = new Map(page.mailboxes.map((status) => [status.accountId, status]));
  for (const [accountId, status] of covered) {
    const account = next[accountId] ?? emptyAccount;
    const p = status.version;
    if (account.floor !== null && p < account.floor) continue;
    const messages = new Map(account.messages);
    const touchedAt = new Map(account.touchedAt);
    const listed = new Set<string>();
    for (const message of page.messages) {
      if (message.accountId !== accountId) continue;
      listed.add(message.id);
      if ((touchedAt.get(message.id) ?? -Infinity) > p) continue;
      messages.set(message.id, message);
    }
    // What the range covers but the page does not list had left the view at p, unless a newer event says otherwise.
    if (last !== null || toEnd) {
      for (const [id, message] of account.messages) {
        if (listed.has(id) || !inRange(message, after, last, toEnd)) continue;
        if ((touchedAt.get(id) ?? -Infinity) > p) continue;
        messages.delete(id);
        touchedAt.delete(id);
      }
    }
    // The page's version is taken when nothing is known yet, or to close a gap (the reload it asked for).
    // Otherwise the changes up to p are on their way (sent before this answer) and apply in turn; if one was
    // lost, the next change shows the gap.
    const firstWaiting = account.pending[0]?.version;
    // Only a page from the top closes a gap: the view is cut at its last row, so everything shown is verified.
    const takes =
      account.version === null ||
      (after === null && firstWaiting !== undefined && account.version < p && p >= firstWaiting - 1);
    next[accountId] = drainPending({
      ...account,
      messages,
      touchedAt,
      ...(takes ? { version: p, status, floor: p } : {}),
    });
  }
  // Rows of accounts the page does not name (it should name them all): only ones no event has decided.
  for (const message of page.messages) {
    if (covered.has(message.accountId)) continue;
    const account = next[message.accountId] ?? emptyAccount;
    if (account.touchedAt.has(message.id)) continue;
    next[message.accountId] = { ...account, messages: new Map(account.messages).set(message.id, message) };
  }
  return next;
}

function applyStatuses(
  accounts: Readonly<Record<string, AccountMail>>,
  statuses: readonly MailboxStatus[],
): Record<string, AccountMail> {
  const next: Record<string, AccountMail> = { ...accounts };
  for (const status of statuses) {
    const account = next[status.accountId] ?? emptyAccount;
    if (account.version !== null && status.version <= account.version) continue;
    if (account.version === null || account.messages.size === 0) {
      next[status.accountId] = drainPending({ ...account, version: status.version, status, floor: status.version });
    } else {
      // Newer than what was applied while messages are loaded: show its count and state now; the next change
      // will not follow on, so it reloads once.
      next[status.accountId] = { ...account, status: { ...status, version: account.version } };
    }
  }
  return next;
}

// ----- local (optimistic) edits ---------------------------------------------------------------------

function patchAccount(account: AccountMail, id: string, patch: FlagPatch): AccountMail {
  const message = account.messages.get(id);
  if (!message) return account;
  return { ...account, messages: new Map(account.messages).set(id, { ...message, ...patch }) };
}

function refreshSearchRows(search: SearchList | null, accountId: string, fresh: readonly MessageSummary[]) {
  if (!search || fresh.length === 0) return search;
  const byId = new Map(fresh.map((message) => [message.id, message]));
  let changed = false;
  const items = search.items.map((row) => {
    const update = row.accountId === accountId ? byId.get(row.id) : undefined;
    if (!update) return row;
    changed = true;
    return { ...row, unread: update.unread, starred: update.starred, inInbox: update.inInbox };
  });
  return changed ? { ...search, items } : search;
}

function appendUnique(existing: readonly MessageSummary[], page: readonly MessageSummary[]): MessageSummary[] {
  const seen = new Set(existing.map(messageKey));
  return [...existing, ...page.filter((message) => !seen.has(messageKey(message)))];
}

function olderOf(a: SortKey | null, b: SortKey | null): SortKey | null {
  if (!a) return b;
  if (!b) return a;
  return compareNewestFirst(a, b) >= 0 ? a : b;
}

function keyOf(message: MessageSummary | undefined): SortKey | null {
  return message ? { date: message.date, accountId: message.accountId, id: message.id } : null;
}

// ----- the reducer ----------------------------------------------------------------------------------

function pageLoaded(state: MailState, action: Extract<MailAction, { type: 'pageLoaded' }>): MailState {
  const { page } = action;
  const accounts = applyPage(state.accounts, page, action.after);
  const view = state.views[action.view];
  if (!view || view.request !== action.request) return { ...state, accounts };
  // Served before a newer page the accounts already took: it says nothing about the range any more.
  const outdated = page.mailboxes.some(
    (status) => (state.accounts[status.accountId]?.floor ?? -Infinity) > status.version,
  );
  if (outdated) {
    const settled: ViewList = { ...view, loadingMore: action.mode === 'more' ? false : view.loadingMore };
    const updated = action.mode === 'reload' ? { ...settled, reloading: false } : settled;
    return { ...state, accounts, views: { ...state.views, [action.view]: updated } };
  }
  const last = keyOf(page.messages.at(-1));
  let range: Pick<ViewList, 'boundary' | 'nextPageToken' | 'complete'>;
  if (action.mode === 'more') {
    range = {
      boundary: olderOf(view.boundary, last),
      nextPageToken: page.nextPageToken,
      complete: !page.nextPageToken,
    };
  } else {
    // A first page, or a reload: rows a reload did not reach are unverified, so they wait for the next page
    // (its cursor) instead of showing what may have changed.
    range = { boundary: last, nextPageToken: page.nextPageToken, complete: page.nextPageToken === null };
  }
  const updated: ViewList = {
    ...view,
    ...range,
    ...(action.mode === 'more' ? {} : { unverified: false }),
    status: 'ready',
    error: null,
    ...(action.mode === 'more' ? { loadingMore: false, moreError: null } : { fromCache: page.fromCache }),
    ...(action.mode === 'reload' ? { reloading: false, reloadFailed: false } : {}),
  };
  const views: Record<ViewId, ViewList> = { ...state.views, [action.view]: updated };
  // Gaps this page closed: other views showing those accounts reload their own loaded range once.
  const closed = page.mailboxes
    .map((status) => status.accountId)
    .filter((accountId) => isStale(state.accounts[accountId]) && !isStale(accounts[accountId]));
  for (const [id, other] of Object.entries(views)) {
    if (id === action.view || other.status !== 'ready') continue;
    if (closed.some((accountId) => id === UNIFIED || id === accountId)) views[id] = { ...other, unverified: true };
  }
  return { ...state, accounts, views };
}

function listFailed(state: MailState, action: Extract<MailAction, { type: 'listFailed' }>): MailState {
  const view = state.views[action.view];
  if (!view || view.request !== action.request) return state;
  const updated: ViewList =
    action.mode === 'more'
      ? { ...view, loadingMore: false, moreError: action.error }
      : action.mode === 'reload'
        ? // Keep what is shown; the next change or Retry tries again.
          { ...view, reloading: false, reloadFailed: true }
        : { ...view, status: 'error', error: action.error };
  return { ...state, views: { ...state.views, [action.view]: updated } };
}

export function mailReducer(state: MailState, action: MailAction): MailState {
  switch (action.type) {
    case 'statusesLoaded':
      return { ...state, accounts: applyStatuses(state.accounts, action.statuses) };
    case 'changed': {
      const { change } = action;
      const account = applyChange(state.accounts[change.accountId] ?? emptyAccount, change);
      const search = refreshSearchRows(state.search, change.accountId, [...change.added, ...change.updated]);
      const views = Object.values(state.views).some((view) => view.reloadFailed)
        ? Object.fromEntries(Object.entries(state.views).map(([id, view]) => [id, { ...view, reloadFailed: false }]))
        : state.views;
      return { ...state, accounts: { ...state.accounts, [change.accountId]: account }, search, views };
    }
    case 'listStarted': {
      const view = state.views[action.view];
      const updated: ViewList =
        action.mode === 'reload' && view
          ? { ...view, reloading: true, request: action.request }
          : emptyView(action.request);
      return { ...state, views: { ...state.views, [action.view]: updated } };
    }
    case 'moreStarted': {
      const view = state.views[action.view];
      if (!view) return state;
      return { ...state, views: { ...state.views, [action.view]: { ...view, loadingMore: true, moreError: null } } };
    }
    case 'pageLoaded':
      return pageLoaded(state, action);
    case 'listFailed':
      return listFailed(state, action);
    case 'searchStarted':
      return {
        ...state,
        search: {
          query: action.query,
          request: action.request,
          status: 'loading',
          error: null,
          items: [],
          nextPageToken: null,
          loadingMore: false,
          moreError: null,
        },
      };
    case 'searchMoreStarted':
      return state.search ? { ...state, search: { ...state.search, loadingMore: true, moreError: null } } : state;
    case 'searchPageLoaded': {
      const { search } = state;
      if (!search || search.request !== action.request) return state;
      const items = action.more ? appendUnique(search.items, action.page.messages) : action.page.messages;
      return {
        ...state,
        search: { ...search, status: 'ready', items, nextPageToken: action.page.nextPageToken, loadingMore: false },
      };
    }
    case 'searchFailed': {
      const { search } = state;
      if (!search || search.request !== action.request) return state;
      return {
        ...state,
        search: action.more
          ? { ...search, loadingMore: false, moreError: action.error }
          : { ...search, status: 'error', error: action.error },
      };
    }
    case 'searchCleared':
      return { ...state, search: null };
    case 'patched': {
      const account = state.accounts[action.accountId];
      const key = messageKey(action);
      const kept = state.retained.get(key);
      const search = state.search
        ? {
            ...state.search,
            items: state.search.items.map((row) =>
              row.accountId === action.accountId && row.id === action.id ? { ...row, ...action.patch } : row,
            ),
          }
        : null;
      return {
        ...state,
        accounts: account
          ? { ...state.accounts, [action.accountId]: patchAccount(account, action.id, action.patch) }
          : state.accounts,
        retained: kept ? new Map(state.retained).set(key, { ...kept, ...action.patch }) : state.retained,
        search,
      };
    }
    case 'countAdjusted': {
      const account = state.accounts[action.accountId];
      const status = account?.status;
      if (!account || !status || status.unreadCount === null) return state;
      const unreadCount = Math.max(0, status.unreadCount + action.delta);
      return {
        ...state,
        accounts: { ...state.accounts, [action.accountId]: { ...account, status: { ...status, unreadCount } } },
      };
    }
    case 'hidden':
      return { ...state, hidden: new Set(state.hidden).add(messageKey(action)) };
    case 'unhidden': {
      const hidden = new Set(state.hidden);
      hidden.delete(messageKey(action));
      return { ...state, hidden };
    }
    case 'retained':
      return { ...state, retained: new Map(state.retained).set(messageKey(action.message), action.message) };
    case 'released': {
      const retained = new Map(state.retained);
      retained.delete(messageKey(action));
      return { ...state, retained };
    }
    case 'retainedCleared':
      return state.retained.size === 0 ? state : { ...state, retained: new Map() };
    case 'accountsPresent': {
      const present = new Set(action.accountIds);
      const accounts = Object.fromEntries(Object.entries(state.accounts).filter(([id]) => present.has(id)));
      // A new account's mail is not in the unified range loaded before it: Unified loads afresh when shown.
      const added = state.present.length > 0 && action.accountIds.some((id) => !state.present.includes(id));
      const views = Object.fromEntries(
        Object.entries(state.views).filter(([id]) => (id === UNIFIED ? !added : present.has(id))),
      );
      return { ...state, accounts, views, present: action.accountIds };
    }
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}

// ----- what a view shows ----------------------------------------------------------------------------

export function accountsOfView(state: MailState, view: ViewId): string[] {
  return view === UNIFIED ? Object.keys(state.accounts) : [view];
}

/** The rows a view shows, newest first, cut at its loaded boundary; hidden ones out, retained ones in. */
export function viewMessages(state: MailState, view: ViewId): MessageSummary[] {
  const range = state.views[view];
  if (!range || range.status === 'loading') return [];
  const rows: MessageSummary[] = [];
  const seen = new Set<string>();
  for (const accountId of accountsOfView(state, view)) {
    const account = state.accounts[accountId];
    if (!account) continue;
    for (const message of account.messages.values()) {
      const key = messageKey(message);
      if (state.hidden.has(key)) continue;
      seen.add(key);
      rows.push(message);
    }
  }
  const inView = new Set(accountsOfView(state, view));
  for (const [key, message] of state.retained) {
    if (!seen.has(key) && inView.has(message.accountId) && !state.hidden.has(key)) rows.push(message);
  }
  rows.sort(compareNewestFirst);
  if (range.complete || !range.boundary) return range.complete ? rows : [];
  const boundary = range.boundary;
  const end = rows.findIndex((message) => compareNewestFirst(message, boundary) > 0);
  return end < 0 ? rows : rows.slice(0, end);
}

/** The rows of the current search, without the ones archived here. */
export function searchMessages(state: MailState): MessageSummary[] {
  const { search } = state;
  if (!search) return [];
  if (search.query.scope !== 'unread' || state.hidden.size === 0) return [...search.items];
  return search.items.filter((message) => !state.hidden.has(messageKey(message)));
}

/** Unread count of a view: one account's, or the sum of every account's that is known. */
export function unreadCountOf(state: MailState, view: ViewId): number | null {
  let total: number | null = null;
  for (const accountId of accountsOfView(state, view)) {
    const count = state.accounts[accountId]?.status?.unreadCount;
    if (count === null || count === undefined) continue;
    total = (total ?? 0) + count;
  }
  return total;
}

/** Accounts of a view that missed a change and whose loaded range needs one reload. */
export function viewIsStale(state: MailState, view: ViewId): boolean {
  if (state.views[view]?.unverified) return true;
  return accountsOfView(state, view).some((accountId) => isStale(state.accounts[accountId]));
}

/** A message as the state knows it now (list, retained or search row). */
export function findMessage(state: MailState, accountId: string, id: string): MessageSummary | null {
  const key = messageKey({ accountId, id });
  return (
    state.retained.get(key) ??
    state.accounts[accountId]?.messages.get(id) ??
    state.search?.items.find((row) => row.accountId === accountId && row.id === id) ??
    null
  );
}
