import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Mailbox, type ListParams } from '../../../electron/google-emulator/mailbox.js';

const NOW = Date.UTC(2026, 10, 20, 9, 0, 0);

function emptyMailbox(): Mailbox {
  return new Mailbox(
    { email: 'thea@example.com', name: 'Thea Lind', seed: 3, baseHistoryId: 5_000, clock: { now: () => NOW } },
    [],
  );
}

const params = (overrides: Partial<ListParams> = {}): ListParams => ({
  labelIds: [],
  query: undefined,
  includeSpamTrash: false,
  maxResults: 100,
  after: undefined,
  ...overrides,
});

/** A mailbox from a plan: each entry is one message, `joins` the index of an earlier message whose thread it joins. */
interface PlannedMessage {
  joins: number | undefined;
  unread: boolean;
  inbox: boolean;
  minute: number;
}

function build(plan: PlannedMessage[]): { mailbox: Mailbox; ids: string[] } {
  const mailbox = emptyMailbox();
  const ids: string[] = [];
  plan.forEach((message) => {
    const joined = message.joins === undefined ? undefined : ids[message.joins % Math.max(1, ids.length)];
    const labelIds = [...(message.inbox ? ['INBOX'] : []), ...(message.unread ? ['UNREAD'] : [])];
    const stored = mailbox.add({
      internalDate: NOW - message.minute * 60_000,
      labelIds,
      ...(joined ? { threadId: mailbox.get(joined)?.threadId ?? joined } : {}),
    });
    ids.push(stored.id);
  });
  return { mailbox, ids };
}

const planned = fc.array(
  fc.record({
    joins: fc.option(fc.nat(50), { nil: undefined }),
    unread: fc.boolean(),
    inbox: fc.boolean(),
    minute: fc.nat(500),
  }),
  { maxLength: 40 },
);

describe('mailbox threads', () => {
  it('thread() lists a thread oldest first; a thread modify changes every message and logs each', () => {
    const { mailbox, ids } = build([
      { joins: undefined, unread: false, inbox: true, minute: 30 },
      { joins: 0, unread: true, inbox: true, minute: 10 },
      { joins: undefined, unread: true, inbox: true, minute: 20 },
      { joins: 0, unread: true, inbox: true, minute: 20 },
    ]);
    const threadId = mailbox.get(ids[0] ?? '')?.threadId ?? '';
    expect(mailbox.thread(threadId).map((message) => message.id)).toEqual([ids[0], ids[3], ids[1]]);
    const before = mailbox.historyId();
    mailbox.modifyThread(threadId, [], ['UNREAD']);
    expect(mailbox.thread(threadId).every((message) => !message.labelIds.includes('UNREAD'))).toBe(true);
    expect(mailbox.get(ids[2] ?? '')?.labelIds).toContain('UNREAD');
    const history = mailbox.listHistory({ startHistoryId: before, types: [], maxResults: 100 }).history as Array<{
      labelsRemoved: Array<{ message: { id: string; threadId: string } }>;
    }>;
    expect(history.map((record) => record.labelsRemoved[0]?.message.id)).toEqual([ids[3], ids[1]]);
    expect(history.every((record) => record.labelsRemoved[0]?.message.threadId === threadId)).toBe(true);
    expect(mailbox.threadHistoryId(mailbox.thread(threadId))).toBe(mailbox.historyId());
    expect(() => mailbox.modifyThread('18f0000000000abc', [], ['UNREAD'])).toThrow('Requested entity was not found.');
    expect(() => mailbox.modifyThread(threadId, ['SENT'], [])).toThrow('Invalid label: SENT');
  });

  it('listThreads: each matching thread once, newest first, paging never repeats or skips one', () => {
    fc.assert(
      fc.property(planned, fc.integer({ min: 1, max: 7 }), fc.boolean(), (plan, pageSize, unreadInbox) => {
        const { mailbox } = build(plan);
        const labelIds = unreadInbox ? ['INBOX', 'UNREAD'] : [];
        const matching = mailbox.list(params({ labelIds, maxResults: 1_000 }), NOW).messages;
        // Expected: threads in the order of their newest matching message.
        const expected = [...new Set(matching.map((message) => message.threadId))];
        const all = mailbox.listThreads(params({ labelIds, maxResults: 1_000 }), NOW);
        expect(all.threads.map((thread) => thread.id)).toEqual(expected);
        expect(all.resultSizeEstimate).toBe(expected.length);
        expect(mailbox.labelCounts('INBOX').threadsUnread).toBe(
          unreadInbox
            ? expected.length
            : mailbox.listThreads(params({ labelIds: ['INBOX', 'UNREAD'] }), NOW).threads.length,
        );
        const paged: string[] = [];
        let after: ListParams['after'];
        for (let page = 0; page <= expected.length; page++) {
          const result = mailbox.listThreads(params({ labelIds, maxResults: pageSize, after }), NOW);
          paged.push(...result.threads.map((thread) => thread.id));
          const last = result.threads[result.threads.length - 1];
          if (!result.hasMore || !last) break;
          after = last.position;
        }
        expect(paged).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
