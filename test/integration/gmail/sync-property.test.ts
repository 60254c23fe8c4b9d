/**
 * Property: whatever happens to the mailbox elsewhere (new mail, read, archived, deleted, labels changed),
 * interleaved with syncs, Glance's unread list ends equal to the server's INBOX ∩ UNREAD, in order.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAllUnread, startHarness, unreadTruth, type Harness } from './helpers.js';

type Step =
  | { type: 'add'; minutesAgo: number; unread: boolean }
  | { type: 'read' | 'unread' | 'archive' | 'unarchive' | 'delete' | 'star' | 'label'; pick: number }
  | { type: 'sync' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    type: fc.constant('add' as const),
    minutesAgo: fc.integer({ min: 0, max: 60 * 24 * 40 }),
    unread: fc.boolean(),
  }),
  fc.record({
    type: fc.constantFrom('read', 'unread', 'archive', 'unarchive', 'delete', 'star', 'label') as fc.Arbitrary<'read'>,
    pick: fc.nat(),
  }),
  fc.constant({ type: 'sync' as const }),
);

let h: Harness;
beforeAll(async () => {
  h = await startHarness({
    email: 'prop@example.com',
    emulator: { quota: false, users: [{ email: 'prop@example.com', name: 'Prop Test', unread: 25, read: 15 }] },
  });
});
afterAll(async () => {
  await h.close();
});

function apply(s: Exclude<Step, { type: 'sync' }>): void {
  const box = h.emu.mailbox(h.email);
  if (s.type === 'add') {
    box.add({ internalDate: Date.now() - s.minutesAgo * 60_000, labelIds: s.unread ? ['INBOX', 'UNREAD'] : ['INBOX'] });
    return;
  }
  const all = box.list();
  if (all.length === 0) return;
  const target = all[s.pick % all.length]!.id;
  switch (s.type) {
    case 'read':
      return box.modify(target, [], ['UNREAD']);
    case 'unread':
      return box.modify(target, ['UNREAD'], []);
    case 'archive':
      return box.modify(target, [], ['INBOX']);
    case 'unarchive':
      return box.modify(target, ['INBOX'], []);
    case 'delete':
      return box.remove(target);
    case 'star':
      return box.modify(target, ['STARRED'], []);
    case 'label':
      return box.modify(target, ['Label_1'], ['STARRED']);
  }
}

describe('sync keeps the local unread view equal to the server', () => {
  it('for random sequences of changes elsewhere interleaved with syncs', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), fc.boolean(), async (steps, expireHistory) => {
        // Each run: a fresh MailService (cold start in its own folder state), synced and fully listed once.
        const mail = h.service({ pageSize: 10 });
        try {
          await mail.removeAccountData(h.accountId);
          await mail.startAccount(h.accountId);
          await listAllUnread(mail, h.accountId, 10);
          for (const s of steps) {
            if (s.type === 'sync') {
              await mail.syncNow(h.accountId);
              expect(await listAllUnread(mail, h.accountId, 10)).toEqual(unreadTruth(h.emu, h.email));
            } else {
              apply(s);
            }
          }
          if (expireHistory) h.emu.mailbox(h.email).expireHistory();
          await mail.syncNow(h.accountId);
          expect(await listAllUnread(mail, h.accountId, 10)).toEqual(unreadTruth(h.emu, h.email));
        } finally {
          await mail.removeAccountData(h.accountId);
          await mail.dispose();
        }
      }),
      { numRuns: 25 },
    );
  });
});
