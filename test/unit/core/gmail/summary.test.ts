import { describe, expect, it } from 'vitest';
import { isUnreadInbox, parseFrom, toStoredMessage, toSummary } from '../../../../electron/core/gmail/summary.js';

describe('summary mapping', () => {
  it('counts unread inbox mail, never spam or trash', () => {
    expect(isUnreadInbox(['INBOX', 'UNREAD', 'CATEGORY_PERSONAL'])).toBe(true);
    expect(isUnreadInbox(['INBOX', 'UNREAD', 'SPAM'])).toBe(false);
    expect(isUnreadInbox(['INBOX', 'UNREAD', 'TRASH'])).toBe(false);
    expect(isUnreadInbox(['INBOX'])).toBe(false);
  });

  it('parses From in its usual shapes, including RFC 2047 encoded names', () => {
    expect(parseFrom('"Rivera, Alex" <alex@example.com>')).toEqual({
      name: 'Rivera, Alex',
      address: 'alex@example.com',
    });
    expect(parseFrom('sam@example.com')).toEqual({ name: '', address: 'sam@example.com' });
    expect(parseFrom('=?UTF-8?B?w4lsb2RpZQ==?= <elodie@example.fr>')).toEqual({
      name: 'Élodie',
      address: 'elodie@example.fr',
    });
    expect(parseFrom(undefined)).toEqual({ name: '', address: '' });
  });

  it('builds a row from format=metadata: date from internalDate, labels to flags, attachments from multipart/mixed', () => {
    const stored = toStoredMessage({
      id: '18c1',
      threadId: '18c0',
      labelIds: ['INBOX', 'UNREAD', 'STARRED'],
      snippet: 'Hello',
      internalDate: '1764158400000',
      payload: {
        mimeType: 'multipart/mixed',
        headers: [
          { name: 'From', value: 'Ann <ann@example.com>' },
          { name: 'Subject', value: '=?ISO-8859-1?Q?Caf=E9?= menu' },
          { name: 'Content-Type', value: 'multipart/mixed; boundary="x"' },
        ],
      },
    });
    expect(toSummary(stored, 'acct-1')).toEqual({
      accountId: 'acct-1',
      id: '18c1',
      threadId: '18c0',
      from: { name: 'Ann', address: 'ann@example.com' },
      subject: 'Café menu',
      snippet: 'Hello',
      date: 1764158400000,
      unread: true,
      starred: true,
      inInbox: true,
      hasAttachments: true,
    });
    const plain = toStoredMessage({
      id: 'b',
      threadId: 'b',
      payload: { headers: [{ name: 'Content-Type', value: 'multipart/related; type="text/html"' }] },
    });
    expect(plain.hasAttachments).toBe(false);
    expect(toSummary(plain, 'acct-1')).toMatchObject({ unread: false, inInbox: false, subject: '' });
  });
});
