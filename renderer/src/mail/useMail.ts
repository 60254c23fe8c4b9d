import { useCallback, useEffect, useLayoutEffect, useReducer, useRef } from 'react';
import type { MessagePage } from '../../../electron/shared/ipc-contract.js';
import { asIpcError, unwrap } from '../shared/errors.js';
import { initialMailState, mailReducer, viewIsStale, viewMessages } from './mail-state.js';
import type { MailState, SearchQuery, ViewId } from './mail-state.js';

export const PAGE_SIZE = 50;
/** The contract's largest `messages.list` page: a reload of the loaded range is one call up to this. */
const MAX_PAGE_SIZE = 500;

/**
 * Connects the mail reducer to the core: `mailbox:changed` events go straight into it, `mailboxes.get` runs
 * once, and a view's first page loads when the view is first shown. After that only scrolling lists again
 * (and one reload of the loaded range when an account missed a change). A search is its own list: `typed`
 * (the search box as it is now) is answered from this computer's index at once, `search` (the same text
 * after a pause, or Enter) by Gmail, whose answer merges in (search-list.ts).
 */
export function useMail(view: ViewId, search: SearchQuery | null, typed: SearchQuery | null = search) {
  const [state, dispatch] = useReducer(mailReducer, initialMailState);
  // Callbacks read the latest state synchronously (before React re-renders) through this.
  const stateRef = useRef<MailState>(state);
  useLayoutEffect(() => {
    stateRef.current = state;
  });
  const requests = useRef(0);

  // Subscribe before the first call, so no change is lost between "read" and "listen".
  useEffect(() => {
    const off = window.glance.on('mailbox:changed', (change) => dispatch({ type: 'changed', change }));
    void window.glance.mailboxes.get().then((result) => {
      if (result.ok) dispatch({ type: 'statusesLoaded', statuses: result.value });
    });
    return off;
  }, []);

  const list = (accountId: ViewId, pageToken: string | null, pageSize = PAGE_SIZE): Promise<MessagePage> =>
    unwrap(window.glance.messages.list({ accountId, scope: 'unread', pageSize, pageToken }));

  const loadFirst = useCallback(async (target: ViewId) => {
    const request = ++requests.current;
    dispatch({ type: 'listStarted', view: target, request, mode: 'first' });
    try {
      const page = await list(target, null);
      dispatch({ type: 'pageLoaded', view: target, request, mode: 'first', after: null, page });
    } catch (thrown) {
      dispatch({ type: 'listFailed', view: target, request, mode: 'first', error: asIpcError(thrown) });
    }
  }, []);

  /** One list call for the whole loaded range, after a change went missing. */
  const reload = useCallback(async (target: ViewId, rows: number) => {
    const range = stateRef.current.views[target];
    if (!range) return;
    const request = range.request;
    dispatch({ type: 'listStarted', view: target, request, mode: 'reload' });
    try {
      // Room for what arrived meanwhile, so the reload reaches the oldest row shown.
      const page = await list(target, null, Math.min(MAX_PAGE_SIZE, rows + PAGE_SIZE));
      dispatch({ type: 'pageLoaded', view: target, request, mode: 'reload', after: null, page });
    } catch (thrown) {
      dispatch({ type: 'listFailed', view: target, request, mode: 'reload', error: asIpcError(thrown) });
    }
  }, []);

  const loadMore = useCallback(async () => {
    const range = stateRef.current.views[view];
    if (!range || range.status !== 'ready' || range.loadingMore || range.nextPageToken === null) return;
    // Mark it at once: the list asks again on its next render, before React has applied the dispatch.
    stateRef.current = {
      ...stateRef.current,
      views: { ...stateRef.current.views, [view]: { ...range, loadingMore: true } },
    };
    dispatch({ type: 'moreStarted', view });
    const { request, boundary } = range;
    try {
      const page = await list(view, range.nextPageToken);
      dispatch({ type: 'pageLoaded', view, request, mode: 'more', after: boundary, page });
    } catch (thrown) {
      dispatch({ type: 'listFailed', view, request, mode: 'more', error: asIpcError(thrown) });
    }
  }, [view]);

  // Rows kept in view (read here) go when the person moves to another view.
  useEffect(() => dispatch({ type: 'retainedCleared' }), [view]);
  // A view's first page when it has no range: first shown, or its range no longer holds (a new account in
  // Unified). The range then stays up to date through the events.
  const missing = !state.views[view];
  useEffect(() => {
    if (missing) void loadFirst(view);
  }, [missing, view, loadFirst]);

  // A change went missing for an account this view shows: reload what is loaded, once.
  const range = state.views[view];
  const stale = viewIsStale(state, view);
  const canReload = range?.status === 'ready' && !range.reloading && !range.reloadFailed;
  useEffect(() => {
    if (stale && canReload) void reload(view, viewMessages(stateRef.current, view).length);
  }, [stale, canReload, view, reload]);

  // ----- search: its own list; events only refresh its rows' flags -----------------------------------
  const searchKey = search ? JSON.stringify(search) : null;
  const runSearch = useCallback(async (query: SearchQuery, pageToken: string | null) => {
    const more = pageToken !== null;
    const request = more ? (stateRef.current.search?.request ?? 0) : ++requests.current;
    dispatch(more ? { type: 'searchMoreStarted' } : { type: 'searchStarted', query, request });
    try {
      const page = await unwrap(
        window.glance.messages.list({
          accountId: query.view,
          scope: query.scope,
          pageSize: PAGE_SIZE,
          pageToken,
          ...(query.text ? { query: query.text } : {}),
        }),
      );
      dispatch({ type: 'searchPageLoaded', request, more, page });
    } catch (thrown) {
      dispatch({ type: 'searchFailed', request, more, error: asIpcError(thrown) });
    }
  }, []);

  useEffect(() => {
    if (searchKey === null) {
      dispatch({ type: 'searchCleared' });
      return;
    }
    void runSearch(JSON.parse(searchKey) as SearchQuery, null);
  }, [searchKey, runSearch]);

  // ----- offline search: this computer's index answers the text as typed, before Gmail does -----------
  const typedKey = typed && typed.text !== '' ? JSON.stringify(typed) : null;
  const localRequests = useRef(0);
  useEffect(() => {
    const request = ++localRequests.current; // also makes any answer still on its way stale
    if (typedKey === null) return;
    const query = JSON.parse(typedKey) as SearchQuery;
    void window.glance.messages
      .searchLocal({ accountId: query.view, scope: query.scope, query: query.text, pageSize: PAGE_SIZE })
      .then(
        (result) => (result.ok && result.value.answerable ? result.value.messages : null),
        () => null,
      )
      .then((messages) => {
        // Only the answer for what the box holds now; an unanswerable query waits for Gmail alone.
        if (request === localRequests.current) dispatch({ type: 'searchLocalLoaded', query, messages });
      });
  }, [typedKey]);

  const loadMoreSearch = useCallback(() => {
    const current = stateRef.current.search;
    if (!current || current.status !== 'ready' || current.loadingMore || current.nextPageToken === null) return;
    stateRef.current = { ...stateRef.current, search: { ...current, loadingMore: true } };
    void runSearch(current.query, current.nextPageToken);
  }, [runSearch]);

  const retry = useCallback(() => {
    const current = stateRef.current.search;
    if (current) void runSearch(current.query, null);
    else void loadFirst(view);
  }, [view, loadFirst, runSearch]);

  return { state, stateRef, dispatch, loadMore, loadMoreSearch, retry };
}
