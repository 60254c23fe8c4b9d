import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareConversations, formatSenders, groupConversations } from '../../../electron/shared/conversations.js';
import type { Correspondent, MessageSummary } from '../../../electron/shared/ipc-contract.js';

const ALEX: Correspondent = { name: 'Alex Rivera', address: 'alex@example.com' };
const SAM: Correspondent = { name: 'Sam Okafor', address: 'sam@example.com' };
const KIM: Correspondent = { name: 'Kim Lee', address: 'kim@example.com' };
const PRIYA: Correspondent = { name: 'Priya Shah', address: 'priya@northwind.example' };
const NAMELESS: Correspondent = { name: '', address: 'noreply@shop.example' };

let counter = 0;
function message(overrides: Partial<MessageSummary> = {}): MessageSummary {
  counter++;
  return {
    accountId: 'acct-1',
    id: `m${String(counter).padStart(4, '0')}`,
    threadId: 't1',
    from: ALEX,
    subject: `Subject ${counter}`,
    snippet: `Snippet ${counter}`,
    date: 1_000 + counter,
    unread: true,
    starred: false,
    inInbox: true,
    hasAttachments: false,
    ...overrides,
  };
}

describe('formatSenders', () => {
  it('writes the sender column the way Gmail does', () => {
    expect(formatSenders([ALEX], 1)).toBe('Alex Rivera');
    expect(formatSenders([ALEX], 3)).toBe('Alex Rivera (3)');
    expect(formatSenders([ALEX, SAM], 4)).toBe('Alex, Sam (4)');
    expect(formatSenders([ALEX, SAM, KIM], 3)).toBe('Alex, Sam, Kim (3)');
    expect(formatSenders([ALEX, SAM, KIM, PRIYA], 7)).toBe('Alex .. Kim, Priya (7)');
    expect(formatSenders([NAMELESS], 1)).toBe('noreply@shop.example');
    expect(formatSenders([NAMELESS, SAM], 2)).toBe('noreply, Sam (2)');
  });
});

describe('groupConversations', () => {
  it('one row per conversation with unread inbox mail: unread senders, newest unread subject, newest date', () => {
    const read = message({ threadId: 'lisbon', from: KIM, unread: false, date: 100, subject: 'Offsite' });
    const first = message({ threadId: 'lisbon', from: ALEX, date: 200, subject: 'Re: Offsite', hasAttachments: true });
    const second = message({ threadId: 'lisbon', from: SAM, date: 300, subject: 'Re: Offsite (2)', snippet: 'Booked' });
    const third = message({ threadId: 'lisbon', from: ALEX, date: 400, subject: 'Re: Offsite (3)', snippet: 'Hotel' });
    const lunch = message({ threadId: 'lunch', from: SAM, date: 350, starred: true });
    const allRead = message({ threadId: 'done', unread: false, date: 999 });
    const archived = message({ threadId: 'archived', inInbox: false, date: 998 });
    const rows = groupConversations([lunch, third, read, archived, first, allRead, second]);
    expect(rows.map((row) => row.threadId)).toEqual(['lisbon', 'lunch']);
    expect(rows[0]).toEqual({
      accountId: 'acct-1',
      threadId: 'lisbon',
      sendersText: 'Alex, Sam (4)',
      unreadSenders: [ALEX, SAM],
      subject: 'Re: Offsite (3)',
      snippet: 'Hotel',
      newestUnreadId: third.id,
      date: 400,
      messageCount: 4,
      unreadCount: 3,
      messageIds: [read.id, first.id, second.id, third.id],
      hasAttachments: true,
      starred: false,
    });
    expect(rows[1]).toMatchObject({ sendersText: 'Sam Okafor', messageCount: 1, starred: true, date: 350 });
  });

  it('a new reply in a conversation moves its row to the top', () => {
    const older = message({ threadId: 'old', date: 10 });
    const newer = message({ threadId: 'new', date: 20 });
    expect(groupConversations([older, newer]).map((row) => row.threadId)).toEqual(['new', 'old']);
    const reply = message({ threadId: 'old', date: 30, from: SAM });
    const rows = groupConversations([older, newer, reply]);
    expect(rows.map((row) => row.threadId)).toEqual(['old', 'new']);
    expect(rows[0]?.sendersText).toBe('Alex, Sam (2)');
    // A reply in a conversation that was all read brings the conversation in, at the top.
    const readEarlier = message({ threadId: 'quiet', date: 1, unread: false, from: KIM });
    expect(groupConversations([older, newer, reply, readEarlier]).map((row) => row.threadId)).toEqual(['old', 'new']);
    const quietReply = message({ threadId: 'quiet', date: 40, from: PRIYA });
    const withReply = groupConversations([older, newer, reply, readEarlier, quietReply]);
    expect(withReply.map((row) => row.threadId)).toEqual(['quiet', 'old', 'new']);
    expect(withReply[0]?.sendersText).toBe('Priya Shah (2)');
  });

  it('keeps accounts apart: the same thread id in two accounts is two rows', () => {
    const rows = groupConversations([
      message({ accountId: 'acct-1', threadId: 'same', date: 5 }),
      message({ accountId: 'acct-2', threadId: 'same', date: 5 }),
    ]);
    expect(rows.map((row) => row.accountId)).toEqual(['acct-1', 'acct-2']);
  });

  it('counts a summary given twice once, the later one winning', () => {
    const unread = message({ threadId: 'twice' });
    const rows = groupConversations([unread, { ...unread, starred: true }]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ messageCount: 1, starred: true });
  });
});

const correspondents = fc.constantFrom(ALEX, SAM, KIM, PRIYA, NAMELESS);
const summaries = fc
  .array(
    fc.record({
      account: fc.constantFrom('acct-1', 'acct-2'),
      thread: fc.constantFrom('t1', 't2', 't3', 't4', 't5'),
      from: correspondents,
      date: fc.integer({ min: 0, max: 50 }),
      unread: fc.boolean(),
      starred: fc.boolean(),
      inInbox: fc.boolean(),
      hasAttachments: fc.boolean(),
    }),
    { maxLength: 30 },
  )
  .map((plans) =>
    plans.map((plan, index): MessageSummary => ({
      accountId: plan.account,
      id: `id${String(index).padStart(3, '0')}`,
      threadId: plan.thread,
      from: plan.from,
      subject: `subject ${index}`,
      snippet: `snippet ${index}`,
      date: plan.date,
      unread: plan.unread,
      starred: plan.starred,
      inInbox: plan.inInbox,
      hasAttachments: plan.hasAttachments,
    })),
  );

const threadKey = (message: { accountId: string; threadId: string }) => `${message.accountId}/${message.threadId}`;

describe('groupConversations properties', () => {
  it('rows are exactly the conversations with unread inbox mail, each once, newest first', () => {
    fc.assert(
      fc.property(summaries, (input) => {
        const rows = groupConversations(input);
        const expected = new Set(input.filter((m) => m.unread && m.inInbox).map(threadKey));
        expect(rows.map(threadKey).sort()).toEqual([...expected].sort());
        for (let index = 1; index < rows.length; index++)
          expect(compareConversations(rows[index - 1]!, rows[index]!)).toBeLessThan(0);
      }),
    );
  });

  it('each row sums up its messages: count, unread, date, marks, newest unread subject, unread senders', () => {
    fc.assert(
      fc.property(summaries, (input) => {
        for (const row of groupConversations(input)) {
          const messages = input.filter((m) => threadKey(m) === threadKey(row));
          const unread = messages.filter((m) => m.unread);
          expect(row.messageCount).toBe(messages.length);
          expect(row.unreadCount).toBe(unread.length);
          expect(row.date).toBe(Math.max(...messages.map((m) => m.date)));
          expect(row.hasAttachments).toBe(messages.some((m) => m.hasAttachments));
          expect(row.starred).toBe(messages.some((m) => m.starred));
          expect([...row.messageIds].sort()).toEqual(messages.map((m) => m.id).sort());
          const newestUnreadDate = Math.max(...unread.map((m) => m.date));
          const newestUnread = unread.find((m) => m.id === row.newestUnreadId);
          expect(newestUnread?.date).toBe(newestUnreadDate);
          expect(row.subject).toBe(newestUnread?.subject);
          expect(row.snippet).toBe(newestUnread?.snippet);
          expect(new Set(row.unreadSenders.map((sender) => sender.address))).toEqual(
            new Set(unread.map((m) => m.from.address)),
          );
          expect(row.unreadSenders).toHaveLength(new Set(unread.map((m) => m.from.address)).size);
          expect(row.sendersText.endsWith(`(${messages.length})`)).toBe(messages.length > 1);
        }
      }),
    );
  });

  it('the input order does not matter, and repeating the input changes nothing', () => {
    fc.assert(
      fc.property(
        summaries.chain((input) =>
          fc.tuple(fc.constant(input), fc.shuffledSubarray(input, { minLength: input.length })),
        ),
        ([input, shuffled]) => {
          const rows = groupConversations(input);
          expect(groupConversations(shuffled)).toEqual(rows);
          expect(groupConversations([...input, ...shuffled])).toEqual(rows);
        },
      ),
    );
  });
});
