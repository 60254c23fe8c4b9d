import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { IpcError, MessagePage, MessageSummary } from '../../../electron/shared/ipc-contract.js';
import { asIpcError, unwrap } from '../shared/errors.js';

export type ListScope = 'unread' | 'all';
export type ListStatus = 'loading' | 'ready' | 'error';

export interface ListQuery {
  scope: ListScope;
  /** Gmail search syntax; empty means "no search". */
  text: string;
}

export interface MessageListState {
  items: MessageSummary[];
  status: ListStatus;
  error: IpcError | null;
  nextPageToken: string | null;
  loadingMore: boolean;
  /** Error of the last "load more", shown at the end of the list with Retry. */
  moreError: IpcError | null;
  fromCache: boolean;
}

export const PAGE_SIZE = 50;
/** The contract's largest `messages.list` page. */
const MAX_PAGE_SIZE = 500;

const initialState: MessageListState = {
  items: [],
  status: 'loading',
  error: null,
  nextPageToken: null,
  loadingMore: false,
  moreError: null,
  fromCache: false,
};

/** Appends a page without duplicates: a message that moved between pages is shown once. */
export function appendUnique(existing: MessageSummary[], page: MessageSummary[]): MessageSummary[] {
  const seen = new Set(existing.map((message) => message.id));
  const fresh = page.filter((message) => !seen.has(message.id));
  return fresh.length === 0 ? existing : [...existing, ...fresh];
}

/**
 * Puts back messages the person is still looking at (opened, then marked read) that a reload no longer
 * lists, at their place by date, so the list does not jump under the cursor.
 */
export function keepVisible(
  next: MessageSummary[],
  previous: MessageSummary[],
  kept: ReadonlySet<string>,
): MessageSummary[] {
  if (kept.size === 0) return next;
  const present = new Set(next.map((message) => message.id));
  const missing = previous.filter((message) => kept.has(message.id) && !present.has(message.id));
  if (missing.length === 0) return next;
  const result = [...next];
  const oldest = next.at(-1)?.date ?? -Infinity;
  for (const message of missing) {
    // Only inside the loaded range: beyond it, the next page will bring it back (or not).
    if (message.date < oldest && next.length > 0) continue;
    const at = result.findIndex((entry) => entry.date < message.date);
    result.splice(at < 0 ? result.length : at, 0, message);
  }
  return result;
}

/**
 * Merges a freshly reloaded head of the list (one or more pages, newest first) into what is shown: the
 * reloaded range replaces the rows it covers (so messages that left it go, and ones that came back appear
 * at their place), and rows loaded further down stay. When the reload reached the end of the list, it is
 * the whole list. The continuation is the reload's own unless rows older than the reloaded range stay.
 */
export function mergeReloaded(
  existing: MessageSummary[],
  previousToken: string | null,
  fresh: MessageSummary[],
  freshToken: string | null,
): { items: MessageSummary[]; nextPageToken: string | null } {
  const oldest = fresh.at(-1);
  if (freshToken === null || !oldest) return { items: fresh, nextPageToken: freshToken };
  const inFresh = new Set(fresh.map((message) => message.id));
  const tail = existing.filter((message) => !inFresh.has(message.id) && message.date <= oldest.date);
  // Rows strictly older than the reloaded range were loaded by pages this reload did not repeat (a
  // "load more" that ran meanwhile, or a reload cut short): those pages' continuation still applies.
  const beyond = tail.some((message) => message.date < oldest.date);
  return { items: [...fresh, ...tail], nextPageToken: beyond ? previousToken : freshToken };
}

/**
 * The list shown in the middle column: the account's unread inbox (or a search), 50 a page, loaded further
 * as the person scrolls. `hidden` ids (archived, waiting for Google) are kept out of every reload.
 */
export function useMessageList(accountId: string, query: ListQuery) {
  const [state, setState] = useState<MessageListState>(initialState);
  const generation = useRef(0);
  const hidden = useRef(new Set<string>());
  // Messages read here stay in the unread view until the view is reloaded, like Gmail.
  const kept = useRef(new Set<string>());
  // Messages the person is acting on (an Undo on its way to Google): a sync may not list them yet.
  const held = useRef(new Set<string>());
  /** Ids that reloads and removals leave where they are. */
  const stayingIds = (): ReadonlySet<string> =>
    held.current.size === 0 ? kept.current : new Set([...kept.current, ...held.current]);
  const stateRef = useRef(state);
  // A layout effect: it runs before the list's own effects, which may ask for the next page.
  useLayoutEffect(() => {
    stateRef.current = state;
  });

  const listArgs = useCallback(
    (pageToken: string | null) => ({
      accountId,
      scope: query.scope,
      pageSize: PAGE_SIZE,
      pageToken,
      ...(query.text.trim() ? { query: query.text.trim() } : {}),
    }),
    [accountId, query.scope, query.text],
  );

  const visible = (messages: MessageSummary[]) => messages.filter((message) => !hidden.current.has(message.id));

  /** Loads the first page from scratch (new account, new search, Retry). */
  const reload = useCallback(async () => {
    const current = ++generation.current;
    kept.current.clear();
    held.current.clear();
    setState((previous) => ({ ...initialState, items: [], status: 'loading', fromCache: previous.fromCache }));
    try {
      const page = await unwrap(window.glance.messages.list(listArgs(null)));
      if (current !== generation.current) return;
      setState({
        ...initialState,
        status: 'ready',
        items: visible(page.messages),
        nextPageToken: page.nextPageToken,
        fromCache: page.fromCache,
      });
    } catch (thrown) {
      if (current !== generation.current) return;
      setState({ ...initialState, status: 'error', error: asIpcError(thrown) });
    }
  }, [listArgs]);

  /**
   * Reloads in place what is loaded (the mailbox changed): page after page until the reload reaches the
   * oldest loaded row, so a message that came back to the view below the first page shows up at its
   * place, and one that left goes. What the person scrolled to stays loaded.
   */
  const refresh = useCallback(async () => {
    const current = generation.current;
    const loaded = stateRef.current.items;
    const oldestLoaded = loaded.at(-1);
    // One call covers the loaded range unless mail arrived meanwhile (the contract allows up to 500).
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(PAGE_SIZE, loaded.length));
    const fresh: MessageSummary[] = [];
    const freshIds = new Set<string>();
    let token: string | null = null;
    let fromCache = true;
    let failure: { thrown: unknown } | null = null;
    do {
      try {
        const page: MessagePage = await unwrap(window.glance.messages.list({ ...listArgs(token), pageSize }));
        if (current !== generation.current) return;
        for (const message of page.messages) {
          if (freshIds.has(message.id)) continue;
          freshIds.add(message.id);
          fresh.push(message);
        }
        token = page.nextPageToken;
        fromCache &&= page.fromCache;
        const reloadedOldest = page.messages.at(-1);
        if (!oldestLoaded || !reloadedOldest || reloadedOldest.date <= oldestLoaded.date) break;
      } catch (thrown) {
        if (current !== generation.current) return;
        failure = { thrown };
        break;
      }
    } while (token !== null);

    if (failure !== null && fresh.length === 0) {
      // Keep what is shown; the status line tells the person about offline/rate limits.
      setState((previous) =>
        previous.status === 'ready' ? previous : { ...previous, status: 'error', error: asIpcError(failure.thrown) },
      );
      return;
    }
    // A reload cut short by an error after its first page still shows what it got (the rows below stay,
    // with their continuation); the next sync reloads the rest.
    const freshToken = token;
    setState((previous) => {
      const merged = mergeReloaded(previous.items, previous.nextPageToken, fresh, freshToken);
      return {
        ...previous,
        status: 'ready',
        error: null,
        items: visible(keepVisible(merged.items, previous.items, stayingIds())),
        nextPageToken: merged.nextPageToken,
        fromCache,
      };
    });
  }, [listArgs]);

  const loadMore = useCallback(async () => {
    const snapshot = stateRef.current;
    if (snapshot.loadingMore || snapshot.nextPageToken === null || snapshot.status !== 'ready') return;
    const current = generation.current;
    const token = snapshot.nextPageToken;
    setState((previous) => ({ ...previous, loadingMore: true, moreError: null }));
    stateRef.current = { ...snapshot, loadingMore: true };
    try {
      const page = await unwrap(window.glance.messages.list(listArgs(token)));
      if (current !== generation.current) return;
      setState((previous) => ({
        ...previous,
        loadingMore: false,
        items: appendUnique(previous.items, visible(page.messages)),
        nextPageToken: page.nextPageToken,
      }));
    } catch (thrown) {
      if (current !== generation.current) return;
      setState((previous) => ({ ...previous, loadingMore: false, moreError: asIpcError(thrown) }));
    }
  }, [listArgs]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const patch = useCallback((id: string, changes: Partial<MessageSummary>) => {
    setState((previous) => ({
      ...previous,
      items: previous.items.map((message) => (message.id === id ? { ...message, ...changes } : message)),
    }));
  }, []);

  /** Takes a message out of the list (optimistic archive) and says where it was, for Undo/rollback. */
  const remove = useCallback((id: string): { message: MessageSummary; index: number } | null => {
    const index = stateRef.current.items.findIndex((message) => message.id === id);
    const message = stateRef.current.items[index];
    hidden.current.add(id);
    kept.current.delete(id);
    held.current.delete(id);
    if (!message) return null;
    const items = stateRef.current.items.filter((entry) => entry.id !== id);
    stateRef.current = { ...stateRef.current, items };
    setState((previous) => ({ ...previous, items: previous.items.filter((entry) => entry.id !== id) }));
    return { message, index };
  }, []);

  const restore = useCallback((message: MessageSummary, index: number) => {
    hidden.current.delete(message.id);
    setState((previous) => {
      if (previous.items.some((entry) => entry.id === message.id)) return previous;
      const items = [...previous.items];
      items.splice(Math.min(index, items.length), 0, message);
      return { ...previous, items };
    });
  }, []);

  /** Messages that left the view elsewhere (read or archived on another device). */
  const drop = useCallback((ids: readonly string[]) => {
    const staying = stayingIds();
    const gone = new Set(ids.filter((id) => !staying.has(id)));
    if (gone.size === 0) return;
    setState((previous) => ({ ...previous, items: previous.items.filter((message) => !gone.has(message.id)) }));
  }, []);

  /** Keeps a message in view through reloads (it was opened and read here). */
  const keep = useCallback((id: string) => {
    kept.current.add(id);
  }, []);

  /** Keeps a message in view while a change the person made is on its way to Google (Undo archive). */
  const hold = useCallback((id: string) => {
    held.current.add(id);
  }, []);

  /** The change reached Google (or failed): reloads show the message as Google lists it again. */
  const release = useCallback((id: string) => {
    held.current.delete(id);
  }, []);

  /** The archive finished at Google: the id may show up again if it comes back to the inbox. */
  const forget = useCallback((id: string) => {
    hidden.current.delete(id);
  }, []);

  return { state, reload, refresh, loadMore, patch, remove, restore, forget, drop, keep, hold, release };
}
