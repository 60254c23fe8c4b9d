import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../../../electron/core/cache/mail-cache.js';
import { MailboxChanges } from '../../../../electron/core/gmail/mailbox-changes.js';
import { MailboxView } from '../../../../electron/core/gmail/mailbox-view.js';
import { unreadCountDelta } from '../../../../electron/core/gmail/unread-count.js';
import {
  afterUnified,
  compareUnified,
  decodeSearchToken,
  decodeUnifiedCursor,
  encodeSearchToken,
  encodeUnifiedCursor,
} from '../../../../electron/core/gmail/unified.js';
import type { SyncState } from '../../../../electron/shared/ipc-contract.js';

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

const idle: SyncState = { accountId: 'acct', status: 'idle', lastSyncedAt: null };
const status = (unreadCount: number | null, sync: SyncState = idle) => ({
  accountId: 'acct',
  unreadCount,
  unreadConversationCount: unreadCount,
  sync,
  pendingActions: 0,
  droppedActions: 0,
});

function listed(messages: StoredMessage[], complete: boolean): MailboxView {
  const view = new MailboxView();
  for (const m of messages) view.upsert(m);
  view.extendListing(messages, complete ? null : 'next');
  view.historyId = '1';
  return view;
}

describe('MailboxChanges', () => {
  it('publishes nothing (and keeps the version) when neither a message nor the status changed', () => {
    const view = listed([message('a', 3), message('b', 2)], true);
    const changes = new MailboxChanges('acct', view, status(2));
    expect(changes.next(view, status(2))).toBeNull();
    expect(changes.version).toBe(0);
  });

  it('a sync state change alone is a version too, with no messages', () => {
    const view = listed([message('a', 3)], true);
    const changes = new MailboxChanges('acct', view, status(1));
    const change = changes.next(view, status(1, { ...idle, status: 'syncing' }));
    expect(change).toMatchObject({ version: 1, added: [], updated: [], removedIds: [], arrivedIds: [] });
    expect(change?.sync.status).toBe('syncing');
    expect(changes.status()).toMatchObject({ version: 1, sync: { status: 'syncing' } });
  });

  it('added carries everything that entered (arrivedIds only the new mail), updated the star, removed what left', () => {
    const view = listed([message('a', 5), message('b', 4), message('c', 3)], false);
    const changes = new MailboxChanges('acct', view, status(9));
    view.upsert(message('new', 6));
    view.upsert(message('listed', 2));
    view.extendListing([message('listed', 2)], 'more');
    view.applyLabels('b', ['STARRED'], []);
    view.applyLabels('c', [], ['UNREAD']);
    const change = changes.next(view, status(9), { arrived: new Set(['new']) });
    expect(change?.added.map((m) => m.id)).toEqual(['new', 'listed']);
    expect(change?.added.every((m) => m.accountId === 'acct')).toBe(true);
    expect(change?.arrivedIds).toEqual(['new']);
    expect(change?.updated.map((m) => [m.id, m.starred])).toEqual([['b', true]]);
    expect(change?.removedIds).toEqual(['c']);
    expect(change?.version).toBe(1);
  });

  it('carries the labels of arrived mail only (what the notification rules read), not of every added row', () => {
    const view = listed([message('a', 5)], false);
    const changes = new MailboxChanges('acct', view, status(1));
    view.upsert(message('primary', 7, ['INBOX', 'UNREAD', 'CATEGORY_PERSONAL']));
    view.upsert(message('receipt', 6, ['INBOX', 'UNREAD', 'CATEGORY_UPDATES', 'Label_1']));
    view.upsert(message('listed', 2));
    view.extendListing([message('listed', 2)], 'more');
    const change = changes.next(view, status(3), { arrived: new Set(['primary', 'receipt']) });
    expect(change?.added.map((m) => m.id)).toEqual(['primary', 'receipt', 'listed']);
    expect(change?.arrivedLabelIds).toEqual({
      primary: ['INBOX', 'UNREAD', 'CATEGORY_PERSONAL'],
      receipt: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES', 'Label_1'],
    });
    // A change without arrivals carries an empty map.
    view.applyLabels('a', ['STARRED'], []);
    expect(changes.next(view, status(3))?.arrivedLabelIds).toEqual({});
  });

  it('after a full resync, what lies below the new listing boundary is not reported removed until known gone', () => {
    const old = listed([message('a', 5), message('b', 4), message('far', 1)], false);
    const changes = new MailboxChanges('acct', old, status(3));
    const resynced = listed([message('a', 5), message('c', 3)], false); // the new first page ends at 'c'
    const change = changes.next(resynced, status(3));
    expect(change?.removedIds).toEqual(['b']); // within the new range and absent: known gone
    expect(change?.added.map((m) => m.id)).toEqual(['c']);
    expect(changes.next(resynced, status(3))).toBeNull();
    // Glance itself archived 'far': gone even below the boundary.
    expect(changes.next(resynced, status(2), { gone: new Set(['far']) })?.removedIds).toEqual(['far']);
  });
});

describe('unreadCountDelta', () => {
  it('counts entered minus left from the records, whatever the view learned since', () => {
    const view = listed([message('known', 5)], false);
    const before = new Map([['known', message('known', 5)]]);
    // The view listed 'listedSince' after the count was read; the record says it arrived then.
    view.upsert(message('listedSince', 4));
    view.applyLabels('known', [], ['UNREAD']);
    const delta = unreadCountDelta(
      [
        { id: '2', messagesAdded: [{ message: { id: 'listedSince', labelIds: ['INBOX', 'UNREAD'] } }] },
        { id: '3', labelsRemoved: [{ message: { id: 'known', labelIds: ['INBOX'] }, labelIds: ['UNREAD'] }] },
        { id: '4', labelsRemoved: [{ message: { id: 'unlisted', labelIds: ['UNREAD'] }, labelIds: ['INBOX'] }] },
        { id: '5', messagesDeleted: [{ message: { id: 'gone', labelIds: ['INBOX', 'UNREAD'] } }] },
        {
          id: '6',
          labelsAdded: [
            { message: { id: 'starred', labelIds: ['INBOX', 'UNREAD', 'STARRED'] }, labelIds: ['STARRED'] },
          ],
        },
      ],
      before,
      view,
      new Set(),
    );
    expect(delta.messages).toBe(1 - 1 - 1 - 1);
  });
});

describe('unified order and tokens', () => {
  it('orders by date, then account, then id (descending), and round-trips its cursors', () => {
    const rows = [
      { date: 1, accountId: 'b', id: '1' },
      { date: 2, accountId: 'b', id: '1' },
      { date: 2, accountId: 'a', id: '1' },
      { date: 2, accountId: 'a', id: '2' },
    ];
    expect([...rows].sort(compareUnified)).toEqual([rows[3], rows[2], rows[1], rows[0]]);
    const cursor = { date: 2, accountId: 'a', id: '1' };
    expect(decodeUnifiedCursor(encodeUnifiedCursor(cursor))).toEqual(cursor);
    expect(decodeUnifiedCursor('v1.abc')).toBeNull();
    const after = afterUnified(cursor, 'b');
    expect(after(message('1', 2))).toBe(true); // same date, later account
    expect(afterUnified(cursor, 'a')(message('2', 2))).toBe(false);
    expect(decodeSearchToken(encodeSearchToken({ a: 'tokA' })!)).toEqual({ a: 'tokA' });
    expect(encodeSearchToken({})).toBeNull();
    expect(decodeSearchToken('u1.xyz')).toBeNull();
  });
});
