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
 *
 * The pieces: account-mail.ts (changes per account), page-application.ts (pages and statuses), view-list.ts
 * (each view's loaded range), search-list.ts, local-edits.ts and view-selectors.ts (what a view shows).
 */
import { applyChange, emptyAccount } from './account-mail.js';
import { applyLocalEdit } from './local-edits.js';
import { UNIFIED, type MailAction, type MailState } from './mail-types.js';
import { applyStatuses } from './page-application.js';
import { refreshSearchRows, searchReducer } from './search-list.js';
import { listFailed, listStarted, moreStarted, pageLoaded } from './view-list.js';

export * from './mail-types.js';
export * from './message-order.js';
export { applyChange, isStale } from './account-mail.js';
export { applyPage } from './page-application.js';
export * from './view-selectors.js';

export const initialMailState: MailState = {
  accounts: {},
  views: {},
  search: null,
  hidden: new Set(),
  retained: new Map(),
  present: [],
};

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
    case 'listStarted':
      return listStarted(state, action);
    case 'moreStarted':
      return moreStarted(state, action);
    case 'pageLoaded':
      return pageLoaded(state, action);
    case 'listFailed':
      return listFailed(state, action);
    case 'searchStarted':
    case 'searchLocalLoaded':
    case 'searchMoreStarted':
    case 'searchPageLoaded':
    case 'searchFailed':
    case 'searchCleared': {
      const search = searchReducer(state.search, action);
      // Unchanged search (an answer to an older request): the same state, as before.
      return search === state.search && action.type !== 'searchCleared' ? state : { ...state, search };
    }
    case 'patched':
    case 'countAdjusted':
    case 'hidden':
    case 'unhidden':
    case 'retained':
    case 'released':
    case 'retainedCleared':
      return applyLocalEdit(state, action);
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
