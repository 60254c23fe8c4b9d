/**
 * The unread conversation count's rules (unread-count.ts, message-actions.ts): how history records and
 * Glance's own actions move it while the listing is incomplete, and what it is once it is complete.
 */
import { describe, expect, it } from 'vitest';
import { LruCache } from '../../../../electron/core/cache/lru.js';
import type { StoredBody, StoredMessage } from '../../../../electron/core/cache/mail-cache.js';
import { OfflineError } from '../../../../electron/core/errors.js';
import { ActionQueue } from '../../../../electron/core/gmail/action-queue.js';
import type { HistoryRecord } from '../../../../electron/core/gmail/gmail-api.js';
import { applyLabelChange, labelChange, type LabelChange } from '../../../../electron/core/gmail/message-actions.js';
import { MailboxView } from '../../../../electron/core/gmail/mailbox-view.js';
import { UnreadCounter, unreadCountDelta } from '../../../../electron/core/gmail/unread-count.js';
import { memoryLogger } from '../../../../electron/core/logging.js';
import { ActionJournal } from '../../../../electron/core/store/action-journal.js';

const UNREAD = ['INBOX', 'UNREAD'];
const READ = ['INBOX'];

const message = (id: string, threadId: string, date: number, labelIds = UNREAD): StoredMessage => ({
  id,
  threadId,
  labelIds,
  from: { name: 'A', address: 'a@example.com' },
  subject: `s ${id}`,
  snippet: '',
  date,
  hasAttachments: false,
});

/** A view listed down to its oldest message, with more to list below (the listing is incomplete). */
function view(messages: StoredMessage[], complete = false): MailboxView {
  const made = new MailboxView();
  for (const m of messages) made.upsert(m);
  made.extendListing(messages, complete ? null : 'next');
  made.historyId = '1';
  return made;
}

/** Applies records as a history sync does, and returns how far they moved the counts. */
function sync(v: MailboxView, records: HistoryRecord[], fetched: StoredMessage[] = []) {
  const before = new Map(v.messages);
  const plan = v.applyHistory(records);
  for (const m of fetched) v.upsert(m);
  return unreadCountDelta(records, before, v, new Set(plan.toFetch));
}

const added = (id: string, threadId: string, labelIds = UNREAD): HistoryRecord => ({
  id: `h-${id}`,
  messagesAdded: [{ message: { id, threadId, labelIds } }],
});
const removed = (id: string, threadId: string, labelIds: string[], after: string[]): HistoryRecord => ({
  id: `h-${id}-${labelIds.join()}`,
  labelsRemoved: [{ message: { id, threadId, labelIds: after }, labelIds }],
});

describe('history moves the unread conversation count (listing incomplete)', () => {
  it('a reply in a conversation with no unread message the view holds: one more conversation', () => {
    const v = view([message('a', 'ta', 10)]);
    const reply = message('r', 'tread', 20);
    expect(sync(v, [added('r', 'tread')], [reply])).toEqual({ messages: 1, conversations: 1 });
  });

  it('a reply in a conversation whose unread message the view holds: the same conversations, one more message', () => {
    const v = view([message('a', 'ta', 10)]);
    const reply = message('r', 'ta', 20);
    expect(sync(v, [added('r', 'ta')], [reply])).toEqual({ messages: 1, conversations: 0 });
  });

  it('two new messages of one new conversation in the same records: one conversation', () => {
    const v = view([message('a', 'ta', 10)]);
    const records = [added('n1', 'tnew'), added('n2', 'tnew')];
    expect(sync(v, records, [message('n1', 'tnew', 20), message('n2', 'tnew', 21)])).toEqual({
      messages: 2,
      conversations: 1,
    });
  });

  it('reading one of two unread messages keeps the conversation; reading the last one takes it out', () => {
    const v = view([message('a1', 'ta', 10), message('a2', 'ta', 11)]);
    expect(sync(v, [removed('a1', 'ta', ['UNREAD'], READ)])).toEqual({ messages: -1, conversations: 0 });
    expect(sync(v, [removed('a2', 'ta', ['UNREAD'], READ)])).toEqual({ messages: -1, conversations: -1 });
  });

  it('its only unread message read and a reply arriving in the same records: still one conversation', () => {
    const v = view([message('a1', 'ta', 10), message('b', 'tb', 12)]);
    const records = [removed('a1', 'ta', ['UNREAD'], READ), added('r', 'ta')];
    expect(sync(v, records, [message('r', 'ta', 20)])).toEqual({ messages: 0, conversations: 0 });
  });

  it('a conversation archived at Gmail (every message in the records): one conversation less', () => {
    const v = view([message('a1', 'ta', 10), message('a2', 'ta', 11), message('b', 'tb', 12)]);
    const records = [removed('a1', 'ta', ['INBOX'], ['UNREAD']), removed('a2', 'ta', ['INBOX'], ['UNREAD'])];
    expect(sync(v, records)).toEqual({ messages: -2, conversations: -1 });
  });

  it('a message the view never held, read elsewhere: its conversation comes from the record', () => {
    const v = view([message('b', 'tb', 12)]);
    expect(sync(v, [removed('old', 'told', ['UNREAD'], READ)])).toEqual({ messages: -1, conversations: -1 });
  });

  it('a message whose states cannot be told moves neither count', () => {
    const v = view([message('b', 'tb', 12)]);
    const unknown: HistoryRecord = {
      id: 'h',
      labelsAdded: [{ message: { id: 'x', threadId: 'tx' }, labelIds: ['STARRED'] }],
    };
    expect(sync(v, [unknown])).toEqual({ messages: 0, conversations: 0 });
  });
});

describe('Glance’s own actions move the conversation count at once', () => {
  const bodies = () => new LruCache<StoredBody>(10, 1_000_000, (body) => body.raw.length);

  it('a conversation action applies to every message of the thread the view holds', () => {
    const v = view([
      message('a1', 'ta', 10),
      message('a2', 'ta', 11),
      message('a3', 'ta', 5, READ),
      message('b', 'tb', 12),
    ]);
    expect(applyLabelChange(v, bodies(), labelChange(['ta'], 'archive', 'threads'))).toEqual({
      messages: -2,
      conversations: -1,
    });
    expect([...v.messages.values()].filter((m) => m.labelIds.includes('INBOX')).map((m) => m.id)).toEqual(['b']);
    expect(applyLabelChange(v, bodies(), labelChange(['ta'], 'unarchive', 'threads'))).toEqual({
      messages: 2,
      conversations: 1,
    });
  });

  it('a message action moves the conversation count only when it was the conversation’s last unread message', () => {
    const v = view([message('a1', 'ta', 10), message('a2', 'ta', 11)]);
    expect(applyLabelChange(v, bodies(), labelChange(['a1'], 'markRead'))).toEqual({ messages: -1, conversations: 0 });
    expect(applyLabelChange(v, bodies(), labelChange(['a2'], 'markRead'))).toEqual({ messages: -1, conversations: -1 });
  });
});

describe('UnreadCounter.shownConversations', () => {
  it('is Google’s count moved by waiting and sent actions until the listing is complete, then the view’s own', () => {
    const v = view([message('a1', 'ta', 10), message('a2', 'ta', 11)]);
    v.unreadConversationCount = 40;
    const counter = new UnreadCounter();
    expect(counter.shownConversations(v)).toBe(40);
    expect(counter.shownConversations(v, -1)).toBe(39);
    counter.moved({ messages: -2, conversations: -1 });
    expect(counter.shownConversations(v)).toBe(39);
    // The sync that reads that action from history settles it: Google's count includes it now.
    counter.settled(counter.mark());
    expect(counter.shownConversations(v)).toBe(40);
    const full = view([message('a1', 'ta', 10), message('a2', 'ta', 11), message('b', 'tb', 9)], true);
    full.unreadConversationCount = 40;
    expect(counter.shownConversations(full)).toBe(2);
  });
});

describe('ActionQueue with conversation actions', () => {
  it('sends thread actions as their own calls (never merged with message actions) and keeps both deltas', async () => {
    const sent: LabelChange[] = [];
    let offline = true;
    const journal = ActionJournal.inMemory();
    const moved: Array<{ messages: number; conversations: number }> = [];
    const queue = new ActionQueue(journal, {
      send: async (change) => {
        if (offline) throw new OfflineError();
        sent.push(change);
      },
      applyLocally: (change) =>
        change.target === 'threads' ? { messages: -2, conversations: -1 } : { messages: -1, conversations: 0 },
      sentToGmail: (delta) => void moved.push(delta),
      changed: () => undefined,
      now: () => 0,
      logger: memoryLogger('test'),
      accountId: 'acct',
    });
    expect(await queue.submit(['m1'], 'archive', true)).toBe('queued');
    expect(await queue.submit(['t1', 't2'], 'archive', true, 'threads')).toBe('queued');
    expect(await queue.submit(['t3'], 'archive', true, 'threads')).toBe('queued');
    expect(queue.queuedDelta()).toEqual({ messages: -5, conversations: -2 });
    expect(queue.pendingCount).toBe(4);
    offline = false;
    await queue.flush();
    expect(sent).toEqual([
      { ids: ['m1'], add: [], remove: ['INBOX'] },
      { ids: ['t1', 't2', 't3'], add: [], remove: ['INBOX'], target: 'threads' },
    ]);
    expect(moved).toEqual([
      { messages: -1, conversations: 0 },
      { messages: -2, conversations: -1 },
      { messages: -2, conversations: -1 },
    ]);
    expect(journal.size).toBe(0);
  });
});
