/**
 * What the notification settings ask of the core, through the renderer's channels (dispatch) against the
 * emulator: the account's own labels for "chosen labels" (labels.list, only when asked), the labels of new
 * mail on the change (what the Primary and label rules read), and "Send a test notification".
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GlanceCore, GlanceCoreOptions } from '../../../electron/core/app-core.js';
import { memoryLogger } from '../../../electron/core/logging.js';
import { startGoogleEmulator, type GoogleEmulator } from '../../../electron/google-emulator/index.js';
import { signInOnEmulator } from './signed-in-core.js';
import { notificationActionRunner } from '../../../electron/main/event-router.js';
import type { GmailLabel, MailboxChange, TestNotificationResult } from '../../../electron/shared/ipc-contract.js';

let core: GlanceCore | null = null;
let emulator: GoogleEmulator | null = null;
afterEach(async () => {
  await core?.dispose();
  await emulator?.close();
  core = null;
  emulator = null;
});

async function signedIn(extra: Partial<GlanceCoreOptions> = {}) {
  emulator = await startGoogleEmulator({ users: [{ email: 'alex@example.com', name: 'Alex', unread: 5, read: 2 }] });
  const dataDir = await mkdtemp(join(tmpdir(), 'glance-notify-'));
  const signedInCore = await signInOnEmulator(emulator, ['alex@example.com'], { ...extra, dataDir });
  core = signedInCore.core;
  return { core, emulator, accountId: signedInCore.accountIds[0]! };
}

const labelRequests = (emu: GoogleEmulator) =>
  emu.requestLog.filter((entry) => entry.kind === 'gmail' && /\/labels$/.test(entry.path));

describe('labels for the "chosen labels" rule', () => {
  it('labels:list answers the account’s own labels by name, asked of Gmail only when called', async () => {
    const { core: glance, emulator: emu, accountId } = await signedIn();
    await glance.mail.list({ accountId, scope: 'unread' });
    await glance.mail.syncNow(accountId);
    expect(labelRequests(emu)).toHaveLength(0); // syncing never lists labels
    const result = await glance.dispatch('labels:list', [accountId]);
    expect(result).toEqual({
      ok: true,
      value: [
        { id: 'Label_1', name: 'Receipts' },
        { id: 'Label_2', name: 'Travel/2026' },
      ] satisfies GmailLabel[],
    });
    expect(labelRequests(emu)).toHaveLength(1);
  });

  it('an account that is not signed in gets a clear error', async () => {
    const { core: glance } = await signedIn();
    const result = await glance.dispatch('labels:list', ['someone-else']);
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});

describe('new mail carries its labels', () => {
  it('the change announcing it has arrivedLabelIds (Primary category, user labels) for the rules', async () => {
    const { core: glance, emulator: emu, accountId } = await signedIn();
    await glance.mail.list({ accountId, scope: 'unread' });
    const changes: MailboxChange[] = [];
    glance.onEvent((event, payload) => {
      if (event === 'mailbox:changed') changes.push(payload as MailboxChange);
    });
    const box = emu.mailbox('alex@example.com');
    const primary = box.add({ subject: 'Dinner?', labelIds: ['INBOX', 'UNREAD', 'CATEGORY_PERSONAL'] });
    const receipt = box.add({ subject: 'Your receipt', labelIds: ['INBOX', 'UNREAD', 'CATEGORY_UPDATES', 'Label_1'] });
    await glance.mail.syncNow(accountId);
    const arrival = changes.find((change) => change.arrivedIds.length > 0);
    expect(arrival?.arrivedIds.sort()).toEqual([primary, receipt].sort());
    expect(arrival?.arrivedLabelIds?.[primary]).toEqual(expect.arrayContaining(['CATEGORY_PERSONAL']));
    expect(arrival?.arrivedLabelIds?.[receipt]).toEqual(expect.arrayContaining(['Label_1', 'CATEGORY_UPDATES']));
  });
});

describe('a notification’s Archive button', () => {
  it('reaches Gmail (the emulator’s mailbox) through the core, and the app’s Unarchive undoes it', async () => {
    const { core: glance, emulator: emu, accountId } = await signedIn();
    const page = await glance.mail.list({ accountId, scope: 'unread' });
    const id = page.messages[0]!.id;
    const box = emu.mailbox('alex@example.com');
    expect(box.get(id)?.labelIds).toContain('INBOX');
    const toldWindow: unknown[] = [];
    const sendToWindow = (event: string, payload: unknown) => toldWindow.push([event, payload]);
    await notificationActionRunner({ core: glance, logger: memoryLogger(), sendToWindow })(
      { accountId, messageId: id },
      'archive',
    );
    expect(box.get(id)?.labelIds).not.toContain('INBOX');
    // The window is told, so it can offer Undo (what its Undo sends is the unarchive below).
    expect(toldWindow).toEqual([
      ['action:fromNotification', { accountId, messageIds: [id], action: 'archive', outcome: 'sent' }],
    ]);
    const after = await glance.mail.list({ accountId, scope: 'unread' });
    expect(after.messages.map((m) => m.id)).not.toContain(id);
    expect(await glance.dispatch('messages:modify', [accountId, [id], 'unarchive'])).toEqual({
      ok: true,
      value: { outcome: 'sent' },
    });
    expect(box.get(id)?.labelIds).toContain('INBOX');
  });
});

describe('Send a test notification', () => {
  it('goes to the desktop notifier and answers what the system said', async () => {
    const answer: TestNotificationResult = { outcome: 'shown', message: 'The system showed the test notification.' };
    const test = vi.fn(async () => answer);
    const { core: glance } = await signedIn({ notifier: { test } });
    expect(await glance.dispatch('notifications:test', [])).toEqual({ ok: true, value: answer });
    expect(test).toHaveBeenCalledOnce();
  });

  it('without a desktop (no notifier) it says notifications are unsupported', async () => {
    const { core: glance } = await signedIn();
    expect(await glance.dispatch('notifications:test', [])).toMatchObject({
      ok: true,
      value: { outcome: 'unsupported' },
    });
  });
});
