import type { CacheSnapshot, StoredBody, StoredMessage } from '../../../../electron/core/cache/mail-cache.js';

export const ACCOUNT = '104857600000000000001';
export const SECRET_SUBJECT = 'Quarterly numbers — confidential';

export function message(id: string, overrides: Partial<StoredMessage> = {}): StoredMessage {
  return {
    id,
    threadId: id,
    labelIds: ['INBOX', 'UNREAD'],
    from: { name: 'Ann', address: 'ann@example.com' },
    subject: SECRET_SUBJECT,
    snippet: 'numbers',
    date: 1_700_000_000_000 - Number(id.replace(/\D/g, '') || 0),
    hasAttachments: false,
    ...overrides,
  };
}

export function body(id: string, bytes = 100): StoredBody {
  return { id, threadId: id, labelIds: ['INBOX', 'UNREAD'], raw: 'x'.repeat(bytes) };
}

export function snapshot(overrides: Partial<CacheSnapshot> = {}): CacheSnapshot {
  return {
    schemaVersion: 1,
    accountId: ACCOUNT,
    historyId: '4242',
    lastSyncedAt: 1_700_000_000_000,
    unreadCount: 1,
    listing: { complete: true, nextPageToken: null, boundary: { date: 1, id: 'a1' } },
    messages: [message('a1')],
    bodies: [{ ...body('a1'), raw: Buffer.from(`Subject: ${SECRET_SUBJECT}\r\n\r\nbody`).toString('base64url') }],
    ...overrides,
  };
}
