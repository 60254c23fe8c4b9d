/** One view's loaded range: its first page, reloads after a gap, the pages below, and their failures. */
import type { MessageSummary } from '../../../electron/shared/ipc-contract.js';
import { isStale } from './account-mail.js';
import { UNIFIED, type MailAction, type MailState, type ViewId, type ViewList } from './mail-types.js';
import { compareNewestFirst, type SortKey } from './message-order.js';
import { applyPage } from './page-application.js';

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

function olderOf(a: SortKey | null, b: SortKey | null): SortKey | null {
  if (!a) return b;
  if (!b) return a;
  return compareNewestFirst(a, b) >= 0 ? a : b;
}

function keyOf(message: MessageSummary | undefined): SortKey | null {
  return message ? { date: message.date, accountId: message.accountId, id: message.id } : null;
}

export function listStarted(state: MailState, action: Extract<MailAction, { type: 'listStarted' }>): MailState {
  const view = state.views[action.view];
  const updated: ViewList =
    action.mode === 'reload' && view
      ? { ...view, reloading: true, request: action.request }
      : emptyView(action.request);
  return { ...state, views: { ...state.views, [action.view]: updated } };
}

export function moreStarted(state: MailState, action: Extract<MailAction, { type: 'moreStarted' }>): MailState {
  const view = state.views[action.view];
  if (!view) return state;
  return { ...state, views: { ...state.views, [action.view]: { ...view, loadingMore: true, moreError: null } } };
}

export function pageLoaded(state: MailState, action: Extract<MailAction, { type: 'pageLoaded' }>): MailState {
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

export function listFailed(state: MailState, action: Extract<MailAction, { type: 'listFailed' }>): MailState {
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
