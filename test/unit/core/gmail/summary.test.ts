import { describe, expect, it } from 'vitest';
import { isUnreadInbox, parseFrom, toStoredMessage, toSummary } from '../../../../electron/core/gmail/summary.js';
import { messageSearchColumns } from '../../../../electron/core/search/search-text.js';
import {
  capText,
  LIST_NAME_MAX_CHARS,
  LIST_SUBJECT_MAX_CHARS,
  SEARCH_RECIPIENTS_MAX_CHARS,
} from '../../../../electron/shared/input-limits.js';

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

  it('caps a 2 MB subject, a long name and 5,000 recipients for the list, the store and the search index', () => {
    const subject = `Quarterly ${'numbers '.repeat(256 * 1024)}`; // 2 MB
    const name = `Ann ${'von '.repeat(1000)}Berg`;
    const to = Array.from({ length: 5000 }, (_, i) => `Person ${i} <p${i}@example.com>`).join(', ');
    const stored = toStoredMessage({
      id: 'big',
      threadId: 'big',
      labelIds: ['INBOX', 'UNREAD'],
      snippet: 'Hi',
      internalDate: '1764158400000',
      payload: {
        headers: [
          { name: 'From', value: `"${name}" <ann@example.com>` },
          { name: 'To', value: to },
          { name: 'Subject', value: subject },
        ],
      },
    });
    expect(stored.subject.length).toBe(LIST_SUBJECT_MAX_CHARS);
    expect(stored.subject).toMatch(/^Quarterly numbers numbers .*…$/);
    expect(stored.from).toEqual({ name: capText(name, LIST_NAME_MAX_CHARS), address: 'ann@example.com' });
    expect(stored.from.name.length).toBe(LIST_NAME_MAX_CHARS);
    expect(stored.to!.length).toBeLessThanOrEqual(SEARCH_RECIPIENTS_MAX_CHARS);
    expect(stored.to).toMatch(/^Person 0 <p0@example.com>, /);
    const row = toSummary(stored, 'acct-1');
    expect(JSON.stringify(row).length).toBeLessThan(2000);
    const columns = messageSearchColumns(stored);
    expect(columns.subject.length + columns.sender.length).toBeLessThan(
      LIST_SUBJECT_MAX_CHARS + LIST_NAME_MAX_CHARS * 2,
    );
  });

  it('caps rows stored before the caps existed when it serves them, and the index input too', () => {
    const old = toStoredMessage({ id: 'o', threadId: 'o', payload: { headers: [] } });
    const huge = { ...old, subject: 'x'.repeat(2_000_000), from: { name: 'n'.repeat(10_000), address: 'a@b' } };
    const row = toSummary(huge, 'acct-1');
    expect(row.subject.length).toBe(LIST_SUBJECT_MAX_CHARS);
    expect(row.from.name.length).toBe(LIST_NAME_MAX_CHARS);
    const columns = messageSearchColumns({ ...huge, to: 'r@x '.repeat(100_000) });
    expect(columns.subject.length).toBeLessThanOrEqual(LIST_SUBJECT_MAX_CHARS);
    expect(columns.recipients.length).toBeLessThanOrEqual(SEARCH_RECIPIENTS_MAX_CHARS * 2);
  });
});

describe('capText', () => {
  it('cuts on a grapheme boundary and ends with an ellipsis', () => {
    expect(capText('short', 10)).toBe('short');
    expect(capText('abcdefghij', 5)).toBe('abcd…');
    // A family emoji (7 code units) across the cut goes whole; an accent stays with its letter.
    expect(capText('ab👩‍👩‍👧cd', 6)).toBe('ab…');
    expect(capText('abe\u0301fg', 5)).toBe('abe\u0301…');
    expect(capText('abe\u0301fg', 4)).toBe('ab…');
    expect(capText('a😀b', 3)).toBe('a…');
  });
});
