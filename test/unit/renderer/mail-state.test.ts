/**
 * The renderer's mail reducer, in Node: pages and versioned changes in every order, gaps, the unified merge,
 * searches. The property at the end: whatever the core publishes (with changes lost and pages late), the
 * reducer ends up showing exactly the core's view.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type {
  MailboxChange,
  MailboxStatus,
  MessagePage,
  MessageSummary,
} from '../../../electron/shared/ipc-contract.js';
import {
  UNIFIED,
  compareNewestFirst,
  initialMailState,
  isStale,
  mailReducer,
  searchMessages,
  unreadCountOf,
  viewIsStale,
  viewMessages,
} from '../../../renderer/src/mail/mail-state.js';
import type { MailAction, MailState, SortKey, ViewId } from '../../../renderer/src/mail/mail-state.js';

const A = 'acct-a';
const B = 'acct-b';
const T0 = Date.UTC(2026, 10, 26, 12, 0, 0);

function message(accountId: string, n: number, overrides: Partial<MessageSummary> = {}): MessageSummary {
  return {
    accountId,
    id: `m${n.toString(16).padStart(4, '0')}`,
    threadId: `t${n}`,
    from: { name: `Sender ${n}`, address: `s${n}@example.com` },
    subject: `Subject ${n}`,
    snippet: '',
    date: T0 - n * 60_000,
    unread: true,
    starred: false,
    inInbox: true,
    hasAttachments: false,
    ...overrides,
  };
}

const status = (accountId: string, version: number, unreadCount: number | null = null): MailboxStatus => ({
  accountId,
  version,
  unreadCount,
  unreadConversationCount: unreadCount,
  sync: { accountId, status: 'idle', lastSyncedAt: null },
  pendingActions: 0,
  droppedActions: 0,
});
const change = (
  accountId: string,
  version: number,
  parts: Partial<Pick<MailboxChange, 'added' | 'updated' | 'removedIds' | 'unreadCount'>>,
): MailboxChange => ({
  ...status(accountId, version, parts.unreadCount ?? null),
  added: parts.added ?? [],
  updated: parts.updated ?? [],
  removedIds: parts.removedIds ?? [],
  arrivedIds: [],
});
const page = (messages: MessageSummary[], mailboxes: MailboxStatus[], nextPageToken: string | null = null) => ({
  messages,
  nextPageToken,
  resultSizeEstimate: messages.length,
  fromCache: false,
  mailboxes,
});

const run = (actions: MailAction[], from: MailState = initialMailState) => actions.reduce(mailReducer, from);
const firstPage = (view: ViewId, loaded: MessagePage): MailAction[] => [
  { type: 'listStarted', view, request: 1, mode: 'first' },
  { type: 'pageLoaded', view, request: 1, mode: 'first', after: null, page: loaded },
];
const ids = (messages: MessageSummary[]) => messages.map((entry) => `${entry.accountId}/${entry.id}`);

describe('pages and changes of one account', () => {
  it('applies the next version, ignores what is already reflected', () => {
    const [m1, m2, m3] = [message(A, 1), message(A, 2), message(A, 3)];
    let state = run(firstPage(A, page([m1, m2, m3], [status(A, 3, 3)])));
    state = run([{ type: 'changed', change: change(A, 4, { removedIds: [m2.id], unreadCount: 2 }) }], state);
    expect(ids(viewMessages(state, A))).toEqual(ids([m1, m3]));
    expect(unreadCountOf(state, A)).toBe(2);
    // Version 4 again, or an older one: already in.
    const again = run(
      [
        { type: 'changed', change: change(A, 4, { added: [m2] }) },
        { type: 'changed', change: change(A, 2, { added: [m2] }) },
      ],
      state,
    );
    expect(ids(viewMessages(again, A))).toEqual(ids([m1, m3]));
  });

  it('a page older than a change does not undo it (touchedAt), and never lowers the version', () => {
    const [m1, m2, m3, fresh] = [message(A, 1), message(A, 2), message(A, 3), message(A, 0)];
    // The change (v2) arrives before the first page, which was served at v1 and still lists m2.
    const state = run([
      { type: 'statusesLoaded', statuses: [status(A, 1, 3)] },
      { type: 'listStarted', view: A, request: 1, mode: 'first' },
      { type: 'changed', change: change(A, 2, { removedIds: [m2.id], added: [fresh], unreadCount: 3 }) },
      {
        type: 'pageLoaded',
        view: A,
        request: 1,
        mode: 'first',
        after: null,
        page: page([m1, m2, m3], [status(A, 1, 3)]),
      },
    ]);
    expect(ids(viewMessages(state, A))).toEqual(ids([fresh, m1, m3]));
    expect(state.accounts[A]?.version).toBe(2);
    // The next change follows version 2, not the page's 1.
    const next = run([{ type: 'changed', change: change(A, 3, { removedIds: [m3.id] }) }], state);
    expect(ids(viewMessages(next, A))).toEqual(ids([fresh, m1]));
  });

  it('a page removes what its range covers and does not list, unless a newer change decided it', () => {
    const [m1, m2, m3, m4] = [1, 2, 3, 4].map((n) => message(A, n)) as [
      MessageSummary,
      MessageSummary,
      MessageSummary,
      MessageSummary,
    ];
    let state = run(firstPage(A, page([m1, m2, m3, m4], [status(A, 1)])));
    // A reload at v5 covering m1..m3 without m2: m2 left; m4, beyond the reloaded range, waits for the next page.
    state = run(
      [
        { type: 'listStarted', view: A, request: 1, mode: 'reload' },
        {
          type: 'pageLoaded',
          view: A,
          request: 1,
          mode: 'reload',
          after: null,
          page: page([m1, m3], [status(A, 5)], 'x'),
        },
      ],
      state,
    );
    expect(ids(viewMessages(state, A))).toEqual(ids([m1, m3]));
    expect(state.views[A]?.nextPageToken).toBe('x');
    state = run(
      [
        { type: 'moreStarted', view: A },
        { type: 'pageLoaded', view: A, request: 1, mode: 'more', after: m3, page: page([m4], [status(A, 5)]) },
      ],
      state,
    );
    expect(ids(viewMessages(state, A))).toEqual(ids([m1, m3, m4]));
  });

  it('a gap applies nothing, marks the account stale until one reload closes it, then goes on', () => {
    const [m1, m2, m3] = [message(A, 1), message(A, 2), message(A, 3)];
    let state = run(firstPage(A, page([m1, m2], [status(A, 1)])));
    state = run([{ type: 'changed', change: change(A, 3, { added: [m3] }) }], state);
    expect(isStale(state.accounts[A])).toBe(true);
    expect(viewIsStale(state, A)).toBe(true);
    expect(ids(viewMessages(state, A))).toEqual(ids([m1, m2]));
    // The UI starts one reload; while it runs the view says so (and does not start another).
    state = run([{ type: 'listStarted', view: A, request: 1, mode: 'reload' }], state);
    expect(state.views[A]?.reloading).toBe(true);
    // Served at v3: v2 removed m1, v3 added m3.
    state = run(
      [{ type: 'pageLoaded', view: A, request: 1, mode: 'reload', after: null, page: page([m2, m3], [status(A, 3)]) }],
      state,
    );
    expect(viewIsStale(state, A)).toBe(false);
    expect(state.views[A]?.reloading).toBe(false);
    expect(ids(viewMessages(state, A))).toEqual(ids([m2, m3]));
    state = run([{ type: 'changed', change: change(A, 4, { removedIds: [m2.id] }) }], state);
    expect(ids(viewMessages(state, A))).toEqual(ids([m3]));
  });

  it('changes that arrive out of order apply once the missing one comes, without a reload', () => {
    const [m1, m2, m3] = [message(A, 1), message(A, 2), message(A, 3)];
    const state = run([
      ...firstPage(A, page([m1], [status(A, 1)])),
      { type: 'changed', change: change(A, 3, { added: [m3] }) },
      { type: 'changed', change: change(A, 2, { added: [m2] }) },
    ]);
    expect(viewIsStale(state, A)).toBe(false);
    expect(state.accounts[A]?.version).toBe(3);
    expect(ids(viewMessages(state, A))).toEqual(ids([m1, m2, m3]));
  });

  it('rows older than the loaded boundary wait for their page', () => {
    const [m1, m2, old] = [message(A, 1), message(A, 2), message(A, 90)];
    let state = run(firstPage(A, page([m1, m2], [status(A, 1)], 'next')));
    state = run([{ type: 'changed', change: change(A, 2, { added: [old] }) }], state);
    expect(ids(viewMessages(state, A))).toEqual(ids([m1, m2]));
    state = run(
      [
        { type: 'moreStarted', view: A },
        { type: 'pageLoaded', view: A, request: 1, mode: 'more', after: m2, page: page([old], [status(A, 2)]) },
      ],
      state,
    );
    expect(ids(viewMessages(state, A))).toEqual(ids([m1, m2, old]));
  });
});

describe('the unified view', () => {
  it('merges every account newest first by date, then account id, then message id descending', () => {
    const same = T0 - 5 * 60_000;
    const rows = [
      message(B, 1),
      message(A, 2),
      message(B, 3, { date: same }),
      message(A, 4, { date: same }),
      message(A, 5, { date: same }),
    ];
    const state = run(firstPage(UNIFIED, page([...rows].reverse(), [status(A, 1, 3), status(B, 1, 2)])));
    expect(ids(viewMessages(state, UNIFIED))).toEqual([
      `${B}/${message(B, 1).id}`,
      `${A}/${message(A, 2).id}`,
      `${A}/${message(A, 5).id}`,
      `${A}/${message(A, 4).id}`,
      `${B}/${message(B, 3).id}`,
    ]);
    expect(unreadCountOf(state, UNIFIED)).toBe(5);
    expect(unreadCountOf(state, A)).toBe(3);
  });

  it('one account’s change touches only its rows; the same id in another account is another message', () => {
    const a1 = message(A, 1);
    const b1 = message(B, 1, { date: a1.date - 1 });
    let state = run(firstPage(UNIFIED, page([a1, b1], [status(A, 1), status(B, 1)])));
    state = run([{ type: 'changed', change: change(A, 2, { removedIds: [a1.id] }) }], state);
    expect(ids(viewMessages(state, UNIFIED))).toEqual(ids([b1]));
  });

  it('a page that does not cover a failed account leaves its rows alone', () => {
    const a1 = message(A, 1);
    const b2 = message(B, 2);
    let state = run(firstPage(UNIFIED, page([a1, b2], [status(A, 1), status(B, 1)])));
    state = run(
      [
        { type: 'listStarted', view: UNIFIED, request: 1, mode: 'reload' },
        {
          type: 'pageLoaded',
          view: UNIFIED,
          request: 1,
          mode: 'reload',
          after: null,
          page: page([a1], [status(A, 2)]),
        },
      ],
      state,
    );
    expect(ids(viewMessages(state, UNIFIED))).toEqual(ids([a1, b2]));
  });
});

describe('accounts coming and going', () => {
  it('a signed-out account leaves; a new one makes Unified load afresh (its range did not cover it)', () => {
    let state = run([
      { type: 'accountsPresent', accountIds: [A, B] },
      ...firstPage(UNIFIED, page([message(A, 1), message(B, 2)], [status(A, 1), status(B, 1)])),
      ...firstPage(A, page([message(A, 1)], [status(A, 1)])),
    ]);
    state = run([{ type: 'accountsPresent', accountIds: [A] }], state);
    expect(ids(viewMessages(state, UNIFIED))).toEqual(ids([message(A, 1)]));
    expect(state.accounts[B]).toBeUndefined();
    state = run([{ type: 'accountsPresent', accountIds: [A, 'acct-c'] }], state);
    expect(state.views[UNIFIED]).toBeUndefined();
    expect(state.views[A]?.status).toBe('ready');
  });
});

describe('searches', () => {
  it('are their own list: changes refresh the flags of rows they show and add no rows', () => {
    const found = message(A, 7, { unread: false });
    let state = run([
      ...firstPage(A, page([message(A, 1)], [status(A, 1)])),
      { type: 'searchStarted', query: { view: A, scope: 'all', text: 'from:maya' }, request: 2 },
      { type: 'searchPageLoaded', request: 2, more: false, page: page([found], []) },
    ]);
    state = run(
      [
        {
          type: 'changed',
          change: change(A, 2, { added: [{ ...found, unread: true, starred: true }, message(A, 8)] }),
        },
      ],
      state,
    );
    const rows = searchMessages(state);
    expect(ids(rows)).toEqual(ids([found]));
    expect(rows[0]).toMatchObject({ unread: true, starred: true });
    // An answer to an older search is dropped.
    const late = run([{ type: 'searchPageLoaded', request: 1, more: false, page: page([message(A, 9)], []) }], state);
    expect(ids(searchMessages(late))).toEqual(ids([found]));
  });
});

describe('the core’s view, whatever arrives (property)', () => {
  type Op =
    | { kind: 'add'; account: 0 | 1; minutes: number }
    | { kind: 'remove'; account: 0 | 1; pick: number }
    | { kind: 'star'; account: 0 | 1; pick: number }
    | { kind: 'snapshot' }
    | { kind: 'deliverSnapshot' }
    | { kind: 'more' };
  const op: fc.Arbitrary<{ op: Op; lost: boolean; reload: boolean }> = fc.record({
    op: fc.oneof(
      fc.record({
        kind: fc.constant('add' as const),
        account: fc.constantFrom(0 as const, 1 as const),
        minutes: fc.integer({ min: 0, max: 40 }),
      }),
      fc.record({
        kind: fc.constant('remove' as const),
        account: fc.constantFrom(0 as const, 1 as const),
        pick: fc.nat(),
      }),
      fc.record({
        kind: fc.constant('star' as const),
        account: fc.constantFrom(0 as const, 1 as const),
        pick: fc.nat(),
      }),
      fc.constant({ kind: 'snapshot' as const }),
      fc.constant({ kind: 'deliverSnapshot' as const }),
      fc.constant({ kind: 'more' as const }),
    ),
    /** The change never reaches the renderer. */
    lost: fc.boolean(),
    /** The UI gets to reload a stale view before the next step (or not yet). */
    reload: fc.boolean(),
  });

  it('equals the core’s view of each account and of all of them after any sequence of changes', () => {
    fc.assert(
      fc.property(
        fc.array(op, { maxLength: 60 }),
        fc.constantFrom<ViewId>(UNIFIED, A),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.tuple(fc.constantFrom(A, B), fc.integer({ min: 0, max: 40 })), { maxLength: 20 }),
        (ops, view, pageSize, initial) => {
          const accounts: readonly string[] = [A, B];
          const core = new Map(accounts.map((id) => [id, { version: 0, view: new Map<string, MessageSummary>() }]));
          let nextId = 1;
          // Mail already there before the first page, so the view is paged.
          for (const [accountId, minutes] of initial) {
            const seeded = message(accountId, nextId++, { date: T0 - minutes * 60_000 });
            core.get(accountId)!.view.set(seeded.id, seeded);
          }
          const coreRows = (covered: readonly string[]) =>
            covered.flatMap((id) => [...core.get(id)!.view.values()]).sort(compareNewestFirst);
          const covered = view === UNIFIED ? [...accounts] : [view];
          /** A page of the core's view after `after` (the cursor carries the position), served now. */
          const serve = (after: SortKey | null, size: number): MessagePage => {
            const rest = coreRows(covered).filter((row) => !after || compareNewestFirst(row, after) > 0);
            return page(
              rest.slice(0, size),
              covered.map((id) => status(id, core.get(id)!.version, core.get(id)!.view.size)),
              rest.length > size ? 'more' : null,
            );
          };
          const loadedRows = () => viewMessages(state, view).length + pageSize;

          let state = run(firstPage(view, serve(null, pageSize)));
          const late: MessagePage[] = [];
          const reloadIfStale = () => {
            if (!viewIsStale(state, view)) return;
            state = run(
              [
                { type: 'listStarted', view, request: 1, mode: 'reload' },
                { type: 'pageLoaded', view, request: 1, mode: 'reload', after: null, page: serve(null, loadedRows()) },
              ],
              state,
            );
          };
          const loadMore = () => {
            const range = state.views[view]!;
            if (range.complete || range.nextPageToken === null) return false;
            state = run(
              [
                { type: 'moreStarted', view },
                {
                  type: 'pageLoaded',
                  view,
                  request: 1,
                  mode: 'more',
                  after: range.boundary,
                  page: serve(range.boundary, pageSize),
                },
              ],
              state,
            );
            return true;
          };
          const publish = (accountId: string, parts: Parameters<typeof change>[2], lost: boolean) => {
            const mailbox = core.get(accountId)!;
            mailbox.version += 1;
            if (lost) return;
            const published = change(accountId, mailbox.version, { ...parts, unreadCount: mailbox.view.size });
            state = run([{ type: 'changed', change: published }], state);
          };
          for (const { op: step, lost, reload } of ops) {
            if (step.kind === 'snapshot') late.push(serve(null, loadedRows()));
            else if (step.kind === 'more') loadMore();
            else if (step.kind === 'deliverSnapshot') {
              const snapshot = late.shift();
              if (snapshot)
                state = run(
                  [{ type: 'pageLoaded', view, request: 1, mode: 'reload', after: null, page: snapshot }],
                  state,
                );
            } else {
              const accountId = accounts[step.account]!;
              const mailbox = core.get(accountId)!;
              const existing = [...mailbox.view.values()];
              const target =
                existing.length > 0 ? existing[('pick' in step ? step.pick : 0) % existing.length] : undefined;
              let parts: Parameters<typeof change>[2];
              if (step.kind === 'add') {
                const added = message(accountId, nextId++, { date: T0 - step.minutes * 60_000 });
                mailbox.view.set(added.id, added);
                parts = { added: [added] };
              } else if (!target) continue;
              else if (step.kind === 'remove') {
                mailbox.view.delete(target.id);
                parts = { removedIds: [target.id] };
              } else {
                const updated = { ...target, starred: !target.starred };
                mailbox.view.set(updated.id, updated);
                parts = { updated: [updated] };
              }
              publish(accountId, parts, lost);
            }
            // What the UI does: a view with a stale account reloads its range once.
            if (reload) reloadIfStale();
          }
          for (const snapshot of late)
            state = run([{ type: 'pageLoaded', view, request: 1, mode: 'reload', after: null, page: snapshot }], state);
          // A lost last change shows as a gap when the next one arrives (a sync-state change, say).
          for (const accountId of accounts) publish(accountId, {}, false);
          reloadIfStale();
          // Scrolled to the end, the view is the core's, row for row.
          for (let guard = 0; guard < 100 && loadMore(); guard += 1);
          expect(viewMessages(state, view)).toEqual(coreRows(covered));
          expect(unreadCountOf(state, view)).toBe(coreRows(covered).length);
        },
      ),
      { numRuns: 300 },
    );
  });
});
