/**
 * Offline search through the core against the Google emulator: after a sync, the local index (fed by the
 * metadata gets, To included) answers the local subset the way the emulator's Gmail search does, without
 * a request to Google. With the
 * whole unread inbox stored, metadata-only queries give exactly Gmail's ids; plain words find a subset
 * (Gmail also reads bodies this computer has not opened).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { wordsOf } from '../../../electron/shared/words.js';
import { gmailCalls, startHarness, type Harness } from './helpers.js';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ emulator: { users: [{ email: 'alex@example.com', name: 'Alex', unread: 40, read: 10 }] } });
});
afterEach(async () => {
  await h.close();
});

describe('offline search through MailService', () => {
  it('answers from the local index as Gmail (the emulator) answers, without asking Google', async () => {
    const mail = h.service();
    await mail.startAccount(h.accountId);
    const page = await mail.list({ accountId: h.accountId, scope: 'unread', pageSize: 100 });
    expect(page.nextPageToken).toBeNull(); // the whole unread inbox is stored
    const ids = (result: Awaited<ReturnType<typeof mail.searchLocal>>) => {
      if (!result.answerable) throw new Error(`not answerable: ${result.reason}`);
      expect(result.messages.every((m) => m.origin === 'local')).toBe(true);
      return result.messages.map((m) => m.id);
    };
    const local = (query: string) =>
      mail.searchLocal({ accountId: h.accountId, scope: 'unread', query, pageSize: 500 });
    const gmail = async (query: string) =>
      (await mail.list({ accountId: h.accountId, scope: 'unread', query, pageSize: 500 })).messages.map((m) => m.id);
    const first = page.messages[0]!;
    await vi.waitFor(async () => expect(ids(await local(`from:${first.from.address}`))).toContain(first.id));

    const metadataQueries = [
      `from:${first.from.address}`,
      `from:"${first.from.name}"`,
      `to:alex@example.com`,
      `subject:"${wordsOf(first.subject).slice(0, 2).join(' ')}"`,
      `is:starred`,
      `-is:starred from:${wordsOf(page.messages[1]!.from.name)[0] ?? 'x'}`,
      `subject:${wordsOf(first.subject)[0]} OR from:${page.messages[2]!.from.address}`,
      `newer_than:3d`,
    ];
    for (const query of metadataQueries) {
      expect({ query, ids: ids(await local(query)) }).toEqual({ query, ids: await gmail(query) });
    }
    for (const query of [wordsOf(first.subject)[0]!, wordsOf(first.snippet)[1] ?? 'x']) {
      const found = ids(await local(query));
      expect(found.length).toBeGreaterThan(0);
      expect(await gmail(query)).toEqual(expect.arrayContaining(found));
    }
    expect(await local('label:work')).toEqual({ answerable: false, reason: 'label: is not in the local subset' });

    // The local answer never asks Google (so it answers offline too).
    h.emu.resetLog();
    expect(ids(await local(`from:${first.from.address}`))).toContain(first.id);
    expect(gmailCalls(h.emu)).toMatchObject({ list: 0, batch: 0, get: 0, history: 0 });
  });
});
