/**
 * The flagship case through GlanceCore and its IPC dispatch, with the app's own retry policy: an archive made
 * offline is confirmed as queued, survives quitting, and reaches Gmail exactly once after the next start.
 */
import { describe, expect, it, vi } from 'vitest';
import { createGlanceCore } from '../../../electron/core/app-core.js';
import { startGoogleEmulator } from '../../../electron/google-emulator/index.js';
import { heldByEachTest, signInOnEmulator } from './signed-in-core.js';

const held = heldByEachTest();
const folder = held.folder;

describe('an archive made offline, through GlanceCore', () => {
  it('is queued, survives a restart, and reaches the emulator’s mailbox exactly once when Google is back', async () => {
    const emu = (held.emulator = await startGoogleEmulator({
      users: [{ email: 'alex@example.com', name: 'Alex Rivera', unread: 12, read: 2 }],
    }));
    const signedIn = await signInOnEmulator(emu, ['alex@example.com'], { dataDir: await folder('glance-offline-') });
    let core = (held.core = signedIn.core);
    const { options } = signedIn;
    const accountId = signedIn.accountIds[0]!;
    const first = await core.mail.list({ accountId, scope: 'unread' });
    const target = first.messages[0]!.id;
    const count = first.mailboxes[0]!.unreadCount!;

    // Offline: every Gmail request's connection is reset.
    const offline = [
      emu.faults.inject({ match: { kind: 'gmail' }, fault: { type: 'reset' } }),
      emu.faults.inject({ match: { kind: 'batch' }, fault: { type: 'reset' } }),
    ];
    expect(await core.dispatch('messages:modify', [accountId, [target], 'archive'])).toEqual({
      ok: true,
      value: { outcome: 'queued' },
    });
    expect(core.mail.mailboxes()).toMatchObject([{ accountId, unreadCount: count - 1, pendingActions: 1 }]);
    await core.dispose();

    // Back online, the app starts again.
    offline.forEach((remove) => remove());
    core = held.core = await createGlanceCore(options);
    const warm = await core.mail.list({ accountId, scope: 'unread' });
    expect(warm.messages.map((m) => m.id)).not.toContain(target);
    expect(warm.mailboxes[0]).toMatchObject({ unreadCount: count - 1 });
    await vi.waitFor(() => expect(emu.mailbox('alex@example.com').get(target)!.labelIds).not.toContain('INBOX'), {
      timeout: 15_000,
    });
    await vi.waitFor(() => expect(core.mail.mailboxes()).toMatchObject([{ accountId, pendingActions: 0 }]));
    await core.mail.syncNow(accountId);
    const accepted = emu.requestLog.filter(
      (entry) => entry.status === 200 && entry.method === 'POST' && /\/modify$|\/batchModify$/.test(entry.path),
    );
    expect(accepted.map((entry) => entry.path)).toEqual([
      expect.stringMatching(new RegExp(`/messages/${target}/modify$`)),
    ]);
  }, 60_000);
});
