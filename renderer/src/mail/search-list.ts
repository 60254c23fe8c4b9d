/**
 * A search (or all mail) is a list of its own: its pages append, events never reload it and only refresh the
 * flags of the rows it shows.
 */
import type { MessageSummary } from '../../../electron/shared/ipc-contract.js';
import type { FlagPatch, MailAction, SearchList } from './mail-types.js';
import { messageKey } from './message-order.js';

export type SearchAction = Extract<
  MailAction,
  { type: 'searchStarted' | 'searchMoreStarted' | 'searchPageLoaded' | 'searchFailed' | 'searchCleared' }
>;

export function refreshSearchRows(search: SearchList | null, accountId: string, fresh: readonly MessageSummary[]) {
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

/** A local (optimistic) edit of one row's flags. */
export function patchSearchRow(
  search: SearchList | null,
  accountId: string,
  id: string,
  patch: FlagPatch,
): SearchList | null {
  return search
    ? {
        ...search,
        items: search.items.map((row) => (row.accountId === accountId && row.id === id ? { ...row, ...patch } : row)),
      }
    : null;
}

function appendUnique(existing: readonly MessageSummary[], page: readonly MessageSummary[]): MessageSummary[] {
  const seen = new Set(existing.map(messageKey));
  return [...existing, ...page.filter((message) => !seen.has(messageKey(message)))];
}

export function searchReducer(search: SearchList | null, action: SearchAction): SearchList | null {
  switch (action.type) {
    case 'searchStarted':
      return {
        query: action.query,
        request: action.request,
        status: 'loading',
        error: null,
        items: [],
        nextPageToken: null,
        loadingMore: false,
        moreError: null,
      };
    case 'searchMoreStarted':
      return search ? { ...search, loadingMore: true, moreError: null } : search;
    case 'searchPageLoaded': {
      if (!search || search.request !== action.request) return search;
      const items = action.more ? appendUnique(search.items, action.page.messages) : action.page.messages;
      return { ...search, status: 'ready', items, nextPageToken: action.page.nextPageToken, loadingMore: false };
    }
    case 'searchFailed':
      if (!search || search.request !== action.request) return search;
      return action.more
        ? { ...search, loadingMore: false, moreError: action.error }
        : { ...search, status: 'error', error: action.error };
    case 'searchCleared':
      return null;
    default: {
      const unreachable: never = action;
      return unreachable;
    }
  }
}
