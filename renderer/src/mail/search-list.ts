/**
 * A search (or all mail) is a list of its own: its pages append, events never reload it and only refresh the
 * flags of the rows it shows.
 *
 * Offline search: while the person types, this computer's index answers first (`searchLocalLoaded`, rows
 * marked origin 'local'); Gmail's pages then merge in and win, for order and for completeness: the list is
 * Gmail's rows in Gmail's order, followed only by local rows older than Gmail's last row while Gmail has more
 * pages (once Gmail's answer is complete, a local row it did not return goes). When Gmail's first page fails
 * (offline), the local answer stays with the error beside it, for a banner.
 */
import type { MessageSummary } from '../../../electron/shared/ipc-contract.js';
import type { FlagPatch, MailAction, SearchList, SearchQuery } from './mail-types.js';
import { compareNewestFirst, messageKey } from './message-order.js';

export type SearchAction = Extract<
  MailAction,
  {
    type:
      | 'searchStarted'
      | 'searchLocalLoaded'
      | 'searchMoreStarted'
      | 'searchPageLoaded'
      | 'searchFailed'
      | 'searchCleared';
  }
>;

/** The request of a list only this computer has answered so far: no Gmail answer matches it. */
export const LOCAL_ONLY = -1;

export function sameSearch(a: SearchQuery, b: SearchQuery): boolean {
  return a.view === b.view && a.scope === b.scope && a.text === b.text;
}

/** Gmail's rows, then the local rows Gmail has not reached yet (none once Gmail's answer is complete). */
export function mergeSearchRows(
  gmail: readonly MessageSummary[] | null,
  local: readonly MessageSummary[] | null,
  gmailComplete: boolean,
): readonly MessageSummary[] {
  if (gmail === null) return local ?? [];
  if (local === null || gmailComplete) return gmail;
  const oldest = gmail[gmail.length - 1];
  const seen = new Set(gmail.map(messageKey));
  const beyond = local.filter(
    (message) => !seen.has(messageKey(message)) && (oldest === undefined || compareNewestFirst(message, oldest) > 0),
  );
  return beyond.length === 0 ? gmail : [...gmail, ...beyond];
}

function withItems(search: SearchList): SearchList {
  return { ...search, items: mergeSearchRows(search.gmail, search.local, search.nextPageToken === null) };
}

const fromGmail = (messages: readonly MessageSummary[]) =>
  messages.map((message) => (message.origin ? message : { ...message, origin: 'gmail' as const }));

function mapRows(search: SearchList, update: (row: MessageSummary) => MessageSummary): SearchList {
  const map = (rows: readonly MessageSummary[] | null) => rows && rows.map(update);
  return { ...search, items: search.items.map(update), local: map(search.local), gmail: map(search.gmail) };
}

export function refreshSearchRows(search: SearchList | null, accountId: string, fresh: readonly MessageSummary[]) {
  if (!search || fresh.length === 0) return search;
  const byId = new Map(fresh.map((message) => [message.id, message]));
  const shown = (row: MessageSummary) => (row.accountId === accountId ? byId.get(row.id) : undefined);
  if (![...search.items, ...(search.local ?? [])].some(shown)) return search;
  return mapRows(search, (row) => {
    const update = shown(row);
    return update ? { ...row, unread: update.unread, starred: update.starred, inInbox: update.inInbox } : row;
  });
}

/** A local (optimistic) edit of one row's flags. */
export function patchSearchRow(
  search: SearchList | null,
  accountId: string,
  id: string,
  patch: FlagPatch,
): SearchList | null {
  return search
    ? mapRows(search, (row) => (row.accountId === accountId && row.id === id ? { ...row, ...patch } : row))
    : null;
}

function appendUnique(existing: readonly MessageSummary[], page: readonly MessageSummary[]): MessageSummary[] {
  const seen = new Set(existing.map(messageKey));
  return [...existing, ...page.filter((message) => !seen.has(messageKey(message)))];
}

function emptyList(query: SearchQuery, request: number): SearchList {
  return {
    query,
    request,
    status: 'loading',
    error: null,
    items: [],
    local: null,
    gmail: null,
    gmailError: null,
    nextPageToken: null,
    loadingMore: false,
    moreError: null,
  };
}

export function searchReducer(search: SearchList | null, action: SearchAction): SearchList | null {
  switch (action.type) {
    case 'searchLocalLoaded': {
      const { query, messages } = action;
      const current = search && sameSearch(search.query, query) ? search : emptyList(query, LOCAL_ONLY);
      if (current === search && messages === null && search.local === null) return search;
      const next = withItems({ ...current, local: messages });
      // Gmail has not answered (or failed): the local answer is what there is to show.
      const showLocal = next.gmail === null && messages !== null;
      return showLocal ? { ...next, status: 'ready', error: null } : next;
    }
    case 'searchStarted': {
      // The same query as typed: this computer's answer stays up while Gmail is asked.
      if (search && sameSearch(search.query, action.query) && search.local !== null) {
        return {
          ...emptyList(action.query, action.request),
          status: 'ready',
          local: search.local,
          items: search.local,
        };
      }
      return emptyList(action.query, action.request);
    }
    case 'searchMoreStarted':
      return search ? { ...search, loadingMore: true, moreError: null } : search;
    case 'searchPageLoaded': {
      if (!search || search.request !== action.request) return search;
      const rows = fromGmail(action.page.messages);
      const gmail = action.more && search.gmail ? appendUnique(search.gmail, rows) : rows;
      return withItems({
        ...search,
        status: 'ready',
        error: null,
        gmail,
        gmailError: null,
        nextPageToken: action.page.nextPageToken,
        loadingMore: false,
      });
    }
    case 'searchFailed':
      if (!search || search.request !== action.request) return search;
      if (action.more) return { ...search, loadingMore: false, moreError: action.error };
      return search.local !== null && search.gmail === null
        ? { ...search, status: 'ready', gmailError: action.error }
        : { ...search, status: 'error', error: action.error };
    case 'searchCleared':
      return null;
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}
