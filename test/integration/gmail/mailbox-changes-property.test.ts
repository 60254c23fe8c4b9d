/**
 * Property: for any sequence of operations on two accounts (new mail, the person's actions, changes made
 * elsewhere, scrolling one account or the unified list, syncs, expired history), the first page plus every
 * MailboxChange, applied by a reducer that follows the design's rules, holds exactly each AccountSync's own
 * serveable view (and so the unified merge), with the same version and count, and never sees a version gap.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MailService } from '../../../electron/core/gmail/mail-service.js';
import { compareNewestFirst } from '../../../electron/core/gmail/summary.js';
import { compareUnified } from '../../../electron/core/gmail/unified.js';
import {
  ALL_ACCOUNTS,
  MESSAGE_ACTIONS,
  type MessageAction,
  type MessagePage,
  type MessageSummary,
} from '../../../electron/shared/ipc-contract.js';
import { compareNewestFirst as compareShown } from '../../../renderer/src/mail/mail-state.js';
import { startHarness, type Harness } from './helpers.js';
import { referenceReducer, rendererReducer, type MailboxReducer } from './change-reducers.js';

type Op =
  | { type: 'newMail'; account: number; minutesAgo: number }
  | { type: 'action'; account: number; pick: number; action: MessageAction }
  | { type: 'elsewhere'; account: number; pick: number; change: 'read' | 'unread' | 'archive' | 'star' | 'delete' }
  | { type: 'scroll'; account: number | 'unified' }
  | { type: 'sync'; account: number }
  | { type: 'expireHistory'; account: number };

const accountIndex = fc.nat(1);
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    type: fc.constant('newMail' as const),
    account: accountIndex,
    minutesAgo: fc.integer({ min: 0, max: 60 * 24 * 60 }),
  }),
  fc.record({
    type: fc.constant('action' as const),
    account: accountIndex,
    pick: fc.nat(),
    action: fc.constantFrom(...MESSAGE_ACTIONS),
  }),
  fc.record({
    type: fc.constant('elsewhere' as const),
    account: accountIndex,
    pick: fc.nat(),
    change: fc.constantFrom('read', 'unread', 'archive', 'star', 'delete') as fc.Arbitrary<'read'>,
  }),
  fc.record({ type: fc.constant('scroll' as const), account: fc.oneof(accountIndex, fc.constant('unified' as const)) }),
  fc.record({ type: fc.constant('sync' as const), account: accountIndex }),
  fc.record({ type: fc.constant('expireHistory' as const), account: accountIndex }),
);

const PAGE_SIZE = 6;
let h: Harness;
beforeAll(async () => {
  const users = [
    { email: 'prop-a@example.com', name: 'Prop A', unread: 16, read: 8 },
    { email: 'prop-b@example.com', name: 'Prop B', unread: 9, read: 8 },
  ];
  h = await startHarness({ emulator: { quota: false, users }, emails: users.map((u) => u.email) });
});
afterAll(async () => {
  await h.close();
});

/** Everything one run needs: the service, the reducer's state, and where each list has scrolled to. */
class Run<S> {
  state: S;
  private applied = 0;
  private readonly nextToken = new Map<string, string | null>();

  constructor(
    readonly mail: MailService,
    readonly reducer: MailboxReducer<S>,
  ) {
    this.state = reducer.initial();
  }

  /** Changes published since the last call, in order (as the renderer receives them). */
  applyChanges(): void {
    const changes = h.changes();
    for (const change of changes.slice(this.applied)) this.state = this.reducer.applyChange(this.state, change);
    this.applied = changes.length;
  }

  async list(accountId: string): Promise<void> {
    const pageToken = this.nextToken.get(accountId) ?? null;
    const page: MessagePage = await this.mail.list({ accountId, scope: 'unread', pageToken, pageSize: PAGE_SIZE });
    this.applyChanges(); // published while the page was built: they arrive before the page's answer
    this.state = this.reducer.applyPage(this.state, page, { view: accountId, first: pageToken === null });
    this.nextToken.set(accountId, page.nextPageToken);
  }
}

function pickMessage(email: string, pick: number): string | null {
  const all = h.emu.mailbox(email).list();
  return all.length === 0 ? null : all[pick % all.length]!.id;
}

async function perform<S>(run: Run<S>, step: Op): Promise<void> {
  const target = step.account === 'unified' ? null : h.accounts[step.account]!;
  switch (step.type) {
    case 'newMail':
      h.emu.mailbox(target!.email).add({ internalDate: Date.now() - step.minutesAgo * 60_000 });
      return;
    case 'action': {
      const id = pickMessage(target!.email, step.pick);
      if (id) await run.mail.modify(target!.accountId, [id], step.action);
      return;
    }
    case 'elsewhere': {
      const box = h.emu.mailbox(target!.email);
      const id = pickMessage(target!.email, step.pick);
      if (!id) return;
      if (step.change === 'delete') return box.remove(id);
      const [add, remove] = {
        read: [[], ['UNREAD']],
        unread: [['UNREAD'], []],
        archive: [[], ['INBOX']],
        star: [['STARRED'], []],
      }[step.change];
      return box.modify(id, add!, remove!);
    }
    case 'scroll':
      return run.list(target ? target.accountId : ALL_ACCOUNTS);
    case 'sync':
      await run.mail.syncNow(target!.accountId);
      return;
    case 'expireHistory':
      h.emu.mailbox(target!.email).expireHistory();
      return;
  }
}

/** The reducer holds what each account serves (within what the account knows), same version, same count. */
async function expectSameAsCore<S>(run: Run<S>): Promise<void> {
  run.applyChanges();
  const reducerRows: Array<MessageSummary> = [];
  const coreRows: Array<MessageSummary> = [];
  for (const { accountId } of h.accounts) {
    expect(run.reducer.stale(run.state, accountId)).toBe(false);
    const sync = await run.mail.account(accountId);
    const core = sync.serveable();
    // Compared down to where both know the account's rows: the core's listing boundary and the reducer's
    // loaded range (the renderer holds only what its lists have reached; below that it shows nothing).
    const reducerKnows = run.reducer.knownTo(run.state, accountId);
    const withinBoth = (m: MessageSummary) =>
      (core.complete || (core.boundary !== null && compareNewestFirst(m, core.boundary) <= 0)) &&
      (reducerKnows === 'all' || (reducerKnows !== null && compareShown(m, reducerKnows) <= 0));
    const known = run.reducer.messages(run.state, accountId).filter(withinBoth);
    expect(known).toEqual(core.messages.filter(withinBoth));
    const status = run.reducer.status(run.state, accountId);
    expect(status?.version ?? 0).toBe(sync.status().version);
    expect(status?.unreadCount ?? null).toBe(sync.status().unreadCount);
    reducerRows.push(...known);
    coreRows.push(...core.messages.filter(withinBoth));
  }
  const unified = (rows: MessageSummary[]) => [...rows].sort(compareUnified).map((m) => `${m.accountId}/${m.id}`);
  expect(unified(reducerRows)).toEqual(unified(coreRows));
}

describe.each([referenceReducer, rendererReducer] as Array<MailboxReducer<unknown>>)('$name', (reducer) => {
  it('rebuilds every account’s view from MailboxChange events, for random sequences of mail, actions, changes elsewhere, scrolling and syncs on two accounts', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 20 }), async (steps) => {
        const mail = h.service({ pageSize: PAGE_SIZE });
        await Promise.all(h.accounts.map((a) => mail.removeAccountData(a.accountId)));
        h.events.length = 0;
        const run = new Run(mail, reducer);
        try {
          for (const { accountId } of h.accounts) await mail.startAccount(accountId);
          await run.list(ALL_ACCOUNTS); // the first page
          await expectSameAsCore(run);
          for (const step of steps) {
            await perform(run, step);
            await expectSameAsCore(run);
          }
          // After a sync of everything, the derived counts are Google's.
          for (const { accountId, email } of h.accounts) {
            await mail.syncNow(accountId);
            expect(mail.status(accountId).unreadCount).toBe(h.emu.mailbox(email).unreadCount());
          }
          await expectSameAsCore(run);
        } finally {
          await Promise.all(h.accounts.map((a) => mail.removeAccountData(a.accountId)));
          await mail.dispose();
        }
      }),
      // PROP_SEED / PROP_PATH replay a counterexample fast-check printed.
      {
        numRuns: 20,
        ...(process.env.PROP_SEED
          ? { seed: Number(process.env.PROP_SEED), path: process.env.PROP_PATH, endOnFailure: true }
          : {}),
      },
    );
  });
});
