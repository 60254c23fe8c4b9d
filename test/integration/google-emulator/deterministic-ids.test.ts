// The README's promise "same seed → same mailbox, ids and all": ids must not depend on when the emulator started.
import { afterEach, describe, expect, it } from 'vitest';
import {
  startGoogleEmulator,
  type EmulatorOptions,
  type GoogleEmulator,
} from '../../../electron/google-emulator/index.js';
import { signIn } from './helpers.js';

const running: GoogleEmulator[] = [];
async function start(options: EmulatorOptions): Promise<GoogleEmulator> {
  const emulator = await startGoogleEmulator({
    users: [
      { email: 'alex@example.com', name: 'Alex Rivera', unread: 30, read: 20 },
      { email: 'sam@example.com', name: 'Sam Okafor', unread: 4, read: 6 },
    ],
    ...options,
  });
  running.push(emulator);
  return emulator;
}
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

/** A clock fixed at `at`: two emulators started "hours apart" without waiting hours. */
const clockAt = (at: number) => ({ now: () => at });

/** Everything a client can learn about the mailbox's identity through the API. */
async function listedIdentity(emulator: GoogleEmulator, email: string) {
  const { gmail } = await signIn(emulator, { email });
  const list = await gmail.users.messages.list({ userId: 'me', maxResults: 500, includeSpamTrash: true });
  const profile = await gmail.users.getProfile({ userId: 'me' });
  return {
    messages: (list.data.messages ?? []).map((message) => `${message.id}/${message.threadId}`),
    historyId: profile.data.historyId,
  };
}

describe('deterministic ids', () => {
  it('two emulators with the same seed, started at different times, list the same message, thread and history ids', async () => {
    const morning = await start({ seed: 5, clock: clockAt(Date.UTC(2026, 11, 7, 8)) });
    const evening = await start({ seed: 5, clock: clockAt(Date.UTC(2026, 11, 7, 19, 42, 17, 3)) });
    for (const email of ['alex@example.com', 'sam@example.com']) {
      const first = await listedIdentity(morning, email);
      const second = await listedIdentity(evening, email);
      expect(first.messages.length).toBeGreaterThan(0);
      expect(second).toEqual(first);
      for (const entry of first.messages) expect(entry).toMatch(/^[0-9a-f]{16}\/[0-9a-f]{16}$/);
    }
    // Dates still follow each emulator's clock: only the ids are pinned.
    const newest = (emulator: GoogleEmulator) => Number(emulator.mailbox('alex@example.com').list()[0]!.internalDate);
    expect(newest(evening) - newest(morning)).toBe(Date.UTC(2026, 11, 7, 19, 42, 17, 3) - Date.UTC(2026, 11, 7, 8));
  });

  it('the default wall clock gives the same ids too (two real start-ups)', async () => {
    const first = await start({ seed: 9 });
    await new Promise((resolve) => setTimeout(resolve, 5)); // the wall clock moves on between the two start-ups
    const second = await start({ seed: 9 });
    const ids = (emulator: GoogleEmulator) =>
      emulator
        .mailbox('alex@example.com')
        .list()
        .map((message) => message.id);
    expect(ids(second)).toEqual(ids(first));
  });

  it('messages that arrive later get the same ids and history ids on every run, newer than every seeded id', async () => {
    const runs = [
      await start({ seed: 5, clock: clockAt(Date.UTC(2026, 11, 7, 8)) }),
      await start({ seed: 5, clock: clockAt(Date.UTC(2026, 11, 8, 13)) }),
    ];
    const arrivals = runs.map((emulator) => {
      const mailbox = emulator.mailbox('alex@example.com');
      const seeded = mailbox.list().map((message) => message.id);
      const ids = [mailbox.add(), mailbox.add({ subject: 'Second' }), emulator.mailbox('sam@example.com').add()];
      for (const id of ids.slice(0, 2)) expect(seeded.every((old) => old < id)).toBe(true);
      return { ids, history: mailbox.historyId() };
    });
    expect(arrivals[1]).toEqual(arrivals[0]);
    expect(new Set(arrivals[0]!.ids).size).toBe(3);
  });

  it('a different seed gives different ids', async () => {
    const five = await start({ seed: 5, clock: clockAt(Date.UTC(2026, 11, 7, 8)) });
    const six = await start({ seed: 6, clock: clockAt(Date.UTC(2026, 11, 7, 8)) });
    const ids = (emulator: GoogleEmulator) =>
      new Set((emulator.mailbox('alex@example.com').list() ?? []).map((m) => m.id));
    const shared = [...ids(five)].filter((id) => ids(six).has(id));
    expect(shared).toEqual([]);
    expect(five.mailbox('alex@example.com').add()).not.toBe(six.mailbox('alex@example.com').add());
    expect((await listedIdentity(five, 'alex@example.com')).historyId).not.toBe(
      (await listedIdentity(six, 'alex@example.com')).historyId,
    );
  });
});
