import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../../../electron/core/cache/mail-cache.js';
import { decodeCursor, encodeCursor, MailboxView } from '../../../../electron/core/gmail/mailbox-view.js';

const message = (id: string, date: number, labelIds = ['INBOX', 'UNREAD']): StoredMessage => ({
  id,
  threadId: id,
  labelIds,
  from: { name: 'A', address: 'a@example.com' },
  subject: `s ${id}`,
  snippet: '',
  date,
  hasAttachments: false,
});

function viewWith(messages: StoredMessage[], complete: boolean): MailboxView {
  const view = new MailboxView();
  for (const m of messages) view.upsert(m);
  view.extendListing(messages, complete ? null : 'next');
  view.historyId = '100';
  return view;
}

describe('MailboxView', () => {
  it('fetches only arrivals that are unread in the inbox (or whose labels Gmail did not say)', () => {
    const view = viewWith([message('a', 1)], true);
    const plan = view.applyHistory([
      {
        id: '101',
        messagesAdded: [
          { message: { id: 'sent', labelIds: ['SENT'] } },
          { message: { id: 'spam', labelIds: ['SPAM', 'UNREAD'] } },
          { message: { id: 'read', labelIds: ['INBOX'] } },
          { message: { id: 'new', labelIds: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES'] } },
          { message: { id: 'unsaid' } },
          { message: { id: 'later', labelIds: ['SENT'] } },
        ],
        labelsAdded: [
          { message: { id: 'later', labelIds: ['SENT', 'INBOX', 'UNREAD'] }, labelIds: ['INBOX', 'UNREAD'] },
        ],
      },
    ]);
    expect(plan.toFetch.sort()).toEqual(['later', 'new', 'unsaid']);
  });

  it('serves unread inbox messages newest first, ties by id', () => {
    const view = viewWith(
      [message('a', 1), message('b', 3), message('c', 2), message('d', 3), message('r', 5, ['INBOX'])],
      true,
    );
    expect(view.serveable().map((m) => m.id)).toEqual(['d', 'b', 'c', 'a']);
  });

  it('pages with a cursor that survives new mail arriving at the top', () => {
    const view = viewWith([message('a', 1), message('b', 2), message('c', 3), message('d', 4)], true);
    const first = view.page(null, 2);
    expect(first.items.map((m) => m.id)).toEqual(['d', 'c']);
    expect(first.more).toBe(true);
    view.upsert(message('new', 10));
    const cursor = decodeCursor(encodeCursor(first.items[1]!))!;
    const second = view.page(cursor, 2);
    expect(second.items.map((m) => m.id)).toEqual(['b', 'a']);
    expect(second.more).toBe(false);
  });

  it('stops at the listing boundary until the listing is complete', () => {
    const view = viewWith([message('c', 30), message('b', 20)], false);
    // Known from history but older than anything listed: must not be served before the listing reaches it.
    view.upsert(message('old', 5));
    const page = view.page(null, 10);
    expect(page.items.map((m) => m.id)).toEqual(['c', 'b']);
    expect(page.exhausted).toBe(true);
    view.extendListing([message('a', 10)], null);
    expect(view.page(null, 10).items.map((m) => m.id)).toEqual(['c', 'b', 'old']);
  });

  it('rejects page tokens that are not its own', () => {
    expect(decodeCursor('CAEQ')).toBeNull();
    expect(decodeCursor('v1.!!!')).toBeNull();
  });

  it('applies history: label deltas on known messages, fetches unknown relevant ones, drops deleted ones', () => {
    const view = viewWith([message('a', 1), message('b', 2), message('c', 3)], true);
    const plan = view.applyHistory([
      {
        id: '101',
        labelsRemoved: [{ message: { id: 'a', threadId: 'a', labelIds: ['INBOX'] }, labelIds: ['UNREAD'] }],
      },
      { id: '102', messagesAdded: [{ message: { id: 'n1', threadId: 'n1', labelIds: ['INBOX', 'UNREAD'] } }] },
      { id: '103', messagesAdded: [{ message: { id: 'n2', threadId: 'n2', labelIds: ['INBOX', 'UNREAD'] } }] },
      {
        id: '104',
        messagesDeleted: [{ message: { id: 'n2', threadId: 'n2' } }, { message: { id: 'b', threadId: 'b' } }],
      },
      {
        id: '105',
        labelsAdded: [{ message: { id: 'x', threadId: 'x', labelIds: ['INBOX', 'UNREAD'] }, labelIds: ['UNREAD'] }],
      },
      {
        id: '106',
        labelsAdded: [
          { message: { id: 'y', threadId: 'y', labelIds: ['CATEGORY_PROMOTIONS'] }, labelIds: ['STARRED'] },
        ],
      },
    ]);
    expect(plan.toFetch.sort()).toEqual(['n1', 'x']);
    expect([...plan.arrived]).toEqual(['n1']);
    expect(view.serveable().map((m) => m.id)).toEqual(['c']);
    expect(view.messages.get('a')?.labelIds).toEqual(['INBOX']);
  });

  it('replaying records already reflected leaves the same state (last change per label wins)', () => {
    const view = viewWith([message('a', 1)], true);
    const records = [
      { id: '1', labelsRemoved: [{ message: { id: 'a' }, labelIds: ['UNREAD'] }] },
      { id: '2', labelsAdded: [{ message: { id: 'a' }, labelIds: ['UNREAD'] }] },
    ];
    view.applyHistory(records);
    view.applyHistory(records);
    expect(view.serveable().map((m) => m.id)).toEqual(['a']);
  });

  it('round-trips through a cache snapshot', () => {
    const view = viewWith([message('a', 1), message('b', 2)], false);
    view.unreadCount = 7;
    const copy = MailboxView.fromSnapshot(view.toSnapshot('acct', []));
    expect(copy.serveable()).toEqual(view.serveable());
    expect(copy.listing).toEqual(view.listing);
    expect(copy.unreadCount).toBe(7);
    expect(copy.historyId).toBe('100');
  });
});
